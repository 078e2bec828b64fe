"""Saves made by replaying policies, shared by the classroom tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.__main__ import main


@pytest.fixture(scope="session")
def replayed_saves(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Saves of finished games: history twice (Teheran) and an appeaser (a peace with Hitler)."""
    folder = tmp_path_factory.mktemp("saves")
    saves = {}
    for name, policy, seed in (("history-1", "historical", 1), ("history-2", "historical", 2),
                               ("appeaser", "appeaser", 5)):
        path = folder / f"{name}.json"
        assert main(["replay", "--policy", policy, "--seed", str(seed), "--save", str(path)]) == 0
        saves[name] = path
    return saves
