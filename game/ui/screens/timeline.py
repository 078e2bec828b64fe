"""The timeline: every month so far, what happened and what you chose; rewind from here.

Rewinding replays the same seed up to the start of the chosen month. The line you leave
is kept, greyed, beside the new one, so the two 1943s can be compared.
"""

from __future__ import annotations

from functools import partial
from html import escape

import pygame

from game.scenario.model import Scenario
from game.table import LoggedChoice, Observer, Table
from game.table.calendar import month_name
from game.table.observer import choice_text
from game.table.table import Branch
from game.ui.screens.base import Screen
from game.ui.theme import hex_colour


def month_html(observer: Observer, turn: int) -> str:
    """One month of the timeline as the seat's observer tells it: what it knew fired and the
    choices it may read. With several teams at the screen, the observer of no power (the
    year is over, everyone looks) reads every team's choices, each under its power's name.
    """
    table = observer.table
    log = observer.month_log(turn)
    as_then = table.scenario.presentation.as_in_history
    names = observer.power is None and table.hot_seat

    def who(choice: LoggedChoice, word: str) -> str:
        if names:
            return f"{choice.power_name}, {as_then}" if choice.auto else choice.power_name
        if choice.auto:  # taken by lesson mode, not by the team
            return as_then if word == "you" else f"{word}, {as_then}"
        return word

    parts = [f"• {escape(line)}" for line in log.events]
    parts += [f"   ➜ {escape(who(choice, 'you'))}: {escape(choice.text)}" for choice in log.decisions]
    if turn > 0:
        parts += [f"   ➜ {escape(who(choice, 'orders'))}: {escape(choice.text)}" for choice in log.orders]
    elif log.orders:
        parts.append("   ➜ orders: " + escape("; ".join(choice.text for choice in log.orders)))
    return "<br>".join(parts) if parts else "<i>nothing of note</i>"


def timeline_html(table: Table, viewer: str | None) -> str:
    """The current line of play, month by month, as the seat at the screen knows it."""
    session, scenario = table.session, table.scenario
    observer = table.observer(viewer)
    parts = []
    last = min(session.turn, len(scenario.months) - 1)
    for turn in range(last + 1):
        state = "" if turn < session.turn else " (now)"
        parts.append(f"<b>{escape(month_name(str(scenario.months[turn])))}{state}</b><br>"
                     f"{month_html(observer, turn)}")
    if session.ending:
        parts.append(f"<b>Ending: {escape(session.ending.title)}</b>")
    return "<br><br>".join(parts)


def branches_html(scenario: Scenario, branches: list[Branch], shown: set[str], muted: str) -> str:
    """The abandoned lines of play, greyed: where they left off, what they chose, and where they
    stood in the numbers the seat sees (``shown``)."""
    if not branches:
        return (f"<font color='{muted}'><i>No abandoned branches. Rewinding keeps the line you leave "
                "here, greyed, so you can compare.</i></font>")
    return "<br><br>".join(_branch_html(scenario, branch, muted, shown) for branch in reversed(branches))


def _branch_html(scenario: Scenario, branch: Branch, muted: str, shown: set[str]) -> str:
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
        figures = [f"{labels.get(var, var)} {branch.final_state.get(var, 0):.0f}" for var in main if var in shown]
        lines.append("   " + ", ".join(figures))
    return f"<font color='{muted}'>" + "<br>".join(lines) + "</font>"


class TimelineScreen(Screen):
    """Months as rewind buttons on the left; the story and abandoned branches on the right."""

    def __init__(self, app, main) -> None:
        super().__init__(app)
        self.main = main

    def build(self) -> None:
        deck = self.main.deck
        table = deck.table
        session, scenario = table.session, table.scenario
        width, height = self.app.size
        pad = self.u(20)
        title_h = self.t(44)
        button_h = self.t(32)
        self.label("Timeline", pygame.Rect(pad, pad, width - 2 * pad, title_h), "#title")
        top = pad + title_h + self.u(8)
        left_w = min(self.t(300), int(width * 0.3))
        bottom = height - pad - button_h - self.u(10)
        rewinds = not table.class_game  # a class game goes forward only: no team undoes another's choices
        heading = ["Rewind to the start of:", "Rewind to:"] if rewinds else "Months so far"
        self.label(heading, pygame.Rect(pad, top, left_w, self.t(26)), "#heading")
        y = top + self.t(30)
        last = min(session.turn, len(scenario.months) - 1)
        room = max(1, (bottom - y) // (button_h + self.u(4)))
        first = max(0, last + 1 - room)
        for turn in range(first, last + 1):
            month = str(scenario.months[turn])
            current = " (this month)" if turn == session.turn else ""
            self.button([f"{month_name(month)}{current}", f"{month_name(month, short=True)}{current}",
                         month_name(month, short=True)], pygame.Rect(pad, y, left_w, button_h),
                        partial(self.ask_rewind, turn), f"rewind:{turn}", "#policy_button",
                        enabled=rewinds, tooltip=None if rewinds else "A class game cannot be rewound.")
            y += button_h + self.u(4)
        right = pygame.Rect(pad + left_w + pad, top, width - left_w - 3 * pad, bottom - top)
        muted = hex_colour(self.app.palette.muted)
        line = self.app.manager.get_theme().get_font(["#greyed"]).size("Hg")[1]
        story_h = min(int(right.height * (0.62 if table.branches else 0.8)), right.height - 4 * line - self.u(24))
        self.textbox(timeline_html(table, deck.viewer), pygame.Rect(right.x, right.y, right.width, story_h))
        shown = {v.id for v in deck.view().variables if v.value is not None}
        self.textbox(branches_html(scenario, table.branches, shown, muted),
                     pygame.Rect(right.x, right.y + story_h + self.u(8), right.width,
                                 right.height - story_h - self.u(8)), "#greyed")
        self.button("Back  (Esc)", pygame.Rect(pad, height - pad - button_h, self.u(200), button_h), self.app.pop,
                    "back", "#primary_button")
        if self.focus.current is None:
            self.focus.current = f"rewind:{last}" if rewinds else "back"

    def ask_rewind(self, turn: int) -> None:
        if self.main.deck.table.class_game:
            return
        month = month_name(str(self.main.deck.table.scenario.months[turn]))
        self.app.push(self.app.open(
            "confirm", f"Rewind to the start of {month}?", "Rewind and choose again", lambda: self._rewind(turn),
            "The line you leave stays in the timeline, greyed."))

    def _rewind(self, turn: int) -> None:
        while len(self.app.screens) > 1 and self.app.top is not self.main:
            self.app.pop()  # the timeline (and a debrief under it): back to the main screen
        self.main.rewind(turn)
        self.app.toast(f"Rewound to {month_name(str(self.main.deck.table.scenario.months[turn]))}")
