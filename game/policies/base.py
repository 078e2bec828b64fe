"""Policies: who picks options for a power, vectorised over every run of a batch.

A policy answers two questions for all runs at once: which option of a standing policy
is in force this month, and which option of an event card is taken. Everything here is
computed from the scenario's data (historical marks, ``ai`` weights, ``tags``), so the
same policies serve any scenario.
"""

from __future__ import annotations

import math

import numpy as np

from game.engine.core import MonthContext, run_values, skip_uniform
from game.scenario.expressions import constant_column
from game.scenario.model import Event, Option, StandingPolicy


class Policy:
    """Base class: subclasses override :meth:`standing` and :meth:`decide`."""

    name = "policy"

    def standing(self, context: MonthContext, policy: StandingPolicy, index: int) -> np.ndarray:
        """The option index in force for each run this month."""
        raise NotImplementedError

    def decide(self, context: MonthContext, event: Event, available: np.ndarray) -> np.ndarray:
        """The option index taken for each run; ``available`` is (runs, options) booleans."""
        raise NotImplementedError


def _runs(context: MonthContext) -> int:
    return context.state.shape[0]


def best_available(weights: np.ndarray, available: np.ndarray) -> np.ndarray:
    """Per run, the index of the highest-weighted available option (first on ties).

    The same answer as ``argmax`` along the options, computed one option (column) at a
    time: a card has two to four options and a batch thousands of runs, and numpy's
    argmax over such short rows is several times slower than a few whole-column passes.
    """
    masked = np.where(available, weights, -np.inf)
    if masked.ndim != 2 or np.isnan(masked).any():
        return np.argmax(masked, axis=1).astype(np.int16)  # argmax takes the first NaN as the best
    best = masked[:, 0].copy()
    choice = np.zeros(masked.shape[0], dtype=np.int16)
    for index in range(1, masked.shape[1]):
        column = masked[:, index]
        better = column > best
        choice[better] = index
        np.maximum(best, column, out=best)
    return choice


class Historical(Policy):
    """What happened: the options marked historical and the standing policies of 1943."""

    name = "historical"

    def standing(self, context: MonthContext, policy: StandingPolicy, index: int) -> np.ndarray:
        return np.full(_runs(context), policy.historical[context.turn], dtype=np.int16)

    def decide(self, context: MonthContext, event: Event, available: np.ndarray) -> np.ndarray:
        if event.historical is not None and available[:, event.historical].all():
            return np.full(available.shape[0], event.historical, dtype=np.int16)
        weights = np.zeros(available.shape)
        if event.historical is not None:
            weights[:, event.historical] = 1.0
        return best_available(weights, available)


class RandomChoice(Policy):
    """Any legal option with equal chance, drawn from the month's seeded stream."""

    name = "random"

    def standing(self, context: MonthContext, policy: StandingPolicy, index: int) -> np.ndarray:
        return context.rng.integers(0, len(policy.options), _runs(context)).astype(np.int16)

    def decide(self, context: MonthContext, event: Event, available: np.ndarray) -> np.ndarray:
        weights = context.rng.random(available.shape)
        return best_available(weights, available)


#: the scenario parameter that sets how far computer players stray from their favourite
TEMPERATURE = "ai_temperature"

#: an option whose weight trails the favourite's by more than this many temperatures (a
#: chance below e^-6, a quarter of a percent) is not drawn at all: such long shots would
#: only scatter a batch into masks for nothing a player could see
CUTOFF = 6.0


