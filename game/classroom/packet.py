"""The student packet: ``python -m game packet --pdf FILE [--paper a4|letter]``.

Per team: a role sheet a team can use without the teacher (its goal, what it can and
cannot see, how to play, the keys, who's who), a one-page timeline of the year, a
worksheet for each decision of the lesson (the choice, the reason, the evidence grade
relied on) with the exit ticket, and the source extracts tied to the lesson's cards.
The packet ends with a bibliography. Everything is read from the scenario: the powers
(``team`` and ``player`` when it has them), the variables and who may see them, the
levers, the cards the lesson plan gives each team, and the glossary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from game.classroom.printing import (
    build_pdf,
    bullets,
    grid,
    keep,
    month_label,
    para,
    space,
    text,
    text_width,
    today,
    writing_lines,
)
from game.classroom.questions import class_questions
from game.debrief import upper_first
from game.keys import DEFAULT_KEYS
from game.scenario.expressions import Expression
from game.scenario.model import Power, Scenario, SourceExtract
from game.table.lesson import LESSON_DECISIONS, lesson_plan
from game.table.seats import player_name, team_name

GRADES = ("documented", "reported", "alleged", "doubtful")
#: the window's fixed keys; the rebindable ones come from its settings
FIXED_KEYS = (("1, 2, 3 …", "choose an option"), ("Tab, arrows", "move between options"),
              ("Enter or Space", "confirm"), ("Esc", "go back"))
KEY_ACTIONS = {"timeline": "the timeline of your year", "glossary": "the glossary: who is who",
               "why": "why a number moved", "advisor": "the advisor's hint", "save": "save the game"}
WHO_LIMIT = 9


def teams_of(scenario: Scenario, humans: tuple[str, ...] | None = None) -> list[Power]:
    """The powers that get a team: ``humans`` if given, else every power."""
    return [power for power in scenario.powers if humans is None or power.id in humans]


def write_packet_pdf(scenario: Scenario, path: str | Path, paper: str = "a4",
                     humans: tuple[str, ...] | None = None) -> Path:
    """Write the student packet for the teams playing ``humans`` (default: every power); returns the path."""
    return _team_pdf(scenario, path, paper, humans, (role_sheet, timeline, worksheet, extracts_section),
                     "student packet", bibliography(scenario))


def write_role_sheets_pdf(scenario: Scenario, path: str | Path, paper: str = "a4",
                          humans: tuple[str, ...] | None = None) -> Path:
    """Only the role sheets, one per team (``python -m game rolecards``)."""
    return _team_pdf(scenario, path, paper, humans, (role_sheet,), "role sheets")


def _team_pdf(scenario: Scenario, path: str | Path, paper: str, humans: tuple[str, ...] | None,
              sections: tuple[Callable[..., list[Flowable]], ...], name: str,
              closing: list[Flowable] | None = None) -> Path:
    """The given sections for every team, each on its own pages, then ``closing`` if any."""
    width = text_width(paper)
    teams = teams_of(scenario, humans)
    playing = tuple(power.id for power in teams)
    story: list[Flowable] = []
    for power in teams:
        for section in sections:
            if story:
                story.append(PageBreak())
            story += section(scenario, power, playing, width)
    if closing:
        story += [PageBreak(), *closing]
    return build_pdf(path, story, f"{scenario.title}: {name}",
                     f"{scenario.title} — {name} — printed {today()}", paper, subject=scenario.title)


# -- the role sheet ------------------------------------------------------------------


def planned_cards(scenario: Scenario, power: Power, playing: tuple[str, ...]) -> list[tuple[str, str]]:
    """(month, what) for each decision the lesson plan gives this team, in calendar order."""
    rows = []
    for item in lesson_plan(scenario, playing):
        if item.power != power.id or item.conditional:
            continue
        what = "Your standing orders (all your levers)" if item.kind == "standing" else scenario.event(item.id).title
        rows.append((month_label(str(scenario.months[item.turn])), what))
    return rows


def conditional_cards(scenario: Scenario, power: Power, playing: tuple[str, ...]) -> list[str]:
    """Titles of the key cards that come only if things come to them."""
    titles = [scenario.event(item.id).title for item in lesson_plan(scenario, playing)
              if item.power == power.id and item.conditional]
    return list(dict.fromkeys(titles))


def role_sheet(scenario: Scenario, power: Power, playing: tuple[str, ...], width: float) -> list[Flowable]:
    """One team's role sheet."""
    start = month_label(str(scenario.months[0]))
    end = month_label(str(scenario.months[-1]))
    team = upper_first(team_name(scenario, power.id))
    player = player_name(scenario, power.id)
    heading = f"{team}: you play {player}" if player != power.name else f"{team}: you play {power.name}"
    flow: list[Flowable] = [para(f"{scenario.title.upper()} — ROLE SHEET — {start.upper()} TO {end.upper()}",
                                 "kicker"), para(heading, "title")]
    if power.description:
        flow.append(para(power.description, "quote"))
    sections = (("Your goal", power.aims), ("What you fear", power.fears), (f"What you know in {start}", power.knows))
    for title, body in sections:
        if body:
            flow.append(keep(para(title, "h2"), para(body)))
    flow += seeing(scenario, power)
    flow += how_to_play(scenario, power, playing, width)
    flow += levers(scenario, power)
    flow += whos_who(scenario, power, playing, width)
    return flow


