"""The advisor: what each answer to the card on the table tends to do to the player's goals.

For the event card a session is waiting on, every open option is tried in a few hundred
rollouts: each starts from the state at the start of the month, replays the month with
the choices the player has already made in it and the option under test, then plays on
with a policy (history, by default) to the end of the calendar. For each option the
advisor reports

* the expected value at the end of each of the player's goals (the scenario's
  ``[presentation] main_variables`` and the variables ``good_when_high`` and
  ``good_when_low`` list for the deciding power), and how it differs from the comparison option (the choice made in
  history when it is open, else the average of the open options), with the margin of
  that difference (two standard errors over the runs);
* the share of runs reaching each ending, with its margin.

Every option meets the same luck. All options run in ONE batch, a block of rows per
option, and every random draw is made once per block and repeated for each block
(:class:`SameLuck`): run ``i`` of one option and run ``i`` of another see the same dice,
so their difference comes from the option, and the margin of a difference is the
paired standard error, much smaller than that of two independent counts. One batch also
means one pass of the engine's month loop for all options instead of one per option.
The streams are the advisor's own chunk of the game's seed, so the game's draws are
never touched and asking twice gives the same advice.

The advisor may simulate from the true state, but what it reports must not tell a seat
more than the seat knows: goals hidden from the deciding power now (the knowledge
rules of :mod:`game.table.knowledge`) are left out of the report and only counted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from game.engine.core import ASK, MonthContext, month_rng
from game.lab.branch import BranchPoint, Scripted, recorded_options, tile_batch
from game.policies import Policy, make_policy
from game.scenario.model import Event, Scenario
from game.session import Session
from game.table.knowledge import Knowledge

#: the advisor's random streams are chunk 2 of the game's seed (0 is the game itself,
#: 1 the policies that answer for a person), so rollouts never touch the game's draws
ADVISOR_STREAM = 2

#: runs per option: a share's margin (two standard errors) is at most 4.5 points, and a
#: difference between options, measured on the same luck, is usually far tighter (a few
#: tenths of a point on the 0-100 numbers); the engine's cost per month hardly depends on
#: the runs, but on a busy machine every copy of the arrays counts against the 150 ms
ADVISOR_RUNS = 500

#: a difference smaller than this (in the variable's units) reads as "no difference"
NEGLIGIBLE = 0.5

BETTER, WORSE, UP, DOWN, SAME, UNSURE = "better", "worse", "up", "down", "same", "unsure"


class SameLuck:
    """A random stream for ``blocks`` equal blocks of runs: each block gets the same draws.

    It answers the few calls the engine and the policies make (``random``, ``uniform``,
    ``normal``, ``integers``) with a size whose first dimension is the batch's runs: it
    draws for one block and repeats the draw for every block.
    """

    def __init__(self, rng: np.random.Generator, blocks: int) -> None:
        self.rng = rng
        self.blocks = blocks

    def _shape(self, size) -> tuple[int, ...]:
        shape = (size,) if isinstance(size, int | np.integer) else tuple(size)
        if shape[0] % self.blocks:
            raise ValueError(f"a draw of {shape[0]} is not {self.blocks} equal blocks")
        return (shape[0] // self.blocks, *shape[1:])

    def _repeat(self, one: np.ndarray) -> np.ndarray:
        out = np.empty((self.blocks * one.shape[0], *one.shape[1:]), dtype=one.dtype)
        out.reshape(self.blocks, *one.shape)[:] = one  # one copy per block, no Python loop
        return out

    def random(self, size=None):
        if size is None:
            return self.rng.random()
        return self._repeat(self.rng.random(self._shape(size)))

    def uniform(self, low=0.0, high=1.0, size=None):
        if size is None:
            return self.rng.uniform(low, high)
        return self._repeat(self.rng.uniform(low, high, self._shape(size)))

    def normal(self, loc=0.0, scale=1.0, size=None):
        if size is None:
            return self.rng.normal(loc, scale)
        return self._repeat(self.rng.normal(loc, scale, self._shape(size)))

    def integers(self, low, high=None, size=None, dtype=np.int64):
        if size is None:
            return self.rng.integers(low, high, dtype=dtype)
        return self._repeat(self.rng.integers(low, high, self._shape(size), dtype=dtype))


class Trial(Scripted):
    """The month's recorded choices, and on the card under test the option of each row's block."""

    def __init__(self, base: Policy, turn: int, choices: Mapping[tuple[str, str], int], event_id: str,
                 per_row: np.ndarray) -> None:
        super().__init__(base, turn, choices)
        self.event_id = event_id
        self.per_row = per_row

    def decide(self, context: MonthContext, event: Event, available: np.ndarray) -> np.ndarray:
        if context.turn != self.turn or event.id != self.event_id:
            return super().decide(context, event, available)
        wanted = self.per_row
        open_here = available[np.arange(available.shape[0]), wanted]
        if open_here.all():
            return wanted.copy()
        # chance closed the option in some runs (an earlier card went otherwise): history answers there
        chosen = np.asarray(self.base.decide(context, event, available), dtype=np.int16).copy()
        chosen[open_here] = wanted[open_here]
        return chosen


@dataclass(frozen=True)
class Goal:
    """One of the deciding power's goals: a variable, and whether high is good for the power."""

    var: str
    label: str
    #: True: higher is better for the power; False: lower is; None: a main number the scenario
    #: calls neither
    good_when_high: bool | None
    unit: str


