"""The information rule for acts, on the cases the scenario was written for."""

from __future__ import annotations

from game.scenario import Scenario
from game.session import Session
from game.table import Knowledge

ALL = ("ussr", "germany", "west")


def knowledge(scenario: Scenario) -> Knowledge:
    return Knowledge.of(Session(scenario, seed=1, humans=ALL))


def test_an_act_that_changes_only_what_a_power_cannot_see_is_unknown_to_it(scenario: Scenario) -> None:
    known = knowledge(scenario)
    landing = scenario.event("invasion_delayed_to_1944")  # changes the second front and Stalin's trust
    for option in landing.options:
        assert not known.knows_event("germany", landing, option)
        assert known.knows_event("ussr", landing, option) and known.knows_event("west", landing, option)


def test_seen_by_overrides_the_rule_both_ways(scenario: Scenario) -> None:
    known = knowledge(scenario)
    saefkow = scenario.event("saefkow_line")  # changes only exposure, which all see
    assert known.knows_event("ussr", saefkow) and not known.knows_event("germany", saefkow)
    assert not known.knows_event("west", saefkow)
    kursk = scenario.event("kursk_offensive")  # staying defensive changes a number Moscow cannot see
    for option in kursk.options:
        assert known.knows_event("ussr", kursk, option) and known.knows_event("west", kursk, option)


def test_a_reveal_makes_the_acts_on_a_variable_known(scenario: Scenario) -> None:
    session = Session(scenario, seed=1, humans=ALL)
    channel = scenario.policy("channel")
    listening = channel.options[channel.option_index("listening")]  # moves the Berlin channel only
    assert not Knowledge.of(session).knows_order("west", channel, listening)
    session.batch.state[0, scenario.column("exposure")] = 40  # the contacts leak
    assert Knowledge.of(session).knows_order("west", channel, listening)


def test_the_teacher_knows_everything(scenario: Scenario) -> None:
    known = knowledge(scenario)
    assert all(known.knows_event(None, event) for event in scenario.events)
    assert all(value is not None for value in known.visible_state(None).values())
