"""How the classroom names the teams: "the Soviet team", "the German team".

A scenario may name its teams itself (``team`` of ``[[powers]]``); without that the
names below, or "the <power> team", are used.
"""

from __future__ import annotations

from game.scenario.model import Scenario

TEAM_NAMES = {"ussr": "the Soviet team", "germany": "the German team", "west": "the Western team"}


def team_name(scenario: Scenario, power: str) -> str:
    """The team that plays ``power``, as the screen and the printouts call it.

    >>> from game.scenario import load_scenario
    >>> team_name(load_scenario("scenarios/1943.toml"), "germany")
    'the German team'
    """
    try:
        found = scenario.power(power)
    except KeyError:
        return TEAM_NAMES.get(power, "your team")
    named = getattr(found, "team", None)
    if named:
        return named if named.lower().startswith("the ") else f"the {named}"
    return TEAM_NAMES.get(power, f"the {found.name} team")


def player_name(scenario: Scenario, power: str) -> str:
    """Who decided for ``power`` in history (``player`` of ``[[powers]]``), or the power's name."""
    try:
        found = scenario.power(power)
    except KeyError:
        return power
    return getattr(found, "player", None) or found.name
