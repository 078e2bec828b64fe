"""A school's worth of class games on one server: 10 games × 3 teams × 4 browsers + a projector each.

Usage: python bench/classroom.py [--json] [--games 10] [--browsers 4] [--seed 1]

The server runs in a child process (the real app under uvicorn, each game in its own
folder, saving after every change as in a lesson); this process simulates every
browser with a websocket client. In each game one browser of the deciding team answers
(and sometimes a second browser of the same team answers at once, as students do), after
a pause of about ``--think`` seconds (1 s by default: a hundred times faster than a class,
where a team takes a minute or two; 0 answers back to back). The time measured runs from
sending an answer to the moment every page of that game has received the view of the
next decision (after the last decision: the ending). Prints {"clients", "p50_ms", "p99_ms",
"peak_rss_mb", ...}; the goal is p99 ≤ 100 ms and ≤ 300 MB on two cores. ``debrief_max_ms``
is the longest time from a game's last answer to every page of it showing the debrief,
which the server writes in a worker thread once the pages have the ending.
``server_cpu_ms_per_decision`` is the server's processor time over the games (pages joining,
answers, views, saves, debriefs) divided by the decisions: it depends far less than the
latencies on what else the machine is running.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: the lesson's fields every view ends with (Room.common), found without reading the whole view
SEQ = re.compile(r'"seq": ?(\d+), ?"version": ?\d+, ?"debrief": ?')
STATUS = re.compile(r'"status": ?"(\w+)", ?"clock"')
VIEW = re.compile(r'\{"type": ?"view"')
DEBRIEF = re.compile(r'"debrief": ?\{')
#: seconds a game may go without every page catching up before the bench gives up
STALL = 60
TEAMS = ("ussr", "germany", "west")


def serve(port: int, games: int, folder: Path, seed: int) -> None:
    """The child: make the games, print their tokens as one JSON line, serve until killed."""
    import logging

    import uvicorn

    from game.paths import DEFAULT_SCENARIO
    from game.scenario import load_scenario
    from game.web.room import Room
    from game.web.server import Hub, build_app

    logging.getLogger("game.web").setLevel(logging.ERROR)
    scenario = load_scenario(DEFAULT_SCENARIO)
    rooms = {}
    for index in range(games):
        room = Room.create(scenario, folder / f"game{index}", TEAMS, seed=seed + index, room_id=f"g{index}")
        room.command("start")
        rooms[room.room_id] = room
    print(json.dumps({rid: room.tokens for rid, room in rooms.items()}), flush=True)
    uvicorn.run(build_app(Hub(rooms, "000000")), host="127.0.0.1", port=port, log_level="error",
                ws_max_size=65536, ws_per_message_deflate=False)



class Page:
    """One simulated browser: its socket and the last view it received."""

    def __init__(self, socket, power: str | None) -> None:
        self.socket = socket
        self.power = power
        self.view: dict = {}
        self.text = ""
        self.seen = asyncio.Event()

    async def listen(self) -> None:
        """Note each view's decision number and status; the whole view is read only when answering.

        A browser parses every view too, but it does so on its own device: reading 130 views
        here, on the server's two cores, would measure this simulator more than the server.
        """
        async for text in self.socket:
            if not VIEW.match(text):
                continue
            self.text = text
            found = SEQ.search(text)
            status = STATUS.search(text)
            self.view = {"seq": int(found.group(1)) if found else -1, "status": status.group(1) if status else "",
                         "debrief": DEBRIEF.search(text) is not None}
            self.seen.set()

    def full_view(self) -> dict:
        """The last view, read whole."""
        return json.loads(self.text)["view"]


class Stalled(Exception):
    """The pages of a game stopped receiving what the server should send."""


def past(page: Page, seq: int) -> bool:
    """True once the page shows the decision after ``seq``, or the end."""
    return page.view.get("seq", -1) > seq or page.view.get("status") == "over"


def debriefed(page: Page, seq: int) -> bool:
    """True once the page shows the debrief."""
    return bool(page.view.get("debrief"))


async def wait_all(pages: list[Page], seq: int, done=past) -> None:
    """Until ``done(page, seq)`` holds for every page (by default: a view past decision ``seq``)."""
    deadline = time.perf_counter() + STALL
    while not all(done(p, seq) for p in pages):
        if time.perf_counter() > deadline:
            raise Stalled(f"the pages did not catch up with decision {seq} in {STALL} s")
        for page in pages:
            page.seen.clear()
        await asyncio.wait([asyncio.ensure_future(p.seen.wait()) for p in pages], timeout=5,
                           return_when=asyncio.FIRST_COMPLETED)


def answer_of(view: dict) -> object:
    card = view["seat"]["request"]
    if card["kind"] == "standing":
        return [policy["current"] for policy in card["policies"]]
    return next(option["index"] for option in card["options"] if option["available"])


async def play(url: str, room_id: str, tokens: dict[str, str], browsers: int, rng: random.Random,
               timings: list[float], think: float, debriefs: list[float]) -> int:
    """Play one game to its end from its pages; returns the number of pages it used."""
    import websockets

    pages: list[Page] = []
    for power in TEAMS:
        for _ in range(browsers):
            socket = await websockets.connect(url, max_size=2**22)
            await socket.send(json.dumps({"type": "hello", "role": "team", "token": tokens[power]}))
            pages.append(Page(socket, power))
    socket = await websockets.connect(url, max_size=2**22)
    await socket.send(json.dumps({"type": "hello", "role": "projector", "room": room_id}))
    pages.append(Page(socket, None))
    listeners = [asyncio.ensure_future(page.listen()) for page in pages]
    await wait_all(pages, -1)
    while True:
        await asyncio.sleep(rng.uniform(0.5, 1.5) * think)  # the team reads its card (the first one too)
        view = next(p for p in pages if p.power is not None).full_view()
        if view["status"] == "over":
            break
        seq = view["seq"]
        deciding = view["deciding"]["power"]
        team = [p for p in pages if p.power == deciding]
        answerers = rng.sample(team, min(len(team), 2 if rng.random() < 0.3 else 1))
        message = json.dumps({"type": "answer", "seq": seq, "choice": answer_of(team[0].full_view())})
        began = time.perf_counter()
        for page in answerers:
            await page.socket.send(message)
        await wait_all(pages, seq)
        timings.append((time.perf_counter() - began) * 1000)
        if any(p.view.get("status") == "over" for p in pages):
            await wait_all(pages, seq, debriefed)
            debriefs.append((time.perf_counter() - began) * 1000)
    for page in pages:
        await page.socket.close()
    for listener in listeners:
        listener.cancel()
    return len(pages)


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory of a process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """The user and system time a process has used so far (/proc/<pid>/stat), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def run(args: argparse.Namespace) -> dict:
    port = args.port
    with tempfile.TemporaryDirectory(prefix="classroom-bench-") as folder:
        child = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(port), "--games", str(args.games), "--seed", str(args.seed),
             "--folder", folder], stdout=subprocess.PIPE, text=True, cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)))
        try:
            assert child.stdout is not None
            tokens = json.loads(child.stdout.readline())
            url = f"ws://127.0.0.1:{port}/ws"
            for _ in range(200):  # until uvicorn listens
                try:
                    _, writer = await asyncio.open_connection("127.0.0.1", port)
                    writer.close()
                    break
                except OSError:
                    await asyncio.sleep(0.05)
            timings: list[float] = []
            debriefs: list[float] = []
            cpu_before = cpu_seconds(child.pid)
            rng = random.Random(args.seed)
            began = time.perf_counter()
            counts = await asyncio.gather(*(play(url, rid, room_tokens, args.browsers, random.Random(rng.random()),
                                                  timings, args.think, debriefs)
                                             for rid, room_tokens in tokens.items()))
            wall = time.perf_counter() - began
            peak = peak_rss_mb(child.pid)
            cpu = cpu_seconds(child.pid) - cpu_before
        finally:
            child.terminate()
            child.wait(10)
    return {"clients": sum(counts), "p50_ms": round(percentile(timings, 0.5), 1),
            "p99_ms": round(percentile(timings, 0.99), 1), "peak_rss_mb": round(peak, 1),
            "decisions": len(timings), "max_ms": round(max(timings), 1), "games": args.games, "think_s": args.think,
            "wall_s": round(wall, 1),
            "debrief_max_ms": round(max(debriefs), 1) if debriefs else None,
            "server_cpu_ms_per_decision": round(cpu * 1000 / max(1, len(timings)), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--games", type=int, default=10)
    parser.add_argument("--browsers", type=int, default=4, help="browsers per team")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean seconds a team takes before answering (0: answers back to back)")
    parser.add_argument("--port", type=int, default=8971)
    parser.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--folder", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve, args.games, Path(args.folder), args.seed)
        return
    try:
        result = asyncio.run(run(args))
    except Stalled as error:
        print(f"bench/classroom.py: {error}", file=sys.stderr)
        raise SystemExit(1) from None
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['clients']} clients, {result['decisions']} decisions in {result['games']} games: "
              f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms (goal 100), "
              f"server peak {result['peak_rss_mb']} MB (goal 300)")


if __name__ == "__main__":
    main()
