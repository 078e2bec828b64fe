"""``[presentation.map]``: every key checked with file, key and line; the folder stays where it may be."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.paths import ASSETS, DEFAULT_SCENARIO
from game.scenario import load_scenario
from game.ui.widgets.geography import load_geography
from tests.test_scenario_keys import check_text as problems_of

HARBOUR = Path(__file__).resolve().parent / "fixtures" / "harbour.toml"
MAP_TABLE = '[presentation.map]\nfolder = "map"\n'




def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('folder = "map"', 'folder = "../assets/map"', "may not climb out with '..'"),
    ('folder = "map"', 'folder = "/etc"', "must be relative"),
    ('folder = "map"', 'folder = "nowhere"', "no map folder 'nowhere'"),
    ('folder = "map"', 'folder = "fonts"', "has no europe.json"),
    ('"kharkov", "kiev"', '"kharkiv", "kiev"', "no city 'kharkiv' on the map"),
    ('capital = "moscow"', 'capital = "warsaw"', "the capital 'warsaw' must be one of the cities"),
    ('behind_front = "germany"', 'behind_front = "japan"', "unknown power 'japan'"),
    ('ahead_of_front = "ussr"', 'ahead_of_front = "germany"', "the same power cannot hold both sides"),
    ('behind_front = "germany"', 'behind_frnt = "germany"', "unknown key 'behind_frnt' in [presentation.map]"),
])
def test_a_bad_map_binding_is_refused_with_file_key_and_line(tmp_path: Path, old: str, new: str,
                                                           expected: str) -> None:
    text = Path(DEFAULT_SCENARIO).read_text(encoding="utf-8")
    assert old in text
    edited = text.replace(old, new, 1)
    problems = problems_of(tmp_path, edited)
    assert len(problems) == 1 and expected in problems[0], problems
    assert problems[0].startswith(f"{tmp_path / 'edited.toml'}:{line_of(edited, new)}:"), problems
    assert "[presentation.map." in problems[0]


def test_a_link_out_of_the_scenarios_folder_is_refused(tmp_path: Path) -> None:
    os.symlink(ASSETS / "map", tmp_path / "borrowed")
    text = HARBOUR.read_text(encoding="utf-8").replace("[[presentation.judgements]]",
                                                      '[presentation.map]\nfolder = "borrowed"\n\n'
                                                      "[[presentation.judgements]]", 1)
    problems = problems_of(tmp_path, text)
    assert len(problems) == 1 and "leads outside" in problems[0]


def tiny_map(folder: Path) -> None:
    """A map of its own for the harbour: one island, two quays, a line across the bay."""
    projection = json.loads((ASSETS / "map" / "europe.json").read_text())["projection"]
    folder.mkdir()
    (folder / "europe.json").write_text(json.dumps({
        "projection": projection,
        "countries": [{"name": "Isle", "group": "isle", "rings": [[[0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8]]]}],
        "cities": [{"id": "north_quay", "name": "North Quay", "x": 0.5, "y": 0.3},
                   {"id": "south_quay", "name": "South Quay", "x": 0.5, "y": 0.7}],
        "offmap": []}))
    (folder / "fronts.json").write_text(json.dumps({"lines": [
        {"date": "1700-01", "front": 0, "note": "the first stones", "points": [[20, 60], [24, 50]]},
        {"date": "1700-12", "front": 100, "note": "the old wall", "points": [[30, 60], [34, 50]]}]}))
    (folder / "legend.json").write_text(json.dumps({"behind_front": "Built", "ahead_of_front": "Open water",
                                                    "held_group": "isle"}))


def test_a_scenario_beside_its_own_map_folder_draws_that_map(tmp_path: Path) -> None:
    tiny_map(tmp_path / "bay")
    text = HARBOUR.read_text(encoding="utf-8").replace(
        "[[presentation.judgements]]", '[presentation.map]\nfolder = "bay"\ncities = ["north_quay", "south_quay"]\n'
        'capital = "north_quay"\nbehind_front = "basalt"\nahead_of_front = "amber"\n\n[[presentation.judgements]]', 1)
    path = tmp_path / "harbour.toml"
    path.write_text(text, encoding="utf-8")
    harbour = load_scenario(path)
    binding = harbour.presentation.map
    assert binding is not None and Path(binding.folder) == (tmp_path / "bay").resolve()
    geography = load_geography(harbour)
    assert geography is not None and [city.name for city in geography.cities] == ["North Quay", "South Quay"]
    assert geography.words.capital == "north_quay" and geography.words.held_group == "isle"
    assert len(geography.fronts) == 2 and len(geography.front_line(50)) == 2
    real = load_geography(load_scenario(DEFAULT_SCENARIO))
    assert real is not None and real is not geography and "Kiev" in {city.name for city in real.cities}


def test_a_damaged_map_file_draws_less_and_never_crashes(tmp_path: Path) -> None:
    tiny_map(tmp_path / "bay")
    text = HARBOUR.read_text(encoding="utf-8").replace(
        "[[presentation.judgements]]", '[presentation.map]\nfolder = "bay"\n\n[[presentation.judgements]]', 1)
    path = tmp_path / "harbour.toml"
    path.write_text(text, encoding="utf-8")
    harbour = load_scenario(path)
    (tmp_path / "bay" / "fronts.json").write_text('{"lines": [{"points": "not points"}]}')
    (tmp_path / "bay" / "legend.json").write_text("[1, 2")
    geography = load_geography(harbour)
    assert geography is not None and geography.fronts == () and geography.cities == ()


def test_the_fixture_without_a_map_has_none() -> None:
    assert load_scenario(HARBOUR).presentation.map is None
