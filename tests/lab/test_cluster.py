"""The Dask route: the same chunks on a cluster give the numbers of a local run."""

from __future__ import annotations

import pytest
from labtools import mini_experiment, same_numbers

from game.lab.cluster import ClusterError, scheduler_address
from game.lab.experiment import CHUNK_RUNS
from game.lab.report import report
from game.lab.runner import run_experiment


def test_addresses() -> None:
    assert scheduler_address("dask://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert scheduler_address("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    for bad in ("dask://", "dask://nohostport", "spark://x:1", "10.0.0.5:8786"):
        with pytest.raises(ClusterError):
            scheduler_address(bad)


def test_a_dask_cluster_gives_the_local_result() -> None:
    distributed = pytest.importorskip("distributed")
    setup = mini_experiment(policy="random", runs=2 * CHUNK_RUNS + 100, seed=12)
    local = run_experiment(setup)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        remote = run_experiment(setup, executor=cluster.scheduler_address)
    assert remote.summary.means().tobytes() == local.summary.means().tobytes()
    assert same_numbers(report(remote), report(local))


def test_no_scheduler_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr("game.lab.cluster.CONNECT_TIMEOUT", "1s")
    with pytest.raises(ClusterError, match="cannot reach"):
        run_experiment(mini_experiment(runs=10), executor="dask://127.0.0.1:1")
