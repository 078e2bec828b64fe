"""The advisor's panel in the window: progress, then the comparison, and the layout holds at every size."""

from __future__ import annotations

import pytest

from game.ui.pilot import Pilot
from game.ui.settings import Settings
from tests.ui.test_layout import CONFIGS, problems


def at_first_event(size=(1280, 720), settings=None, scenario=None) -> Pilot:
    pilot = Pilot.start(size=size, settings=settings, scenario=scenario)
    pilot.new_game()
    main = pilot.screen
    for _ in range(40):
        if main.deck.card.kind == "event":
            return pilot
        pilot.answer_historically(main)
    raise AssertionError("no event card came up")


@pytest.mark.parametrize(("size", "scale", "text"), CONFIGS)
def test_the_advisor_panel_fits(scenario, size, scale, text):
    pilot = at_first_event(size, Settings(ui_scale=scale, text_size=text), scenario)
    main = pilot.screen
    pilot.press("a")
    main.wait_for_advisor()
    pilot.frames(2)
    assert "Endings:" in main.card_box.html_text
    assert problems(pilot) == []


def test_the_panel_is_rebuilt_from_progress_to_the_answer(scenario, monkeypatch):
    import threading

    import game.ui.panels.advisor as main_module
    from game.lab.advisor import compare

    gate = threading.Event()

    def slow(session, runs, progress):
        progress(0.25)
        gate.wait(10)
        return compare(session, runs=runs, progress=progress)

    monkeypatch.setattr(main_module, "advisor_function", lambda: slow)
    pilot = at_first_event(scenario=scenario)
    main = pilot.screen
    pilot.press("a")
    for _ in range(100):
        pilot.frames(1)
        if "25%" in main.card_box.html_text:
            break
    assert "25%" in main.card_box.html_text and "Playing each option" in main.card_box.html_text
    gate.set()
    main.wait_for_advisor()
    pilot.frames(2)
    assert "Endings:" in main.card_box.html_text and "25%" not in main.card_box.html_text
