"""Frame times, idle CPU, the CPU of a moving mouse, startup, and a memory soak of the window.

    DISPLAY=:99 python bench/frames.py --size 1920x1080 --json

prints ``{"p50_ms", "p95_ms", "p99_ms", "idle_cpu_pct", "mouse_cpu_pct", "mouse_driver",
"mouse_frames_drawn", "video_driver", "startup_s"}``: frame times over 600 frames of the
main screen with the triangle animating the whole time, the CPU the loop uses when nothing
happens, and the CPU while the mouse sweeps over the state rows, the card and the map
(percent of one core; goal at most 15 at 1920x1080), and the time from importing the
window's modules to the first frame on screen.

The mouse scene (``mouse_driver``): under a real X server (Xvfb will do) with ``xdotool``
installed, ``x11-pointer``: a separate xdotool process moves the real pointer at 60
positions a second and the window runs its own loop (``App.run``), so X delivers the
motion events and only the window's process is timed (the X server's own work is not in
the figure; ``--xserver-pid PID`` adds it as ``xserver_cpu_pct``). Without a display,
``posted-events``: SDL's dummy driver, a motion event posted
before every frame of the same loop (the drawing is the same; nothing is sent to a screen).

    python bench/frames.py --soak-minutes 30 --json

also plays random games for 30 minutes (cards answered at random through the same calls a
click makes, the mouse moved and three frames drawn after each, a game started again at
each ending) and adds ``rss_first_month_mb`` (resident memory once the first month is
over), ``rss_end_mb``, ``rss_growth_pct`` (end against first month; goal at most 10),
``rss_max_mb``/``rss_max_growth_pct`` (the largest of the samples taken every 50 cards),
``rss_after_each_game_mb`` (after a collection at each ending), its trend
``rss_slope_mb_per_game`` (least squares over the games after the first) and
``rss_quarters_mb`` (the mean of its first and of its last quarter), and
``soak_games``/``soak_months``/``soak_cards``. ``--census N`` prints to stderr, every N games,
what the window holds: live Surfaces and their MB, pygame_gui's sprites, Python objects the
collector tracks, tables and main screens alive (frozen objects are not counted). ``--trace K``
adds the K source lines whose Python allocations grew most (tracemalloc; slow, and blind to
SDL's pixel buffers). Saves and settings go to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
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
    parser.add_argument("--soak-minutes", "--soak", dest="soak", type=float, default=0.0, metavar="N",
                        help="also play random games for N minutes (30 for the figure) and report resident memory")
    parser.add_argument("--xserver-pid", type=int, default=0, metavar="PID",
                        help="also report the CPU the X server (this pid) spent during the mouse scene")
    parser.add_argument("--trace", type=int, default=0, metavar="K",
                        help="with the soak: trace Python allocations and print the K lines that grew most "
                             "between the first month and the end")
    parser.add_argument("--census", type=int, default=0, metavar="N",
                        help="with the soak: every N games print to stderr what the window holds (live "
                             "Surfaces and their MB, pygame_gui elements, Python objects, tables alive)")
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
    server_before, wall_before = process_seconds(args.xserver_pid), time.perf_counter()
    mouse, driver = measure_mouse(app, args.mouse_seconds)
    server = 100 * (process_seconds(args.xserver_pid) - server_before) / (time.perf_counter() - wall_before)
    figures = {
        "size": args.size,
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(percentile(times, 0.95), 3),
        "p99_ms": round(percentile(times, 0.99), 3),
        "idle_cpu_pct": round(idle, 2),
        "mouse_cpu_pct": round(mouse, 2),
        "mouse_driver": driver,
        "mouse_frames_drawn": app.mouse_frames,
        "video_driver": pygame.display.get_driver(),
        **({"xserver_cpu_pct": round(server, 2)} if args.xserver_pid else {}),
        "startup_s": round(startup, 3),
    }
    if args.soak > 0:
        figures.update(soak(app, args.soak * 60, args.trace, args.census))
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


def measure_mouse(app, seconds: float) -> tuple[float, str]:
    """CPU of the window while the mouse moves all the time (percent of one core), and how it moved.

    Under a real X server (``DISPLAY`` set, ``xdotool`` on the path) a separate process moves
    the real pointer along :func:`mouse_path` at 60 positions a second and the window runs its
    own loop (``App.run``), so the figure is what a player's hand costs: X delivers the motion
    events and the window alone is timed. Without one (SDL's dummy driver) a motion event is
    posted before every frame of the same loop's pace, as a moving mouse delivers them.
    """
    if os.environ.get("DISPLAY") and shutil.which("xdotool") and os.environ.get("SDL_VIDEODRIVER") != "dummy":
        return measure_mouse_x11(app, seconds), "x11-pointer"
    return measure_mouse_posted(app, seconds), "posted-events"


def window_origin() -> tuple[int, int]:
    """Where the window's top-left corner is on the X screen (to aim the real pointer)."""
    import pygame

    try:
        return tuple(pygame.Window.from_display_module().position)  # type: ignore[return-value]
    except (pygame.error, AttributeError):
        return (0, 0)


def measure_mouse_x11(app, seconds: float) -> float:
    """The real pointer moved by ``xdotool`` in its own process; the window's own loop timed."""
    import pygame

    ox, oy = window_origin()
    steps = int(seconds * 60) + 60
    points = mouse_path(app)
    script = []
    for index in range(steps):
        x, y = points[index % len(points)]
        script.append(f"mousemove {ox + x} {oy + y} sleep 0.0167")
    mover = subprocess.Popen(["xdotool", "-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, text=True)
    assert mover.stdin is not None
    mover.stdin.write("\n".join(script) + "\n")
    mover.stdin.close()
    time.sleep(0.3)  # the pointer is moving before the clock starts
    app.running = True
    pygame.time.set_timer(pygame.QUIT, int(seconds * 1000), loops=1)
    frames = app.frames
    cpu, wall = time.process_time(), time.perf_counter()
    app.run()
    share = 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)
    app.mouse_frames = app.frames - frames
    mover.kill()
    mover.wait()
    return share


def measure_mouse_posted(app, seconds: float) -> float:
    """Posted motion events, one before every frame at the pace of ``App.run`` (dummy driver)."""
    import pygame

    points = mouse_path(app)
    app.running = True
    frames = app.frames
    overhead = 0.0
    cpu, wall = time.process_time(), time.perf_counter()
    index = 0
    while time.perf_counter() - wall < seconds:
        pos = points[index % len(points)]
        previous = points[(index - 1) % len(points)]
        posting = time.process_time()
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(pos[0] - previous[0],
                                                                               pos[1] - previous[1]),
                                             buttons=(0, 0, 0)))
        pygame.mouse.set_pos(pos)  # pygame_gui reads the pointer itself for hovering
        overhead += time.process_time() - posting  # the hand's work, not the window's
        index += 1
        app.clock.tick(60)
        app.frame(pygame.event.get(), min(0.1, app.clock.get_time() / 1000))
    app.mouse_frames = app.frames - frames
    return 100 * (time.process_time() - cpu - overhead) / (time.perf_counter() - wall)


