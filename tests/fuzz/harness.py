"""Mutation trials on every surface, shared by the fuzz tests and ``bench/fuzz.py``.

Each trial takes a ``random.Random`` (hypothesis hands one to the tests; the bench seeds
its own) and a fresh folder, attacks one surface the way a careless or hostile user
would, and returns a :class:`Result`: ``ok``, ``traceback`` (any exception the game let
escape), ``hang`` (no answer within the time limit) or ``files_lost`` (a file the game
had no business touching changed or vanished, or a save was not the old or the new
version after a kill). Surfaces:

- ``scenario``: a mutated scenario through ``check``; whatever passes is played to an
  ending by a policy (the replay), through the terminal with random answers, and in the lab;
- ``save``: a mutated save (re-signed or not) through one of the load paths;
- ``terminal``: random bytes and commands typed at the terminal game;
- ``cli``: a random command line from hostile values;
- ``kill``: a process saving again and again is killed at a random moment.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = (ROOT / "scenarios" / "1943.toml", ROOT / "tests" / "fixtures" / "minimal.toml")
TIME_LIMIT = 30.0

HOSTILE_NUMBERS = ["-1", "0", "nan", "inf", "-inf", "1e999", "1e308", "-1e308", "9" * 400, "9" * 5000,
                   "2.5", "100000000", "1_000", "0x10", "true", "[]", "{}", "\"\"", "1e-320"]
HOSTILE_TEXT = ["", "²", "1942-11-²", "1943-13", "0000-00", "\x00", "\ud800x", "é" * 50, "ussr", "x" * 5000,
                "1942-11-31", "9999-99-99", "\\u0000", "nan"]
HOSTILE_VALUES = [-1, 0, 2**70, -(2**70), 1e308, -1e308, "NaN", "Infinity", None, True, [], {}, "", "²",
                  "1943-13", [[[[[]]]]], "x" * 3000, 1.5, {"a": 1}, [1, 2, 3]]


#: what the trials saw besides their outcome: scenarios that passed check and were played,
#: temporaries a kill left behind (proof that kills land in the middle of a save)
STATS = {"scenarios_played": 0, "kills_mid_save": 0}


class Hang(Exception):
    """The trial ran out of time."""


@dataclass
class Result:
    """What one trial did."""

    kind: str
    outcome: str  # ok, traceback, hang, files_lost
    detail: str = ""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` in this (main) thread after ``seconds``."""
    def alarm(signum, frame):  # noqa: ARG001 - the signal handler's signature
        raise Hang(f"no answer after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def sandbox(folder: Path, stdin: bytes = b"") -> Iterator[io.StringIO]:
    """Home, input and output of the game inside ``folder``; yields the captured output."""
    old = (sys.stdin, sys.stdout, sys.stderr, os.environ.get("SEPARATE_PEACE_HOME"), os.getcwd())
    out = io.StringIO()
    os.environ["SEPARATE_PEACE_HOME"] = str(folder / "home")
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = sys.stderr = out
    os.chdir(folder)
    try:
        yield out
    finally:
        sys.stdin, sys.stdout, sys.stderr = old[0], old[1], old[2]
        if old[3] is None:
            os.environ.pop("SEPARATE_PEACE_HOME", None)
        else:
            os.environ["SEPARATE_PEACE_HOME"] = old[3]
        os.chdir(old[4])


# -- files the game must never touch ------------------------------------------------------


def plant(folder: Path) -> dict[Path, bytes | str]:
    """Put bystanders in the sandbox: another game's save, a pupil's notes, a folder, a FIFO."""
    saves = folder / "home" / "data" / "saves"
    saves.mkdir(parents=True, exist_ok=True)
    (folder / "notes.txt").write_text("my homework\n")
    (folder / "adir").mkdir(exist_ok=True)
    (folder / "adir" / "inside.txt").write_text("keep\n")
    fifo = folder / "pipe"
    if not fifo.exists():
        os.mkfifo(fifo)
    other = saves / "game-1-0123456789ab.json"
    other.write_text(_other_save())
    (saves / "autosave-0123456789ab-1943-01-t02.json").write_text(_other_save())
    autosaved = saves / "autosave-0123456789ab-1943-01-t02.json"
    kept = (folder / "notes.txt", folder / "adir" / "inside.txt", other, autosaved)
    planted: dict[Path, bytes | str] = {p: p.read_bytes() for p in kept}
    links = ((folder / "link.json", folder / "notes.txt"), (saves / "out.json", folder / "notes.txt"),
             (folder / "loop.json", folder / "loop2.json"), (folder / "loop2.json", folder / "loop.json"))
    for link, target in links:
        if not link.is_symlink():
            link.symlink_to(target)
    planted[fifo] = "fifo"
    planted[folder / "adir"] = "dir"
    return planted


def lost(planted: dict[Path, bytes | str]) -> list[str]:
    """The bystanders that changed or vanished."""
    missing = []
    for path, was in planted.items():
        if was == "fifo":
            ok = path.is_fifo()
        elif was == "dir":
            ok = path.is_dir() and not path.is_symlink()
        else:
            ok = (path.is_file() and path.read_bytes() == was) or _same_game_went_on(path)
        if not ok:
            missing.append(str(path))
    return missing


def _same_game_went_on(path: Path) -> bool:
    """A bystander save may change only by a later save of its own game (it was loaded and played on)."""
    from game.saves import AUTOSAVES_KEPT, SaveError, read_envelope

    ident = "0123456789ab"
    if path.name.startswith("autosave-") and not path.exists():
        return len(list(path.parent.glob(f"autosave-{ident}-*.json"))) >= AUTOSAVES_KEPT
    try:
        return read_envelope(path)["game_id"] == ident
    except SaveError:
        return False


_OTHER: list[str] = []


def _other_save() -> str:
    """A save of another game (id 0123456789ab) of the minimal scenario."""
    if not _OTHER:
        from game.saves import envelope
        from game.session import Session

        session = Session(_scenario(SCENARIOS[1]), seed=1, game_id="0123456789ab")
        session.step()
        _OTHER.append(json.dumps(envelope(session), indent=1))
    return _OTHER[0]


_SCENARIO_CACHE: dict[Path, object] = {}


def _scenario(path: Path):
    if path not in _SCENARIO_CACHE:
        from game.scenario import load_scenario

        _SCENARIO_CACHE[path] = load_scenario(path)
    return _SCENARIO_CACHE[path]


def hostile_paths(folder: Path) -> list[str]:
    """Paths a user might type: good ones, missing folders, folders, devices, a FIFO, under a file."""
    saves = folder / "home" / "data" / "saves"
    return [str(folder / "mine.json"), str(saves / "mine.json"), str(folder / "nope" / "x.json"),
            str(folder / "adir"), str(folder / "pipe"), "/dev/null", "/dev/zero", str(folder / "notes.txt"),
            str(folder / "notes.txt" / "x.json"), str(saves / "game-1-0123456789ab.json"), "", "-",
            str(folder / "a\x00b"), str(folder / ("long" * 100)), str(saves), str(folder / "link.json"),
            str(saves / "out.json"), str(folder / "loop.json")]


# -- mutations ---------------------------------------------------------------------------


def mutate_text(rng: random.Random, text: str) -> bytes:
    """One to three edits of a scenario's text, at the level of lines, numbers, strings or bytes."""
    import re

    lines = text.split("\n")
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        choice = rng.randrange(10)
        index = rng.randrange(len(lines))
        if choice == 0:
            del lines[index]
        elif choice == 1:
            lines.insert(index, lines[rng.randrange(len(lines))])
        elif choice in (2, 3):
            numbers = [i for i, line in enumerate(lines) if re.search(r"=\s*-?[0-9]", line)]
            if numbers:
                index = rng.choice(numbers)
                number = rng.choice(HOSTILE_NUMBERS)
                lines[index] = re.sub(r"-?[0-9][0-9.e_+-]*", lambda _, n=number: n, lines[index], count=1)
        elif choice == 4:
            strings = [i for i, line in enumerate(lines) if '"' in line and "=" in line]
            if strings:
                index = rng.choice(strings)
                hostile = json.dumps(rng.choice(HOSTILE_TEXT))
                lines[index] = re.sub(r'"[^"]*"', lambda _, h=hostile: h, lines[index], count=1)
        elif choice == 5:
            old = rng.choice(["ussr", "germany", "west", "front", "tension", "stalingrad", "open", "line"])
            text2 = "\n".join(lines).replace(old, rng.choice(["sovs", "x", "", "front", "Bad Id"]))
            lines = text2.split("\n")
        elif choice == 6:
            lines[index] = lines[index][: rng.randrange(len(lines[index]) + 1)]
        elif choice == 7:
            depth = rng.choice([5, 30, 3000])
            lines.insert(index, "zz_nested = " + "[" * depth + "]" * depth)
        elif choice == 8:
            keys = ("min", "max", "start", "random", "normal")
            numbers = [i for i, line in enumerate(lines) if line.startswith(keys)]
            if numbers:
                index = rng.choice(numbers)
                key = lines[index].split("=")[0]
                lines[index] = key + "= " + rng.choice(["[0, inf]", "[nan, 1.5]", "[5, 1]", "-inf", "[1]", "1e300",
                                                         "[0, 1e300]", "[1e12, -1e12]", "\"x\""])
        else:
            keep = "\n".join(lines)
            return _mutate_bytes(rng, keep.encode())
    return "\n".join(lines).encode()


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    choice = rng.randrange(4)
    if choice == 0:
        return bytes(data[: rng.randrange(len(data) + 1)])
    for _ in range(rng.randint(1, 8)):
        where = rng.randrange(len(data) + 1)
        if choice == 1:
            data[where:where] = bytes([rng.randrange(256)])
        elif choice == 2 and where < len(data):
            data[where] = rng.randrange(256)
        else:
            data[where:where] = rng.choice([b"\xff", b"\x00", b"\xc3", b"\xe2\x80", b"\r", b"\"", b"[", b"{"])
    return bytes(data)


def mutate_save(rng: random.Random, text: str) -> bytes:
    """A save edited as a tamperer (fields, then maybe re-signed) or damaged as a disk would."""
    from game.saves import checksum

    if rng.random() < 0.3:
        return _mutate_bytes(rng, text.encode())
    body = json.loads(text)
    for _ in range(rng.randint(1, 3)):
        key = rng.choice(sorted(body))
        choice = rng.randrange(5)
        if choice == 0:
            body[key] = rng.choice(HOSTILE_VALUES)
        elif choice == 1:
            del body[key]
        elif choice == 2 and isinstance(body.get("choices"), list) and body["choices"] \
                and isinstance(body["choices"][0], dict):
            item = body["choices"][rng.randrange(len(body["choices"]))]
            if isinstance(item, dict) and item:
                item[rng.choice(sorted(item))] = rng.choice(HOSTILE_VALUES)
        elif choice == 3:
            hashes = body.get("month_hashes")
            body["month_hashes"] = rng.choice([[], hashes[:1] if isinstance(hashes, list) else [], ["x"] * 50])
        else:
            body[rng.choice(["seed", "turn", "timer", "month", "ending", "format", "game_id"])] = rng.choice(
                HOSTILE_VALUES)
    if rng.random() < 0.7:
        body["checksum"] = checksum(body)
    raw = json.dumps(body, indent=1)
    if rng.random() < 0.1:
        raw = raw.replace('"seed": ', '"seed": ' + "[" * 5000 + "]" * 5000 + ", \"s\": ", 1)
    if rng.random() < 0.1:
        raw = raw.replace('"turn": ', '"turn": NaN, "t": ', 1)
    return raw.encode()


def real_save(rng: random.Random, scenario_path: Path) -> str:
    """The text of a save of a game played a few random steps."""
    from game.saves import envelope
    from game.session import Session

    scenario = _scenario(scenario_path)
    session = Session(scenario, seed=rng.randrange(1, 2**31), humans=rng.choice([("ussr",), ("ussr", "west")]))
    for _ in range(rng.randrange(12)):
        request = session.step()
        if request is None:
            break
        if request.kind == "standing":
            session.choose([rng.randrange(len(p.options)) for p in request.policies])
        else:
            session.choose(rng.choice([i for i, ok in enumerate(request.available) if ok]))
    return json.dumps(envelope(session), indent=1)


# -- trials ------------------------------------------------------------------------------


def run_trial(kind: str, trial: Callable[[random.Random, Path], list[str] | None], rng: random.Random,
              limit: float = TIME_LIMIT) -> Result:
    """Run one trial in a fresh folder; turn what escaped into a :class:`Result`."""
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{kind}-") as name:
        folder = Path(name)
        try:
            with time_limit(limit):
                missing = trial(rng, folder)
        except Hang as error:
            return Result(kind, "hang", str(error))
        except Exception:  # noqa: BLE001 - every escaped exception is what the fuzz counts
            return Result(kind, "traceback", traceback.format_exc(limit=-8))
        if missing:
            return Result(kind, "files_lost", ", ".join(missing))
        return Result(kind, "ok")


def scenario_trial(rng: random.Random, folder: Path) -> list[str] | None:
    """A mutant through ``check``; if it passes, played by policy, terminal and lab."""
    from game.__main__ import main
    from game.scenario import check_scenario

    source = rng.choice(SCENARIOS)
    path = folder / "mutant.toml"
    path.write_bytes(mutate_text(rng, source.read_text(encoding="utf-8")))
    scenario, problems = check_scenario(path)
    with sandbox(folder):
        code = main(["check", str(path), *(["--json"] if rng.random() < 0.3 else [])])
    if scenario is None:
        assert problems and all(str(path) in str(p) for p in problems), problems
        assert code == 2, code
        return None
    assert code in (0, 2), code
    if code == 2:  # it reads, but playing it in check found a problem: refused with a message
        return None
    play_everywhere(rng, scenario, path, folder)
    return None


def play_everywhere(rng: random.Random, scenario, path: Path, folder: Path) -> None:
    """A scenario that passed ``check`` must play to an ending in the replay, the terminal and the lab."""
    from game.__main__ import main
    from game.lab.experiment import experiment
    from game.lab.runner import run_experiment
    from game.policies import make_policy
    from game.session import Session, play_with_policy

    STATS["scenarios_played"] += 1
    seed = rng.randrange(1, 2**31)
    session = Session(scenario, seed=seed, humans=scenario.human_powers or (scenario.powers[0].id,))
    play_with_policy(session, make_policy(rng.choice(["historical", "random", "computer"])))
    assert session.over
    humans = [p.id for p in scenario.powers if rng.random() < 0.5] or [scenario.powers[0].id]
    answers = "\n".join(rng.choice(["", "1", "2", "3", "9", "state", "why front"]) for _ in range(400))
    with sandbox(folder, stdin=answers.encode()) as out:
        code = main(["play", "--text", "--scenario", str(path), "--seed", str(seed), "--human", ",".join(humans)])
    assert code == 0, out.getvalue()[-500:]
    setup = experiment(scenario, path.read_bytes(), policy=rng.choice(["historical", "random"]),
                       runs=rng.choice([1, 7, 64]), seed=seed)
    run_experiment(setup)


LOAD_PATHS = ("load_game", "list_saves", "debrief", "replay", "lab", "report", "terminal", "play")


def save_trial(rng: random.Random, folder: Path) -> list[str] | None:
    """A mutated save through one of the load paths; bystanders must stay as they were."""
    from game.__main__ import main
    from game.saves import SaveError, list_saves, load_game

    planted = plant(folder)
    source = rng.choice(SCENARIOS)
    saves = folder / "home" / "data" / "saves"
    path = saves / "mutant.json"
    path.write_bytes(mutate_save(rng, real_save(rng, source)))
    how = rng.choice(LOAD_PATHS)
    scenario_args = ["--scenario", str(source)]
    with sandbox(folder, stdin=b"\n1\nquit\n") as out:
        if how == "load_game":
            with contextlib.suppress(SaveError):
                load_game(path, _scenario(source))
        elif how == "list_saves":
            listed = list_saves(saves)
            assert any(p == path for p, _, _ in listed), listed
        else:
            argv = {"debrief": ["debrief", str(path)],
                    "replay": ["replay", "--from-save", str(path), "--json", str(folder / "r.json")],
                    "lab": ["lab", "--from-save", str(path), "--runs", "20"],
                    "report": ["report", str(path), "--runs", "100"],
                    "terminal": ["play", "--text", "--seed", "5"],
                    "play": ["play", "--text", "--load", str(path)]}[how]
            stdin_script = f"load {path}\n\n1\nquit\n".encode()
            if how == "terminal":
                sys.stdin = io.TextIOWrapper(io.BytesIO(stdin_script), encoding="utf-8")
            code = main(argv + scenario_args)
            assert code in (0, 2), (code, out.getvalue()[-500:])
            assert "Traceback" not in out.getvalue()
    return lost(planted)


TERMINAL_WORDS = ["", "1", "2", "3", "4", "99", "0", "-1", "²", "①", "፩", "١", "state", "help", "why front",
                  "why", "glossary", "glossary stalin", "tempo 2", "channel 3", "price more", "x y z", "pause",
                  "reveal", "skip", "keep", "ok"]


def terminal_trial(rng: random.Random, folder: Path) -> list[str] | None:
    """Random bytes, digits and commands at the terminal; bystanders must stay as they were."""
    from game.__main__ import main

    planted = plant(folder)
    paths = hostile_paths(folder)
    lines: list[bytes] = []
    for _ in range(rng.randrange(5, 200)):
        choice = rng.random()
        if choice < 0.55:
            lines.append(rng.choice(TERMINAL_WORDS).encode())
        elif choice < 0.75:
            lines.append(f"{rng.choice(['save', 'load', 'save', 'load', 'glossary', 'why'])} "
                         f"{rng.choice(paths)}".encode("utf-8", "surrogateescape"))
        elif choice < 0.9:
            lines.append(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 12))).replace(b"\n", b""))
        elif choice < 0.97:
            lines.append(rng.choice([b"\xff\xfe", b"\x00", b"save \x00", b"load \xff", "²²".encode(), b"9" * 5000,
                                     b"\x1b[A", b"\r", b"1\x00"]))
        else:
            lines.append(b"quit")
    interrupt_at = rng.randrange(len(lines) + 1) if rng.random() < 0.2 else None
    stream = _Keyboard(b"\n".join(lines) + (b"\n" if rng.random() < 0.8 else b""), interrupt_at)
    source = rng.choice(SCENARIOS)
    scenario = _scenario(source)
    humans = [p.id for p in scenario.powers if rng.random() < 0.5] or [scenario.powers[0].id]
    seed = rng.randrange(1, 2**31)
    argv = ["play", "--text", "--scenario", str(source), "--seed", str(seed), "--human", ",".join(humans)]
    if rng.random() < 0.3:
        argv.append("--lesson")
    if rng.random() < 0.3:
        argv += ["--timer", rng.choice(["0.001", "30", "60"])]
    started = time.time() - 1
    with sandbox(folder) as out:
        sys.stdin = stream
        code = main(argv)
        assert code in (0, 130), (code, out.getvalue()[-500:])
        if interrupt_at is not None and stream.interrupted:  # saved: its own game, or the one it loaded
            from game.paths import saves_dir

            saved = [p for p in saves_dir().glob("game-*.json") if p.stat().st_mtime >= started]
            assert saved, "Ctrl-C did not save"
    return lost(planted)


