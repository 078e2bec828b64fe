"""Invariants any sequence of legal choices must keep (property tests)."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.session import Session


def play_with_indices(scenario, seed: int, picks: list[int], humans=("ussr",)) -> Session:
    session = Session(scenario, seed=seed, humans=humans)
    position = 0
    while (request := session.step()) is not None:
        pick = picks[position % len(picks)]
        position += 1
        if request.kind == "standing":
            session.choose([(pick + i) % len(p.options) for i, p in enumerate(request.policies)])
        else:
            legal = [i for i, ok in enumerate(request.available) if ok]
            session.choose(legal[pick % len(legal)])
    return session


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**31 - 1), picks=st.lists(st.integers(0, 10), min_size=1, max_size=60))
def test_any_legal_choices_stay_in_bounds_and_end_by_december_1943(scenario, seed, picks) -> None:
    session = play_with_indices(scenario, seed, picks)
    assert session.over and session.ending is not None
    assert len(session.months) <= len(scenario.months)
    for record in session.months:
        for variable in scenario.variables:
            value = record.state[variable.id]
            assert not math.isnan(value)
            assert variable.min <= value <= variable.max, (record.month, variable.id, value)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**31 - 1), picks=st.lists(st.integers(0, 10), min_size=1, max_size=60))
def test_seed_and_choices_replay_the_same_game_to_the_bit(scenario, seed, picks) -> None:
    first = play_with_indices(scenario, seed, picks, humans=("ussr", "germany", "west"))
    second = Session(scenario, seed=seed, humans=("ussr", "germany", "west"))
    second.replay(first.history)
    assert [m.hash for m in second.months] == [m.hash for m in first.months]
    assert second.ending == first.ending
    assert second.log.causes == first.log.causes
