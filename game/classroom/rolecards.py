"""Role sheets: ``python -m game rolecards --pdf FILE [--paper a4|letter] [--scenario F]``.

The role sheets of the student packet (:mod:`game.classroom.packet`) on their own, one
per power, made from the scenario's data; an edited scenario prints its own sheets.
This module also puts a reveal condition into words.
"""

from __future__ import annotations

import re
from pathlib import Path

from game.scenario.expressions import Expression
from game.scenario.model import Scenario


def write_rolecards_pdf(scenario: Scenario, path: str | Path, paper: str = "a4") -> Path:
    """Write a role sheet per power; returns the path."""
    from game.classroom.packet import write_role_sheets_pdf

    return write_role_sheets_pdf(scenario, path, paper)


def readable(scenario: Scenario, condition: Expression) -> str:
    """A reveal condition in words: ``exposure >= 40`` as "Exposure reaches 40".

    >>> from game.scenario import load_scenario
    >>> scenario = load_scenario("scenarios/1943.toml")
    >>> readable(scenario, scenario.variables[scenario.column("berlin_channel")].reveal_for("west"))
    'Exposure reaches 40'
    >>> readable(scenario, scenario.variables[scenario.column("german_opposition")].reveal_for("ussr"))
    'this happens: Hitler overthrown'
    """
    labels = {variable.id: variable for variable in scenario.variables}
    match = re.fullmatch(r"\s*([a-z_][a-z0-9_]*)\s*>=\s*([0-9.]+)\s*", condition.source)
    if match and match.group(1) in labels:
        variable = labels[match.group(1)]
        if variable.max == 1:
            return f"this happens: {variable.label}"
        return f"{variable.label} reaches {match.group(2)}"
    value = condition.source
    for ident, variable in labels.items():
        value = re.sub(rf"\b{ident}\b", variable.label, value)
    return value.replace(">=", "≥").replace("<=", "≤").replace("==", "=")
