"""The group's name and the reasons for decisions: kept, cleaned, saved and replayed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.remarks import GROUP_MAX_CHARS, REASON_MAX_CHARS, Remarks
from game.saves import SaveError, checksum, load_game, read_envelope
from game.scenario import Scenario
from game.table import AskKind, Table, TurnError
from game.table.lesson import LessonSettings

ALL = ("ussr", "germany", "west")
FIXTURES = Path(__file__).parent.parent / "fixtures" / "saves"


def decide(table: Table, count: int, reason: str = "") -> list[int]:
    """Take ``count`` decisions (first option, or keep), each with ``reason`` and its number;
    returns the history index of each decision's first choice."""
    firsts = []
    for number in range(count):
        if table.handover:
            table.handed_over()
        view = table.view(table.waiting_for)
        assert view.request is not None
        firsts.append(len(table.session.history))
        text = f"{reason} {number}" if reason else None
        if view.request.kind is AskKind.STANDING:
            table.keep(view.power, reason=text)
        else:
            table.answer(view.power, next(o.index for o in view.request.options if o.available), reason=text)
    return firsts


def test_reasons_and_the_group_name_survive_save_and_load(scenario: Scenario, tmp_path: Path) -> None:
    table = Table.new(scenario, seed=11, humans=ALL, autosaving=False, group="Class 9B, table 2",
                      lesson=LessonSettings())
    firsts = decide(table, 4, "Stockholm is too risky")
    assert table.group == "Class 9B, table 2"
    assert [table.reason(i) for i in firsts] == [f"Stockholm is too risky {n}" for n in range(4)]
    path = table.save(tmp_path / "g.json")
    body = json.loads(path.read_text())
    assert body["group"] == "Class 9B, table 2"
    assert [r["choice"] for r in body["reasons"]] == firsts
    loaded = Table.load(path, scenario, autosaving=False)
    assert loaded.group == table.group
    assert loaded.session.remarks.reasons == table.session.remarks.reasons
    assert loaded.session.history == table.session.history
    # the seat is told its own reason with its last decision
    power = table.session.history[firsts[-1]]
    assert power is not None
    last = table.view(table.session.remarks.reasons[firsts[-1]].power).last
    assert last is not None and last.reason == "Stockholm is too risky 3"
    assert table.view(None).group == "Class 9B, table 2"


def test_a_decision_without_a_reason_keeps_none(scenario: Scenario, tmp_path: Path) -> None:
    table = Table.new(scenario, seed=3, humans=("ussr",), autosaving=False)
    decide(table, 3)
    assert table.session.remarks.reasons == {} and table.group == ""
    body = json.loads(table.save(tmp_path / "g.json").read_text())
    assert "reasons" not in body and "group" not in body


def test_a_rewind_keeps_the_reasons_of_the_choices_it_keeps(scenario: Scenario) -> None:
    table = Table.new(scenario, seed=4, humans=("ussr",), autosaving=False)
    firsts = decide(table, 12, "why")
    turn = table.session.history[firsts[-1]].turn
    table.rewind(turn)
    kept = len(table.session.history)
    assert 0 < kept < firsts[-1] + 1
    assert set(table.session.remarks.reasons) == {i for i in firsts if i < kept}
    assert all(table.reason(i) == f"why {firsts.index(i)}" for i in table.session.remarks.reasons)


def test_odd_and_oversized_text_is_cleaned(scenario: Scenario) -> None:
    table = Table.new(scenario, seed=5, humans=("ussr",), autosaving=False)
    assert table.set_group("  Red\x1b[31m\tTeam\u202e\n\n  \x00one ") == "Red[31m Team one"
    assert len(table.set_group("x" * 10_000)) == GROUP_MAX_CHARS
    assert table.set_group("\x07\x08   ") == "" and table.group == ""
    table.set_group("Kollontay's table")
    request = table.request
    assert request is not None
    first = len(table.session.history)
    answer = list(request.current) if request.kind == "standing" else 0
    table.answer(request.power, answer, reason="because\r\n" + "é" * 5000 + "\x1b]0;title\x07")
    text = table.reason(first)
    assert len(text) == REASON_MAX_CHARS and text.startswith("because é") and "\x1b" not in text
    with pytest.raises(TurnError):
        table.set_group("too late")
    assert table.group == "Kollontay's table"


