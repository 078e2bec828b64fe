"""Mergeable summaries: exact counts, exact means, percentiles within half a grid step."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from game.lab.summary import Grid, Summary, Tally


@pytest.fixture()
def grid() -> Grid:
    low = np.array([0.0, 0.0, 0.0, 1.0])
    high = np.array([100.0, 10000.0, 1.0, 3.0])
    return Grid(low, high)


def states(rng: np.random.Generator, runs: int) -> np.ndarray:
    state = np.empty((runs, 4), order="F")
    state[:, 0] = rng.normal(40, 15, runs).clip(0, 100)
    state[:, 1] = rng.uniform(2000, 5000, runs)
    state[:, 2] = rng.integers(0, 2, runs)  # a flag
    state[:, 3] = 2.0  # the same in every run
    return state


def test_percentiles_are_numpys_percentiles_of_the_grid_rounded_values(grid: Grid) -> None:
    state = states(np.random.default_rng(1), 5001)
    summary = Summary.empty(grid, turns=1, endings=1)
    summary.add_month(0, state)
    rounded = grid.rounded(state)
    for quantile in (0.1, 0.5, 0.9, 0.0, 1.0, 0.37):
        expected = np.percentile(rounded, quantile * 100, axis=0)
        assert np.allclose(summary.percentiles(quantile)[0], expected, rtol=0, atol=1e-9), quantile


def test_percentiles_are_within_half_a_grid_step_of_the_exact_ones(grid: Grid) -> None:
    state = states(np.random.default_rng(2), 3000)
    summary = Summary.empty(grid, turns=1, endings=1)
    summary.add_month(0, state)
    for quantile in (0.1, 0.5, 0.9):
        error = np.abs(summary.percentiles(quantile)[0] - np.percentile(state, quantile * 100, axis=0))
        assert (error <= grid.step / 2 + 1e-9).all()
    # values on the grid (the flag, the constant) come out exactly
    assert summary.percentiles(0.5)[0, 3] == 2.0
    assert set(summary.percentiles(0.9)[0, 2:3]) <= {0.0, 1.0}


def test_the_varying_and_constant_column_paths_agree_with_the_whole_state_binning(grid: Grid) -> None:
    state = states(np.random.default_rng(3), 777)
    counts = Tally(grid, 777).count(state)
    bins = grid.bins(state)
    for column in range(4):
        assert np.array_equal(counts[column], np.bincount(bins[:, column], minlength=grid.points))


def test_a_stray_value_is_counted_at_the_edge_of_its_own_variable(grid: Grid) -> None:
    state = np.array([[150.0, -5.0, 0.5, 2.0]])
    counts = Tally(grid, 1).count(state)
    assert counts.sum(axis=1).tolist() == [1, 1, 1, 1]
    assert counts[0, grid.steps] == 1 and counts[1, 0] == 1


def test_merging_in_any_order_gives_the_same_bits(grid: Grid) -> None:
    rng = np.random.default_rng(4)
    parts = []
    for chunk in range(3):
        part = Summary.empty(grid, turns=2, endings=2)
        for turn in range(2):
            part.add_month(turn, states(rng, 1000 + chunk), chunk=chunk)
        part.add_endings(rng.integers(0, 2, 1000 + chunk).astype(np.int16), np.ones(1000 + chunk, dtype=np.int16))
        parts.append(part)
    forward, backward = Summary.empty(grid, 2, 2), Summary.empty(grid, 2, 2)
    for part in parts:
        forward.merge(part)
    for part in reversed(parts):
        backward.merge(part)
    assert forward.means().tobytes() == backward.means().tobytes()
    assert np.array_equal(forward.counts, backward.counts)
    assert forward.runs == 3003 and forward.ending_turns[:, 1].sum() == 3003
    with pytest.raises(ValueError, match="counted twice"):
        forward.merge(parts[0])


def test_means_are_exact_and_endings_are_counted_by_month(grid: Grid) -> None:
    state = states(np.random.default_rng(5), 400)
    summary = Summary.empty(grid, turns=1, endings=3)
    summary.add_month(0, state)
    summary.add_endings(np.array([0, 2, 2, 1] * 100, dtype=np.int16), np.zeros(400, dtype=np.int16))
    assert np.allclose(summary.means()[0], state.mean(axis=0), rtol=1e-12)
    assert summary.ending_shares().tolist() == [0.25, 0.25, 0.5]
    assert summary.ending_turn_shares()[:, 0].tolist() == [0.25, 0.25, 0.5]
    with pytest.raises(ValueError, match="not ended"):
        summary.add_endings(np.array([-1], dtype=np.int16), np.array([0], dtype=np.int16))


def test_a_constant_month_counts_every_run_at_one_value(grid: Grid) -> None:
    summary = Summary.empty(grid, turns=1, endings=1)
    values = np.array([12.5, 3000.0, 1.0, 3.0])
    summary.add_constant_month(0, values, runs=50)
    summary.runs = 50
    assert summary.means()[0].tolist() == values.tolist()
    assert summary.percentiles(0.1)[0].tolist() == values.tolist()


def test_a_pickled_summary_is_small_and_the_same(grid: Grid) -> None:
    summary = Summary.empty(grid, turns=3, endings=2)
    for turn in range(3):
        summary.add_month(turn, states(np.random.default_rng(turn), 500), chunk=7)
    summary.add_endings(np.zeros(500, dtype=np.int16), np.full(500, 2, dtype=np.int16))
    data = pickle.dumps(summary)
    copy = pickle.loads(data)
    assert len(data) < summary.counts.nbytes / 4
    assert np.array_equal(copy.counts, summary.counts) and copy.sums.keys() == {7} and copy.runs == 500
    assert copy.means().tobytes() == summary.means().tobytes()
