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
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field

import numpy as np

from game.engine.causes import CauseLog
from game.scenario.model import Branch, Change, Effect, Event, Option, Scenario, StandingPolicy

ONGOING = -1


@dataclass
class Batch:
    """Where a batch of games stands: state, endings, standing choices and fired events."""

    state: np.ndarray  # (runs, variables) float64
    ending: np.ndarray  # (runs,) int16, ONGOING or the index of the ending reached
    ending_turn: np.ndarray  # (runs,) int16, the turn the ending was reached in
    standing: np.ndarray  # (runs, policies) int16, option in force for each standing policy
    fired: np.ndarray  # (runs, events) bool, events that have fired at least once
    turn: int = 0

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
        return Batch(self.state.copy(), self.ending.copy(), self.ending_turn.copy(),
                     self.standing.copy(), self.fired.copy(), self.turn)


@dataclass
class Request:
    """A decision the engine needs from a person.

    ``kind`` is ``"standing"`` (set the standing policies of ``power`` for the month;
    answer with a list of option indices, one per policy in ``policies``) or ``"event"``
    (answer with one option index of ``event``).
    """

    kind: str
    power: str
    turn: int
    event: Event | None = None
    policies: tuple[StandingPolicy, ...] = ()
    current: tuple[int, ...] = ()
    available: tuple[bool, ...] = ()


@dataclass
class MonthContext:
    """What a policy may look at when it decides."""

    scenario: Scenario
    state: np.ndarray
    params: Mapping[str, float]
    turn: int
    rng: np.random.Generator
    batch: Batch = field(repr=False, default=None)  # type: ignore[assignment]


class AskPerson:
    """The policy of a power played by a person: the engine yields a Request instead."""

    name = "person"


ASK = AskPerson()


