"""The engine: one monthly step for a whole batch of runs.

A batch is a numpy array of shape (runs, variables). A played game is a batch of one;
the lab runs a hundred thousand at once. Both go through :meth:`Engine.month_steps`,
so the window, the terminal and the lab can never disagree about the rules.

The month is a generator. Where a power played by a person must decide, it yields a
:class:`Request` and waits for the answer to be sent in; batches played by computer
policies never yield, and :meth:`Engine.run_month` drains them.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

import numpy as np

from game.engine.causes import CauseKind, CauseLog
from game.scenario.expressions import Columns, Expression
from game.scenario.model import Branch, Change, Effect, Event, Option, Scenario, StandingPolicy

ONGOING = -1

#: a mask with fewer than one run in this many set is "sparse" (see :func:`_copy_where`)
SPARSE_MASK = 16

#: A mask of runs: a boolean array, or None for "every run of the batch". Most of a month
#: applies to every run (all games are still going), and None lets the engine write whole
#: columns instead of building and combining arrays of True.
Mask = np.ndarray | None


@dataclass
class Batch:
    """Where a batch of games stands: state, endings, standing choices and fired events."""

    state: np.ndarray  # (runs, variables) float64
    ending: np.ndarray  # (runs,) int16, ONGOING or the index of the ending reached
    ending_turn: np.ndarray  # (runs,) int16, the turn the ending was reached in
    standing: np.ndarray  # (runs, policies) int16, option in force for each standing policy
    fired: np.ndarray  # (runs, events) bool, events that have fired at least once
    turn: int = 0
    #: the columns as the engine left them after the last month (see :func:`state_columns`)
    known: Columns | None = field(default=None, repr=False, compare=False)

    @property
    def runs(self) -> int:
        """How many games the batch holds."""
        return self.state.shape[0]

    @property
    def active(self) -> np.ndarray:
        """Runs that have not ended yet."""
        return self.ending == ONGOING

    def copy(self) -> Batch:
        """An independent copy, for branching a game."""
        return Batch(self.state.copy(order="K"), self.ending.copy(), self.ending_turn.copy(),
                     self.standing.copy(order="K"), self.fired.copy(order="K"), self.turn)


class RequestKind(StrEnum):
    """What a request asks for. A StrEnum: equal to its text, and saved as it."""

    STANDING = "standing"
    EVENT = "event"


@dataclass
class StandingRequest:
    """A standing request: set the standing policies of ``power`` for the month.

    Answer with a list of option indices, one per policy in ``policies``.
    """

    power: str
    turn: int
    policies: tuple[StandingPolicy, ...]
    current: tuple[int, ...]

    kind = RequestKind.STANDING
    #: not an event request: kept so that code written for one request class still reads it
    event: None = None
    available: tuple[bool, ...] = ()

    def historical_answer(self) -> list[int]:
        """What was done in history: each policy's historical option this month."""
        return [policy.historical[self.turn] for policy in self.policies]


@dataclass
class EventRequest:
    """An event request: decide ``event``; answer with the index of an available option."""

    power: str
    turn: int
    event: Event
    available: tuple[bool, ...]

    kind = RequestKind.EVENT
    #: not a standing request: kept so that code written for one request class still reads it
    policies: tuple[StandingPolicy, ...] = ()
    current: tuple[int, ...] = ()

    def historical_answer(self) -> int:
        """What was done in history: the historical option, or the first available one."""
        choice = self.event.historical
        if choice is None or not self.available[choice]:
            choice = next(i for i, available in enumerate(self.available) if available)
        return choice


#: a decision the engine needs from a person
Request = StandingRequest | EventRequest


@dataclass
class MonthContext:
    """What a policy may look at when it decides."""

    scenario: Scenario
    state: np.ndarray
    params: Mapping[str, float]
    turn: int
    rng: np.random.Generator
    batch: Batch = field(repr=False, default=None)  # type: ignore[assignment]
    #: the state's columns as the engine keeps them this month (:func:`state_columns`), or
    #: None outside the engine's month: expressions then read the state itself
    columns: Columns | None = field(repr=False, default=None)


