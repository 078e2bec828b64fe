"""The words of the main screen's panels, as pygame_gui HTML, made only from a seat's view.

Every function here takes a :class:`game.table.SeatView` (or a part of one) and the
scenario's declared texts (labels, the grade key, the note sources); none reads the
session, so nothing a seat may not know can reach its screen. pygame-free.
"""

from __future__ import annotations

import re
from html import escape

from game.scenario.model import Scenario, Variable
from game.story import history_phrase
from game.table.calendar import month_name
from game.table.news import news_line
from game.table.view import (
    Ask,
    EventAsk,
    LastDecision,
    NewsItem,
    NewsKind,
    PolicyAsk,
    SeatView,
    StandingAsk,
    VariableView,
    WhyView,
    shown_difference,
)
from game.ui.markers import change_text, value_text
from game.ui.widgets.cards import EVIDENCE_MARKS, capital, condition_words, esc, power_in_sentence

#: the link that opens the key to the evidence grades
GRADES_LINK = "grades:key"


def variable_of(scenario: Scenario, var: str) -> Variable:
    """The scenario's variable ``var``."""
    return scenario.variables[scenario.column(var)]


def evidence_html(scenario: Scenario, evidence: str, notes: list[int], grade: str, muted: str) -> str:
    """The evidence grade with its sentence and a link to the key, then each note with its source."""
    marks = EVIDENCE_MARKS.get(evidence, "")
    parts = [f"<font color='{muted}'>Evidence: <b>{escape(evidence or 'not graded')}</b> {marks}"]
    if grade:
        parts.append(f" — {escape(grade)}")
    parts.append(f" <a href='{GRADES_LINK}'>Key to the grades</a>")
    parts.append(notes_html(scenario, notes))
    parts.append("</font>")
    return "".join(parts)


def notes_html(scenario: Scenario, notes: list[int]) -> str:
    """``Note 57: <its source line>`` for each of the article's footnotes the card cites."""
    if not notes:
        return "<br>No article note."
    lines = []
    for number in notes:
        source = scenario.note_sources.get(number, "")
        lines.append(f"<br>Note {number}: {escape(source)}" if source else f"<br>Note {number}")
    return "".join(lines)


def grades_html(scenario: Scenario) -> str:
    """The key to the evidence grades (the scenario's ``[grades]``)."""
    parts = ["Every card is graded by its weakest premise.<br>"]
    for grade, sentence in scenario.grades.items():
        parts.append(f"<br><b>{escape(grade)}</b> {EVIDENCE_MARKS.get(grade, '')} — {escape(sentence)}")
    if not scenario.grades:
        parts.append("<br><i>This scenario gives no key to its grades.</i>")
    return "".join(parts)


def _head(muted: str, small: str, title: str, heading_px: int) -> str:
    return (f"<font color='{muted}'>{escape(small)}</font><br>"
            f"<font pixel_size={heading_px}><b>{escape(title)}</b></font><br>")


def _framing(framing: str) -> str:
    return f"<br><br><i>For the classroom: {esc(framing)}</i>" if framing else ""


def event_ask_html(scenario: Scenario, ask: EventAsk, decider: str, muted: str, heading_px: int) -> str:
    """An event card to decide: date, title, text, the figures, evidence and notes, who decides."""
    parts = [_head(muted, ask.date, ask.title, heading_px), "<br>", esc(ask.text)]
    if ask.figures:
        parts.append("<br>" + "".join(f"<br><b>{escape(f.label)}</b>: {f.value:,.0f}" for f in ask.figures))
    parts.append("<br><br>" + evidence_html(scenario, ask.evidence, ask.notes, ask.grade, muted))
    parts.append(_framing(ask.framing))
    parts.append(f"<br><br><b>{escape(decider)} decides.</b> "
                 f"<font color='{muted}'>Press a number, or move with Tab and press Enter.</font>")
    return "".join(parts)


CHANCE_TAIL = re.compile(r"\s*\((?P<chance>.+): (?P<happened>yes|no)\)$")


def cause_name(label: str, title: str) -> str:
    """What in a card moved a number, from its cause label without the card's title.

    ``Title: Option`` → ``Option``; ``Title (Chance: yes)`` → ``Chance``; ``Title (Chance: no)``
    → ``Chance: no``; an option and a chance together → ``Option; Chance``.
    """
    rest = label[len(title):] if label.startswith(title) else label
    rest = rest[2:] if rest.startswith(": ") else rest
    match = CHANCE_TAIL.search(rest)
    if match is None:
        return rest.strip() or title
    chance = match["chance"] if match["happened"] == "yes" else f"{match['chance']}: no"
    option = rest[:match.start()].strip()
    return f"{option}; {chance}" if option else chance


