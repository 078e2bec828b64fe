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


def test_in_a_small_window_the_options_give_way_to_the_panel(scenario):
    """At 1280x720, 200% and large text the card's options left the panel three lines: there it
    takes the card, the options become numbered buttons beside "Back", and a number still chooses."""
    pilot = at_first_event((1280, 720), Settings(ui_scale=2.0, text_size="large"), scenario)
    main = pilot.screen
    card = main.layout.card
    closed = main.card_box.rect.height
    pilot.press("a")
    main.wait_for_advisor()
    pilot.frames(2)
    box = main.card_box
    assert "Endings:" in box.html_text
    assert box.rect.height >= card.height * 0.75 > closed
    labels = [e.text for e in main.elements if type(e).__name__ == "UIButton"]
    options = [o for o in main.deck.card.ask.options if o.available]
    assert [str(n) for n in range(1, len(options) + 1)] == [t for t in labels if t.isdigit()]
    assert problems(pilot) == []
    decided = len(main.deck.table.session.history)
    pilot.click(pilot.button("2"))
    assert len(main.deck.table.session.history) > decided


def test_a_large_window_keeps_the_options_under_the_panel(scenario):
    pilot = at_first_event((1920, 1080), Settings(), scenario)
    main = pilot.screen
    pilot.press("a")
    main.wait_for_advisor()
    pilot.frames(2)
    labels = [e.text for e in main.elements if type(e).__name__ == "UIButton"]
    assert any(t.startswith("1   ") for t in labels) and not any(t.isdigit() for t in labels)