class ComputerPlayer(Policy):
    """A power played by the computer, reacting to the state through ``ai`` weights.

    An option's ``ai`` expression gives its weight in each run. With the scenario's
    ``ai_temperature`` above 0 the option is drawn, each run on its own, with chance
    proportional to ``exp(weight / temperature)`` (a softmax): the favourite wins most
    often, but the same Stalin meets different Berlins and Wests. At 0 (or in a scenario
    without the parameter) the heaviest option is always taken. Where a scenario gives no
    weights, the computer does what was done historically.
    """

    name = "computer"

    def standing(self, context: MonthContext, policy: StandingPolicy, index: int) -> np.ndarray:
        if not any(option.ai is not None for option in policy.options):
            return Historical().standing(context, policy, index)
        weights = self._weights(context, policy.options, historical=policy.historical[context.turn])
        return self._choose(context, weights, None, _per_run(policy.options))

    def decide(self, context: MonthContext, event: Event, available: np.ndarray) -> np.ndarray:
        weights = self._weights(context, event.options, historical=event.historical)
        return self._choose(context, weights, None if available.all() else available, _per_run(event.options))

    def _choose(self, context: MonthContext, weights: list[float | np.ndarray],
                available: np.ndarray | None, per_run: bool) -> np.ndarray:
        temperature = float(context.params.get(TEMPERATURE, 0.0))
        if temperature <= 0:
            return heaviest(weights, available, _runs(context))
        # run_values makes every weight finite (NaN and infinities become 0)
        return drawn(weights, available, _runs(context), temperature, context.rng, per_run, finite=True)

    def _weights(self, context: MonthContext, options: tuple[Option, ...],
                 historical: int | None) -> list[float | np.ndarray]:
        """Each option's weight: a float when it is the same in every run, else one per run."""
        weights: list[float | np.ndarray] = []
        for index, option in enumerate(options):
            if option.ai is not None:
                weights.append(run_values(option.ai, context.state, context.params, context.turn, context.columns))
            else:
                weights.append(1.0 if index == historical else 0.0)
        return weights


def heaviest(weights: list[float | np.ndarray], available: np.ndarray | None, runs: int) -> np.ndarray:
    """:func:`best_available` for weights given option by option (None: every option is open).

    A computer player's weights are often the same in every run (a constant ``ai``, or
    none at all), and then one comparison of a few floats decides for the whole batch.
    """
    if available is None and all(isinstance(weight, float) for weight in weights):
        return np.full(runs, int(np.argmax(np.array(weights, dtype=float))), dtype=np.int16)
    if any(np.isnan(weight).any() for weight in weights):
        table = np.column_stack([np.broadcast_to(weight, (runs,)) for weight in weights])
        return best_available(table, np.ones(table.shape, dtype=bool) if available is None else available)
    best = np.empty(runs)
    choice = np.zeros(runs, dtype=np.int16)
    for index, weight in enumerate(weights):
        column = weight if available is None else np.where(available[:, index], weight, -np.inf)
        if index == 0:
            best[:] = column
            continue
        better = column > best
        choice[better] = index
        np.maximum(best, column, out=best)
    return choice


def _per_run(options: tuple[Option, ...]) -> bool:
    """Whether some option's weight reads the state: a lone number for it then stands for a column."""
    return any(option.ai is not None and option.ai.reads_state for option in options)


