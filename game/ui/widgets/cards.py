"""The words on the card, the tooltips and the timeline, as pygame_gui HTML.

Kept apart from the screens so the same text serves the card, the timeline and the
tests, and so an edit to wording never touches layout code. Everything here shows the
state as the team at the screen knows it (:meth:`Play.visible`): a hidden number is
"not known to you", never a value.
"""

from __future__ import annotations

import re
from html import escape

from game.engine.session import Choice, Session
from game.scenario.model import Event, Scenario, StandingPolicy, Variable
from game.ui.briefing import endings, when_in_words, who
from game.ui.markers import change_text, direction_word, value_text
from game.ui.play import Branch, Meanwhile, Moved, Play, Result, format_date, month_name

EVIDENCE_MARKS = {"documented": "●●●●", "reported": "●●●○", "alleged": "●●○○", "doubtful": "●○○○"}
EVIDENCE_MEANING = {
    "documented": "German files or Soviet statements the article treats as firm",
    "reported": "specific reports the article could not check",
    "alleged": "claims made by interested parties",
    "doubtful": "claims the article finds no support for",
}


def capital(text: str) -> str:
    """First letter upper case, the rest as it is: ``the Western team`` → ``The Western team``."""
    return text[:1].upper() + text[1:]


def power_in_sentence(scenario: Scenario, power: str) -> str:
    """A power's name inside a sentence: ``the West``, ``Germany``."""
    name = scenario.power(power).name
    return "the " + name[4:] if name.startswith("The ") else name


def condition_words(scenario: Scenario, condition) -> str:
    """A reveal condition in words: ``exposure >= 40`` → ``“Exposure” reaches 40``.

    Turning points (flags that become 1) read as their label: ``“Teheran held”``.
    Anything more complex is shown with labels in place of the identifiers.
    """
    source = condition.source.strip()
    labels = {v.id: v for v in scenario.variables}
    match = re.fullmatch(r"(\w+)\s*(>=|>)\s*([0-9.]+)", source)
    if match and match.group(1) in labels:
        variable = labels[match.group(1)]
        number = float(match.group(3))
        if variable.hidden and variable.max <= 1:
            return f"“{variable.label}”"
        shown = f"{number:g}" if match.group(2) == ">=" else f"more than {number:g}"
        return f"“{variable.label}” reaches {shown}"
    return re.sub(r"[a-z_]+", lambda m: f"“{labels[m.group(0)].label}”" if m.group(0) in labels else m.group(0),
                  source)


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
    visible = play.visible()
    whose = ""
    if play.viewer and (play.hot_seat or play.viewer not in play.scenario_humans):
        whose = f" · {escape(scenario.power(play.viewer).name)}, {escape(play.team())}"
    power = scenario.power(play.viewer) if play.viewer and play.viewer not in play.scenario_humans else None
    parts = [f"<font color='{muted}'>Month {session.turn + 1} of {len(scenario.months)}{whose}</font><br>",
             f"<font pixel_size={heading_px}><b>{escape(month_name(session.month))}: your standing orders</b>"
             "</font><br><br>"]
    if session.months:
        parts.append("<b>Last month</b>: ")
        moved = []
        for variable in scenario.variables:
            if variable.hidden or visible.get(variable.id) is None:
                continue
            change = play.trend(variable.id)
            if abs(change) >= 1:
                moved.append(f"{escape(variable.label)} {'▲' if change > 0 else '▼'}{change:+.0f}")
        parts.append(("; ".join(moved) if moved else "little changed") + ".<br><br>")
    elif power is not None:  # the scenario's opening speaks to Stalin; the other teams get their own
        parts.append(esc(power.description) + "<br><br>")
        if power.knows:
            parts.append(f"<b>What you know</b>: {esc(power.knows)}<br><br>")
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


