"""Headless window tests: the dummy video driver, and a home folder per test."""

from __future__ import annotations

import os
import warnings

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402

from game.paths import DEFAULT_SCENARIO  # noqa: E402
from game.scenario import load_scenario  # noqa: E402


@pytest.fixture(scope="session")
def scenario():
    return load_scenario(str(DEFAULT_SCENARIO))


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """Saves and settings go to a fresh folder, never the player's."""
    monkeypatch.setenv("SEPARATE_PEACE_HOME", str(tmp_path))
    warnings.filterwarnings("ignore", module="pygame_gui")
    return tmp_path


@pytest.fixture
def pilot(scenario):
    from game.ui.pilot import Pilot

    return Pilot.start(scenario=scenario)