class _Keyboard(io.TextIOBase):
    """Standard input as bytes, with Ctrl-C pressed before line ``interrupt_at``."""

    def __init__(self, data: bytes, interrupt_at: int | None) -> None:
        self.buffer = io.BytesIO(data)
        self.interrupt_at = interrupt_at
        self.lines = 0
        self.interrupted = False
        real_readline = self.buffer.readline

        def readline(size: int = -1) -> bytes:
            if self.interrupt_at is not None and self.lines == self.interrupt_at and not self.interrupted:
                self.interrupted = True
                raise KeyboardInterrupt
            self.lines += 1
            return real_readline(size)

        self.buffer.readline = readline  # type: ignore[method-assign]


def command_line(rng: random.Random, folder: Path) -> list[str]:
    """A random command line: a real command, real and hostile flags and values."""
    paths = hostile_paths(folder) + [str(SCENARIOS[1]), str(SCENARIOS[1])]
    numbers = HOSTILE_NUMBERS + ["1", "3", "50", "-5", "²", "1e12", "10000000000000"]
    command = rng.choice(["play", "check", "replay", "lab", "sweep", "debrief", "rolecards", "report", "guide",
                          "nonsense", ""])
    argv = [command] if command else []
    flags = {
        "play": ["--text", "--seed", "--timer", "--human", "--load", "--scenario", "--lesson"],
        "check": ["FILE", "--json"],
        "replay": ["--seed", "--policy", "--json", "--save", "--from-save", "--scenario"],
        "lab": ["--runs", "--seed", "--set", "--param", "--workers", "--json", "--csv", "--plot",
                "--deviate-from", "--policy", "--scenario", "--from-save"],
        "sweep": ["--param", "--metric", "--runs", "--seed", "--workers", "--scenario"],
        "debrief": ["FILE", "--scenario", "--pdf"],
        "rolecards": ["--scenario", "--pdf"],
        "report": ["FILE", "--runs", "--json", "--scenario", "--pdf"],
        "guide": ["--pdf"],
        "nonsense": ["--x"], "": ["--help", "--bogus"],
    }[command]
    for _ in range(rng.randrange(0, 5)):
        flag = rng.choice(flags) if flags else "--x"
        if flag == "FILE":
            argv.append(rng.choice(paths))
        elif flag in ("--text", "--lesson", "--json") and command != "replay" and command != "lab":
            argv.append(flag)
        elif flag in ("--seed", "--timer", "--runs", "--workers"):
            value = rng.choice(numbers)
            if flag == "--runs" and value.isascii() and value.isdigit() and 200 < int(value[:12]) <= 10_000_000:
                value = "200"
            argv += [flag, value]
        elif flag in ("--set", "--param"):
            name = rng.choice(["front", "tension", "leak", "leak_rate", "nothing", ""])
            if command == "sweep":
                a, b = rng.choice(numbers), rng.choice(numbers)
                steps = rng.choice(["1", "2", "0", "-1", "nan", "x", "1e3"])
                argv += [flag, f"{name}={a}:{b}:{steps}"]
            else:
                argv += [flag, f"{name}={rng.choice(numbers)}"]
        elif flag == "--metric":
            argv += [flag, rng.choice(["ending:deal", "final:tension", "final:nope", "x", ""])]
        elif flag in ("--policy", "--human"):
            argv += [flag, rng.choice(["historical", "random", "napoleon", "ussr", "ussr,west", "", "²"])]
        elif flag == "--deviate-from":
            argv += [flag, rng.choice(["1943-01", "1943-13", "²", "April", "1942-11"])]
        elif flag.startswith("--"):
            argv += [flag, rng.choice(paths)]
    if not command:
        argv.append(rng.choice(["--help", "--bogus", "-x"]))  # no command at all opens the window
    if command == "play" and "--text" not in argv:
        argv.append("--text")  # the window is the desktop suite's
    if command in ("lab", "sweep", "report") and "--runs" not in argv:
        argv += ["--runs", "100" if command == "report" else "20"]
    if command in ("play", "replay", "lab", "sweep", "debrief", "rolecards", "report") \
            and "--scenario" not in argv and rng.random() < 0.8:
        argv += ["--scenario", str(SCENARIOS[1])]
    return argv


