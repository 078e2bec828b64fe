"""The words on the card, the tooltips and the timeline, as pygame_gui HTML.

Kept apart from the screens so the same text serves the card, the timeline and the
tests, and so an edit to wording never touches layout code.
"""

from __future__ import annotations

from html import escape

from game.engine.session import Choice, Session
from game.scenario.model import Event, Scenario, StandingPolicy
from game.ui.play import Branch, Play, format_date, month_name

EVIDENCE_MARKS = {"documented": "●●●●", "reported": "●●●○", "alleged": "●●○○", "doubtful": "●○○○"}
EVIDENCE_MEANING = {
    "documented": "German files or Soviet statements the article treats as firm",
    "reported": "specific reports the article could not check",
    "alleged": "claims made by interested parties",
    "doubtful": "claims the article finds no support for",
}


def esc(text: str) -> str:
    """Text made safe for pygame_gui's HTML subset, paragraphs kept."""
    paragraphs = [" ".join(part.split()) for part in str(text).strip().split("\n\n")]
    return "<br><br>".join(escape(p, quote=False) for p in paragraphs if p)


def evidence_line(event: Event) -> str:
    """``Evidence: reported ●●●○ · article notes 57, 58``."""
    grade = event.evidence or "undated"
    marks = EVIDENCE_MARKS.get(event.evidence, "")
    notes = ", ".join(str(n) for n in event.notes) if event.notes else "none"
    return f"Evidence: {grade} {marks} · article notes: {notes}"


def event_html(event: Event, month: str, muted: str, heading_px: int, decided_by: str = "") -> str:
    """The body of an event card: date, title, text, evidence, classroom framing."""
    date = format_date(event.date) if event.date else month_name(month)
    parts = [f"<font color='{muted}'>{escape(date)}</font><br>",
             f"<font pixel_size={heading_px}><b>{escape(event.title)}</b></font><br><br>",
             esc(event.text), "<br><br>",
             f"<font color='{muted}'>{escape(evidence_line(event))}"]
    meaning = EVIDENCE_MEANING.get(event.evidence)
    if meaning:
        parts.append(f" ({escape(meaning)})")
    parts.append("</font>")
    if decided_by:
        parts.append(f"<br><br><b>{escape(decided_by)}</b>")
    if event.framing:
        parts.append(f"<br><br><i>For the classroom: {esc(event.framing)}</i>")
    return "".join(parts)


def standing_html(play: Play, policy: StandingPolicy | None, option_index: int, muted: str, heading_px: int) -> str:
    """The standing review: what last month did, and what the focused policy means."""
    session = play.session
    scenario = play.scenario
    parts = [f"<font color='{muted}'>Month {session.turn + 1} of {len(scenario.months)}</font><br>",
             f"<font pixel_size={heading_px}><b>{escape(month_name(session.month))}: your standing orders</b>"
             "</font><br><br>"]
    if session.months:
        parts.append("<b>Last month</b>: ")
        moved = []
        for variable in scenario.variables:
            if variable.hidden:
                continue
            change = play.trend(variable.id)
            if abs(change) >= 1:
                moved.append(f"{escape(variable.label)} {'▲' if change > 0 else '▼'}{change:+.0f}")
        parts.append(("; ".join(moved) if moved else "little changed") + ".<br><br>")
    else:
        parts.append(esc(scenario.description) + "<br><br>")
    if policy is not None:
        option = policy.options[option_index]
        parts.append(f"<b>{escape(policy.label)}</b>: {esc(policy.explain)}<br>")
        parts.append(f"<i>{escape(option.label)}</i> — {esc(option.hint)}<br><br>")
    parts.append(f"<font color='{muted}'>Left and Right change the focused order; Enter on "
                 "<b>Confirm orders</b> (or press C) starts the month.</font>")
    return "".join(parts)


def ending_html(play: Play, muted: str, heading_px: int) -> str:
    """The last card before the debrief."""
    ending = play.session.ending
    if ending is None:
        return "The calendar has run out."
    month = play.session.months[-1].month if play.session.months else play.session.month
    return (f"<font color='{muted}'>{escape(month_name(month))}</font><br>"
            f"<font pixel_size={heading_px}><b>{escape(ending.title)}</b></font><br><br>{esc(ending.text)}")


def variable_tooltip(play: Play, var_id: str) -> str:
    """What a variable means and why it last changed (from the cause log)."""
    scenario = play.scenario
    variable = scenario.variables[scenario.column(var_id)]
    text = f"<b>{escape(variable.label)}</b><br>{esc(variable.description)}"
    month, causes = play.last_change(var_id)
    if causes:
        text += f"<br><br><b>Last moved in {escape(month_name(month))}:</b>"
        for label, amount in causes[:4]:
            text += f"<br>{amount:+.1f}  {escape(label)}"
    else:
        text += "<br><br>Nothing has moved it yet."
    return text + "<br><i>Enter or W: the full history.</i>"


