"""The questions the printouts put to the class: the scenario's, or neutral ones.

A scenario names its own questions in ``[[presentation.questions]]`` (the debrief asks
``text``, the packet's exit ticket the ``short`` form). A scenario without them still
prints a debrief and a packet: the questions below fit any game, since they ask only
about the class's own decisions and what it knew.
"""

from __future__ import annotations

from game.scenario.model import Question, Scenario

#: asked when the scenario names no questions of its own
NEUTRAL = (
    Question("Which decision changed your game the most? What would have happened without it?",
             "Which decision changed your game the most?"),
    Question("Where did your game first leave history, and what made your team leave it?",
             "Where did your game leave history, and why?"),
    Question("What did your team not know when it decided? Would knowing it have changed the choice?",
             "What did your team not know that mattered?"),
)


def class_questions(scenario: Scenario) -> tuple[Question, ...]:
    """The scenario's questions for the class, else :data:`NEUTRAL`."""
    presentation = getattr(scenario, "presentation", None)
    return tuple(getattr(presentation, "questions", ()) or ()) or NEUTRAL
