"""Who sits at the table: the one reading of ``--human`` (and of the window's choice of teams),
and what the screens and printouts call each team."""

from __future__ import annotations

from game.scenario.model import Scenario


def parse_humans(text: str | None, scenario: Scenario) -> tuple[str, ...]:
    """The powers people play, from ``"ussr, Germany"``; None or blank: the scenario's human powers.

    Raises ValueError naming the unknown powers and the known ones.

    >>> from game.scenario import load_scenario
    >>> scenario = load_scenario("scenarios/1943.toml")
    >>> parse_humans("west, USSR,west", scenario), parse_humans(None, scenario)
    (('west', 'ussr'), ('ussr',))
    """
    known = [power.id for power in scenario.powers]
    if text is None or not text.strip():
        return scenario.human_powers or (known[0],)
    humans = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [power for power in humans if power not in known]
    if unknown:
        raise ValueError(f"unknown power(s) {unknown}; choose from {known}")
    return humans


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


def player_name(scenario: Scenario, power: str) -> str:
    """Who decided for ``power`` in history (``player`` of ``[[powers]]``), or the power's name."""
    try:
        found = scenario.power(power)
    except KeyError:
        return power
    return getattr(found, "player", None) or found.name
