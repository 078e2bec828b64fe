"""Start the desktop window from the command line."""

from __future__ import annotations

import argparse
import os
import sys


def run_window(args: argparse.Namespace) -> int:
    """Open the window; without a display, say so and exit with status 2 (no traceback)."""
    from game.errors import UsageError, load_or_exit

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                  or os.environ.get("SDL_VIDEODRIVER")):
        raise UsageError("no display found (DISPLAY is not set). Run the window on a desktop, or play in the "
                         "terminal with: python -m game play --text")
    scenario = load_or_exit(getattr(args, "scenario", None) or _default_scenario())
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game.ui.app import App

    options = options_from_args(args, scenario)
    try:
        app = App(scenario, options)
    except pygame.error as error:
        raise UsageError(f"cannot open a window ({error}). Play in the terminal with: python -m game play --text") \
            from None
    start(app)
    app.run()
    pygame.quit()
    return 0


def options_from_args(args: argparse.Namespace, scenario):
    """The window's options from the command line: ``--human``, ``--lesson``, ``--timer``, ``--seed``, ``--load``.

    ``play`` with class options (teams other than the USSR alone, a lesson or a timer)
    opens on the new-game screen, filled in, for the teacher to check and start.
    """
    from game.errors import play_options
    from game.ui.app import Options

    humans, timer = play_options(args, scenario)
    lesson = bool(getattr(args, "lesson", False))
    setup = getattr(args, "command", None) == "play" and not getattr(args, "load", None) and (
        lesson or timer is not None or set(humans) != {p.id for p in scenario.powers if p.human})
    options = Options(seed=getattr(args, "seed", None), scenario=str(scenario.path), human=",".join(humans),
                      load=getattr(args, "load", None), lesson=lesson, timer=timer, setup=setup)
    return options


def start(app) -> None:
    """Show the first screen: the title, or straight into a save given with --load."""
    from pathlib import Path

    from game.ui.starting import new_game_screen, open_save

    app.push(app.open("title"))
    if app.options.load:
        if not open_save(app, Path(app.options.load)):
            app.toast(f"Could not load {app.options.load}", 6)
    elif app.options.setup:
        new_game_screen(app)


def _default_scenario() -> str:
    from game.paths import DEFAULT_SCENARIO

    return str(DEFAULT_SCENARIO)
