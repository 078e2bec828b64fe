"""Role sheets: ``python -m game rolecards --pdf FILE [--paper a4|letter] [--scenario F]``.

The role sheets of the student packet (:mod:`game.classroom.packet`) on their own, one
per power, made from the scenario's data; an edited scenario prints its own sheets.
"""

from __future__ import annotations

from pathlib import Path

from game.classroom.packet import write_role_sheets_pdf
from game.scenario.model import Scenario


def write_rolecards_pdf(scenario: Scenario, path: str | Path, paper: str = "a4") -> Path:
    """Write a role sheet per power; returns the path."""
    return write_role_sheets_pdf(scenario, path, paper)
