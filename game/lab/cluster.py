"""Sending an experiment's chunks to a Dask cluster (the optional ``[cluster]`` extra).

The cluster's workers need this package installed and nothing else: the experiment
carries the scenario file's bytes, so no shared disk is assumed. Chunks go out in
tasks of a few chunks each and come back as summaries, which add up to exactly what a
local run with the same seed gives.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.lab.chunks import run_task, split_tasks
from game.lab.experiment import Experiment
from game.lab.summary import Summary

#: chunks per cluster task: a task is then about a quarter of a million runs, long
#: enough to hide the scheduler's overhead and short enough to spread over many nodes
CHUNKS_PER_TASK = 8

#: scheduler addresses Dask itself understands, accepted as they are (tests use inproc://)
DASK_SCHEMES = ("tcp", "tls", "inproc", "ws", "wss")

#: how long to wait for the scheduler before giving up with a message
CONNECT_TIMEOUT = "10s"


class ClusterError(ValueError):
    """The cluster cannot be used: a bad address, no scheduler there, or Dask missing."""


def scheduler_address(executor: str) -> str:
    """The scheduler address for ``dask://HOST:PORT`` (other Dask addresses pass as they are)."""
    if executor.startswith("dask://"):
        rest = executor[len("dask://"):]
        if not rest or ":" not in rest:
            raise ClusterError(f"--executor {executor!r} should be dask://HOST:PORT")
        return "tcp://" + rest
    if executor.split("://")[0] in DASK_SCHEMES and "://" in executor:
        return executor
    raise ClusterError(f"unknown --executor {executor!r}; use dask://HOST:PORT")


def run_on_dask(experiment: Experiment, chunks: list[tuple[int, int]], executor: str) -> Iterator[Summary]:
    """Yield task summaries as the cluster finishes them."""
    address = scheduler_address(executor)
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ClusterError("--executor needs the cluster extra: pip install 'separate-peace-1943[cluster]'") from None
    tasks = split_tasks(chunks, -(-len(chunks) // CHUNKS_PER_TASK))
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    with client:
        shared = client.scatter(experiment, broadcast=True)
        futures = [client.submit(run_task, shared, task, pure=False) for task in tasks]
        for future in as_completed(futures):
            yield future.result()
