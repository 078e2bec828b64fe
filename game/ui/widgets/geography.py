"""The map data from ``assets/map``: country rings, cities, and the historical front lines.

The front line for any value of ``front`` is interpolated point by point between the two
historical lines whose ``front`` values bracket it (the baked lines all have the same
number of points, north to south). Nothing here draws; :mod:`game.ui.widgets.mapview` does.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from game.paths import ASSETS

MAP_DIR = ASSETS / "map"
Point = tuple[float, float]

#: Cities the window labels, whether or not the map file has more.
SHOWN_CITIES = ("moscow", "leningrad", "stalingrad", "kursk", "kharkov", "kiev", "smolensk", "stockholm",
                "berlin")


@dataclass(frozen=True)
class City:
    """A labelled place in unit-box coordinates (x right, y down)."""

    id: str
    name: str
    x: float
    y: float
    direction: str = ""
    in_box: bool = True
    edge: Point = (0.0, 0.0)


@dataclass(frozen=True)
class FrontLine:
    """One historical front line, already projected into the unit box."""

    date: str
    front: float
    note: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class MapWords:
    """The map's words from ``assets/map/legend.json``: the names of the two sides of the front and
    of its patterns, kept with the map's data so the code names no side."""

    behind_front: str = "Behind the front"
    ahead_of_front: str = "Ahead of the front"
    held_land: str = "Land held at the frontier line"
    dotted_countries: tuple[str, ...] = ()
    dotted_label: str = "Dotted countries"
    other_land: str = "Other countries"
    city: str = "City"
    capital_box: str = "Capital (boxed)"
    offmap: str = "Toward a place beyond the map"
    #: the id of the city drawn with a box
    capital: str = ""


@dataclass(frozen=True)
class Geography:
    """Everything the map view draws."""

    aspect: float
    countries: tuple[tuple[str, str, tuple[tuple[Point, ...], ...]], ...]  # name, group, rings
    cities: tuple[City, ...]
    offmap: tuple[City, ...]
    fronts: tuple[FrontLine, ...]  # sorted by front value
    words: MapWords = MapWords()

    def front_line(self, value: float) -> tuple[Point, ...]:
        """The front for a value of ``front`` (0..100), interpolated between historical lines."""
        lines = self.fronts
        if not lines:
            return ()
        value = min(max(value, lines[0].front), lines[-1].front)
        for low, high in zip(lines, lines[1:], strict=False):
            if low.front <= value <= high.front:
                span = high.front - low.front
                t = 0.0 if span == 0 else (value - low.front) / span
                return tuple((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                             for a, b in zip(low.points, high.points, strict=True))
        return lines[-1].points

    def nearest_line(self, value: float) -> FrontLine | None:
        """The historical line closest to a front value (to name it in the legend)."""
        usable = [line for line in self.fronts if line.front < 100]
        return min(usable, key=lambda line: abs(line.front - value)) if usable else None

    @property
    def frontier(self) -> tuple[Point, ...]:
        """The Soviet frontier of June 1941 (the line with the highest front value)."""
        return self.fronts[-1].points if self.fronts else ()


def project(lon: float, lat: float, projection: dict) -> Point:
    """Lon/lat to the unit box with the baked Lambert conformal conic (formula in europe.json)."""
    n, big_f, rho0 = projection["n"], projection["F"], projection["rho0"]
    rho = big_f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** n
    theta = n * math.radians(lon - projection["lon0"])
    x_proj = rho * math.sin(theta)
    y_proj = rho0 - rho * math.cos(theta)
    x = (x_proj - projection["x_min"]) / (projection["x_max"] - projection["x_min"])
    y = (projection["y_max"] - y_proj) / (projection["y_max"] - projection["y_min"])
    return (x, y)


@lru_cache(maxsize=1)
def load_geography() -> Geography:
    """Read and project the map files once per process; missing files give an empty map."""
    try:
        europe = json.loads((MAP_DIR / "europe.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        europe = {}
    try:
        fronts = json.loads((MAP_DIR / "fronts.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        fronts = {}
    projection = europe.get("projection", {})
    countries = tuple(
        (str(c.get("name", "")), str(c.get("group", "other")),
         tuple(tuple((float(p[0]), float(p[1])) for p in ring) for ring in c.get("rings", ())))
        for c in europe.get("countries", ()))
    cities = tuple(City(str(c["id"]), str(c["name"]), float(c["x"]), float(c["y"]))
                   for c in europe.get("cities", ()) if c.get("id") in SHOWN_CITIES)
    offmap = tuple(City(str(c["id"]), str(c["name"]), float(c["x"]), float(c["y"]), str(c.get("direction", "")),
                        bool(c.get("in_box", False)), tuple(c.get("edge", (0.5, 0.5))))
                   for c in europe.get("offmap", ()))
    lines: list[FrontLine] = []
    if projection:
        for line in fronts.get("lines", ()):
            points = tuple(project(float(p[0]), float(p[1]), projection) for p in line.get("points", ()))
            lines.append(FrontLine(str(line.get("date", "")), float(line.get("front", 0)),
                                   str(line.get("note", "")), points))
    lines.sort(key=lambda line: line.front)
    counts = {len(line.points) for line in lines}
    if len(counts) > 1:
        lines = []  # lines that cannot be interpolated are not drawn at all
    return Geography(float(projection.get("aspect", 1.1156)), countries, cities, offmap, tuple(lines),
                     load_words())


def load_words() -> MapWords:
    """The legend's words; a missing or damaged file leaves the neutral defaults."""
    try:
        data = json.loads((MAP_DIR / "legend.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return MapWords()
    if not isinstance(data, dict):
        return MapWords()
    defaults = MapWords()
    values: dict[str, Any] = {}
    for name in MapWords.__dataclass_fields__:
        value = data.get(name, getattr(defaults, name))
        if name == "dotted_countries":
            values[name] = tuple(str(v) for v in value) if isinstance(value, list) else ()
        else:
            values[name] = str(value)
    return MapWords(**values)
