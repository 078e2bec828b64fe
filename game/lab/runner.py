"""Running an experiment: chunks of runs through the engine, summarised as they finish.

A chunk is simulated month by month and counted after every month (see
:mod:`game.lab.summary`), then its arrays are dropped, so memory does not grow with the
number of runs. Chunks are grouped into tasks; tasks run in this process, in a pool of
worker processes, or on a Dask cluster (:mod:`game.lab.cluster`). Every route adds up
the same chunk summaries, so every route gives the same numbers.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass

import numpy as np

from game.engine.core import month_rng
from game.lab.experiment import Experiment
from game.lab.summary import Grid, Summary, Tally

#: a progress callback receives (runs done, runs in all)
Progress = Callable[[int, int], None]

#: tasks per worker: many small ones, so that the last task to finish keeps the other
#: workers idle only briefly, and the progress bar moves (a task's summary is small)
TASKS_PER_WORKER = 16


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
        summary.add_month(turn, batch.state, chunk=index, tally=tally)
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

    ``workers`` > 1 runs tasks in that many local processes; ``executor`` names a Dask
    scheduler (``dask://host:port``) to send them to instead.
    """
    began = time.perf_counter()
    chunks = experiment.chunks()
    summary = empty_summary(experiment)
    if executor is None and (workers <= 1 or len(chunks) <= 1):
        for index, runs in chunks:  # in this process: count straight into the one summary
            run_chunk(experiment, index, runs, summary)
            if progress is not None:
                progress(summary.runs, experiment.runs)
        return LabResult(experiment, summary, time.perf_counter() - began)
    if executor is not None:
        from game.lab.cluster import run_on_dask

        results: Iterator[Summary] = run_on_dask(experiment, chunks, executor)
    else:
        results = _run_in_pool(experiment, split_tasks(chunks, workers * TASKS_PER_WORKER), workers)
    for part in results:
        summary.merge(part)
        if progress is not None:
            progress(summary.runs, experiment.runs)
    return LabResult(experiment, summary, time.perf_counter() - began)


def _run_in_pool(experiment: Experiment, tasks: list[list[tuple[int, int]]], workers: int) -> Iterator[Summary]:
    """Yield task summaries as local worker processes finish them."""
    methods = multiprocessing.get_all_start_methods()
    # fork lets workers inherit the parsed scenario; elsewhere each worker parses it once
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: set[Future[Summary]] = {pool.submit(run_task, experiment, task) for task in tasks}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
