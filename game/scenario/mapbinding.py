"""``[presentation.map]``: which map a scenario is drawn on, and what the scenario says of it.

The map is data of the scenario, not of the front ends: the folder holding the land, the
cities and the historical lines, the cities worth a label, the capital, and which power
holds the land behind the front and ahead of it (the front ends colour the occupied band
and the dotted countries in that power's colour). A scenario without this table has no
map; the front ends then show an honest gauge of its front variable instead of somebody
else's geography.

The folder is untrusted like the rest of the file: a relative path with no ``..``, looked
for first beside the scenario file and then in the game's ``assets/`` folder, and refused
if, once links are followed, it lies outside the root it was found in. Its
``europe.json`` is read (bounded) so that every city named here must exist on the map.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from game.paths import ASSETS
from game.scenario.model import MapBinding
from game.untrusted import UntrustedError, parse_json, read_bounded

#: the keys ``[presentation.map]`` may hold (the loader refuses any other)
MAP_KEYS = frozenset({"folder", "cities", "capital", "behind_front", "ahead_of_front"})
#: the file of a map folder that holds its land and cities
LAND_FILE = "europe.json"
#: the largest land file read
MAX_LAND_BYTES = 8_000_000


class Reader(Protocol):
    """What this module needs of the scenario loader's reader."""

    name: str

    def problem(self, path: tuple, message: str) -> None: ...

    def get(self, table: dict, key: str, path: tuple, kind: type | tuple, required: bool = True,
            default: Any = None) -> Any: ...

    def known_keys(self, table: dict, path: tuple, kind: str) -> None: ...


def map_roots(scenario_file: str) -> tuple[Path, ...]:
    """Where a map folder may be: beside the scenario file, then the game's assets."""
    return (Path(scenario_file).resolve().parent, ASSETS.resolve())


def resolve_folder(folder: str, roots: tuple[Path, ...]) -> tuple[Path | None, str]:
    """The map folder a relative path names inside one of ``roots``, or None and why not."""
    if not folder or "\\" in folder or "\x00" in folder:
        return None, f"folder {folder!r} must be a relative path written with /"
    pure = PurePosixPath(folder)
    if pure.is_absolute() or any(part == ".." for part in pure.parts) or folder.startswith("~"):
        return None, f"folder {folder!r} must be relative and may not climb out with '..'"
    for root in roots:
        candidate = (root / pure).resolve()
        if not candidate.is_dir():
            continue
        if not candidate.is_relative_to(root):
            return None, f"folder {folder!r} leads outside {root} (through a link)"
        return candidate, ""
    where = " or ".join(str(root) for root in roots)
    return None, f"no map folder {folder!r} in {where}"


def map_city_ids(folder: Path) -> tuple[set[str] | None, str]:
    """The city ids of a map folder's land file, or None and why it cannot be read."""
    try:
        data = parse_json(read_bounded(folder / LAND_FILE, MAX_LAND_BYTES))
    except FileNotFoundError:
        return None, f"the map folder {folder} has no {LAND_FILE}"
    except (OSError, UntrustedError, ValueError) as error:
        return None, f"{folder / LAND_FILE} cannot be read: {error}"
    cities = data.get("cities", []) if isinstance(data, dict) else None
    if not isinstance(cities, list):
        return None, f"{folder / LAND_FILE} has no list of cities"
    return {str(city.get("id")) for city in cities if isinstance(city, dict)}, ""


def read_map(reader: Reader, presentation: dict, power_ids: set[str]) -> MapBinding | None:
    """The ``[presentation.map]`` table, every key checked; None when the scenario has no map."""
    if "map" not in presentation:
        return None
    path: tuple = ("presentation", "map")
    table = presentation["map"]
    if not isinstance(table, dict):
        reader.problem(path, "[presentation.map] must be a table")
        return None
    reader.known_keys(table, path, "presentation.map")
    folder, why = resolve_folder(reader.get(table, "folder", path, str, default=""), map_roots(reader.name))
    if folder is None:
        reader.problem(path + ("folder",), why)
    known: set[str] | None = None
    if folder is not None:
        known, why = map_city_ids(folder)
        if known is None:
            reader.problem(path + ("folder",), why)
    cities = reader.get(table, "cities", path, list, required=False, default=[])
    for city in cities:
        if not isinstance(city, str) or (known is not None and city not in known):
            reader.problem(path + ("cities",), f"no city {city!r} on the map")
    capital = reader.get(table, "capital", path, str, required=False, default="")
    if capital and capital not in cities:
        reader.problem(path + ("capital",), f"the capital {capital!r} must be one of the cities")
    sides = []
    for key in ("behind_front", "ahead_of_front"):
        power = reader.get(table, key, path, str, required=False, default="")
        if power and power not in power_ids:
            reader.problem(path + (key,), f"unknown power {power!r}")
        sides.append(power)
    if sides[0] and sides[0] == sides[1]:
        reader.problem(path + ("ahead_of_front",), "the same power cannot hold both sides of the front")
    if folder is None:
        return None
    return MapBinding(str(folder), tuple(str(city) for city in cities), capital, sides[0], sides[1])
