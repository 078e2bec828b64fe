"""The top bar: the month and the team at the screen on the left, the screen's buttons on the right."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.layout import MainLayout
from game.ui.panels.base import Panel
from game.ui.theme import font
from game.ui.widgets.cards import capital

#: the buttons' order from left to right, whichever of them fit
ORDER = ("top:card", "top:map", "top:state", "top:timeline", "top:glossary", "top:save", "top:teacher", "top:menu")


class TopBar(Panel):
    """Month, team and buttons; the least needed buttons give way first (keys still reach them)."""

    def build(self, layout: MainLayout) -> None:
        main, view = self.main, self.view
        bar = layout.topbar
        main.panel(bar, "#topbar")
        pad = self.u(10)
        labels: list[tuple[str, Callable[[], None], str]] = [
            ("Menu (Esc)", main.open_menu, "top:menu"), ("Timeline (T)", main.open_timeline, "top:timeline"),
            ("Glossary (G)", main.open_glossary, "top:glossary"), ("Save (F5)", main.save, "top:save")]
        if self.deck.table.teacher:
            labels.append((f"Teacher ({self.app.settings.key_for('teacher').upper()})", main.open_teacher,
                           "top:teacher"))
        if layout.compact:
            labels = [("Card (F2)", lambda: main.show_page("card"), "top:card"),
                      ("Map (F3)", lambda: main.show_page("map"), "top:map"),
                      ("State (F4)", lambda: main.show_page("state"), "top:state")] + labels
        face = font(int(13 * self.app.settings.text_factor))
        widths = [face.size(text)[0] + self.u(26) for text, _, _ in labels]
        while len(labels) > 1 and sum(widths) + self.u(6) * len(widths) > bar.width * 0.72:
            labels, widths = labels[:-1], widths[:-1]
        pairs = sorted(zip(labels, widths, strict=True), key=lambda pair: ORDER.index(pair[0][2]))
        labels, widths = [pair[0] for pair in pairs], [pair[1] for pair in pairs]
        button_h = bar.height - 2 * self.u(7)
        x = bar.right - pad - sum(widths) - self.u(6) * (len(widths) - 1)
        # the ending's own month, with its own number: the step that ended the game may have
        # moved the calendar on ("January 1943 · month 4" on the strategic surrender's card)
        month, turn = (view.ending.month, view.ending.turn) if view.ending is not None else (view.month, view.turn)
        total = view.months_total
        team = ""
        if view.power is not None and (self.deck.table.hot_seat or view.power not in self.scenario.human_powers):
            team = f" · {view.power_name}" if layout.compact else f" · {capital(view.team)}"
        short = _short(month)
        # the seed is in the pause menu and the save, not here; shorter wordings when room is short
        calendar = [f"{month} · month {turn + 1} of {total}{team}", f"{short} · {turn + 1}/{total}{team}",
                    f"{short} · {turn + 1}/{total}", short]
        main.label(calendar, pygame.Rect(bar.x + pad, bar.y, x - pad - bar.x - self.u(8), bar.height), "#calendar")
        for (text, action, key), width in zip(labels, widths, strict=True):
            main.button(text, pygame.Rect(x, bar.y + self.u(7), width, button_h), action, key, "#top_button")
            x += width + self.u(6)


def _short(month: str) -> str:
    """``April 1943`` → ``Apr 1943``."""
    name, _, year = month.partition(" ")
    return f"{name[:3]} {year}".strip()
