"""``python -m game serve``: the class game on the teacher's machine, one browser per team.

The server prints a link per team, the projector's link and a PIN for the teacher's
console. It keeps the game in a folder (``--folder``, default ``class-game`` in the
saves folder) and, started again on the same folder, resumes the game where it was.
"""

from __future__ import annotations

import argparse
import logging
import random
import secrets
import socket
from pathlib import Path

from game.errors import UsageError, load_or_exit
from game.paths import DEFAULT_SCENARIO, saves_dir

#: the size uvicorn refuses a websocket frame at; the app's own limit (4 KB) answers far sooner
WS_MAX_BYTES = 64 * 1024


def add_serve_command(commands: argparse._SubParsersAction) -> None:
    """Register ``serve`` on the main parser."""
    serve = commands.add_parser("serve", help="serve a class game to the teams' browsers on the local network")
    serve.add_argument("--teams", default=None, help="the powers the teams play, e.g. ussr,germany,west "
                       "(default: every power)")
    serve.add_argument("--full", action="store_true", help="play every decision, not a lesson's fifteen")
    serve.add_argument("--minutes", type=float, default=30, help="the lesson clock, in minutes (default 30)")
    serve.add_argument("--timer", type=float, default=None, metavar="SECONDS",
                       help="time per decision instead of a clock for the whole lesson")
    serve.add_argument("--group", default="", help="the name of the class or group playing, e.g. \"9B\" "
                       "(kept in the save; the console can also give it at the start)")
    serve.add_argument("--seed", type=int, default=None, help="random seed (default: a new one)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on (default: every network)")
    serve.add_argument("--folder", default=None, help="where the game is kept (default: the saves folder)")
    serve.add_argument("--new", action="store_true", help="start a new game even if the folder holds one")
    serve.add_argument("--scenario", default=str(DEFAULT_SCENARIO))
    serve.set_defaults(handler=run_serve_command)


def run_serve_command(args: argparse.Namespace) -> int:
    """Start (or resume) the game and serve it until Ctrl+C."""
    import uvicorn

    from game.table import month_name
    from game.web.room import ROOM_FILE, Room, RoomError
    from game.web.server import Hub, build_app

    scenario = load_or_exit(args.scenario)
    teams = parse_teams(args.teams, scenario)
    if not 1 <= args.port <= 65535:
        raise UsageError(f"--port: a port from 1 to 65535, not {args.port}")
    if args.minutes <= 0 or (args.timer is not None and args.timer <= 0):
        raise UsageError("--minutes and --timer must be more than 0")
    folder = Path(args.folder) if args.folder else saves_dir() / "class-game"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"--folder: cannot use {folder}: {error}") from None
    if (folder / ROOM_FILE).exists() and not args.new:
        try:
            room = Room.load(scenario, folder)
        except RoomError as error:
            raise UsageError(f"{error} (start with --new to begin a new game in {folder})") from None
        print(f"Resuming the game kept in {folder} ({month_name(room.session.month)}); "
              f"press {'Resume' if room.started else 'Start'} in the console.")
    else:
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 2**31)
        room = Room.create(scenario, folder, teams, seed, lesson=not args.full, minutes=args.minutes,
                           timer=args.timer, group=args.group)
        print(f"New game (seed {seed}) kept in {folder}")
    pin = f"{secrets.randbelow(10**6):06d}"
    base = f"http://{local_address()}:{args.port}"
    hub = Hub({room.room_id: room}, pin, base)
    print(f"Join page for the projector: {base}/")
    for power in room.session.humans:
        print(f"  {scenario.power(power).name:<12} {base}/t/{room.tokens[power]}")
    print(f"Projector: {base}/p/{room.room_id}")
    print(f"Teacher's console: {base}/c/{room.room_id}   PIN {pin}")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    uvicorn.run(build_app(hub), host=args.host, port=args.port, log_level="warning", ws_max_size=WS_MAX_BYTES,
                ws_per_message_deflate=False)
    return 0


def parse_teams(text: str | None, scenario) -> tuple[str, ...]:
    """The powers of ``--teams`` (default: every power), refused with a message when unknown."""
    known = [p.id for p in scenario.powers]
    if not text:
        return tuple(known)
    teams = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = sorted(set(teams) - set(known))
    if not teams or unknown:
        raise UsageError(f"--teams: unknown power(s) {unknown}; choose from {known}")
    return teams


def local_address() -> str:
    """The machine's address on the local network, as the students' devices reach it."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))  # no packet is sent; this only picks the outgoing interface
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
