"""How the classroom names the teams: "the Soviet team", "the German team"."""

from __future__ import annotations

from game.scenario.model import Scenario

TEAM_NAMES = {"ussr": "the Soviet team", "germany": "the German team", "west": "the Western team"}


def team_name(scenario: Scenario, power: str) -> str:
    """The team that plays ``power``, as the screen and the printouts call it.

    >>> from game.scenario import load_scenario
    >>> team_name(load_scenario("scenarios/1943.toml"), "germany")
    'the German team'
    """
    if power in TEAM_NAMES:
        return TEAM_NAMES[power]
    try:
        return f"the {scenario.power(power).name} team"
    except KeyError:
        return "your team"