def seeing(scenario: Scenario, power: Power) -> list[Flowable]:
    """What the team sees on its screen and what it cannot see, in plain words."""

    shown = [v for v in scenario.variables if not v.hidden and not v.hidden_for(power.id) and v.max > 1]
    hidden = [v for v in scenario.variables if not v.hidden and v.hidden_for(power.id)]
    flow: list[Flowable] = [para("What you can see", "h2")]
    if shown:
        flow.append(para("Your screen shows these numbers (0 to 100 unless marked): "
                         + "; ".join(v.label + (f" ({v.unit})" if v.unit else "") for v in shown) + "."))
    if hidden:
        items = []
        for variable in hidden:
            condition = variable.reveal_for(power.id)
            if condition is None:
                when = "Hidden from you all year: judge it from what the cards tell you."
            else:
                when = f"Hidden from you at first; it appears on your screen {appears_when(scenario, condition)}."
            items.append(f"<b>{text(variable.label)}</b>: {text(variable.description.split('.')[0])}. "
                         f"{text(when)}")
        flow.append(para("What you cannot see", "h2"))
        flow.append(bullets(items, "small", markup=True))
    return flow


def appears_when(scenario: Scenario, condition: Expression) -> str:
    """When a hidden number appears, in words a student can read, from the scenario's descriptions.

    >>> from game.scenario import load_scenario
    >>> scenario = load_scenario("scenarios/1943.toml")
    >>> def reveal(var, power):
    ...     return scenario.variables[scenario.column(var)].reveal_for(power)
    >>> appears_when(scenario, reveal("nazi_intransigence", "ussr"))
    'once the Berlin channel reaches 50 (exploratory talks)'
    >>> appears_when(scenario, reveal("soviet_aims", "west"))
    'once the three leaders have met at Teheran'
    """
    match = re.fullmatch(r"\s*([a-z_][a-z0-9_]*)\s*>=\s*([0-9.]+)\s*", condition.source)
    variables = {variable.id: variable for variable in scenario.variables}
    if match and match.group(1) in variables:
        variable, value = variables[match.group(1)], match.group(2)
        once = re.match(r"1 (once .+?)\.?$", variable.description.strip())
        if variable.max == 1 and once:
            return once.group(1)
        scale = re.search(rf"\b{re.escape(value)} ([a-z][a-z ]*)", variable.description)
        gloss = f" ({scale.group(1).strip()})" if scale else ""
        return f"once the {variable.label} reaches {value}{gloss}"
    return f"once {readable(scenario, condition)}"


