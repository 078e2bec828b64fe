"""A game in progress at a table of people: turns, hand-overs, the clock, saves, rewinds.

The :class:`Table` wraps a :class:`game.session.Session`. Front ends (the
terminal, the window, the browser classroom) drive it the same way:

    table = Table.new(scenario, seed=7, humans=("ussr", "germany"))
    while not table.over:
        if table.handover: ...show a blank hand-over screen...; table.handed_over()
        view = table.observer(table.waiting_for).view()   # what that seat may see
        ...render view, read an answer...
        table.answer(view.power, 2)                         # or keep(), skip()

Everything a seat may see is built by :class:`game.table.Observer`; the table only keeps
the bookkeeping every front end needs alike (where each seat last decided, the framing
notes each team has read, the outcome of its last decision).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.core import Request
from game.paths import saves_dir
from game.saves import autosave, default_save_path, load_game, save_game
from game.scenario.model import Ending, Scenario
from game.session import Choice, Session
from game.table.knowledge import Knowledge
from game.table.lesson import Lesson, LessonSettings, TurnTimer, historical_answer, start_lesson, was_lesson
from game.table.observer import Observer, PublicObserver
from game.table.view import SeatView

#: :attr:`Table.handover` at the end of a hot-seat game: every team may look now
EVERYONE_LOOKS = "*"


class TurnError(ValueError):
    """An answer came from a seat that is not asked, or does not fit the request."""


@dataclass
class SeatMark:
    """Where a seat stood when it last decided: the base of "since you last decided"."""

    turn: int  # -1: has not decided yet
    month: str  # YYYY-MM of that decision (the first month before any)
    fired: int  # events fired by then (log.fired)
    causes: int  # causes recorded by then (log.causes)
    history: int  # choices recorded by then (session.history)
    state: dict[str, float | None]  # the state as the seat knew it
    orders: dict[str, int]  # every standing policy's option in force


@dataclass
class LastAnswer:
    """A seat's last answer, kept to tell it what its decision did."""

    turn: int
    kind: str  # "standing" or "event"
    sources: tuple[str, ...]  # the policy ids, or the event id
    choices: list[Choice]
    causes_from: int
    outcomes_from: int
    reason: str = ""  # the seat's reason for it, as kept ("" when none was given)


@dataclass
class Branch:
    """A line of play abandoned by a rewind (kept for the timeline)."""

    number: int
    left_at: int
    reached: str
    choices: list[Choice]
    ending: str | None
    final_state: dict[str, float] = field(default_factory=dict)


