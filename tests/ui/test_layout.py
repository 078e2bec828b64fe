"""Layout holds at 1280×720, 1920×1080 and 200% UI scale: nothing outside the window,
no label or button text wider than its box."""

from __future__ import annotations

import pygame
import pytest
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.ui.fit import ELLIPSIS
from game.ui.pilot import Pilot
from game.ui.settings import Settings

#: every window size, UI scale and text size the issue names; the first four also serve the class screens
CONFIGS = [((1280, 720), 1.0, "normal"), ((1920, 1080), 1.0, "normal"), ((1280, 720), 2.0, "normal"),
           ((1920, 1080), 2.0, "large")] + [
    (size, scale, text) for size in ((1280, 720), (1920, 1080)) for scale in (1.0, 1.5, 2.0)
    for text in ("normal", "large")
    if (size, scale, text) not in {((1280, 720), 1.0, "normal"), ((1920, 1080), 1.0, "normal"),
                                   ((1280, 720), 2.0, "normal"), ((1920, 1080), 2.0, "large")}]


def text_elements(screen) -> list:
    """The screen's elements that show text (labels, buttons, text boxes), not panels."""
    return [e for e in screen.elements if isinstance(e, (UILabel, UIButton, UITextBox)) and e.visible]


def problems(pilot: Pilot) -> list[str]:
    """Every element outside the window, text cut or wider than its box, and text boxes
    that overlap each other or are too short to show their first lines."""
    app = pilot.app
    window = pygame.Rect((0, 0), app.size)
    found = []
    screen = app.top
    name = type(screen).__name__
    theme = app.manager.get_theme()
    for element in screen.elements:
        rect = pygame.Rect(element.get_abs_rect())
        if rect.width <= 0 or rect.height <= 0 or not window.contains(rect):
            found.append(f"{name}: {type(element).__name__} {rect} outside {window}")
        if isinstance(element, (UILabel, UIButton)) and element.text:
            face = theme.get_font(element.combined_element_ids)
            width, height = face.size(element.text)
            if width > rect.width - 4 or height > rect.height:
                found.append(f"{name}: {element.text!r} ({width}x{height}) does not fit {rect.size}")
            if element.text.endswith(ELLIPSIS):
                found.append(f"{name}: {element.text!r} is cut")
        if isinstance(element, UITextBox) and getattr(element, "scroll_bar", None) is not None:
            # a box that scrolls must still show a few lines at a time
            face = theme.get_font(element.combined_element_ids)
            if rect.height < 3 * face.size("Hg")[1]:
                found.append(f"{name}: a scrolling text box {rect.size} shows less than three lines")
    shown = text_elements(screen)
    for index, first in enumerate(shown):
        a = pygame.Rect(first.get_abs_rect())
        for second in shown[index + 1:]:
            b = pygame.Rect(second.get_abs_rect())
            if a.colliderect(b):
                found.append(f"{name}: {describe(first)} {a} overlaps {describe(second)} {b}")
    return found


def describe(element) -> str:
    text = getattr(element, "text", "") or getattr(element, "html_text", "")
    return f"{type(element).__name__} {str(text)[:30]!r}"


def visit(pilot: Pilot) -> list[str]:
    """Walk the screens a player sees and collect layout problems on each."""
    found = problems(pilot)
    pilot.press("return")  # the new-game screen
    found += problems(pilot)
    pilot.press("return")  # start: the standing review
    main = pilot.screen
    found += problems(pilot)
    if main.layout.compact:
        for key in ("f3", "f4", "f2"):
            pilot.press(key)
            found += problems(pilot)
    seen = set()
    for _ in range(60):
        kind = main.deck.card.kind
        if kind not in seen:
            seen.add(kind)
            found += problems(pilot)
        if kind == "event" and "news" in seen:
            break
        pilot.press("1" if kind == "event" else "c" if kind == "standing" else "return")
    for key in ("t", "g", "h"):  # timeline, glossary, how to play
        pilot.press(key)
        found += problems(pilot)
        pilot.press("escape")
    pilot.press("escape")  # the pause menu
    found += problems(pilot)
    pilot.press("escape")
    main.table.session.play_to_end()
    main.table.advance()
    main.after_move()
    pilot.press("return")
    found += problems(pilot)  # the debrief
    return found


@pytest.mark.parametrize(("size", "scale", "text"), CONFIGS)
def test_layout_holds(scenario, size, scale, text):
    settings = Settings(ui_scale=scale, text_size=text)
    pilot = Pilot.start(size=size, settings=settings, scenario=scenario)
    assert pilot.app.size == size
    assert visit(pilot) == []


def test_settings_and_load_screens_fit_at_200_percent(scenario):
    pilot = Pilot.start(size=(1280, 720), settings=Settings(ui_scale=2.0), scenario=scenario)
    pilot.click(pilot.button("Settings"))
    assert problems(pilot) == []
    pilot.press("escape")
    pilot.click(pilot.button("Load"))
    assert problems(pilot) == []


def visit_class_screens(pilot: Pilot) -> list[str]:
    """The classroom's screens: new game, hand-over, the clock strip, the teacher, the debrief."""
    from game.ui.screens.classroom import HandOverScreen

    pilot.press("return")
    screen = pilot.screen
    screen.humans, screen.lesson, screen.timer = ["ussr", "germany", "west"], True, 120.0
    screen.rebuild()
    found = problems(pilot)
    screen.focus.focus("new:start")
    pilot.press("return")
    assert isinstance(pilot.screen, HandOverScreen)
    found += problems(pilot)
    pilot.press("return")
    main = pilot.screen
    found += problems(pilot)
    if main.clock_rect.width:
        face_width = main.clock_rect.width
        assert face_width <= main.layout.card.width
    pilot.press("f9")
    found += problems(pilot)
    pilot.press("escape")
    main.table.session.play_to_end()
    main.table.advance()
    main.after_move()
    pilot.play_to_end_by_keyboard()
    found += problems(pilot)  # the debrief with its export buttons
    return found


@pytest.mark.parametrize(("size", "scale", "text"), [CONFIGS[0], CONFIGS[2], CONFIGS[3]])
def test_class_screens_fit(scenario, size, scale, text):
    pilot = Pilot.start(size=size, settings=Settings(ui_scale=scale, text_size=text), scenario=scenario)
    assert visit_class_screens(pilot) == []


def test_the_checker_sees_cut_and_overlapping_text(scenario):
    """The layout test can fail: a cut label and two labels on top of each other are reported."""
    pilot = Pilot.start(size=(1280, 720), scenario=scenario)
    screen = pilot.screen
    screen.label("A label far too long for the narrow box it is given", pygame.Rect(10, 10, 60, 30))
    screen.label("Another", pygame.Rect(20, 15, 200, 30))
    found = problems(pilot)
    assert any("is cut" in line for line in found)
    assert any("overlaps" in line for line in found)
