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
#: the share of the map's width left around the front and the cities when the view is cropped
MARGIN = 0.04
#: the share of the map's width added east of the easternmost city, for its name
NAME_ROOM = 0.12
#: the size of a city's name, in map units (about 17 px on a 360 px phone)
FONT = 30
#: a city's dot, in map units
DOT = 8


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
    """The countries as one SVG document (the layer that never moves)."""
    geography = load_geography()
    tall = height(geography)
    land: dict[str, list[str]] = {"ussr_1941": [], "other": []}
    for _, group, rings in geography.countries:
        land.setdefault(group, []).extend(path for path in (ring_path(r, geography) for r in rings) if path)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {tall:g}" width="{WIDTH}" '
        f'height="{tall:g}">',
        f'<rect width="{WIDTH}" height="{tall:g}" fill="#b0c4d1"/>',
        f'<path d="{"".join(land["other"])}" fill="#e9e2d0" stroke="#807868" stroke-width="1.2"/>',
        f'<path d="{"".join(land["ussr_1941"])}" fill="#c4e0d6" stroke="#807868" stroke-width="1.2"/>',
        "</svg>",
    ]
    return "\n".join(parts)


@lru_cache(maxsize=1)
def view_box() -> tuple[float, float, float, float]:
    """The part of the map a page shows: every historical front and the labelled cities, with a margin.

    The whole of Europe at 360 px would leave the front a finger wide; cropped to where the
    lines run, the cities can be read on a phone.
    """
    geography = load_geography()
    points = [p for line in geography.fronts for p in line.points] + [(c.x, c.y) for c in geography.cities]
    if not points:
        return (0.0, 0.0, float(WIDTH), height(geography))
    left, top = scaled((min(p[0] for p in points) - MARGIN, min(p[1] for p in points) - MARGIN), geography)
    right, bottom = scaled((max(p[0] for p in points) + MARGIN + NAME_ROOM, max(p[1] for p in points) + MARGIN),
                           geography)
    left, top = max(left, 0.0), max(top, 0.0)
    right, bottom = min(right, float(WIDTH)), min(bottom, height(geography))
    return (left, top, round(right - left, 1), round(bottom - top, 1))


Box = tuple[float, float, float, float]  # left, top, right, bottom


def overlaps(a: Box, b: Box) -> bool:
    """True when two boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(cities: list[tuple[str, float, float]], frame: Box) -> list[tuple[float, float, str]]:
    """Where each city's name goes: (x, y of the baseline, anchor), beside its dot, clear of the others.

    Each name tries right, left, above, below and the four corners in turn and takes the
    first place that stays in the frame and touches no dot and no name placed before (else
    the one in the frame that covers least). The names are placed in a few orders (as
    listed, west to east, east to west, north to south) and the order with the fewest
    clashes is kept.
    """
    orders = [list(range(len(cities))),
              sorted(range(len(cities)), key=lambda i: cities[i][1]),
              sorted(range(len(cities)), key=lambda i: -cities[i][1]),
              sorted(range(len(cities)), key=lambda i: cities[i][2])]
    best: tuple[int, list[tuple[float, float, str]]] | None = None
    for order in orders:
        placed, clashes = _place(cities, order, frame)
        if best is None or clashes < best[0]:
            best = (clashes, placed)
    return best[1] if best is not None else []


def _place(cities: list[tuple[str, float, float]], order: list[int],
           frame: Box) -> tuple[list[tuple[float, float, str]], int]:
    # another city's dot is kept well clear, so a name never sits where it reads as that city's
    room = 3 * DOT
    dots = [(x - room, y - room, x + room, y + room) for _, x, y in cities]
    taken: list[Box] = []
    result: dict[int, tuple[float, float, str]] = {}
    clashes = 0
    for index in order:
        name, x, y = cities[index]
        wide = 0.6 * FONT * len(name)
        gap = DOT + 6
        spots = [(x + gap, y + FONT * 0.35, "start", (x + gap, y - FONT * 0.65, x + gap + wide, y + FONT * 0.35)),
                 (x - gap, y + FONT * 0.35, "end", (x - gap - wide, y - FONT * 0.65, x - gap, y + FONT * 0.35)),
                 (x, y - gap, "middle", (x - wide / 2, y - gap - FONT, x + wide / 2, y - gap)),
                 (x, y + gap + FONT * 0.8, "middle", (x - wide / 2, y + gap, x + wide / 2, y + gap + FONT)),
                 (x - gap, y - gap, "end", (x - gap - wide, y - gap - FONT, x - gap, y - gap)),
                 (x - gap, y + gap + FONT * 0.8, "end", (x - gap - wide, y + gap, x - gap, y + gap + FONT)),
                 (x + gap, y - gap, "start", (x + gap, y - gap - FONT, x + gap + wide, y - gap)),
                 (x + gap, y + gap + FONT * 0.8, "start", (x + gap, y + gap, x + gap + wide, y + gap + FONT))]
        others = taken + [dot for i, dot in enumerate(dots) if i != index]

        costs = [_cost(spot[3], frame, others) for spot in spots]
        best = costs.index(min(costs))  # the first of equal costs: the order above is the preference
        chosen = spots[best]
        clashes += costs[best]
        taken.append(chosen[3])
        result[index] = (round(chosen[0], 1), round(chosen[1], 1), chosen[2])
    return [result[i] for i in range(len(cities))], clashes


def _cost(box: Box, frame: Box, others: list[Box]) -> int:
    """How bad a place for a name is: far worse outside the frame, then one per thing it covers."""
    outside = not (frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3])
    return 100 * outside + sum(overlaps(box, other) for other in others)


@lru_cache(maxsize=1)
def city_labels() -> tuple[tuple[dict, Point], ...]:
    """The cities in view with their names placed (the same for every front), and each one's unit-box point."""
    geography = load_geography()
    left, top, wide, tall = view_box()
    frame = (left, top, left + wide, top + tall)
    shown = [(city, scaled((city.x, city.y), geography)) for city in geography.cities]
    shown = [(city, at) for city, at in shown if frame[0] <= at[0] <= frame[2] and frame[1] <= at[1] <= frame[3]]
    labels = place_labels([(city.name, at[0], at[1]) for city, at in shown], frame)
    return tuple(({"name": city.name, "at": at, "label": {"x": label[0], "y": label[1], "anchor": label[2]}},
                  (city.x, city.y)) for (city, at), label in zip(shown, labels, strict=True))


def front_shape(value: float) -> dict | None:
    """What moves on the map for a front value (see :func:`shape_at`), made once per tenth of a point."""
    return shape_at(round(float(value), 1))


@lru_cache(maxsize=256)
def shape_at(value: float) -> dict | None:
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
    left, top, wide, tall = view_box()
    cities = [dict(city, behind=inside(point, band)) for city, point in city_labels()]
    return {
        "width": WIDTH, "height": height(geography), "view": [left, top, wide, tall],
        "line": [scaled(p, geography) for p in line],
        "band": [scaled(p, geography) for p in band],
        "border": [scaled(p, geography) for p in frontier],
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