class Table:
    """One game in progress, shared by every seat at the table. See the module docstring."""

    def __init__(self, session: Session, *, lesson: LessonSettings | None = None,
                 timer_seconds: float | None = None, autosave_dir: Path | None = None,
                 autosaving: bool = True, clock: Callable[[], float] = time.monotonic) -> None:
        self.session = session
        if lesson is not None and session.lesson is None:
            start_lesson(session, lesson)
        if timer_seconds is None and lesson is not None:
            timer_seconds = lesson.timer_seconds
        if timer_seconds is None:
            timer_seconds = session.timer_seconds  # a loaded class game keeps its clock
        session.timer_seconds = timer_seconds
        self.timer = TurnTimer(timer_seconds, clock)
        self.autosave_dir = autosave_dir
        self.autosaving = autosaving
        self.last_autosave: Path | None = None
        self.autosave_error = ""
        self.branches: list[Branch] = []
        self._reset()

    # -- building ---------------------------------------------------------------------

    @classmethod
    def new(cls, scenario: Scenario, seed: int | None = None, humans: Sequence[str] | None = None, *,
            params: dict[str, float] | None = None, lesson: LessonSettings | None = None,
            timer_seconds: float | None = None, autosave_dir: Path | None = None, autosaving: bool = True,
            clock: Callable[[], float] = time.monotonic, group: str | None = None) -> Table:
        """A new game; ``seed`` None draws one, ``humans`` None are the scenario's human powers.

        ``group`` is the name of the group playing (a class game), kept in the save.
        """
        if seed is None:
            seed = random.SystemRandom().randrange(1, 2**31)
        chosen = tuple(humans) if humans is not None else scenario.human_powers
        session = Session(scenario, seed=seed, humans=chosen, params=params, timer_seconds=timer_seconds)
        if group is not None:
            session.remarks.set_group(group)
        return cls(session, lesson=lesson, timer_seconds=timer_seconds, autosave_dir=autosave_dir,
                   autosaving=autosaving, clock=clock)

    @classmethod
    def load(cls, path: str | Path, scenario: Scenario, *, lesson: LessonSettings | None = None,
             timer_seconds: float | None = None, autosave_dir: Path | None = None, autosaving: bool = True,
             clock: Callable[[], float] = time.monotonic, report: Callable[[str], None] | None = None) -> Table:
        """A saved game; a lesson save goes on in lesson mode. Raises :class:`game.saves.SaveError`.

        ``report`` is told when the backup was read instead of a damaged file (a window's toast)."""
        session = load_game(path, scenario) if report is None else load_game(path, scenario, report=report)
        if timer_seconds is None:
            timer_seconds = session.timer_seconds
        if lesson is None and was_lesson(session):
            lesson = LessonSettings(timer_seconds=timer_seconds)
        if lesson is not None:
            start_lesson(session, lesson)
        return cls(session, lesson=lesson, timer_seconds=timer_seconds, autosave_dir=autosave_dir,
                   autosaving=autosaving, clock=clock)

    def _reset(self) -> None:
        """Start the seats' bookkeeping afresh (a new, loaded or rewound session)."""
        session = self.session
        self.seat: str | None = None
        self.handover: str | None = None
        self.framed: set[tuple[str | None, str]] = set()
        self.last: dict[str, LastAnswer] = {}
        self.saved_turn = session.turn
        #: the ended game has been autosaved (a loaded game that had ended needs no more)
        self.saved_ending = session.over
        self._clocked: Request | None = None
        self.answered_with: float | None = None
        knowledge = Knowledge.of(session)
        self.marks = {power: self._mark(power, knowledge, -1) for power in session.humans}
        self.advance()

    def _mark(self, power: str, knowledge: Knowledge, turn: int) -> SeatMark:
        session = self.session
        months = self.scenario.months
        return SeatMark(
            turn=turn, month=str(months[min(session.turn, len(months) - 1)]),
            fired=len(session.log.fired), causes=len(session.log.causes), history=len(session.history),
            state=knowledge.visible_state(power),
            orders={p.id: p.option_index(session.standing_choice(p.id)) for p in self.scenario.policies},
        )

    # -- reading ----------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        """The scenario being played."""
        return self.session.scenario

    @property
    def humans(self) -> tuple[str, ...]:
        """The powers people play, one seat each."""
        return tuple(self.session.humans)

    @property
    def hot_seat(self) -> bool:
        """True when several teams share one screen (hand-overs hide each team's view)."""
        return len(self.humans) > 1

    @property
    def lesson(self) -> Lesson | None:
        """The lesson autopilot in lesson mode."""
        lesson = self.session.lesson
        return lesson if isinstance(lesson, Lesson) else None

    @property
    def teacher(self) -> bool:
        """True when the teacher's commands (pause, reveal, skip) apply: lesson mode or a clock."""
        return self.lesson is not None or self.timer.seconds is not None

    @property
    def class_game(self) -> bool:
        """Several teams, lesson mode or a clock: rewinds (and the window's advisor) are off."""
        return self.hot_seat or self.teacher

    @property
    def request(self) -> Request | None:
        """What the engine waits for, or None at the end."""
        return self.session.pending

    @property
    def waiting_for(self) -> str | None:
        """The power whose seat must decide now (None at the end)."""
        request = self.session.pending
        return request.power if request is not None else None

    @property
    def over(self) -> bool:
        """True once an ending is reached."""
        return self.session.over

    @property
    def ending(self) -> Ending | None:
        """The ending reached, if any."""
        return self.session.ending

    @property
    def group(self) -> str:
        """The name of the group playing ("" when none was given); saved with the game."""
        return self.session.remarks.group

    def set_group(self, name: str | None) -> str:
        """Name the group playing (cleaned, see game.remarks); returns the name kept.

        Only before anyone has decided: the name heads the debrief and the class report of
        what the group did, so it is not changed under decisions already taken.
        """
        if self.anyone_decided:
            raise TurnError("the group's name is set before the first decision")
        return self.session.remarks.set_group(name or "")

    def reason(self, choice: int) -> str:
        """The reason given for the decision whose first choice is ``session.history[choice]``."""
        return self.session.remarks.reason_at(choice)

    def knowledge(self) -> Knowledge:
        """What every power knows now."""
        return Knowledge.of(self.session)

    def observer(self, power: str | None) -> Observer:
        """The observer of one seat (``power`` None: the teacher, who sees everything)."""
        return Observer(self, power)

    def view(self, power: str | None) -> SeatView:
        """Shorthand for ``observer(power).view()``."""
        return self.observer(power).view()

    def public(self) -> PublicObserver:
        """The observer of the room's screen: what every power knows (the projector)."""
        return PublicObserver(self)

    @property
    def anyone_decided(self) -> bool:
        """True once a seat has made a decision (lesson mode's own choices do not count)."""
        return any(not choice.auto for choice in self.session.history)

    @property
    def fresh(self) -> bool:
        """True before anything has been played: the first month, no choice recorded."""
        return self.session.turn == 0 and not self.session.history

    def reveal(self) -> SeatView:
        """The teacher's "reveal": the whole state, hidden numbers included."""
        if not self.teacher:
            raise TurnError("reveal is a teacher's command (lesson mode or a turn clock)")
        return self.view(None)

    # -- playing ----------------------------------------------------------------------

    def advance(self) -> Request | None:
        """Play on until a seat must decide; note a hand-over and start the clock."""
        request = self.session.step()
        self._autosave_if_new_month()
        if request is None:
            if self.hot_seat and self.seat is not None:
                self.handover = EVERYONE_LOOKS
            self.seat = None
            return None
        if request is not self._clocked:
            self._clocked = request
            self.timer.start()
        if request.power != self.seat:
            if self.hot_seat:
                self.handover = request.power
            self.seat = request.power
        return request

    def handed_over(self) -> None:
        """The front end showed the hand-over screen; the next team has the keyboard."""
        self.handover = None

    def answer(self, power: str, answer: int | Sequence[int], *, reason: str | None = None) -> None:
        """The seat of ``power`` answers: an option index, or one index per standing policy.

        ``reason`` is the seat's own reason for the decision (cleaned, kept in the save).
        """
        request = self.session.pending
        if request is None:
            raise TurnError("nothing is waiting for a decision")
        if power != request.power:
            raise TurnError(f"{power} is not asked; {request.power} is")
        knowledge = Knowledge.of(self.session)
        mark = self._mark(power, knowledge, request.turn)
        remaining = self.timer.remaining()
        # the framing notes this seat read in its "since you last decided" are now read
        self.framed |= {(power, item.framing) for item in self.observer(power).since() if item.framing}
        log = self.session.log
        causes_from, outcomes_from, history_from = len(log.causes), len(log.outcomes), len(self.session.history)
        try:
            self.session.choose(answer)
        except (ValueError, TypeError) as error:
            raise TurnError(str(error)) from None
        sources = tuple(p.id for p in request.policies) if request.kind == "standing" else (
            (request.event.id,) if request.event is not None else ())
        kept = self.session.remarks.add(history_from, power, reason) if reason else None
        self.last[power] = LastAnswer(request.turn, request.kind, sources,
                                      list(self.session.history[history_from:]),
                                      causes_from, outcomes_from, kept.text if kept else "")
        mark.history = len(self.session.history)
        self.marks[power] = mark
        #: seconds that were left on the clock when the last answer came (negative: late)
        self.answered_with = remaining
        self.advance()

    def keep(self, power: str, *, reason: str | None = None) -> None:
        """Answer a standing request by keeping every policy as it stands (``reason`` as in answer)."""
        request = self.session.pending
        if request is None or request.kind != "standing":
            raise TurnError("no standing request is waiting")
        self.answer(power, list(request.current), reason=reason)

    def skip(self) -> None:
        """The teacher moves on: the pending decision is taken as it was in history."""
        request = self.session.pending
        if request is None:
            raise TurnError("nothing is waiting for a decision")
        self.answer(request.power, historical_answer(self.scenario, self.session, request))

    def historical_answer(self) -> int | list[int]:
        """What was done in history, as an answer to the pending request."""
        request = self.session.pending
        if request is None:
            raise TurnError("nothing is waiting for a decision")
        return historical_answer(self.scenario, self.session, request)

    def pause(self) -> None:
        """Stop the turn clock (the teacher's "pause")."""
        self.timer.pause()

    def resume(self) -> None:
        """Start the turn clock again."""
        self.timer.resume()

    # -- saving and rewinding -------------------------------------------------------------

    def default_save_path(self) -> Path:
        """Where ``save`` writes without a name."""
        return default_save_path(self.session, self.autosave_dir or saves_dir())

    def save(self, path: str | Path | None = None) -> Path:
        """Save the game (to :meth:`default_save_path` without a path); raises OSError.

        The saves folder is made when needed; a folder a person named must exist.
        """
        if path is None:
            return save_game(self.session, self.default_save_path(), make_folder=True)
        return save_game(self.session, Path(path))

    def _autosave_if_new_month(self) -> None:
        """An autosave at each new month, and one more when the year ends (once).

        The ended game is kept too: its debrief can be opened or printed again later
        (``python -m game debrief SAVE``) and it goes into a class report. The title's
        Continue passes over saves with an ending.
        """
        if self.session.over:
            if self.saved_ending:
                return
            self.saved_ending = True
        elif self.session.turn == self.saved_turn:
            return
        self.saved_turn = self.session.turn
        if not self.autosaving:
            return
        try:
            self.last_autosave = autosave(self.session, self.autosave_dir or saves_dir())
            self.autosave_error = ""
        except OSError as error:
            self.autosave_error = f"Autosave failed: {error}"

    def rewind(self, turn: int) -> None:
        """Go back to the start of month ``turn`` and play on from there (not in a class game).

        The abandoned line is kept as a :class:`Branch`; the new session is the same seed
        replayed up to that month, so everything before it is exactly as it was.
        """
        if self.class_game:
            raise TurnError("a class game cannot be rewound")
        old = self.session
        if not 0 <= turn <= min(old.turn, len(self.scenario.months) - 1):
            raise TurnError(f"cannot rewind to month {turn}")
        self.branches.append(Branch(len(self.branches) + 1, turn, old.month, list(old.history),
                                    old.ending.title if old.ending else None, old.state))
        session = Session(self.scenario, seed=old.seed, humans=old.humans, params=old.params,
                          timer_seconds=old.timer_seconds, game_id=old.game_id)
        session.replay(old.history, until_turn=turn)
        session.remarks = old.remarks.up_to(len(session.history))
        self.session = session
        self._reset()
