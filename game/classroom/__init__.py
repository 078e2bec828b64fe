"""The classroom: teams at one keyboard, lesson mode, printable debriefs, role cards and
the class report. Front ends (the terminal, the window) call these functions.

The names below load on first use, so that building the command line (which imports
``game.classroom.cli``) does not pull in numpy or matplotlib.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "LESSON_DECISIONS": "game.table.lesson",
    "Lesson": "game.table.lesson",
    "LessonSettings": "game.table.lesson",
    "TurnTimer": "game.table.lesson",
    "historical_answer": "game.table.lesson",
    "lesson_plan": "game.table.lesson",
    "start_lesson": "game.table.lesson",
    "team_decisions": "game.table.lesson",
    "was_lesson": "game.table.lesson",
    "team_name": "game.table.seats",
    "can_see": "game.classroom.visibility",
    "visible_state": "game.classroom.visibility",
    "write_debrief_pdf": "game.classroom.debrief_pdf",
    "export_debrief_in_background": "game.classroom.debrief_pdf",
    "write_packet_pdf": "game.classroom.packet",
    "write_rolecards_pdf": "game.classroom.rolecards",
    "class_report": "game.classroom.report",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'game.classroom' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
