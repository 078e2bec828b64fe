"""Frame times, idle CPU and startup of the window.

    python bench/frames.py --json

prints ``{"p50_ms", "p95_ms", "p99_ms", "idle_cpu_pct", "mouse_cpu_pct", "startup_s"}``:
frame times over 600 frames of the main screen with the triangle animating the whole
time, the CPU the loop uses when nothing happens and while a scripted mouse sweeps over
the state rows, the card and the map (percent of one core; goal at most 15 at 1920×1080),
and the time from importing the window's modules to the first frame on screen.

    python bench/frames.py --soak 30 --json

plays random games in the window for 30 minutes (cards answered at random through the
same calls a click makes, a game started again at each ending) and adds ``rss_first_month_mb``,
``rss_max_mb``, ``rss_end_mb``, ``rss_growth_pct`` (the largest resident size against the
size after the first game month; goal at most 10) and ``soak_games``/``soak_cards``.
Runs headless (SDL's dummy driver) unless a display is set; saves and settings go to a
temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

FRAMES = 600


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--frames", type=int, default=FRAMES)
    parser.add_argument("--idle-seconds", type=float, default=3.0)
    parser.add_argument("--full", action="store_true",
                        help="redraw the whole window every frame (as in the second after input)")
    parser.add_argument("--mouse-seconds", type=float, default=5.0)
    parser.add_argument("--soak", type=float, default=0.0, metavar="MINUTES",
                        help="also play random games for this many minutes and report resident memory")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    os.environ["SEPARATE_PEACE_HOME"] = tempfile.mkdtemp(prefix="sp-bench-")
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import warnings

    warnings.filterwarnings("ignore")

    started = time.perf_counter()
    import pygame

    from game.paths import DEFAULT_SCENARIO
    from game.scenario import load_scenario
    from game.ui.app import App, Options
    from game.ui.launch import start
    from game.ui.settings import Settings

    scenario = load_scenario(str(DEFAULT_SCENARIO))
    app = App(scenario, Options(seed=1943), settings=Settings(width=width, height=height))
    start(app)
    app.frame([], 0.0)
    startup = time.perf_counter() - started

    from game.ui.starting import start_new_game

    start_new_game(app, seed=1943)
    main_screen = app.top
    app.frame([], 1 / 60)
    triangle = main_screen.triangle
    app.active_until = 0.0  # no input from here on: the loop redraws only what animates
    times = []
    for index in range(args.frames):
        if index % 40 == 0:  # keep the triangle gliding for the whole run
            level = 20 + (index // 40 % 4) * 20
            triangle.set_values({"stalin_trust": level, "western_alarm": 100 - level, "berlin_channel": level / 2},
                                {"stalin_trust": 5, "western_alarm": -5, "berlin_channel": 2})
        if args.full:
            app.dirty = True
        begin = time.perf_counter()
        app.frame(pygame.event.get(), 1 / 60)
        times.append((time.perf_counter() - begin) * 1000)
        assert triangle.animating

    idle = measure_idle(app, args.idle_seconds)
    mouse = measure_mouse(app, args.mouse_seconds)
    figures = {
        "size": args.size,
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(percentile(times, 0.95), 3),
        "p99_ms": round(percentile(times, 0.99), 3),
        "idle_cpu_pct": round(idle, 2),
        "mouse_cpu_pct": round(mouse, 2),
        "startup_s": round(startup, 3),
    }
    if args.soak > 0:
        figures.update(soak(app, args.soak * 60))
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>14}: {value}")
    pygame.quit()
    return 0


def measure_idle(app, seconds: float) -> float:
    """CPU used by the real loop with nothing happening, as percent of one core."""
    import pygame

    def run_for(duration: float) -> None:
        app.running = True
        pygame.time.set_timer(pygame.QUIT, int(duration * 1000), loops=1)
        app.run()

    run_for(2.0)  # let the animations finish and the input grace period pass
    cpu, wall = time.process_time(), time.perf_counter()
    run_for(seconds)
    return 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)


def mouse_path(app) -> list[tuple[int, int]]:
    """A sweep of the mouse at 60 positions a second: down the state rows, across the card, over the map."""
    width, height = app.size
    points = []
    for step in range(120):  # two seconds per lap
        share = step / 119
        if step < 40:
            points.append((int(width * 0.88), int(height * (0.12 + 0.5 * share * 3))))
        elif step < 80:
            points.append((int(width * (0.45 + 0.1 * (share * 3 - 1))), int(height * (0.3 + 0.5 * (share * 3 - 1)))))
        else:
            points.append((int(width * (0.05 + 0.3 * (share * 3 - 2))), int(height * 0.35)))
    return [(max(1, min(width - 2, x)), max(1, min(height - 2, y))) for x, y in points]


def measure_mouse(app, seconds: float) -> float:
    """CPU of the real loop while the mouse moves all the time (percent of one core).

    The loop is the app's own (``App.frame`` at the pace of ``App.run``); a motion event is
    posted before every frame, as a moving mouse delivers them.
    """
    import pygame

    points = mouse_path(app)
    app.running = True
    cpu, wall = time.process_time(), time.perf_counter()
    index = 0
    while time.perf_counter() - wall < seconds:
        pos = points[index % len(points)]
        previous = points[(index - 1) % len(points)]
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(pos[0] - previous[0],
                                                                               pos[1] - previous[1]),
                                             buttons=(0, 0, 0)))
        pygame.mouse.set_pos(pos)  # pygame_gui reads the pointer itself for hovering
        index += 1
        app.clock.tick(60)
        app.frame(pygame.event.get(), min(0.1, app.clock.get_time() / 1000))
    return 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)


def resident_mb() -> float:
    """This process's resident memory in MB (Linux /proc; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def soak(app, seconds: float) -> dict:
    """Random games in the window for ``seconds``: resident memory after the first month and after."""
    import gc
    import random

    import pygame

    from game.ui.screens.main import MainScreen
    from game.ui.starting import start_new_game

    rng = random.Random(1943)
    points = mouse_path(app)
    games, cards, first_month, samples, per_game = 0, 0, 0.0, [], []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        start_new_game(app, seed=rng.randrange(1 << 30))
        games += 1
        main_screen = app.top
        while isinstance(app.top, MainScreen) and time.perf_counter() - started < seconds:
            deck = main_screen.deck
            card = deck.card
            if card.kind == "end":
                break
            if card.kind == "event":
                main_screen.choose_event(rng.choice(deck.available_options()))
            elif card.kind == "standing":
                main_screen.drafts.set([rng.randrange(len(p.options)) for p in card.ask.policies], card.ask)
                main_screen.confirm_standing()
            else:
                main_screen.dismiss()
            cards += 1
            pos = points[cards % len(points)]
            pygame.mouse.set_pos(pos)
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)))
            for _ in range(3):
                app.frame(pygame.event.get(), 1 / 60)
            if not first_month and deck.table.session.turn >= 1:
                gc.collect()
                first_month = resident_mb()
            if cards % 50 == 0:
                samples.append(resident_mb())
        gc.collect()
        per_game.append(round(resident_mb(), 1))
    gc.collect()
    end = resident_mb()
    peak = max(samples + [end, first_month])
    return {"soak_minutes": round(seconds / 60, 2), "soak_games": games, "soak_cards": cards,
            "rss_first_month_mb": round(first_month, 1), "rss_max_mb": round(peak, 1), "rss_end_mb": round(end, 1),
            "rss_growth_pct": round(100 * (peak - first_month) / first_month, 2) if first_month else None,
            "rss_after_each_game_mb": per_game}


if __name__ == "__main__":
    sys.exit(main())
