"""Screens that show a page of text: why a variable moved, the glossary, sources and help (How to play
with its button that takes the guided tour again)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import pygame
from pygame_gui.elements import UITextBox

from game.paths import ASSETS
from game.ui.panels.words import grades_html
from game.ui.screens.base import Screen, scroll_box
from game.ui.widgets.cards import esc


class TextScreen(Screen):
    """A title, a scrolling page of text and a Back button; Up/Down, PageUp/PageDown, Home/End scroll."""

    def __init__(self, app, title: str, html: str) -> None:
        super().__init__(app)
        self.title = title
        self.html = html
        self.box: UITextBox | None = None

    def build(self) -> None:
        width, height = self.app.size
        pad = self.u(24)
        column = min(width - 2 * pad, self.u(980))
        x = (width - column) // 2
        title_h = self.t(44)
        button_h = self.t(38)
        self.label(self.title, pygame.Rect(x, pad, column, title_h), "#title")
        box_rect = pygame.Rect(x, pad + title_h + self.u(10), column,
                               height - 2 * pad - title_h - button_h - self.u(20))
        self.box = self.textbox(self.html, box_rect)
        self.button("Back  (Esc)", pygame.Rect(x, box_rect.bottom + self.u(10), self.u(200), button_h),
                    self.app.pop, "back", "#primary_button")

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and self.box is not None:
            # in pages of what the box shows, so a long page (the glossary) skips nothing
            bar = getattr(self.box, "scroll_bar", None)
            page = bar.visible_percentage if bar is not None else 0.3
            steps = {pygame.K_DOWN: 0.15 * page, pygame.K_UP: -0.15 * page, pygame.K_PAGEDOWN: 0.9 * page,
                     pygame.K_PAGEUP: -0.9 * page, pygame.K_HOME: -1.0, pygame.K_END: 1.0}
            if event.key in steps:
                scroll_box(self.box, steps[event.key])
                return True
        return super().handle_event(event)


class HowToPlayScreen(TextScreen):
    """The How to play page; ``tour`` (when given) starts the guided tour over the game again."""

    def __init__(self, app, html: str, tour: Callable[[], None] | None = None) -> None:
        super().__init__(app, "How to play", html)
        self.tour = tour

    def build(self) -> None:
        super().build()
        if self.tour is None:
            return
        width, height = self.app.size
        pad = self.u(24)
        column = min(width - 2 * pad, self.u(980))
        x = (width - column) // 2 + self.u(210)  # beside Back (see TextScreen.build)
        button_h = self.t(38)
        rect = pygame.Rect(x, height - pad - button_h, min(self.t(360), column - self.u(210)), button_h)
        self.button(["Show me around again (tour)", "Take the tour", "Tour"], rect, self.take_tour, "tour",
                    "#top_button")

    def take_tour(self) -> None:
        """Back to the game, with the tour from its first stop."""
        tour = self.tour
        self.app.pop()
        if tour is not None:
            tour()


def glossary_html(scenario) -> str:
    """Who is who, and what every number on the screen means."""
    parts = ["<b>People, places and terms</b><br>"]
    if scenario.glossary:
        for entry in sorted(scenario.glossary, key=lambda e: e.term.lower()):
            parts.append(f"<b>{escape(entry.term)}</b> — {esc(entry.text)}<br>")
    else:
        parts.append("<i>This scenario has no glossary entries yet.</i><br>")
    parts.append("<br><b>The numbers</b><br>")
    for variable in scenario.variables:
        if not variable.hidden:
            parts.append(f"<b>{escape(variable.label)}</b> — {esc(variable.description)}<br>")
    parts.append("<br><b>Evidence grades</b><br>")
    parts.append(grades_html(scenario) + "<br>")
    return "".join(parts)


def glossary_screen(app) -> TextScreen:
    return TextScreen(app, "Glossary", glossary_html(app.scenario))


def sources_html(scenario) -> str:
    """Sources of the history, the map and the font, and the libraries the game uses."""
    parts = ["<b>The history</b><br>"]
    for source in scenario.sources:
        parts.append(f"{escape(source)}<br>")
    grades = ", ".join(scenario.grades) or "documented, reported, alleged or doubtful"
    parts.append("<br>Every event card names the article's footnotes with what each cites, and grades the "
                 f"evidence: {grades}. Game text is written for the game; dates, names and short "
                 "quotations come from the article.<br>")
    parts.append("<br><b>The map</b><br>Country outlines: Natural Earth (public domain), via world-atlas. "
                 "Front lines: schematic traces for the game after standard military histories. Present-day "
                 "borders are drawn; the frontier that matters, June 1941, is the dashed line. "
                 f"Details in {escape(str(ASSETS / 'map' / 'PROVENANCE.md'))}.<br>")
    parts.append("<br><b>Type</b><br>DejaVu Sans (Bitstream Vera licence, free to use and redistribute).<br>")
    parts.append("<br><b>Built with</b><br>Python, numpy, pygame-ce, pygame_gui, matplotlib and platformdirs, "
                 "all under open licences.<br>")
    parts.append("<br><b>Colours</b><br>The palette follows Okabe and Ito's colour-blind-safe set; every colour "
                 "on the map and the triangle is paired with a pattern, a shape or a label.<br>")
    return "".join(parts)


def sources_screen(app) -> TextScreen:
    return TextScreen(app, "Sources and credits", sources_html(app.scenario))


def help_html(app) -> str:
    """The keys, as the settings bind them."""
    keys = app.settings.keys
    rows = [("1 – 9", "choose an option on an event card"), ("Tab / Shift-Tab, arrows", "move the focus ring"),
            ("Enter or Space", "activate what has the focus"), ("Left / Right", "change a standing order"),
            ("C", "confirm the standing orders"), ("Esc", "back, or the menu"),
            ("PageUp / PageDown", "scroll the card")]
    names = {"timeline": "the timeline (rewind from here)", "glossary": "the glossary", "save": "save the game",
             "fullscreen": "full screen", "why": "why the focused number moved", "advisor": "the advisor",
             "page_card": "the card (compact layout)", "page_map": "the map (compact layout)",
             "page_state": "the state (compact layout)",
             "teacher": "the teacher: pause the clock, show the whole state, move on (lesson mode or a timer)"}
    rows += [(keys.get(action, "").upper(), text) for action, text in names.items()]
    return "<br>".join(f"<b>{escape(key)}</b> — {escape(text)}" for key, text in rows)
