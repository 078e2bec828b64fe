"""The guided first month: every stop is reached, Esc ends it, How to play shows it again, no text is cut."""

from __future__ import annotations

import pygame
import pytest

from game.ui.pilot import Pilot
from game.ui.screens.main import MainScreen
from game.ui.screens.text import HowToPlayScreen
from game.ui.settings import Settings
from game.ui.tour import Plan, stops
from tests.ui.test_layout import CONFIGS


def started(size=(1280, 720), settings=None, scenario=None) -> tuple[Pilot, MainScreen]:
    """A new single-player game with the tour on, the briefing read."""
    pilot = Pilot.start(size=size, settings=settings, scenario=scenario, tour=True)
    pilot.new_game()
    main = pilot.screen
    assert isinstance(main, MainScreen)
    return pilot, main


def walk(pilot: Pilot, main: MainScreen, on_stop=None, limit: int = 120) -> list[str]:
    """Go through the tour with Enter, playing on historically while a stop waits for its part."""
    seen = []
    for _ in range(limit):
        overlay = main.tour
        if overlay is None or overlay.tour.done:
            return seen
        if overlay.active:
            seen.append(overlay.tour.stop.region)
            if on_stop is not None:
                on_stop(overlay.plan())
            pilot.press("return")
        else:
            pilot.answer_historically(main)
    raise AssertionError(f"the tour did not end; it saw {seen}")


def test_the_tour_follows_the_briefing_and_reaches_every_stop(scenario):
    pilot, main = started(scenario=scenario)
    assert main.tour is not None and main.tour.active and main.tour.tour.index == 0
    expected = [stop.region for stop in stops(scenario, main.table.session.humans[0], pilot.app.settings.keys)]
    seen = walk(pilot, main)
    assert seen == expected
    assert main.deck.card.kind == "event"  # the advisor's stop waited for the first event card
    pilot.press("1")  # the keys are the game's again
    assert main.deck.card.kind != "event" or main.table.session.history


def test_the_tour_takes_the_keys_while_it_speaks_and_esc_ends_it(scenario):
    pilot, main = started(scenario=scenario)
    card = main.deck.card.kind
    pilot.press("c")  # would confirm the orders: the tour keeps it
    assert main.deck.card.kind == card and main.tour.active
    pilot.press("return")
    assert main.tour.tour.index == 1
    pilot.press("left")
    assert main.tour.tour.index == 0
    pilot.press("escape")
    assert main.tour.tour.done and not main.tour.active
    assert pilot.screen is main  # Esc ended the tour; it did not open the menu
    pilot.press("c")
    assert main.deck.card.kind != card  # and the game has its keys back


def test_the_buttons_of_the_box_work(scenario):
    pilot, main = started(scenario=scenario)
    plan = main.tour.plan()
    pilot.click(plan.buttons["next"][0].center)
    assert main.tour.tour.index == 1
    pilot.click(main.tour.plan().buttons["skip"][0].center)
    assert main.tour.tour.done


def test_how_to_play_shows_the_tour_again(scenario):
    pilot, main = started(scenario=scenario)
    pilot.press("escape")
    assert main.tour.tour.done
    pilot.press("h")
    assert isinstance(pilot.screen, HowToPlayScreen)
    pilot.click(pilot.button("Show me around"))
    assert pilot.screen is main and main.tour.active and main.tour.tour.index == 0


def test_no_tour_when_the_settings_turn_it_off_or_in_a_class_game(scenario):
    pilot, main = started(scenario=scenario, settings=Settings(guided_tour=True))
    assert main.tour is not None
    off = Pilot.start(scenario=scenario)  # the pilot's default: off
    off.new_game()
    assert off.screen.tour is None
    lesson = Pilot.start(scenario=scenario, tour=True)
    lesson.new_game(human="ussr,germany,west", lesson=True, read_briefing=False)
    for _ in range(6):  # the hand-over, then the first team's briefing
        if isinstance(lesson.screen, MainScreen) and lesson.screen.deck.card.kind not in ("briefing",):
            break
        lesson.press("return")
    assert isinstance(lesson.screen, MainScreen) and lesson.screen.table.class_game
    assert lesson.screen.tour is None


def plan_problems(plan: Plan, window: pygame.Rect, scale: float, compact: bool) -> list[str]:
    """Text wider than the box, lines running into the buttons, anything outside the window."""
    found = []
    pad = int(14 * scale)
    inner = plan.box.width - 2 * pad
    if not window.contains(plan.box):
        found.append(f"box {plan.box} outside {window}")
    for face, lines in ((plan.title_face, plan.title), (plan.body_face, plan.body + plan.footer)):
        for line in lines:
            if face.size(line)[0] > inner:
                found.append(f"{line!r} wider than {inner}")
    text_bottom = plan.box.y + pad + len(plan.title) * plan.title_face.get_linesize() \
        + (len(plan.body) + len(plan.footer)) * plan.body_face.get_linesize()
    for action, (rect, label) in plan.buttons.items():
        if not plan.box.contains(rect):
            found.append(f"button {action} {rect} outside the box {plan.box}")
        if rect.top < text_bottom:
            found.append(f"button {action} over the text")
        if plan.body_face.size(label)[0] > rect.width:
            found.append(f"{label!r} wider than its button {rect.width}")
    if not compact and plan.box.colliderect(plan.target):
        found.append(f"the box {plan.box} covers what it points at {plan.target}")
    return found


def test_the_checker_finds_cut_text_and_a_box_over_its_target(scenario):
    pilot, main = started(scenario=scenario)
    plan = main.tour.plan()
    window = pygame.Rect((0, 0), pilot.app.size)
    assert plan_problems(plan, window, 1.0, False) == []
    plan.box = pygame.Rect(plan.box.x, plan.box.y, plan.box.width // 2, plan.box.height)
    assert any("wider than" in problem for problem in plan_problems(plan, window, 1.0, False))
    plan.box = plan.target.inflate(10, 10)
    assert any("covers" in problem for problem in plan_problems(plan, window, 1.0, False))


@pytest.mark.parametrize(("size", "scale", "text"), CONFIGS)
def test_no_text_of_the_tour_is_cut(scenario, size, scale, text):
    pilot, main = started(size=size, settings=Settings(ui_scale=scale, text_size=text), scenario=scenario)
    window = pygame.Rect((0, 0), size)
    found: list[str] = []
    walk(pilot, main, lambda plan: found.extend(plan_problems(plan, window, scale, main.layout.compact)))
    assert found == []