def news_html(scenario: Scenario, item: NewsItem, view: SeatView, muted: str, heading_px: int) -> str:
    """One line of "since you last decided" as a card: what happened, or what another power did and why."""
    if item.kind is NewsKind.EVENT:
        parts = [_head(muted, item.date, item.title, heading_px), "<br>", esc(item.text)]
    elif item.kind is NewsKind.DECISION:
        line = news_line(scenario, item)
        parts = [_head(muted, f"{item.date} · {item.title}", item.headline, heading_px)]
        if line.chose:
            parts.append(f"<br>{escape(line.chose)}")
        if line.reason:
            parts.append(f"<br><br><b>Why</b>: {esc(line.reason)}")
    else:
        parts = [_head(muted, item.date, news_line(scenario, item).lead.rstrip(": "), heading_px),
                 f"<br>{escape(item.headline)}"]
    for chance in item.chances:
        parts.append(f"<br><br><b>Chance</b>: {escape(chance)}")
    moved = [c for c in view.causes if c.turn == item.turn and item.title and c.label.startswith(item.title)]
    if moved:
        parts.append("<br><br><b>What moved</b>")
        by_var: dict[str, list] = {}
        for cause in moved:  # one line a number, its causes in the order they came
            by_var.setdefault(cause.var, []).append(cause)
        for var, causes in list(by_var.items())[:8]:
            variable = variable_of(scenario, var)
            total = change_text(variable, sum(c.amount for c in causes))
            if total is None:
                continue
            names = [cause_name(c.label, item.title) for c in causes]
            why = names[0] if len(causes) == 1 else "; ".join(
                f"{name} {change_text(variable, c.amount) or '±0'}" for name, c in zip(names, causes, strict=True))
            parts.append(f"<br>{escape(variable.label)} {escape(total)} "
                         f"<font color='{muted}'>({escape(why)})</font>")
    if item.kind is not NewsKind.ORDER:
        parts.append("<br><br>" + evidence_html(scenario, item.evidence, item.notes, item.grade, muted))
    parts.append(_framing(item.framing))
    return "".join(parts)


def meanwhile_html(scenario: Scenario, items: tuple[NewsItem, ...], team: str, muted: str, heading_px: int) -> str:
    """The lesson's "Meanwhile" card: everything since the team last decided, one line each."""
    as_then = scenario.presentation.as_in_history
    parts = [_head(muted, f"Since {team} last decided", f"Meanwhile, {as_then}", heading_px)]
    for item in items:
        line = news_line(scenario, item)
        headline = f"<i>{escape(line.headline)}</i>" if item.kind is NewsKind.DECISION else escape(line.headline)
        parts.append(f"<br><b>{escape(line.date)}</b>  {escape(line.lead)}{headline}")
        for chance in line.chances:
            parts.append(f"<br><font color='{muted}'>    {escape(chance)}</font>")
        if line.reason:
            parts.append(f"<br><font color='{muted}'>    Why: {esc(line.reason)}</font>")
        if line.framing:
            parts.append(f"<br><font color='{muted}'><i>For the classroom: {esc(line.framing)}</i></font>")
    return "".join(parts)


def _in_history(scenario: Scenario, ask: Ask | None, decided_title: str, in_1943: str) -> str:
    """``As in 1943: …``: the card's own text, else the option or the orders taken in history."""
    phrase = history_phrase(scenario)
    if in_1943:
        return f"{phrase}: {in_1943}"
    if isinstance(ask, EventAsk) and ask.title == decided_title:
        taken = next((o for o in ask.options if o.historical), None)
        if taken is not None:
            power = scenario.power(ask.power)
            return f"{phrase}: {power.player or power.name} chose “{taken.label}”."
    return ""


def _orders_in_history(scenario: Scenario, ask: StandingAsk) -> str:
    parts = [f"{p.label}: {o.label}" for p in ask.policies for o in p.options if o.historical]
    return f"{history_phrase(scenario)}: " + "; ".join(parts) + "." if parts else ""


