"""Parameter sweeps: one experiment per point of a grid of model parameters.

Every point uses the same seed, so two points differ by their parameters and not by
their luck (common random numbers), and a sweep is a plain list of records.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.cli_args import finite_number
from game.lab.experiment import experiment
from game.lab.runner import run_experiment
from game.lab.summary import Summary
from game.policies.strategy import Strategy
from game.scenario.model import Scenario


@dataclass(frozen=True)
class Metric:
    """What a sweep measures: the share of runs reaching an ending, or a variable's final mean."""

    kind: str  # "ending" or "final"
    id: str

    @property
    def label(self) -> str:
        """How the metric is written on the command line and in tables."""
        return f"{self.kind}:{self.id}"

    def read(self, scenario: Scenario, summary: Summary) -> float:
        """The metric's value for a finished experiment."""
        if self.kind == "ending":
            return float(summary.ending_shares()[[e.id for e in scenario.endings].index(self.id)])
        return float(summary.means()[-1, scenario.column(self.id)])


def parse_metric(scenario: Scenario, text: str) -> Metric:
    """Read ``ending:ID`` or ``final:VAR``; ValueError naming the choices otherwise."""
    kind, _, ident = text.partition(":")
    if kind == "ending":
        choices = [ending.id for ending in scenario.endings]
    elif kind == "final":
        choices = scenario.variable_ids
    else:
        raise ValueError(f"--metric {text!r} should be ending:ID or final:VAR")
    if ident not in choices:
        raise ValueError(f"--metric {text!r}: no {kind} {ident!r}; choose from {', '.join(choices)}")
    return Metric(kind, ident)


def parse_range(scenario: Scenario, text: str) -> tuple[str, list[float]]:
    """Read ``NAME=A:B:STEPS`` into the parameter and its STEPS evenly spaced values."""
    name, equals, spec = text.partition("=")
    parts = spec.split(":")
    if not equals or len(parts) != 3:
        raise ValueError(f"--param {text!r} should be NAME=A:B:STEPS, e.g. leak_rate=0:0.6:7")
    if name not in scenario.params:
        raise ValueError(f"unknown parameter {name!r}; the scenario has {', '.join(scenario.params)}")
    try:
        low, high, steps = finite_number(parts[0]), finite_number(parts[1]), int(parts[2])
    except ValueError:
        raise ValueError(f"--param {text!r}: A and B must be finite numbers and STEPS a whole number") from None
    if max(abs(low), abs(high)) > 1e6:
        raise ValueError(f"--param {text!r}: A and B must lie between -1e6 and 1e6")
    if not 1 <= steps <= 1000:
        raise ValueError(f"--param {text!r}: STEPS must be between 1 and 1000")
    return name, [float(value) for value in np.linspace(low, high, steps)]


def sweep(scenario: Scenario, scenario_bytes: bytes, grid: Mapping[str, Sequence[float]], metric: Metric, *,
          runs: int = 2000, policy: str = "historical", seed: int = 1, workers: int = 1,
          executor: str | None = None, strategy: Strategy | None = None) -> list[dict[str, float]]:
    """Run an experiment at every point of the grid; one record per point, params and metric."""
    names = list(grid)
    records = []
    for values in itertools.product(*(grid[name] for name in names)):
        params = dict(zip(names, values, strict=True))
        setup = experiment(scenario, scenario_bytes, policy=policy, runs=runs, seed=seed, params=params,
                           strategy=strategy)
        result = run_experiment(setup, workers=workers, executor=executor)
        records.append({**params, metric.label: metric.read(scenario, result.summary)})
    return records


def format_table(records: list[dict[str, float]]) -> str:
    """The records as an aligned text table."""
    if not records:
        return ""
    columns = list(records[0])
    widths = [max(len(column), 10) for column in columns]
    lines = ["  ".join(column.rjust(width) for column, width in zip(columns, widths, strict=True))]
    for record in records:
        lines.append("  ".join(f"{record[column]:.4g}".rjust(width)
                               for column, width in zip(columns, widths, strict=True)))
    return "\n".join(lines)


def plot_sweep(records: list[dict[str, float]], grid: Mapping[str, Sequence[float]], metric: Metric,
               path: str | Path, title: str = "") -> Path:
    """A line chart for one parameter, a heatmap for two."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    names = list(grid)
    if len(names) not in (1, 2):
        raise ValueError("--plot draws a sweep of one or two parameters")
    figure = Figure(figsize=(7, 5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    values = np.array([record[metric.label] for record in records])
    if len(names) == 1:
        axes.plot(grid[names[0]], values, marker="o")
        axes.set_xlabel(names[0])
        axes.set_ylabel(metric.label)
    else:
        first, second = (list(grid[name]) for name in names)
        table = values.reshape(len(first), len(second))
        image = axes.imshow(table, origin="lower", aspect="auto", cmap="viridis")
        axes.set_xticks(range(len(second)), [f"{v:.3g}" for v in second], rotation=45, fontsize=8)
        axes.set_yticks(range(len(first)), [f"{v:.3g}" for v in first], fontsize=8)
        axes.set_xlabel(names[1])
        axes.set_ylabel(names[0])
        figure.colorbar(image, ax=axes, label=metric.label)
    axes.set_title(title or metric.label, fontsize=10)
    figure.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    return path
