"""The window's modules: screens reach each other by name, never by import, and import at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import game.ui

UI = Path(game.ui.__file__).parent
SCREEN_MODULES = {p.stem for p in (UI / "screens").glob("*.py")} - {"__init__", "base", "registry"}
#: launch.py loads pygame only when the window runs, so `check`, `lab` and the terminal never import it
LAZY = {"launch.py"}


def imports(tree: ast.AST) -> list[tuple[ast.AST, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node, node.module))
        elif isinstance(node, ast.Import):
            found += [(node, alias.name) for alias in node.names]
    return found


def test_no_screen_imports_another_screen():
    for path in (UI / "screens").glob("*.py"):
        if path.stem == "registry":
            continue
        for _, module in imports(ast.parse(path.read_text())):
            if module.startswith("game.ui.screens."):
                assert module.rsplit(".", 1)[1] not in SCREEN_MODULES, f"{path.name} imports {module}"


def test_no_imports_of_the_game_inside_functions_in_the_window():
    """No module of the game is imported inside a function (the way cycles are dodged); a heavy
    optional library (matplotlib for the debrief's charts) may still load when first needed."""
    for path in UI.rglob("*.py"):
        if path.name in LAZY:
            continue
        tree = ast.parse(path.read_text())
        for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            inner = [module for node, module in imports(function) if module.startswith("game")]
            assert not inner, f"{path.relative_to(UI)}: {function.name} imports {inner}"


def literals(tree: ast.AST) -> list[str]:
    """Every string constant of a module except docstrings."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


#: modules still written for one scenario (none: the triangle reads ``[presentation] triangle``)
NOT_YET_BOUND: set[str] = set()
#: the map file's own keys ("front" of a drawn line, "west" as a compass direction) share names with ids
MAP_FILE_KEYS = {("widgets/geography.py", "front"), ("widgets/mapview.py", "west")}


def test_no_power_variable_or_year_is_written_in_the_window(scenario):
    ids = {p.id for p in scenario.powers} | {v.id for v in scenario.variables}
    words = {p.player for p in scenario.powers if p.player} | {"1942", "1943"}
    for path in UI.rglob("*.py"):
        if str(path.relative_to(UI)) in NOT_YET_BOUND:
            continue
        for text in literals(ast.parse(path.read_text())):
            if (str(path.relative_to(UI)), text) in MAP_FILE_KEYS:
                continue
            assert text not in ids, f"{path.relative_to(UI)} names the id {text!r}"
            assert not any(word in text for word in words), f"{path.relative_to(UI)} writes {text!r}"
