"""``python -m game serve``: bad options are refused with one message and status 2, before any server starts."""

from __future__ import annotations

import pytest

from game.__main__ import main


@pytest.mark.parametrize("argv, message", [
    (["serve", "--teams", "ussr,prussia"], "--teams: unknown power(s) ['prussia']"),
    (["serve", "--port", "70000"], "--port: a port from 1 to 65535"),
    (["serve", "--minutes", "0"], "--minutes and --timer must be more than 0"),
])
def test_bad_options_exit_2_with_a_message(argv: list[str], message: str, capsys: pytest.CaptureFixture) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_a_damaged_game_folder_is_named(tmp_path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "room.json").write_text("{not json")
    assert main(["serve", "--folder", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "room.json" in err and "--new" in err
