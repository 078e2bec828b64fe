"""The title screen, and starting or continuing a game."""

from __future__ import annotations

import random
from pathlib import Path

import pygame

from game.classroom.lesson import LessonSettings, start_lesson, was_lesson
from game.engine.session import Session
from game.paths import saves_dir
from game.saves import SaveError, list_saves, load_game
from game.ui.play import Play, month_name
from game.ui.screens.base import Screen
from game.ui.screens.menu import column_buttons
from game.ui.widgets.geography import load_geography
from game.ui.widgets.mapview import MapView


def humans_of(app) -> tuple[str, ...]:
    """The powers played by people, as the new-game screen (or ``--human``) set them."""
    known = {p.id for p in app.scenario.powers}
    chosen = tuple(dict.fromkeys(p.strip().lower() for p in (app.options.human or "ussr").split(",") if p.strip()))
    return tuple(p for p in chosen if p in known) or ("ussr",)


def start_new_game(app, seed: int | None = None) -> None:
    """A new game as the options say: who plays, lesson mode, the timer; the given seed or a fresh one."""
    from game.ui.screens.main import MainScreen

    if seed is None:
        seed = app.options.seed if app.options.seed is not None else random.SystemRandom().randrange(1, 2**31)
    timer = app.options.timer
    session = Session(app.scenario, seed=seed, humans=humans_of(app), timer_seconds=timer)
    if app.options.lesson:
        start_lesson(session, LessonSettings(timer_seconds=timer))
    play = Play(app.scenario, session, timer_seconds=timer)
    app.reset_to(TitleScreen(app), MainScreen(app, play))


def new_game_screen(app) -> None:
    """The new-game screen, over the title."""
    from game.ui.screens.newgame import NewGameScreen

    app.push(NewGameScreen(app))


def open_save(app, path: Path) -> bool:
    """Load a save into a new main screen; on failure say why and stay."""
    from game.ui.screens.main import MainScreen

    try:
        session = load_game(path, app.scenario)
    except SaveError as error:
        app.toast(str(error)[-160:], 6)
        return False
    timer = app.options.timer if app.options.timer is not None else session.timer_seconds
    session.timer_seconds = timer
    if app.options.lesson or was_lesson(session):  # a lesson goes on as a lesson, its decisions counted
        start_lesson(session, LessonSettings(timer_seconds=timer))
    app.reset_to(TitleScreen(app), MainScreen(app, Play(app.scenario, session, timer_seconds=timer)))
    app.toast(f"Loaded {path.name}: {month_name(session.month)}")
    return True


def newest_save() -> tuple[Path, dict] | None:
    """The most recent readable save or autosave of an unfinished game."""
    for path, body, _ in list_saves(saves_dir()):
        if body is not None and not body.get("ending"):
            return path, body
    return None


def span_line(scenario) -> str:
    """``Stalin · November 1942 – December 1943``: who the player is and the calendar, from the scenario."""
    first, last = str(scenario.months[0]), str(scenario.months[-1])
    human = next((p for p in scenario.powers if p.human), scenario.powers[0])
    who = getattr(human, "player", "") or human.name
    return f"{who} · {month_name(first)} – {month_name(last)}"


class TitleScreen(Screen):
    """New game, continue, load, settings, sources, quit — over a dimmed map."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.backdrop: pygame.Surface | None = None

    def build(self) -> None:
        from game.ui.screens.load import LoadScreen
        from game.ui.screens.settings import SettingsScreen
        from game.ui.screens.text import sources_screen

        app = self.app
        latest = newest_save()
        continue_text = "Continue"
        if latest:
            continue_text = f"Continue  ({month_name(str(latest[1].get('month', app.scenario.months[0])), short=True)})"
        column_buttons(self, app.scenario.title, [
            ("New game", lambda: new_game_screen(app), True),
            (continue_text, lambda: latest and open_save(app, latest[0]), latest is not None),
            ("Load a game", lambda: app.push(LoadScreen(app)), True),
            ("Settings", lambda: app.push(SettingsScreen(app)), True),
            ("Sources and credits", lambda: app.push(sources_screen(app)), True),
            ("Quit", self.quit, True),
        ], subtitle=span_line(app.scenario))
        self._make_backdrop()

    def _make_backdrop(self) -> None:
        size = self.app.size
        if self.backdrop is not None and self.backdrop.get_size() == size:
            return
        view = MapView(load_geography(), self.app.palette, self.app.settings.text_factor)
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
