"""The report's schema (docs/lab.md), and the CSV tables and charts drawn from it."""

from __future__ import annotations

import csv
import json

import pytest
from labtools import lab, mini_experiment

from game.lab.report import report, write_csv, write_json, write_plots
from game.lab.runner import run_experiment

TOP_LEVEL = {"scenario", "policy", "deviate_from", "runs", "seed", "endings", "ending_month", "series", "final",
             "elapsed_s", "runs_per_s"}


def test_the_report_has_exactly_the_documented_keys(mini) -> None:
    document = report(run_experiment(mini_experiment(policy="random", runs=2000, seed=3, deviate_from="1943-02")))
    assert set(document) == TOP_LEVEL
    assert (document["scenario"], document["policy"], document["deviate_from"]) == ("lab-mini", "random", "1943-02")
    assert (document["runs"], document["seed"]) == (2000, 3)
    months = [str(month) for month in mini.months]
    assert set(document["endings"]) == {ending.id for ending in mini.endings}
    assert all(list(by_month) == months for by_month in document["ending_month"].values())
    for variable in mini.variables:
        series = document["series"][variable.id]
        assert set(series) == {"months", "mean", "p10", "p50", "p90"}
        assert series["months"] == months and all(len(series[k]) == len(months) for k in ("mean", "p10", "p50", "p90"))
        final = document["final"][variable.id]
        assert set(final) == {"mean", "p10", "p50", "p90"}
        assert final["p50"] == series["p50"][-1] and final["mean"] == series["mean"][-1]
        assert variable.min <= final["p10"] <= final["p50"] <= final["p90"] <= variable.max
    assert document["elapsed_s"] > 0 and document["runs_per_s"] > 0
    json.dumps(document, allow_nan=False)  # plain JSON: no NaN or infinities


def test_the_real_scenario_reports_every_variable(scenario, real_bytes) -> None:
    document = lab(scenario, real_bytes, runs=2000, seed=2)
    assert set(document["series"]) == set(scenario.variable_ids) == set(document["final"])
    assert sum(document["endings"].values()) == pytest.approx(1.0)


def test_json_and_csv_files_hold_the_same_figures(tmp_path) -> None:
    document = report(run_experiment(mini_experiment(policy="appeaser", runs=2000)))
    path = write_json(document, tmp_path / "out" / "lab.json")
    assert json.loads(path.read_text(encoding="utf-8")) == document
    names = {p.name for p in write_csv(document, tmp_path / "csv")}
    assert names == {"endings.csv", "ending_month.csv", "series.csv", "final.csv"}
    with (tmp_path / "csv" / "endings.csv").open(encoding="utf-8") as stream:
        endings = {row["ending"]: float(row["probability"]) for row in csv.DictReader(stream)}
    assert endings == pytest.approx(document["endings"])
    with (tmp_path / "csv" / "series.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == len(document["series"]) * 4
    tension_april = next(r for r in rows if r["variable"] == "tension" and r["month"] == "1943-04")
    assert float(tension_april["p90"]) == pytest.approx(document["series"]["tension"]["p90"][-1])


def test_charts_are_drawn_for_the_visible_variables_and_the_endings(mini, tmp_path) -> None:
    document = report(run_experiment(mini_experiment(runs=1000)))
    written = write_plots(document, mini, tmp_path / "plots")
    names = {p.name for p in written}
    assert names == {"fan_tension.png", "fan_channel.png", "fan_losses.png", "endings.png"}
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000
