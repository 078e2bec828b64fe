"""The examples in the table's docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["game.table.calendar", "game.table.knowledge", "game.table.seats", "game.classroom.visibility",
           "game.table.lesson", "game.table.news", "game.classroom.packet"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted and not result.failed
