"""Running an experiment: chunks of runs through the engine, summarised as they finish.

A chunk is simulated month by month and counted after every month (see
:mod:`game.lab.summary`), then its arrays are dropped, so memory does not grow with the
number of runs. Chunks run in this process, in this process and a pool of worker
processes, or on a Dask cluster in tasks of several chunks (:mod:`game.lab.cluster`).
A chunk's work is :mod:`game.lab.chunks`. Every route adds up the same chunk summaries, so
every route gives the same numbers.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass

from game.lab.chunks import empty_summary, run_chunk, run_task
from game.lab.experiment import Experiment
from game.lab.summary import Summary

#: a progress callback receives (runs done, runs in all)
Progress = Callable[[int, int], None]

#: chunks waiting at each worker process, so that it never idles between chunks
QUEUED_PER_WORKER = 2


@dataclass
class LabResult:
    """A finished experiment: its summary and how long it took."""

    experiment: Experiment
    summary: Summary
    elapsed_s: float

    @property
    def runs_per_s(self) -> float:
        """Campaigns simulated per second of wall time."""
        return self.experiment.runs / self.elapsed_s if self.elapsed_s > 0 else float("inf")


def run_experiment(experiment: Experiment, workers: int = 1, executor: str | None = None,
                   progress: Progress | None = None) -> LabResult:
    """Run every chunk of the experiment and merge the summaries.

    ``workers`` > 1 shares the chunks between this process and ``workers - 1`` worker
    processes; ``executor`` names a Dask scheduler (``dask://host:port``) to send them
    to instead.
    """
    began = time.perf_counter()
    chunks = experiment.chunks()
    summary = empty_summary(experiment)

    def report_progress() -> None:
        if progress is not None:
            progress(summary.runs, experiment.runs)

    if executor is not None:
        from game.lab.cluster import run_on_dask

        for part in run_on_dask(experiment, chunks, executor):
            summary.merge(part)
            report_progress()
    elif workers > 1 and len(chunks) > 1:
        _run_shared(experiment, chunks, workers, summary, report_progress)
    else:
        for index, runs in chunks:  # count straight into the one summary
            run_chunk(experiment, index, runs, summary)
            report_progress()
    return LabResult(experiment, summary, time.perf_counter() - began)


def _run_shared(experiment: Experiment, chunks: list[tuple[int, int]], workers: int, summary: Summary,
                report_progress: Callable[[], None]) -> None:
    """Share the chunks between this process and a pool of ``workers - 1`` processes.

    This process works too rather than waiting on the pool: on a machine with as many
    cores as workers, a waiting parent would only take time from them. Each worker keeps
    two chunks queued so that it never waits for this process to finish a chunk of its own.
    """
    methods = multiprocessing.get_all_start_methods()
    # fork lets workers inherit the parsed scenario; elsewhere each worker parses it once
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    queue = deque(chunks)
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
        pending: set[Future[Summary]] = set()
        while queue or pending:
            while queue and len(pending) < QUEUED_PER_WORKER * (workers - 1):
                pending.add(pool.submit(run_task, experiment, [queue.popleft()]))
            if queue:
                index, runs = queue.popleft()
                run_chunk(experiment, index, runs, summary)
                report_progress()
            done, pending = wait(pending, timeout=0 if queue else None, return_when=FIRST_COMPLETED)
            for future in done:
                summary.merge(future.result())
                report_progress()
