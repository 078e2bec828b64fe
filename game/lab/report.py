"""What the lab writes: the JSON report, CSV tables and PNG charts.

The report is declared once, in :func:`report`; the CSV files and the charts are
drawn from it, so every output says the same thing. docs/lab.md documents the schema.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

from game.lab.runner import LabResult
from game.lab.summary import QUANTILES
from game.scenario.model import Scenario


def report(result: LabResult) -> dict:
    """The lab's JSON document for a finished experiment."""
    experiment = result.experiment
    scenario = experiment.scenario
    summary = result.summary
    months = [str(month) for month in scenario.months]
    means = summary.means()
    quantiles = {name: summary.percentiles(q) for name, q in QUANTILES.items()}
    series, final = {}, {}
    for column, variable in enumerate(scenario.variables):
        series[variable.id] = {"months": months, "mean": _numbers(means[:, column])}
        series[variable.id].update({name: _numbers(values[:, column]) for name, values in quantiles.items()})
        final[variable.id] = {"mean": _number(means[-1, column])}
        final[variable.id].update({name: _number(values[-1, column]) for name, values in quantiles.items()})
    shares = summary.ending_shares()
    by_month = summary.ending_turn_shares()
    return {
        "scenario": scenario.id,
        "policy": experiment.policy,
        "deviate_from": experiment.describe_deviation(),
        "runs": experiment.runs,
        "seed": experiment.seed,
        "endings": {ending.id: float(shares[index]) for index, ending in enumerate(scenario.endings)},
        "ending_month": {ending.id: {month: float(by_month[index, turn]) for turn, month in enumerate(months)}
                         for index, ending in enumerate(scenario.endings)},
        "series": series,
        "final": final,
        "elapsed_s": round(result.elapsed_s, 4),
        "runs_per_s": round(result.runs_per_s, 1),
    }


def _number(value: float) -> float | None:
    """A float for JSON (NaN, for months with no runs, becomes null)."""
    return None if np.isnan(value) else float(value)


def _numbers(values: np.ndarray) -> list[float | None]:
    return [_number(value) for value in values]


def write_json(document: dict, path: str | Path) -> Path:
    """Write the report; ``-`` is not handled here (the command line prints instead)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_csv(document: dict, folder: str | Path) -> list[Path]:
    """Four tables in long form, easy to open in a spreadsheet or pandas.

    ``endings.csv`` (ending, probability), ``ending_month.csv`` (ending, month,
    probability), ``series.csv`` (variable, month, mean, p10, p50, p90) and
    ``final.csv`` (variable, mean, p10, p50, p90).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stats = ["mean", *QUANTILES]
    tables = {
        "endings.csv": (["ending", "probability"], [[k, v] for k, v in document["endings"].items()]),
        "ending_month.csv": (["ending", "month", "probability"],
                             [[k, month, p] for k, months in document["ending_month"].items()
                              for month, p in months.items()]),
        "series.csv": (["variable", "month", *stats],
                       [[var, month, *(data[s][i] for s in stats)] for var, data in document["series"].items()
                        for i, month in enumerate(data["months"])]),
        "final.csv": (["variable", *stats], [[var, *(data[s] for s in stats)]
                                             for var, data in document["final"].items()]),
    }
    written = []
    for name, (header, rows) in tables.items():
        path = folder / name
        with path.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written


def write_plots(document: dict, scenario: Scenario, folder: str | Path) -> list[Path]:
    """A fan chart per visible variable (p10-p90 band, median, mean, historical course)
    and a bar chart of the endings. Drawn with matplotlib's Agg canvas: no window, no
    global pyplot state, safe in worker threads and on servers."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    title = _title(document)
    written = []
    for variable in scenario.variables:
        if variable.hidden:
            continue
        data = document["series"][variable.id]
        months = data["months"]
        x = np.arange(len(months))
        figure = Figure(figsize=(8, 4.5), dpi=100)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        axes.fill_between(x, _plain(data["p10"]), _plain(data["p90"]), alpha=0.25, color="tab:blue",
                          label="10th-90th percentile")
        axes.plot(x, _plain(data["p50"]), color="tab:blue", label="median")
        axes.plot(x, _plain(data["mean"]), color="tab:blue", linestyle=":", label="mean")
        if variable.id in scenario.reference:
            axes.plot(x, scenario.reference[variable.id], color="black", marker="o", markersize=3,
                      label="historical course")
        axes.set_xticks(x, months, rotation=45, ha="right", fontsize=8)
        unit = f" ({variable.unit})" if variable.unit else ""
        axes.set_ylabel(variable.label + unit)
        axes.set_ylim(variable.min, variable.max if variable.max - variable.min <= 100 else None)
        axes.set_title(f"{variable.label}: {title}", fontsize=10)
        axes.legend(fontsize=8, loc="best")
        figure.tight_layout()
        path = folder / f"fan_{variable.id}.png"
        figure.savefig(path)
        written.append(path)
    written.append(_endings_chart(document, scenario, folder / "endings.png", title))
    return written


def _endings_chart(document: dict, scenario: Scenario, path: Path, title: str) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    labels = [ending.title for ending in scenario.endings]
    shares = [document["endings"][ending.id] for ending in scenario.endings]
    bars = axes.barh(labels, shares, color="tab:red")
    axes.bar_label(bars, labels=[f"{share:.1%}" for share in shares], fontsize=8, padding=2)
    axes.invert_yaxis()
    axes.set_xlim(0, 1.1)
    axes.set_xlabel("share of runs")
    axes.set_title(f"Endings: {title}", fontsize=10)
    figure.tight_layout()
    figure.savefig(path)
    return path


def _title(document: dict) -> str:
    deviation = f" from {document['deviate_from']}" if document["deviate_from"] else ""
    return f"policy {document['policy']}{deviation}, {document['runs']:,} runs, seed {document['seed']}"


def _plain(values: list[float | None]) -> np.ndarray:
    return np.array([np.nan if value is None else value for value in values], dtype=float)
