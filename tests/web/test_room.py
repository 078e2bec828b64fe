"""The room of a class game, without a network: answers, the teacher's controls, notes, restarts."""

from __future__ import annotations

import json

import pytest

from game.table.lesson import historical_answer
from game.web.room import GAME_FILE, ROOM_FILE, Room, RoomError


def answer_historically(room: Room) -> None:
    request = room.session.pending
    assert request is not None
    room.answer(request.power, room.seq, historical_answer(room.scenario, room.session, request))


def test_nobody_answers_before_the_teacher_starts(room: Room) -> None:
    with pytest.raises(RoomError, match="not started"):
        room.answer(room.deciding, room.seq, 0)


def test_only_the_deciding_team_answers_and_only_once(room: Room) -> None:
    room.command("start")
    deciding = room.deciding
    other = next(p for p in room.tokens if p != deciding)
    with pytest.raises(RoomError, match="not your team's turn"):
        room.answer(other, room.seq, 0)
    seq = room.seq
    choices = len(room.session.history)
    answer_historically(room)
    assert len(room.session.history) > choices
    made = len(room.session.history)
    # a second browser of the same team sends the same answer a moment later
    if room.deciding == deciding:
        with pytest.raises(RoomError, match="already answered"):
            room.answer(deciding, seq, historical_answer(room.scenario, room.session, room.session.pending))
    assert len(room.session.history) == made


def test_pause_stops_the_clock_and_answers(room: Room) -> None:
    now = [100.0]
    room.clock.now = lambda: now[0]
    room.command("start")
    now[0] += 30
    room.command("pause")
    left = room.clock.remaining()
    now[0] += 300
    assert room.clock.remaining() == left
    with pytest.raises(RoomError, match="paused"):
        answer_historically(room)
    room.command("add_time")
    room.command("resume")
    assert room.clock.remaining() == pytest.approx(left + 60)


def test_skip_takes_history_and_end_finishes_the_game(room: Room) -> None:
    room.command("start")
    before, made = room.seq, len(room.session.history)
    request = room.session.pending
    expected = historical_answer(room.scenario, room.session, request)
    room.command("skip")
    assert room.seq == before + 1
    taken = room.session.history[made:]
    if request.kind == "standing":
        assert [p.option_index(c.option) for p, c in zip(request.policies, taken, strict=True)] == expected
    else:
        assert request.event.option_index(taken[0].option) == expected
    room.command("end")
    assert room.status == "over" and room.session.over
    assert (room.folder / "game-final.json").exists()
    assert "THE END" in "\n".join(room.debrief()["lines"])


def test_a_note_through_stockholm_is_an_effect_of_the_model(room: Room) -> None:
    room.command("start")
    before = room.session.state["berlin_channel"]
    room.send_note("ussr", "stockholm", "Tell Berlin we might listen.")
    assert room.session.state["berlin_channel"] > before
    causes = [c for c in room.session.log.causes if c.kind == "note"]
    assert causes and causes[0].source == "stockholm"
    with pytest.raises(RoomError):
        room.send_note("west", "stockholm", "May we join?")  # the West is not on that channel
    room.send_note("ussr", "stockholm", "A second note.")
    with pytest.raises(RoomError, match="No more notes through Stockholm"):
        room.send_note("ussr", "stockholm", "A third is one too many this month.")


def test_a_restarted_server_resumes_where_the_game_was(room: Room, scenario) -> None:
    room.command("start")
    room.send_note("germany", "stockholm", "Berlin hears you.")
    for _ in range(3):
        answer_historically(room)
    state, seq, tokens = room.session.state, room.seq, dict(room.tokens)
    again = Room.load(scenario, room.folder)
    assert again.session.state == state
    assert again.seq == seq and again.tokens == tokens
    assert [n.text for n in again.session.notes] == ["Berlin hears you."]
    assert again.status == "paused"  # the teacher resumes
    again.command("resume")
    answer_historically(again)


