"""Shared fixtures: the real scenario, loaded once, and a private saves folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.paths import DEFAULT_SCENARIO  # noqa: E402
from game.scenario import Scenario, load_scenario  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test's saves and settings out of the real user folders."""
    monkeypatch.setenv("SEPARATE_PEACE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"