def readable(scenario: Scenario, condition: Expression) -> str:
    """A reveal condition in words: ``exposure >= 40`` as "Exposure reaches 40".

    >>> from game.scenario import load_scenario
    >>> scenario = load_scenario("scenarios/1943.toml")
    >>> readable(scenario, scenario.variables[scenario.column("berlin_channel")].reveal_for("west"))
    'Exposure reaches 40'
    >>> readable(scenario, scenario.variables[scenario.column("german_opposition")].reveal_for("ussr"))
    'this happens: Hitler overthrown'
    """
    labels = {variable.id: variable for variable in scenario.variables}
    match = re.fullmatch(r"\s*([a-z_][a-z0-9_]*)\s*>=\s*([0-9.]+)\s*", condition.source)
    if match and match.group(1) in labels:
        variable = labels[match.group(1)]
        if variable.max == 1:
            return f"this happens: {variable.label}"
        return f"{variable.label} reaches {match.group(2)}"
    value = condition.source
    for ident, variable in labels.items():
        value = re.sub(rf"\b{ident}\b", variable.label, value)
    return value.replace(">=", "≥").replace("<=", "≤").replace("==", "=")


def window_keys() -> list[tuple[str, str]]:
    """(key, what it does): the fixed keys and the window's default bindings."""
    keys = list(FIXED_KEYS)
    for action, meaning in KEY_ACTIONS.items():
        if action in DEFAULT_KEYS:
            keys.append((DEFAULT_KEYS[action].upper(), meaning))
    return keys


def how_to_play(scenario: Scenario, power: Power, playing: tuple[str, ...], width: float) -> list[Flowable]:
    """The steps of a turn, the keys and the team's decisions in the lesson."""
    cards = planned_cards(scenario, power, playing)
    steps = [
        "When the screen says it is your turn, sit at the keyboard; when it asks to pass the keyboard, the other "
        "teams look away.",
        "Read the card aloud in your team. Look at its evidence grade (documented, reported, alleged, doubtful) "
        "and, if it helps, at the source extract with the same card name in this packet.",
        "Agree on a choice and a reason. Write both on your worksheet, with the evidence grade you relied on, "
        "before you press the key.",
        "Press the number of your option, then Enter. The screen tells you what your choice did.",
        "Between your turns the year goes on as it did in history; the screen lists what happened meanwhile.",
    ]
    flow: list[Flowable] = [para("How to play", "h2"), bullets(steps, "small", numbered=True)]
    keys = window_keys()
    half = (len(keys) + 1) // 2
    rows: list[list[object]] = [["Key", "What it does", "Key", "What it does"]]
    for index in range(half):
        right = keys[index + half] if index + half < len(keys) else ("", "")
        rows.append([keys[index][0], keys[index][1], right[0], right[1]])
    flow.append(keep(para("Keys (in a terminal, type the option's number and press Enter; help lists the "
                          "commands)", "small"),
                     grid(rows, [0.16 * width, 0.34 * width, 0.16 * width, 0.34 * width])))
    if cards:
        total = sum(1 for item in lesson_plan(scenario, playing) if not item.conditional) or LESSON_DECISIONS
        flow.append(para(f"Your decisions in a lesson ({len(cards)} of the class's {total})", "h2"))
        flow.append(para("; ".join(f"<b>{text(month)}</b> {text(what)}" for month, what in cards) + ".",
                         "small", markup=True))
        maybe = conditional_cards(scenario, power, playing)
        if maybe:
            flow.append(para("If things come to it, one of these may replace a later decision: "
                             + "; ".join(maybe) + ".", "small"))
    return flow


def levers(scenario: Scenario, power: Power) -> list[Flowable]:
    """The team's standing levers, and what happens to them between its turns."""
    own = [policy for policy in scenario.policies if policy.power == power.id]
    if not own:
        return []
    items = [f"<b>{text(policy.label)}</b>: " + text(" / ".join(option.label for option in policy.options))
             for policy in own]
    return [keep(para("Your levers (standing orders)", "h2"), bullets(items, "small", markup=True),
                 para("A lever you leave at its historical setting keeps following history in the months "
                      "between your turns. A lever you change stays where you set it until your next standing "
                      "orders.", "small"))]


