"""Running an experiment: chunks of runs through the engine, summarised as they finish.

A chunk is simulated month by month and counted after every month (see
:mod:`game.lab.summary`), then its arrays are dropped, so memory does not grow with the
number of runs. Chunks run in this process, in this process and a pool of worker
processes, or on a Dask cluster in tasks of several chunks (:mod:`game.lab.cluster`).
Every route adds up the same chunk summaries, so every route gives the same numbers.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass

import numpy as np

from game.engine.core import month_rng
from game.lab.experiment import Experiment
from game.lab.summary import Grid, Summary, Tally

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


def grid_for(experiment: Experiment) -> Grid:
    """The counting grid of the experiment's scenario."""
    scenario = experiment.scenario
    return Grid(low=np.array([v.min for v in scenario.variables], dtype=np.float64),
                high=np.array([v.max for v in scenario.variables], dtype=np.float64))


def empty_summary(experiment: Experiment) -> Summary:
    """A summary of no runs, shaped for the experiment's scenario."""
    scenario = experiment.scenario
    return Summary.empty(grid_for(experiment), turns=len(scenario.months), endings=len(scenario.endings))


def run_chunk(experiment: Experiment, index: int, runs: int, summary: Summary) -> None:
    """Simulate chunk ``index`` (``runs`` games) to the end and add it to ``summary``."""
    engine = experiment.engine()
    scenario = experiment.scenario
    branch = experiment.branch
    if branch is not None:
        batch = branch.batch(runs)
        for name, value in experiment.start.items():
            column = scenario.column(name)
            batch.state[:, column] = min(max(float(value), engine.low[column]), engine.high[column])
        for turn, values in enumerate(branch.past):
            summary.add_constant_month(turn, values, runs, chunk=index)
    else:
        batch = engine.new_batch(runs, experiment.start)
    policies = experiment.policies()
    tally = Tally(summary.grid, runs)
    for turn in range(experiment.first_turn, len(scenario.months)):
        engine.run_month(batch, policies, month_rng(experiment.seed, index, turn))
        # the engine knows which columns it left the same in every run: they need no scan
        summary.add_month(turn, batch.state, chunk=index, tally=tally, known=batch.known)
    summary.add_endings(batch.ending, batch.ending_turn)


def run_task(experiment: Experiment, chunks: Sequence[tuple[int, int]]) -> Summary:
    """Run a group of chunks and return their merged summary (what a worker sends back)."""
    summary = empty_summary(experiment)
    for index, runs in chunks:
        run_chunk(experiment, index, runs, summary)
    return summary


def split_tasks(chunks: list[tuple[int, int]], tasks: int) -> list[list[tuple[int, int]]]:
    """Cut the chunk list into at most ``tasks`` contiguous groups of nearly equal size."""
    tasks = max(1, min(tasks, len(chunks)))
    size, extra = divmod(len(chunks), tasks)
    groups, start = [], 0
    for task in range(tasks):
        end = start + size + (1 if task < extra else 0)
        groups.append(chunks[start:end])
        start = end
    return groups


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
