"""The title screen, and starting or continuing a game."""

from __future__ import annotations

from functools import partial

import pygame

from game.table.calendar import month_name
from game.ui.screens.base import Screen, column_buttons
from game.ui.starting import new_game_screen, newest_save, open_latest
from game.ui.theme import map_colours
from game.ui.widgets.geography import load_geography
from game.ui.widgets.mapview import MapView


def span_line(scenario) -> str:
    """``Stalin · November 1942 – December 1943``: who the player is and the calendar, from the scenario."""
    first, last = str(scenario.months[0]), str(scenario.months[-1])
    human = next((p for p in scenario.powers if p.human), scenario.powers[0])
    who = human.player or human.name
    return f"{who} · {month_name(first)} – {month_name(last)}"


class TitleScreen(Screen):
    """New game, continue, load, settings, sources, quit — over a dimmed map."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.backdrop: pygame.Surface | None = None

    def build(self) -> None:
        app = self.app
        latest = newest_save()
        continue_text = "Continue"
        if latest:
            continue_text = f"Continue  ({month_name(str(latest[1].get('month', app.scenario.months[0])), short=True)})"
        column_buttons(self, app.scenario.title, [
            ("New game", lambda: new_game_screen(app), True),
            (continue_text, partial(open_latest, app, latest), latest is not None),
            ("Load a game", lambda: app.push(app.open("load")), True),
            ("Settings", lambda: app.push(app.open("settings")), True),
            (("Sources and credits", "Sources"), lambda: app.push(app.open("sources")), True),
            ("Quit", self.quit, True),
        ], subtitle=span_line(app.scenario))
        self._make_backdrop()

    def _make_backdrop(self) -> None:
        size = self.app.size
        if self.backdrop is not None and self.backdrop.get_size() == size:
            return
        geography = load_geography(self.app.scenario)
        if geography is None:  # a scenario without a map: the plain background, not another's map
            backdrop = pygame.Surface(size)
            backdrop.fill(self.app.palette.background)
            self.backdrop = backdrop
            return
        view = MapView(geography, self.app.palette, self.app.settings.text_factor,
                       map_colours(self.app.palette, self.app.scenario))
        view.resize(size)
        backdrop = view.surface(0.0).copy()
        shade = pygame.Surface(size, pygame.SRCALPHA)
        shade.fill((*self.app.palette.background, 205))
        backdrop.blit(shade, (0, 0))
        self.backdrop = backdrop

    def quit(self) -> None:
        self.app.running = False

    def back(self) -> None:
        self.quit()

    def draw_background(self, surface: pygame.Surface) -> None:
        if self.backdrop is not None:
            surface.blit(self.backdrop, (0, 0))
        else:
            super().draw_background(surface)