@dataclass(frozen=True)
class GoalChange:
    """What one option does to one goal, over the advisor's runs."""

    goal: Goal
    now: float  # the value as the card is read
    expected: float  # the mean at the end of the runs
    spread: float  # the standard deviation at the end, over the runs (how much the futures differ)
    versus: float  # the mean difference at the end against the comparison option (same luck)
    margin: float  # two standard errors of ``versus``

    @property
    def change(self) -> float:
        """The expected change from now to the end."""
        return self.expected - self.now

    @property
    def verdict(self) -> str:
        """Against the comparison: better / worse for the power (up / down when the scenario
        calls the number neither), same, or unsure (the difference is within its margin)."""
        if abs(self.versus) < NEGLIGIBLE:
            return SAME
        if abs(self.versus) <= self.margin:
            return UNSURE
        if self.goal.good_when_high is None:
            return UP if self.versus > 0 else DOWN
        return BETTER if (self.versus > 0) == self.goal.good_when_high else WORSE


@dataclass(frozen=True)
class OptionAdvice:
    """One open option of the card: its goals and its endings."""

    index: int
    id: str
    label: str
    #: the option the others are compared with
    reference: bool
    goals: tuple[GoalChange, ...]
    #: ending id -> share of runs, and that share's margin (two standard errors)
    endings: dict[str, float]
    ending_margin: dict[str, float]

    def goal(self, var: str) -> GoalChange:
        """The change of one goal; KeyError if it is not reported."""
        for change in self.goals:
            if change.goal.var == var:
                return change
        raise KeyError(var)


@dataclass(frozen=True)
class Advice:
    """The advisor's answer for one card."""

    event: str
    power: str
    runs: int  # per option
    policy: str  # who plays on afterwards
    #: what the others are compared with: "history" (the 1943 option) or "average"
    compared_with: str
    options: tuple[OptionAdvice, ...]
    #: how many of the power's goals it cannot see now (left out of the report)
    hidden_goals: int

    def endings(self) -> dict[str, dict[str, float]]:
        """Option id -> ending id -> share (the advisor's older, endings-only answer)."""
        return {option.id: dict(option.endings) for option in self.options}

    @property
    def endings_alike(self) -> bool:
        """True when every option leads to the same endings, within their margins."""
        first = self.options[0]
        return all(abs(option.endings[e] - first.endings[e]) <= max(option.ending_margin[e],
                                                                     first.ending_margin[e], 0.01)
                   for option in self.options[1:] for e in first.endings)