def cli_trial(rng: random.Random, folder: Path) -> list[str] | None:
    """A random command line runs to an answer: exit 0, or exit 2 with one ``error:`` message."""
    from game.__main__ import main

    planted = plant(folder)
    argv = command_line(rng, folder)
    with sandbox(folder, stdin=b"\n1\n2\nquit\n") as out:
        try:
            code = main(argv)
        except Hang as error:
            raise Hang(f"{error}: {argv}") from None
    text = out.getvalue()
    assert code in (0, 2), (argv, code, text[-400:])
    assert "Traceback" not in text, (argv, text[-800:])
    if code == 2:
        assert text.strip(), (argv, "exit 2 without a message")
    return lost(planted)


KILL_CHILD = textwrap.dedent("""
    import sys
    from game.session import Session
    from game.saves import save_game
    from game.scenario import load_scenario
    scenario = load_scenario(sys.argv[1])
    session = Session(scenario, seed=7, game_id="00000000abcd")
    session.step()
    print("ready", flush=True)
    version = 0
    while True:
        version += 1
        save_game(session, sys.argv[2], note=f"version {version}")
""")


def kill_trial(rng: random.Random, folder: Path) -> list[str] | None:
    """Kill a process that saves again and again; the save must be a whole version, old or new."""
    from game.saves import clean_temporaries, read_envelope, save_game
    from game.session import Session

    saves = folder / "saves"
    saves.mkdir()
    path = saves / "game.json"
    session = Session(_scenario(SCENARIOS[1]), seed=7, game_id="00000000abcd")
    session.step()
    save_game(session, path, note="version 0")
    child = subprocess.Popen([sys.executable, "-c", KILL_CHILD, str(SCENARIOS[1]), str(path)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.05))
    finally:
        child.kill()
        child.wait()
    problems = []
    try:
        note = read_envelope(path)["note"]
        if not note.startswith("version "):
            problems.append(f"{path} holds {note!r}")
    except Exception as error:  # noqa: BLE001 - any failure to read it back is a lost save
        problems.append(f"{path}: {error}")
    if any(p.name.endswith(".tmp") for p in saves.iterdir()):
        STATS["kills_mid_save"] += 1
    clean_temporaries(saves)
    strays = [p.name for p in saves.iterdir() if p.name.endswith(".tmp")]
    if strays:
        problems.append(f"stray temporaries after the next start: {strays}")
    return problems


TRIALS: dict[str, Callable[[random.Random, Path], list[str] | None]] = {
    "scenario": scenario_trial, "save": save_trial, "terminal": terminal_trial, "cli": cli_trial,
    "kill": kill_trial,
}
