"""The pause menu (Esc during a game) and a yes/no confirmation."""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from game.ui.screens.base import Screen


def column_buttons(screen: Screen, title: str, entries: list[tuple[str, Callable[[], None], bool]],
                   subtitle: str = "") -> None:
    """A centred title and buttons: the shape of every menu.

    One column when it fits; otherwise lower buttons, then two or three columns, so a
    menu at 200% scale in a small window still fits without scrolling.
    """
    width, height = screen.app.size
    margin = screen.u(16)
    gap = screen.u(10)
    title_h = screen.t(56)
    sub_h = screen.t(30) if subtitle else 0
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
    title_w = min(width - 2 * margin, screen.t(900))
    screen.label(title, pygame.Rect((width - title_w) // 2, y, title_w, title_h), "#title")
    y += title_h
    if subtitle:
        screen.label(subtitle, pygame.Rect((width - title_w) // 2, y, title_w, sub_h), "#subtitle")
        y += sub_h
    y += screen.u(16)
    left = (width - columns * button_w - (columns - 1) * gap) // 2
    for index, (text, action, enabled) in enumerate(entries):
        column, row = index // rows, index % rows
        rect = pygame.Rect(left + column * (button_w + gap), y + row * (button_h + gap), button_w, button_h)
        screen.button(text, rect, action, text, "#menu_button", enabled=enabled)


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
            ("Timeline and rewind", self._timeline, True),
            ("Settings", lambda: app.push(SettingsScreen(app)), True),
            ("Keys", lambda: app.push(TextScreen(app, "Keys", help_html(app))), True),
            ("Sources and credits", lambda: app.push(sources_screen(app)), True),
            ("Quit to the title", lambda: app.reset_to(TitleScreen(app)), True),
        ], subtitle="Your game is saved automatically at the start of every month.")

    def _save(self) -> None:
        self.main.save()
        self.app.pop()

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
