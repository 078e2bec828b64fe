"""The map of the front for the browsers: the scenario's map (``[presentation.map]``) as SVG.

The countries never change, so they are one SVG document made once per map and served at
``/map/<key>.svg`` (:func:`map_key`; a browser fetches it once and keeps it). What moves is
small and comes with each view: the front line at the value the seat knows, the occupied
band between it and the frontier, and the cities, each marked when it lies behind the
front, with its name placed clear of the line and of the other names
(:mod:`game.ui.widgets.maplabels`). The data is the window's
(:func:`game.ui.widgets.geography.load_geography`, which draws nothing and needs no
pygame), so both front ends show the same line for the same value. A scenario without a
map has no shape (:func:`front_shape` returns None) and the pages draw a gauge instead.

Coordinates are the unit box scaled to :data:`WIDTH` map units across; the pages draw the
map with a ``viewBox`` and scale it to any screen, from a 360 px phone to a projector.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from game.scenario.model import MapBinding, Scenario
from game.ui.mapcolours import hex_of, map_colours, power_colours
from game.ui.widgets.geography import Geography, Point, geography_of
from game.ui.widgets.maplabels import Box, overlaps, place_labels

__all__ = ["Box", "base_svg", "front_shape", "map_key", "overlaps", "view_box"]

#: the map's width in SVG units; the height follows the projection's aspect
WIDTH = 1000
#: ring points closer than this (in map units) to the last one kept are dropped from the outlines
SIMPLIFY = 2.5
#: the share of the map's width left around the front and the cities when the view is cropped
MARGIN = 0.04
#: the share of the map's width added east of the easternmost city, for its name
NAME_ROOM = 0.12
#: the size of a city's name, in map units (about 17 px on a 360 px phone)
FONT = 30
#: a city's dot, in map units
DOT = 8
#: how far a name keeps from the front's centre line: the line's halo (16 units wide) and a little more
CLEARANCE = 12
#: the colours of the pages' map (the sea, plain land, its borders); the powers' colours come from the scenario
SEA, LAND, BORDER = (176, 196, 209), (233, 226, 208), "#807868"
#: the occupied band's colour where the scenario names no power behind the front
NEUTRAL_BAND = (180, 84, 26)
#: the colours of powers that give none, by their order
FALLBACK = ((213, 94, 0), (0, 114, 178), (0, 158, 115), (204, 121, 167), (230, 159, 0), (86, 180, 233))


def map_key(binding: MapBinding) -> str:
    """A short name for one map binding, for the address of its countries' SVG."""
    text = "\n".join([binding.folder, *binding.cities, binding.capital])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def height(geography: Geography) -> float:
    """The map's height in SVG units."""
    return round(WIDTH / geography.aspect, 1)


def scaled(point: Point, geography: Geography) -> list[float]:
    """A unit-box point in map units, to a tenth."""
    return [round(point[0] * WIDTH, 1), round(point[1] * height(geography), 1)]


def ring_path(ring: tuple[Point, ...], geography: Geography) -> str:
    """One outline as SVG path data, with points too close to draw apart left out."""
    kept: list[list[float]] = []
    for point in ring:
        x, y = scaled(point, geography)
        if kept and abs(x - kept[-1][0]) + abs(y - kept[-1][1]) < SIMPLIFY:
            continue
        kept.append([x, y])
    if len(kept) < 3:
        return ""
    return "M" + "L".join(f"{x:g} {y:g}" for x, y in kept) + "Z"


def side_colours(scenario: Scenario) -> tuple[str, str]:
    """(held land, occupied band) as ``#rrggbb``, in the colours of the powers holding each side."""
    colours = map_colours(scenario, power_colours(scenario, FALLBACK), LAND, NEUTRAL_BAND, 0.22)
    return hex_of(colours.held_land), hex_of(colours.occupied)


def base_svg(scenario: Scenario) -> str | None:
    """The countries of the scenario's map as one SVG document (the layer that never moves); None: no map."""
    binding = scenario.presentation.map
    if binding is None:
        return None
    return _base_svg(binding, side_colours(scenario)[0])


@lru_cache(maxsize=8)
def _base_svg(binding: MapBinding, held: str) -> str:
    geography = geography_of(binding)
    tall = height(geography)
    land: dict[str, list[str]] = {"held": [], "other": []}
    for _, group, rings in geography.countries:
        kind = "held" if group == geography.words.held_group else "other"
        land[kind].extend(path for path in (ring_path(r, geography) for r in rings) if path)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {tall:g}" width="{WIDTH}" '
        f'height="{tall:g}">',
        f'<rect width="{WIDTH}" height="{tall:g}" fill="{hex_of(SEA)}"/>',
        f'<path d="{"".join(land["other"])}" fill="{hex_of(LAND)}" stroke="{BORDER}" stroke-width="1.2"/>',
        f'<path d="{"".join(land["held"])}" fill="{held}" stroke="{BORDER}" stroke-width="1.2"/>',
        "</svg>",
    ]
    return "\n".join(parts)


