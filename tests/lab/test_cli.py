"""``python -m game lab`` and ``sweep`` from the command line: outputs, and bad input as one line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from labtools import MINI

from game.__main__ import main
from game.lab.progress import ProgressBar
from game.saves import save_game
from game.scenario import load_scenario
from game.session import Session


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_lab_prints_a_summary_and_writes_json_csv_and_charts(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "lab", "--scenario", str(MINI), "--policy", "appeaser", "--runs", "3000",
                         "--seed", "4", "--set", "tension=30", "--param", "leak=0.2",
                         "--json", str(tmp_path / "lab.json"), "--csv", str(tmp_path / "csv"),
                         "--plot", str(tmp_path / "plots"))
    assert code == 0, err
    assert "policy appeaser, 3,000 runs, seed 4" in out and "peace" in out
    document = json.loads((tmp_path / "lab.json").read_text(encoding="utf-8"))
    assert document["runs"] == 3000 and document["series"]["tension"]["mean"][0] >= 20
    assert (tmp_path / "csv" / "final.csv").exists() and (tmp_path / "plots" / "endings.png").exists()


def test_json_to_stdout_is_only_json(capsys) -> None:
    code, out, _ = run(capsys, "lab", "--scenario", str(MINI), "--runs", "500", "--json", "-")
    assert code == 0
    assert json.loads(out)["runs"] == 500


def test_the_default_scenario_runs(capsys) -> None:
    code, out, err = run(capsys, "lab", "--runs", "2000")
    assert code == 0, err
    assert "scenario 1943, policy historical" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--policy", "napoleon"], "unknown policy 'napoleon'"),
    (["--set", "nothing=3"], "unknown variable 'nothing'"),
    (["--set", "tension"], "--set expects NAME=VALUE"),
    (["--param", "nope=1"], "unknown parameter 'nope'"),
    (["--param", "leak=lots"], "--param expects NAME=VALUE"),
    (["--deviate-from", "1944-05"], "not in the scenario's calendar"),
    (["--deviate-from", "April"], "not a month of the form YYYY-MM"),
    (["--runs", "0"], "--runs must be at least 1"),
    (["--workers", "0"], "--workers must be at least 1"),
    (["--from-save", "no/such/save.json"], "no such save file"),
    (["--executor", "spark://x"], "--executor"),
    (["--scenario", "no/such/scenario.toml"], "cannot read the scenario"),
])
def test_bad_input_is_one_line_and_exit_status_2(capsys, argv: list[str], message: str) -> None:
    scenario = [] if "--scenario" in argv else ["--scenario", str(MINI)]
    code, out, err = run(capsys, "lab", *scenario, "--runs", "100", *argv)
    assert code == 2
    assert err.startswith("error: ") and message in err
    assert err.strip().count("\n") == 0, err
    assert "Traceback" not in err


def test_a_damaged_save_and_a_finished_game_are_refused(capsys, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.json"
    damaged.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "lab", "--scenario", str(MINI), "--from-save", str(damaged))
    assert code == 2 and "not a valid save" in err and err.strip().count("\n") == 0
    finished = Session(load_scenario(MINI), seed=1)
    while (request := finished.step()) is not None:
        finished.keep_standing() if request.kind == "standing" else finished.choose(request.available.index(True))
    save_game(finished, tmp_path / "finished.json")
    code, _, err = run(capsys, "lab", "--scenario", str(MINI), "--from-save", str(tmp_path / "finished.json"))
    assert code == 2 and "over" in err and err.strip().count("\n") == 0


def test_lab_branches_from_a_save(capsys, tmp_path: Path) -> None:
    session = Session(load_scenario(MINI), seed=9)
    session.step()
    session.keep_standing()  # January's lever; the feeler card is now waiting
    save_game(session, tmp_path / "save.json")
    code, out, err = run(capsys, "lab", "--scenario", str(MINI), "--from-save", str(tmp_path / "save.json"),
                         "--policy", "appeaser", "--runs", "2000", "--json", "-")
    assert code == 0, err
    document = json.loads(out)
    assert document["endings"]["peace"] > 0.5


def test_sweep_prints_a_table_and_draws_a_heatmap(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "sweep", "--scenario", str(MINI), "--param", "gain=0:30:3", "--param",
                         "leak=0:1:2", "--metric", "ending:peace", "--policy", "appeaser", "--runs", "1000",
                         "--plot", str(tmp_path / "sweep.png"))
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0].split() == ["gain", "leak", "ending:peace"] and len(lines) == 1 + 6
    shares = [float(line.split()[2]) for line in lines[1:]]
    assert shares[-1] > shares[0]  # a faster channel brings the deal sooner
    assert (tmp_path / "sweep.png").read_bytes()[:4] == b"\x89PNG"


def test_sweep_of_one_parameter_draws_a_line(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "sweep", "--scenario", str(MINI), "--param", "leak=0:1:3", "--metric",
                         "final:tension", "--policy", "random", "--runs", "500", "--plot", str(tmp_path / "line.png"))
    assert code == 0, err
    values = [float(line.split()[1]) for line in out.strip().splitlines()[1:]]
    assert values == sorted(values)  # leaks raise tension
    assert (tmp_path / "line.png").exists()


@pytest.mark.parametrize(("argv", "message"), [
    (["--param", "leak=0:1", "--metric", "ending:peace"], "NAME=A:B:STEPS"),
    (["--param", "nope=0:1:2", "--metric", "ending:peace"], "unknown parameter 'nope'"),
    (["--param", "leak=0:1:2", "--metric", "ending:nope"], "no ending 'nope'"),
    (["--param", "leak=0:1:2", "--metric", "mean:tension"], "ending:ID or final:VAR"),
    (["--metric", "ending:peace"], "at least one --param"),
    (["--param", "leak=0:1:2", "--param", "leak=0:1:3", "--metric", "ending:peace"], "given twice"),
    (["--scenario", "scenarios/1943.toml", "--param", "leak_rate=0:1:2", "--param", "coup_rate=0:1:2", "--param",
      "aims_rate=0:1:2", "--metric", "ending:teheran", "--plot", "never-written.png"], "one or two parameters"),
])
def test_sweep_bad_input_is_one_line(capsys, argv: list[str], message: str) -> None:
    scenario = [] if "--scenario" in argv else ["--scenario", str(MINI)]
    code, _, err = run(capsys, "sweep", *scenario, "--runs", "50", *argv)
    assert code == 2 and message in err and err.strip().count("\n") == 0


def test_the_progress_bar_draws_on_a_terminal_and_stays_quiet_otherwise() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, min_runs=10, force=True)
    bar(5, 10)
    bar(10, 10)
    bar.close()
    text = stream.getvalue()
    assert "\rlab [" in text and "10/10 runs" in text and text.endswith("\n")
    quiet = io.StringIO()  # not a terminal
    ProgressBar(quiet, min_runs=10)(5, 10)
    assert quiet.getvalue() == ""
    short = io.StringIO()
    ProgressBar(short, min_runs=1000, force=True)(5, 10)
    assert short.getvalue() == ""
