"""The map of the front for the browsers: the window's geography (``assets/map``) as SVG.

The countries never change, so they are one SVG document made once per process and served
at ``/map.svg`` (a browser fetches it once and keeps it). What moves is small and comes
with each view: the front line at the value the seat knows, the occupied band between it
and the frontier, and the cities, each marked when it lies behind the front. The data is
the window's (:func:`game.ui.widgets.geography.load_geography`, which draws nothing and
needs no pygame), so both front ends show the same line for the same value.

Coordinates are the unit box scaled to :data:`WIDTH` map units across; the pages draw the
map with a ``viewBox`` and scale it to any screen, from a 360 px phone to a projector.
"""

from __future__ import annotations

from functools import lru_cache

from game.ui.widgets.geography import Geography, Point, load_geography

#: the map's width in SVG units; the height follows the projection's aspect
WIDTH = 1000
#: ring points closer than this (in map units) to the last one kept are dropped from the outlines
SIMPLIFY = 2.5


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


@lru_cache(maxsize=1)
def base_svg() -> str:
    """The countries and the frontier as one SVG document (the layer that never moves)."""
    geography = load_geography()
    tall = height(geography)
    land = {"ussr_1941": [], "other": []}
    for _, group, rings in geography.countries:
        land.setdefault(group, []).extend(path for path in (ring_path(r, geography) for r in rings) if path)
    frontier = " ".join(f"{x:g},{y:g}" for x, y in (scaled(p, geography) for p in geography.frontier))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {tall:g}" width="{WIDTH}" '
        f'height="{tall:g}">',
        f'<rect width="{WIDTH}" height="{tall:g}" fill="#b0c4d1"/>',
        f'<path d="{"".join(land["other"])}" fill="#e9e2d0" stroke="#807868" stroke-width="1.2"/>',
        f'<path d="{"".join(land["ussr_1941"])}" fill="#c4e0d6" stroke="#807868" stroke-width="1.2"/>',
        f'<polyline points="{frontier}" fill="none" stroke="#555" stroke-width="4" stroke-dasharray="14 10"/>',
        "</svg>",
    ]
    return "\n".join(parts)


def front_shape(value: float) -> dict | None:
    """What moves on the map for a front value: the line, the occupied band, the cities.

    None when the map files are missing. ``like`` names the historical line nearest to the
    value (from the map's own notes), ``frontier`` says what the dashed line is.
    """
    geography = load_geography()
    line = geography.front_line(value)
    frontier = geography.frontier
    if len(line) < 2 or len(frontier) != len(line):
        return None
    band = list(line) + list(frontier)[::-1]
    nearest = geography.nearest_line(value)
    cities = [{"name": city.name, "at": scaled((city.x, city.y), geography), "behind": inside((city.x, city.y), band)}
              for city in geography.cities]
    cities += [{"name": city.name, "at": scaled((city.x, city.y), geography), "behind": False}
               for city in geography.offmap if city.in_box]
    return {
        "width": WIDTH, "height": height(geography),
        "line": [scaled(p, geography) for p in line],
        "band": [scaled(p, geography) for p in band],
        "cities": cities,
        "like": nearest.note if nearest is not None else "",
        "frontier": geography.fronts[-1].note if geography.fronts else "",
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
