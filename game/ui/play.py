"""The played game as the window sees it: what card to show next, rewinds and branches.

This module knows nothing of pygame, so it is tested like the engine. The window shows
one card at a time: news of events that fired without the player's decision, then the
request the session is waiting on (a standing-policy review or an event), and at the
end the ending. Cards advance only when the player acts.

Several teams can share the window (hot-seat). The team at the screen is the
:attr:`Play.viewer`, the power of the request being answered; when it changes,
:attr:`Play.pending_handover` asks the window to hide everything and pass the keyboard.
Each team reads the news since it last looked, and sees the state as its power knew
it (:meth:`Play.visible`). In lesson mode the news between two of a team's decisions
come as one "Meanwhile, as in 1943" card.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from game.classroom.lesson import Lesson, historical_answer
from game.classroom.teams import team_name
from game.classroom.visibility import visible_state
from game.engine.core import Request
from game.engine.session import Choice, Session
from game.paths import saves_dir
from game.saves import autosave
from game.scenario.model import Event, Scenario

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def month_name(month: str, short: bool = False) -> str:
    """``1943-04`` → ``April 1943`` (or ``Apr 1943``)."""
    year, number = month.split("-")[:2]
    name = MONTH_NAMES[int(number) - 1]
    return f"{name[:3] if short else name} {year}"


def format_date(date: str) -> str:
    """``1942-11-06`` → ``6 November 1942``; other text is returned as it is."""
    parts = date.split("-")
    if len(parts) == 3 and all(part.isdigit() for part in parts) and 1 <= int(parts[1]) <= 12:
        return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2 and all(part.isdigit() for part in parts) and 1 <= int(parts[1]) <= 12:
        return month_name(date)
    return date


#: :attr:`Play.pending_handover` at the end of a hot-seat game: every team may look now
EVERYONE = "*"


@dataclass(frozen=True)
class Meanwhile:
    """One line of a "Meanwhile, as in 1943" card: an event, or a standing order taken as in history."""

    date: str
    title: str
    outcome: str = ""
    framing: str = ""
    turn: int = 0  # for the calendar order: a month's standing orders come before its events
    standing: bool = False


@dataclass
class Card:
    """What the card area shows: ``news``, ``meanwhile``, ``event``, ``standing`` or ``end``."""

    kind: str
    event: Event | None = None
    request: Request | None = None
    decided_by: str = ""  # for news of another power's decision: "Germany chose: …"
    items: list[Meanwhile] = field(default_factory=list)  # the lines of a meanwhile card


@dataclass
class Branch:
    """A line of play the player abandoned by rewinding; kept for the timeline."""

    number: int
    left_at: int  # the turn the player rewound to
    reached: str  # the month the branch had reached
    choices: list[Choice]
    ending: str | None
    final_state: dict[str, float] = field(default_factory=dict)


class Play:
    """Drives a session for the window: the card queue, autosaves and rewinds."""

    def __init__(self, scenario: Scenario, session: Session, autosave_dir: Path | None = None,
                 autosaving: bool = True, timer_seconds: float | None = None) -> None:
        self.scenario = scenario
        self.session = session
        self.autosave_dir = autosave_dir
        self.autosaving = autosaving
        #: seconds a team has for a decision in a class game (None: no timer)
        self.timer_seconds = timer_seconds
        #: (team, framing note) pairs already shown in a "Meanwhile" card
        self.framed: set[tuple[str | None, str]] = set()
        self.queue: deque[Card] = deque()
        self.branches: list[Branch] = []
        self._reset_viewers()
        self.saved_turn = session.turn
        self.start_state = {v.id: float(v.start) for v in scenario.variables}
        self.last_autosave: Path | None = None
        self.autosave_error = ""
        self.refresh()

    # -- who is looking --------------------------------------------------------------

    def _reset_viewers(self) -> None:
        session = self.session
        #: the power whose team is at the screen (None: everyone, once the year is over)
        self.viewer: str | None = None
        #: the team that must take the keyboard before the next card shows (EVERYONE at the end)
        self.pending_handover: str | None = None
        self.last_viewer: str | None = None
        fired = len(session.log.fired)
        taken = len(self.lesson.log) if self.lesson else 0
        self.seen_fired = {power: fired for power in session.humans}
        self.seen_taken = {power: taken for power in session.humans}
        self.shown_fired = fired

    @property
    def lesson(self) -> Lesson | None:
        """The lesson autopilot when the game is played in lesson mode."""
        lesson = self.session.lesson
        return lesson if isinstance(lesson, Lesson) else None

    @property
    def hot_seat(self) -> bool:
        """True when more than one team shares the window."""
        return len(self.session.humans) > 1

    @property
    def class_game(self) -> bool:
        """A game for a class: several teams, lesson mode or a turn timer. Rewinds and the advisor are off."""
        return self.hot_seat or self.lesson is not None or self.timer_seconds is not None

    @property
    def teacher(self) -> bool:
        """True when the teacher's commands apply (lesson mode, or a turn timer)."""
        return self.lesson is not None or self.timer_seconds is not None

    def team(self, power: str | None = None) -> str:
        """``the German team``; the viewer's team by default."""
        power = power or self.viewer
        return team_name(self.scenario, power) if power else "every team"

    def visible(self) -> dict[str, float | None]:
        """The state as the team at the screen knows it (None where a value is hidden)."""
        return visible_state(self.scenario, self.session, self.viewer)

    def handed_over(self) -> None:
        """The window showed the hand-over screen and the next team has the keyboard."""
        self.pending_handover = None

    # -- what to show ----------------------------------------------------------------

    @property
    def card(self) -> Card:
        """The card the player is looking at."""
        self.refresh()
        return self.queue[0]

    def refresh(self) -> None:
        """Fill the queue from the session when the player has read everything."""
        if self.queue:
            return
        request = self.session.step()
        self._autosave_if_new_month()
        pending_event = request.event.id if request is not None and request.kind == "event" else None
        self._turn_to(request.power if request is not None else None)
        self._queue_news(pending_event)
        if request is None:
            self.queue.append(Card("end"))
        else:
            self.queue.append(Card(request.kind, event=request.event, request=request))

    def _turn_to(self, power: str | None) -> None:
        """The team of ``power`` decides next (None: the year is over and everyone looks)."""
        if power is None:
            if self.viewer is not None:
                self.last_viewer = self.viewer
                if self.hot_seat:
                    self.pending_handover = EVERYONE
            self.viewer = None
            return
        if power != self.viewer:
            if self.hot_seat:
                self.pending_handover = power
            self.last_viewer = self.viewer or power
            self.viewer = power

    def _queue_news(self, pending_event: str | None) -> None:
        fired = self.session.log.fired
        reader = self.viewer or self.last_viewer
        start = self.seen_fired.get(reader, self.shown_fired) if reader else self.shown_fired
        news = fired[start:]
        if pending_event is not None and news and news[-1][1] == pending_event:
            news = news[:-1]
        if self.lesson is not None:
            items = [self._meanwhile_item(self.scenario.event(event_id), turn, reader) for turn, event_id in news]
            items += self._standing_taken(reader)
            items.sort(key=lambda item: (item.turn, not item.standing))
            if items:
                self.queue.append(Card("meanwhile", items=items))
        else:
            for turn, event_id in news:
                event = self.scenario.event(event_id)
                self.queue.append(Card("news", event=event, decided_by=self._decided_by(event, turn)))
        self.shown_fired = len(fired)
        if reader:
            self.seen_fired[reader] = len(fired)
        if self.viewer is None:  # the end: every team has seen everything
            self.seen_fired = dict.fromkeys(self.seen_fired, len(fired))

    def _decided_by(self, event: Event, turn: int) -> str:
        """What was chosen on a card, as far as the team at the screen may know it.

        The classroom's rule: decisions taken as in 1943 and the computer's decisions are
        public; another team's decision is not (nor the team's own, which it knows).
        """
        if not event.is_decision:
            return ""
        taken = [o for t, e, o in self.session.log.choices if e == event.id and t == turn]
        if not taken:
            return ""
        option = event.options[event.option_index(taken[-1])]
        power = self.scenario.power(event.power or "").name
        if self._auto_taken(turn, event.id):
            return f"{power}, as in 1943: {option.label}"
        if event.power not in self.session.humans:
            return f"{power} chose: {option.label}"
        return ""

    def _auto_taken(self, turn: int, event_id: str) -> bool:
        lesson = self.lesson
        return lesson is not None and any(c.kind == "event" and c.id == event_id and c.turn == turn
                                          for c in lesson.log)

    def _meanwhile_item(self, event: Event, turn: int, reader: str | None) -> Meanwhile:
        date = format_date(event.date) if event.date else month_name(str(self.scenario.months[turn]))
        # each team reads a framing note once; the lesson's short list should stay short
        framing = "" if (reader, event.framing) in self.framed else event.framing
        if framing:
            self.framed.add((reader, framing))
        return Meanwhile(date, event.title, self._decided_by(event, turn), framing, turn)

    def _standing_taken(self, power: str | None) -> list[Meanwhile]:
        """The team's standing orders that lesson mode changed as they were changed in 1943."""
        lesson = self.lesson
        if lesson is None or power is None:
            return []
        new = lesson.log[self.seen_taken.get(power, 0):]
        self.seen_taken[power] = len(lesson.log)
        items = []
        for choice in new:
            if choice.kind != "standing":
                continue
            policy = self.scenario.policy(choice.id)
            if policy.power == power:
                option = policy.options[policy.option_index(choice.option)]
                items.append(Meanwhile(month_name(str(self.scenario.months[choice.turn])),
                                       f"{policy.label}: {option.label}", "your standing order, as in 1943",
                                       turn=choice.turn, standing=True))
        return items

    # -- acting ----------------------------------------------------------------------

    def dismiss(self) -> None:
        """The player has read a news (or meanwhile) card."""
        if self.queue and self.queue[0].kind in ("news", "meanwhile"):
            self.queue.popleft()
        self.refresh()

    def choose_event(self, index: int) -> None:
        """Answer the pending event card with an option index."""
        self._answer(index, ("event",), "no event is waiting for a decision")

    def choose_standing(self, indices: list[int]) -> None:
        """Confirm the standing policies for the month."""
        self._answer(indices, ("standing",), "no standing review is waiting")

    def skip(self) -> None:
        """The teacher moves on: the pending decision is taken as it was in 1943."""
        card = self.card
        if card.kind not in ("event", "standing") or card.request is None:
            raise RuntimeError("no decision is waiting")
        self._answer(historical_answer(self.scenario, self.session, card.request), ("event", "standing"), "")

    def _answer(self, answer: int | list[int], kinds: tuple[str, ...], refusal: str) -> None:
        """Send an answer for the card on top, then move on (autosaving when a month ends)."""
        if self.card.kind not in kinds:
            raise RuntimeError(refusal)
        self.session.choose(answer)
        self.queue.popleft()
        self._autosave_if_new_month()
        self.refresh()

    def available_options(self) -> list[int]:
        """Indices of the options the player may take on the current event card."""
        card = self.card
        if card.kind != "event" or card.request is None or card.event is None:
            return []
        return [i for i in range(len(card.event.options)) if card.request.available[i]]

    def _autosave_if_new_month(self) -> None:
        if self.session.turn == self.saved_turn:
            return
        self.saved_turn = self.session.turn
        if not self.autosaving or self.session.over:
            return
        try:
            self.last_autosave = autosave(self.session, self.autosave_dir or saves_dir())
            self.autosave_error = ""
        except OSError as error:
            self.autosave_error = f"Autosave failed: {error}"

    # -- rewinding -------------------------------------------------------------------

    def rewind(self, turn: int) -> None:
        """Go back to the start of month ``turn`` and play on from there.

        The current line is kept as an abandoned :class:`Branch`. The new session is the
        same seed replayed up to that month, so everything before it is exactly as it was.
        """
        old = self.session
        if not 0 <= turn <= min(old.turn, len(self.scenario.months) - 1):
            raise ValueError(f"cannot rewind to month {turn}")
        self.branches.append(Branch(
            number=len(self.branches) + 1, left_at=turn, reached=old.month,
            choices=list(old.history), ending=old.ending.title if old.ending else None,
            final_state=old.state))
        session = Session(self.scenario, seed=old.seed, humans=old.humans, params=old.params, game_id=old.game_id)
        session.replay(old.history, until_turn=turn)
        self.session = session
        self.queue.clear()
        self._reset_viewers()
        self.saved_turn = session.turn
        self.refresh()

    # -- reading ---------------------------------------------------------------------

    def previous_state(self) -> dict[str, float]:
        """The state at the start of the last finished month, for trends."""
        months = self.session.months
        if len(months) >= 2:
            return months[-2].state
        return self.start_state

    def trend(self, var: str) -> float:
        """How much a variable moved in the last finished month (0 before the first ends)."""
        months = self.session.months
        if not months:
            return 0.0
        return months[-1].state[var] - self.previous_state()[var]

    def last_change(self, var: str) -> tuple[str, list[tuple[str, float]]]:
        """The month a variable last changed and its biggest causes then."""
        causes = self.session.log.why(var)
        if not causes:
            return "", []
        turn = causes[-1].turn
        merged: dict[str, float] = {}
        for cause in causes:
            if cause.turn == turn:
                merged[cause.label] = merged.get(cause.label, 0.0) + cause.amount
        ranked = sorted(merged.items(), key=lambda item: -abs(item[1]))
        return str(self.scenario.months[turn]), ranked

    def series(self, var: str) -> list[float]:
        """The variable at the start and at the end of every finished month."""
        return [self.start_state[var]] + [record.state[var] for record in self.session.months]
