"""The lab's shortcuts give the numbers of the straightforward route, to the bit.

Each fast path (passing over unused random numbers in the engine and in the computer
players' draws, a spread column for numpy's maximum, choosing how to copy under a mask,
counting a month column by column) is compared with the plain way of doing the same
thing: the plain route is either patched in for the fast one, or computed here from the
engine's own states.
"""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import core
from game.engine.core import Engine, month_rng, skip_uniform
from game.lab.experiment import CHUNK_RUNS, experiment
from game.lab.runner import grid_for, run_experiment
from game.lab.summary import Grid, Summary, Tally
from game.policies import base
from game.scenario import Scenario

POLICIES = ("historical", "random", "computer", "court_the_generals")


def draw_them(rng: np.random.Generator, count: int) -> None:
    """The plain route: make the numbers and throw them away."""
    rng.random(count)


def copy_where(column: np.ndarray, values: float | np.ndarray, mask: np.ndarray) -> None:
    """The plain route: one masked copy."""
    np.copyto(column, values, where=mask)


def plain_maximum(first: np.ndarray | float, second: np.ndarray | float, runs: int) -> np.ndarray:
    """The plain route: numpy's maximum as it comes."""
    return np.maximum(first, second)


def summary_bits(summary: Summary) -> list[bytes]:
    """Everything a summary holds, as bytes."""
    parts = [summary.counts, summary.endings, summary.ending_turns]
    parts += [summary.sums[chunk] for chunk in sorted(summary.sums)]
    return [np.ascontiguousarray(part).tobytes() for part in parts]


@pytest.mark.parametrize("pending_word", [False, True])
def test_skipping_uniform_numbers_leaves_the_stream_as_drawing_them(pending_word: bool) -> None:
    for seed in range(5):
        drawn, skipped = month_rng(seed, 1, 2), month_rng(seed, 1, 2)
        if pending_word:  # a small integer draw leaves half of a 64-bit word for later
            drawn.integers(0, 3, 7)
            skipped.integers(0, 3, 7)
        drawn.random(1000 + seed)
        skip_uniform(skipped, 1000 + seed)
        assert drawn.bit_generator.state == skipped.bit_generator.state
        assert drawn.integers(0, 5, 9).tolist() == skipped.integers(0, 5, 9).tolist()
        assert drawn.normal(0, 1, 9).tolist() == skipped.normal(0, 1, 9).tolist()


def test_skipping_works_on_any_generator() -> None:
    drawn = np.random.Generator(np.random.MT19937(4))
    skipped = np.random.Generator(np.random.MT19937(4))
    drawn.random(100)
    skip_uniform(skipped, 100)
    assert drawn.random(5).tolist() == skipped.random(5).tolist()


@pytest.mark.parametrize("share", [0.0, 0.001, 0.05, 0.5, 0.97, 1.0])
def test_a_masked_copy_is_the_same_at_any_density(share: float) -> None:
    rng = np.random.default_rng(8)
    mask = rng.random(5000) < share
    for values in (rng.normal(0, 1, 5000), 3.25):
        column = rng.random(5000)
        expected = np.where(mask, values, column)
        core._copy_where(column, values, mask)
        assert column.tobytes() == expected.tobytes()


@pytest.mark.parametrize("policy", POLICIES)
def test_the_lab_gives_the_same_bits_with_the_shortcuts_off(
        scenario: Scenario, real_bytes: bytes, policy: str, monkeypatch: pytest.MonkeyPatch) -> None:
    setup = experiment(scenario, real_bytes, policy=policy, runs=CHUNK_RUNS + 3000, seed=17)
    fast = run_experiment(setup).summary
    monkeypatch.setattr(core, "skip_uniform", draw_them)
    monkeypatch.setattr(core, "_copy_where", copy_where)
    monkeypatch.setattr(base, "skip_uniform", draw_them)
    monkeypatch.setattr(base, "_maximum", plain_maximum)
    plain = run_experiment(setup).summary
    assert summary_bits(fast) == summary_bits(plain)


@pytest.mark.parametrize("policy", ("historical", "random"))
def test_the_lab_summary_is_the_plain_count_of_the_engines_states(
        scenario: Scenario, real_bytes: bytes, policy: str) -> None:
    setup = experiment(scenario, real_bytes, policy=policy, runs=CHUNK_RUNS + 3000, seed=5)
    summary = run_experiment(setup).summary
    grid = grid_for(setup)
    turns, variables = len(scenario.months), len(scenario.variables)
    counts = np.zeros((turns, variables, grid.points), dtype=np.int64)
    endings = np.zeros(len(scenario.endings), dtype=np.int64)
    for chunk, runs in setup.chunks():
        engine, policies = Engine(scenario), setup.policies()
        batch = engine.new_batch(runs)
        for turn in range(turns):
            engine.run_month(batch, policies, month_rng(setup.seed, chunk, turn))
            bins = grid.bins(batch.state)
            for column in range(variables):
                counts[turn, column] += np.bincount(bins[:, column], minlength=grid.points)
            sums = np.array([np.sum(np.array(batch.state[:, column])) for column in range(variables)])
            assert summary.sums[chunk][turn].tobytes() == sums.tobytes()
        endings += np.bincount(batch.ending, minlength=len(endings))
    assert np.array_equal(summary.counts, counts)
    assert np.array_equal(summary.endings, endings)


def test_counting_without_clipping_agrees_with_the_clipped_binning_at_and_beyond_the_edges() -> None:
    grid = Grid(low=np.array([0.0, -50.0, 0.0, 1.0]), high=np.array([100.0, 50.0, 1.0, 3.0]))
    rng = np.random.default_rng(4)
    step = grid.step
    for case in range(30):
        state = np.empty((400, 4), order="F")
        for column in range(4):
            low, high = grid.low[column], grid.high[column]
            near = np.array([low, high, low - step[column] * 0.49, low - step[column] * 0.99,
                             high + step[column] * 0.49, high + step[column] * 0.51, np.nextafter(low, -np.inf),
                             np.nextafter(high, np.inf), low - 3 * step[column], high + 3 * step[column]])
            values = low + (high - low) * rng.random(400)
            pick = rng.random(400) < 0.2
            values[pick] = rng.choice(near[: 2 + case % 9], int(pick.sum()))
            state[:, column] = values
        counts = Tally(grid, 400).count(state)
        bins = grid.bins(state)
        for column in range(4):
            assert np.array_equal(counts[column], np.bincount(bins[:, column], minlength=grid.points)), (case, column)
