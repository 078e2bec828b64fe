"""The advisor: endings per option of the card on the table, quickly and reproducibly."""

from __future__ import annotations

from html import escape

import pytest

from game.lab.advisor import UNSURE, WORSE, SameLuck, advise, compare
from game.session import Session
from game.table.knowledge import Knowledge
from game.ui.advisor_panel import comparison_html

COLOURS = {"better": "#0000ff", "worse": "#ff8800", "muted": "#888888", "text": "#ffffff"}


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


# -- the comparison on the player's goals (the real scenario) ------------------------------

def first_card(scenario, humans=None) -> Session:
    """A historical game stopped at its first event card for the people's powers."""
    session = Session(scenario, seed=11, humans=humans)
    while (request := session.step()) is not None:
        if request.kind == "event":
            return session
        session.keep_standing()
    raise AssertionError("no event card came up")


def with_a_worse_option(scenario, event_id: str, var: str, amount: float):
    """The scenario with one option of ``event_id`` made a copy of history's option plus ``amount`` on ``var``."""
    from dataclasses import replace

    from game.scenario.expressions import constant
    from game.scenario.model import Change

    event = scenario.event(event_id)
    historical = event.options[event.historical]
    other = next(i for i in range(len(event.options)) if i != event.historical)
    worse = replace(event.options[other], effects=historical.effects + (
        Change(scenario.column(var), var, "add", constant(amount)),))
    options = tuple(worse if i == other else option for i, option in enumerate(event.options))
    events = tuple(replace(e, options=options) if e.id == event_id else e for e in scenario.events)
    return replace(scenario, events=events), worse.id


def test_an_option_with_a_known_worse_effect_shows_worse_on_that_goal(scenario) -> None:
    probe = first_card(scenario)
    power, event = probe.pending.power, probe.pending.event
    goal = scenario.presentation.good_for(power)[0]  # a goal that is good for the player when high
    changed, worse_id = with_a_worse_option(scenario, event.id, goal, -10)
    advice = compare(first_card(changed), runs=400)
    worse = next(o for o in advice.options if o.id == worse_id)
    reference = next(o for o in advice.options if o.reference)
    assert reference.index == event.historical and advice.compared_with == "history"
    change = worse.goal(goal)
    # lower at the end than with history's option, by more than the margin (the model pulls part of it back)
    assert change.verdict == WORSE and change.versus < -change.margin < 0
    assert change.goal.good_when_high is True
    assert all(c.versus == 0 and c.verdict == "same" for c in reference.goals)  # history against itself
    html = comparison_html(advice, changed, COLOURS, "as in history")
    line = next(part for part in html.split("<br><br>") if worse.label in part)
    assert f"{escape(change.goal.label)} <font color='{COLOURS['worse']}'>" in line and "worse for you" in line


def test_the_comparison_says_how_sure_it_is(scenario) -> None:
    advice = compare(first_card(scenario), runs=300)
    assert advice.runs == 300
    for option in advice.options:
        assert sum(option.endings.values()) == pytest.approx(1.0)
        for change in option.goals:
            assert change.margin >= 0 and change.spread >= 0
            if change.verdict == UNSURE:
                assert abs(change.versus) <= change.margin
    html = comparison_html(advice, scenario, COLOURS, "as in history")
    assert "300 runs per option" in html and "±" in html and "two standard errors" in html


def test_goals_hidden_from_the_seat_are_not_shown(scenario) -> None:
    power = next(p.id for p in scenario.powers
                 if any(scenario.variables[scenario.column(v)].hidden_for(p.id)
                        for v in (*scenario.presentation.main_variables, *scenario.presentation.good_for(p.id))))
    session = first_card(scenario, humans=(power,))
    assert session.pending.power == power
    advice = compare(session, runs=200)
    hidden = {v.id for v in Knowledge.of(session).hidden_from(power)}
    shown = {c.goal.var for c in advice.options[0].goals}
    assert advice.hidden_goals >= 1 and not shown & hidden
    html = comparison_html(advice, scenario, COLOURS, "as in history")
    for var in hidden:
        assert scenario.variables[scenario.column(var)].label not in html


def test_the_same_luck_repeats_each_draw_for_every_block() -> None:
    import numpy as np

    luck = SameLuck(np.random.default_rng(1), 3)
    draws = luck.random(12).reshape(3, 4)
    assert (draws[0] == draws[1]).all() and (draws[1] == draws[2]).all()
    table = luck.random((6, 2)).reshape(3, 2, 2)
    assert (table[0] == table[2]).all()
    with pytest.raises(ValueError, match="equal blocks"):
        luck.normal(0, 1, 7)


def test_the_panel_shows_progress_then_the_comparison(scenario) -> None:
    import threading

    from game.ui.advisor_panel import AdvisorRun, panel_html

    session = first_card(scenario)
    gate = threading.Event()

    def slow(session, runs, progress):
        progress(0.5)
        gate.wait(10)
        return compare(session, runs=runs, progress=progress)

    run = AdvisorRun(session, ("key",), runs=200, advisor=slow)
    event = session.pending.event
    while run.progress < 0.5:
        pass
    assert "50%" in panel_html(run, event.title, scenario, COLOURS, "as in history", 20)
    gate.set()
    run.wait(30)
    html = panel_html(run, event.title, scenario, COLOURS, "as in history", 20)
    assert "Endings:" in html and "50%" not in html
