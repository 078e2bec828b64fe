"""The advisor: endings per option of the card on the table, quickly and reproducibly."""

from __future__ import annotations

import pytest

from game.engine.session import Session
from game.lab.advisor import advise


def at_card(scenario, card: str, seed: int = 3, lever: str = "open") -> Session:
    """A game of the small scenario stopped at ``card``, January's lever set to ``lever``."""
    session = Session(scenario, seed=seed)
    while True:
        request = session.step()
        assert request is not None, f"{card} never came up"
        if request.kind == "standing":
            session.choose([policy.option_index(lever) for policy in request.policies])
        elif request.event is not None and request.event.id == card:
            return session
        else:
            session.choose(request.event.historical)


def test_each_open_option_gets_a_distribution_of_endings(mini) -> None:
    session = at_card(mini, "ultimatum")
    advice = advise(session, runs=2000)
    assert set(advice) == {"defy", "yield"}  # "stall" needs a channel the game does not have
    for shares in advice.values():
        assert set(shares) == {"peace", "rupture", "quiet"}
        assert sum(shares.values()) == pytest.approx(1.0)
    # defiance pushes tension past the breaking point; yielding never does
    assert advice["defy"]["rupture"] > 0.6
    assert advice["yield"]["rupture"] == 0.0


def test_the_choices_already_made_this_month_are_replayed(mini) -> None:
    opened = advise(at_card(mini, "feeler", lever="open"), runs=2000, policy="appeaser")
    shut = advise(at_card(mini, "feeler", lever="shut"), runs=2000, policy="appeaser")
    # a January with the line shut leaves the channel shallower, so the deal comes later or not at all
    assert opened["talk"]["peace"] > shut["talk"]["peace"] + 0.2


def test_advice_is_reproducible_and_leaves_the_game_alone(mini) -> None:
    session = at_card(mini, "ultimatum", seed=5)
    before = session.batch.state.copy(), list(session.history)
    assert advise(session, runs=500) == advise(session, runs=500)
    assert (session.batch.state == before[0]).all() and session.history == before[1]
    session.choose(session.pending.event.option_index("yield"))  # the game goes on as if nothing happened
    assert session.step() is not None or session.over


def test_only_an_event_card_can_be_advised(mini) -> None:
    session = Session(mini, seed=1)
    session.step()  # the standing levers are asked first
    with pytest.raises(ValueError, match="event card"):
        advise(session)


def test_the_first_card_of_the_real_game_is_advised_for_every_available_option(scenario) -> None:
    # bench/advisor.py measures how long this takes; here only what it returns is checked
    session = Session(scenario, seed=1)
    while (request := session.step()) is not None and request.kind == "standing":
        session.keep_standing()
    assert request is not None and request.kind == "event"
    advice = advise(session, runs=2000)
    assert set(advice) == {option.id for index, option in enumerate(request.event.options)
                           if request.available[index]}
    assert all(sum(shares.values()) == pytest.approx(1.0) for shares in advice.values())
