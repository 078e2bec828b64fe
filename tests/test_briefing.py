"""game.briefing: every ending and the cards that lead there, told so that a player is not misled."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.briefing import endings, when_in_words
from game.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(ROOT / "scenarios" / "1943.toml")


def routes(scenario, reader="ussr") -> dict[str, str]:
    return {line.title: line.route for line in endings(scenario, reader)}


def test_an_ending_judged_at_the_years_end_says_so(scenario) -> None:
    """Teheran can come in November and the alliance still break in December: the Teheran ending
    is judged when the calendar runs out, and its sentence says so."""
    teheran = next(e for e in scenario.endings if e.id == "teheran")
    assert teheran.final
    assert routes(scenario)[teheran.title].startswith("When the calendar runs out, if the card “Teheran” has come")
    harbour = load_scenario(ROOT / "tests" / "fixtures" / "harbour.toml")
    assert routes(harbour, None)["The quay is finished"] == "When the calendar runs out, if Quay works at least 60."


def test_an_option_that_ends_the_year_in_an_earlier_ending_is_not_listed_again(scenario) -> None:
    """Accepting the capitulation also makes peace with Hitler, but the surrender is judged first."""
    said = routes(scenario)
    assert "“Berlin's terms: capitulation”" in said["Strategic surrender"]
    assert "capitulation" not in said["An armistice with Hitler"]
    assert "“Berlin names its price”" in said["An armistice with Hitler"]


def test_no_alternative_that_brings_a_card_is_left_out(scenario) -> None:
    """The brink comes on the West's own feelers as well as on trust and alarm: a hidden number is
    named as not shown, a threshold on a card's figure by the figure's name, and an 'or' inside an
    'and' keeps its brackets."""
    brink = when_in_words(scenario, scenario.event("alliance_breaks"))
    assert "Western feelers to Germany at least 60 (a number not shown to you)" in brink
    assert "(Stalin's trust in the alliance at most 8 and Western alarm at least 90)" in brink
    price = when_in_words(scenario, scenario.event("berlin_terms"))
    assert price == ("Berlin channel at least 45 and "
                     "(Berlin's offer at least 20 or German strength in the east below 42)")


def test_every_card_condition_keeps_all_its_alternatives(scenario) -> None:
    """Of alternatives joined by 'or', none is dropped without saying so."""
    for event in scenario.events:
        source = event.when.source if event.when is not None else ""
        words = when_in_words(scenario, event)
        if " or " in source and words:
            assert " or " in words, (event.id, words)
