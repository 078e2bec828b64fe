"""The map of the front on the pages: the window's geography as SVG, the front where the page's team knows it."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from game.classroom.lesson import historical_answer
from game.ui.widgets.geography import load_geography
from game.web.mapsvg import base_svg, front_shape, overlaps, view_box
from game.web.room import Room


def test_the_countries_are_one_svg_document_of_the_windows_outlines() -> None:
    document = ElementTree.fromstring(base_svg())
    paths = document.findall("{http://www.w3.org/2000/svg}path")
    assert len(paths) == 2 and all(len(path.get("d", "")) > 10_000 for path in paths)


def test_the_front_is_the_windows_line_for_the_value() -> None:
    geography = load_geography()
    for value in (0, 18, 33.3, 58, 100):
        shape = front_shape(value)
        expected = geography.front_line(value)
        assert len(shape["line"]) == len(expected)
        for (x, y), point in zip(shape["line"], expected, strict=True):
            assert abs(x - point[0] * shape["width"]) < 0.06 and abs(y - point[1] * shape["height"]) < 0.06
    early = {c["name"] for c in front_shape(0)["cities"] if c["behind"]}
    late = {c["name"] for c in front_shape(60)["cities"] if c["behind"]}
    assert late < early  # the line moves west: fewer cities behind it


def test_every_city_and_its_name_stay_in_view_and_apart() -> None:
    left, top, wide, tall = view_box()
    shape = front_shape(20)
    boxes = []
    for city in shape["cities"]:
        x, y = city["at"]
        assert left <= x <= left + wide and top <= y <= top + tall, city["name"]
        label = city["label"]
        span = 0.6 * 30 * len(city["name"])
        start = {"start": label["x"], "end": label["x"] - span, "middle": label["x"] - span / 2}[label["anchor"]]
        assert left <= start and start + span <= left + wide, city["name"]
        boxes.append((start, label["y"] - 20, start + span, label["y"] + 5))
    clashes = sum(overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert clashes == 0


def test_a_team_page_draws_the_front_its_team_knows(room: Room) -> None:
    room.command("start")
    for _ in range(4):
        request = room.session.pending
        room.answer(request.power, room.seq, historical_answer(room.scenario, room.session, request))
    for power in room.tokens:
        view = room.team_view(power)
        known = next(v["value"] for v in view["seat"]["variables"] if v["id"] == "front")
        if known is None:
            assert view["front"] is None
        else:
            assert view["front"]["value"] == known and view["front"]["map"] == front_shape(known)