def meanwhile_html(items: list[Meanwhile], muted: str, heading_px: int, team: str, as_then: str) -> str:
    """The lesson's "Meanwhile, as in 1943" card: what happened since the team last decided."""
    parts = [f"<font color='{muted}'>Since {escape(team)} last decided</font><br>",
             f"<font pixel_size={heading_px}><b>Meanwhile, {escape(as_then)}</b></font><br>"]
    for item in items:
        line = f"<br><b>{escape(item.date)}</b>  {escape(item.title)}"
        if item.outcome:
            line += f" — <i>{escape(item.outcome)}</i>"
        parts.append(line)
        if item.framing:
            parts.append(f"<br><font color='{muted}'><i>For the classroom: {esc(item.framing)}</i></font>")
    return "".join(parts)


def whole_state_html(play: Play, muted: str) -> str:
    """The teacher's view: every variable, the hidden ones too, and who cannot see what."""
    scenario, session = play.scenario, play.session
    state = session.state
    parts = [f"<font color='{muted}'>{escape(month_name(session.month))}, as it really stands. "
             "The teams see only what their power knew; the numbers marked here were hidden from some.</font><br>"]
    for variable in scenario.variables:
        if variable.hidden:
            continue
        unit = f" {escape(variable.unit)}" if variable.unit else ""
        line = f"<br><b>{escape(variable.label)}</b>: {state[variable.id]:,.0f}{unit}"
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
    for policy in scenario.policies:
        option = policy.options[policy.option_index(session.standing_choice(policy.id))]
        parts.append(f"<br>{escape(scenario.power(policy.power).name)} — {escape(policy.label)}: "
                     f"<i>{escape(option.label)}</i>")
    return "".join(parts)


def hidden_text(play: Play, variable: Variable) -> str:
    """Why a team sees "?": ``Not known to you until exposure >= 40.``"""
    condition = variable.reveal_for(play.viewer) if play.viewer else None
    until = f" until {condition_words(play.scenario, condition)}" if condition is not None else ""
    return f"Not known to you{until}."


def variable_tooltip(play: Play, var_id: str) -> str:
    """What a variable means and why it last changed (from the cause log); hidden ones say so."""
    scenario = play.scenario
    variable = scenario.variables[scenario.column(var_id)]
    text = f"<b>{escape(variable.label)}</b><br>{esc(variable.description)}"
    if play.visible().get(var_id, 0.0) is None:
        return text + f"<br><br><b>{escape(hidden_text(play, variable))}</b><br><i>{escape(capital(play.team()))}" \
            " sees only what its power knew at the time.</i>"
    text += f"<br><i>{escape(direction_word(scenario, play.viewer or play.last_viewer, var_id))}</i>"
    limits = thresholds(scenario, var_id)
    if limits:
        text += "<br><b>Thresholds that matter:</b> " + "; ".join(escape(line) for line in limits[:3])
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
    if play.visible().get(var_id, 0.0) is None:
        return parts[0] + f"<br>{escape(hidden_text(play, variable))} What moved it is not known to " \
            f"{escape(play.team())} either."
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


def choice_power(scenario: Scenario, choice: Choice) -> str:
    """The power that made a recorded choice."""
    if choice.kind == "standing":
        return scenario.policy(choice.id).power
    return scenario.event(choice.id).power or ""


