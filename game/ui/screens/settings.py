"""The settings screen: scale, text size, palette, contrast, sound, window, advisor.

Changes are collected in a draft and applied (and written atomically) together, so the
screen does not resize under the player's cursor with every click. Keys are rebound in
the settings file, whose path the screen shows.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pygame

from game.ui.screens.base import Screen
from game.ui.settings import UI_SCALES, Settings, settings_path


@dataclass(frozen=True)
class Choice:
    """One row of the settings screen: a label and the values it cycles through."""

    label: str
    field: str
    values: tuple
    show: Callable[[object], str]


def on_off(value: object) -> str:
    return "on" if value else "off"


CHOICES = (
    Choice("UI scale", "ui_scale", UI_SCALES, lambda v: f"{float(str(v)) * 100:.0f}%"),
    Choice("Text size", "text_size", ("normal", "large"), str),
    Choice("Colour-blind-safe palette", "colour_blind_safe", (True, False), on_off),
    Choice("High contrast", "high_contrast", (False, True), on_off),
    Choice("Sound", "sound", (False, True), on_off),
    Choice("Window", "window_mode", ("windowed", "fullscreen"), str),
    Choice("Advisor on event cards", "show_advisor", (True, False), lambda v: "shown" if v else "hidden"),
)


class SettingsScreen(Screen):
    """Rows of settings, each changed with Left/Right, Enter or a click."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.draft: Settings = copy.deepcopy(app.settings)

    def build(self) -> None:
        width, height = self.app.size
        pad = self.u(24)
        column = min(width - 2 * pad, self.t(720))
        x = (width - column) // 2
        y = pad
        self.label("Settings", pygame.Rect(x, y, column, self.t(48)), "#title")
        y += self.t(56)
        gap = self.u(6)
        footer = self.t(40) + self.t(44) + pad
        row_h = min(self.t(40), (height - y - footer) // len(CHOICES) - gap)
        label_w = int(column * 0.5)
        for index, choice in enumerate(CHOICES):
            value = getattr(self.draft, choice.field)
            self.label(choice.label, pygame.Rect(x, y, label_w - self.u(8), row_h))
            self.button(f"◀  {choice.show(value)}  ▶", pygame.Rect(x + label_w, y, column - label_w, row_h),
                        partial(self.cycle, index, 1), f"setting:{choice.field}", "#policy_button",
                        step=partial(self.cycle, index))
            y += row_h + gap
        self.label([f"Keys are rebound in {settings_path()}", f"Keys are rebound in {settings_path().name}",
                    "Keys: see settings.json"], pygame.Rect(x, y + self.u(6), column, self.t(26)),
                   "#small")
        y += self.t(40)
        button_w = (column - self.u(10)) // 2
        self.button("Apply and save", pygame.Rect(x, y, button_w, self.t(44)), self.apply, "apply",
                    "#primary_button")
        self.button("Back  (Esc)", pygame.Rect(x + button_w + self.u(10), y, button_w, self.t(44)), self.app.pop,
                    "back", "#menu_button")

    def cycle(self, index: int, delta: int) -> None:
        choice = CHOICES[index]
        value = getattr(self.draft, choice.field)
        values = choice.values
        position = values.index(value) if value in values else 0
        setattr(self.draft, choice.field, values[(position + delta) % len(values)])
        self.focus.current = f"setting:{choice.field}"
        self.rebuild()

    def apply(self) -> None:
        self.focus.current = "apply"
        self.app.apply_settings(copy.deepcopy(self.draft))
        self.app.toast("Settings saved")
