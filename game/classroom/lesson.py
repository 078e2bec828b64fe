"""Lesson mode: kept for the modules that import it from here. The lesson's budget, plan
and clock belong to the table (:mod:`game.table.lesson`), which runs them for every front end."""

from __future__ import annotations

from game.table.lesson import (
    EXTRA_RESERVE,
    LESSON_DECISIONS,
    PLAY_BLOCKS,
    Lesson,
    LessonSettings,
    PlannedDecision,
    TurnTimer,
    block_months,
    block_of,
    candidates,
    clock_text,
    historical_answer,
    lesson_plan,
    start_lesson,
    team_decisions,
    was_lesson,
)

__all__ = [
    "EXTRA_RESERVE",
    "LESSON_DECISIONS",
    "Lesson",
    "LessonSettings",
    "PLAY_BLOCKS",
    "PlannedDecision",
    "TurnTimer",
    "block_months",
    "block_of",
    "candidates",
    "clock_text",
    "historical_answer",
    "lesson_plan",
    "start_lesson",
    "team_decisions",
    "was_lesson",
]
