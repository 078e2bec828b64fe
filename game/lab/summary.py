"""Summaries of many runs that can be built chunk by chunk and merged in any order.

Ten million runs of fourteen months of twenty-seven variables would be thirty gigabytes
of states, so the lab never keeps them. After every month it counts each variable of
each run on a fine grid over the variable's [min, max] (2,000 steps: 0.05 on a 0-100
scale) and adds up the exact values. Counts merge by addition, so chunks can run
anywhere and in any order; the sums are kept per chunk and added in chunk order at the
end, so the means are the same to the bit however the work was split.

What this gives, exactly:

* endings and ending months are exact counts;
* means are exact (sums of the unrounded values);
* percentiles are numpy's default ("linear") percentiles of the values rounded to the
  nearest grid point, so each is within half a grid step of the exact percentile, and
  exact wherever the values sit on the grid (flags, whole numbers, discrete levels).

>>> grid = Grid(low=np.array([0.0]), high=np.array([100.0]))
>>> summary = Summary.empty(grid, turns=1, endings=1)
>>> summary.add_month(0, np.array([[10.0], [20.0], [30.0], [40.0]]))
>>> float(summary.percentiles(0.5)[0, 0])
25.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

#: grid steps across each variable's [min, max]; the percentiles' resolution
GRID_STEPS = 2000

#: the percentiles every report carries
QUANTILES = {"p10": 0.10, "p50": 0.50, "p90": 0.90}


@dataclass(frozen=True)
class Grid:
    """The counting grid: ``GRID_STEPS + 1`` points from each variable's min to its max."""

    low: np.ndarray
    high: np.ndarray
    steps: int = GRID_STEPS

    @property
    def points(self) -> int:
        """Grid points per variable."""
        return self.steps + 1

    @property
    def step(self) -> np.ndarray:
        """The distance between grid points, per variable (1 where min equals max)."""
        span = self.high - self.low
        return np.where(span > 0, span / self.steps, 1.0)

    def bins(self, state: np.ndarray) -> np.ndarray:
        """The grid point of every value, (runs, variables) integers from 0 to ``steps``.

        A value is counted at its nearest grid point; :class:`Tally` does the same
        arithmetic column by column, so the two always agree.
        """
        scale = 1.0 / self.step
        values = np.multiply(state, scale)
        values += 0.5 - self.low * scale
        np.clip(values, 0, self.steps, out=values)
        return values.astype(np.intp)

    def rounded(self, state: np.ndarray) -> np.ndarray:
        """The values the percentiles are exact for: each rounded to its grid point."""
        return self.low + self.bins(state) * self.step


