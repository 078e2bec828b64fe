"""What every panel of the main screen shares: the screen it builds on, and the seat's view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario.model import Scenario
from game.table.view import SeatView

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.deck import Deck
    from game.ui.screens.main import MainScreen


class Panel:
    """One part of the main screen. It builds its widgets with the screen's helpers."""

    def __init__(self, main: MainScreen) -> None:
        self.main = main

    @property
    def app(self) -> App:
        return self.main.app

    @property
    def deck(self) -> Deck:
        return self.main.deck

    @property
    def scenario(self) -> Scenario:
        return self.main.deck.table.scenario

    @property
    def view(self) -> SeatView:
        """The view of the seat at the screen."""
        return self.main.deck.view()

    def u(self, value: float) -> int:
        return self.main.u(value)

    def t(self, value: float) -> int:
        return self.main.t(value)
