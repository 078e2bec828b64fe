"""The pause menu (Esc during a game) and a yes/no confirmation."""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from game.ui.fit import wrap_lines
from game.ui.screens.base import Screen


def column_buttons(screen: Screen, title: str, entries: list[tuple[str | tuple[str, ...], Callable[[], None], bool]],
                   subtitle: str = "") -> None:
    """A centred title and buttons: the shape of every menu.

    One column when it fits; otherwise lower buttons, then two or three columns, so a
    menu at 200% scale in a small window still fits without scrolling.
    """
    width, height = screen.app.size
    margin = screen.u(16)
    gap = screen.u(10)
    title_h = screen.t(56)
    title_w = min(width - 2 * margin, screen.t(900))
    sub_face = screen.app.manager.get_theme().get_font(["#subtitle"])
    sub_lines = wrap_lines(sub_face, subtitle, title_w - screen.u(12)) if subtitle else []
    line_h = max(screen.t(30), sub_face.size("Hg")[1] + screen.u(6))
    sub_h = line_h * len(sub_lines)
    head = title_h + sub_h + screen.u(16)
    columns, button_h = 1, screen.t(46)
    for columns in (1, 2, 3):
        rows = math.ceil(len(entries) / columns)
        fitting = [h for h in (screen.t(46), screen.t(40), screen.t(36))
                   if head + rows * (h + gap) <= height - 2 * margin]
        if fitting:
            button_h = fitting[0]
            break
    rows = math.ceil(len(entries) / columns)
    button_w = min((width - 2 * margin - (columns - 1) * gap) // columns, screen.t(420))
    total = head + rows * (button_h + gap)
    y = max(margin, (height - total) // 2)
    screen.label(title, pygame.Rect((width - title_w) // 2, y, title_w, title_h), "#title")
    y += title_h
    for line in sub_lines:  # wrapped, never cut
        screen.label(line, pygame.Rect((width - title_w) // 2, y, title_w, line_h), "#subtitle")
        y += line_h
    y += screen.u(16)
    left = (width - columns * button_w - (columns - 1) * gap) // 2
    for index, (text, action, enabled) in enumerate(entries):
        column, row = index // rows, index % rows
        rect = pygame.Rect(left + column * (button_w + gap), y + row * (button_h + gap), button_w, button_h)
        variants = (text,) if isinstance(text, str) else text
        screen.button(variants, rect, action, variants[0], "#menu_button", enabled=enabled)


class PauseMenu(Screen):
    """Resume, save, load, settings, help, back to the title."""

    def __init__(self, app, main) -> None:
        super().__init__(app)
        self.main = main

    def build(self) -> None:
        from game.ui.screens.load import LoadScreen
        from game.ui.screens.settings import SettingsScreen
        from game.ui.screens.text import TextScreen, help_html, sources_screen
        from game.ui.screens.title import TitleScreen

        app = self.app
        column_buttons(self, "Paused", [
            ("Resume  (Esc)", app.pop, True),
            ("Save the game", self._save, True),
            ("Load a game", lambda: app.push(LoadScreen(app)), True),
            (("Timeline and rewind", "Timeline"), self._timeline, True),
            ("Settings", lambda: app.push(SettingsScreen(app)), True),
            ("How to play", self._how_to_play, True),
            ("Keys", lambda: app.push(TextScreen(app, "Keys", help_html(app))), True),
            (("Sources and credits", "Sources"), lambda: app.push(sources_screen(app)), True),
            (("Quit to the title", "Quit"), lambda: app.reset_to(TitleScreen(app)), True),
        ], subtitle=f"Game seed {self.main.play.session.seed}. Your game is saved automatically at the start "
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