def drawn(weights: list[float | np.ndarray], available: np.ndarray | None, runs: int, temperature: float,
          rng: np.random.Generator, per_run: bool = False, finite: bool = False) -> np.ndarray:
    """Per run, an option drawn with chance proportional to ``exp(weight / temperature)``.

    Unavailable options (and NaN weights) get no chance, nor does an option more than
    ``CUTOFF`` temperatures behind the favourite; one uniform number is drawn for every
    run, whatever the weights, so the random stream stays aligned across runs. Computed
    one option (column) at a time with whole-array operations, like :func:`heaviest`:
    rows of two to four options are far slower to reduce than a few columns. Where the
    weights are the same in every run and all options are open, one table serves all.

    ``per_run`` says the weights come from the state, so that lone numbers among them
    stand for columns of one number (the engine hands them so where every run is alike):
    they take the column route, worked out on the numbers as far as it needs no ``exp``.
    ``finite`` promises no weight is NaN or infinite, which spares looking for them.
    """
    lone = available is None and all(isinstance(weight, float) for weight in weights)
    if lone and not per_run:
        pick = rng.random(runs)
        values = np.array([w if np.isfinite(w) else -np.inf for w in weights], dtype=np.float64)
        gaps = (values - values.max()) / temperature
        chances = np.where(gaps < -CUTOFF, 0.0, np.exp(gaps))
        totals = np.cumsum(chances / chances.sum())
        return np.minimum(np.searchsorted(totals, pick, side="right"), len(weights) - 1).astype(np.int16)
    if lone:
        decided = _decisive(weights, temperature)
        if decided is not None:
            skip_uniform(rng, runs)  # as on the columns: the numbers nobody reads are passed over
            return np.full(runs, decided, dtype=np.int16)
        # exp may round a lone number otherwise than a column (numpy vectorises columns only)
        weights = [constant_column(float(weight), runs) for weight in weights]
    columns = [np.asarray(weight, dtype=np.float64) for weight in weights]
    if not finite and any(np.isnan(column).any() for column in columns):
        columns = [np.where(np.isnan(column), -np.inf, column) for column in columns]
    if available is not None:
        columns = [np.where(available[:, index], column, -np.inf) for index, column in enumerate(columns)]
    top = columns[0]
    for column in columns[1:]:
        top = _maximum(top, column, runs)
    open_finite = finite and available is None  # then the top is finite and always leads
    if not open_finite and not np.isfinite(top).all():
        top = np.where(np.isfinite(top), top, 0.0)
    # the usual case: in every run one option leads all others by more than the cutoff,
    # so nothing is left to chance (the uniform numbers are drawn all the same)
    threshold = top - CUTOFF * temperature
    if open_finite and len(columns) == 2:
        # of two, the greater always leads; the other leads too where the lesser of the two
        # reaches the threshold, and the second is taken where it leads
        if bool((np.minimum(columns[0], columns[1]) < threshold).all()):
            skip_uniform(rng, runs)  # the uniform numbers nobody reads: passed over, not made
            return np.broadcast_to(columns[1] >= threshold, (runs,)).astype(np.int16)
    else:
        leading = [column >= threshold for column in columns]
        count = np.zeros(runs, dtype=np.int16)
        for lead in leading:
            count += lead
        if (count == 1).all():
            choice = np.zeros(runs, dtype=np.int16)
            for index, lead in enumerate(leading[1:], start=1):
                choice[lead] = index
            skip_uniform(rng, runs)  # the uniform numbers nobody reads: passed over, not made
            return choice
    floor = math.exp(-CUTOFF)
    scale = 1.0 / temperature
    total: np.ndarray | None = None
    cumulative = []
    for column in columns:
        # each step written over the one array, as numpy's temporaries would hold the same bits
        chance = np.subtract(column, top)
        if chance.shape == (runs,):
            np.multiply(chance, scale, out=chance)
            _maximum_into(chance, -CUTOFF - 1.0)  # exp of a large negative number is slow
            np.exp(chance, out=chance)
            np.multiply(chance, chance >= floor, out=chance)
        else:  # one number for every run (no column among the weights)
            chance = np.exp(_maximum(chance * scale, -CUTOFF - 1.0, runs))
            chance *= chance >= floor
        if total is None and chance.shape == (runs,):
            total = chance  # the chances are +0.0 or more, never -0.0: 0.0 + chance is chance itself
        else:
            total = np.add(np.zeros(runs) if total is None else total, chance)
        cumulative.append(total)
    assert total is not None
    dead = total == 0
    if dead.any():  # no option open and weighted: every option alike
        cumulative = [np.where(dead, (index + 1) / len(cumulative), column)
                      for index, column in enumerate(cumulative)]
        total = cumulative[-1]
    pick = rng.random(runs)
    pick *= total
    choice = np.zeros(runs, dtype=np.int16)
    for column in cumulative[:-1]:
        choice += column <= pick
    return choice


