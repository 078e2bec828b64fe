"""The lab's shortcuts give the numbers of the straightforward route, to the bit.

Each fast path (passing over unused random numbers in the engine and in the computer
players' draws, a spread column for numpy's maximum, choosing how to copy under a mask,
counting a month column by column, columns that hold one number in every run worked
out as that number, the two-option and finite-weight draws) is compared with the plain
way of doing the same thing: the plain route is either patched in for the fast one, or computed here from the
engine's own states.
"""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import core
from game.engine.core import ASK, Engine, month_rng, skip_uniform
from game.lab.chunks import grid_for
from game.lab.experiment import CHUNK_RUNS, experiment
from game.lab.runner import run_experiment
from game.lab.summary import Grid, Summary, Tally
from game.policies import base
from game.scenario import Scenario
from game.scenario.expressions import Columns

POLICIES = ("historical", "random", "computer", "court_the_generals")


def draw_them(rng: np.random.Generator, count: int) -> None:
    """The plain route: make the numbers and throw them away."""
    rng.random(count)


def copy_where(column: np.ndarray, values: float | np.ndarray, mask: np.ndarray, spare: bool = False) -> None:
    """The plain route: one masked copy."""
    np.copyto(column, values, where=mask)


def plain_maximum(first: np.ndarray | float, second: np.ndarray | float, runs: int) -> np.ndarray:
    """The plain route: numpy's maximum as it comes."""
    return np.maximum(first, second)


def plain_columns(state: np.ndarray, known: Columns | None = None) -> Columns:
    """The plain route: every column as the column itself, none as a lone number."""
    return Columns(list(state.T), state.shape[0])


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


def plain_drawn(weights: list, runs: int, temperature: float, rng: np.random.Generator) -> np.ndarray:
    """The plain route of the computer players' draw on open options: every step on whole
    columns, new arrays throughout, the uniform numbers always made."""
    columns = [np.broadcast_to(np.asarray(weight, dtype=np.float64), (runs,)) for weight in weights]
    top = columns[0]
    for column in columns[1:]:
        top = np.maximum(top, column)
    threshold = top - base.CUTOFF * temperature
    count = sum(np.asarray(column >= threshold, dtype=np.int16) for column in columns)
    pick = rng.random(runs)
    if (count == 1).all():
        return np.argmax(np.column_stack([column >= threshold for column in columns]), axis=1).astype(np.int16)
    total = np.zeros(runs)
    cumulative = []
    for column in columns:
        gap = np.maximum((column - top) * (1.0 / temperature), np.full(runs, -base.CUTOFF - 1.0))
        chance = np.exp(gap)
        chance = chance * (chance >= np.exp(-base.CUTOFF))
        total = total + chance
        cumulative.append(total)
    pick = pick * total
    return sum((column <= pick).astype(np.int16) for column in cumulative[:-1]).astype(np.int16)


@pytest.mark.parametrize("options", [2, 3])
def test_drawing_from_finite_weights_gives_the_bits_of_the_plain_draw(options: int) -> None:
    rng = np.random.default_rng(12)
    runs = 3000
    for case in range(40):
        spread = (0.01, 0.5, 3.0, 40.0)[case % 4]
        weights: list = [rng.normal(0, spread, runs) for _ in range(options)]
        if case % 5 == 0:
            weights[case % options] = float(rng.normal())  # a constant weight among columns
        if case % 3 == 1:  # one option far ahead in every run: decided without a draw
            side = np.where(rng.random(runs) < 0.5, -1.0, 1.0)
            weights[1] = np.asarray(weights[0]) + side * (1.0 + rng.random(runs))
        if case % 7 == 0:
            weights[0] = weights[1].copy() if isinstance(weights[1], np.ndarray) else weights[1]  # ties
        plain, fast, either = month_rng(case, 0, 0), month_rng(case, 0, 0), month_rng(case, 0, 0)
        expected = plain_drawn(weights, runs, 0.15, plain)
        assert base.drawn(weights, None, runs, 0.15, fast, finite=True).tobytes() == expected.tobytes()
        assert base.drawn(weights, None, runs, 0.15, either).tobytes() == expected.tobytes()
        assert plain.bit_generator.state == fast.bit_generator.state == either.bit_generator.state


