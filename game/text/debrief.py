"""Plain-text debrief and cause explanations for the terminal."""

from __future__ import annotations

import textwrap

from game.debrief import (
    Decision,
    SentNote,
    class_decisions,
    decision_count_text,
    departure_sentence,
    departures,
    epilogue,
    historical_twin,
    judgements,
    sent_notes,
    team_label,
    upper_first,
)
from game.scenario.model import Scenario
from game.session import Session
from game.story import note_source
from game.table.calendar import month_name
from game.table.view import WhyView

#: the class's decisions are listed one by one up to this many; beyond, those with a reason
DECISIONS_LISTED = 24


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
    if session.remarks.group:
        lines.append(f"Group: {session.remarks.group}")
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
    lines += textwrap.wrap(decision_count_text(scenario, session), 78)
    lines.append(f"Where you left history ({len(gone)}):")
    for departure in gone[:25]:
        source = ""
        if departure.notes:
            source = f" [notes {', '.join(map(str, departure.notes))}; {departure.evidence}]"
        when = month_name(departure.month, short=True)
        lines += textwrap.wrap(f"- {when} {departure.title}: {departure_sentence(scenario, departure)}"
                               f"{source}", 78, subsequent_indent="    ")
    if len(gone) > 25:
        lines.append(f"  … and {len(gone) - 25} more.")
    cited = sorted({number for departure in gone[:25] for number in departure.notes})
    sources = [(number, note_source(scenario, number)) for number in cited]
    if any(source for _, source in sources):
        lines.append("The article's notes cited above:")
        for number, source in sources:
            if source:
                lines += textwrap.wrap(f"n. {number}: {source}", 78, initial_indent="  ", subsequent_indent="        ",
                                       break_on_hyphens=False)
    lines += decision_lines(scenario, class_decisions(scenario, session))
    lines += note_lines(sent_notes(scenario, session))
    for paragraph in epilogue(scenario, ending.id):
        lines += [""] + textwrap.wrap(paragraph, 78)
    return lines


def decision_lines(scenario: Scenario, made: list[Decision]) -> list[str]:
    """The class's decisions with the reasons the teams gave (all of a lesson's; of a long game,
    those with a reason); nothing when no reason was given at all."""
    if not any(d.reason for d in made):
        return []
    shown = made if len(made) <= DECISIONS_LISTED else [d for d in made if d.reason]
    lines = ["", "Your decisions and your reasons:"]
    for decision in shown:
        team = upper_first(team_label(scenario, decision.power))
        when = month_name(decision.month, short=True)
        lines += textwrap.wrap(f"- {when}, {team}: {decision.title}: {decision.chosen}", 78,
                               subsequent_indent="    ")
        reason = f"Why: “{decision.reason}”" if decision.reason else "Why: (no reason given)"
        lines += textwrap.wrap(reason, 78, initial_indent="    ", subsequent_indent="    ")
    return lines


def note_lines(notes: list[SentNote]) -> list[str]:
    """The notes the teams sent each other: who to whom, on which channel, when, and whether it leaked."""
    if not notes:
        return []
    lines = ["", f"Notes the teams sent ({len(notes)}):"]
    for note in notes:
        head = (f"- {note.month}, {note.sender_team} to {' and '.join(note.to)}, {note.channel} "
                f"({note.fate}):")
        lines += textwrap.wrap(head, 78, subsequent_indent="    ")
        lines += textwrap.wrap(f"“{note.text}”", 78, initial_indent="    ", subsequent_indent="    ")
    return lines
