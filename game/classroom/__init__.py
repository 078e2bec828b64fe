"""The classroom: teams at one keyboard, lesson mode, printable debriefs, role cards and
the class report. Front ends (the terminal, the window) call these functions.

The names below load on first use, so that building the command line (which imports
``game.classroom.cli``) does not pull in numpy or matplotlib.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "LESSON_DECISIONS": "game.classroom.lesson",
    "Lesson": "game.classroom.lesson",
    "LessonSettings": "game.classroom.lesson",
    "TurnTimer": "game.classroom.lesson",
    "historical_answer": "game.classroom.lesson",
    "lesson_plan": "game.classroom.lesson",
    "start_lesson": "game.classroom.lesson",
    "team_decisions": "game.classroom.lesson",
    "was_lesson": "game.classroom.lesson",
    "team_name": "game.classroom.teams",
    "can_see": "game.classroom.visibility",
    "visible_state": "game.classroom.visibility",
    "write_debrief_pdf": "game.classroom.debrief_pdf",
    "write_rolecards_pdf": "game.classroom.rolecards",
    "class_report": "game.classroom.report",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'game.classroom' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
