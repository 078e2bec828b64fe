"""One class game on the server: the session, the teams' links, the clock and the teacher's controls.

A room is plain synchronous code with no network in it, so it can be tested directly and
the server stays a thin layer. Every change goes through a method here, bumps
``version`` (pages redraw when it moves) and is saved at once: the game to
``game.json`` (the ordinary save format, replayed on load) and the room's own state
(team tokens, the clock, and what each seat saw when it last decided, see
:mod:`game.web.marks`) to ``room.json``. A server
stopped and started again on the same folder resumes from these two files.

Answers carry the number of the decision they answer (``seq``); two browsers of one
team answering at once give one decision, and the second is told it was already made.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from game.saves import SaveError, envelope, load_game, write_atomically
from game.scenario.model import Scenario
from game.session import Session
from game.table import Table, TurnError
from game.table.lesson import LessonSettings, was_lesson
from game.text.debrief import debrief_lines
from game.web import seat
from game.web.marks import MarksError, marks_json, restore_marks

ROOM_FILE = "room.json"
GAME_FILE = "game.json"
FINAL_FILE = "game-final.json"
#: the largest room file read back (tokens, numbers, and what each team last saw)
MAX_ROOM_BYTES = 2_000_000
#: seconds the teacher's "add time" adds
ADD_SECONDS = 60

log = logging.getLogger("game.web")


def write_files(files: list[tuple[Path, str]]) -> None:
    """Write each (path, text) atomically, in order."""
    for path, text in files:
        write_atomically(path, text)


class RoomError(Exception):
    """A request the room refuses; the message is shown to whoever sent it."""


@dataclass
class Clock:
    """The lesson clock: counts down while running, stops when paused."""

    seconds: float
    now: Callable[[], float] = time.monotonic
    running_since: float | None = None

    def remaining(self) -> float:
        """Seconds left (negative once over)."""
        if self.running_since is None:
            return self.seconds
        return self.seconds - (self.now() - self.running_since)

    def start(self) -> None:
        """Run the clock (no effect when it runs)."""
        if self.running_since is None:
            self.running_since = self.now()

    def stop(self) -> None:
        """Stop the clock and keep what was left."""
        self.seconds = self.remaining()
        self.running_since = None

    def add(self, seconds: float) -> None:
        """Give more time."""
        self.seconds += seconds

    @property
    def running(self) -> bool:
        """True while counting down."""
        return self.running_since is not None

    def to_json(self) -> dict:
        """What a page needs to count down by itself."""
        return {"remaining": round(self.remaining(), 1), "running": self.running}


@dataclass
class Room:
    """A class game: who plays, their links, the state of the lesson, and the session."""

    scenario: Scenario
    table: Table
    folder: Path
    room_id: str
    tokens: dict[str, str]
    clock: Clock
    #: seconds a team has per decision (None: the clock is the whole lesson's)
    timer: float | None = None
    started: bool = False
    paused: bool = False
    revealed: bool = False
    ended: bool = False
    #: the number of the decision now pending; answers must name it
    seq: int = 0
    #: moves on every change, so pages know when to redraw
    version: int = 0
    #: the server saves after it has told the pages (see :meth:`snapshot`); tests save at once
    defer_saves: bool = False
    unsaved: bool = False
    _debrief: dict | None = field(default=None, repr=False)

    # -- making and loading ------------------------------------------------------

    @classmethod
    def create(cls, scenario: Scenario, folder: Path, teams: tuple[str, ...], seed: int, lesson: bool = True,
               minutes: float = 30, timer: float | None = None, room_id: str = "class", group: str = "") -> Room:
        """A new game for ``teams`` in ``folder`` (written at once, so a restart finds it).

        ``group`` names the class or group playing (kept in the save; the console may set
        it until the first decision).
        """
        session = Session(scenario, seed=seed, humans=teams, timer_seconds=timer)
        if group:
            session.remarks.set_group(group)
        settings = LessonSettings(timer_seconds=timer) if lesson else None
        table = Table(session, lesson=settings, timer_seconds=timer, autosaving=False)
        tokens = {power: secrets.token_urlsafe(18) for power in teams}
        room = cls(scenario, table, folder, room_id, tokens, Clock(timer if timer else minutes * 60), timer)
        room.save()
        return room

    @classmethod
    def load(cls, scenario: Scenario, folder: Path) -> Room:
        """Resume the room saved in ``folder``; raise RoomError naming the file and what is wrong."""
        path = folder / ROOM_FILE
        try:
            if path.stat().st_size > MAX_ROOM_BYTES:
                raise RoomError(f"{path}: too large for a room file")
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise RoomError(f"{path}: no room saved here") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise RoomError(f"{path}: cannot read the room ({error})") from None
        if not isinstance(data, dict):
            raise RoomError(f"{path}: not a room file")
        game = folder / (FINAL_FILE if data.get("ended") is True else GAME_FILE)
        try:
            session = load_game(game, scenario)
        except SaveError as error:
            raise RoomError(str(error)) from None
        lesson = was_lesson(session) or data.get("lesson") is True
        settings = LessonSettings(timer_seconds=session.timer_seconds) if lesson else None
        table = Table(session, lesson=settings, autosaving=False)
        tokens = data.get("tokens")
        if not isinstance(tokens, dict) or set(tokens) != set(session.humans) or not all(
                isinstance(t, str) and len(t) >= 16 for t in tokens.values()):
            raise RoomError(f"{path}: 'tokens' must give one link token for each team of the save")
        seconds = data.get("clock_seconds")
        if not isinstance(seconds, int | float) or isinstance(seconds, bool):
            raise RoomError(f"{path}: 'clock_seconds' must be a number")
        started = data.get("started") is True
        room = cls(scenario, table, folder, str(data.get("room_id", "class")), dict(tokens), Clock(float(seconds)),
                   session.timer_seconds, started=started, paused=started,
                   ended=data.get("ended") is True or session.over)
        room.seq = data["seq"] if isinstance(data.get("seq"), int) else 0
        if "seats" in data:
            try:
                restore_marks(table, data["seats"])
            except MarksError as error:  # costs "since you last decided", not the game
                log.warning("%s: %s; the teams' pages start their changes afresh", path, error)
        if room.paused:
            table.pause()
        return room

    @property
    def session(self) -> Session:
        """The engine's session of the game."""
        return self.table.session

    def save(self) -> None:
        """Write the game and the room's state now."""
        write_files(self.snapshot())

    def snapshot(self) -> list[tuple[Path, str]]:
        """The files that hold the room, as texts: the game first, so the room never runs ahead.

        Made on the server's loop (it reads the session) and written elsewhere, so a slow
        disk does not hold up the pages.
        """
        game = self.folder / (FINAL_FILE if self.ended else GAME_FILE)
        note = "finished class game" if self.ended else "class game"
        data = {
            "room_id": self.room_id,
            "tokens": self.tokens,
            "clock_seconds": round(self.clock.remaining(), 1),
            "started": self.started,
            "ended": self.ended,
            "lesson": was_lesson(self.session),
            "seq": self.seq,
            "seats": marks_json(self.table),
        }
        # compact, and through orjson: saved after every change, on the server's loop
        return [(game, orjson.dumps(envelope(self.session, note)).decode() + "\n"),
                (self.folder / ROOM_FILE, json.dumps(data, indent=1) + "\n")]

    def changed(self) -> None:
        """Note a change: pages redraw, and the room is saved (or marked for the server to save)."""
        self.version += 1
        if self.defer_saves:
            self.unsaved = True
        else:
            self.save()

    # -- who is who --------------------------------------------------------------

    def power_of(self, token: str) -> str | None:
        """The team a link token belongs to (compared in constant time), or None."""
        for power, known in self.tokens.items():
            if secrets.compare_digest(known.encode(), token.encode()):
                return power
        return None

    @property
    def deciding(self) -> str | None:
        """The power that must decide now, if any."""
        request = self.session.pending
        return request.power if request is not None and not self.session.over else None

    @property
    def status(self) -> str:
        """One word for the state of the lesson: waiting, playing, paused or over."""
        if self.ended or self.session.over:
            return "over"
        if not self.started:
            return "waiting"
        return "paused" if self.paused else "playing"

    # -- the teams ---------------------------------------------------------------

    def answer(self, power: str, seq: object, choice: object, reason: object = None) -> None:
        """A team's answer to the pending decision; RoomError when it is not theirs to give.

        ``reason`` is the team's one line on why (optional; the table cleans it and keeps it
        in the save, for the worksheet and the class report).
        """
        if self.status != "playing":
            raise RoomError({"waiting": "The teacher has not started the game yet.",
                             "paused": "The game is paused.", "over": "The game is over."}[self.status])
        request = self.session.pending
        if request is None or request.power != power:
            raise RoomError("It is not your team's turn.")
        if seq != self.seq:
            raise RoomError("Your team has already answered this decision.")
        if request.kind == "standing":
            if not isinstance(choice, list) or not all(isinstance(i, int) and not isinstance(i, bool)
                                                       for i in choice):
                raise RoomError("A standing answer is a list of option numbers.")
        elif not isinstance(choice, int) or isinstance(choice, bool):
            raise RoomError("An answer is an option number.")
        if reason is not None and not isinstance(reason, str):
            raise RoomError("A reason is a line of text.")
        try:
            self.table.answer(power, choice, reason=reason or None)
        except TurnError as error:
            raise RoomError(f"That answer does not fit the card: {error}") from None
        self._advanced()
        self.changed()

    def _advanced(self) -> None:
        """A decision was taken: the next one gets a new number, the clock a new turn."""
        self.seq += 1
        if self.timer is not None:
            running = self.clock.running
            self.clock = Clock(self.timer, self.clock.now)
            if running:
                self.clock.start()
        if self.session.over:
            self._finish()

    def send_note(self, power: str, channel: object, text: object) -> None:
        """A note from a team on one of its channels; its effects are the scenario's."""
        if self.status not in ("playing", "paused"):
            raise RoomError("Notes can be sent only while the game is on.")
        if not isinstance(channel, str) or not isinstance(text, str):
            raise RoomError("A note needs a channel and a text.")
        try:
            self.session.send_note(channel, power, text)
        except ValueError as error:
            text = str(error)
            raise RoomError(text[:1].upper() + text[1:] + ".") from None
        self.changed()

    def why(self, power: str, variable: object) -> dict:
        """Why a number the team sees moved, as its observer tells it; RoomError for one it does not see."""
        why = seat.why_view(self.table, power, variable) if isinstance(variable, str) else None
        if why is None:
            raise RoomError("Your team does not know that number.")
        return why

    # -- the teacher -------------------------------------------------------------

    def command(self, name: object, group: object = None) -> None:
        """One of the teacher's controls: start, pause, resume, add_time, skip, reveal, hide, end.

        ``group`` (with start, optional) names the class or group playing.
        """
        actions = {"start": self.start, "pause": self.pause, "resume": self.resume, "add_time": self.add_time,
                   "skip": self.skip, "reveal": self.reveal, "hide": self.hide, "end": self.end}
        if not isinstance(name, str) or name not in actions:
            raise RoomError(f"unknown command {name!r}")
        if group is not None:
            if name != "start":
                raise RoomError("A group's name is given when the game starts.")
            self.set_group(group)
        actions[name]()
        self.changed()

    def set_group(self, name: object) -> str:
        """Name the group playing (before the first decision); returns the name as kept."""
        if not isinstance(name, str):
            raise RoomError("A group's name is a line of text.")
        try:
            return self.table.set_group(name)
        except TurnError:
            raise RoomError("The group's name is given before the first decision.") from None

    def start(self) -> None:
        """Start the lesson: the clock runs and the deciding team may answer."""
        if self.status == "over":
            raise RoomError("The game is over.")
        self.started = True
        self.paused = False
        self.clock.start()
        self.table.resume()

    def pause(self) -> None:
        """Stop the clock; no team may answer until resumed."""
        if self.status == "playing":
            self.paused = True
            self.clock.stop()
            self.table.pause()

    def resume(self) -> None:
        """Go on after a pause (or after a server restart)."""
        if self.status == "paused":
            self.paused = False
            self.clock.start()
            self.table.resume()

    def add_time(self) -> None:
        """Give the clock another minute."""
        self.clock.add(ADD_SECONDS)

    def skip(self) -> None:
        """Take what was done in history for the pending decision."""
        if self.session.pending is None or self.status == "over":
            raise RoomError("Nothing to skip.")
        self.table.skip()
        self._advanced()

    def reveal(self) -> None:
        """Show the whole state on the projector."""
        self.revealed = True

    def hide(self) -> None:
        """Take the whole state off the projector."""
        self.revealed = False

    def end(self) -> None:
        """End the game now: the rest of the year as in history, then the debrief."""
        if self.ended:
            return
        while self.table.request is not None:
            self.table.skip()
            self.seq += 1
        self._finish()

    def _finish(self) -> None:
        self.ended = True
        self.paused = False
        self.revealed = True
        self.clock.stop()

    # -- views -------------------------------------------------------------------

    def common(self) -> dict:
        """What every page shows about the lesson itself.

        Once the game is over, ``debrief`` is None until :meth:`make_debrief` has run
        (``debrief_pending`` says so): the server sends the ending at once and the debrief
        when it is written, so the replay it needs never holds up the other games' pages.
        """
        over = self.status == "over"
        return {"status": self.status, "clock": self.clock.to_json(), "seq": self.seq, "version": self.version,
                "debrief": self._debrief if over else None, "debrief_pending": over and self._debrief is None,
                "group": self.table.group}

    def make_debrief(self) -> dict:
        """The end of the game for the room: the debrief text and every note sent.

        Made once (it replays the historical twin, the slowest thing a room does): after the
        end the session no longer changes, and no note can be sent. Safe to call from a
        worker thread, since nothing changes the session of a finished game.
        """
        if self._debrief is None:
            lines = [line for line in debrief_lines(self.scenario, self.session) if line.strip("=")]
            self._debrief = {"lines": lines, "notes": seat.notes_view(self.scenario, self.session, None)}
        return self._debrief

    def debrief(self) -> dict | None:
        """The debrief once the game is over (made now if needed), else None."""
        return self.make_debrief() if self.status == "over" else None

    def team_view(self, power: str) -> dict:
        """One team's page (its observer's view; the card only while the game is on)."""
        view = seat.seat_view(self.table, power)
        view.update(self.common())
        if view["status"] in ("waiting", "over"):
            view["seat"]["request"] = None
        return view

    def projector_view(self) -> dict:
        """The projector's page (public information, or everything once revealed)."""
        view = seat.public_view(self.table, reveal=self.revealed)
        view.update(self.common())
        return view

    def console_view(self, connected: dict[str, int]) -> dict:
        """The teacher's console, with how many browsers each team has open."""
        view = seat.teacher_view(self.table)
        view.update(self.common())
        view["revealed"] = self.revealed
        view["teams"] = [dict(seat.team_style(self.scenario, power), browsers=connected.get(power, 0),
                              decided=self.decisions_of(power), deciding=power == self.deciding)
                         for power in self.session.humans]
        return view

    def decisions_of(self, power: str) -> int:
        """How many decisions a team has made itself (a month's standing policies count once)."""
        made = {(choice.turn, choice.kind, "" if choice.kind == "standing" else choice.id)
                for choice in self.table.observer(power).own_choices(taken_for_it=False)}
        return len(made)
