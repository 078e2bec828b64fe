"""Helpers shared by the lab's tests: the small scenario and quick ways to run it."""

from __future__ import annotations

from pathlib import Path

from game.lab.experiment import Experiment, experiment
from game.lab.report import report
from game.lab.runner import run_experiment
from game.scenario import Scenario, load_scenario

MINI = Path(__file__).parent / "fixtures" / "lab_mini.toml"


def mini_experiment(**fields) -> Experiment:
    """An experiment on the small scenario (fields as for :func:`experiment`)."""
    return experiment(load_scenario(MINI), MINI.read_bytes(), **fields)


def lab(scenario: Scenario, content: bytes, **fields) -> dict:
    """Run an experiment and return its JSON report."""
    return report(run_experiment(experiment(scenario, content, **fields)))


def same_numbers(first: dict, second: dict) -> bool:
    """Two reports agree on everything but the timings."""
    strip = {"elapsed_s", "runs_per_s"}
    return {k: v for k, v in first.items() if k not in strip} == {k: v for k, v in second.items() if k not in strip}