def why_html(play: Play, var_id: str) -> str:
    """Every month's causes of a variable's changes, biggest first."""
    scenario = play.scenario
    variable = scenario.variables[scenario.column(var_id)]
    parts = [f"<b>{escape(variable.label)}</b> — {esc(variable.description)}<br>"]
    causes = play.session.log.why(var_id)
    if not causes:
        return parts[0] + "<br>Nothing has changed it yet."
    for turn in sorted({c.turn for c in causes}):
        month_causes = [c for c in causes if c.turn == turn]
        merged: dict[str, float] = {}
        for cause in month_causes:
            merged[cause.label] = merged.get(cause.label, 0.0) + cause.amount
        total = sum(merged.values())
        parts.append(f"<br><b>{escape(month_name(str(scenario.months[turn])))}: {total:+.1f}</b>")
        for label, amount in sorted(merged.items(), key=lambda item: -abs(item[1]))[:8]:
            parts.append(f"<br>    {amount:+6.1f}  {escape(label)}")
    return "".join(parts)


def choice_text(scenario: Scenario, choice: Choice) -> str:
    """A recorded choice in words."""
    if choice.kind == "standing":
        policy = scenario.policy(choice.id)
        return f"{policy.label}: {policy.options[policy.option_index(choice.option)].label}"
    event = scenario.event(choice.id)
    return f"{event.title}: {event.options[event.option_index(choice.option)].label}"


def month_html(scenario: Scenario, session: Session, turn: int) -> str:
    """One month of the timeline: what fired and what the player decided."""
    parts = []
    events = [scenario.event(e) for t, e in session.log.fired if t == turn]
    for event in events:
        date = format_date(event.date) if event.date else ""
        parts.append(f"• {escape(date)}: {escape(event.title)}" if date else f"• {escape(event.title)}")
    changed = [c for c in session.history if c.turn == turn and c.kind == "event"]
    for choice in changed:
        parts.append(f"   ➜ you: {escape(choice_text(scenario, choice))}")
    standing = [c for c in session.history if c.turn == turn and c.kind == "standing"]
    if standing and turn > 0:
        previous = {c.id: c.option for c in session.history if c.turn == turn - 1 and c.kind == "standing"}
        changes = [c for c in standing if previous.get(c.id) != c.option]
        for choice in changes:
            parts.append(f"   ➜ orders: {escape(choice_text(scenario, choice))}")
    elif standing:
        parts.append("   ➜ orders: " + escape("; ".join(choice_text(scenario, c) for c in standing)))
    return "<br>".join(parts) if parts else "<i>nothing of note</i>"


def timeline_html(play: Play, muted: str) -> str:
    """The current line of play, month by month."""
    session, scenario = play.session, play.scenario
    parts = []
    last = min(session.turn, len(scenario.months) - 1)
    for turn in range(last + 1):
        state = "" if turn < session.turn else " (now)"
        parts.append(f"<b>{escape(month_name(str(scenario.months[turn])))}{state}</b><br>"
                     f"{month_html(scenario, session, turn)}")
    if session.ending:
        parts.append(f"<b>Ending: {escape(session.ending.title)}</b>")
    return "<br><br>".join(parts)


def branches_html(play: Play, muted: str) -> str:
    """The abandoned lines of play, greyed: where they left off and what they chose."""
    if not play.branches:
        return (f"<font color='{muted}'><i>No abandoned branches. Rewinding keeps the line you leave "
                "here, greyed, so you can compare.</i></font>")
    parts = []
    for branch in reversed(play.branches):
        parts.append(_branch_html(play.scenario, branch, muted))
    return "<br><br>".join(parts)


def _branch_html(scenario: Scenario, branch: Branch, muted: str) -> str:
    head = (f"<b>Abandoned branch {branch.number}</b>: reached {escape(month_name(branch.reached))}, "
            f"left at {escape(month_name(str(scenario.months[branch.left_at])))}")
    if branch.ending:
        head += f"; ended: {escape(branch.ending)}"
    lines = [head]
    later = [c for c in branch.choices if c.turn >= branch.left_at and c.kind == "event"]
    for choice in later[:12]:
        lines.append(f"   {escape(month_name(str(scenario.months[choice.turn]), short=True))}: "
                     f"{escape(choice_text(scenario, choice))}")
    if branch.final_state:
        lines.append(f"   front {branch.final_state.get('front', 0):.0f}, trust "
                     f"{branch.final_state.get('stalin_trust', 0):.0f}, alarm "
                     f"{branch.final_state.get('western_alarm', 0):.0f}, channel "
                     f"{branch.final_state.get('berlin_channel', 0):.0f}")
    return f"<font color='{muted}'>" + "<br>".join(lines) + "</font>"
