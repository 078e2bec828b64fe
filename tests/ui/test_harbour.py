"""A second scenario, with other powers and variables, plays through the window to its debrief."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import load_scenario
from game.ui.pilot import Pilot
from game.ui.screens.classroom import HandOverScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.main import MainScreen

HARBOUR = Path(__file__).resolve().parent.parent / "fixtures" / "harbour.toml"


@pytest.fixture(scope="module")
def harbour():
    return load_scenario(str(HARBOUR))


def test_one_player_plays_the_harbour_to_its_debrief(harbour):
    pilot = Pilot.start(scenario=harbour)
    pilot.new_game()
    main = pilot.screen
    assert isinstance(main, MainScreen)
    triangle = main.triangle
    assert {p.id for p in triangle.powers} == {p.id for p in harbour.powers}  # the scenario's corners
    texts: list[str] = []

    def look(top) -> None:
        if isinstance(top, MainScreen) and top.card_box is not None:
            texts.append(top.card_box.html_text)

    pilot.play_to_end_by_keyboard(on_card=look)
    assert isinstance(pilot.screen, DebriefScreen) and pilot.screen.table.session.over
    assert any("Result" in text for text in texts)  # a result card after the decisions
    assert any("as the chronicle tells" in text.lower() or "chronicle" in text.lower() for text in texts)


def test_three_teams_play_the_harbour_hot_seat_to_its_debrief(harbour):
    pilot = Pilot.start(scenario=harbour)
    pilot.new_game(human=",".join(p.id for p in harbour.powers))
    handovers = []

    def look(top) -> None:
        if isinstance(top, HandOverScreen):
            handovers.append(top.power)

    pilot.play_to_end_by_keyboard(on_card=look)
    assert isinstance(pilot.screen, DebriefScreen) and pilot.screen.table.session.over
    assert set(handovers) >= {p.id for p in harbour.powers}
