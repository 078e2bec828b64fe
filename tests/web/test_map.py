"""The map of the front on the pages: the scenario's map as SVG, the front where the page's team knows it."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from game.classroom.lesson import historical_answer
from game.scenario import load_scenario
from game.ui.widgets.geography import load_geography
from game.ui.widgets.maplabels import line_hits_box
from game.web.mapsvg import base_svg, front_shape, map_key, overlaps, view_box
from game.web.room import Room
from game.web.seat import front

HARBOUR = Path(__file__).resolve().parent.parent / "fixtures" / "harbour.toml"


def test_the_countries_are_one_svg_document_of_the_windows_outlines(scenario) -> None:
    document = ElementTree.fromstring(base_svg(scenario))
    paths = document.findall("{http://www.w3.org/2000/svg}path")
    assert len(paths) == 2 and all(len(path.get("d", "")) > 10_000 for path in paths)


def test_the_front_is_the_windows_line_for_the_value(scenario) -> None:
    geography = load_geography(scenario)
    for value in (0, 18, 33.3, 58, 100):
        shape = front_shape(scenario, value)
        expected = geography.front_line(value)
        assert len(shape["line"]) == len(expected)
        for (x, y), point in zip(shape["line"], expected, strict=True):
            assert abs(x - point[0] * shape["width"]) < 0.06 and abs(y - point[1] * shape["height"]) < 0.06
    early = {c["name"] for c in front_shape(scenario, 0)["cities"] if c["behind"]}
    late = {c["name"] for c in front_shape(scenario, 60)["cities"] if c["behind"]}
    assert late < early  # the line moves west: fewer cities behind it
    assert shape["behind_words"] == geography.words.behind_front  # the legend says it in the map's own words


def test_every_name_stays_in_view_off_the_front_and_apart(scenario) -> None:
    left, top, wide, tall = view_box(scenario.presentation.map)
    for value in (0, 10, 25, 40, 55, 70, 85, 100):
        shape = front_shape(scenario, value)
        boxes = []
        for city in shape["cities"]:
            x, y = city["at"]
            assert left <= x <= left + wide and top <= y <= top + tall, city["name"]
            box = tuple(city["label"]["box"])
            assert box[2] - box[0] >= 0.55 * 30 * len(city["name"])  # the box is as wide as the name
            assert left <= box[0] and box[2] <= left + wide, (value, city["name"])
            assert not line_hits_box(shape["line"], box), (value, city["name"])
            boxes.append(box)
        clashes = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlaps(a, b)]
        assert not clashes, (value, clashes)


def test_the_band_takes_the_colours_of_the_powers_holding_each_side(scenario) -> None:
    binding = scenario.presentation.map
    shape = front_shape(scenario, 30)
    assert shape["occupied"] == scenario.power(binding.behind_front).colour
    assert shape["base"] == f"/map/{map_key(binding)}.svg"
    assert shape["held"] in base_svg(scenario)


def test_a_scenario_without_a_map_gets_a_gauge_not_another_theatre() -> None:
    harbour = load_scenario(HARBOUR)
    assert harbour.presentation.map is None and base_svg(harbour) is None
    rows = [{"id": v.id, "label": v.label, "value": v.start, "low": v.min, "high": v.max} for v in harbour.variables]
    shown = front(harbour, rows, harbour.powers[0].id)
    assert shown is not None and shown["map"] is None  # no map: the page draws its gauge
    assert shown["label"] == harbour.variables[harbour.column(harbour.presentation.front_variable)].label
    assert shown["good"] == "Higher is better for you."
    assert shown["marks"] == [{"value": 60.0, "text": "The quay is finished: at least 60 when the calendar runs out"}]
    other = front(harbour, rows, harbour.powers[1].id)
    assert other is not None and other["good"] == f"Higher is better for {harbour.powers[0].name}."
    hidden = [dict(row, value=None) if row["id"] == harbour.presentation.front_variable else row for row in rows]
    unknown = front(harbour, hidden, harbour.powers[1].id)
    assert unknown is not None and unknown["value"] is None and unknown["map"] is None  # said to be not known


def test_a_team_page_draws_the_front_its_team_knows(room: Room) -> None:
    room.command("start")
    for _ in range(4):
        request = room.session.pending
        room.answer(request.power, room.seq, historical_answer(room.scenario, room.session, request))
    for power in room.tokens:
        view = room.team_view(power)
        known = next(v["value"] for v in view["seat"]["variables"] if v["id"] == "front")
        if known is None:
            assert view["front"]["value"] is None and view["front"]["map"] is None
        else:
            assert view["front"]["value"] == known and view["front"]["map"] == front_shape(room.scenario, known)
