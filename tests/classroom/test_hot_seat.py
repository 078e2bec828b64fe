"""Three teams at one keyboard, and lesson mode, through a pipe as a class would play."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from game.session import Session
from game.table.lesson import LessonSettings, TurnTimer, clock_text
from game.text.terminal import Terminal

ROOT = Path(__file__).parent.parent.parent


def run_game(stdin: str, *args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", "play", "--text", *args],
        input=stdin, capture_output=True, text=True, timeout=180,
        env={"SEPARATE_PEACE_HOME": str(home), "PATH": "/usr/bin:/bin"}, cwd=ROOT,
    )


def screens(out: str, team: str) -> list[str]:
    """What one team saw after each hand-over, up to the next hand-over."""
    parts = re.split(r"Pass the keyboard to (the \w+ team) — press Enter", out)
    return [parts[i + 1] for i in range(1, len(parts) - 1, 2) if parts[i] == team]


def row(screen: str, var: str) -> str:
    return next(line for line in screen.splitlines() if line.rstrip().endswith(f"({var})"))


def test_three_teams_play_the_whole_year_to_an_ending(private_home: Path) -> None:
    result = run_game("\n1\n" * 400, "--seed", "4", "--human", "ussr,germany,west", home=private_home)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = result.stdout
    assert "THE END" in out and "Where you left history" in out
    for team in ("the Soviet team", "the German team", "the Western team"):
        assert f"Pass the keyboard to {team} — press Enter" in out
    west = screens(out, "the Western team")
    german = screens(out, "the German team")
    assert west and german
    # each team sees only what its power knew in November 1942
    assert "?" in row(west[0], "berlin_channel") and "not known to you" in row(west[0], "berlin_channel")
    assert "?" in row(german[0], "second_front")
    assert "?" not in row(german[0], "berlin_channel")
    # the German team's own choice on a card is never shown to the next team
    assert "Germany chose:" not in out


def test_lesson_mode_asks_at_most_fifteen_decisions_and_ends(private_home: Path) -> None:
    result = run_game("\n1\n" * 100, "--seed", "9", "--human", "ussr,germany,west", "--lesson", "--timer", "60",
                      home=private_home)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    asked = re.findall(r"\(Decision (\d+) of at most 15\.\)", out)
    assert 5 <= len(asked) <= 15
    assert [int(n) for n in asked] == list(range(1, len(asked) + 1))
    assert "Meanwhile, as in 1943:" in out and "as in 1943:" in out
    assert "(You have 1:00 for this decision.)" in out
    assert "THE END" in out and "python -m game debrief" in out


def test_teacher_commands_reveal_skip_and_pause(private_home: Path) -> None:
    script = "\n\nreveal\npause\n\nskip\n" + "\n1\n" * 60  # no group name, then the hand-over
    result = run_game(script, "--seed", "2", "--human", "ussr,west", "--lesson", home=private_home)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "The whole state (teacher's view):" in out
    teacher_view = out.split("The whole state (teacher's view):")[1]
    assert "?" not in row(teacher_view, "nazi_intransigence")
    assert "Paused. Press Enter to go on." in out and "Going on." in out
    assert "Skipped: taken as in 1943." in out
    assert "THE END" in out


def test_time_up_is_announced_once_and_pause_stops_the_clock(scenario) -> None:
    now = [0.0]
    lines = iter(["Table 4", "state", "why front", "pause", "", "state", ""] + ["", "1"] * 60)

    def read() -> str | None:
        now[0] += 25.0  # every line a team types takes 25 seconds
        return next(lines, None)

    out = io.StringIO()
    session = Session(scenario, seed=2, humans=("ussr",))
    terminal = Terminal(scenario, session, read, out, LessonSettings(timer_seconds=60))
    terminal.timer = TurnTimer(60, clock=lambda: now[0])
    terminal.run()
    text = out.getvalue()
    assert "(You have 1:00 for this decision.)" in text
    assert "Group: Table 4" in text
    assert "(0:35 left.)" in text  # after 'state': 25 s gone (typing the group's name took none)
    assert text.count("TIME IS UP (1:00)") == 1
    assert "after the time was up" in text


def test_turn_timer_pauses() -> None:
    now = [100.0]
    timer = TurnTimer(30, clock=lambda: now[0])
    timer.start()
    now[0] += 10
    timer.pause()
    now[0] += 1000
    assert timer.paused and timer.remaining() == 20
    timer.resume()
    now[0] += 25
    assert timer.expired() and timer.remaining() == -5
    assert clock_text(timer.remaining()) == "0:05"


def test_unknown_team_and_bad_timer_exit_2(private_home: Path) -> None:
    bad = run_game("", "--human", "ussr,japan", home=private_home)
    assert bad.returncode == 2 and "unknown power" in bad.stderr and "Traceback" not in bad.stderr
    timer = run_game("", "--timer", "-5", home=private_home)
    assert timer.returncode == 2 and "--timer" in timer.stderr