class Player(Protocol):
    """Who decides for a power in every run of a batch (the policies of game.policies).

    The engine knows players only through this protocol, so it never imports a policy.
    """

    def standing(self, context: MonthContext, policy: StandingPolicy, index: int) -> np.ndarray:
        """The option index of ``policy`` in force for each run this month."""
        ...

    def decide(self, context: MonthContext, event: Event, available: np.ndarray) -> np.ndarray:
        """The option index taken on ``event`` for each run; ``available`` is (runs, options) booleans."""
        ...


class AskPerson:
    """The player of a power played by a person: the engine yields a Request instead."""

    name = "person"


ASK = AskPerson()


def month_rng(seed: int, chunk: int, turn: int) -> np.random.Generator:
    """The random stream for one month of one chunk of one game or lab run.

    Each month has its own stream spawned from the seed, so a month draws the same
    numbers however earlier months went, and replays are exact.
    """
    sequence = np.random.SeedSequence(entropy=seed, spawn_key=(chunk, turn))
    return np.random.Generator(np.random.PCG64(sequence))


def skip_uniform(rng: np.random.Generator, count: int) -> None:
    """Move ``rng`` past ``count`` uniform numbers, as ``rng.random(count)`` would, without making them.

    The engine draws for every run whether or not any run uses the numbers, so that the
    stream stays aligned; when none does, PCG64 jumps ahead instead of generating. Each
    uniform number (``random``, ``uniform``) takes one 64-bit step, so the state after the
    jump is the very state the draws would leave. A jump forgets a half-used 32-bit word,
    so with one pending (after some integer draws) the numbers are drawn after all.
    """
    # a stand-in stream (the advisor's same-luck blocks) has no bit generator: it draws
    generator = getattr(rng, "bit_generator", None)
    if type(generator) is np.random.PCG64 and not generator.state["has_uint32"]:
        generator.advance(count)
    else:
        rng.random(count)


def state_columns(state: np.ndarray, known: Columns | None = None) -> Columns:
    """The columns of ``state`` for expressions, a column the same in every run as that number.

    Found by the bits (an int64 view), so a column holding 0.0 in some runs and -0.0 in
    others, or NaNs of different payloads, counts as varying. A batch of one run is one
    number per column. ``known`` is what the engine left after the previous month: only
    the columns it had as one number are checked (one comparison each, instead of a
    minimum and a maximum of every column), and the rest count as varying. So whatever
    wrote to the state since, the answer is never wrong, at worst slower.
    """
    runs = state.shape[0]
    view = state.T
    if runs == 1:
        return Columns([state[0, column] for column in range(state.shape[1])], runs)
    if runs == 0 or state.shape[1] == 0:
        return Columns(list(view), runs)
    if known is None or len(known) != state.shape[1] or known.runs != runs:
        bits = state.view(np.int64)
        same = (bits.min(axis=0) == bits.max(axis=0)).tolist()
        return Columns([state[0, column] if alike else view[column] for column, alike in enumerate(same)], runs)
    items: list = list(view)
    for column, held in enumerate(known):
        if isinstance(held, float):
            value = np.float64(held)
            if np.equal(view[column].view(np.int64), value.view(np.int64)).all():
                items[column] = value
    return Columns(items, runs)


def _evaluate(expression: Expression, state: np.ndarray, params: Mapping[str, float], turn: int,
              columns: Columns | None) -> np.ndarray | float:
    if columns is None:
        return expression.evaluate(state, params, turn)
    return expression.evaluate_columns(columns, params, turn)


def run_values(expression: Expression, state: np.ndarray, params: Mapping[str, float],
               turn: int, columns: Columns | None = None) -> float | np.ndarray:
    """Evaluate an amount for every run: a float when it is the same for all, else (runs,) floats.

    Same numbers as :meth:`Expression.evaluate_runs` (NaN and infinities become 0), but a
    constant stays a Python float instead of being broadcast and scanned, and the
    non-finite scan is one summation that only falls back to ``nan_to_num`` when needed.
    With ``columns`` (the engine's, :func:`state_columns`) a float also comes where every
    column the expression reads is the same in every run: it stands for a column of it.
    """
    value = _evaluate(expression, state, params, turn, columns)
    if isinstance(value, float):
        return value if math.isfinite(value) else 0.0
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        number = float(array)
        return number if math.isfinite(number) else 0.0
    if array.shape != (state.shape[0],) or array.base is not None:
        array = np.broadcast_to(array, (state.shape[0],))  # a view (of the state, say) stays read-only
    if not math.isfinite(np.add.reduce(array)):
        array = np.nan_to_num(array, nan=0.0, posinf=0.0, neginf=0.0)
    return array