def month_html(scenario: Scenario, session: Session, turn: int, viewer: str | None = None,
               teams: bool = False) -> str:
    """One month of the timeline: what fired and what the player decided.

    With several ``teams``, a team at the screen (``viewer``) sees only its own choices;
    with ``viewer`` None (the year is over) every team's choices are shown under its name.
    """
    parts = []
    as_then = scenario.presentation.as_in_history
    events = [scenario.event(e) for t, e in session.log.fired if t == turn]
    for event in events:
        date = format_date(event.date) if event.date else ""
        parts.append(f"• {escape(date)}: {escape(event.title)}" if date else f"• {escape(event.title)}")

    def shown(choice: Choice) -> bool:
        return not teams or viewer is None or choice_power(scenario, choice) == viewer

    def who(choice: Choice, word: str) -> str:
        if teams and viewer is None:
            name = scenario.power(choice_power(scenario, choice)).name
            return f"{name}, {as_then}" if choice.auto else name
        if choice.auto:  # taken by lesson mode, not by the team
            return as_then if word == "you" else f"{word}, {as_then}"
        return word

    changed = [c for c in session.history if c.turn == turn and c.kind == "event" and shown(c)]
    for choice in changed:
        parts.append(f"   ➜ {escape(who(choice, 'you'))}: {escape(choice_text(scenario, choice))}")
    standing = [c for c in session.history if c.turn == turn and c.kind == "standing" and shown(c)]
    if standing and turn > 0:
        previous = {c.id: c.option for c in session.history if c.turn == turn - 1 and c.kind == "standing"}
        changes = [c for c in standing if previous.get(c.id) != c.option]
        for choice in changes:
            parts.append(f"   ➜ {escape(who(choice, 'orders'))}: {escape(choice_text(scenario, choice))}")
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
                     f"{month_html(scenario, session, turn, play.viewer, play.hot_seat)}")
    if session.ending:
        parts.append(f"<b>Ending: {escape(session.ending.title)}</b>")
    return "<br><br>".join(parts)


def branches_html(play: Play, muted: str) -> str:
    """The abandoned lines of play, greyed: where they left off and what they chose."""
    if not play.branches:
        return (f"<font color='{muted}'><i>No abandoned branches. Rewinding keeps the line you leave "
                "here, greyed, so you can compare.</i></font>")
    parts = []
    visible = play.visible()
    for branch in reversed(play.branches):
        parts.append(_branch_html(play.scenario, branch, muted, visible))
    return "<br><br>".join(parts)


def _branch_html(scenario: Scenario, branch: Branch, muted: str,
                 visible: dict[str, float | None] | None = None) -> str:
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
        main = scenario.presentation.main_variables or tuple(v.id for v in scenario.variables[:4])
        labels = {v.id: v.label for v in scenario.variables}
        shown = [f"{labels.get(var, var)} {branch.final_state.get(var, 0):.0f}" for var in main
                 if visible is None or visible.get(var, 0.0) is not None]
        lines.append("   " + ", ".join(shown))
    return f"<font color='{muted}'>" + "<br>".join(lines) + "</font>"


def thresholds(scenario: Scenario, var_id: str) -> list[str]:
    """The cards whose coming depends on ``var_id``, with the condition in words."""
    found = []
    for event in scenario.events:
        source = event.when.source if event.when is not None else ""
        if re.search(rf"\b{re.escape(var_id)}\b", source):
            words = when_in_words(scenario, event)
            if words and var_id in source:
                found.append(f"“{event.title}” comes when {words}")
    return found


def moved_html(play: Play, moved: list[Moved], muted: str) -> str:
    """``Stalin's trust 43 → 39 (▼−4): The landing that did not come``, one line per number."""
    if not moved:
        return ""
    scenario = play.scenario
    lines = []
    for item in moved[:8]:
        variable = scenario.variables[scenario.column(item.var)]
        change = change_text(variable, item.after - item.before) or ""
        why = "; ".join(f"{label.rsplit(': ', 1)[-1]} {amount:+.0f}" for label, amount in item.causes[:2])
        lines.append(f"<br>{escape(variable.label)} {value_text(variable, item.before)} → "
                     f"{value_text(variable, item.after)} <b>{escape(change)}</b> "
                     f"<font color='{muted}'>({escape(why)})</font>")
    return "<br><br><b>What moved</b>" + "".join(lines)


