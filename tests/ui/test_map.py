"""The map talks: hovering the front or a city says what the team knows, and the legend names every mark."""

from __future__ import annotations

import pygame

from game.ui.widgets.geography import load_geography
from game.ui.widgets.mapfacts import MapFacts, MapNews, front_variable
from game.ui.widgets.mapview import MapHover, MapView, front_lines


def seen_value(main, var: str) -> float | None:
    """The value the seat at the screen sees (its view)."""
    return next(v.value for v in main.deck.view().variables if v.id == var)


def front_point(main) -> tuple[int, int]:
    """A window point on the front line as drawn now (the middle of its middle segment)."""
    view, box = main.map_view, main.layout.map
    line = [view.to_px(p) for p in view.geo.front_line(main.front.value)]
    a, b = line[len(line) // 2], line[len(line) // 2 + 1]
    return box.x + (a[0] + b[0]) // 2, box.y + (a[1] + b[1]) // 2


def test_hovering_the_front_tells_where_the_team_knows_it_stands(pilot):
    pilot.new_game()
    main = pilot.screen
    scenario = main.table.scenario
    var = front_variable(scenario)
    label = scenario.variables[scenario.column(var)].label
    pilot.hover(front_point(main), seconds=0.1)
    seen = seen_value(main, var)
    assert main.map_hover.lines[0] == f"{label}: {seen:.0f} of {scenario.variables[scenario.column(var)].max:.0f}"
    assert any(line.startswith("Drawn near the line of") for line in main.map_hover.lines)
    box = main.layout.map
    pilot.hover((box.x + 3, box.y + 3), seconds=0.1)  # the open sea in the corner: no tip
    assert main.map_hover.image is None and not main.map_hover.lines


def test_the_front_follows_the_value_the_team_sees(pilot):
    pilot.new_game()
    main = pilot.screen
    var = main.board.front_var
    assert main.front.target == seen_value(main, var)
    for _ in range(40):  # some months on: the front on the map is still the team's value
        pilot.answer_historically(main)
    assert main.front.target == seen_value(main, var)


def test_a_city_off_the_front_names_its_country_not_a_side(pilot):
    pilot.new_game()
    main = pilot.screen
    view = main.map_view
    words = view.geo.words
    capital_of_the_reich = next(c for c in view.geo.cities if view.country_at((c.x, c.y))
                                and view.country_at((c.x, c.y))[0] in words.dotted_countries)
    side = view.side_of(capital_of_the_reich, 100.0)
    assert side in words.dotted_countries and side not in (words.ahead_of_front, words.behind_front)


#: facts as a seat's view would give them (the tip and legend tests need no game)
FACTS = MapFacts("Front line", 20.0, 0.0, 100.0, 2.0, "since the start", (MapNews("Mar 1943", "Kiev holds", ""),))


def test_the_tip_redraws_only_its_own_rectangles(pilot):
    view = MapView(load_geography(pilot.app.scenario), pilot.app.palette)
    view.resize((720, 650))
    box = pygame.Rect(10, 40, 720, 650)
    kiev = next(c for c in view.geo.cities if c.name == "Kiev")
    x, y = view.to_px((kiev.x, kiev.y))
    hover = MapHover()

    def move(pos):
        return hover.move(view, box, pos, 20.0, lambda: FACTS, 12, 13, pilot.app.palette, 8, 300)

    shown = move((box.x + x, box.y + y))
    assert shown == [hover.rect] and box.contains(hover.rect)
    assert hover.lines == (f"Kiev: {view.geo.words.behind_front}", "Mar 1943: Kiev holds")
    assert hover.rect.width * hover.rect.height < box.width * box.height / 10
    assert move((box.x + x + 1, box.y + y)) == []  # the same city: nothing to redraw
    assert move((box.x + 3, box.y + 3)) == shown  # off it: only where the tip was


def test_front_tip_lists_what_moved_it_and_says_when_it_is_hidden():
    facts = MapFacts("Front line", 30.0, 0.0, 100.0, 6.0, "since the start",
                     (MapNews("Feb 1943", "A battle won", "", 4.0), MapNews("Feb 1943", "Kursk talks", "", 0.0)))
    lines = front_lines(facts, None)
    assert lines[0] == "Front line: 30 of 100, +6 since the start"
    assert "Feb 1943: A battle won (+4)" in lines and not any("Kursk talks" in line for line in lines)
    hidden = MapFacts("Front line", None, 0.0, 100.0, None, "")
    assert front_lines(hidden, None) == ("Front line: not known to you",)


def test_the_legend_names_every_mark_the_map_draws(pilot):
    pilot.new_game()
    view = pilot.screen.map_view
    patterns = {pattern for pattern, _ in view.legend_entries()}
    drawn = {"held", "hatched", "front_line", "frontier", "land", "city"}
    if view.geo.words.dotted_countries:
        drawn.add("dotted")
    if view.geo.offmap:
        drawn.add("arrow")
    if any(city.id == view.geo.words.capital for city in view.geo.cities):
        drawn.add("capital")
    assert drawn <= patterns
    texts = [text for _, text in view.legend_entries()]
    assert len(set(texts)) == len(texts)
    assert view.legend is not None and view.legend.get_width() < view.box.width


def test_the_map_reuses_its_buffers_while_the_front_moves(pilot):
    view = MapView(load_geography(pilot.app.scenario), pilot.app.palette)
    view.resize((500, 450))
    first = view.surface(10.0)
    before = pygame.surfarray.array3d(first).sum()
    assert view.surface(40.0) is first  # drawn again into the same surface, no new one per frame
    assert pygame.surfarray.array3d(first).sum() != before  # and the front did move on it
    assert MapHover().clear() == []  # no tip: nothing to redraw


def test_a_small_map_folds_its_legend_into_a_tab_that_opens_on_hover(pilot):
    view = MapView(load_geography(pilot.app.scenario), pilot.app.palette)
    view.resize((420, 370))  # the map of a 1280x720 window
    assert view.legend_full is not None and view.legend.get_height() < view.legend_full.get_height() / 3
    hover = MapHover()
    area = pygame.Rect(0, 0, 420, 370)
    rects = hover.move(view, area, view.legend_rect.center, 10.0, lambda: FACTS, 12, 13, pilot.app.palette, 8, 300)
    assert hover.image is view.legend_full and rects == [hover.rect] and area.contains(hover.rect)
    big = MapView(load_geography(pilot.app.scenario), pilot.app.palette)
    big.resize((720, 650))  # 1920x1080: the whole legend stays on the map
    assert big.legend_full is None
