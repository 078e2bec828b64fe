"""The map data of a scenario's map folder: country rings, cities, and the historical front lines.

Which folder, which cities and which capital is the scenario's ``[presentation.map]``
(game/scenario/mapbinding.py checks it); a scenario without one has no geography
(:func:`load_geography` returns None) and the front ends draw a gauge of its front
variable instead. Each folder is read once per process and kept by folder, cities and
capital, so two scenarios never share one another's map.

The front line for any value of the front variable is interpolated point by point between
the two historical lines whose ``front`` values bracket it (the baked lines all have the
same number of points, north to south). Nothing here draws; :mod:`game.ui.widgets.mapview`
does, and :mod:`game.web.mapsvg` writes the same data as SVG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.scenario.model import MapBinding, Scenario
from game.untrusted import UntrustedError, parse_json, read_bounded

Point = tuple[float, float]
#: the largest map file read (the bundled land file is about 160 kB)
MAX_MAP_BYTES = 8_000_000


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
    #: the id of the city drawn with a box (the scenario's ``capital``)
    capital: str = ""
    #: the country group of the land file that the frontier line encloses (drawn as held land)
    held_group: str = ""
    #: names written on the land: (text, x, y) in the unit box
    country_labels: tuple[tuple[str, float, float], ...] = ()
    #: an off-map place's arrow direction where the land file's would mislead (id -> direction)
    arrows: tuple[tuple[str, str], ...] = ()


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
        """The frontier the front started from (the line with the highest front value, drawn dashed)."""
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


def load_geography(scenario: Scenario) -> Geography | None:
    """The scenario's map (read once per folder, cities and capital), or None when it has none."""
    binding = scenario.presentation.map
    return None if binding is None else geography_of(binding)


def geography_of(binding: MapBinding) -> Geography:
    """The geography a map binding names (cached: the same binding gives the same object)."""
    return _read_folder(binding.folder, binding.cities, binding.capital)


def _read_json(path: Path) -> dict:
    """One map file as a dict; a missing, oversized or damaged file reads as empty (the map draws less)."""
    try:
        data = parse_json(read_bounded(path, MAX_MAP_BYTES))
    except (OSError, UntrustedError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=8)
def _read_folder(folder: str, shown: tuple[str, ...], capital: str) -> Geography:
    """Read and project one map folder's files; a file with values of the wrong kind gives an empty map."""
    base = Path(folder)
    words = load_words(base, capital)
    try:
        return _parse(_read_json(base / "europe.json"), _read_json(base / "fronts.json"), shown, words)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return Geography(1.1156, (), (), (), (), words)


def _parse(europe: dict, fronts: dict, shown: tuple[str, ...], words: MapWords) -> Geography:
    """The geography of a land file and a fronts file (raises on values of the wrong kind)."""
    projection = europe.get("projection", {})
    countries = tuple(
        (str(c.get("name", "")), str(c.get("group", "other")),
         tuple(tuple((float(p[0]), float(p[1])) for p in ring) for ring in c.get("rings", ())))
        for c in europe.get("countries", ()))
    by_id = {str(c.get("id")): c for c in europe.get("cities", ()) if isinstance(c, dict)}
    cities = tuple(City(city_id, str(by_id[city_id]["name"]), float(by_id[city_id]["x"]), float(by_id[city_id]["y"]))
                   for city_id in shown if city_id in by_id)
    turned = dict(words.arrows)
    offmap = tuple(City(str(c["id"]), str(c["name"]), float(c["x"]), float(c["y"]),
                        turned.get(str(c["id"]), str(c.get("direction", ""))),
                        bool(c.get("in_box", False)), (float(c.get("edge", (0.5, 0.5))[0]),
                                                       float(c.get("edge", (0.5, 0.5))[1])))
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
    return Geography(float(projection.get("aspect", 1.1156)), countries, cities, offmap, tuple(lines), words)


def load_words(folder: Path, capital: str = "") -> MapWords:
    """The legend's words and marks of a map folder; a missing or damaged file leaves the neutral defaults."""
    try:
        return _words(_read_json(folder / "legend.json"), capital)
    except (TypeError, ValueError, AttributeError):
        return MapWords(capital=capital)


def _words(data: dict, capital: str) -> MapWords:
    defaults = MapWords()
    values: dict[str, Any] = {}
    for name in MapWords.__dataclass_fields__:
        value = data.get(name, getattr(defaults, name))
        if name == "dotted_countries":
            values[name] = tuple(str(v) for v in value) if isinstance(value, list) else ()
        elif name == "country_labels":
            values[name] = tuple((str(v.get("text", "")), float(v.get("x", 0)), float(v.get("y", 0)))
                                 for v in value if isinstance(v, dict)) if isinstance(value, list) else ()
        elif name == "arrows":
            values[name] = tuple((str(k), str(v)) for k, v in value.items()) if isinstance(value, dict) else ()
        else:
            values[name] = str(value)
    values["capital"] = capital
    return MapWords(**values)
