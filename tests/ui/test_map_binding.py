"""The map is the scenario's: without one a gauge; names keep off the front; the key opens by keyboard."""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

import pygame
import pytest

from game.scenario import load_scenario
from game.ui.pilot import Pilot
from game.ui.settings import Settings
from game.ui.theme import Palette, map_colours, palette_for, power_colours
from game.ui.widgets.gauge import GaugeView
from game.ui.widgets.geography import load_geography
from game.ui.widgets.maplabels import line_hits_box, overlaps
from game.ui.widgets.mapview import MapView

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HARBOUR = FIXTURES / "harbour.toml"
GAME = Path(__file__).resolve().parents[2] / "game"


@pytest.fixture(scope="module")
def harbour():
    return load_scenario(str(HARBOUR))


def test_the_harbour_is_not_drawn_on_the_eastern_front(harbour, scenario):
    assert harbour.presentation.map is None and load_geography(harbour) is None
    pilot = Pilot.start(scenario=harbour)
    title = pilot.screen
    # the title's backdrop is a plain fill: not the map of another scenario
    assert title.backdrop is not None
    assert pygame.transform.average_color(title.backdrop)[:3] == pilot.app.palette.background
    pilot.new_game()
    main = pilot.screen
    gauge = main.map_view
    assert isinstance(gauge, GaugeView) and main.board.geo is None
    pilot.frames(2)
    variable = harbour.variables[harbour.column(harbour.presentation.front_variable)]
    assert gauge.lines[0].startswith(f"{variable.label}: ") and gauge.lines[1] == "Higher is better for you."
    cities = {city.name for city in load_geography(scenario).cities}
    assert not any(name in line for line in gauge.lines for name in cities)
    # where the year can end along the bar: the quay finished at 60, judged when the calendar runs out
    assert gauge.marks == ((60.0, "The quay is finished: at least 60 when the calendar runs out"),)
    whole = pygame.Rect(0, 0, *gauge.size)
    assert gauge.mark_boxes and all(whole.contains(b) and not b.colliderect(gauge.bar) for b in gauge.mark_boxes)
    box = main.layout.map
    pilot.hover((box.x + 3, box.y + 3), seconds=0.1)
    assert main.map_hover.image is None  # off the bar: no tip
    pilot.hover((box.x + gauge.bar.centerx, box.y + gauge.bar.centery), seconds=0.1)
    assert main.map_hover.lines[0] == f"{variable.label}: {variable.start:.0f} of {variable.max:.0f}"
    assert not any(name in line for line in main.map_hover.lines for name in cities)


def test_the_1943_map_takes_its_powers_colours(scenario):
    binding = scenario.presentation.map
    normal = palette_for(Settings(colour_blind_safe=False))
    colours = map_colours(normal, scenario)
    behind = scenario.power(binding.behind_front).colour
    assert colours.occupied == tuple(int(behind[i:i + 2], 16) for i in (1, 3, 5))
    safe = palette_for(Settings(colour_blind_safe=True))
    order = [p.id for p in scenario.powers]
    assert map_colours(safe, scenario).occupied == safe.power_order[order.index(binding.behind_front)]
    assert len(set(power_colours(safe, scenario).values())) == len(scenario.powers)
    named = {p.id for p in scenario.powers}
    assert not named & {f.name for f in fields(Palette)}  # no theme names a power


def test_no_map_module_writes_a_power_id(scenario):
    ids = {p.id for p in scenario.powers}
    modules = [GAME / "ui" / "theme.py", GAME / "web" / "mapsvg.py", GAME / "ui" / "mapcolours.py",
               *(GAME / "ui" / "widgets" / name for name in ("geography.py", "mapview.py", "mapfacts.py",
                                                              "maplabels.py", "gauge.py")),
               GAME / "ui" / "panels" / "board.py"]
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not any(node.value.startswith(f"{power}_") or node.value == power for power in ids
                               if power not in ("west",)), (path.name, node.value)
            if isinstance(node, ast.Attribute):
                assert node.attr not in ids, (path.name, node.attr)


