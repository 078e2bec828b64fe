"""Lesson mode: the year in at most fifteen decisions for the teams, and a turn timer.

A class has about thirty minutes to play. In lesson mode the teams decide only the key
cards (``lesson = true`` in the scenario) and set their standing policies at a few
checkpoints (``lesson_months`` of each power); everything else is taken as it was in
1943, recorded in the history like any choice (marked ``auto``) so that saves replay,
and listed for the next team as "Meanwhile, as in 1943: ...".

Standing policies between checkpoints follow history while the team's last choice did,
and stay as the team set them once it left history.

>>> from game.scenario import load_scenario
>>> from game.engine.session import Session
>>> scenario = load_scenario("scenarios/1943.toml")
>>> session = start_lesson(Session(scenario, seed=3, humans=("ussr",)))
>>> asked = 0
>>> while session.step() is not None:
...     asked += 1
...     session.keep_standing() if session.pending.kind == "standing" else session.choose(
...         session.pending.event.historical)
>>> asked <= LESSON_DECISIONS and session.over
True
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from game.engine.core import Request
from game.engine.session import Choice, Session
from game.scenario.model import Scenario

#: the most decisions the teams make in a lesson, all teams together
LESSON_DECISIONS = 15
#: decisions kept free for conditional key cards when extra cards are offered
EXTRA_RESERVE = 2


@dataclass(frozen=True)
class LessonSettings:
    """What a teacher sets for a lesson; the window reads the same numbers.

    ``timer_seconds`` is the time a team has for one decision (None: no timer). The
    minutes are the plan of a 45-minute lesson (docs/teachers.md).
    """

    decisions: int = LESSON_DECISIONS
    timer_seconds: float | None = None
    briefing_minutes: int = 6
    play_minutes: int = 30
    debrief_minutes: int = 9


@dataclass(frozen=True)
class PlannedDecision:
    """A decision the plan gives to a team: a standing checkpoint or a key card."""

    turn: int
    kind: str  # "standing" or "event"
    power: str
    id: str  # the power id for a checkpoint, the event id for a card
    conditional: bool = False


def lesson_plan(scenario: Scenario, humans: tuple[str, ...]) -> list[PlannedDecision]:
    """The decisions the teams playing ``humans`` are sure to be offered, in calendar order.

    Conditional key cards (a peace offer, a rupture) come on top when they fire and a
    decision is left in the budget; they are listed with ``conditional`` set and turn -1.
    """
    plan = []
    standing_powers = {policy.power for policy in scenario.policies}
    for power in scenario.powers:
        if power.id in humans and power.id in standing_powers:
            plan += [PlannedDecision(turn, "standing", power.id, power.id) for turn in power.lesson_turns]
    for event in scenario.events:
        if event.lesson and event.power in humans and event.is_decision:
            if event.turn is None:
                plan.append(PlannedDecision(-1, "event", event.power, event.id, conditional=True))
            else:
                plan.append(PlannedDecision(event.turn, "event", event.power, event.id))
    return sorted(plan, key=lambda item: (item.conditional, item.turn, item.kind != "standing"))


@dataclass
class Lesson:
    """The autopilot of lesson mode (set as ``session.lesson``): it takes every request
    that is not one of the teams' decisions, as it was done in 1943."""

    scenario: Scenario
    humans: tuple[str, ...]
    settings: LessonSettings = field(default_factory=LessonSettings)
    #: decisions offered to the teams so far
    asked: int = 0
    #: every choice taken as in history, in order (front ends keep their own place in it)
    log: list[Choice] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.plan = lesson_plan(self.scenario, self.humans)
        self._scheduled = [item for item in self.plan if not item.conditional]
        self._collected = 0

    @property
    def budget(self) -> int:
        """How many decisions the teams may be asked in all."""
        return self.settings.decisions

    def answer(self, session: Session, request: Request) -> int | list[int] | None:
        """None when the team decides; otherwise the historical answer."""
        if self.is_team_decision(request):
            self.asked += 1
            return None
        answer = historical_answer(self.scenario, session, request)
        if request.kind == "event":
            assert request.event is not None
            self.log.append(Choice(request.turn, "event", request.event.id,
                                         request.event.options[int(answer)].id, auto=True))  # type: ignore[arg-type]
        else:
            for policy, index, current in zip(request.policies, answer, request.current, strict=True):  # type: ignore[arg-type]
                if index != current:
                    self.log.append(Choice(request.turn, "standing", policy.id, policy.options[index].id,
                                           auto=True))
        return answer

    def is_team_decision(self, request: Request) -> bool:
        """True if a team decides this request (the plan, within the budget)."""
        if self.asked >= self.budget:
            return False
        if request.kind == "standing":
            return request.turn in self.scenario.power(request.power).lesson_turns
        event = request.event
        assert event is not None
        still_to_come = sum(1 for item in self._scheduled if item.turn > request.turn)
        if event.lesson_extra and event.turn is not None:
            # a card worth asking when few teams play: only if the key cards still fit,
            # with room kept for a peace offer or a crisis that may come
            return self.asked + still_to_come + EXTRA_RESERVE < self.budget
        if not event.lesson:
            return False
        if event.turn is not None:
            return True
        return self.asked + still_to_come < self.budget

    def take_meanwhile(self) -> list[Choice]:
        """The choices taken as in history since the last call (for "Meanwhile, as in 1943").

        Event cards are listed whatever was chosen; standing policies only where they changed.
        """
        taken = self.log[self._collected:]
        self._collected = len(self.log)
        return taken


