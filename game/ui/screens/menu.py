"""The pause menu (Esc during a game) and a yes/no confirmation."""

from __future__ import annotations

from collections.abc import Callable

from game.ui.screens.base import Screen, column_buttons


class PauseMenu(Screen):
    """Resume, save, load, settings, help, back to the title."""

    def __init__(self, app, main) -> None:
        super().__init__(app)
        self.main = main

    def build(self) -> None:
        app = self.app
        column_buttons(self, "Paused", [
            ("Resume  (Esc)", app.pop, True),
            ("Save the game", self._save, True),
            ("Load a game", lambda: app.push(app.open("load")), True),
            (("Timeline and rewind", "Timeline"), self._timeline, True),
            ("Settings", lambda: app.push(app.open("settings")), True),
            ("How to play", self._how_to_play, True),
            ("Keys", lambda: app.push(app.open("keys")), True),
            (("Sources and credits", "Sources"), lambda: app.push(app.open("sources")), True),
            (("Quit to the title", "Quit"), lambda: app.reset_to(app.open("title")), True),
        ], subtitle=f"Game seed {self.main.table.session.seed}. Your game is saved automatically at the start "
                    "of every month.")

    def _save(self) -> None:
        self.main.save()
        self.app.pop()

    def _how_to_play(self) -> None:
        self.app.pop()
        self.main.open_how_to_play()

    def _timeline(self) -> None:
        self.app.pop()
        self.main.open_timeline()


class ConfirmScreen(Screen):
    """Ask before something that cannot be taken back in one key."""

    def __init__(self, app, question: str, yes: str, on_yes: Callable[[], None], detail: str = "") -> None:
        super().__init__(app)
        self.question = question
        self.yes = yes
        self.on_yes = on_yes
        self.detail = detail

    def build(self) -> None:
        column_buttons(self, self.question, [(self.yes, self._yes, True), ("Cancel  (Esc)", self.app.pop, True)],
                       subtitle=self.detail)

    def _yes(self) -> None:
        self.app.pop()
        self.on_yes()
