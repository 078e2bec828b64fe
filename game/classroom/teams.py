"""How the classroom names the teams: the scenario's ``team`` of each power."""

from __future__ import annotations

from game.scenario.model import Scenario


def team_name(scenario: Scenario, power: str) -> str:
    """The team that plays ``power``, as the screen and the printouts call it.

    >>> from game.scenario import load_scenario
    >>> team_name(load_scenario("scenarios/1943.toml"), "germany")
    'the German team'
    """
    try:
        found = scenario.power(power)
    except KeyError:
        return "your team"
    if found.team:
        return found.team
    name = found.name[4:] if found.name.lower().startswith("the ") else found.name
    return f"the {name} team"