def test_a_damaged_room_file_is_refused_with_its_name(room: Room, scenario) -> None:
    (room.folder / ROOM_FILE).write_text(json.dumps({"tokens": {"ussr": "short"}, "clock_seconds": 1}))
    with pytest.raises(RoomError, match="room.json"):
        Room.load(scenario, room.folder)
    (room.folder / GAME_FILE).write_text("{not json")
    with pytest.raises(RoomError, match="game.json"):
        Room.load(scenario, room.folder)


def test_team_tokens_are_long_and_distinct(room: Room) -> None:
    tokens = list(room.tokens.values())
    assert len(set(tokens)) == len(tokens)
    assert all(len(token) >= 24 for token in tokens)
    wrong = tokens[0][:-1] + ("x" if tokens[0][-1] != "x" else "y")
    assert room.power_of(wrong) is None
    assert room.power_of(tokens[0]) is not None


def test_a_team_page_shows_its_observers_view(room: Room) -> None:
    from dataclasses import replace

    room.command("start")
    for _ in range(4):
        answer_historically(room)
    for power in room.tokens:
        expected = replace(room.table.view(power), causes=[]).to_json()
        assert room.team_view(power)["seat"] == expected


def test_a_restart_keeps_what_each_team_saw_since_it_last_decided(room: Room, scenario) -> None:
    room.command("start")
    deciders = set()
    while len(deciders) < 2 or room.seq < 4:
        deciders.add(room.deciding)
        answer_historically(room)
    before = {power: room.team_view(power)["seat"] for power in room.tokens}
    assert any(seat["last"] is not None for seat in before.values())
    assert any(seat["change_span"].startswith("since you last decided") for seat in before.values())
    again = Room.load(scenario, room.folder)
    for power, seat in before.items():
        after = again.team_view(power)["seat"]
        for key in ("since", "last", "change_span", "variables", "orders"):
            assert after[key] == seat[key], (power, key)


def test_damaged_seat_marks_cost_the_changes_not_the_game(room: Room, scenario, caplog) -> None:
    room.command("start")
    for _ in range(3):
        answer_historically(room)
    data = json.loads((room.folder / ROOM_FILE).read_text())
    power = next(iter(data["seats"]["marks"]))
    data["seats"]["marks"][power]["fired"] = 10**9
    (room.folder / ROOM_FILE).write_text(json.dumps(data))
    again = Room.load(scenario, room.folder)
    assert again.session.state == room.session.state
    assert f"seats.marks.{power}.fired" in caplog.text and "room.json" in caplog.text
    assert again.table.marks[power].turn == -1


def test_a_reason_goes_with_the_answer_and_into_the_save(room: Room, scenario) -> None:
    room.command("start", group="9B, Tuesday")
    request = room.session.pending
    power = request.power
    with pytest.raises(RoomError, match="line of text"):
        room.answer(power, room.seq, historical_answer(room.scenario, room.session, request), reason=["no"])
    room.answer(power, room.seq, historical_answer(room.scenario, room.session, request),
                reason="Stalin wants\nproof first")
    assert room.team_view(power)["seat"]["last"]["reason"] == "Stalin wants proof first"
    again = Room.load(scenario, room.folder)
    assert again.table.group == "9B, Tuesday" and again.team_view(power)["group"] == "9B, Tuesday"
    assert [(r.power, r.text) for r in again.session.remarks.reasons.values()] == [(power, "Stalin wants proof first")]
    assert again.team_view(power)["seat"]["last"]["reason"] == "Stalin wants proof first"


def test_the_group_is_named_at_the_start_only(room: Room) -> None:
    with pytest.raises(RoomError, match="when the game starts"):
        room.command("pause", group="9B")
    room.command("start", group="9B")
    answer_historically(room)
    with pytest.raises(RoomError, match="before the first decision"):
        room.set_group("10A")
    assert room.table.group == "9B"


def test_a_team_page_gives_the_source_of_each_note_and_the_grade_key(room: Room) -> None:
    room.command("start")
    while room.session.pending.kind != "event" or not room.session.pending.event.notes:
        answer_historically(room)
    view = room.team_view(room.deciding)
    notes = view["seat"]["request"]["notes"]
    assert notes and all(view["sources"][str(n)] == room.scenario.note_sources[n] for n in notes)
    assert view["grades"] == dict(room.scenario.grades) and view["seat"]["request"]["evidence"] in view["grades"]
