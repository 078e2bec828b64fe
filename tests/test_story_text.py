"""game.story: the words a seat hears after a decision, read from the scenario."""

from __future__ import annotations

from pathlib import Path

from game import story
from game.scenario import load_scenario
from game.session import Session

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "1943.toml"


def test_a_decision_is_told_with_its_outcome_and_then_1943() -> None:
    scenario = load_scenario(SCENARIO)
    event = scenario.event("stockholm_estate_talks")
    option = event.options[event.option_index("decline")]
    lines = story.after_choice(scenario, event, option)
    assert lines[0] == option.outcome
    assert lines[1].startswith("As in 1943: ") and event.in_1943 in lines[1]


def test_a_computer_decision_names_the_power_and_its_reason() -> None:
    scenario = load_scenario(SCENARIO)
    event = scenario.event("katyn_announced")
    option = event.options[event.option_index("announce")]
    first = story.computer_choice(scenario, event, option)[0]
    assert first.startswith("Germany: ") and option.label in first and option.reason in first


def test_a_chance_branch_is_told_as_it_fell() -> None:
    scenario = load_scenario(SCENARIO)
    event = scenario.event("clauss_hoax")
    label = "Clauss is unmasked as a German agent"
    assert "unmasked" in story.chance_story(event, label, True)
    assert story.chance_story(event, label, False) and story.chance_story(event, label, False) != \
        story.chance_story(event, label, True)


def test_the_price_card_shows_the_offer_and_the_price_of_the_state() -> None:
    scenario = load_scenario(SCENARIO)
    session = Session(scenario, seed=1)
    state = session.state
    event = scenario.event("berlin_terms")
    shown = dict(story.figures(scenario, event, state, 0))
    assert set(shown) == {"Berlin's offer", "Moscow's price"}
    params = scenario.param_values()
    offer = (100 - state["nazi_intransigence"] + params["offer_front_weight"] * state["front"]
             - params["ascendancy_penalty"] * max(0.0, state["german_east"] - state["red_army"]))
    assert abs(shown["Berlin's offer"] - offer) < 1e-9
    richer = dict(state, nazi_intransigence=state["nazi_intransigence"] - 10)
    assert abs(dict(story.figures(scenario, event, richer, 0))["Berlin's offer"] - offer - 10) < 1e-9


def test_grade_key_and_note_source_read_the_scenario() -> None:
    scenario = load_scenario(SCENARIO)
    assert "textbook" in story.grade_key(scenario, "general")
    assert "Kennan" in story.note_source(scenario, 1)
    assert story.note_source(scenario, 999) == ""


def test_moscow_reads_berlins_offer_beside_its_price_on_the_card() -> None:
    """Berlin names its offer through Stockholm: the card tells Moscow the number even
    though what sets it (Hitler's intransigence) stays hidden; a figure not marked told
    and built on hidden variables stays off the card."""
    from dataclasses import replace

    from game.table import Table
    from game.table.observer import ask_view

    scenario = load_scenario(Path("scenarios/1943.toml"))
    event = scenario.event("berlin_terms")
    assert "Berlin's offer" in event.told_figures
    table = Table.new(scenario, seed=3, humans=("ussr",), autosaving=False)
    while table.request is not None and table.request.kind != "event":
        table.keep("ussr")
    request = replace(table.request, event=event, available=[True] * len(event.options))
    shown = {figure.label for figure in ask_view(table, request).figures}
    assert shown == {"Berlin's offer", "Moscow's price"}
    untold = replace(request, event=replace(event, told_figures=frozenset()))
    assert {figure.label for figure in ask_view(table, untold).figures} == {"Moscow's price"}
