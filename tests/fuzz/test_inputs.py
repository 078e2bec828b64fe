"""The attacks of the issue, one by one: every input gets a message, never a traceback."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.__main__ import main
from game.text.read import INTERRUPT, clean, read_line

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "fixtures" / "minimal.toml")


@pytest.fixture()
def places(tmp_path: Path, monkeypatch) -> dict[str, str]:
    monkeypatch.setenv("SEPARATE_PEACE_HOME", str(tmp_path / "home"))
    (tmp_path / "file.txt").write_text("x")
    os.mkfifo(tmp_path / "fifo")
    return {"dir": str(tmp_path), "missing": str(tmp_path / "nope" / "out.json"),
            "under": str(tmp_path / "file.txt" / "out.json"), "fifo": str(tmp_path / "fifo"),
            "file": str(tmp_path / "file.txt")}


@pytest.mark.parametrize("argv", [
    ["replay", "--seed", "-1"],
    ["play", "--text", "--timer", "nan"],
    ["play", "--text", "--seed", "²"],
    ["lab", "--runs", "1000000000000"],
    ["lab", "--runs", "100", "--set", "tension=inf"],
    ["lab", "--runs", "100", "--param", "leak=nan"],
    ["sweep", "--param", "leak=nan:nan:3", "--metric", "ending:deal", "--runs", "10"],
    ["sweep", "--param", "leak=0:1:2", "--metric", "ending:deal", "--runs", "10", "--workers", "1e9"],
    ["check", "/dev/zero"],
    ["report", "x.json", "--runs", "10"],
])
def test_bad_numbers_and_special_files_are_one_error_line(argv: list[str], capsys, places) -> None:
    if argv[0] not in ("check",):
        argv = [*argv, "--scenario", MINI]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.strip().count("\n") == 0, err


@pytest.mark.parametrize("where", ["dir", "missing", "under", "fifo", "file"])
@pytest.mark.parametrize("flag", [["replay", "--json"], ["replay", "--save"], ["lab", "--runs", "10", "--json"],
                                  ["debrief", MINI, "--pdf"], ["rolecards", "--pdf"], ["guide", "--pdf"],
                                  ["lab", "--runs", "10", "--csv"]])
def test_output_paths_are_checked_before_work_starts(flag: list[str], where: str, capsys, places) -> None:
    target = places[where]
    if where == "dir" and flag[-1] == "--csv":
        target = places["file"]  # a folder is what --csv wants; a file is not
    started = time.perf_counter()
    assert main([*flag, target]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err, err
    assert time.perf_counter() - started < 5


def test_a_fifo_as_scenario_or_save_does_not_block(places, capsys) -> None:
    assert main(["check", places["fifo"]]) == 2
    assert main(["debrief", places["fifo"], "--scenario", MINI]) == 2
    assert "not a file" in capsys.readouterr().err


@pytest.mark.parametrize(("raw", "line"), [
    (b"\xff\xfe1\n", "\ufffd\ufffd1"),
    ("²\n".encode(), "2"),
    ("①\n".encode(), "1"),
    (b"load a\x00b\n", "load ab"),
    (b"9" * 5000 + b"\n", "9" * 1000),
    (b"tab\there\r\n", "tab here"),
])
def test_any_bytes_become_one_safe_line(raw: bytes, line: str) -> None:
    stream = io.TextIOWrapper(io.BytesIO(raw + b"next\n"), encoding="utf-8")
    assert read_line(stream) == line
    assert read_line(stream) == "next"
    assert read_line(stream) is None
    assert clean(line) == line


def test_ctrl_c_at_a_prompt_reads_as_quit() -> None:
    class Interrupted(io.TextIOBase):
        def readline(self, size: int = -1) -> str:
            raise KeyboardInterrupt

    assert read_line(Interrupted()) == INTERRUPT


def test_the_terminal_under_a_strict_utf8_locale_takes_any_byte_and_ctrl_c_saves(tmp_path: Path) -> None:
    env = dict(os.environ, SEPARATE_PEACE_HOME=str(tmp_path), LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8:strict")
    child = subprocess.Popen([sys.executable, "-m", "game", "play", "--text", "--seed", "4", "--scenario", MINI],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert child.stdin is not None
    child.stdin.write(b"\xff\xfe\n\xc3\n\x00\n")
    child.stdin.flush()
    time.sleep(2.0)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    assert b"Traceback" not in err, err
    assert child.returncode in (0, 130)
    assert list((tmp_path / "data" / "saves").glob("game-4-*.json")), out[-500:]