def month_rng(seed: int, chunk: int, turn: int) -> np.random.Generator:
    """The random stream for one month of one chunk of one game or lab run.

    Each month has its own stream spawned from the seed, so a month draws the same
    numbers however earlier months went, and replays are exact.
    """
    sequence = np.random.SeedSequence(entropy=seed, spawn_key=(chunk, turn))
    return np.random.Generator(np.random.PCG64(sequence))


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
        self.event_index = {event.id: index for index, event in enumerate(scenario.events)}
        self.dated: list[list[Event]] = [[] for _ in scenario.months]
        for event in scenario.events:
            if event.turn is not None:
                self.dated[event.turn].append(event)
        for events in self.dated:
            events.sort(key=lambda event: event.day)  # stable: file order within a day
        self.conditional = [event for event in scenario.events if event.turn is None]
        self.last_turn = len(scenario.months) - 1

    # -- batches -----------------------------------------------------------------

    def new_batch(self, runs: int, start: Mapping[str, float] | None = None) -> Batch:
        """A fresh batch at the start of the first month, optionally with other start values."""
        values = np.array([v.start for v in self.scenario.variables], dtype=np.float64)
        for name, value in (start or {}).items():
            column = self.scenario.column(name)
            values[column] = min(max(float(value), self.low[column]), self.high[column])
        state = np.tile(values, (runs, 1))
        defaults = [policy.default for policy in self.scenario.policies]
        return Batch(
            state=state,
            ending=np.full(runs, ONGOING, dtype=np.int16),
            ending_turn=np.full(runs, ONGOING, dtype=np.int16),
            standing=np.tile(np.array(defaults, dtype=np.int16), (runs, 1)),
            fired=np.zeros((runs, len(self.scenario.events)), dtype=bool),
        )

    def run_month(self, batch: Batch, policies: Mapping[str, object], rng: np.random.Generator,
                  log: CauseLog | None = None) -> None:
        """Resolve one month for a batch played entirely by computer policies."""
        for request in self.month_steps(batch, policies, rng, log):
            raise RuntimeError(f"a person must decide ({request.kind}) but none is playing")

    def month_steps(self, batch: Batch, policies: Mapping[str, object], rng: np.random.Generator,
                    log: CauseLog | None = None) -> Generator[Request, object, None]:
        """Resolve the month ``batch.turn`` and move the batch to the next month.

        Order: standing policies, dated events by date, conditional events in file order,
        the monthly rules, then the endings. Every change is clamped as it is applied.
        """
        turn = batch.turn
        if turn > self.last_turn:
            raise ValueError("the calendar is over")
        context = MonthContext(self.scenario, batch.state, self.params, turn, rng, batch)
        active = batch.active
        if active.any():
            yield from self._standing_policies(batch, policies, context, active, log)
            for event in self.dated[turn]:
                yield from self._dated_event(batch, event, policies, context, log)
            for event in self.conditional:
                yield from self._conditional_event(batch, event, policies, context, log)
            for rule in self.scenario.rules:
                mask = batch.active
                if rule.condition is not None:
                    mask = mask & rule.condition.holds(batch.state, self.params, turn)
                self.apply_effects(batch.state, rule.effects, mask, context, log, "rule", rule.id, rule.title)
            self._check_endings(batch, turn)
        batch.turn = turn + 1

    # -- the parts of a month ----------------------------------------------------

    def _standing_policies(self, batch: Batch, policies: Mapping[str, object], context: MonthContext,
                           active: np.ndarray, log: CauseLog | None) -> Generator[Request, object, None]:
        by_power: dict[str, list[int]] = {}
        for index, policy in enumerate(self.scenario.policies):
            by_power.setdefault(policy.power, []).append(index)
        for power, indices in by_power.items():
            decider = policies.get(power, ASK)
            if decider is ASK:
                answer = yield Request(
                    kind="standing", power=power, turn=context.turn,
                    policies=tuple(self.scenario.policies[i] for i in indices),
                    current=tuple(int(batch.standing[0, i]) for i in indices),
                )
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
                    chosen = decider.standing(context, policy, index)  # type: ignore[attr-defined]
                    batch.standing[:, index] = np.where(active, chosen, batch.standing[:, index])
        for index, policy in enumerate(self.scenario.policies):
            chosen = batch.standing[:, index]
            for option_index, option in enumerate(policy.options):
                if not option.effects:
                    continue
                mask = active & (chosen == option_index)
                if mask.any():
                    self.apply_effects(batch.state, option.effects, mask, context, log, "policy",
                                       policy.id, f"{policy.label}: {option.label}")

    def _dated_event(self, batch: Batch, event: Event, policies: Mapping[str, object],
                     context: MonthContext, log: CauseLog | None) -> Generator[Request, object, None]:
        mask = batch.active
        if event.condition is not None:
            mask = mask & event.condition.holds(batch.state, self.params, context.turn)
        if event.probability is not None:
            chance = np.clip(event.probability.evaluate_runs(batch.state, self.params, context.turn), 0, 1)
            mask = mask & (context.rng.random(batch.runs) < chance)
        if mask.any():
            yield from self._fire(batch, event, mask, policies, context, log)

    def _conditional_event(self, batch: Batch, event: Event, policies: Mapping[str, object],
                           context: MonthContext, log: CauseLog | None) -> Generator[Request, object, None]:
        if not event.first_turn <= context.turn <= event.last_turn:
            return
        mask = batch.active
        if event.once:
            mask = mask & ~batch.fired[:, self.event_index[event.id]]
        if not mask.any():
            return
        assert event.when is not None
        mask = mask & event.when.holds(batch.state, self.params, context.turn)
        if event.condition is not None:
            mask = mask & event.condition.holds(batch.state, self.params, context.turn)
        if event.probability is not None:
            chance = np.clip(event.probability.evaluate_runs(batch.state, self.params, context.turn), 0, 1)
            mask = mask & (context.rng.random(batch.runs) < chance)
        if mask.any():
            yield from self._fire(batch, event, mask, policies, context, log)

    def _fire(self, batch: Batch, event: Event, mask: np.ndarray, policies: Mapping[str, object],
              context: MonthContext, log: CauseLog | None) -> Generator[Request, object, None]:
        batch.fired[:, self.event_index[event.id]] |= mask
        if log is not None and mask[0]:
            log.fired.append((context.turn, event.id))
        self.apply_effects(batch.state, event.effects, mask, context, log, "event", event.id, event.title)
        if not event.is_decision:
            return
        available = self.available(event.options, batch.state, context.turn)
        decider = policies.get(event.power or "", ASK)
        if decider is ASK:
            answer = yield Request(kind="event", power=event.power or "", turn=context.turn,
                                   event=event, available=tuple(bool(a) for a in available[0]))
            choice = int(answer)  # type: ignore[call-overload]
            if not 0 <= choice < len(event.options) or not available[0, choice]:
                raise ValueError(f"option {choice} is not available on {event.id}")
            chosen = np.full(batch.runs, choice, dtype=np.int16)
        else:
            chosen = decider.decide(context, event, available)  # type: ignore[attr-defined]
        if log is not None and mask[0]:
            log.choices.append((context.turn, event.id, event.options[int(chosen[0])].id))
        for index, option in enumerate(event.options):
            option_mask = mask & (chosen == index)
            if option.effects and option_mask.any():
                self.apply_effects(batch.state, option.effects, option_mask, context, log, "option",
                                   event.id, f"{event.title}: {option.label}")

    def available(self, options: tuple[Option, ...], state: np.ndarray, turn: int) -> np.ndarray:
        """(runs, options) booleans: which options are offered; if none is, all are."""
        runs = state.shape[0]
        table = np.ones((runs, len(options)), dtype=bool)
        for index, option in enumerate(options):
            if option.condition is not None:
                table[:, index] = option.condition.holds(state, self.params, turn)
        table[~table.any(axis=1)] = True
        return table

    def _check_endings(self, batch: Batch, turn: int) -> None:
        last = turn == self.last_turn
        for index, ending in enumerate(self.scenario.endings):
            if ending.final and not last:
                continue
            open_runs = batch.ending == ONGOING
            if not open_runs.any():
                return
            reached = open_runs & ending.condition.holds(batch.state, self.params, turn)
            batch.ending[reached] = index
            batch.ending_turn[reached] = turn

    # -- effects -----------------------------------------------------------------

    def apply_effects(self, state: np.ndarray, effects: tuple[Effect, ...], mask: np.ndarray,
                      context: MonthContext, log: CauseLog | None, kind: str, source: str,
                      label: str) -> None:
        """Apply effects to the runs in ``mask``, clamping each change at once."""
        for effect in effects:
            if isinstance(effect, Change):
                self._apply_change(state, effect, mask, context, log, kind, source, label)
            elif isinstance(effect, Branch):
                chance = np.clip(effect.chance.evaluate_runs(state, self.params, context.turn), 0, 1)
                happened = context.rng.random(state.shape[0]) < chance
                if log is not None and mask[0]:
                    log.outcomes.append((context.turn, source, effect.label, bool(happened[0])))
                branch_label = f"{label} ({effect.label}: {'yes' if happened[0] else 'no'})"
                self.apply_effects(state, effect.then, mask & happened, context, log, "chance", source,
                                   branch_label)
                self.apply_effects(state, effect.orelse, mask & ~happened, context, log, "chance",
                                   source, branch_label)

    def _apply_change(self, state: np.ndarray, change: Change, mask: np.ndarray, context: MonthContext,
                      log: CauseLog | None, kind: str, source: str, label: str) -> None:
        column = change.column
        runs = state.shape[0]
        if change.mode == "uniform":
            amount = context.rng.uniform(change.low, change.high, runs)
        elif change.mode == "normal":
            amount = context.rng.normal(change.low, change.high, runs)
        else:
            assert change.amount is not None
            amount = change.amount.evaluate_runs(state, self.params, context.turn)
        if not mask.any():
            return
        before = state[:, column]
        target = amount if change.mode == "set" else before + amount
        target = np.clip(target, self.low[column], self.high[column])
        if log is not None and mask[0]:
            log.record(context.turn, change.var, float(target[0] - before[0]), kind, source, label)
        state[:, column] = np.where(mask, target, before)