def run_holds(expression: Expression, state: np.ndarray, params: Mapping[str, float],
              turn: int, columns: Columns | None = None) -> bool | np.ndarray:
    """Evaluate a condition: a bool when it is the same for all runs, else (runs,) booleans."""
    value = _evaluate(expression, state, params, turn, columns)
    if isinstance(value, float | bool | int):
        return bool(value)
    array = np.asarray(value)
    if array.ndim == 0:
        return bool(array)
    array = array.astype(bool, copy=False)
    return array if array.shape == (state.shape[0],) else np.broadcast_to(array, (state.shape[0],))


def restrict(mask: Mask, condition: bool | np.ndarray, runs: int) -> Mask:
    """The runs in ``mask`` for which ``condition`` holds (a new array, never an alias)."""
    if condition is True:
        return mask
    if condition is False:
        return np.zeros(runs, dtype=bool)
    if mask is None:
        return np.array(condition, dtype=bool)
    return mask & condition


def state_hash(state: np.ndarray) -> str:
    """A short hash of a state, stored in saves to find where two replays diverge."""
    return hashlib.sha256(np.ascontiguousarray(state, dtype=np.float64).tobytes()).hexdigest()[:16]


class Engine:
    """Plays a scenario, month by month, for any number of runs at once."""

    def __init__(self, scenario: Scenario, params: Mapping[str, float] | None = None) -> None:
        self.scenario = scenario
        self.params: dict[str, float] = scenario.param_values()
        for name, value in (params or {}).items():
            if name not in self.params:
                raise KeyError(f"unknown parameter {name!r}")
            self.params[name] = float(value)
        self.low = np.array([v.min for v in scenario.variables])
        self.high = np.array([v.max for v in scenario.variables])
        # plain floats: the hot path clamps with them thousands of times a month
        self._bounds = [(float(v.min), float(v.max)) for v in scenario.variables]
        self.event_index = {event.id: index for index, event in enumerate(scenario.events)}
        self.dated: list[list[Event]] = [[] for _ in scenario.months]
        for event in scenario.events:
            if event.turn is not None:
                self.dated[event.turn].append(event)
        for events in self.dated:
            events.sort(key=lambda event: event.day)  # stable: file order within a day
        self.conditional = [event for event in scenario.events if event.turn is None]
        self.last_turn = len(scenario.months) - 1
        self._scratch_column: np.ndarray | None = None
        self._by_power: dict[str, list[int]] = {}
        for index, policy in enumerate(scenario.policies):
            self._by_power.setdefault(policy.power, []).append(index)

    def _scratch(self, runs: int) -> np.ndarray:
        """A float64 column of ``runs`` kept for intermediate results (numpy's temporaries of
        this size are costly to allocate: the allocator hands them back to the system)."""
        column = self._scratch_column
        if column is None or column.shape[0] != runs:
            column = self._scratch_column = np.empty(runs)
        return column

    # -- batches -----------------------------------------------------------------

    def new_batch(self, runs: int, start: Mapping[str, float] | None = None) -> Batch:
        """A fresh batch at the start of the first month, optionally with other start values.

        The arrays are column-major: the engine reads and writes one variable (one column)
        of every run at a time, and contiguous columns make that several times faster.
        """
        values = np.array([v.start for v in self.scenario.variables], dtype=np.float64)
        for name, value in (start or {}).items():
            column = self.scenario.column(name)
            values[column] = min(max(float(value), self.low[column]), self.high[column])
        state = np.empty((runs, len(values)), dtype=np.float64, order="F")
        for column, value in enumerate(values):
            state[:, column] = value
        defaults = [policy.default for policy in self.scenario.policies]
        standing = np.empty((runs, len(defaults)), dtype=np.int16, order="F")
        for column, value in enumerate(defaults):
            standing[:, column] = value
        return Batch(
            state=state,
            ending=np.full(runs, ONGOING, dtype=np.int16),
            ending_turn=np.full(runs, ONGOING, dtype=np.int16),
            standing=standing,
            fired=np.zeros((runs, len(self.scenario.events)), dtype=bool, order="F"),
        )

    def run_month(self, batch: Batch, policies: Mapping[str, Player | AskPerson], rng: np.random.Generator,
                  log: CauseLog | None = None) -> None:
        """Resolve one month for a batch played entirely by computer policies.

        The month never yields here, so numpy's floating-point warnings (which expressions
        keep off: 1 / 0 is a number like any other there) are held off once for all of it.
        """
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            for request in self.month_steps(batch, policies, rng, log, quiet=True):
                raise RuntimeError(f"a person must decide ({request.kind}) but none is playing")

    def month_steps(self, batch: Batch, policies: Mapping[str, Player | AskPerson], rng: np.random.Generator,
                    log: CauseLog | None = None, quiet: bool = False) -> Generator[Request, object, None]:
        """Resolve the month ``batch.turn`` and move the batch to the next month.

        Order: standing policies, dated events by date, conditional events in file order,
        the monthly rules, then the endings. Every change is clamped as it is applied.
        ``quiet``: the caller holds numpy's floating-point warnings off for the whole month.
        """
        turn = batch.turn
        if turn > self.last_turn:
            raise ValueError("the calendar is over")
        columns = state_columns(batch.state, batch.known)
        columns.quiet = quiet
        batch.known = None
        context = MonthContext(self.scenario, batch.state, self.params, turn, rng, batch, columns)
        active = batch.active
        if active.any():
            # Endings are checked only at the end of the month, so the runs still playing
            # stay the same all month; when that is every run, masks start as None.
            live: Mask = None if active.all() else active
            yield from self._standing_policies(batch, policies, context, live, log)
            for event in self.dated[turn]:
                yield from self._dated_event(batch, event, policies, context, live, log)
            for event in self.conditional:
                yield from self._conditional_event(batch, event, policies, context, live, log)
            for rule in self.scenario.rules:
                mask = live
                if rule.condition is not None:
                    mask = restrict(mask, run_holds(rule.condition, batch.state, self.params, turn, columns),
                                    batch.runs)
                self.apply_effects(batch.state, rule.effects, mask, context, log, CauseKind.RULE, rule.id, rule.title)
            self._check_endings(batch, turn, columns)
            batch.known = columns
        batch.turn = turn + 1

    # -- the parts of a month ----------------------------------------------------

    def _standing_policies(self, batch: Batch, policies: Mapping[str, Player | AskPerson], context: MonthContext,
                           live: Mask, log: CauseLog | None) -> Generator[Request, object, None]:
        for power, indices in self._by_power.items():
            decider = policies.get(power, ASK)
            if isinstance(decider, AskPerson):
                answer = yield StandingRequest(
                    power=power, turn=context.turn,
                    policies=tuple(self.scenario.policies[i] for i in indices),
                    current=tuple(int(batch.standing[0, i]) for i in indices),
                )
                _refresh(context)
                choices = list(answer)  # type: ignore[call-overload]
                if len(choices) != len(indices):
                    raise ValueError(f"expected {len(indices)} standing choices, got {len(choices)}")
                for index, choice in zip(indices, choices, strict=True):
                    options = self.scenario.policies[index].options
                    if not 0 <= int(choice) < len(options):
                        raise ValueError(f"option {choice} out of range for {self.scenario.policies[index].id}")
                    batch.standing[:, index] = int(choice)
            else:
                for index in indices:
                    policy = self.scenario.policies[index]
                    chosen = decider.standing(context, policy, index)
                    if live is None:
                        batch.standing[:, index] = chosen
                    else:
                        np.copyto(batch.standing[:, index], chosen, where=live, casting="unsafe")
        for index, policy in enumerate(self.scenario.policies):
            chosen = batch.standing[:, index]
            self._apply_options(batch.state, policy.options, chosen, _uniform(chosen), live, context, log,
                                CauseKind.POLICY, policy.id, policy.label)

    def _holds(self, expression: Expression, context: MonthContext) -> bool | np.ndarray:
        """A condition in every run of the month's batch."""
        return run_holds(expression, context.state, self.params, context.turn, context.columns)

    def _chance(self, expression: Expression, state: np.ndarray, context: MonthContext) -> float | np.ndarray:
        """A probability for every run, clipped to [0, 1]."""
        chance = run_values(expression, state, self.params, context.turn, context.columns)
        if isinstance(chance, float):
            return min(max(chance, 0.0), 1.0)
        return np.clip(chance, 0, 1)

    def _dated_event(self, batch: Batch, event: Event, policies: Mapping[str, Player | AskPerson],
                     context: MonthContext, live: Mask, log: CauseLog | None) -> Generator[Request, object, None]:
        mask = live
        runs = batch.runs
        if event.condition is not None:
            mask = restrict(mask, self._holds(event.condition, context), runs)
        if event.probability is not None:
            chance = self._chance(event.probability, batch.state, context)
            mask = restrict(mask, context.rng.random(runs) < chance, runs)
        if mask is None or mask.any():
            yield from self._fire(batch, event, mask, policies, context, log)

    def _conditional_event(self, batch: Batch, event: Event, policies: Mapping[str, Player | AskPerson],
                           context: MonthContext, live: Mask, log: CauseLog | None) -> Generator[Request, object, None]:
        if not event.first_turn <= context.turn <= event.last_turn:
            return
        runs = batch.runs
        mask = live
        if event.once:
            waiting = ~batch.fired[:, self.event_index[event.id]]
            mask = waiting if mask is None else mask & waiting
            if not mask.any():
                return
        assert event.when is not None
        mask = restrict(mask, self._holds(event.when, context), runs)
        if event.condition is not None and (mask is None or mask.any()):
            mask = restrict(mask, self._holds(event.condition, context), runs)
        if event.probability is not None:
            # the draw is made whether or not any run qualifies, so the stream stays aligned
            if mask is None or mask.any():
                draws = context.rng.random(runs)
                mask = restrict(mask, draws < self._chance(event.probability, batch.state, context), runs)
            else:
                skip_uniform(context.rng, runs)
        if mask is None or mask.any():
            yield from self._fire(batch, event, mask, policies, context, log)

    def _fire(self, batch: Batch, event: Event, mask: Mask, policies: Mapping[str, Player | AskPerson],
              context: MonthContext, log: CauseLog | None) -> Generator[Request, object, None]:
        column = self.event_index[event.id]
        if mask is None:
            batch.fired[:, column] = True
        else:
            batch.fired[:, column] |= mask
        first_run = mask is None or bool(mask[0])
        if log is not None and first_run:
            log.fired.append((context.turn, event.id))
        self.apply_effects(batch.state, event.effects, mask, context, log, CauseKind.EVENT, event.id, event.title)
        if not event.is_decision:
            return
        available = self.available(event.options, batch.state, context.turn, context.columns)
        decider = policies.get(event.power or "", ASK)
        if isinstance(decider, AskPerson):
            answer = yield EventRequest(power=event.power or "", turn=context.turn,
                                        event=event, available=tuple(bool(a) for a in available[0]))
            _refresh(context)
            choice = int(answer)  # type: ignore[call-overload]
            if not 0 <= choice < len(event.options) or not available[0, choice]:
                raise ValueError(f"option {choice} is not available on {event.id}")
            chosen = np.full(batch.runs, choice, dtype=np.int16)
            everywhere: int | None = choice
        else:
            chosen = decider.decide(context, event, available)
            everywhere = _uniform(chosen)
        if log is not None and first_run:
            log.choices.append((context.turn, event.id, event.options[int(chosen[0])].id))
        self._apply_options(batch.state, event.options, chosen, everywhere, mask, context, log,
                            CauseKind.OPTION, event.id, event.title)

    def _apply_options(self, state: np.ndarray, options: tuple[Option, ...], chosen: np.ndarray,
                       everywhere: int | None, mask: np.ndarray | None, context: MonthContext,
                       log: CauseLog | None, kind: str, source: str, title: str) -> None:
        """Apply each option's effects to the runs (within ``mask``) that chose it.

        Where every run chose alike (``everywhere``), the option applies without building
        a mask, which is the common case in the lab.
        """
        for index, option in enumerate(options):
            if not option.effects:
                continue
            if everywhere is not None:
                if index != everywhere:
                    continue
                option_mask = mask
            else:
                option_mask = chosen == index
                if mask is not None:
                    option_mask &= mask
                if not option_mask.any():
                    continue
            self.apply_effects(state, option.effects, option_mask, context, log, kind, source,
                               f"{title}: {option.label}")

    def available(self, options: tuple[Option, ...], state: np.ndarray, turn: int,
                  columns: Columns | None = None) -> np.ndarray:
        """(runs, options) booleans: which options are offered; if none is, all are."""
        runs = state.shape[0]
        table = np.ones((runs, len(options)), dtype=bool)
        conditional = False
        for index, option in enumerate(options):
            if option.condition is not None:
                table[:, index] = run_holds(option.condition, state, self.params, turn, columns)
                conditional = True
        if conditional:
            table[~table.any(axis=1)] = True
        return table

    def _check_endings(self, batch: Batch, turn: int, columns: Columns | None = None) -> None:
        last = turn == self.last_turn
        open_runs = batch.ending == ONGOING
        for index, ending in enumerate(self.scenario.endings):
            if ending.final and not last:
                continue
            if not open_runs.any():
                return
            holds = run_holds(ending.condition, batch.state, self.params, turn, columns)
            if holds is False:
                continue
            reached = open_runs.copy() if holds is True else open_runs & holds
            batch.ending[reached] = index
            batch.ending_turn[reached] = turn
            open_runs &= ~reached

    # -- effects -----------------------------------------------------------------

    def apply_effects(self, state: np.ndarray, effects: tuple[Effect, ...], mask: Mask,
                      context: MonthContext, log: CauseLog | None, kind: str, source: str,
                      label: str) -> None:
        """Apply effects to the runs in ``mask`` (None: every run), clamping each change at once.

        Random draws are made for every run whether or not it is in the mask, so a run's
        numbers do not depend on which other runs an effect applies to.
        """
        idle = mask is not None and not mask.any()  # no run changes (the mask is the same for all effects)
        for effect in effects:
            if isinstance(effect, Change):
                self._apply_change(state, effect, mask, idle, context, log, kind, source, label)
            elif isinstance(effect, Branch):
                if idle:
                    # no run takes either path, but both paths' draws are still made
                    skip_uniform(context.rng, state.shape[0])
                    self.apply_effects(state, effect.then, mask, context, log, CauseKind.CHANCE, source, label)
                    self.apply_effects(state, effect.orelse, mask, context, log, CauseKind.CHANCE, source, label)
                    continue
                chance = self._chance(effect.chance, state, context)
                happened: np.ndarray = np.asarray(context.rng.random(state.shape[0]) < chance)
                branch_label = label
                if log is not None:
                    branch_label = f"{label} ({effect.label}: {'yes' if happened[0] else 'no'})"
                    if mask is None or mask[0]:
                        log.outcomes.append((context.turn, source, effect.label, bool(happened[0])))
                self.apply_effects(state, effect.then, happened if mask is None else mask & happened,
                                   context, log, CauseKind.CHANCE, source, branch_label)
                failed = ~happened
                self.apply_effects(state, effect.orelse, failed if mask is None else mask & failed,
                                   context, log, CauseKind.CHANCE, source, branch_label)

    def _apply_change(self, state: np.ndarray, change: Change, mask: Mask, idle: bool, context: MonthContext,
                      log: CauseLog | None, kind: str, source: str, label: str) -> None:
        """Apply one change to the runs in ``mask``; ``idle`` says the mask holds no run."""
        runs = state.shape[0]
        amount: float | np.ndarray
        if idle and change.mode == "uniform":
            skip_uniform(context.rng, runs)  # no run changes: the draws are passed over, not made
            return
        if change.mode == "uniform":
            amount = context.rng.uniform(change.low, change.high, runs)
        elif change.mode == "normal":
            amount = context.rng.normal(change.low, change.high, runs)
        elif idle:
            return  # nothing to change and nothing to draw
        else:
            assert change.amount is not None
            amount = run_values(change.amount, state, self.params, context.turn, context.columns)
        if idle:
            return
        column = change.column
        low, high = self._bounds[column]
        before = state[:, column]
        columns = context.columns
        if mask is None and log is None and change.mode != "set":
            held = None if columns is None else columns[column]
            if isinstance(held, float) and isinstance(amount, float):
                # one number in every run, changed by one number: work it out once and
                # fill the column (the same ufuncs as on the column, so the same bits)
                value = np.clip(np.add(held, amount), low, high)
                before.fill(value)
                columns[column] = value  # type: ignore[index]
                return
            # every run changes: add and clamp in place, sparing a temporary and a copy
            np.add(before, amount, out=before)
            before.clip(low, high, out=before)
            if columns is not None:
                columns[column] = before
            return
        target: float | np.ndarray
        if change.mode == "set":
            target = float(np.clip(amount, low, high)) if isinstance(amount, float) else amount.clip(low, high)
        else:
            # into a kept scratch column: the target is read only until the copy below
            added = np.add(before, amount, out=self._scratch(runs))
            target = added.clip(low, high, out=added)
        if log is not None and (mask is None or mask[0]):
            first = target if isinstance(target, float) else target[0]
            log.record(context.turn, change.var, float(first - before[0]), kind, source, label)
        if mask is None:
            before[:] = target
        else:
            _copy_where(before, target, mask, spare=True)  # the target is the scratch column or a new array
        if columns is not None:
            same = mask is None and isinstance(target, float)
            columns[column] = np.float64(target) if same else before