def historical_answer(scenario: Scenario, session: Session, request: Request) -> int | list[int]:
    """What was done in 1943, as an answer to ``request``.

    A standing policy follows history while the team's choice at its last checkpoint
    did (or before any checkpoint); once the team left history its choice stands.
    """
    if request.kind == "event":
        return request.historical_answer()
    answer = []
    for policy, current in zip(request.policies, request.current, strict=True):
        last = _last_team_choice(session, policy.id)
        if last is None or policy.option_index(last.option) == policy.historical[last.turn]:
            answer.append(policy.historical[request.turn])
        else:
            answer.append(current)
    return answer


def _last_team_choice(session: Session, policy_id: str) -> Choice | None:
    for choice in reversed(session.history):
        if choice.kind == "standing" and choice.id == policy_id and not choice.auto:
            return choice
    return None


def start_lesson(session: Session, settings: LessonSettings | None = None) -> Session:
    """Put a session into lesson mode (a new one, or a loaded lesson save); returns it.

    For a session that has already been played, the decisions the teams made so far are
    counted against the budget.
    """
    lesson = Lesson(session.scenario, tuple(session.humans), settings or LessonSettings())
    lesson.asked = team_decisions(session)
    session.lesson = lesson
    return session


def team_decisions(session: Session) -> int:
    """How many decisions people made in a session: a month's standing policies count once."""
    groups = set()
    for choice in session.history:
        if choice.auto:
            continue
        if choice.kind == "standing":
            groups.add((choice.turn, "standing", session.scenario.policy(choice.id).power))
        else:
            groups.add((choice.turn, "event", choice.id))
    return len(groups)


def was_lesson(session: Session) -> bool:
    """True if a session (say, a loaded save) was played in lesson mode."""
    return any(choice.auto for choice in session.history)


class TurnTimer:
    """The time a team has for one decision; pausable. The clock is injectable for tests."""

    def __init__(self, seconds: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._started = clock()
        self._paused_at: float | None = None
        self._paused_total = 0.0

    def start(self) -> None:
        """Start a new turn's clock."""
        self._started = self.clock()
        self._paused_at = None
        self._paused_total = 0.0

    def pause(self) -> None:
        """Stop the clock (the teacher's "pause")."""
        if self._paused_at is None:
            self._paused_at = self.clock()

    def resume(self) -> None:
        """Start the clock again after a pause."""
        if self._paused_at is not None:
            self._paused_total += self.clock() - self._paused_at
            self._paused_at = None

    @property
    def paused(self) -> bool:
        """True while paused."""
        return self._paused_at is not None

    def elapsed(self) -> float:
        """Seconds of this turn so far, pauses left out."""
        now = self._paused_at if self._paused_at is not None else self.clock()
        return now - self._started - self._paused_total

    def remaining(self) -> float | None:
        """Seconds left (negative once over), or None without a timer."""
        return None if self.seconds is None else self.seconds - self.elapsed()

    def expired(self) -> bool:
        """True once the turn's time is up."""
        remaining = self.remaining()
        return remaining is not None and remaining <= 0


def clock_text(seconds: float) -> str:
    """Seconds as m:ss (negative values are shown as their size).

    >>> clock_text(95), clock_text(-4.2)
    ('1:35', '0:04')
    """
    whole = int(round(abs(seconds)))
    return f"{whole // 60}:{whole % 60:02d}"
