"""Calibration: the historical policy replays 1943 as the scenario's reference course says.

The reference course lives in the scenario's [reference] table, so the data and the
check travel together: edit one and this test tells you whether the other still holds.
"""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import Engine, month_rng
from game.policies import ComputerPlayer, Historical

RUNS = 1000
TOLERANCE = {"front": 10.0, "stalin_trust": 12.0, "western_alarm": 12.0, "berlin_channel": 12.0}


@pytest.fixture(scope="module")
def historical_course(scenario):
    engine = Engine(scenario)
    batch = engine.new_batch(RUNS)
    policies = {"ussr": Historical(), "germany": ComputerPlayer(), "west": ComputerPlayer()}
    means = []
    for turn in range(len(scenario.months)):
        engine.run_month(batch, policies, month_rng(2024, 0, turn))
        means.append(batch.state.mean(axis=0))
    return batch, np.array(means)


def test_reference_course_covers_the_contract_variables(scenario) -> None:
    assert set(TOLERANCE) <= set(scenario.reference)


def test_historical_policy_reaches_teheran_in_at_least_95_percent(scenario, historical_course) -> None:
    batch, _ = historical_course
    teheran = [e.id for e in scenario.endings].index("teheran")
    share = float((batch.ending == teheran).mean())
    assert share >= 0.95, f"teheran in {share:.1%} of runs"


@pytest.mark.parametrize("var", sorted(TOLERANCE))
def test_monthly_means_follow_the_reference_course(scenario, historical_course, var) -> None:
    _, means = historical_course
    column = scenario.column(var)
    reference = np.array(scenario.reference[var])
    gaps = means[:, column] - reference
    worst = int(np.argmax(np.abs(gaps)))
    assert abs(gaps[worst]) <= TOLERANCE[var], (
        f"{var} in {scenario.months[worst]}: model {means[worst, column]:.1f}, reference {reference[worst]:.1f}")
