"""A played game: one run of the engine, with people deciding for some powers.

The session is what the window and the terminal drive. It keeps the seed and the list
of choices, which is all a save needs: replaying them through the same engine gives
the same game to the bit. Rewinding is replaying a prefix of the choices.

It stands above both the engine and the policies: the engine knows players only
through its ``Player`` protocol, the policies use the engine's month context, and
this module is where the two meet (the computer powers get their default players
here), so neither package imports the other.

>>> from game.scenario import load_scenario
>>> session = Session(load_scenario("scenarios/1943.toml"), seed=7, humans=())
>>> session.play_to_end().id in {e.id for e in session.scenario.endings}
True
"""

from __future__ import annotations

import secrets
from collections.abc import Generator, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from game.engine.causes import CauseLog
from game.engine.core import (
    ASK,
    ONGOING,
    AskPerson,
    Engine,
    MonthContext,
    Player,
    Request,
    RequestKind,
    month_rng,
    state_hash,
)
from game.policies import ComputerPlayer, Historical
from game.remarks import Remarks
from game.scenario.model import Ending, Scenario


@dataclass(frozen=True)
class Choice:
    """One decision a person made: a standing policy or an event card, in a month."""

    turn: int
    kind: str  # a RequestKind: "standing" or "event"
    id: str  # the policy or event id
    option: str
    #: taken as in history by lesson mode, not by a person (saves mark it only when true)
    auto: bool = False

    def to_json(self) -> dict:
        """A plain dict for saves."""
        data: dict = {"turn": self.turn, "kind": str(self.kind), "id": self.id, "option": self.option}
        if self.auto:
            data["auto"] = True
        return data

    @classmethod
    def from_json(cls, data: Mapping) -> Choice:
        """Read a choice from a save; raise ValueError when a field is missing or wrong."""
        try:
            turn, kind, ident, option = data["turn"], data["kind"], data["id"], data["option"]
        except (KeyError, TypeError):
            raise ValueError(f"a choice needs turn, kind, id and option: {data!r}") from None
        if not isinstance(turn, int) or kind not in ("standing", "event") or not isinstance(ident, str) \
                or not isinstance(option, str):
            raise ValueError(f"malformed choice: {data!r}")
        auto = data.get("auto", False)
        if not isinstance(auto, bool):
            raise ValueError(f"malformed choice: {data!r}")
        return cls(turn, RequestKind(kind), ident, option, auto)


#: the longest note a team may send, in characters
NOTE_MAX_CHARS = 600


@dataclass(frozen=True)
class Note:
    """A note one team sent another on a scenario channel (``[[channels]]``).

    ``after`` is how many choices had been made when it was sent: a replay applies the
    note's effects at the same point of the game, so notes replay to the bit like choices.
    """

    turn: int
    channel: str
    sender: str
    after: int
    text: str

    def to_json(self) -> dict:
        """A plain dict for saves."""
        return {"turn": self.turn, "channel": self.channel, "sender": self.sender, "after": self.after,
                "text": self.text}

    @classmethod
    def from_json(cls, data: Mapping) -> Note:
        """Read a note from a save; raise ValueError when a field is missing or wrong."""
        try:
            turn, channel, sender, after, text = (data["turn"], data["channel"], data["sender"], data["after"],
                                                  data["text"])
        except (KeyError, TypeError):
            raise ValueError(f"a note needs turn, channel, sender, after and text: {data!r}") from None
        if not (isinstance(turn, int) and isinstance(after, int) and isinstance(channel, str)
                and isinstance(sender, str) and isinstance(text, str)) or len(text) > NOTE_MAX_CHARS:
            raise ValueError(f"malformed note: {data!r}")
        return cls(turn, channel, sender, after, text)


class Autopilot(Protocol):
    """Answers some of a session's requests itself (lesson mode: game.table.lesson).

    ``answer`` returns an option index (a list of them for standing policies) to take the
    request without asking anyone, or None to leave it to the person.
    """

    def answer(self, session: Session, request: Request) -> int | list[int] | None: ...


@dataclass
class MonthRecord:
    """What a finished month left behind: the state at its end, events, choices, causes."""

    turn: int
    month: str
    state: dict[str, float]
    events: list[str]
    choices: list[dict[str, str]]
    hash: str


