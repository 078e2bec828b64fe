"""The advisor's panel over the card text: the lab plays each option on and compares them on the
player's goals (game.lab.advisor.compare, run by game.ui.advisor_panel.AdvisorRun in a thread).

It is off in class games (the table says which games are). The panel shows the run's
progress, then its comparison; only the text box is refreshed while it works.

Its comparison runs to some thirty lines. Where the card's options leave it less than half
the card (a small window, a large scale or large text: at 1280×720, 200% and large text it
had three lines), the options give way: the panel takes the card as a sheet, and the
choices stay one click away as a row of numbered buttons beside "Back to the card" (each
option's words are in the panel under its number, and in the button's tooltip).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pygame

from game.lab.advisor import compare
from game.table.view import EventAsk
from game.ui.advisor_panel import AdvisorRun, palette_colours, panel_html
from game.ui.panels.base import Panel
from game.ui.theme import hex_colour
from game.ui.widgets.cards import escape

#: below this share of the card the panel takes the card as a sheet
SHEET_BELOW = 0.5


def advisor_function() -> Callable[..., Any] | None:
    """The lab's advisor (``compare``: a function of the session; tests replace it)."""
    return compare


class AdvisorPanel(Panel):
    """The advisor's run for one card and the panel's words."""

    def __init__(self, main) -> None:  # noqa: ANN001 - the main screen
        super().__init__(main)
        self.run: AdvisorRun | None = None
        self.open = False
        #: what the text box last showed of the run: (progress, running)
        self.shown: tuple[object, ...] = ()

    def available(self) -> bool:
        """True when the advisor may be asked on this card (not in a class game)."""
        return advisor_function() is not None and self.app.settings.show_advisor \
            and not self.deck.table.class_game and isinstance(self.view.request, EventAsk)

    def key(self) -> tuple[object, ...]:
        session = self.deck.table.session
        ask = self.view.request
        return session.turn, ask.id if isinstance(ask, EventAsk) else "", len(session.history)

    @property
    def running(self) -> bool:
        return self.run is not None and self.run.running

    def toggle(self) -> None:
        """A: open the panel and start the run (or close the panel)."""
        advise = advisor_function()
        if advise is None or not self.available():
            return
        if self.open and not self.running:
            self.open = False
            return
        self.open = True
        run = self.run
        if run is None or run.key != self.key() or run.error:
            self.run = AdvisorRun(self.deck.table.session, self.key(), advisor=advise)

    def finish(self) -> None:
        """Before an answer or a rewind changes the session the run reads: let it finish, close the panel."""
        if self.run is not None:
            self.run.wait()
        self.open = False

    def changed(self) -> bool:
        """True when the panel shows something other than the run's state now."""
        run = self.run
        return run is not None and self.open and (run.progress, run.running) != self.shown

    def html(self, ask: EventAsk) -> str:
        """The panel: its progress, then the comparison on the goals."""
        colours = palette_colours(self.app.palette, hex_colour)
        run = self.run if self.run is not None and self.run.key == self.key() else None
        self.shown = (run.progress, run.running) if run is not None else ()
        scenario = self.scenario
        return panel_html(run, ask.title, scenario, colours, scenario.presentation.as_in_history, self.t(16))

    def wants_sheet(self, card: pygame.Rect, text_height: int) -> bool:
        """True when the panel is open and the options would leave it less than half the card."""
        return self.open and text_height < card.height * SHEET_BELOW

    def build_sheet(self, rect: pygame.Rect, ask: EventAsk) -> None:
        """The panel over the whole card; below it a numbered button per option and "Back to the card".

        The numbers are as wide as the widest needs (at least a square), so "Back" keeps the rest.
        """
        main = self.main
        button_h, gap = self.t(36), self.u(8)
        available = [o for o in ask.options if o.available]
        face = self.app.manager.get_theme().get_font(["#option_button"])
        number_w = max(button_h, max((face.size(str(n))[0] for n in range(1, len(available) + 1)), default=0)
                       + self.u(24))
        main.card.box = main.textbox(self.html(ask), pygame.Rect(rect.x, rect.y, rect.width,
                                                                 rect.height - button_h - gap), "#card_text")
        x, y = rect.x, rect.bottom - button_h
        for number, option in enumerate(available, start=1):
            main.button(str(number), pygame.Rect(x, y, number_w, button_h), partial(main.choose_event, option.index),
                        f"card:{number - 1}", "#option_button", tooltip=f"<b>{number}</b>  {escape(option.label)}")
            x += number_w + gap
        main.button(["Back to the card  (A)", "Card  (A)", "Card", "A"], pygame.Rect(x, y, rect.right - x, button_h),
                    main.ask_advisor, "card:advisor", "#top_button")
