"""A played game: requests, choices, rewinds and the same game from the same seed."""

from __future__ import annotations

import pytest

from game.policies import make_policy
from game.session import Choice, Session, play_with_policy


def test_first_request_is_the_soviet_standing_policies(scenario) -> None:
    session = Session(scenario, seed=1)
    request = session.step()
    assert request is not None and request.kind == "standing" and request.power == "ussr"
    assert [p.id for p in request.policies] == [p.id for p in scenario.policies if p.power == "ussr"]


def test_invalid_answers_are_refused_without_changing_the_game(scenario) -> None:
    session = Session(scenario, seed=1)
    request = session.step()
    with pytest.raises(ValueError):
        session.choose([0])
    with pytest.raises(ValueError):
        session.choose([99] * len(request.policies))
    assert session.history == [] and session.pending is request


def test_historical_play_records_every_month(scenario) -> None:
    session = Session(scenario, seed=3)
    ending = play_with_policy(session, make_policy("historical"))
    assert ending.id == session.ending.id
    assert [m.month for m in session.months] == [str(m) for m in scenario.months][: len(session.months)]
    assert len(session.months) == len(scenario.months) or ending.final is False


def test_rewind_replays_to_the_start_of_a_month_and_branches(scenario) -> None:
    session = Session(scenario, seed=8)
    play_with_policy(session, make_policy("historical"))
    rewound = Session(scenario, seed=8)
    rewound.replay(session.history, until_turn=4)
    assert rewound.turn == 4 and rewound.pending is not None and rewound.pending.kind == "standing"
    assert [m.hash for m in rewound.months] == [m.hash for m in session.months[:4]]
    rewound.choose([(i + 1) % len(p.options) for i, p in enumerate(rewound.pending.policies)])
    play_with_policy(rewound, make_policy("historical"))
    assert [m.hash for m in rewound.months][4:] != [m.hash for m in session.months][4:]


def test_replay_refuses_choices_that_do_not_fit(scenario) -> None:
    session = Session(scenario, seed=2)
    with pytest.raises(ValueError):
        session.replay([Choice(0, "event", "no_such_event", "x")])


def test_unknown_human_power_is_refused(scenario) -> None:
    with pytest.raises(ValueError, match="unknown power"):
        Session(scenario, seed=1, humans=("japan",))
