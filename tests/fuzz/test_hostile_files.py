"""A bad file in the saves folder never stops the window, and the load screen says why."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from game.paths import DEFAULT_SCENARIO, saves_dir  # noqa: E402
from game.saves import list_saves  # noqa: E402

HOSTILE = {
    "nested.json": "[" * 100_000 + "]" * 100_000,
    "digits.json": '{"game": "separate-peace-1943", "format": 1, "seed": ' + "9" * 5000 + "}",
    "nan.json": '{"game": "separate-peace-1943", "format": 2, "seed": NaN}',
    "cut.json": '{"game": "separate-peace-1943", "form',
    "binary.json": "\udcff\udcfe\x00",
}


@pytest.fixture()
def hostile_folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("SEPARATE_PEACE_HOME", str(tmp_path))
    folder = saves_dir()
    folder.mkdir(parents=True)
    for name, text in HOSTILE.items():
        (folder / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    os.mkfifo(folder / "fifo.json")
    (folder / "adir.json").mkdir()
    return folder


def test_every_hostile_file_is_listed_with_a_reason(hostile_folder: Path) -> None:
    listed = {path.name: (body, problem) for path, body, problem in list_saves(hostile_folder)}
    assert set(HOSTILE) | {"fifo.json", "adir.json"} == set(listed)
    assert all(body is None and problem for body, problem in listed.values())


def test_the_window_starts_and_lists_them(hostile_folder: Path) -> None:
    from game.scenario import load_scenario
    from game.ui.pilot import Pilot
    from game.ui.screens.title import TitleScreen

    pilot = Pilot.start(scenario=load_scenario(str(DEFAULT_SCENARIO)))
    assert isinstance(pilot.screen, TitleScreen)
    pilot.click(pilot.button("Load a game"))
    assert type(pilot.screen).__name__ == "LoadScreen"
    assert pilot.button("nested.json: unreadable").visible
