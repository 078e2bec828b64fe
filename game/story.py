"""What a seat is told after a decision: the words, from the scenario, in one place.

Front ends (terminal, window, browser, printouts) call these so that every seat hears the
same story: what a choice did (``outcome``), what happened in 1943 (``in_1943``), why a
computer power chose as it did (``reason``, else ``hint``), how a chance branch fell
(``chance_texts``) and the numbers a card shows (``figures``). Nothing here decides who may
see what; that stays with the table's visibility rules.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from game.scenario.model import Event, Option, Scenario


def after_choice(scenario: Scenario, event: Event, option: Option) -> list[str]:
    """The lines told to the deciding seat once it has chosen: the outcome, then history.

    History is introduced by the scenario's own phrase ("As in 1943: ...").
    """
    lines = [option.outcome] if option.outcome else []
    if event.in_1943:
        lines.append(f"{history_phrase(scenario)}: {event.in_1943}")
    return lines


def history_phrase(scenario: Scenario) -> str:
    """The scenario's phrase for what was done in history, capitalised ("As in 1943")."""
    phrase = scenario.presentation.as_in_history
    return phrase[:1].upper() + phrase[1:]


def computer_choice(scenario: Scenario, event: Event, option: Option) -> list[str]:
    """The lines told to the other seats when a computer power decides a card."""
    power = scenario.power(event.power) if event.power else None
    who = power.name if power else "The computer"
    reason = option.reason or option.hint
    lines = [f"{who}: {option.label}." + (f" {reason}" if reason else "")]
    return lines + after_choice(scenario, event, option)


def chance_story(event: Event, label: str, happened: bool) -> str:
    """The story of a chance branch of ``event`` (by its label), as it fell; the label if untold."""
    for text in event.chance_texts:
        if text.label == label:
            return text.then if happened else (text.orelse or "")
    return label if happened else ""


def figures(scenario: Scenario, event: Event, state: Mapping[str, float], turn: int,
            params: Mapping[str, float] | None = None) -> list[tuple[str, float]]:
    """The numbers a card shows (``figures``), evaluated on ``state``: (label, value) pairs."""
    if not event.figures:
        return []
    row = np.array([[state[variable.id] for variable in scenario.variables]], dtype=float)
    values = scenario.param_values() if params is None else params
    return [(label, float(expression.evaluate_runs(row, values, turn)[0])) for label, expression in event.figures]


def grade_key(scenario: Scenario, grade: str) -> str:
    """The sentence that explains an evidence grade to students (empty if the scenario has none)."""
    return scenario.grades.get(grade, "")


def note_source(scenario: Scenario, number: int) -> str:
    """The source line of one of the article's notes, e.g. for "n. 57" on a card."""
    return scenario.note_sources.get(number, "")