@dataclass
class Session:
    """One game in progress. Call :meth:`step` until it returns a request or the end."""

    scenario: Scenario
    seed: int
    #: the powers people play (None: the scenario's ``human = true`` powers)
    humans: tuple[str, ...] = None  # type: ignore[assignment]
    params: Mapping[str, float] | None = None
    history: list[Choice] = field(default_factory=list)
    #: notes sent between teams, in the order sent (their effects are part of the game)
    notes: list[Note] = field(default_factory=list)
    months: list[MonthRecord] = field(default_factory=list)
    #: the turn clock a class game was started with, in seconds; saved so that a loaded
    #: lesson keeps its clock. The engine never reads it.
    timer_seconds: float | None = None
    #: lesson mode (or any autopilot): requests it answers never reach a person
    lesson: Autopilot | None = None
    #: which game this is, for the names of its saves (game.saves); never part of the state
    game_id: str = field(default_factory=lambda: secrets.token_hex(6))
    #: the group's name and the reasons it gave (game.remarks): saved, never part of the state
    remarks: Remarks = field(default_factory=Remarks)

    def __post_init__(self) -> None:
        if self.humans is None:
            self.humans = self.scenario.human_powers
        self.humans = tuple(self.humans)
        unknown = [power for power in self.humans if power not in {p.id for p in self.scenario.powers}]
        if unknown:
            raise ValueError(f"unknown power(s): {', '.join(unknown)}")
        self.engine = Engine(self.scenario, self.params)
        self.batch = self.engine.new_batch(1)
        self.log = CauseLog()
        self.pending: Request | None = None
        self._steps: Generator[Request, object, None] | None = None
        self._script: list[Choice] = []
        self._note_script: list[Note] = []
        self._offered: Request | None = None
        #: the batch as it stood when the current month began (for rollouts and rewinds)
        self.month_start_batch = self.batch.copy()
        self.policies: dict[str, Player | AskPerson] = {}
        for power in self.scenario.powers:
            if power.id in self.humans:
                self.policies[power.id] = ASK
            elif power.human:
                # a power people usually play, left to the computer, does what was done in history
                self.policies[power.id] = Historical()
            else:
                self.policies[power.id] = ComputerPlayer()

    # -- reading the game ---------------------------------------------------------

    @property
    def turn(self) -> int:
        """The month being played (0 is the first); equals the calendar length at the end."""
        return self.batch.turn

    @property
    def month(self) -> str:
        """The month being played, as YYYY-MM (the last month once the game is over)."""
        months = self.scenario.months
        return str(months[min(self.turn, len(months) - 1)])

    @property
    def state(self) -> dict[str, float]:
        """The current value of every variable."""
        return {v.id: float(self.batch.state[0, i]) for i, v in enumerate(self.scenario.variables)}

    @property
    def over(self) -> bool:
        """True once an ending has been reached."""
        return int(self.batch.ending[0]) != ONGOING

    @property
    def ending(self) -> Ending | None:
        """The ending reached, if any."""
        index = int(self.batch.ending[0])
        return None if index == ONGOING else self.scenario.endings[index]

    def standing_choice(self, policy_id: str) -> str:
        """The option of a standing policy in force now."""
        index = [p.id for p in self.scenario.policies].index(policy_id)
        policy = self.scenario.policies[index]
        return policy.options[int(self.batch.standing[0, index])].id

    # -- playing ------------------------------------------------------------------

    def step(self) -> Request | None:
        """Advance until a person must decide (returns the request) or the game ends (None).

        Choices queued by :meth:`replay` are answered automatically.
        """
        while not self.over and self.turn < len(self.scenario.months):
            if self.pending is not None:
                self._notes_from_script()
                if not self._answer_from_script() and not self._answer_by_autopilot():
                    return self.pending
                continue
            if self._steps is None:
                self._month_start = len(self.log.fired), len(self.log.choices)
                self.month_start_batch = self.batch.copy()
                self._steps = self.engine.month_steps(
                    self.batch, self.policies, month_rng(self.seed, 0, self.turn), self.log)
            try:
                self.pending = next(self._steps)
            except StopIteration:
                self._finish_month()
        return None

    def choose(self, answer: int | Iterable[int], auto: bool = False) -> None:
        """Answer the pending request: an option index, or for standing policies a list.

        ``auto`` marks the choice as taken by lesson mode rather than by a person.
        """
        request = self.pending
        if request is None or self._steps is None:
            raise RuntimeError("nothing to decide")
        if request.kind == "standing":
            if isinstance(answer, int):
                raise ValueError(f"expected one option index for each of {len(request.policies)} policies")
            indices = [int(i) for i in answer]
            if len(indices) != len(request.policies):
                raise ValueError(f"expected {len(request.policies)} choices")
            for policy, index in zip(request.policies, indices, strict=True):
                if not 0 <= index < len(policy.options):
                    raise ValueError(f"{policy.id} has no option {index}")
            for policy, index in zip(request.policies, indices, strict=True):
                self.history.append(Choice(request.turn, RequestKind.STANDING, policy.id, policy.options[index].id,
                                           auto))
            sent: object = indices
        else:
            assert request.event is not None
            if not isinstance(answer, int | np.integer):
                raise ValueError("expected one option index for an event")
            index = int(answer)
            if not 0 <= index < len(request.event.options) or not request.available[index]:
                raise ValueError(f"option {index} is not available")
            self.history.append(Choice(request.turn, RequestKind.EVENT, request.event.id,
                                       request.event.options[index].id, auto))
            sent = index
        self.pending = None
        try:
            self.pending = self._steps.send(sent)
        except StopIteration:
            self._finish_month()

    def send_note(self, channel_id: str, sender: str, text: str) -> Note:
        """Send a note on a channel while the game waits for a decision; apply its effects.

        Raises ValueError when the channel is unknown, the sender is not on it, the month's
        allowance of notes is used up, the text is empty or too long, or nothing is pending.
        The effects draw from their own stream (chunk 2 + the note's number), so a note
        changes no other random draw of the game.
        """
        try:
            channel = self.scenario.channel(channel_id)
        except KeyError:
            raise ValueError(f"no channel {channel_id!r}") from None
        if sender not in channel.powers:
            raise ValueError(f"{sender} cannot send notes {channel.label}")
        text = text.strip()
        if not text or len(text) > NOTE_MAX_CHARS:
            raise ValueError(f"a note has 1 to {NOTE_MAX_CHARS} characters")
        if self.pending is None or self.over:
            raise ValueError("notes can be sent only while the game is on")
        if self.notes_left(channel_id, sender) <= 0:
            raise ValueError(f"no more notes {channel.label} this month")
        note = Note(self.turn, channel.id, sender, len(self.history), text)
        self._apply_note(note)
        return note

    def notes_left(self, channel_id: str, sender: str) -> int:
        """How many more notes ``sender`` may send on a channel this month."""
        channel = self.scenario.channel(channel_id)
        sent = sum(1 for n in self.notes if n.turn == self.turn and n.channel == channel_id and n.sender == sender)
        return max(0, channel.per_month - sent)

    def _apply_note(self, note: Note) -> None:
        channel = self.scenario.channel(note.channel)
        rng = month_rng(self.seed, 2 + len(self.notes), note.turn)
        context = MonthContext(self.scenario, self.batch.state, self.engine.params, note.turn, rng, self.batch)
        sender = self.scenario.power(note.sender).name
        self.engine.apply_effects(self.batch.state, channel.effects, None, context, self.log, "note", channel.id,
                                  f"A note from {sender} {channel.label}")
        self.notes.append(note)

    def _notes_from_script(self) -> None:
        while self._note_script and self._note_script[0].after <= len(self.history):
            note = self._note_script.pop(0)
            if note.after != len(self.history) or note.turn != self.turn:
                raise ValueError(f"recorded note {note} does not fit the game at {self.month}")
            self._apply_note(note)

    def keep_standing(self) -> None:
        """Answer a standing request by keeping every policy as it is."""
        assert self.pending is not None and self.pending.kind == "standing"
        self.choose(self.pending.current)

    def play_to_end(self) -> Ending:
        """Play the rest of the game with every request answered as in history."""
        while (request := self.step()) is not None:
            self.choose(request.historical_answer())
        assert self.ending is not None
        return self.ending

    # -- replaying ------------------------------------------------------------------

    def replay(self, choices: Iterable[Choice], until_turn: int | None = None,
               notes: Iterable[Note] = ()) -> None:
        """Replay recorded choices from the start (the session must be new).

        With ``until_turn`` the replay stops at the start of that month, so the player
        can choose again from there. Raises ValueError when a choice does not fit the game
        (another scenario, or a tampered save).
        """
        if self.turn != 0 or self.history:
            raise RuntimeError("replay needs a new session")
        self._script = [c for c in choices if until_turn is None or c.turn < until_turn]
        self._note_script = [n for n in notes if until_turn is None or n.turn < until_turn]
        self.step()
        if self._note_script and not self._script and self.pending is not None:
            self._notes_from_script()  # notes sent after the last recorded choice
        if self._note_script:
            raise ValueError(f"{len(self._note_script)} recorded notes were never applied "
                             f"(the first: {self._note_script[0]})")
        if self._script:
            raise ValueError(f"{len(self._script)} recorded choices were never asked for "
                             f"(the first: {self._script[0]})")

    def _answer_from_script(self) -> bool:
        request = self.pending
        if not self._script or request is None:
            return False
        if request.kind == "standing":
            count = len(request.policies)
            wanted = self._script[:count]
            ids = [p.id for p in request.policies]
            if len(wanted) != count or [c.id for c in wanted] != ids or any(
                    c.turn != request.turn or c.kind != "standing" for c in wanted):
                raise ValueError(f"recorded choices {wanted} do not match the standing policies of "
                                 f"{self.month}")
            try:
                indices = [p.option_index(c.option) for p, c in zip(request.policies, wanted, strict=True)]
            except KeyError as error:
                raise ValueError(f"recorded option {error} does not exist") from None
            del self._script[:count]
            self.choose(indices, auto=all(c.auto for c in wanted))
            return True
        assert request.event is not None
        wanted_choice = self._script[0]
        if (wanted_choice.kind, wanted_choice.id, wanted_choice.turn) != ("event", request.event.id, request.turn):
            raise ValueError(f"recorded choice {wanted_choice} does not match the event "
                             f"{request.event.id} of {self.month}")
        try:
            index = request.event.option_index(wanted_choice.option)
        except KeyError:
            raise ValueError(f"recorded option {wanted_choice.option!r} does not exist") from None
        del self._script[0]
        self.choose(index, auto=wanted_choice.auto)
        return True

    def _answer_by_autopilot(self) -> bool:
        """Let the lesson autopilot take the pending request; each request is offered once."""
        request = self.pending
        if self.lesson is None or request is None or request is self._offered or self._script:
            return False
        self._offered = request
        answer = self.lesson.answer(self, request)
        if answer is None:
            return False
        self.choose(answer, auto=True)
        return True

    def _finish_month(self) -> None:
        self._steps = None
        self.pending = None
        turn = self.turn - 1
        fired_from, choices_from = self._month_start
        self.months.append(MonthRecord(
            turn=turn,
            month=str(self.scenario.months[turn]),
            state=self.state,
            events=[event for _, event in self.log.fired[fired_from:]],
            choices=[{"event": e, "option": o} for _, e, o in self.log.choices[choices_from:]],
            hash=state_hash(self.batch.state),
        ))