def whos_who(scenario: Scenario, power: Power, playing: tuple[str, ...], width: float) -> list[Flowable]:
    """The people the team will meet on its cards and sheet, from the scenario's glossary."""
    cards = [item for item in lesson_plan(scenario, playing) if item.power == power.id and item.kind == "event"]
    words = " ".join([power.aims, power.fears, power.knows, power.description]
                     + [scenario.event(item.id).text + " " + scenario.event(item.id).title for item in cards])
    entries = [entry for entry in scenario.glossary if re.search(rf"\b{re.escape(entry.term)}\b", words)]
    if not entries:
        return []
    rows: list[list[object]] = [["Who or what", "In one line"]]
    for entry in entries[:WHO_LIMIT]:
        rows.append([entry.term, first_sentence(entry.text)])
    return [keep(para("Who's who", "h2"), grid(rows, [0.2 * width, 0.8 * width]))]


def first_sentence(value: str) -> str:
    """The first sentence of a glossary entry.

    >>> first_sentence("Molotov, foreign commissar. He signed the pact.")
    'Molotov, foreign commissar.'
    """
    match = re.match(r"(.+?[.!?])(\s|$)", value.strip())
    return match.group(1) if match else value.strip()


# -- timeline, worksheet, sources ----------------------------------------------------


def timeline(scenario: Scenario, power: Power, playing: tuple[str, ...], width: float) -> list[Flowable]:
    """One page: what happens month by month (events nobody decides) and when this team decides."""
    decided: dict[int, list[str]] = {}
    for item in lesson_plan(scenario, playing):
        if item.power == power.id and not item.conditional:
            what = "standing orders" if item.kind == "standing" else scenario.event(item.id).title
            decided.setdefault(item.turn, []).append(what)
    rows: list[list[object]] = [["Month", f"What happens ({scenario.presentation.as_in_history})", "You decide"]]
    for turn, month in enumerate(scenario.months):
        happened = [dated(event.date, event.title) for event in scenario.events
                    if event.turn == turn and event.evidence in ("documented", "general")
                    and (event.power is None or event.lesson)]
        rows.append([month_label(str(month)), "; ".join(happened) or "—", "; ".join(decided.get(turn, []))])
    return [para(f"{scenario.title.upper()} — TIMELINE — {upper_first(team_name(scenario, power.id)).upper()}",
                 "kicker"),
            para(f"The year, {month_label(str(scenario.months[0]))} to {month_label(str(scenario.months[-1]))}",
                 "title"),
            para("The middle column is what happened whatever anyone decided; the game follows it unless your "
                 "choices change the war. The right column is when your team decides.", "muted"),
            grid(rows, [0.12 * width, 0.58 * width, 0.30 * width])]


def dated(day: str, title: str) -> str:
    """A timeline entry with its day when the date has one.

    >>> dated("1943-04-13", "Katyn"), dated("1943-05", "Talks end")
    ('13 Apr: Katyn', 'Talks end')
    """
    parts = str(day).split("-")
    if len(parts) < 3:
        return title
    return f"{int(parts[2])} {month_label(day)[:3]}: {title}"


