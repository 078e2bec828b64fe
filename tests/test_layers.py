"""The layers import downwards only: the engine never reaches the policies, no package loops.

The engine calls players through its ``Player`` protocol; the session (``game.session``)
is where engine and policies meet. These tests read the source with ``ast`` (so an
import hidden inside a function counts) and import the engine with the policies blocked.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_cycles", ROOT / "tools" / "import_cycles.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_engine_imports_no_policy_and_no_session() -> None:
    tool = _tool()
    graph = tool.import_graph(ROOT, local=True)
    engine = {name: targets for name, targets in graph.items() if tool.group(name, 2) == "game.engine"}
    assert "game.engine.core" in engine  # the walk found the engine
    reached = {(name, target) for name, targets in engine.items() for target in targets
               if tool.group(target, 2) not in {"game.engine", "game.scenario"}}
    assert not reached, f"the engine imports above itself: {sorted(reached)}"


def test_the_engine_loads_with_the_policies_blocked() -> None:
    code = """
import importlib.abc, pkgutil, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[:2] in (["game", "policies"], ["game", "session"]):
            raise ImportError("blocked: " + name)
        return None
sys.meta_path.insert(0, Block())
import game.engine
for module in pkgutil.iter_modules(game.engine.__path__):
    importlib.import_module("game.engine." + module.name)
assert not any(name.startswith(("game.policies", "game.session")) for name in sys.modules)
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_the_blocker_would_catch_an_engine_that_imports_a_policy(tmp_path: Path) -> None:
    """The walk sees an import inside a function: a copy of the engine that does it is caught."""
    tool = _tool()
    game = tmp_path / "game"
    (game / "engine").mkdir(parents=True)
    (game / "policies").mkdir()
    for path in (game / "__init__.py", game / "engine" / "__init__.py", game / "policies" / "__init__.py"):
        path.write_text("")
    (game / "engine" / "core.py").write_text("def late():\n    from game.policies import Historical\n")
    graph = tool.import_graph(tmp_path, local=True)
    assert graph["game.engine.core"] == {"game.policies"}
    assert tool.import_graph(tmp_path)["game.engine.core"] == set()  # only with local imports counted


@pytest.mark.parametrize("depth", [2, 3])
def test_no_two_packages_of_the_game_import_each_other(depth: int) -> None:
    """``game.X`` packages (depth 2) and ``game.X.Y`` ones (depth 3: the window's panels and
    screens, say) import downwards only, counting imports written inside functions (where a
    loop hides most easily; ``python tools/import_cycles.py --local`` lists them)."""
    tool = _tool()
    graph = tool.import_graph(ROOT, local=True)
    found = tool.cycles(tool.package_graph(graph, depth))
    assert not found, "\n".join(" <-> ".join(c) + "\n" + "\n".join(tool.explain(graph, c, depth)) for c in found)


def test_the_cycle_finder_finds_a_loop() -> None:
    tool = _tool()
    assert tool.cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert tool.cycles({"a": {"b"}, "b": set()}) == []
