"""The terminal game, driven through a pipe as a script or a student would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from game.__main__ import main


def run_game(stdin: str, *args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", "play", "--text", *args],
        input=stdin, capture_output=True, text=True, timeout=120,
        env={"SEPARATE_PEACE_HOME": str(home), "PATH": "/usr/bin:/bin"},
        cwd=Path(__file__).parent.parent,
    )


def test_a_whole_game_through_a_pipe_reaches_a_debrief(private_home: Path) -> None:
    result = run_game("\n1\n" * 200, "--seed", "4", home=private_home)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "THE END" in result.stdout
    assert "Where you left history" in result.stdout
    assert "November 1942" in result.stdout and "evidence:" in result.stdout
    # the computer powers' decisions the player learns of come with their reason
    assert "Why: " in result.stdout
    # what a decision changed carries each number's unit (losses in thousands)
    changed = [line for line in result.stdout.splitlines() if "What it changed:" in line and "Soviet losses" in line]
    assert changed and all("Soviet losses (modelled) +" in line and " thousand" in line for line in changed)


def test_each_seat_is_briefed_as_its_own_power(private_home: Path) -> None:
    german = run_game("quit\n", "--seed", "4", "--human", "germany", home=private_home)
    assert german.returncode == 0, german.stderr
    assert "You are Hitler, for Germany." in german.stdout
    assert "You are Stalin" not in german.stdout  # the scenario's opening is the Soviet seat's
    assert "If Stalin chooses" in german.stdout and "If you choose" not in german.stdout
    soviet = run_game("quit\n", "--seed", "4", home=private_home)
    assert "You are Stalin" in soviet.stdout and "If you choose" in soviet.stdout


def test_bad_input_gets_a_hint_and_commands_work(private_home: Path) -> None:
    script = "tempo sideways\nbanana\nwhy western_alarm\nglossary Stockholm\nstate\nhelp\n\nquit\n"
    result = run_game(script, "--seed", "4", home=private_home)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "'tempo' has no option 'sideways'" in out
    assert "Type a policy and an option" in out
    assert "Why Western alarm (western_alarm) moved" in out
    assert "Commands (at any prompt)" in out
    assert "Saved to" in out


def test_end_of_input_saves_and_load_continues(private_home: Path) -> None:
    first = run_game("\n", "--seed", "6", home=private_home)
    assert first.returncode == 0 and "Input ended" in first.stdout
    saves = list((private_home / "data" / "saves").glob("game-6-*.json"))
    assert saves, list((private_home / "data").rglob("*"))
    second = run_game("\n1\n" * 200, "--load", str(saves[0]), home=private_home)
    assert second.returncode == 0 and "THE END" in second.stdout


def test_loading_a_corrupt_save_is_a_clear_error(private_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run_game("", "--load", str(bad), home=private_home)
    assert result.returncode == 2
    assert "not a valid save" in result.stderr and "Traceback" not in result.stderr


def test_replay_command_writes_the_documented_schema(tmp_path: Path) -> None:
    out = tmp_path / "replay.json"
    assert main(["replay", "--policy", "historical", "--seed", "3", "--json", str(out),
                 "--save", str(tmp_path / "r.json")]) == 0
    data = json.loads(out.read_text())
    assert set(data) >= {"scenario", "seed", "policy", "ending", "months"}
    assert data["months"][0]["month"] == "1942-11"
    month = data["months"][0]
    assert set(month) >= {"month", "state", "events", "choices", "causes"}
    assert "western_alarm" in month["state"]
    assert main(["replay", "--from-save", str(tmp_path / "r.json"), "--json", str(tmp_path / "again.json")]) == 0
    again = json.loads((tmp_path / "again.json").read_text())
    assert [m["state"] for m in again["months"]] == [m["state"] for m in data["months"]]


def test_replay_with_unknown_policy_exits_2(capsys) -> None:
    assert main(["replay", "--policy", "napoleon"]) == 2
    assert "unknown policy" in capsys.readouterr().err