def _decisive(weights: list[float | np.ndarray], temperature: float) -> int | None:
    """The column route of :func:`drawn` on weights that are one number each, as far as its test
    whether one option leads by more than the cutoff: that option, or None when none does.

    The same ufuncs on the same numbers as on the columns, so the same bits.
    """
    values = [np.float64(weight) for weight in weights]
    values = [np.float64(-np.inf) if np.isnan(value) else value for value in values]
    top = values[0]
    for value in values[1:]:
        top = np.maximum(top, value)
    if not np.isfinite(top):
        top = np.float64(0.0)
    threshold = top - CUTOFF * temperature
    leading = [index for index, value in enumerate(values) if value >= threshold]
    return leading[0] if len(leading) == 1 else None


def _maximum_into(column: np.ndarray, floor: float) -> None:
    """``column = np.maximum(column, floor)`` in place, through a kept column of the floor
    (:func:`_maximum`: the same bits, several times faster than against a lone number)."""
    np.maximum(column, constant_column(floor, column.shape[0]), out=column)


def _maximum(first: np.ndarray | float, second: np.ndarray | float, runs: int) -> np.ndarray:
    """``np.maximum`` of two weights, a lone number (or 0-d array) first spread into a column.

    numpy's maximum of a column and a number is several times slower than of two columns,
    with the same bits (NaN and signed zeros alike).
    """
    one, other = np.asarray(first, dtype=np.float64), np.asarray(second, dtype=np.float64)
    if one.shape == (runs,) and other.ndim == 0:
        return np.maximum(one, constant_column(float(other), runs))
    if other.shape == (runs,) and one.ndim == 0:
        return np.maximum(constant_column(float(one), runs), other)
    return np.maximum(one, other)


class TagPreference(Policy):
    """A counterfactual Stalin described by the option tags he seeks and avoids.

    Each available option scores +1 per preferred tag and -1 per avoided tag; the
    historical option breaks ties, so wherever the strategy has no opinion, history runs.
    """

    def __init__(self, name: str, prefer: dict[str, float], description: str = "") -> None:
        self.name = name
        self.prefer = prefer
        self.description = description

    def _score(self, options: tuple[Option, ...], historical: int | None) -> np.ndarray:
        scores = np.array([sum(self.prefer.get(tag, 0.0) for tag in option.tags) for option in options], dtype=float)
        if historical is not None:
            scores[historical] += 0.01
        return scores

    def standing(self, context: MonthContext, policy: StandingPolicy, index: int) -> np.ndarray:
        scores = self._score(policy.options, policy.historical[context.turn])
        return np.full(_runs(context), int(np.argmax(scores)), dtype=np.int16)

    def decide(self, context: MonthContext, event: Event, available: np.ndarray) -> np.ndarray:
        scores = self._score(event.options, event.historical)
        favourite = int(np.argmax(scores))
        if available[:, favourite].all():
            return np.full(available.shape[0], favourite, dtype=np.int16)
        return best_available(np.tile(scores, (available.shape[0], 1)), available)


class Deviating(Policy):
    """Play ``before`` until turn ``from_turn``, then ``after``: "what if, from April…"."""

    def __init__(self, before: Policy, after: Policy, from_turn: int) -> None:
        self.before = before
        self.after = after
        self.from_turn = from_turn
        self.name = f"{before.name}>{after.name}@{from_turn}"

    def _pick(self, context: MonthContext) -> Policy:
        return self.after if context.turn >= self.from_turn else self.before

    def standing(self, context: MonthContext, policy: StandingPolicy, index: int) -> np.ndarray:
        return self._pick(context).standing(context, policy, index)

    def decide(self, context: MonthContext, event: Event, available: np.ndarray) -> np.ndarray:
        return self._pick(context).decide(context, event, available)
