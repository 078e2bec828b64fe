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
    """The same seed played with Stalin's historical choices, to compare against."""
    twin = Session(session.scenario, seed=session.seed, humans=("ussr",), params=session.params)
    play_with_policy(twin, Historical())
    return twin


def judgements(scenario: Scenario, session: Session, twin: Session) -> dict[str, str]:
    """Soviet security, cost in lives and the alliance's standing, against the twin."""
    state, base = session.state, twin.state

    def delta(var: str) -> float:
        return state.get(var, 0.0) - base.get(var, 0.0)

    security = (f"Front at {state['front']:.0f} (history: {base['front']:.0f}); Soviet aims "
                f"{state['soviet_aims']:.0f} against Western tolerance {state['western_tolerance']:.0f}.")
    ending = session.ending
    if ending is not None and not ending.final:
        security += " The alliance no longer decides what Moscow keeps."
    elif state["western_tolerance"] >= state["soviet_aims"]:
        security += " The West is ready to accept what Moscow wants."
    else:
        security += " Moscow wants more than the West will grant: trouble ahead."
    losses = delta("soviet_losses")
    lives = (f"{state['soviet_losses']:,.0f} thousand Soviet losses (modelled) since November 1942 "
             f"({losses:+,.0f} thousand against history).")
    alliance = (f"Stalin's trust {state['stalin_trust']:.0f} (history {base['stalin_trust']:.0f}); "
                f"Western alarm {state['western_alarm']:.0f} (history {base['western_alarm']:.0f}).")
    return {"security": security, "lives": lives, "alliance": alliance}


def epilogue(scenario: Scenario, ending_id: str | None) -> list[str]:
    """The epilogue told after the ending: the line for this ending first, then the conclusion.

    Empty when the scenario has no ``[epilogue]``. Each string is one paragraph.
    """
    if scenario.epilogue is None:
        return []
    paragraphs = [scenario.epilogue.title] if scenario.epilogue.title else []
    if ending_id and ending_id in scenario.epilogue.endings:
        paragraphs.append(scenario.epilogue.endings[ending_id])
    paragraphs += [" ".join(part.split()) for part in scenario.epilogue.text.split("\n\n") if part.strip()]
    return paragraphs