def policy_answer(session: Session, policy: Player) -> int | list[int]:
    """What ``policy`` would answer to the session's pending request (nothing is chosen yet).

    The policy draws from its own stream (chunk 1 of the seed) so that the game's own
    random draws are the same whether a person or a policy made the choices.
    """
    request = session.pending
    if request is None:
        raise RuntimeError("nothing to decide")
    rng = month_rng(session.seed, 1, request.turn)
    context = MonthContext(session.scenario, session.batch.state, session.engine.params,
                           request.turn, rng, session.batch)
    if request.kind == "standing":
        indices = [session.scenario.policies.index(p) for p in request.policies]
        return [int(policy.standing(context, p, i)[0]) for p, i in zip(request.policies, indices, strict=True)]
    assert request.event is not None
    available = np.array([request.available], dtype=bool)
    return int(policy.decide(context, request.event, available)[0])


def answer_with_policy(session: Session, policy: Player) -> None:
    """Answer the session's pending request as ``policy`` would, recording the choice."""
    session.choose(policy_answer(session, policy))


def play_with_policy(session: Session, policy: Player) -> Ending:
    """Play the session to its end with ``policy`` answering for every person."""
    while session.step() is not None:
        answer_with_policy(session, policy)
    assert session.ending is not None
    return session.ending