@pytest.mark.parametrize(("size", "scale", "text"), [((1280, 720), 1.0, "normal"), ((1920, 1080), 1.0, "normal"),
                                                     ((1280, 720), 2.0, "large"), ((1920, 1080), 1.5, "large")])
def test_city_names_keep_off_the_front_and_each_other(scenario, size, scale, text):
    pilot = Pilot.start(size=size, scenario=scenario, settings=Settings(ui_scale=scale, text_size=text))
    pilot.new_game()
    main = pilot.screen
    if not main.layout.map.width:  # a compact layout: the map has its own page
        main.show_page("map")
        pilot.frames(2)
    view = main.map_view
    assert isinstance(view, MapView) and view.size == main.layout.map.size
    for value in (0, 8, 15, 22, 30, 40, 50, 60, 70, 80, 90, 100):
        view.surface(float(value))
        line = [view.to_px(p) for p in view.geo.front_line(float(value))]
        rects = view.label_rects
        assert set(rects) == {city.id for city in view.geo.cities}
        for city_id, rect in rects.items():
            box = (rect.left, rect.top, rect.right, rect.bottom)
            assert not line_hits_box(line, box), (size, value, city_id)
            assert view.box.contains(rect), (size, value, city_id)
        boxes = [(r.left, r.top, r.right, r.bottom) for r in rects.values()]
        assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlaps(a, b)], (size, value)


def test_the_folded_map_key_opens_from_the_keyboard(scenario):
    pilot = Pilot.start(size=(1280, 720), scenario=scenario)
    pilot.new_game()
    main = pilot.screen
    if main.tour is not None and main.tour.active:
        pilot.press("escape")
    view = main.map_view
    assert view.legend_full is not None  # at 1280x720 the legend is a tab
    assert main.map_hover.image is None
    # K opens it and it stays while the mouse moves elsewhere; K again closes it
    pilot.press("k")
    assert main.map_hover.image is view.legend_full and main.map_hover.pinned
    assert main.layout.map.contains(main.map_hover.rect)
    pilot.hover(main.layout.map.center, seconds=0.1)
    assert main.map_hover.image is view.legend_full
    pilot.press("k")
    assert main.map_hover.image is None
    # Tab reaches the tab: the focus ring lands on it, and Enter opens it
    keys = [item.key for item in main.focus.items if item.reachable()]
    assert "map_key" in keys
    for _ in range(len(keys) + 1):
        if main.focus.focused is not None and main.focus.focused.key == "map_key":
            break
        pilot.press("tab")
    assert main.focus.focused.key == "map_key"
    tab = main.layout.map.move(0, 0)
    ring = pygame.Rect(main.focus.focused.element.get_abs_rect())
    assert ring == view.legend_rect.move(tab.topleft)
    pilot.press("return")
    assert main.map_hover.image is view.legend_full
    pilot.press("escape")  # Esc closes the key before it opens the menu
    assert main.map_hover.image is None and pilot.screen is main


def test_how_to_play_names_the_map_key(scenario):
    from game.ui.widgets.cards import how_to_play_html

    text = how_to_play_html(scenario, Settings().keys)
    assert "K the map key" in text


def test_the_gauge_tells_each_team_at_the_keyboard_its_own_good_side(harbour):
    from game.ui.screens.classroom import HandOverScreen
    from game.ui.screens.main import MainScreen

    pilot = Pilot.start(scenario=harbour)
    pilot.new_game(human=",".join(p.id for p in harbour.powers))
    told: dict[str, str] = {}
    names = {p.id: p.name for p in harbour.powers}
    for _ in range(200):
        top = pilot.screen
        if isinstance(top, HandOverScreen):
            pilot.press("return")
            continue
        if not isinstance(top, MainScreen) or top.deck.card.kind == "end":
            break
        pilot.frames(1)
        power = top.deck.view().power
        if power not in told and isinstance(top.map_view, GaugeView):
            told[power] = top.map_view.good
        if len(told) == len(harbour.powers):
            break
        pilot.answer_historically(top)
    first = harbour.powers[0].id
    assert told[first] == "Higher is better for you."
    assert all(text == f"Higher is better for {names[first]}." for power, text in told.items() if power != first)
    assert len(told) == len(harbour.powers)


