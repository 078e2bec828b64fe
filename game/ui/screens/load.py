"""Choosing a save to load: newest first, unreadable ones shown with the reason."""

from __future__ import annotations

from functools import partial

import pygame

from game.paths import saves_dir
from game.saves import list_saves
from game.table.calendar import month_name
from game.ui.screens.base import Screen
from game.ui.starting import open_quietly

MAX_LISTED = 10


class LoadScreen(Screen):
    """The saves folder as a list of buttons."""

    def build(self) -> None:
        width, height = self.app.size
        pad = self.u(24)
        column = min(width - 2 * pad, self.t(760))
        x = (width - column) // 2
        y = pad
        self.label("Load a game", pygame.Rect(x, y, column, self.t(48)), "#title")
        y += self.t(48)
        folder = saves_dir()
        self.label(f"From {folder}", pygame.Rect(x, y, column, self.t(26)), "#small")
        y += self.t(34)
        button_h = self.t(40)
        gap = self.u(6)
        room = max(1, (height - y - pad - button_h - gap) // (button_h + gap))
        saves = list_saves(folder)[:min(MAX_LISTED, room)]
        if not saves:
            self.label("No saves yet. The game saves itself at the start of every month.",
                       pygame.Rect(x, y, column, button_h))
            y += button_h + gap
        for path, body, problem in saves:
            if body is None:
                text = f"{path.name}: unreadable — {problem.removeprefix(f'{path}: ')}"[:110]
                self.button(text, pygame.Rect(x, y, column, button_h), lambda: None, path.name, "#policy_button",
                            tooltip=problem, enabled=False)
            else:
                ending = " · finished" if body.get("ending") else ""
                kind = "autosave" if body.get("note") == "autosave" else "save"
                when = str(body.get("saved_at", ""))[:16].replace("T", " ")
                month = month_name(str(body.get("month", self.app.scenario.months[0])))
                text = f"{month} · seed {body.get('seed')} · {kind}{ending} · {when}"
                self.button(text, pygame.Rect(x, y, column, button_h), partial(open_quietly, self.app, path),
                            path.name, "#policy_button", tooltip=path.name)
            y += button_h + gap
        self.button("Back  (Esc)", pygame.Rect(x, y + gap, self.u(200), button_h), self.app.pop, "back",
                    "#primary_button")
