"""The timeline: every month so far, what happened and what you chose; rewind from here.

Rewinding replays the same seed up to the start of the chosen month. The line you leave
is kept, greyed, beside the new one, so the two 1943s can be compared.
"""

from __future__ import annotations

import pygame

from game.ui.play import month_name
from game.ui.screens.base import Screen
from game.ui.theme import hex_colour
from game.ui.widgets import cards


class TimelineScreen(Screen):
    """Months as rewind buttons on the left; the story and abandoned branches on the right."""

    def __init__(self, app, main) -> None:
        super().__init__(app)
        self.main = main

    def build(self) -> None:
        play = self.main.play
        session, scenario = play.session, play.scenario
        width, height = self.app.size
        pad = self.u(20)
        title_h = self.t(44)
        button_h = self.t(32)
        self.label("Timeline", pygame.Rect(pad, pad, width - 2 * pad, title_h), "#title")
        top = pad + title_h + self.u(8)
        left_w = min(self.t(300), int(width * 0.3))
        bottom = height - pad - button_h - self.u(10)
        rewinds = not play.class_game  # a class game goes forward only: no team undoes another's choices
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
                        lambda t=turn: self.ask_rewind(t), f"rewind:{turn}", "#policy_button",
                        enabled=rewinds, tooltip=None if rewinds else "A class game cannot be rewound.")
            y += button_h + self.u(4)
        right = pygame.Rect(pad + left_w + pad, top, width - left_w - 3 * pad, bottom - top)
        muted = hex_colour(self.app.palette.muted)
        line = self.app.manager.get_theme().get_font(["#greyed"]).size("Hg")[1]
        story_h = min(int(right.height * (0.62 if play.branches else 0.8)), right.height - 4 * line - self.u(24))
        self.textbox(cards.timeline_html(play, muted), pygame.Rect(right.x, right.y, right.width, story_h))
        self.textbox(cards.branches_html(play, muted),
                     pygame.Rect(right.x, right.y + story_h + self.u(8), right.width,
                                 right.height - story_h - self.u(8)), "#greyed")
        self.button("Back  (Esc)", pygame.Rect(pad, height - pad - button_h, self.u(200), button_h), self.app.pop,
                    "back", "#primary_button")
        if self.focus.current is None:
            self.focus.current = f"rewind:{last}" if rewinds else "back"

    def ask_rewind(self, turn: int) -> None:
        if self.main.play.class_game:
            return
        month = month_name(str(self.main.play.scenario.months[turn]))
        self.app.push(self.app.open(
            "confirm", f"Rewind to the start of {month}?", "Rewind and choose again", lambda: self._rewind(turn),
            "The line you leave stays in the timeline, greyed."))

    def _rewind(self, turn: int) -> None:
        while len(self.app.screens) > 1 and self.app.top is not self.main:
            self.app.pop()  # the timeline (and a debrief under it): back to the main screen
        self.main.rewind(turn)
        self.app.toast(f"Rewound to {month_name(str(self.main.play.scenario.months[turn]))}")