class Tally:
    """Counts a chunk's states on the grid, one month at a time.

    Counting is the lab's costliest step after the engine itself. Most variables take
    the same value in every run of a chunk (flags nobody raised, levers everyone set
    alike), so a column whose minimum equals its maximum is counted with one addition;
    only the columns that vary are binned, into scratch arrays allocated once per chunk.
    """

    def __init__(self, grid: Grid, runs: int) -> None:
        self.grid = grid
        self.scale = 1.0 / grid.step
        self.offset = 0.5 - grid.low * self.scale
        self.values = np.empty(runs)
        self.bins = np.empty(runs, dtype=np.intp)

    def extremes(self, state: np.ndarray, known: Sequence | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The least and greatest value of each column (variables,), twice.

        ``known`` is the engine's view of the columns after the month (its ``Batch.known``):
        a column it holds as one number has that number for both, and only the others are
        scanned. The same numbers as scanning them all: a minimum or maximum rounds nothing.
        """
        if known is None or len(known) != state.shape[1]:
            return state.min(axis=0), state.max(axis=0)
        lowest, highest = np.empty(state.shape[1]), np.empty(state.shape[1])
        columns = state.T
        for column, held in enumerate(known):
            if isinstance(held, float):
                lowest[column] = highest[column] = held
            else:
                values = columns[column]
                lowest[column], highest[column] = values.min(), values.max()
        return lowest, highest

    def count(self, state: np.ndarray) -> np.ndarray:
        """(variables, points) how many runs sit at each grid point."""
        counts = np.zeros((len(self.grid.low), self.grid.points), dtype=np.int64)
        self.add_to(counts, state)
        return counts

    def add_to(self, counts: np.ndarray, state: np.ndarray, known: Sequence | None = None) -> None:
        """Add the state's counts to ``counts`` (variables, points), touching only what changes.

        A constant column adds to one cell and a varying one to its own row, so a month
        costs no (variables, points) temporary, and a fresh summary's zero pages stay
        untouched where nothing was counted. ``known``: see :meth:`extremes`.
        """
        grid = self.grid
        lowest, highest = self.extremes(state, known)
        same = np.flatnonzero(lowest == highest)
        if same.size:
            counts[same, grid.bins(lowest[np.newaxis, :])[0][same]] += state.shape[0]
        # x * scale + offset never decreases as x grows, in floating point too, so a column
        # whose least and greatest values land within (-1, steps + 1) lands there whole,
        # and truncation alone gives what clipping to [0, steps] first would give
        first = lowest * self.scale + self.offset
        last = highest * self.scale + self.offset
        inside = (first > -1) & (last < grid.steps + 1)
        for column in np.flatnonzero(lowest != highest):
            # the same operations as Grid.bins, on one column
            np.multiply(state[:, column], self.scale[column], out=self.values)
            self.values += self.offset[column]
            if not inside[column]:
                np.clip(self.values, 0, grid.steps, out=self.values)
            np.copyto(self.bins, self.values, casting="unsafe")  # truncation toward zero
            np.add.at(counts[column], self.bins, 1)  # numpy's add.at beats bincount and a row sum


@dataclass
class Summary:
    """Counts and sums for a set of runs, one month at a time. Merge with :meth:`merge`."""

    grid: Grid
    #: (turns, variables, points) int64: how many runs sat at each grid point after each month
    counts: np.ndarray
    #: ending index -> how many runs reached it, (endings,) int64
    endings: np.ndarray
    #: (endings, turns) int64: runs reaching each ending in each month
    ending_turns: np.ndarray
    #: chunk index -> (turns, variables) float64 sums of the exact values
    sums: dict[int, np.ndarray] = field(default_factory=dict)
    runs: int = 0

    @classmethod
    def empty(cls, grid: Grid, turns: int, endings: int) -> Summary:
        """A summary of no runs."""
        variables = len(grid.low)
        return cls(grid=grid,
                   counts=np.zeros((turns, variables, grid.points), dtype=np.int64),
                   endings=np.zeros(endings, dtype=np.int64),
                   ending_turns=np.zeros((endings, turns), dtype=np.int64))

    @property
    def turns(self) -> int:
        """Months covered."""
        return self.counts.shape[0]

    def __getstate__(self) -> dict:
        """Pickle the counts sparsely: they travel from workers, and nearly all are zero."""
        state = {key: value for key, value in self.__dict__.items() if key != "_sparse"}
        flat = self.counts.ravel()
        where = np.flatnonzero(flat)
        state["counts"] = (self.counts.shape, where, flat[where])
        return state

    def __setstate__(self, state: dict) -> None:
        shape, where, values = state["counts"]
        counts = np.zeros(shape, dtype=np.int64)  # untouched zero pages cost nothing
        counts.ravel()[where] = values
        self.__dict__.update(state, counts=counts)
        # kept for merging: adding the non-zero entries beats adding megabytes of zeros
        self._sparse = (where, values)

    def add_month(self, turn: int, state: np.ndarray, chunk: int = 0, tally: Tally | None = None,
                  known: Sequence | None = None) -> None:
        """Count the state of every run at the end of month ``turn`` (``known``: see :meth:`Tally.extremes`)."""
        self.__dict__.pop("_sparse", None)
        (tally or Tally(self.grid, state.shape[0])).add_to(self.counts[turn], state, known)
        # summing contiguous columns keeps the sums the same whatever layout the batch has
        self._add_sums(chunk, turn, np.asfortranarray(state).sum(axis=0))

    def add_constant_month(self, turn: int, values: np.ndarray, runs: int, chunk: int = 0) -> None:
        """Count ``runs`` runs that all stood at ``values`` (months before a branch point)."""
        self.__dict__.pop("_sparse", None)
        self.counts[turn, np.arange(len(values)), self.grid.bins(values[np.newaxis, :])[0]] += runs
        self._add_sums(chunk, turn, values * runs)

    def add_endings(self, ending: np.ndarray, ending_turn: np.ndarray) -> None:
        """Count the endings reached and when; every run must have ended."""
        if (ending < 0).any():
            raise ValueError("some runs have not ended")
        self.endings += np.bincount(ending, minlength=len(self.endings))
        np.add.at(self.ending_turns, (ending, ending_turn), 1)
        self.runs += len(ending)

    def _add_sums(self, chunk: int, turn: int, sums: np.ndarray) -> None:
        if chunk not in self.sums:
            self.sums[chunk] = np.zeros(self.counts.shape[:2])
        self.sums[chunk][turn] += sums

    def merge(self, other: Summary) -> None:
        """Add another summary's runs to this one (chunks must not overlap)."""
        self.__dict__.pop("_sparse", None)
        overlap = self.sums.keys() & other.sums.keys()
        if overlap:
            raise ValueError(f"chunks {sorted(overlap)} are counted twice")
        sparse = other.__dict__.get("_sparse")
        if sparse is not None:
            where, values = sparse
            self.counts.ravel()[where] += values
        else:
            self.counts += other.counts
        self.endings += other.endings
        self.ending_turns += other.ending_turns
        self.sums.update(other.sums)
        self.runs += other.runs

    # -- reading ------------------------------------------------------------------

    def means(self) -> np.ndarray:
        """(turns, variables) means of the exact values, summed in chunk order."""
        if not self.runs:
            return np.full(self.counts.shape[:2], np.nan)
        total = np.zeros(self.counts.shape[:2])
        for chunk in sorted(self.sums):
            total += self.sums[chunk]
        return total / self.runs

    def percentiles(self, quantile: float) -> np.ndarray:
        """(turns, variables): numpy's linear percentile of the grid-rounded values."""
        cumulative = np.cumsum(self.counts, axis=2)
        total = cumulative[:, :, -1]
        position = (total - 1) * quantile
        below = np.floor(position)
        fraction = position - below
        lower = _rank_point(cumulative, below)
        upper = _rank_point(cumulative, np.minimum(below + 1, total - 1))
        low_value = self.grid.low + lower * self.grid.step
        high_value = self.grid.low + upper * self.grid.step
        # numpy's own interpolation formula, so the figures match np.percentile exactly
        difference = high_value - low_value
        value = np.where(fraction >= 0.5, high_value - difference * (1 - fraction),
                         low_value + difference * fraction)
        return np.where(total > 0, value, np.nan)

    def ending_shares(self) -> np.ndarray:
        """(endings,) the share of runs reaching each ending."""
        return self.endings / max(self.runs, 1)

    def ending_turn_shares(self) -> np.ndarray:
        """(endings, turns) the share of all runs reaching each ending in each month."""
        return self.ending_turns / max(self.runs, 1)


def _rank_point(cumulative: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """The grid point holding the value of the given 0-based rank, per (turn, variable)."""
    return np.argmax(cumulative > rank[..., np.newaxis], axis=2)
