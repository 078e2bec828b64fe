"""Lesson pacing: a three-team lesson gives every team at least five decisions, spread over
the year in proportion to the minutes of the lesson plan's blocks, over many seeds."""

from __future__ import annotations

import random

import pytest

from game.session import Session
from game.table.lesson import LESSON_DECISIONS, PLAY_BLOCKS, block_of, lesson_plan, start_lesson

TEAMS = ("ussr", "germany", "west")


def play_lesson(scenario, seed: int, chooser: random.Random | None) -> list[tuple[int, str]]:
    """Play a three-team lesson; the teams answer as in 1943, or at random with ``chooser``.

    Returns (turn, power) of every decision the teams were asked.
    """
    session = start_lesson(Session(scenario, seed=seed, humans=TEAMS))
    asked = []
    while session.step() is not None:
        request = session.pending
        asked.append((request.turn, request.power))
        if request.kind == "standing":
            if chooser is None:
                session.choose([policy.historical[request.turn] for policy in request.policies])
            else:
                session.choose([chooser.randrange(len(policy.options)) for policy in request.policies])
        else:
            open_options = [i for i, ok in enumerate(request.available) if ok]
            historical = request.event.historical
            if chooser is None and historical is not None and request.available[historical]:
                session.choose(historical)
            else:
                session.choose((chooser or random.Random(0)).choice(open_options))
    return asked


def expected_per_block(total: int) -> list[float]:
    minutes = [block[2] for block in PLAY_BLOCKS]
    return [total * m / sum(minutes) for m in minutes]


def test_the_plan_gives_each_of_three_teams_five_decisions_in_proportion(scenario) -> None:
    plan = [item for item in lesson_plan(scenario, TEAMS) if not item.conditional]
    assert len(plan) == LESSON_DECISIONS
    for team in TEAMS:
        assert sum(1 for item in plan if item.power == team) == LESSON_DECISIONS // 3
    blocks = [sum(1 for item in plan if block_of(scenario, item.turn) == b) for b in range(len(PLAY_BLOCKS))]
    assert blocks == [round(x) for x in expected_per_block(LESSON_DECISIONS)]


@pytest.mark.parametrize("random_teams", [False, True])
def test_lessons_over_many_seeds_share_the_year(scenario, random_teams: bool) -> None:
    played = 0
    for seed in range(24):
        chooser = random.Random(seed) if random_teams else None
        asked = play_lesson(scenario, seed, chooser)
        assert len(asked) <= LESSON_DECISIONS
        session_ran_to_december = max(turn for turn, _ in asked) >= len(scenario.months) - 2
        if not session_ran_to_december:
            continue  # a peace in spring ends the lesson early: nothing left to decide
        played += 1
        for team in TEAMS:
            assert sum(1 for _, power in asked if power == team) >= 5, (seed, team, asked)
        blocks = [sum(1 for turn, _ in asked if block_of(scenario, turn) == b) for b in range(len(PLAY_BLOCKS))]
        for count, expected in zip(blocks, expected_per_block(len(asked)), strict=True):
            assert abs(count - expected) <= 1.01, (seed, blocks)
    assert played >= 12
