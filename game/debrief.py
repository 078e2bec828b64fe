"""What a finished (or unfinished) game means: departures from history and judgements.

Shared by the terminal, the window and the printed debrief, so all three say the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.session import Session, play_with_policy
from game.policies import Historical
from game.scenario.model import Scenario


@dataclass(frozen=True)
class Departure:
    """A decision where the player did not do what was done in 1943."""

    turn: int
    month: str
    kind: str
    id: str
    title: str
    chosen: str
    historical: str
    notes: tuple[int, ...]
    evidence: str


def departures(scenario: Scenario, session: Session) -> list[Departure]:
    """Every choice of the session that differs from the historical one."""
    result = []
    for choice in session.history:
        month = str(scenario.months[choice.turn])
        if choice.kind == "standing":
            policy = scenario.policy(choice.id)
            historical = policy.options[policy.historical[choice.turn]]
            chosen = policy.options[policy.option_index(choice.option)]
            if chosen.id != historical.id:
                result.append(Departure(choice.turn, month, "standing", policy.id, policy.label,
                                        chosen.label, historical.label, (), ""))
        else:
            event = scenario.event(choice.id)
            if event.historical is None:
                continue
            historical = event.options[event.historical]
            chosen = event.options[event.option_index(choice.option)]
            if chosen.id != historical.id:
                result.append(Departure(choice.turn, month, "event", event.id, event.title,
                                        chosen.label, historical.label, event.notes, event.evidence))
    return result


def historical_twin(session: Session) -> Session:
    """The same seed played with the historical choices of every power, to compare against."""
    scenario = session.scenario
    twin = Session(scenario, seed=session.seed, humans=scenario.human_powers or (scenario.powers[0].id,),
                   params=session.params)
    play_with_policy(twin, Historical())
    return twin


class Reading(float):
    """A variable's value at the end, with ``.history`` (the twin's) and ``.diff`` for templates."""

    history: float
    diff: float

    @classmethod
    def of(cls, value: float, history: float) -> Reading:
        reading = cls(value)
        reading.history = history
        reading.diff = value - history
        return reading


def judgements(scenario: Scenario, session: Session, twin: Session) -> dict[str, str]:
    """The debrief's judgements (the scenario's ``[[presentation.judgements]]``), against the twin."""
    state, base = session.state, twin.state
    readings = {var: Reading.of(value, base.get(var, 0.0)) for var, value in state.items()}
    row = session.batch.state[:1]
    params = session.engine.params
    turn = min(session.turn, len(scenario.months) - 1)
    result = {}
    for judgement in scenario.presentation.judgements:
        text = judgement.text.format(**readings)
        for condition, clause in judgement.clauses:
            if bool(condition.holds(row, params, turn)[0]):
                text += clause.format(**readings)
                break
        result[judgement.heading] = text
    return result
