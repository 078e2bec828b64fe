"""Plain-text debrief and cause explanations for the terminal."""

from __future__ import annotations

import textwrap

from game.debrief import departures, historical_twin, judgements
from game.engine.session import Session
from game.scenario.model import Scenario
from game.table.calendar import month_name
from game.table.view import WhyView


def why_lines(why: WhyView) -> list[str]:
    """Lines answering "why did VAR change?", month by month, biggest causes first."""
    lines = [f"Why {why.label} ({why.var}) moved:"]
    if not why.known:
        return lines + ["  it is not known to you."]
    if not why.months:
        return lines + ["  nothing has changed it yet."]
    for month in why.months:
        lines.append(f"  {month.month}: {month.total:+.1f}")
        lines += [f"      {line.amount:+6.1f}  {line.label}" for line in month.lines]
    return lines


def debrief_lines(scenario: Scenario, session: Session) -> list[str]:
    """The end-of-game debrief: ending, judgement, departures from history."""
    ending = session.ending
    lines = ["=" * 78]
    if ending is None:
        lines.append("The game is not over yet.")
        return lines
    month = month_name(session.months[-1].month) if session.months else ""
    lines.append(f"THE END ({month}): {ending.title}")
    lines.append("=" * 78)
    lines += textwrap.wrap(" ".join(ending.text.split()), 78)
    twin = historical_twin(session)
    verdicts = judgements(scenario, session, twin)
    if verdicts or ending.judgement:
        lines.append("")
        lines.append("Judgement")
    for key, text in verdicts.items():
        lines += textwrap.wrap(f"{key.capitalize()}: {text}", 78, subsequent_indent="    ")
    for key, text in ending.judgement.items():
        lines += textwrap.wrap(f"  ({key}: {text})", 78, subsequent_indent="    ")
    lines.append("")
    lines.append(f"History ended this seed with: {twin.ending.title if twin.ending else '?'}")
    gone = departures(scenario, session)
    lines.append(f"Where you left history ({len(gone)} decisions):")
    for departure in gone[:25]:
        source = ""
        if departure.notes:
            source = f" [notes {', '.join(map(str, departure.notes))}; {departure.evidence}]"
        when = month_name(departure.month, short=True)
        lines += textwrap.wrap(f"- {when} {departure.title}: you chose '{departure.chosen}', "
                               f"history saw '{departure.historical}'.{source}", 78, subsequent_indent="    ")
    if len(gone) > 25:
        lines.append(f"  … and {len(gone) - 25} more.")
    return lines
