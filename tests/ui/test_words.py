"""The main screen's words name what moved a number without the card's title or a stray bracket."""

from __future__ import annotations

from pathlib import Path

from game.scenario import load_scenario
from game.session import Session
from game.ui.panels.words import cause_name

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "1943.toml"


def test_a_chance_is_named_by_its_label_and_an_option_by_its_own() -> None:
    title = "Who is Clauss working for?"
    assert cause_name(f"{title} (Clauss is unmasked as a German agent: yes)", title) == \
        "Clauss is unmasked as a German agent"
    assert cause_name(f"{title} (Clauss is unmasked as a German agent: no)", title) == \
        "Clauss is unmasked as a German agent: no"
    assert cause_name("Katyn: Deny and break with the London Poles", "Katyn") == "Deny and break with the London Poles"
    assert cause_name("Berlin names its price: Sign (Berlin accepts: no)", "Berlin names its price") == \
        "Sign; Berlin accepts: no"
    assert cause_name("The ring closes at Stalingrad", "The ring closes at Stalingrad") == \
        "The ring closes at Stalingrad"


def test_every_cause_of_played_games_gets_a_clean_name() -> None:
    """Every label the engine writes for a card's effect, over games played by the computer for
    every power: the name is not empty, not a bare yes or no, and its brackets pair up."""
    scenario = load_scenario(SCENARIO)
    titles = sorted((event.title for event in scenario.events), key=len, reverse=True)
    chances = 0
    for seed in range(6):
        session = Session(scenario, seed=seed, humans=())
        session.play_to_end()
        for cause in session.log.causes:
            title = next((t for t in titles if cause.label.startswith(t)), None)
            if title is None:
                continue
            name = cause_name(cause.label, title)
            chances += name != cause.label.removeprefix(title).removeprefix(": ")
            assert name and name not in {"yes", "no"} and name.count("(") == name.count(")"), cause.label
    assert chances  # some labels carried a chance's outcome
