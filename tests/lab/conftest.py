"""Fixtures for the lab's tests: the small scenario of tests/lab/fixtures and the real one's bytes."""

from __future__ import annotations

import pytest
from labtools import MINI

from game.paths import DEFAULT_SCENARIO
from game.scenario import Scenario, load_scenario


@pytest.fixture(scope="session")
def mini() -> Scenario:
    return load_scenario(MINI)


@pytest.fixture(scope="session")
def real_bytes() -> bytes:
    return DEFAULT_SCENARIO.read_bytes()
