"""Saves: atomic writes, versioned envelopes, and refusal of anything damaged or foreign."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.engine.session import Session
from game.saves import (
    AUTOSAVES_KEPT,
    FORMAT_VERSION,
    SaveError,
    autosave,
    checksum,
    load_game,
    read_envelope,
    save_game,
)
from game.scenario import load_scenario

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def mini():
    return load_scenario(FIXTURES / "minimal.toml")


def midgame(mini) -> Session:
    session = Session(mini, seed=9)
    session.step()
    session.choose([0])
    session.step()
    return session


@pytest.mark.parametrize("name", ["format1-midgame.json", "format1-finished.json"])
def test_sample_saves_of_every_released_format_still_load(mini, name: str) -> None:
    body = json.loads((FIXTURES / "saves" / name).read_text())
    assert body["format"] <= FORMAT_VERSION
    session = load_game(FIXTURES / "saves" / name, mini)
    assert session.turn == body["turn"]
    assert [record.hash for record in session.months] == body["month_hashes"]
    assert (session.ending.id if session.ending else None) == body["ending"]


def test_save_and_load_round_trip(mini, tmp_path: Path) -> None:
    session = midgame(mini)
    path = save_game(session, tmp_path / "game.json")
    loaded = load_game(path, mini)
    assert loaded.history == session.history
    assert loaded.state == session.state
    assert loaded.pending is not None and loaded.pending.kind == session.pending.kind


def test_second_save_keeps_the_previous_as_bak(mini, tmp_path: Path) -> None:
    session = midgame(mini)
    path = tmp_path / "game.json"
    save_game(session, path)
    first = path.read_text()
    session.choose([1])
    save_game(session, path)
    assert path.with_name("game.json.bak").read_text() == first
    assert path.read_text() != first
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_truncated_save_is_refused_and_others_untouched(mini, tmp_path: Path) -> None:
    session = midgame(mini)
    good = save_game(session, tmp_path / "good.json")
    bad = tmp_path / "bad.json"
    bad.write_text(good.read_text()[:200])
    before = good.read_bytes()
    with pytest.raises(SaveError, match="truncated"):
        load_game(bad, mini)
    assert good.read_bytes() == before
    assert bad.read_text() == good.read_text()[:200]


def test_tampered_save_fails_its_checksum(mini, tmp_path: Path) -> None:
    path = save_game(midgame(mini), tmp_path / "game.json")
    body = json.loads(path.read_text())
    body["seed"] = 10
    path.write_text(json.dumps(body))
    with pytest.raises(SaveError, match="checksum"):
        load_game(path, mini)


def test_tampered_choices_with_fixed_checksum_do_not_replay(mini, tmp_path: Path) -> None:
    path = save_game(midgame(mini), tmp_path / "game.json")
    body = json.loads(path.read_text())
    body["choices"][0]["option"] = "sideways"
    body["checksum"] = checksum(body)
    path.write_text(json.dumps(body))
    with pytest.raises(SaveError, match="do not replay"):
        load_game(path, mini)


def test_diverging_replay_names_the_month(mini, tmp_path: Path) -> None:
    session = midgame(mini)
    session.choose([0])
    session.choose(0)
    path = save_game(session, tmp_path / "game.json")
    body = json.loads(path.read_text())
    body["month_hashes"][1] = "0000000000000000"
    body["checksum"] = checksum(body)
    path.write_text(json.dumps(body))
    with pytest.raises(SaveError, match="diverges from the save in 1943-02"):
        load_game(path, mini)


def test_foreign_newer_and_mismatched_saves_are_refused(mini, scenario, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"game": "chess", "format": 1}))
    with pytest.raises(SaveError, match="not a Separate Peace 1943 save"):
        read_envelope(foreign)
    path = save_game(midgame(mini), tmp_path / "game.json")
    body = json.loads(path.read_text())
    body["format"] = FORMAT_VERSION + 1
    body["checksum"] = checksum(body)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(body))
    with pytest.raises(SaveError, match="newer"):
        read_envelope(newer)
    with pytest.raises(SaveError, match="scenario"):
        load_game(path, scenario)


def test_save_from_an_edited_scenario_is_refused(mini, tmp_path: Path) -> None:
    path = save_game(midgame(mini), tmp_path / "game.json")
    edited = tmp_path / "minimal.toml"
    shutil.copy(FIXTURES / "minimal.toml", edited)
    edited.write_text(edited.read_text() + "\n# edited\n")
    with pytest.raises(SaveError, match="different version"):
        load_game(path, load_scenario(edited))


def test_autosave_keeps_the_last_three(scenario, tmp_path: Path) -> None:
    session = Session(scenario, seed=1)
    folder = tmp_path / "saves"
    written = []
    while (request := session.step()) is not None:
        if request.kind == "standing":
            written.append(autosave(session, folder).name)
            session.keep_standing()
        else:
            session.choose(request.available.index(True))
    names = sorted(p.name for p in folder.glob("autosave-*.json"))
    assert len(written) == len(session.months) > AUTOSAVES_KEPT
    assert names == sorted(written[-AUTOSAVES_KEPT:])


def test_the_turn_clock_of_a_class_game_is_saved(mini, tmp_path: Path) -> None:
    session = Session(mini, seed=3, timer_seconds=90.0)
    session.step()
    path = save_game(session, tmp_path / "lesson.json")
    assert json.loads(path.read_text())["timer"] == 90.0
    assert load_game(path, mini).timer_seconds == 90.0
    assert load_game(FIXTURES / "saves" / "format1-midgame.json", mini).timer_seconds is None
