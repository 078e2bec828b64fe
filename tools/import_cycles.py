"""Import cycles between the game's packages: ``python tools/import_cycles.py [--local] [--depth N]``.

Reads every module under ``game/`` with :mod:`ast` (nothing is imported, so a broken
module or a missing window library does not hide an edge) and prints each group of
packages that import each other, with the imports that close the loop. ``--local``
counts the imports written inside functions too: such an import dodges the error an
import cycle raises at start-up but leaves the two layers tangled. Imports under
``if TYPE_CHECKING:`` are never counted. Exit status 1 when there is a cycle.

``--depth 2`` groups modules by ``game.X`` (the default), ``--depth 3`` by
``game.X.Y`` (the window's panels and screens, say), and a large depth by module.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def module_name(path: Path, root: Path) -> str:
    """``game/ui/screens/base.py`` -> ``game.ui.screens.base``; a package's ``__init__`` is the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden.update(id(inner) for inner in ast.walk(node))
    return hidden


def _function_nodes(tree: ast.AST) -> set[int]:
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.update(id(inner) for inner in ast.walk(node) if inner is not node)
    return inside


def _imported(node: ast.AST, package: str, modules: set[str]) -> list[str]:
    """The modules an import statement names, resolved to modules of the game."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parts = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*parts, base] if base else parts)
        names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
    else:
        return []
    found = []
    for name in names:
        while name not in modules and "." in name:
            name = name.rsplit(".", 1)[0]
        if name in modules:
            found.append(name)
    return found


def import_graph(root: Path = ROOT, local: bool = False) -> dict[str, set[str]]:
    """Module -> the game's modules it imports (function-local imports only with ``local``)."""
    paths = {module_name(path, root): path for path in sorted((root / "game").rglob("*.py"))}
    modules = set(paths)
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        hidden = _type_checking_nodes(tree)
        inside = set() if local else _function_nodes(tree)
        for node in ast.walk(tree):
            if id(node) in hidden or id(node) in inside:
                continue
            graph[name].update(target for target in _imported(node, package, modules) if target != name)
    return graph


def group(name: str, depth: int) -> str:
    """The package ``name`` belongs to at ``depth`` (``game.ui.screens`` at 3)."""
    return ".".join(name.split(".")[:depth])


def package_graph(graph: dict[str, set[str]], depth: int) -> dict[str, set[str]]:
    """The module graph folded into packages at ``depth``; a package's own imports are dropped."""
    folded: dict[str, set[str]] = defaultdict(set)
    for source, targets in graph.items():
        for target in targets:
            if group(source, depth) != group(target, depth):
                folded[group(source, depth)].add(group(target, depth))
    return folded


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return sorted(found)


def explain(graph: dict[str, set[str]], component: list[str], depth: int) -> list[str]:
    """The module imports that join the packages of ``component``, one line each."""
    members = set(component)
    return [f"  {source} -> {target}" for source, targets in sorted(graph.items()) for target in sorted(targets)
            if group(source, depth) in members and group(target, depth) in members
            and group(source, depth) != group(target, depth)]


def main(argv: list[str] | None = None) -> int:
    """Print the cycles; 1 if there is one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--local", action="store_true", help="count imports inside functions too")
    parser.add_argument("--depth", type=int, default=2, help="package depth to group modules by (default 2)")
    args = parser.parse_args(argv)
    graph = import_graph(local=args.local)
    found = cycles(package_graph(graph, args.depth))
    for component in found:
        print(" <-> ".join(component))
        print("\n".join(explain(graph, component, args.depth)))
    if not found:
        print("no cycles")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
