"""What a team does while another decides, taken from the lesson plan and the team's packet.

Ten students waiting for another team's card need work that belongs to the lesson, not a
line that fits every moment. The steps come from what the class already holds:

- the **worksheet** of the student packet has a row per decision (choice, reason, evidence
  grade): the team completes the row of the decision it made last, or, before its first,
  does what the plan's briefing asks;
- the **lesson plan** (:func:`game.table.lesson.lesson_plan`, the cards the packet lists
  for the team) says which of the team's decisions comes next, and the packet's **source
  extracts** tied to that card (the scenario's ``[[extracts]]``) are what to read for it;
- the teacher's guide (docs/teachers.md, the 45-minute plan) gives for each block of play
  what the teacher tells the class; the block is the one the month falls in
  (:data:`game.table.lesson.PLAY_BLOCKS`).

Only the team's own packet and the guide's words to the whole class are used, so a task
tells a team nothing its power does not know.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from game.paths import ROOT
from game.scenario.model import Scenario
from game.table import Table, month_name
from game.table.lesson import PLAY_BLOCKS, PlannedDecision, block_months, block_of, lesson_plan
from game.table.seats import team_name

#: the teacher's guide, whose 45-minute plan gives the words for each block of play
GUIDE = ROOT / "docs" / "teachers.md"


@lru_cache(maxsize=4)
def plan_table(path: Path = GUIDE) -> dict[str, dict[str, str]]:
    """The rows of the guide's lesson plan by phase: {"briefing": {...}, "summer": {...}}.

    Each row gives "does" (what the teacher does), "says" (what the teacher says) and
    "students" (what students do). A play phase is named by its block ("Play: summer (May
    – Aug 1943)" is "summer"). A guide that cannot be read gives no rows.
    """
    try:
        markdown = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    rows: dict[str, dict[str, str]] = {}
    for cells in table_rows(markdown):
        if len(cells) != 5 or not cells[0][:1].isdigit():
            continue
        phase = cells[1].lower().removeprefix("play:").split("(")[0].strip()
        rows.setdefault(phase, {"does": cells[2], "says": cells[3].strip('"“” '), "students": cells[4]})
    return rows


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of every Markdown table row, emphasis and code marks taken out.

    A few lines of its own rather than the guide's printer (game.classroom.guide), which
    brings the whole PDF stack into the server.
    """
    rows = []
    for line in markdown.splitlines():
        line = line.strip()
        if not line.startswith("|"):
            continue
        cells = [re.sub(r"\*\*|`", "", cell).strip() for cell in line.strip("|").split("|")]
        if not all(set(cell) <= set("-: ") for cell in cells):
            rows.append(cells)
    return rows


def plan_of(table: Table) -> list[PlannedDecision]:
    """The decisions the lesson plan gives the teams of this game (the lesson's own in lesson mode)."""
    lesson = table.lesson
    if lesson is not None:
        return list(lesson.plan)
    key = (id(table.scenario), tuple(table.session.humans))
    cached = _PLANS.get(key)
    if cached is None or cached[0] is not table.scenario:
        cached = _PLANS[key] = (table.scenario, lesson_plan(table.scenario, key[1]))
    return cached[1]


#: the plan of a game played outside lesson mode, made once per scenario and teams
_PLANS: dict[tuple[int, tuple[str, ...]], tuple[Scenario, list[PlannedDecision]]] = {}


def waiting_task(table: Table, power: str, deciding: str | None) -> dict | None:
    """The task of a team that waits while ``deciding`` decides (None when it is its own turn)."""
    if deciding is None or deciding == power:
        return None
    scenario, session = table.scenario, table.session
    turn = min(session.turn, len(scenario.months) - 1)
    block = block_of(scenario, turn)
    name = PLAY_BLOCKS[block][0]
    _, first, last, _ = block_months(scenario)[block]
    plan = plan_table()
    steps = [worksheet_step(table, power, plan)]
    upcoming = next_decision(table, power)
    if upcoming is not None:
        steps.append(next_card_step(scenario, upcoming))
    says = plan.get(name, {}).get("says", "")
    if says:
        steps.append(f"For {name}, the lesson plan says: “{says}”")
    other = team_name(scenario, deciding)
    span = f"{month_name(first, short=True)} – {month_name(last, short=True)}"
    return {"title": f"While {other} decides", "block": f"{name[:1].upper() + name[1:]} ({span})",
            "steps": [step for step in steps if step]}


def worksheet_step(table: Table, power: str, plan: dict[str, dict[str, str]]) -> str:
    """Complete the worksheet row of the team's last decision, or, before any, the briefing's task."""
    scenario = table.scenario
    answer = table.last.get(power)
    if answer is None:
        briefing = plan.get("briefing", {}).get("says", "")
        return f"Before your first decision: {briefing}" if briefing else ""
    month = month_name(str(scenario.months[answer.turn]))
    what = ("your standing orders" if answer.kind == "standing"
            else "“" + scenario.event(answer.sources[0]).title + "”" if answer.sources else "your card")
    grades = ", ".join(getattr(scenario, "grades", {})) or "its grade"
    return (f"On your worksheet, finish the row for {month}, {what}: your choice, your reason (why this option?) "
            f"and the evidence grade you relied on ({grades}).")


def next_decision(table: Table, power: str) -> PlannedDecision | None:
    """The team's next decision in the lesson plan that has not come yet."""
    session = table.session
    own = table.observer(power).own_choices()
    made = {(c.turn, c.kind, c.id) for c in own}
    standing = {c.turn for c in own if c.kind == "standing"}
    for item in plan_of(table):
        if item.power != power or item.conditional or item.turn < session.turn:
            continue
        if item.kind == "standing" and item.turn in standing:
            continue
        if item.kind == "event" and any(key[2] == item.id for key in made):
            continue
        return item
    return None


def next_card_step(scenario: Scenario, item: PlannedDecision) -> str:
    """Prepare the team's next card: its month and title, and the packet's sources for it."""
    month = month_name(str(scenario.months[item.turn]))
    if item.kind == "standing":
        return (f"Your next decision: your standing orders in {month}. Look at your levers on the role sheet and "
                "agree which one you would change, and why.")
    title = scenario.event(item.id).title
    extracts = scenario.extracts_for({item.id})
    if not extracts:
        return f"Your next decision: “{title}” in {month}. Agree what you want from it before it comes."
    named = "; ".join(f"source {e.number} ({e.speaker}, {e.date}, note {e.note})" for e in extracts[:2])
    return (f"Your next decision: “{title}” in {month}. Read {named} in your packet (marked ★) and agree what "
            "it tells you.")
