"""The classroom: teams at one keyboard, lesson mode, printable debriefs, role cards and
the class report. Front ends (the terminal, the window) call these functions."""

from game.classroom.lesson import (
    LESSON_DECISIONS,
    Lesson,
    LessonSettings,
    TurnTimer,
    historical_answer,
    lesson_plan,
    start_lesson,
    team_decisions,
    was_lesson,
)
from game.classroom.teams import team_name
from game.classroom.visibility import can_see, hidden_variables, visible_state

__all__ = [
    "LESSON_DECISIONS",
    "Lesson",
    "LessonSettings",
    "TurnTimer",
    "can_see",
    "hidden_variables",
    "historical_answer",
    "lesson_plan",
    "start_lesson",
    "team_decisions",
    "team_name",
    "visible_state",
    "was_lesson",
]