def _refresh(context: MonthContext) -> None:
    """Check the engine's columns again after a yield: whoever had the batch meanwhile (a
    note sent while a person decides) may have written to the state."""
    if context.columns is not None:
        context.columns[:] = state_columns(context.state, context.columns)


def _copy_where(column: np.ndarray, values: float | np.ndarray, mask: np.ndarray, spare: bool = False) -> None:
    """``column[mask] = values[mask]``, by the faster route for the mask at hand.

    copyto(where=) skips unmasked runs with a branch per run, which is fastest when few
    runs change and several times slower than putmask on masks drawn at random. putmask
    branches too, and on a mask that is neither mostly set nor mostly clear (a chance
    near even) mispredicts half of them: there, with ``spare`` (``values`` is a scratch
    array the caller no longer needs), the bits are chosen without branches.
    """
    count = np.count_nonzero(mask)
    runs = mask.shape[0]
    if count * SPARSE_MASK < runs:
        np.copyto(column, values, where=mask)
    elif spare and type(values) is np.ndarray and values.dtype == np.float64 and column.dtype == np.float64 \
            and MIXED_MASK * count >= runs and MIXED_MASK * (runs - count) >= runs:
        _select_bits(column, values, mask)
    else:
        np.putmask(column, mask, values)


#: a mask with at least one run in this many set and one in this many clear is "mixed"
MIXED_MASK = 8


def _select_bits(column: np.ndarray, values: np.ndarray, mask: np.ndarray) -> None:
    """``column[mask] = values[mask]`` on the bits, without a branch: column ^= (values ^ column) & -mask.

    ``values`` is overwritten. Every bit of a chosen number is copied, NaN and -0.0 alike.
    """
    chosen = np.negative(mask.view(np.int8), dtype=np.int64)  # all ones where the mask is set
    into, source = column.view(np.int64), values.view(np.int64)
    np.bitwise_xor(source, into, out=source)
    np.bitwise_and(source, chosen, out=source)
    np.bitwise_xor(into, source, out=into)


def _uniform(chosen: np.ndarray) -> int | None:
    """The option every run chose, or None when runs differ (the usual lab case is one option)."""
    first = int(chosen[0])
    return first if bool((chosen == first).all()) else None
