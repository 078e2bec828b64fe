"""Starting, continuing and loading a game: the session, the lesson, and the main screen.

Screens reach one another by name through the app (:meth:`App.open`, backed by
:mod:`game.ui.screens.registry`), so this module and every screen import no other screen.
"""

from __future__ import annotations

import random
from pathlib import Path

from game.classroom.lesson import LessonSettings, start_lesson, was_lesson
from game.engine.session import Session
from game.paths import saves_dir
from game.saves import SaveError, list_saves, load_game
from game.ui.branches import read_branches
from game.ui.play import Play, month_name


def humans_of(app) -> tuple[str, ...]:
    """The powers played by people, as the new-game screen (or ``--human``) set them; by default
    the powers the scenario gives a person."""
    known = {p.id for p in app.scenario.powers}
    default = tuple(p.id for p in app.scenario.powers if p.human) or (app.scenario.powers[0].id,)
    chosen = tuple(dict.fromkeys(p.strip().lower() for p in (app.options.human or "").split(",") if p.strip()))
    return tuple(p for p in chosen if p in known) or default


def start_new_game(app, seed: int | None = None) -> None:
    """A new game as the options say: who plays, lesson mode, the timer; the given seed or a fresh one."""
    if seed is None:
        seed = app.options.seed if app.options.seed is not None else random.SystemRandom().randrange(1, 2**31)
    timer = app.options.timer
    session = Session(app.scenario, seed=seed, humans=humans_of(app), timer_seconds=timer)
    if app.options.lesson:
        start_lesson(session, LessonSettings(timer_seconds=timer))
    play = Play(app.scenario, session, timer_seconds=timer)
    app.reset_to(app.open("title"), app.open("main", play))


def new_game_screen(app) -> None:
    """The new-game screen, over the title."""
    app.push(app.open("newgame"))


def open_save(app, path: Path) -> bool:
    """Load a save into a new main screen; on failure say why and stay."""
    try:
        session = load_game(path, app.scenario, report=lambda message: app.toast(message[-160:], 6))
    except SaveError as error:
        app.toast(str(error)[-160:], 6)
        return False
    timer = app.options.timer if app.options.timer is not None else session.timer_seconds
    session.timer_seconds = timer
    if app.options.lesson or was_lesson(session):  # a lesson goes on as a lesson, its decisions counted
        start_lesson(session, LessonSettings(timer_seconds=timer))
    play = Play(app.scenario, session, timer_seconds=timer)
    play.branches, problem = read_branches(path, session)  # the timeline's abandoned branches
    app.reset_to(app.open("title"), app.open("main", play))
    app.toast(problem or f"Loaded {path.name}: {month_name(session.month)}")
    return True


def newest_save() -> tuple[Path, dict] | None:
    """The most recent readable save or autosave of an unfinished game."""
    for path, body, _ in list_saves(saves_dir()):
        if body is not None and not body.get("ending"):
            return path, body
    return None