def test_a_reason_of_only_spaces_is_no_reason(scenario: Scenario) -> None:
    table = Table.new(scenario, seed=6, humans=("ussr",), autosaving=False)
    request = table.request
    assert request is not None and request.kind == "standing"
    table.keep(request.power, reason=" \t \x00 ")
    assert table.session.remarks.reasons == {}


def tampered(path: Path, change) -> Path:
    body = json.loads(path.read_text())
    change(body)
    body["checksum"] = checksum(body)
    path.write_text(json.dumps(body))
    return path


@pytest.mark.parametrize("change, expected", [
    (lambda b: b.update(group=["not", "text"]), "'group'"),
    (lambda b: b.update(group="x" * 3000), "'group'"),
    (lambda b: b.update(reasons="why"), "'reasons'"),
    (lambda b: b.update(reasons=[{"choice": 0, "power": "ussr"}]), "a reason needs"),
    (lambda b: b.update(reasons=[{"choice": 10**6, "power": "ussr", "text": "x"}]), "does not hold"),
    (lambda b: b.update(reasons=[{"choice": 0, "power": "nobody", "text": "x"}]), "does not hold"),
    (lambda b: b.update(reasons=[{"choice": True, "power": "ussr", "text": "x"}]), "a reason needs"),
])
def test_a_save_with_malformed_remarks_is_refused_with_the_key(scenario: Scenario, tmp_path: Path, change,
                                                                expected: str) -> None:
    table = Table.new(scenario, seed=7, humans=("ussr",), autosaving=False)
    decide(table, 2, "r")
    path = tampered(table.save(tmp_path / "g.json"), change)
    (tmp_path / "g.json.bak").unlink(missing_ok=True)
    with pytest.raises(SaveError, match=expected):
        load_game(path, scenario)


def test_remarks_in_a_save_are_cleaned_again_when_read(scenario: Scenario, tmp_path: Path) -> None:
    table = Table.new(scenario, seed=8, humans=("ussr",), autosaving=False)
    firsts = decide(table, 2, "r")
    path = tampered(table.save(tmp_path / "g.json"), lambda b: b.update(
        group="A\x1b[2J\u200bB", reasons=[{"choice": firsts[1], "power": "ussr", "text": "line\nbreak" * 100}]))
    session = load_game(path, scenario)
    assert session.remarks.group == "A[2JB"  # the escape goes; the harmless rest stays
    assert session.remarks.reason_at(firsts[1]).startswith("line breakline") and \
        len(session.remarks.reason_at(firsts[1])) == REASON_MAX_CHARS
    assert session.remarks.reason_at(firsts[0]) == ""


@pytest.mark.parametrize("name", ["format1-midgame.json", "format2-no-remarks.json"])
def test_older_saves_without_remarks_still_load(name: str) -> None:
    from game.scenario import load_scenario

    mini = load_scenario(FIXTURES.parent / "minimal.toml")
    body = read_envelope(FIXTURES / name)
    assert "group" not in body and "reasons" not in body
    session = load_game(FIXTURES / name, mini)
    assert session.remarks == Remarks()


def test_a_group_name_reaches_the_class_report(scenario: Scenario, tmp_path: Path) -> None:
    from game.classroom.report import read_group

    table = Table.new(scenario, seed=9, humans=ALL, autosaving=False, lesson=LessonSettings(), group="The Owls")
    decide(table, 2, "r")
    path = table.save(tmp_path / "owls.json")
    assert read_group(path, scenario).name == "The Owls"
