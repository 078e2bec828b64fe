"""Words drawn from the scenario alone, as pygame_gui HTML: the briefing, How to play,
conditions in words, recorded choices in words, and the escaping every text box needs.

Nothing here reads a game in progress; the words made from a seat's view are in
:mod:`game.ui.panels.words`.
"""

from __future__ import annotations

import re
from html import escape

from game.briefing import endings, when_in_words, who
from game.scenario.model import Scenario
from game.table.calendar import month_name

#: marks beside each evidence grade; what each grade means is the scenario's ``[grades]``
EVIDENCE_MARKS = {"documented": "●●●●", "general": "●●●◐", "reported": "●●●○", "alleged": "●●○○",
                  "doubtful": "●○○○"}


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




def briefing_html(scenario: Scenario, power_id: str, muted: str, heading_px: int) -> str:
    """The first-turn briefing: who you are, what you want, every ending and what leads there."""
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
    for line in endings(scenario, power_id):
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
        "<br><br><b>The screen</b><br>• Left: the map (the front line moves with the front number; hover a city "
        f"or the front for what you know of it; {k.get('map_key', 'K')} opens its key) and the "
        "triangle of relations between the powers.<br>• Centre: the card.<br>• Right: <b>the state</b>. The "
        "arrow is the direction of the change since your last decision; its colour says whether that is good "
        "(blue) or bad (orange) for you. Hover a number for its meaning and the thresholds that matter; "
        f"{k.get('why', 'W')} or a click shows the full history of its causes.<br>• Below: your standing orders and "
        "the other powers' orders you know of."
        f"<br><br><b>Keys</b><br>{k.get('advisor', 'A')} the advisor · {k.get('timeline', 'T')} timeline and rewind · "
        f"{k.get('glossary', 'G')} glossary · {k.get('map_key', 'K')} the map key · {k.get('save', 'F5')} save · "
        f"{k.get('fullscreen', 'F11')} full screen · Esc menu. Tab and the arrows move the focus ring; Enter "
        "activates. The map is on the ring too (its key's box): there Left and Right walk the front and the cities "
        "and tell each one's news, as hovering does."
    )