def goals_of(scenario: Scenario, power: str) -> list[Goal]:
    """The power's goals: the main numbers, then what the scenario says is good for it when high."""
    presentation = scenario.presentation
    ids = list(dict.fromkeys([*presentation.main_variables, *presentation.good_for(power),
                              *presentation.good_low_for(power)]))
    goals = []
    for var in ids:
        variable = scenario.variables[scenario.column(var)]
        if variable.hidden:
            continue
        goals.append(Goal(var, variable.label, presentation.better_high(power, var), variable.unit))
    return goals


def compare(session: Session, runs: int = ADVISOR_RUNS, policy: str = "historical",
            progress: Callable[[float], None] | None = None) -> Advice:
    """Advise on the pending event card: every open option's goals and endings, on the same luck.

    ``progress`` is called with the share of the work done after each simulated month.
    Raises ValueError when no event card is waiting for an answer, and KeyError for an
    unknown policy name.
    """
    request = session.pending
    if request is None or request.kind != "event" or request.event is None:
        raise ValueError("the advisor needs an event card waiting for an answer")
    if runs < 2:
        raise ValueError("the advisor needs at least two runs per option")
    event = request.event
    scenario = session.scenario
    branch = BranchPoint.from_session(session)
    recorded = recorded_options(scenario, branch.choices)
    after: Policy = make_policy(policy, scenario)
    open_options = [index for index in range(len(event.options)) if request.available[index]]
    blocks = len(open_options)
    per_row = np.repeat(np.array(open_options, dtype=np.int16), runs)
    players = {}
    for power, player in session.policies.items():
        base = after if player is ASK else player
        players[power] = Trial(base, branch.turn, recorded, event.id, per_row)  # type: ignore[arg-type]
    batch = tile_batch(branch.state, branch.standing, branch.fired, branch.turn, runs * blocks)
    months = range(branch.turn, len(scenario.months))
    for done, turn in enumerate(months, start=1):
        luck = SameLuck(month_rng(session.seed, ADVISOR_STREAM, turn), blocks)
        session.engine.run_month(batch, players, luck)  # type: ignore[arg-type]
        if progress is not None:
            progress(done / len(months))

    knowledge = Knowledge.of(session)
    all_goals = goals_of(scenario, request.power)
    goals = [goal for goal in all_goals if knowledge.sees(request.power, goal.var)]
    now = session.state
    reference = event.historical if event.historical in open_options else None
    columns = [scenario.column(goal.var) for goal in goals]
    finals = batch.state[:, columns].reshape(blocks, runs, len(columns))  # (option, run, goal)
    if reference is not None:
        base = finals[open_options.index(reference)]
    else:
        base = finals.mean(axis=0)
    endings = batch.ending.reshape(blocks, runs)
    options = []
    # per option and goal, over the runs: the mean and spread at the end, and the paired difference
    expected, spread = finals.mean(axis=1), finals.std(axis=1, ddof=1)
    paired = finals - base
    versus, margin = paired.mean(axis=1), 2 * paired.std(axis=1, ddof=1) / np.sqrt(runs)
    for block, index in enumerate(open_options):
        option = event.options[index]
        changes = tuple(
            GoalChange(goal, now[goal.var], float(expected[block, g]), float(spread[block, g]),
                       float(versus[block, g]), float(margin[block, g]))
            for g, goal in enumerate(goals))
        counts = np.bincount(endings[block], minlength=len(scenario.endings))
        shares = {ending.id: float(counts[i] / runs) for i, ending in enumerate(scenario.endings)}
        margins = {key: float(2 * np.sqrt(share * (1 - share) / runs)) for key, share in shares.items()}
        options.append(OptionAdvice(index, option.id, option.label, index == reference, changes, shares, margins))
    return Advice(event.id, request.power, runs, policy, "history" if reference is not None else "average",
                  tuple(options), len(all_goals) - len(goals))


def advise(session: Session, runs: int = ADVISOR_RUNS, policy: str = "historical") -> dict[str, dict[str, float]]:
    """For each open option of the pending event: the share of rollouts reaching each ending.

    The endings part of :func:`compare`; raises as it does.
    """
    return compare(session, runs, policy).endings()
