"""Frame times, idle CPU and startup of the window.

    python bench/frames.py --json

prints ``{"p50_ms", "p95_ms", "p99_ms", "idle_cpu_pct", "startup_s"}``: frame times over
600 frames of the main screen with the triangle animating the whole time, the CPU the
loop uses when nothing happens (percent of one core), and the time from importing the
window's modules to the first frame on screen. Runs headless (SDL's dummy driver) unless
a display is set; saves and settings go to a temporary folder.
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

    from game.ui.screens.title import start_new_game

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
    figures = {
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(percentile(times, 0.95), 3),
        "p99_ms": round(percentile(times, 0.99), 3),
        "idle_cpu_pct": round(idle, 2),
        "startup_s": round(startup, 3),
    }
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


if __name__ == "__main__":
    sys.exit(main())
