"""The task of a waiting team: from the lesson plan, the team's packet and the guide, never generic."""

from __future__ import annotations

from game.table.lesson import PLAY_BLOCKS, block_of, historical_answer
from game.web.room import Room
from game.web.task import next_decision, plan_table


def play_until(room: Room, done) -> None:
    while not done():
        request = room.session.pending
        room.answer(request.power, room.seq, historical_answer(room.scenario, room.session, request))


def test_the_guide_gives_the_words_of_each_block_of_play() -> None:
    rows = plan_table()
    for name, _, _ in PLAY_BLOCKS:
        assert rows[name]["says"], name
    assert "aim" in rows["briefing"]["says"]


def test_a_waiting_team_is_told_its_worksheet_row_its_next_card_and_the_blocks_words(room: Room) -> None:
    room.command("start")
    play_until(room, lambda: len(room.table.last) >= 2 and room.seq >= 5)
    deciding = room.deciding
    waiting = [p for p in room.tokens if p != deciding and p in room.table.last]
    assert waiting
    power = waiting[0]
    task = room.team_view(power)["task"]
    text = "\n".join(task["steps"])
    last = room.table.last[power]
    month = room.scenario.months[last.turn]
    assert task["title"].startswith("While ") and "decides" in task["title"]
    from game.table import month_name
    assert f"finish the row for {month_name(str(month))}" in text
    if last.kind == "event":
        assert room.scenario.event(last.sources[0]).title in text
    block = PLAY_BLOCKS[block_of(room.scenario, min(room.session.turn, len(room.scenario.months) - 1))][0]
    assert plan_table()[block]["says"] in text
    upcoming = next_decision(room.table, power)
    if upcoming is not None and upcoming.kind == "event":
        assert room.scenario.event(upcoming.id).title in text
        for extract in room.scenario.extracts_for({upcoming.id})[:2]:
            assert f"source {extract.number} ({extract.speaker}" in text
    assert room.team_view(deciding)["task"] is None


def test_the_tasks_differ_by_team_and_by_part_of_the_year(room: Room) -> None:
    room.command("start")
    seen = set()
    while room.status == "playing":
        for power in room.tokens:
            task = room.team_view(power)["task"]
            if task:
                seen.add((power, task["block"], tuple(task["steps"])))
        request = room.session.pending
        room.answer(request.power, room.seq, historical_answer(room.scenario, room.session, request))
    assert len({block for _, block, _ in seen}) == len(PLAY_BLOCKS)
    assert len({steps for _, _, steps in seen}) >= 8
