"""One chunk of runs through the engine, counted month by month; groups of chunks as tasks.

Every route of :mod:`game.lab.runner` (this process, a pool of processes, a Dask cluster
in :mod:`game.lab.cluster`) runs chunks with these functions, so every route gives the
same numbers; they sit apart from the runner so the cluster can use them without the
runner and the cluster importing each other.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.engine.core import month_rng
from game.lab.experiment import Experiment
from game.lab.summary import Grid, Summary, Tally


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