def result_html(play: Play, result: Result, muted: str, heading_px: int) -> str:
    """The result card: what was chosen, what it did and why, and what happened in history."""
    parts = [f"<font color='{muted}'>Result · {escape(result.title)}</font><br>",
             f"<font pixel_size={heading_px}><b>{escape(capital(result.chosen))}</b></font><br>"]
    if result.outcome:
        parts.append(f"<br>{esc(result.outcome)}<br>")
    for label, happened in result.chances:
        parts.append(f"<br><b>Chance:</b> {escape(label)} — {'it happened' if happened else 'it did not happen'}.")
    body = moved_html(play, result.moved, muted)
    parts.append(body or "<br><br>No number you can see moved at once; the effects may come later.")
    if result.in_history:
        parts.append(f"<br><br><i>{escape(result.in_history)}</i>")
    parts.append(f"<br><br><font color='{muted}'>W or a click on a number: why it moved.</font>")
    return "".join(parts)


def briefing_html(play: Play, power_id: str, muted: str, heading_px: int) -> str:
    """The first-turn briefing: who you are, what you want, every ending and what leads there."""
    scenario = play.scenario
    power = scenario.power(power_id)
    first, last = str(scenario.months[0]), str(scenario.months[-1])
    parts = [f"<font color='{muted}'>Briefing · {escape(month_name(first))} to {escape(month_name(last))}</font><br>",
             f"<font pixel_size={heading_px}><b>You are {escape(who(power))}</b></font><br><br>"]
    if power.description:
        parts.append(esc(power.description) + "<br><br>")
    if power.aims:
        parts.append(f"<b>What you want</b>: {esc(power.aims)}<br><br>")
    if power.fears:
        parts.append(f"<b>What you fear</b>: {esc(power.fears)}<br><br>")
    parts.append(f"<b>How the game can end</b> ({len(scenario.endings)} endings; the first reached ends it):")
    for line in endings(scenario):
        parts.append(f"<br>• <b>{escape(line.title)}</b>: {escape(line.route)}")
    parts.append("<br><br><b>Each month</b>: set your standing orders, then answer the cards. After every choice "
                 "a result card says what it did. The arrows beside the numbers show what moved since your last "
                 "decision; hover a number for what it means and whether up is good for you.")
    parts.append(f"<br><br><font color='{muted}'>Esc opens the menu with How to play.</font>")
    return "".join(parts)


def how_to_play_html(play_scenario: Scenario, keys: dict[str, str]) -> str:
    """The "How to play" page: the goal, a month, the screen's parts, and the keys."""
    k = {action: key.upper() for action, key in keys.items()}
    return (
        "<b>The goal</b><br>You play one power through the calendar. The briefing on the first card names "
        "every ending and what leads there; the one you reach decides how your year is judged against history."
        "<br><br><b>A month</b><br>1. <b>Standing orders</b> (centre): each order holds until you change it. "
        "Left/Right or a click on ◀ / ▶ changes one; C confirms.<br>2. <b>Cards</b>: events to answer with a "
        "number key or a click. Each choice is followed by a <b>result card</b>: what it did, which numbers moved "
        "and why, and what happened in history.<br>3. <b>News</b>: what others did and chance brought."
        "<br><br><b>The screen</b><br>• Left: the map (the front line moves with the front number) and the "
        "triangle of relations between the powers.<br>• Centre: the card.<br>• Right: <b>the state</b>. The "
        "arrow is the direction of the change since your last decision; its colour says whether that is good "
        "(blue) or bad (orange) for you. Hover a number for its meaning and the thresholds that matter; "
        f"{k.get('why', 'W')} or a click shows the full history of its causes.<br>• Below: your standing orders and "
        "the other powers' orders you know of."
        f"<br><br><b>Keys</b><br>{k.get('advisor', 'A')} the advisor · {k.get('timeline', 'T')} timeline and rewind · "
        f"{k.get('glossary', 'G')} glossary · {k.get('save', 'F5')} save · {k.get('fullscreen', 'F11')} full screen · "
        "Esc menu. Tab and the arrows move the focus ring; Enter activates."
    )
