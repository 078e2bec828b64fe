"""Saves: atomic writes, versioned envelopes, and refusal of anything damaged or foreign."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from game.saves import (
    AUTOSAVES_KEPT,
    FORMAT_VERSION,
    SaveError,
    autosave,
    checksum,
    default_save_path,
    game_id,
    list_saves,
    load_game,
    read_envelope,
    save_game,
)
from game.scenario import load_scenario
from game.session import Session

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


def resign(path: Path, **changes) -> None:
    """Edit a save's fields and recompute its checksum, as a tamperer would."""
    body = json.loads(path.read_text())
    body.update(changes)
    body["checksum"] = checksum(body)
    path.write_text(json.dumps(body))


def test_a_damaged_or_missing_save_is_read_from_its_backup_and_says_so(mini, tmp_path: Path) -> None:
    session = midgame(mini)
    path = save_game(session, tmp_path / "game.json")
    session.choose([1])
    save_game(session, path)
    told: list[str] = []
    path.write_text(path.read_text()[:100])
    loaded = load_game(path, mini, report=told.append)
    assert loaded.turn == 1 and "truncated" in told[0] and "game.json.bak" in told[0]
    path.unlink()
    told.clear()
    assert load_game(path, mini, report=told.append).turn == 1
    assert "no such save file" in told[0]
    listed = list_saves(tmp_path)
    assert [(p.name, body is not None) for p, body, _ in listed] == [("game.json", True)]
    assert "previous version" in listed[0][2]


def test_backup_is_a_real_file_made_before_the_replace(mini, tmp_path: Path) -> None:
    session = midgame(mini)
    path = save_game(session, tmp_path / "game.json")
    first = path.read_bytes()
    session.choose([1])
    save_game(session, path)
    backup = tmp_path / "game.json.bak"
    assert backup.is_file() and not backup.is_symlink() and backup.read_bytes() == first
    assert backup.stat().st_ino != path.stat().st_ino


@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "link-out"])
def test_only_regular_files_are_ever_replaced(mini, tmp_path: Path, kind: str) -> None:
    target = tmp_path / "target"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    if kind == "folder":
        target.mkdir()
        (target / "keep").write_text("mine")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target = Path("/dev/null")
    else:
        (outside / "notes.txt").write_text("mine")
        (tmp_path / "saves").mkdir()
        target = tmp_path / "saves" / "link.json"
        target.symlink_to(outside / "notes.txt")
    with pytest.raises(SaveError, match="not saving to"):
        save_game(midgame(mini), target)
    if kind == "folder":
        assert (target / "keep").read_text() == "mine" and not (tmp_path / "target.bak").exists()
    if kind == "device":
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    if kind == "link-out":
        assert (outside / "notes.txt").read_text() == "mine" and target.is_symlink()


def test_a_missing_folder_or_a_folder_that_is_a_file_is_refused(mini, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    for target in (tmp_path / "nope" / "game.json", tmp_path / "file" / "game.json"):
        with pytest.raises(SaveError, match="cannot write"):
            save_game(midgame(mini), target)


def test_stray_temporaries_of_a_dead_process_are_cleaned(mini, tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stray = tmp_path / f".game.json.{int(dead.stdout)}.abc123.tmp"
    stray.write_text("half a save")
    mine = tmp_path / f".other.json.{os.getpid()}.abc123.tmp"
    mine.write_text("being written")
    list_saves(tmp_path)
    assert not stray.exists() and mine.exists()


def test_names_never_collide_between_games_of_one_seed(mini, tmp_path: Path) -> None:
    first, second = midgame(mini), midgame(mini)
    assert first.seed == second.seed and game_id(first) != game_id(second)
    assert default_save_path(first, tmp_path) != default_save_path(second, tmp_path)
    save_game(first, default_save_path(first, tmp_path))
    with pytest.raises(SaveError, match="holds a save of game"):
        save_game(second, default_save_path(first, tmp_path))
    assert load_game(default_save_path(first, tmp_path), mini).game_id == first.game_id


def test_a_file_that_is_no_save_is_never_overwritten(mini, tmp_path: Path) -> None:
    essay = tmp_path / "essay.json"
    essay.write_text('{"my": "homework"}')
    with pytest.raises(SaveError, match="not a save of this game"):
        save_game(midgame(mini), essay)
    assert essay.read_text() == '{"my": "homework"}'


def test_autosaves_rotate_per_game(scenario, tmp_path: Path) -> None:
    games = [Session(scenario, seed=1), Session(scenario, seed=1)]
    for session in games:
        while session.turn < 5:
            request = session.step()
            autosave(session, tmp_path)
            if request.kind == "standing":
                session.keep_standing()
            else:
                session.choose(request.available.index(True))
    for session in games:
        assert len(list(tmp_path.glob(f"autosave-{session.game_id}-*.json"))) == AUTOSAVES_KEPT
    assert len(list(tmp_path.glob("autosave-*.json"))) == 2 * AUTOSAVES_KEPT


def test_format_one_saves_migrate_with_a_stable_game_id(mini) -> None:
    path = FIXTURES / "saves" / "format1-midgame.json"
    first, again = read_envelope(path), read_envelope(path)
    assert first["format"] == FORMAT_VERSION == 2
    assert first["game_id"] == again["game_id"] == json.loads(path.read_text())["checksum"][:12]


@pytest.mark.parametrize("changes, reason", [
    ({"seed": -1}, "seed"),
    ({"seed": 2**70}, "seed"),
    ({"timer": 0}, "timer"),
    ({"month": "1943-13"}, "month"),
    ({"params": {"leak": "x"}}, "params"),
    ({"month_hashes": []}, "edited or damaged"),
    ({"turn": 0}, "edited or damaged"),
    ({"ending": "peace"}, "edited or damaged"),
    ({"humans": ["mars"]}, "unknown power"),
    ({"game_id": "../../etc"}, "game_id"),
])
def test_resigned_saves_with_bad_fields_are_refused(mini, tmp_path: Path, changes: dict, reason: str) -> None:
    path = save_game(midgame(mini), tmp_path / "game.json")
    resign(path, **changes)
    with pytest.raises(SaveError, match=reason):
        load_game(path, mini)


@pytest.mark.parametrize("content", [
    "[" * 100_000 + "]" * 100_000,
    '{"game": "separate-peace-1943", "format": 1, "seed": ' + "9" * 5000 + "}",
    '{"game": "separate-peace-1943", "format": 1, "seed": NaN}',
    '{"game": "separate-peace-1943", "format": 1, "seed": 1e999}',
    "\udcff",
])
def test_hostile_files_are_refused_with_a_reason(tmp_path: Path, content: str) -> None:
    path = tmp_path / "hostile.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(SaveError, match="hostile.json"):
        read_envelope(path)
    assert list_saves(tmp_path)[0][1] is None


def test_special_files_are_refused_without_reading_them(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(SaveError, match="not a save"):
            read_envelope(path)


@pytest.mark.parametrize("field", ["ending", "turn", "month", "month_hashes", "choices", "seed", "game_id"])
def test_a_resigned_save_missing_a_field_is_refused(mini, tmp_path: Path, field: str) -> None:
    path = save_game(midgame(mini), tmp_path / "game.json")
    body = json.loads(path.read_text())
    del body[field]
    body["checksum"] = checksum(body)
    path.write_text(json.dumps(body))
    with pytest.raises(SaveError, match=field):
        load_game(path, mini)