def worksheet(scenario: Scenario, power: Power, playing: tuple[str, ...], width: float) -> list[Flowable]:
    """A row per decision: the choice, the reason, the evidence relied on; then the exit ticket."""
    cards = planned_cards(scenario, power, playing)
    grades = " / ".join(GRADES)
    rows: list[list[object]] = [["Month and card", "Our choice", "Our reason: why this option?",
                                 f"Evidence we relied on (circle): {grades}"]]
    for month, what in cards + [("If a card comes", "")]:
        rows.append([f"{month}: {what}" if what else month, "", "", grades])
    heights = [None] + [21 * mm] * (len(rows) - 1)
    table = grid(rows, [0.22 * width, 0.2 * width, 0.36 * width, 0.22 * width], heights=heights)
    names = "Names: " + "_" * 60
    flow: list[Flowable] = [
        para(f"{scenario.title.upper()} — WORKSHEET — {upper_first(team_name(scenario, power.id)).upper()}",
             "kicker"),
        para("Our decisions", "title"), para(names, "small"), table, space(6),
        CondPageBreak(95 * mm),
    ]
    flow += exit_ticket(scenario, width)
    return flow


def exit_ticket(scenario: Scenario, width: float) -> list[Flowable]:
    """The exit ticket: one of the class's questions (the scenario's, in their short form)
    answered as claim, evidence, reasoning."""
    return [keep(
        para("Exit ticket (each student, 5 minutes)", "h1"),
        para("Pick one question. Write a claim (your answer in one sentence), the evidence (a card, a number or "
             "a source extract, with its evidence grade) and your reasoning (why that evidence supports the "
             "claim).", "small"),
        bullets([question.ticket for question in class_questions(scenario)], "small", numbered=True),
        para("Claim", "h2"), writing_lines(2, width), para("Evidence", "h2"), writing_lines(3, width),
        para("Reasoning", "h2"), writing_lines(4, width))]


def extracts_section(scenario: Scenario, power: Power, playing: tuple[str, ...], width: float) -> list[Flowable]:
    """The source extracts, the ones tied to this team's cards first."""
    own = {item.id for item in lesson_plan(scenario, playing) if item.power == power.id and item.kind == "event"}
    known = {event.id: event.title for event in scenario.events}
    ordered = sorted(scenario.extracts, key=lambda extract: (not own & set(extract.cards), extract.number))
    flow: list[Flowable] = [
        para(f"{scenario.title.upper()} — SOURCES — {upper_first(team_name(scenario, power.id)).upper()}", "kicker"),
        para("What people said at the time", "title"),
        para("Short quotations as the article this game rests on prints them (its full title is under Sources "
             "and further reading). “Note 37” means footnote 37 of the article: the place where it says where "
             "the words come from. The sources for your team's cards come first (marked ★).", "muted"),
    ]
    for extract in ordered:
        flow.append(extract_block(extract, known, own, width))
    if not ordered:
        flow.append(para("This scenario gives no source extracts ([[extracts]] in its file).", "body"))
    return flow


def extract_block(extract: SourceExtract, known: dict[str, str], own: set[str], width: float) -> Flowable:
    """One extract: the words, who said them and when, the footnote, the cards it goes with."""
    cards = [known[card] for card in extract.cards if card in known]
    mark = "★ " if own & set(extract.cards) else ""
    body = [
        para(f"{mark}{extract.number}. {extract.speaker}, {extract.date}", "h2"),
        para(f"“{extract.quotation}”", "quote"),
        para(f"<b>Note {extract.note}</b> of the article cites: {text(extract.cited)}", "small", markup=True),
        para(extract.context, "small"),
    ]
    if cards:
        listed = "; ".join(cards).rstrip(".?!")
        body.append(para(f"Goes with: {listed}. Helps with question {extract.question} of the exit ticket.", "muted"))
    return keep(*body)


def bibliography(scenario: Scenario) -> list[Flowable]:
    """The article in full and the published sources the extracts come from."""
    published = sorted({f"{extract.cited} (note {extract.note})" for extract in scenario.extracts})
    return [para("Sources and further reading", "title"),
            para("The game and this packet rest on:", "body"),
            bullets(list(scenario.sources) or ["(the scenario names no sources)"]),
            *([para("The extracts quote these, as the article cites them:", "body"), bullets(published, "small")]
              if published else []),
            para("The article's footnotes are the numbers on every card (for example “note 57”). A school or "
                 "public library can usually get the article through JSTOR or an interlibrary loan.", "muted")]
