"""The window lets go of replaced widgets and of the last game at once, not whenever the collector runs.

pygame_gui keeps a widget's text layout in a reference cycle (the layout and its rows point at
each other), so only the cycle collector frees its images. These tests switch the automatic
collector off: what is freed is freed by the window's own calls (game/ui/memory.py).
"""

from __future__ import annotations

import gc
import weakref

import pygame
import pytest
from pygame_gui.elements import UITextBox

from game.ui import memory
from game.ui.pilot import Pilot
from game.ui.starting import start_new_game


@pytest.fixture
def no_automatic_collection():
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_killed_text_box_keeps_its_layout_until_released(scenario, no_automatic_collection):
    pilot = Pilot.start(scenario=scenario)
    box = UITextBox("<b>Kursk</b> in July", pygame.Rect(10, 10, 300, 120), pilot.app.manager)
    layout = weakref.ref(box.text_box_layout)
    box.kill()
    del box
    assert layout() is not None  # a cycle: reference counting alone does not free it
    memory.release()
    assert layout() is None


def test_a_new_game_frees_the_last_one_at_the_end_of_the_frame(scenario, no_automatic_collection):
    pilot = Pilot.start(scenario=scenario)
    pilot.new_game()
    old_table = weakref.ref(pilot.screen.deck.table)
    old_box = weakref.ref(pilot.screen.card_box.text_box_layout)
    pilot.answer_historically(pilot.screen)
    start_new_game(pilot.app, seed=11)
    assert old_table() is not None  # still held while the frame that started the game runs
    pilot.frames(1)
    assert old_table() is None and old_box() is None
    assert gc.get_freeze_count() > 0  # the new game's long-lived objects are out of the collector's scans
    assert pilot.screen.deck.table is not None


def test_a_rebuilt_card_frees_the_last_cards_widgets(scenario, no_automatic_collection):
    pilot = Pilot.start(scenario=scenario)
    pilot.new_game()
    pilot.frames(2)
    main = pilot.screen
    layouts = [weakref.ref(e.text_box_layout) for e in main.elements if isinstance(e, UITextBox)]
    assert layouts
    pilot.answer_historically(main)
    pilot.frames(1)  # the frame that draws the new card frees the old one's widgets
    assert [ref for ref in layouts if ref() is not None] == []


def test_the_rectangles_of_killed_widgets_are_not_kept(scenario) -> None:
    """pygame_gui's sprite group lists the rects of every killed element and never empties it."""
    pilot = Pilot.start(scenario=scenario)
    pilot.new_game()
    lost = pilot.app.manager.get_sprite_group().lostsprites
    for _ in range(6):
        pilot.answer_historically(pilot.screen)
        pilot.frames(1)
    assert len(pilot.app.manager.get_sprite_group().lostsprites) < 50  # was hundreds per card
    assert lost is pilot.app.manager.get_sprite_group().lostsprites  # emptied in place, not replaced
