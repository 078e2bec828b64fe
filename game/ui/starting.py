"""Starting, continuing and loading a game: the session, the lesson, and the main screen.

Screens reach one another by name through the app (:meth:`App.open`, backed by
:mod:`game.ui.screens.registry`), so this module and every screen import no other screen.
"""

from __future__ import annotations

import random
from pathlib import Path

from game.paths import saves_dir
from game.saves import SaveError, list_saves
from game.table import Table
from game.table.calendar import month_name
from game.table.lesson import LessonSettings
from game.ui.branches import read_branches


def humans_of(app) -> tuple[str, ...]:
    """The powers played by people, as the new-game screen (or ``--human``) set them; by default
    the powers the scenario gives a person."""
    known = {p.id for p in app.scenario.powers}
    default = tuple(p.id for p in app.scenario.powers if p.human) or (app.scenario.powers[0].id,)
    chosen = tuple(dict.fromkeys(p.strip().lower() for p in (app.options.human or "").split(",") if p.strip()))
    return tuple(p for p in chosen if p in known) or default


def start_new_game(app, seed: int | None = None, group: str = "") -> None:
    """A new game as the options say: who plays, lesson mode, the timer; the given seed or a fresh one,
    and the name of the group playing (kept in the save, shown on the debrief)."""
    if seed is None:
        seed = app.options.seed if app.options.seed is not None else random.SystemRandom().randrange(1, 2**31)
    timer = app.options.timer
    lesson = LessonSettings(timer_seconds=timer) if app.options.lesson else None
    table = Table.new(app.scenario, seed=seed, humans=humans_of(app), lesson=lesson, timer_seconds=timer,
                      group=group or None)
    app.reset_to(app.open("title"), app.open("main", table))


def new_game_screen(app) -> None:
    """The new-game screen, over the title."""
    app.push(app.open("newgame"))


def open_save(app, path: Path) -> bool:
    """Load a save into a new main screen; on failure say why and stay."""
    timer = app.options.timer
    # a lesson save goes on as a lesson, its decisions counted (the table sees to it)
    lesson = LessonSettings(timer_seconds=timer) if app.options.lesson else None
    try:
        table = Table.load(path, app.scenario, lesson=lesson, timer_seconds=timer,
                           report=lambda message: app.toast(message[-160:], 6))
    except SaveError as error:
        app.toast(str(error)[-160:], 6)
        return False
    table.branches, problem = read_branches(path, table.session)  # the timeline's abandoned branches
    app.reset_to(app.open("title"), app.open("main", table))
    app.toast(problem or f"Loaded {path.name}: {month_name(table.session.month)}")
    return True


def newest_save() -> tuple[Path, dict] | None:
    """The most recent readable save or autosave of an unfinished game."""
    for path, body, _ in list_saves(saves_dir()):
        if body is not None and not body.get("ending"):
            return path, body
    return None


def open_quietly(app, path: Path) -> None:
    """A button's action: load ``path`` (a failure is told in a toast)."""
    open_save(app, path)


def open_latest(app, latest: tuple[Path, dict] | None) -> None:
    """The title's Continue: the newest unfinished save, if there is one."""
    if latest is not None:
        open_save(app, latest[0])