def focus_map(pilot, main) -> None:
    """Tab until the focus ring is on the map."""
    for _ in range(len(main.focus.items) + 1):
        if main.focus.focused is not None and main.focus.focused.key == "map_key":
            return
        pilot.press("tab")
    raise AssertionError("Tab never reached the map")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_left_and_right_walk_the_maps_places_from_the_keyboard(scenario, size):
    pilot = Pilot.start(size=size, scenario=scenario)
    pilot.new_game()
    main = pilot.screen
    view = main.map_view
    focus_map(pilot, main)
    assert main.map_hover.image is None
    pilot.press("right")
    front = view.geo.front_line(main.front.value)
    label = scenario.variables[scenario.column(main.board.front_var)].label
    assert main.map_hover.key == ("front_line",) and main.map_hover.lines[0].startswith(f"{label}: ")
    assert main.layout.map.contains(main.map_hover.rect) and len(front) > 2
    seen = []
    for _ in range(len(view.geo.cities)):
        pilot.press("right")
        seen.append(main.map_hover.key)
        assert main.map_hover.lines[0].split(":")[0] in {city.name for city in view.geo.cities}
    assert sorted(key[1] for key in seen) == sorted(city.id for city in view.geo.cities)
    assert [city.id for city in sorted(view.geo.cities, key=lambda c: c.x)] == [key[1] for key in seen]  # west to east
    pilot.press("left")
    assert main.map_hover.key == seen[-2]
    pilot.press("tab")  # the focus leaves the map: its tip goes
    assert main.map_hover.image is None and main.board.walk is None


def test_the_gauge_is_on_the_focus_ring_too(harbour):
    pilot = Pilot.start(scenario=harbour)
    pilot.new_game()
    main = pilot.screen
    focus_map(pilot, main)
    pilot.press("return")
    variable = harbour.variables[harbour.column(harbour.presentation.front_variable)]
    assert main.map_hover.lines[0] == f"{variable.label}: {variable.start:.0f} of {variable.max:.0f}"
    pilot.hover((main.layout.map.x + 2, main.layout.map.y + 2), seconds=0.1)  # the mouse takes over
    assert main.map_hover.image is None


HARBOUR_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "harbour.toml"


@pytest.mark.parametrize("which", ["1943", "harbour"])
def test_the_triangles_labels_keep_clear_of_each_other_and_of_the_names(scenario, which):
    """Every size and scale of the layout test, the 1943 triangle and the harbour's (one edge hidden
    from the seat): no value label lies on another or on a power's name. In a small box with large
    text a label takes smaller type rather than a place on top of another."""
    from tests.ui.test_layout import CONFIGS

    chosen = scenario if which == "1943" else load_scenario(HARBOUR_FILE)
    for size, scale, text in CONFIGS:
        pilot = Pilot.start(size=size, settings=Settings(ui_scale=scale, text_size=text), scenario=chosen)
        pilot.new_game()
        main = pilot.screen
        if main.layout.compact:
            pilot.press("f3")
        pilot.frames(90)  # the glides finish
        triangle = main.triangle
        surface = triangle.surface
        assert surface is not None
        labels = triangle.label_rects
        assert len(labels) == len(chosen.presentation.triangle)
        names = triangle.name_rects
        assert len(names) == len(chosen.powers)
        for index, rect in enumerate(labels):
            assert surface.get_rect().contains(rect), (size, scale, text)
            assert not any(rect.colliderect(other) for other in labels[index + 1:]), (size, scale, text)
            assert not any(rect.colliderect(name) for name in names), (size, scale, text)