def process_seconds(pid: int) -> float:
    """CPU seconds (user and system) another process has used, from /proc (0 when unknown)."""
    if not pid:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mb() -> float:
    """This process's resident memory in MB (Linux /proc; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def surfaces_alive() -> tuple[int, float]:
    """How many pygame Surfaces Python holds now, and their pixels in MB (after a collection)."""
    import gc

    import pygame

    # Surfaces are not tracked by the collector: they are found as what tracked objects refer to
    found = {id(thing): thing for holder in gc.get_objects() for thing in gc.get_referents(holder)
             if isinstance(thing, pygame.Surface)}
    size = 0
    for thing in found.values():
        try:
            size += thing.get_width() * thing.get_height() * thing.get_bytesize()
        except pygame.error:  # a surface whose display has gone
            pass
    return len(found), size / 2**20


def census(app) -> dict:
    """What the window holds after a game (a collection first): to tell a leak from the allocator.

    Live Surfaces and their pixels, pygame_gui's elements and sprite group, Python objects by
    the number Python tracks, and the objects of the game's own types (``game.``) that are alive.
    """
    import gc
    from collections import Counter

    unreachable = gc.collect()
    surfaces, pixels = surfaces_alive()
    objects = gc.get_objects()
    ours = Counter(type(o).__qualname__ for o in objects if str(type(o).__module__).startswith("game."))
    theme = app.manager.get_theme()
    fonts = getattr(getattr(theme, "font_dict", None), "loaded_fonts", {})
    return {"rss_mb": round(resident_mb(), 1), "surfaces": surfaces, "surface_mb": round(pixels, 1),
            "ui_sprites": len(app.manager.get_sprite_group().sprites()), "gc_objects": len(objects),
            "unreachable_freed": unreachable, "fonts": len(fonts),
            "tables": ours.get("Table", 0), "main_screens": ours.get("MainScreen", 0),
            "decks": ours.get("Deck", 0)}


def slope(values: list[float]) -> float:
    """Least-squares slope of ``values`` against their index (MB per game for the per-game series)."""
    if len(values) < 2:
        return 0.0
    mean_x, mean_y = (len(values) - 1) / 2, statistics.fmean(values)
    spread = sum((x - mean_x) ** 2 for x in range(len(values)))
    return sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values)) / spread


def quarters(values: list[float]) -> list[float]:
    """The means of the first and the last quarter of ``values`` (empty for fewer than 4)."""
    if len(values) < 4:
        return []
    quarter = len(values) // 4
    return [round(statistics.fmean(values[:quarter]), 1), round(statistics.fmean(values[-quarter:]), 1)]


def soak(app, seconds: float, trace: int = 0, census_every: int = 0) -> dict:
    """Random games in the window for ``seconds``: resident memory after the first month and after.

    With ``trace`` > 0, Python's allocations are traced and the ``trace`` source lines whose
    memory grew most between the first month and the end are returned too (slow; to find a leak).
    """
    import gc
    import random
    import tracemalloc

    import pygame

    from game.ui.screens.main import MainScreen
    from game.ui.starting import start_new_game

    rng = random.Random(1943)
    points = mouse_path(app)
    games, cards, months, first_month, samples, per_game = 0, 0, 0, 0.0, [], []
    first_snapshot = None
    if trace:
        tracemalloc.start(8)
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        start_new_game(app, seed=rng.randrange(1 << 30))
        games += 1
        main_screen = app.top
        while isinstance(app.top, MainScreen) and time.perf_counter() - started < seconds:
            deck = main_screen.deck
            card = deck.card
            turn_before = deck.table.session.turn
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
            months += deck.table.session.turn != turn_before
            pos = points[cards % len(points)]
            pygame.mouse.set_pos(pos)
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)))
            for _ in range(3):
                app.frame(pygame.event.get(), 1 / 60)
            if not first_month and deck.table.session.turn >= 1:
                gc.collect()
                first_month = resident_mb()
                first_snapshot = tracemalloc.take_snapshot() if trace else None
            if cards % 50 == 0:
                samples.append(resident_mb())
        gc.collect()
        per_game.append(round(resident_mb(), 1))
        if census_every and games % census_every == 0:
            print(json.dumps({"game": games, "cards": cards, **census(app)}), file=sys.stderr, flush=True)
    gc.collect()
    end = resident_mb()
    peak = max(samples + [end, first_month])
    figures = {"soak_minutes": round(seconds / 60, 2), "soak_games": games, "soak_months": months,
               "soak_cards": cards, "rss_first_month_mb": round(first_month, 1), "rss_end_mb": round(end, 1),
               "rss_max_mb": round(peak, 1),
               "rss_growth_pct": round(100 * (end - first_month) / first_month, 2) if first_month else None,
               "rss_max_growth_pct": round(100 * (peak - first_month) / first_month, 2) if first_month else None,
               "rss_after_each_game_mb": per_game,
               # the trend: MB per game over the games after the first (least squares), and the
               # last quarter's mean against the first quarter's
               "rss_slope_mb_per_game": round(slope(per_game[1:]), 3),
               "rss_quarters_mb": quarters(per_game)}
    if trace and first_snapshot is not None:
        grown = tracemalloc.take_snapshot().compare_to(first_snapshot, "traceback")
        figures["traced_growth"] = [
            {"kb": round(stat.size_diff / 1024, 1), "count": stat.count_diff,
             "where": [f"{frame.filename.split('site-packages/')[-1]}:{frame.lineno}" for frame in stat.traceback]}
            for stat in grown[:trace]]
        tracemalloc.stop()
    return figures


if __name__ == "__main__":
    sys.exit(main())