@lru_cache(maxsize=8)
def view_box(binding: MapBinding) -> tuple[float, float, float, float]:
    """The part of the map a page shows: every historical front and the labelled cities, with a margin.

    The whole of a theatre at 360 px would leave the front a finger wide; cropped to where
    the lines run, the cities can be read on a phone.
    """
    geography = geography_of(binding)
    points = [p for line in geography.fronts for p in line.points] + [(c.x, c.y) for c in geography.cities]
    if not points:
        return (0.0, 0.0, float(WIDTH), height(geography))
    left, top = scaled((min(p[0] for p in points) - MARGIN, min(p[1] for p in points) - MARGIN), geography)
    right, bottom = scaled((max(p[0] for p in points) + MARGIN + NAME_ROOM, max(p[1] for p in points) + MARGIN),
                           geography)
    left, top = max(left, 0.0), max(top, 0.0)
    right, bottom = min(right, float(WIDTH)), min(bottom, height(geography))
    return (left, top, round(right - left, 1), round(bottom - top, 1))


def name_size(name: str) -> tuple[float, float]:
    """The box a city's name takes on the page, in map units (600-weight sans at :data:`FONT`)."""
    return (0.6 * FONT * len(name), FONT)


def city_labels(binding: MapBinding, line: tuple[Point, ...]) -> list[tuple[dict, Point]]:
    """The cities in view with their names placed clear of ``line`` (unit box), and each one's unit-box point."""
    geography = geography_of(binding)
    left, top, wide, tall = view_box(binding)
    frame = (left, top, left + wide, top + tall)
    shown = [(city, scaled((city.x, city.y), geography)) for city in geography.cities]
    shown = [(city, at) for city, at in shown if frame[0] <= at[0] <= frame[2] and frame[1] <= at[1] <= frame[3]]
    drawn_line = [(p[0], p[1]) for p in (scaled(q, geography) for q in line)]
    boxes = place_labels([(at[0], at[1]) for _, at in shown], [name_size(city.name) for city, _ in shown],
                         DOT + 6, drawn_line, frame, clearance=CLEARANCE, dot=3 * DOT)
    result = []
    for (city, at), box in zip(shown, boxes, strict=True):
        # SVG text sits on its baseline: about a fifth of the size above the box's bottom
        label = {"x": round(box[0], 1), "y": round(box[3] - FONT * 0.2, 1), "anchor": "start",
                 "box": [round(v, 1) for v in box]}
        result.append(({"name": city.name, "at": at, "label": label}, (city.x, city.y)))
    return result


def front_shape(scenario: Scenario, value: float) -> dict | None:
    """What moves on the map for a front value (see :func:`shape_at`), made once per tenth of a point."""
    binding = scenario.presentation.map
    if binding is None:
        return None
    held, occupied = side_colours(scenario)
    shape = shape_at(binding, round(float(value), 1))
    return None if shape is None else dict(shape, base=f"/map/{map_key(binding)}.svg", held=held, occupied=occupied)


@lru_cache(maxsize=256)
def shape_at(binding: MapBinding, value: float) -> dict | None:
    """What moves on the map for a front value: the line, the occupied band, the cities.

    None when the map files are missing. ``like`` names the historical line nearest to the
    value (from the map's own notes), ``frontier`` says what the dashed line is.
    """
    geography = geography_of(binding)
    line = geography.front_line(value)
    frontier = geography.frontier
    if len(line) < 2 or len(frontier) != len(line):
        return None
    band = list(line) + list(frontier)[::-1]
    nearest = geography.nearest_line(value)
    left, top, wide, tall = view_box(binding)
    cities = [dict(city, behind=inside(point, band)) for city, point in city_labels(binding, line)]
    return {
        "width": WIDTH, "height": height(geography), "view": [left, top, wide, tall],
        "line": [scaled(p, geography) for p in line],
        "band": [scaled(p, geography) for p in band],
        "border": [scaled(p, geography) for p in frontier],
        "cities": cities,
        "like": nearest.note if nearest is not None else "",
        "frontier": geography.fronts[-1].note if geography.fronts else "",
        "behind_words": geography.words.behind_front,  # the map's own name for the land behind the front
    }


def inside(point: Point, polygon: list[Point]) -> bool:
    """True when ``point`` lies inside ``polygon`` (even-odd rule: count the edges a ray crosses)."""
    x, y = point
    crossings = 0
    for index, (ax, ay) in enumerate(polygon):
        bx, by = polygon[index - 1]
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            crossings += 1
    return crossings % 2 == 1
