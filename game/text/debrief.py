"""Plain-text debrief and cause explanations for the terminal."""

from __future__ import annotations

import textwrap

from game.debrief import decision_count_text, departure_sentence, departures, historical_twin, judgements
from game.engine.session import Session
from game.scenario.model import Scenario


def describe_causes(scenario: Scenario, session: Session, var: str) -> list[str]:
    """Lines answering "why did VAR change?", month by month, biggest causes first."""
    variable = scenario.variables[scenario.column(var)]
    lines = [f"Why {variable.label} ({var}) moved:"]
    causes = session.log.why(var)
    if not causes:
        return lines + ["  nothing has changed it yet."]
    for turn in sorted({c.turn for c in causes}):
        month_causes = [c for c in causes if c.turn == turn]
        total = sum(c.amount for c in month_causes)
        lines.append(f"  {scenario.months[turn]}: {total:+.1f}")
        merged: dict[str, float] = {}
        for cause in month_causes:
            merged[cause.label] = merged.get(cause.label, 0.0) + cause.amount
        for label, amount in sorted(merged.items(), key=lambda item: -abs(item[1]))[:6]:
            lines.append(f"      {amount:+6.1f}  {label}")
    return lines


def debrief_lines(scenario: Scenario, session: Session) -> list[str]:
    """The end-of-game debrief: ending, judgement, departures from history."""
    ending = session.ending
    lines = ["=" * 78]
    if ending is None:
        lines.append("The game is not over yet.")
        return lines
    month = session.months[-1].month if session.months else ""
    lines.append(f"THE END ({month}): {ending.title}")
    lines.append("=" * 78)
    lines += textwrap.wrap(" ".join(ending.text.split()), 78)
    twin = historical_twin(session)
    lines.append("")
    lines.append("Judgement")
    for key, text in judgements(scenario, session, twin).items():
        lines += textwrap.wrap(f"{key.capitalize()}: {text}", 78, subsequent_indent="    ")
    for key, text in ending.judgement.items():
        lines += textwrap.wrap(f"  ({key}: {text})", 78, subsequent_indent="    ")
    lines.append("")
    lines.append(f"History ended this seed with: {twin.ending.title if twin.ending else '?'}")
    gone = departures(scenario, session)
    lines += textwrap.wrap(decision_count_text(scenario, session), 78)
    lines.append(f"Where you left history ({len(gone)}):")
    for departure in gone[:25]:
        source = ""
        if departure.notes:
            source = f" [notes {', '.join(map(str, departure.notes))}; {departure.evidence}]"
        lines += textwrap.wrap(f"- {departure.month} {departure.title}: {departure_sentence(scenario, departure)}"
                               f"{source}", 78, subsequent_indent="    ")
    if len(gone) > 25:
        lines.append(f"  … and {len(gone) - 25} more.")
    return lines