def result_html(scenario: Scenario, view: SeatView, last: LastDecision | None, ask: Ask | None, muted: str,
                heading_px: int) -> str:
    """The result card: what was chosen, what it did, the chances, what moved, and what history did."""
    if last is None:
        return _head(muted, "Result", "Decided", heading_px)
    if last.kind == "standing":
        changed = [d for d in last.decided if isinstance(ask, StandingAsk) and _moved_order(ask, d.title, d.option)]
        chosen = "; ".join(f"{d.title}: {d.option}" for d in changed) if changed else \
            "The orders stand as they were"
        title = f"Your orders for {last.month}"
    else:
        chosen = "; ".join(d.option for d in last.decided) or "Decided"
        title = "; ".join(d.title for d in last.decided) or last.month
    parts = [_head(muted, f"Result · {title}", capital(chosen), heading_px)]
    for decided in last.decided:
        if decided.outcome and last.kind == "standing":
            parts.append(f"<br><b>{escape(decided.option)}</b>: {esc(decided.outcome)}")
        elif decided.outcome:
            parts.append(f"<br>{esc(decided.outcome)}<br>")
    for chance in last.chances:
        parts.append(f"<br><b>Chance</b>: {escape(chance)}")
    shown = {v.id: v for v in view.variables}
    lines = []
    for change in sorted(last.changes, key=lambda c: -abs(c.amount)):
        variable = shown.get(change.var)
        marker = change_text(variable_of(scenario, change.var), change.amount) if variable else None
        if variable is None or marker is None:
            continue
        if variable.value is not None and variable.change is not None:
            # from where it stood when the seat decided, by what the decision did; other powers'
            # answers and chances since then can have moved it further (the state panel's marker)
            scen_var = variable_of(scenario, change.var)
            before, now = variable.value - variable.change, variable.value
            after = before + change.amount
            # the marker is the difference of the two numbers shown, so the line adds up
            # ("30 → 28 ▼−2", not "▼−1" for 29.6 → 28.4)
            shown_change = change_text(scen_var, shown_difference(after, change.amount))
            if shown_change is None:
                continue
            line = f"<br>{escape(change.label)} {value_text(scen_var, before)} → " \
                   f"{value_text(scen_var, after)} <b>{escape(shown_change)}</b>"
            if value_text(scen_var, after) != value_text(scen_var, now):
                line += f" (now {value_text(scen_var, now)})"
            lines.append(line)
        else:
            lines.append(f"<br>{escape(change.label)} <b>{escape(marker)}</b>")
    parts.append("<br><br><b>What moved</b>" + "".join(lines[:8]) if lines else
                 "<br><br>No number you can see moved at once; the effects may come later.")
    history = [_in_history(scenario, ask, d.title, d.in_1943) for d in last.decided if last.kind == "event"]
    if last.kind == "standing" and isinstance(ask, StandingAsk):
        history = [_orders_in_history(scenario, ask)]
    for line in history:
        if line:
            parts.append(f"<br><br><i>{escape(line)}</i>")
    if isinstance(ask, EventAsk):
        parts.append("<br><br>" + evidence_html(scenario, ask.evidence, ask.notes, ask.grade, muted))
    parts.append(f"<br><br><font color='{muted}'>W or a click on a number: why it moved.</font>")
    return "".join(parts)


def _moved_order(ask: StandingAsk, label: str, option: str) -> bool:
    """True when the decided order differs from the one in force when the review was asked."""
    for policy in ask.policies:
        if policy.label == label:
            return policy.options[policy.current].label != option
    return True


def standing_html(scenario: Scenario, view: SeatView, ask: StandingAsk, policy: PolicyAsk | None,
                  option_index: int, first_month: bool, muted: str, heading_px: int) -> str:
    """The standing review: what moved since the seat last decided, and what the focused order means."""
    power = scenario.power(ask.power)
    head = f"Month {view.turn + 1} of {view.months_total} · {power.name}, {view.team}"
    parts = [_head(muted, head, f"{ask.month}: your standing orders", heading_px), "<br>"]
    if not first_month:
        moved = [f"{escape(v.label)} {marker}" for v in view.variables
                 if (marker := change_text(variable_of(scenario, v.id), v.moved))]
        parts.append(f"<b>{escape(capital(view.change_span))}</b>: ")
        parts.append(("; ".join(moved) if moved else "little changed") + ".<br><br>")
    else:
        parts.append((esc(power.description) if power.description else esc(scenario.description)) + "<br><br>")
        if power.knows:
            parts.append(f"<b>What you know</b>: {esc(power.knows)}<br><br>")
    if policy is not None:
        option = policy.options[option_index]
        parts.append(f"<b>{escape(policy.label)}</b>: {esc(policy.explain)}<br>")
        parts.append(f"<i>{escape(option.label)}</i> — {esc(option.hint)}<br><br>")
    parts.append(f"<font color='{muted}'>Left and Right change the focused order; Enter on "
                 "<b>Confirm orders</b> (or press C) starts the month.</font>")
    return "".join(parts)


