"""The monthly step: order, clamping, masks, randomness, endings, the cause log."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.engine import CauseLog, Engine, month_rng
from game.policies import ComputerPlayer, Historical, RandomChoice, make_policy
from game.scenario import load_scenario

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def mini():
    return load_scenario(FIXTURES / "minimal.toml")


def play(engine: Engine, runs: int, seed: int, ussr=None, log: CauseLog | None = None):
    batch = engine.new_batch(runs)
    policies = {"ussr": ussr or Historical(), "west": ComputerPlayer(), "germany": ComputerPlayer()}
    for turn in range(len(engine.scenario.months)):
        engine.run_month(batch, policies, month_rng(seed, 0, turn), log)
    return batch


def test_standing_policy_applies_every_month_and_clamps(mini) -> None:
    engine = Engine(mini)
    batch = play(engine, 1, seed=1)
    # January +10, February +10 and the feeler +5, March "shut" -10 (historical schedule)
    assert batch.state[0, mini.column("channel")] == pytest.approx(15.0)


def test_clamping_keeps_values_in_bounds(mini) -> None:
    engine = Engine(mini)
    batch = engine.new_batch(4, start={"channel": 98})
    engine.run_month(batch, {"ussr": Historical(), "west": ComputerPlayer()}, month_rng(1, 0, 0))
    assert batch.state[:, mini.column("channel")].tolist() == [100.0] * 4


def test_ending_is_checked_each_month_and_final_only_at_the_end(mini) -> None:
    engine = Engine(mini)
    batch = engine.new_batch(2, start={"channel": 95})
    engine.run_month(batch, {"ussr": Historical(), "west": ComputerPlayer()}, month_rng(1, 0, 0))
    assert batch.ending.tolist() == [0, 0]  # "deal" as soon as channel reaches 100
    assert batch.ending_turn.tolist() == [0, 0]
    later = play(engine, 3, seed=2)
    assert later.ending.tolist() == [1, 1, 1]  # the final fallback after the last month
    assert later.ending_turn.tolist() == [2, 2, 2]


def test_ended_runs_are_frozen(mini) -> None:
    engine = Engine(mini)
    batch = engine.new_batch(1, start={"channel": 95})
    policies = {"ussr": Historical(), "west": ComputerPlayer()}
    engine.run_month(batch, policies, month_rng(1, 0, 0))
    frozen = batch.state.copy()
    engine.run_month(batch, policies, month_rng(1, 0, 1))
    assert np.array_equal(batch.state, frozen)


def test_chance_branch_frequency_matches_probability(mini) -> None:
    engine = Engine(mini)
    batch = play(engine, 20000, seed=3)
    alarm = batch.state[:, mini.column("alarm")]
    # the feeler's leak (p = rate = 0.5) adds 5..10 alarm; the scare then fires with p 0.5
    leaked = alarm > 10
    assert 0.45 < leaked.mean() < 0.55


def test_parameters_change_the_model(mini) -> None:
    batch = play(Engine(mini, params={"rate": 0.0}), 2000, seed=3)
    assert (batch.state[:, mini.column("alarm")] == 10).all()
    with pytest.raises(KeyError):
        Engine(mini, params={"no_such_param": 1})


def test_same_seed_same_batch_bit_for_bit(scenario) -> None:
    engine = Engine(scenario)
    first = play(engine, 500, seed=11, ussr=RandomChoice())
    second = play(engine, 500, seed=11, ussr=RandomChoice())
    assert np.array_equal(first.state, second.state)
    assert np.array_equal(first.ending, second.ending)
    third = play(engine, 500, seed=12, ussr=RandomChoice())
    assert not np.array_equal(first.state, third.state)


def test_cause_log_accounts_for_every_change(scenario) -> None:
    engine = Engine(scenario)
    log = CauseLog()
    batch = play(engine, 1, seed=5, log=log)
    start = np.array([v.start for v in scenario.variables])
    for column, variable in enumerate(scenario.variables):
        explained = sum(cause.amount for cause in log.why(variable.id))
        assert explained == pytest.approx(batch.state[0, column] - start[column], abs=1e-6), variable.id
    kinds = {cause.kind for cause in log.causes}
    assert {"policy", "rule"} <= kinds


def test_every_policy_by_name_plays_a_whole_batch(scenario) -> None:
    engine = Engine(scenario)
    for name in ("historical", "random", "computer", "loyal", "peace_seeker", "appeaser"):
        batch = play(engine, 50, seed=1, ussr=make_policy(name))
        assert (batch.ending >= 0).all(), name
    with pytest.raises(KeyError):
        make_policy("napoleon")


def test_historical_policy_follows_the_schedule(mini) -> None:
    engine = Engine(mini)
    batch = engine.new_batch(1)
    policies = {"ussr": Historical(), "west": ComputerPlayer()}
    shut = mini.policy("line").option_index("shut")
    for turn in range(3):
        engine.run_month(batch, policies, month_rng(1, 0, turn))
    assert batch.standing[0, 0] == shut
