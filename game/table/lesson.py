"""Lesson mode: the year in fifteen decisions shared by the teams, and a turn timer.

A class has about thirty minutes to play. In lesson mode the teams make a fixed number
of decisions (fifteen), shared evenly between the teams that play (five each for three
teams) and spread over the year in proportion to the minutes the lesson plan gives each
part of it (:data:`PLAY_BLOCKS`, the play phase of docs/teachers.md). Which decisions a
team gets is chosen from the scenario: its first standing orders, the key cards
(``lesson = true``), its checkpoints (``lesson_months``), the cards worth asking
(``lesson_extra``), then any other card or month. Everything else is taken as it was in
1943, recorded in the history like any choice (marked ``auto``) so that saves replay, and
listed for the next team as "Meanwhile, as in 1943: ...". A key card that comes only if
things come to it (a peace offer, a rupture) takes the place of the team's next
lower-priority decision.

Standing policies between checkpoints follow history while the team's last choice did,
and stay as the team set them once it left history.

>>> from game.scenario import load_scenario
>>> from game.session import Session
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
from game.scenario.model import Scenario
from game.session import Choice, Session

#: the decisions the teams make in a lesson, all teams together
LESSON_DECISIONS = 15
#: kept for callers of earlier versions: conditional key cards now replace a planned decision
EXTRA_RESERVE = 2
#: the play phase of the 45-minute plan: (name, share of the calendar's months, minutes)
PLAY_BLOCKS = (("winter and spring", 6 / 14, 10), ("summer", 4 / 14, 10), ("autumn", 4 / 14, 10))
#: how much a kind of decision is worth to a team (higher first)
FIRST_ORDERS, KEY_CARD, CHECKPOINT, EXTRA_CARD, OTHER_CARD, OTHER_MONTH = 6, 5, 4, 3, 2, 1


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
    #: how much it matters (see FIRST_ORDERS ... OTHER_MONTH); a conditional card replaces a lower one
    priority: int = 0


def block_of(scenario: Scenario, turn: int) -> int:
    """The index in :data:`PLAY_BLOCKS` of the block a turn falls in."""
    months = len(scenario.months)
    edge = 0.0
    for index, (_, share, _) in enumerate(PLAY_BLOCKS):
        edge += share * months
        if turn < round(edge):
            return index
    return len(PLAY_BLOCKS) - 1


def block_months(scenario: Scenario) -> list[tuple[str, str, str, int]]:
    """Each block of the play phase: (name, first month, last month, minutes)."""
    result = []
    for index, (name, _, minutes) in enumerate(PLAY_BLOCKS):
        turns = [turn for turn in range(len(scenario.months)) if block_of(scenario, turn) == index]
        if turns:
            result.append((name, str(scenario.months[turns[0]]), str(scenario.months[turns[-1]]), minutes))
    return result


def candidates(scenario: Scenario, power: str) -> list[PlannedDecision]:
    """Every decision the plan could give the team playing ``power``, with its priority."""
    found = []
    if any(policy.power == power for policy in scenario.policies):
        checkpoints = set(scenario.power(power).lesson_turns)
        for turn in range(len(scenario.months)):
            priority = FIRST_ORDERS if turn == 0 else CHECKPOINT if turn in checkpoints else OTHER_MONTH
            found.append(PlannedDecision(turn, "standing", power, power, priority=priority))
    for event in scenario.events:
        if event.power != power or not event.is_decision:
            continue
        if event.turn is None:
            if event.lesson:
                found.append(PlannedDecision(-1, "event", power, event.id, conditional=True, priority=KEY_CARD))
            continue
        priority = KEY_CARD if event.lesson else EXTRA_CARD if event.lesson_extra else OTHER_CARD
        if event.condition is not None and not event.lesson:
            priority -= 1  # it may not come at all
        if priority > 0:
            found.append(PlannedDecision(event.turn, "event", power, event.id, priority=priority))
    return found


def lesson_plan(scenario: Scenario, humans: tuple[str, ...],
                decisions: int = LESSON_DECISIONS) -> list[PlannedDecision]:
    """The decisions the teams playing ``humans`` are offered, in calendar order.

    ``decisions`` are shared evenly between the teams; each team's are spread over the
    blocks of :data:`PLAY_BLOCKS` in proportion to their minutes, and so are all the teams'
    together. Within a block the most important decision comes first (priority, then the
    month farthest from the team's other decisions). Conditional key cards are listed after
    the scheduled ones with ``conditional`` set and turn -1.
    """
    teams = [power.id for power in scenario.powers if power.id in humans]
    if not teams:
        return []
    blocks = len(PLAY_BLOCKS)
    minutes = [block[2] for block in PLAY_BLOCKS]
    share = [m / sum(minutes) for m in minutes]
    quota = {team: decisions // len(teams) + (1 if number < decisions % len(teams) else 0)
             for number, team in enumerate(teams)}
    pool = {team: [item for item in candidates(scenario, team) if not item.conditional] for team in teams}
    chosen: dict[str, list[PlannedDecision]] = {team: [] for team in teams}
    per_block = [0] * blocks
    while True:
        open_teams = [team for team in teams if len(chosen[team]) < quota[team] and pool[team]]
        if not open_teams:
            break
        team = max(open_teams, key=lambda t: (quota[t] - len(chosen[t]), -teams.index(t)))
        counts = [sum(1 for item in chosen[team] if block_of(scenario, item.turn) == b) for b in range(blocks)]
        made = sum(per_block)

        def need(b: int, team: str = team, counts: list[int] = counts, made: int = made) -> float:
            return (quota[team] * share[b] - counts[b]) + 1.5 * ((made + 1) * share[b] - per_block[b])

        available = [b for b in range(blocks) if any(block_of(scenario, i.turn) == b for i in pool[team])]
        block = max(available, key=lambda b: (need(b), -b))
        taken_turns = [item.turn for item in chosen[team]]
        options = [item for item in pool[team] if block_of(scenario, item.turn) == block]
        pick = max(options, key=lambda item: (item.priority,
                                              min((abs(item.turn - t) for t in taken_turns), default=99),
                                              -item.turn))
        pool[team].remove(pick)
        if any(item.kind == pick.kind and item.turn == pick.turn and item.id == pick.id for item in chosen[team]):
            continue
        chosen[team].append(pick)
        per_block[block] += 1
    plan = [item for team in teams for item in chosen[team]]
    plan += [item for team in teams for item in candidates(scenario, team) if item.conditional]
    return sorted(plan, key=lambda item: (item.conditional, item.turn, item.kind != "standing",
                                          teams.index(item.power)))


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
        self.plan = lesson_plan(self.scenario, self.humans, self.settings.decisions)
        self._scheduled = [item for item in self.plan if not item.conditional]
        self._keys = {(item.turn, item.kind, item.id) for item in self._scheduled}
        #: scheduled decisions given up for a conditional key card that came
        self._given_up: set[tuple[int, str, str]] = set()
        #: scheduled decisions the teams were asked, and stand-ins asked for cards that never came
        self._asked_keys: set[tuple[int, str, str]] = set()
        self._stand_ins: dict[str, int] = {}
        self._collected = 0

    @property
    def budget(self) -> int:
        """How many decisions the teams may be asked in all."""
        return self.settings.decisions

    def answer(self, session: Session, request: Request) -> int | list[int] | None:
        """None when the team decides; otherwise the historical answer."""
        if self.is_team_decision(request) or self._stand_in(request):
            self.asked += 1
            self._asked_keys.add(_key(request))
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
        """True if a team decides this request: it is in the plan (and not given up), or it is a
        conditional key card, which takes the place of the team's next lower-priority decision."""
        if self.asked >= self.budget:
            return False
        if request.kind == "standing":
            key = (request.turn, "standing", request.power)
            return key in self._keys and key not in self._given_up
        event = request.event
        assert event is not None
        key = (request.turn, "event", event.id)
        if event.turn is not None:
            return key in self._keys and key not in self._given_up
        if not event.lesson or event.power not in self.humans:
            return False
        later = [item for item in self._scheduled
                 if item.power == event.power and item.turn > request.turn and item.priority < KEY_CARD
                 and (item.turn, item.kind, item.id) not in self._given_up]
        if later:
            least = min(later, key=lambda item: (item.priority, -item.turn))
            self._given_up.add((least.turn, least.kind, least.id))
            return True
        still_to_come = sum(1 for item in self._scheduled if item.turn > request.turn
                            and (item.turn, item.kind, item.id) not in self._given_up)
        # planned decisions that did not come are owed to their teams as stand-ins: an extra
        # card must not take their place at the end of the year
        missed = sum(1 for item in self._scheduled if item.turn <= request.turn
                     and (item.turn, item.kind, item.id) not in self._asked_keys | self._given_up)
        owed = max(0, missed - sum(self._stand_ins.values()))
        return self.asked + still_to_come + owed < self.budget

    def _stand_in(self, request: Request) -> bool:
        """True if this request replaces a planned card of the same team that did not come
        (a summit that was never agreed, a battle a peace made unnecessary)."""
        power = request.power if request.kind == "standing" else (request.event.power if request.event else None)
        if power not in self.humans or self.asked >= self.budget:
            return False
        if request.kind == "event" and (request.event is None or not request.event.is_decision):
            return False
        missed = sum(1 for item in self._scheduled
                     if item.power == power and item.turn < request.turn
                     and (item.turn, item.kind, item.id) not in self._asked_keys | self._given_up)
        if missed <= self._stand_ins.get(power, 0):
            return False
        self._stand_ins[power] = self._stand_ins.get(power, 0) + 1
        return True

    def take_meanwhile(self) -> list[Choice]:
        """The choices taken as in history since the last call (for "Meanwhile, as in 1943").

        Event cards are listed whatever was chosen; standing policies only where they changed.
        """
        taken = self.log[self._collected:]
        self._collected = len(self.log)
        return taken


def _key(request: Request) -> tuple[int, str, str]:
    if request.kind == "standing":
        return (request.turn, "standing", request.power)
    assert request.event is not None
    return (request.turn, "event", request.event.id)


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