def test_lone_weights_that_stand_for_columns_are_drawn_as_the_columns() -> None:
    runs = 2000
    for case, lone in enumerate([[0.4, 0.1], [0.4, 0.39], [2.0, 0.0, 1.99], [0.0, 0.0], [1.0, -5.0, 0.2]]):
        plain, fast = month_rng(case, 0, 0), month_rng(case, 0, 0)
        expected = base.drawn([np.full(runs, weight) for weight in lone], None, runs, 0.15, plain)
        assert base.drawn(lone, None, runs, 0.15, fast, per_run=True).tobytes() == expected.tobytes()
        assert plain.bit_generator.state == fast.bit_generator.state


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
    awkward = rng.normal(0, 1, 5000)
    awkward[::7], awkward[1::11] = np.nan, -0.0
    for values in (rng.normal(0, 1, 5000), awkward, 3.25):
        for spare in (False, True):
            column = rng.random(5000)
            column[::13] = -0.0
            expected = np.where(mask, values, column)
            core._copy_where(column, values.copy() if isinstance(values, np.ndarray) else values, mask, spare)
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
    monkeypatch.setattr(core, "state_columns", plain_columns)
    plain = run_experiment(setup).summary
    assert summary_bits(fast) == summary_bits(plain)


@pytest.mark.parametrize("policy", POLICIES)
def test_columns_the_same_in_every_run_as_lone_numbers_give_the_same_bits(
        scenario: Scenario, real_bytes: bytes, policy: str, monkeypatch: pytest.MonkeyPatch) -> None:
    setup = experiment(scenario, real_bytes, policy=policy, runs=CHUNK_RUNS + 3000, seed=23)
    fast = run_experiment(setup).summary
    monkeypatch.setattr(core, "state_columns", plain_columns)
    plain = run_experiment(setup).summary
    assert summary_bits(fast) == summary_bits(plain)


def test_the_columns_are_found_by_their_bits_and_checked_again_each_month() -> None:
    state = np.zeros((6, 4), order="F")
    state[:, 1] = 2.5
    state[3, 2] = -0.0  # equal to 0.0, but not the same bits
    state[:, 3] = np.arange(6)
    columns = core.state_columns(state)
    assert [isinstance(item, float) for item in columns] == [True, True, False, False]
    state[4, 1] = 3.0  # written behind the engine's back
    again = core.state_columns(state, columns)
    assert [isinstance(item, float) for item in again] == [True, False, False, False]
    state[:, 3] = 1.0  # made alike: counted as varying, which is slower but never wrong
    assert not isinstance(core.state_columns(state, again)[3], float)
    assert [float(item) for item in core.state_columns(state[:1])] == state[0].tolist()


def test_a_write_to_the_state_while_a_person_decides_is_seen_by_the_rest_of_the_month(
        scenario: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    def play(columns: object) -> bytes:
        monkeypatch.setattr(core, "state_columns", columns)
        engine = Engine(scenario)
        batch = engine.new_batch(5)
        policies = {power.id: ASK for power in scenario.powers}
        for turn in range(3):
            steps = engine.month_steps(batch, policies, month_rng(3, 0, turn))
            request = next(steps, None)
            while request is not None:
                batch.state[1:3, :] += 1.5  # as a note sent meanwhile would
                try:
                    request = steps.send(request.historical_answer())
                except StopIteration:
                    request = None
        return np.ascontiguousarray(batch.state).tobytes()

    fast = play(core.state_columns)
    assert fast == play(plain_columns)


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


def test_the_extremes_from_the_engines_columns_are_those_of_a_scan(scenario: Scenario, real_bytes: bytes) -> None:
    setup = experiment(scenario, real_bytes, policy="random", runs=3000, seed=9)
    engine, policies = Engine(scenario), setup.policies()
    batch = engine.new_batch(3000)
    tally = Tally(grid_for(setup), 3000)
    for turn in range(len(scenario.months)):
        engine.run_month(batch, policies, month_rng(9, 0, turn))
        assert batch.known is not None
        lowest, highest = tally.extremes(batch.state, batch.known)
        assert lowest.tobytes() == batch.state.min(axis=0).tobytes()
        assert highest.tobytes() == batch.state.max(axis=0).tobytes()
        assert any(isinstance(item, float) for item in batch.known)


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
