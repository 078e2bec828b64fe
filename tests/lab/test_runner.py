"""Running experiments: chunks, seeds, workers, start values, parameters and branches."""

from __future__ import annotations

import numpy as np
import pytest
from labtools import MINI, mini_experiment, same_numbers

from game.lab.branch import BranchPoint
from game.lab.chunks import split_tasks
from game.lab.experiment import CHUNK_RUNS, experiment
from game.lab.report import report
from game.lab.runner import run_experiment
from game.session import Session


def test_same_seed_same_report_and_another_seed_another() -> None:
    first = report(run_experiment(mini_experiment(policy="random", runs=3000, seed=5)))
    second = report(run_experiment(mini_experiment(policy="random", runs=3000, seed=5)))
    third = report(run_experiment(mini_experiment(policy="random", runs=3000, seed=6)))
    assert same_numbers(first, second)
    assert not same_numbers(first, third)


def test_runs_are_cut_into_fixed_chunks() -> None:
    plan = mini_experiment(runs=2 * CHUNK_RUNS + 5).chunks()
    assert plan == [(0, CHUNK_RUNS), (1, CHUNK_RUNS), (2, 5)]
    groups = split_tasks(plan * 3, 4)
    assert [len(group) for group in groups] == [3, 2, 2, 2]
    assert sum(groups, []) == plan * 3


def test_two_worker_processes_give_the_one_process_result() -> None:
    setup = mini_experiment(policy="random", runs=CHUNK_RUNS + 3000, seed=3)
    alone = run_experiment(setup)
    pooled = run_experiment(setup, workers=2)
    assert alone.summary.means().tobytes() == pooled.summary.means().tobytes()
    assert same_numbers(report(alone), report(pooled))


def test_progress_is_reported_per_chunk() -> None:
    seen: list[tuple[int, int]] = []
    run_experiment(mini_experiment(runs=CHUNK_RUNS + 10), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(CHUNK_RUNS, CHUNK_RUNS + 10), (CHUNK_RUNS + 10, CHUNK_RUNS + 10)]


def test_every_run_ends_and_series_cover_every_month_and_variable(mini) -> None:
    document = report(run_experiment(mini_experiment(policy="appeaser", runs=2000)))
    assert sum(document["endings"].values()) == pytest.approx(1.0)
    assert set(document["series"]) == set(mini.variable_ids) == set(document["final"])
    for ending, months in document["ending_month"].items():
        assert sum(months.values()) == pytest.approx(document["endings"][ending])
    # the appeaser talks and signs: a deal is struck in most runs
    assert document["endings"]["peace"] > 0.5


def test_start_values_and_parameters_change_the_outcome() -> None:
    calm = report(run_experiment(mini_experiment(policy="random", runs=2000)))
    tense = report(run_experiment(mini_experiment(policy="random", runs=2000, start={"tension": 70})))
    leaky = report(run_experiment(mini_experiment(policy="random", runs=2000, params={"leak": 1.0})))
    assert tense["series"]["tension"]["p50"][0] > calm["series"]["tension"]["p50"][0] + 30
    assert tense["endings"]["rupture"] > calm["endings"]["rupture"] + 0.2
    assert leaky["final"]["tension"]["mean"] > calm["final"]["tension"]["mean"]


def test_deviating_plays_history_until_the_month_then_the_policy() -> None:
    history = report(run_experiment(mini_experiment(runs=2000)))
    late = report(run_experiment(mini_experiment(policy="appeaser", deviate_from="1943-02", runs=2000)))
    early = report(run_experiment(mini_experiment(policy="appeaser", runs=2000)))
    assert late["deviate_from"] == "1943-02"
    # the same first month as history, to the bit
    for var in history["series"]:
        assert late["series"][var]["mean"][0] == history["series"][var]["mean"][0]
    assert history["endings"]["peace"] == 0.0
    assert 0 < late["endings"]["peace"] < early["endings"]["peace"]


def test_bad_fields_are_refused_with_a_message(mini) -> None:
    content = MINI.read_bytes()
    for fields, message in [({"policy": "napoleon"}, "unknown policy"), ({"start": {"nope": 1}}, "unknown variable"),
                            ({"params": {"nope": 1}}, "unknown parameter"), ({"deviate_from": "1944-01"}, "calendar"),
                            ({"deviate_from": "April"}, "YYYY-MM"), ({"runs": 0}, "at least 1")]:
        with pytest.raises(ValueError, match=message):
            experiment(mini, content, **fields)


def playing_session(mini, seed: int = 4) -> Session:
    """A game of the small scenario, stopped at the February ultimatum after defying in January."""
    session = Session(mini, seed=seed)
    while True:
        request = session.step()
        assert request is not None
        if request.kind == "standing":
            session.keep_standing()
        elif request.event is not None and request.event.id == "feeler":
            session.choose(request.event.option_index("talk"))
        else:
            break
    return session


def test_a_branch_from_the_first_month_is_the_plain_experiment(mini) -> None:
    session = Session(mini, seed=1)
    session.step()
    branch = BranchPoint.from_session(session)
    assert branch.turn == 0 and branch.choices == ()
    plain = report(run_experiment(mini_experiment(policy="random", runs=3000, seed=8)))
    branched = report(run_experiment(mini_experiment(policy="random", runs=3000, seed=8, branch=branch)))
    assert same_numbers(plain, branched)


def test_a_branch_keeps_the_past_and_the_choices_already_made_this_month(mini) -> None:
    session = playing_session(mini)
    branch = BranchPoint.from_session(session)
    assert branch.turn == 1 and ("standing", "line", "open") in branch.choices
    document = report(run_experiment(mini_experiment(runs=2000, branch=branch)))
    january = session.months[0].state
    for var, value in january.items():
        assert document["series"][var]["mean"][0] == pytest.approx(value, abs=1e-9)
        assert document["series"][var]["p10"][0] == pytest.approx(value, abs=mini.variables[
            mini.column(var)].max / 4000 + 1e-9)
    # January's talk deepened the channel: runs go on from there, not from the start
    assert document["series"]["channel"]["p50"][1] >= january["channel"]


def test_a_finished_game_cannot_be_branched(mini) -> None:
    session = Session(mini, seed=2, humans=())
    session.play_to_end()
    with pytest.raises(ValueError, match="over"):
        BranchPoint.from_session(session)


def test_the_branch_batch_is_column_major_like_the_engines(mini) -> None:
    session = playing_session(mini)
    batch = BranchPoint.from_session(session).batch(10)
    assert batch.state.flags.f_contiguous and batch.turn == 1
    assert np.array_equal(batch.state[3], session.month_start_batch.state[0])
