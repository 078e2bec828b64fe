"""The timeline's months, the orders a seat moved and the room's screen come from the table.

The window's timeline and deck and the browser's projector render these; what a seat or
the room may read is decided by game/table/knowledge.py, checked here against the same
secrets the no-leak test uses.
"""

from __future__ import annotations

import random

from game.debrief import sent_notes
from game.scenario import Scenario
from game.table import Knowledge, Table
from game.table.lesson import LessonSettings
from tests.table.leaks import answer_randomly, secrets

ALL = ("ussr", "germany", "west")


def _answer_randomly(table: Table, rng: random.Random) -> None:
    table.handed_over()
    answer_randomly(table, rng)


def test_a_team_reads_in_its_timeline_only_its_own_choices_and_what_it_learnt(scenario: Scenario) -> None:
    table = Table.new(scenario, seed=3, humans=ALL, autosaving=False)
    rng = random.Random(3)
    for _ in range(40):
        _answer_randomly(table, rng)
    turns = range(min(table.session.turn, len(scenario.months) - 1) + 1)
    everyone = [table.observer(None).month_log(turn) for turn in turns]
    assert {c.power for log in everyone for c in log.decisions + log.orders} == set(ALL)  # the teacher reads all
    withheld = 0
    for power in ALL:
        _, unknown = secrets(table, power)
        for turn, whole in zip(turns, everyone, strict=True):
            log = table.observer(power).month_log(turn)
            assert {c.power for c in log.decisions + log.orders} <= {power}
            assert [c for c in whole.decisions if c.power == power] == log.decisions
            for line in log.events:
                assert not any(line.endswith(title) for title in unknown), (power, line)
            withheld += len(whole.events) - len(log.events)
    assert withheld > 0  # some team was kept from some event


def test_one_team_at_the_screen_reads_every_choice_people_made(scenario: Scenario) -> None:
    table = Table.new(scenario, seed=2, humans=("ussr",), autosaving=False)
    rng = random.Random(2)
    for _ in range(6):
        _answer_randomly(table, rng)
    logs = [table.observer("ussr").month_log(turn) for turn in range(table.session.turn)]
    assert logs[0].orders and all(c.power == "ussr" for log in logs for c in log.decisions + log.orders)
    assert logs[0].month == "November 1942"


def test_moved_orders_are_the_seats_own_orders_set_away_from_history(scenario: Scenario) -> None:
    table = Table.new(scenario, seed=5, humans=ALL, autosaving=False)
    while table.request is not None and table.request.kind != "standing":
        _answer_randomly(table, random.Random(0))
    request = table.request
    assert request is not None
    power = request.power
    assert table.observer(power).moved_orders() == frozenset()
    answer = [(p.historical[request.turn] + 1) % len(p.options) for p in request.policies]
    table.handed_over()
    table.answer(power, answer)
    moved = {p.id for p in request.policies}
    assert table.observer(power).moved_orders() == moved
    assert all(not table.observer(other).moved_orders() & moved for other in ALL if other != power)


def test_the_room_sees_only_what_every_power_knows(scenario: Scenario) -> None:
    table = Table.new(scenario, seed=4, humans=ALL, lesson=LessonSettings(), autosaving=False)
    rng = random.Random(4)
    hidden_seen = 0
    while not table.over:
        public = table.public().view()
        knowledge = Knowledge.of(table.session)
        for row in public.variables:
            every = all(knowledge.sees(power, row.id) for power in ALL)
            assert (row.value is not None) == every, row.id
            hidden_seen += not every
        titles = [item.title for item in public.news]
        for power in ALL:
            _, unknown = secrets(table, power)
            assert not set(titles) & unknown, power
        _answer_randomly(table, rng)
    assert hidden_seen > 0  # the room was kept from some number


def test_a_team_reads_the_notes_of_its_own_channels(scenario: Scenario) -> None:
    table = Table.new(scenario, seed=1, humans=ALL, autosaving=False)
    channels = scenario.channels
    assert channels
    for channel in channels:
        table.session.send_note(channel.id, channel.powers[0], f"on {channel.id}")
    every = sent_notes(scenario, table.session)
    assert len(every) == len(channels)
    for power in ALL:
        read = sent_notes(scenario, table.session, reader=power)
        assert [n.text for n in read] == [f"on {c.id}" for c in channels if power in c.powers]


def test_a_seat_counts_its_own_choices_and_only_its_own(scenario: Scenario) -> None:
    table = Table.new(scenario, seed=5, humans=ALL, autosaving=False)
    rng = random.Random(5)
    for _ in range(30):
        _answer_randomly(table, rng)
    history = table.session.history
    owners = {}
    for choice in history:
        owners[id(choice)] = (scenario.policy(choice.id).power if choice.kind == "standing"
                              else scenario.event(choice.id).power)
    for power in ALL:
        own = table.observer(power).own_choices()
        assert own and all(owners[id(choice)] == power for choice in own)
        assert len(own) == sum(owner == power for owner in owners.values())
        made = table.observer(power).own_choices(taken_for_it=False)
        assert not any(choice.auto for choice in made) and set(map(id, made)) <= set(map(id, own))
