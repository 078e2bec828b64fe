"""A second scenario, with powers and variables of its own, plays everywhere the first does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.__main__ import main
from game.debrief import historical_twin, judgements
from game.lab.experiment import experiment
from game.lab.report import report
from game.lab.runner import run_experiment
from game.scenario import load_scenario
from game.table import AskKind, Table
from game.table.lesson import LessonSettings
from game.table.playcheck import play_check
from game.table.seats import team_name
from game.text.debrief import debrief_lines

ROOT = Path(__file__).parent.parent.parent
HARBOUR = ROOT / "tests" / "fixtures" / "harbour.toml"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.toml"
SEATS = ("amber", "basalt", "coral")


@pytest.fixture(scope="module")
def harbour():
    return load_scenario(HARBOUR)


def play(table: Table) -> int:
    asked = 0
    while not table.over:
        table.handed_over()
        view = table.view(table.waiting_for)
        asked += 1
        if view.request.kind is AskKind.STANDING:
            table.keep(view.power)
        else:
            table.answer(view.power, view.request.options[-1].index)
    return asked


def run_text(scenario: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", "play", "--text", "--scenario", str(scenario), *args],
                          input="\n1\n" * 80, capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={"SEPARATE_PEACE_HOME": str(home), "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("path", [HARBOUR, MINIMAL])
def test_the_terminal_plays_three_teams_to_a_debrief(path: Path, tmp_path: Path) -> None:
    scenario = load_scenario(path)
    seats = ",".join(power.id for power in scenario.powers)
    result = run_text(path, tmp_path, "--seed", "3", "--human", seats)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "THE END" in result.stdout
    for power in {policy.power for policy in scenario.policies}:  # every power with orders is asked
        assert f"Pass the keyboard to {team_name(scenario, power)} — press Enter" in result.stdout


def test_a_class_game_in_lesson_mode_tells_history_in_the_scenario_s_words(tmp_path: Path) -> None:
    result = run_text(HARBOUR, tmp_path, "--seed", "2", "--human", ",".join(SEATS), "--lesson", "--timer", "30")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Meanwhile, as the chronicle tells:" in out and "(Decision 1 of at most 15.)" in out
    assert "THE END" in out and "1943" not in out


def test_the_table_plays_it_with_every_seat_and_the_debrief_uses_its_templates(harbour) -> None:
    table = Table.new(harbour, seed=4, humans=SEATS, lesson=LessonSettings(), autosaving=False)
    asked = play(table)
    assert 1 <= asked <= LessonSettings().decisions
    twin = historical_twin(table.session)
    verdicts = judgements(harbour, table.session, twin)
    assert set(verdicts) == {"harbour", "cost"}
    assert verdicts["harbour"].startswith("The quay stands at") and verdicts["harbour"].endswith(
        ("The harbour is shut.", "Ships still come in."))
    lines = debrief_lines(harbour, table.session)
    assert any(line.startswith("THE END") for line in lines)


def test_secrets_of_the_second_scenario_stay_secret(harbour) -> None:
    table = Table.new(harbour, seed=1, humans=SEATS, autosaving=False)
    while not table.over:
        table.handed_over()
        for power in ("amber", "basalt"):
            view = table.view(power)
            strings = view.strings()
            assert "An informer among the smugglers" not in strings or power == "amber"
            assert not any("Reef watch" in text for text in strings)  # seen_by = []: Coral's secret
            smuggling = next(v for v in view.variables if v.id == "smuggling")
            assert smuggling.value is None or power == "amber"
        view = table.view(table.waiting_for)
        if view.request.kind is AskKind.STANDING:
            table.keep(view.power)
        else:
            table.answer(view.power, view.request.options[0].index)


def test_the_lab_runs_it(harbour) -> None:
    for policy in ("historical", "random", "computer"):
        result = report(run_experiment(experiment(harbour, HARBOUR.read_bytes(), policy=policy, runs=300, seed=1)))
        assert set(result["endings"]) == {ending.id for ending in harbour.endings}
        assert abs(sum(result["endings"].values()) - 1) < 1e-9


def test_check_plays_every_strategy_and_names_the_endings_never_reached(harbour, capsys) -> None:
    played = play_check(harbour, seeds=(1, 2))
    assert played.games >= 6 and played.views > played.games and not played.failures
    assert main(["check", str(HARBOUR)]) == 0
    captured = capsys.readouterr()
    assert "played" in captured.out and "views" in captured.out
    never = played.never_reached(harbour)
    if never:
        assert "endings no seeded game reached" in captured.err