def ending_html(view: SeatView, muted: str, heading_px: int) -> str:
    """The last card before the debrief."""
    ending = view.ending
    if ending is None:
        return "The calendar has run out."
    return _head(muted, ending.month, ending.title, heading_px) + "<br>" + esc(ending.text)


def whole_state_html(scenario: Scenario, view: SeatView, muted: str) -> str:
    """The teacher's view (``view`` of no power): every number, and whom the scenario hides it from."""
    parts = [f"<font color='{muted}'>{escape(view.month)}, as it really stands. The teams see only what "
             "their power knew; the numbers marked here are hidden from some.</font><br>"]
    for shown in view.variables:
        variable = variable_of(scenario, shown.id)
        unit = f" {escape(variable.unit)}" if variable.unit else ""
        value = "?" if shown.value is None else f"{shown.value:,.0f}"
        line = f"<br><b>{escape(shown.label)}</b>: {value}{unit}"
        hidden = [power for power in variable.hidden_from if power in {p.id for p in scenario.powers}]
        if hidden:
            notes = []
            for power in hidden:
                condition = variable.reveal_for(power)
                name = power_in_sentence(scenario, power)
                notes.append(f"{name} until {condition_words(scenario, condition)}" if condition is not None
                             else name)
            line += f"  <font color='{muted}'>(hidden from {escape('; '.join(notes))})</font>"
        parts.append(line)
    parts.append("<br><br><b>Standing orders in force</b>")
    for order in view.orders:
        parts.append(f"<br>{escape(order.power_name)} — {escape(order.label)}: <i>{escape(order.option)}</i>")
    return "".join(parts)


def hidden_text(scenario: Scenario, power: str | None, var: str) -> str:
    """Why a team sees "?": ``Not known to you until “Exposure” reaches 40.``"""
    condition = variable_of(scenario, var).reveal_for(power) if power else None
    until = f" until {condition_words(scenario, condition)}" if condition is not None else ""
    return f"Not known to you{until}."


def variable_tooltip(scenario: Scenario, view: SeatView, shown: VariableView, why: WhyView,
                     direction: str, limits: list[str]) -> str:
    """What a number means, whether up is good for the seat, and what last moved it (as the seat knows)."""
    text = f"<b>{escape(shown.label)}</b><br>{esc(shown.description)}"
    if shown.value is None:
        return text + f"<br><br><b>{escape(hidden_text(scenario, view.power, shown.id))}</b><br>" \
            f"<i>{escape(capital(view.team))} sees only what its power knew at the time.</i>"
    text += f"<br><i>{escape(direction)}</i>"
    if limits:
        text += "<br><b>Thresholds that matter:</b> " + "; ".join(escape(line) for line in limits[:3])
    if why.months:
        month = why.months[-1]
        text += f"<br><br><b>Last moved in {escape(month.month)}:</b>"
        for line in month.lines[:4]:
            text += f"<br>{line.amount:+.1f}  {escape(line.label)}"
    else:
        text += "<br><br>Nothing has moved it yet."
    return text + "<br><i>Enter or W: the full history.</i>"


def why_html(scenario: Scenario, view: SeatView, why: WhyView) -> str:
    """Every month's causes of a number's changes, as the seat knows them, biggest first."""
    variable = variable_of(scenario, why.var)
    head = f"<b>{escape(variable.label)}</b> — {esc(variable.description)}<br>"
    if not why.known:
        return head + f"<br>{escape(hidden_text(scenario, view.power, why.var))} What moved it is not known to " \
            f"{escape(view.team)} either."
    if not why.months:
        return head + "<br>Nothing has changed it yet."
    parts = [head]
    for month in why.months:
        parts.append(f"<br><b>{escape(month.month)}: {month.total:+.1f}</b>")
        for line in month.lines[:8]:
            parts.append(f"<br>    {line.amount:+6.1f}  {escape(line.label)}")
    return "".join(parts)


def month_label(scenario: Scenario, turn: int, short: bool = False) -> str:
    """The name of the calendar's month ``turn``."""
    return month_name(str(scenario.months[min(turn, len(scenario.months) - 1)]), short=short)
