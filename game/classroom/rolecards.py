"""Role cards: ``python -m game rolecards --pdf FILE [--scenario F]``.

One A4 page per power, made from the scenario's data: what the power wants, fears and
knows in the first month (``aims``, ``fears``, ``knows`` of ``[[powers]]``), its monthly
levers, the key decisions of a lesson, and what it cannot see. An edited scenario
prints its own cards.
"""

from __future__ import annotations

import re
from pathlib import Path

from game.classroom.printing import ACCENT, MUTED, PageWriter, a4_pdf, month_label, today
from game.classroom.teams import team_name
from game.scenario.expressions import Expression
from game.scenario.model import Power, Scenario


def write_rolecards_pdf(scenario: Scenario, path: str | Path) -> Path:
    """Write a role card per power, one A4 page each; returns the path."""
    path = Path(path)
    with a4_pdf(path, f"{scenario.title}: role cards", scenario.title) as pdf:
        for power in scenario.powers:
            page = PageWriter(pdf, f"{scenario.title} — role card: {power.name} — printed {today()}", max_pages=2)
            page.new_page()
            write_card(page, scenario, power)
            page.close()
    return path


def write_card(page: PageWriter, scenario: Scenario, power: Power) -> None:
    """One power's card."""
    start = month_label(str(scenario.months[0]))
    page.text(f"{scenario.title.upper()} — ROLE CARD — {start.upper()}", size=9, color=MUTED, space_after=0.02)
    page.text(f"{power.name} — {team_name(scenario, power.id)}", size=22, bold=True, color=ACCENT,
              space_after=0.04)
    if power.description:
        page.text(power.description, size=10, italic=True, space_after=0.04)
    for heading, text in (("What you want", power.aims), ("What you fear", power.fears),
                          (f"What you know in {start}", power.knows)):
        if text:
            page.heading(heading, size=11.5, space_before=0.06)
            page.text(text, size=9.8, space_after=0.02)
    levers = [policy for policy in scenario.policies if policy.power == power.id]
    if levers:
        page.heading("Your levers, set every month", size=11.5, space_before=0.06)
        for policy in levers:
            options = " / ".join(option.label for option in policy.options)
            page.text(f"{policy.label} — {options}. {policy.explain}", size=8.8, indent=0.18, hanging="•",
                      space_after=0.02)
    write_decisions(page, scenario, power)
    hidden = [v for v in scenario.variables if not v.hidden and v.hidden_for(power.id)]
    if hidden:
        page.heading("What you cannot see", size=11.5, space_before=0.06)
        for variable in hidden:
            condition = variable.reveal_for(power.id)
            when = f" until {readable(scenario, condition)}" if condition is not None else ", all year"
            page.text(f"{variable.label}: hidden from you{when}.", size=8.8, indent=0.18, hanging="•",
                      space_after=0.0)



def write_decisions(page: PageWriter, scenario: Scenario, power: Power) -> None:
    """The key cards of a lesson for this power, and how many more the full game has."""
    cards = [event for event in scenario.events if event.power == power.id and event.is_decision]
    key = [event for event in cards if event.lesson and event.turn is not None]
    maybe = [event for event in cards if event.lesson and event.turn is None]
    if not cards and not power.lesson_turns:
        return
    page.heading("Decisions ahead", size=11.5, space_before=0.06)
    if power.lesson_turns and any(p.power == power.id for p in scenario.policies):
        months = ", ".join(month_label(str(scenario.months[turn])) for turn in power.lesson_turns)
        page.text(f"In a lesson you set your levers in {months}; in between they stay as you left them.",
                  size=9, space_after=0.02)
    for event in key:
        page.text(f"{month_label(event.date)}: {event.title}", size=9, indent=0.18, hanging="•",
                  space_after=0.0)
    if maybe:
        titles = "; ".join(dict.fromkeys(event.title for event in maybe))
        page.text(f"If things come to it: {titles}.", size=9, color=MUTED, indent=0.18, space_after=0.03)
    others = len(cards) - len(key) - len(maybe)
    if others:
        page.text(f"The full game has {others} more cards for you; in a lesson they are taken as in 1943.",
                  size=9, color=MUTED)


def readable(scenario: Scenario, condition: Expression) -> str:
    """A reveal condition in words: ``exposure >= 40`` as "Exposure reaches 40".

    >>> from game.scenario import load_scenario
    >>> scenario = load_scenario("scenarios/1943.toml")
    >>> readable(scenario, scenario.variables[scenario.column("berlin_channel")].reveal_for("west"))
    'Exposure reaches 40'
    """
    labels = {variable.id: variable for variable in scenario.variables}
    match = re.fullmatch(r"\s*([a-z_][a-z0-9_]*)\s*>=\s*([0-9.]+)\s*", condition.source)
    if match and match.group(1) in labels:
        variable = labels[match.group(1)]
        if variable.max == 1:
            return f"this comes true: {variable.label}"
        return f"{variable.label} reaches {match.group(2)}"
    text = condition.source
    for ident, variable in labels.items():
        text = re.sub(rf"\b{ident}\b", variable.label, text)
    return text.replace(">=", "≥").replace("<=", "≤").replace("==", "=")
