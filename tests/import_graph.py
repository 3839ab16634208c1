"""The package's modules and the imports between them, read from the source (not imported).

Every `import` and `from ... import` naming a module of the package counts, wherever it
stands: at the top, inside a function, under `if TYPE_CHECKING:`. `tests/test_structure.py`
holds the house to its layers with it; run as a script, it prints the figures
docs/architecture.md quotes:

    python tests/import_graph.py [SRC]     # SRC: the folder holding selfreview_core (src)
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

PACKAGE = "selfreview_core"
SRC = Path(__file__).resolve().parents[1] / "src"


@dataclass(frozen=True)
class Module:
    """One module of the package: its dotted name, file, and lines."""

    name: str
    path: Path
    is_package: bool
    lines: int


@dataclass
class Graph:
    """Modules by name, and the modules each imports (itself left out)."""

    modules: dict[str, Module]
    imports: dict[str, set[str]] = field(default_factory=dict)
    #: Imports of the package naming no module of it (`from .model import x` in a module
    #: moved a folder down), by the module that makes them: counted as none of the others.
    unresolved: dict[str, set[str]] = field(default_factory=dict)

    def cycles(self) -> list[list[str]]:
        """The strongly connected groups of more than one module (Tarjan), each sorted, and
        modules importing themselves: every import cycle, however it is written."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        on_stack: set[str] = set()
        found: list[list[str]] = []
        counter = 0

        def visit(start: str) -> None:
            nonlocal counter
            work = [(start, iter(sorted(self.imports[start])))]
            index[start] = low[start] = counter
            counter += 1
            stack.append(start)
            on_stack.add(start)
            while work:
                node, children = work[-1]
                child = next(children, None)
                if child is not None:
                    if child not in index:
                        index[child] = low[child] = counter
                        counter += 1
                        stack.append(child)
                        on_stack.add(child)
                        work.append((child, iter(sorted(self.imports[child]))))
                    elif child in on_stack:
                        low[node] = min(low[node], index[child])
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))

        for name in sorted(self.modules):
            if name not in index:
                visit(name)
        return sorted(found)

    def longest_chain(self) -> list[str]:
        """The longest chain of imports, a module importing the next (each group of modules
        in a cycle counted as one step)."""
        groups = {name: i for i, group in enumerate(self.cycles()) for name in group}

        def key(name: str) -> object:
            return groups.get(name, name)

        @cache
        def chain(name: str) -> tuple[str, ...]:
            below = [chain(other) for other in self.imports[name] if key(other) != key(name)]
            below.sort(key=len, reverse=True)
            return (name, *(below[0] if below else ()))

        chains = sorted((chain(name) for name in sorted(self.modules)), key=len, reverse=True)
        return list(chains[0])


def _module_name(path: Path, src: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(src).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def _resolve(names: set[str], name: str) -> str | None:
    """The module `name` is, or is inside (an attribute of a module); None outside it."""
    while name:
        if name in names:
            return name
        name = name.rpartition(".")[0]
    return None


def _at_import_time(tree: ast.Module) -> list[ast.stmt]:
    """The statements run when the module is imported: its top level, into `if`, `try` and
    `with` blocks, but not `if TYPE_CHECKING:` and not into functions or classes."""
    found: list[ast.stmt] = []
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, ast.If):
            checking = isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
            todo.extend(node.orelse if checking else [*node.body, *node.orelse])
        elif isinstance(node, ast.Try):
            todo.extend([*node.body, *node.orelse, *node.finalbody])
            todo.extend(s for handler in node.handlers for s in handler.body)
        elif isinstance(node, ast.With):
            todo.extend(node.body)
    return found


def read(src: Path = SRC, *, at_import_time: bool = False) -> Graph:
    """The graph of the package under `src`: every import, or with `at_import_time` only
    those run when a module is imported (none in a function or under TYPE_CHECKING)."""
    modules: dict[str, Module] = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        name, is_package = _module_name(path, src)
        lines = len(path.read_text(encoding="utf-8").splitlines())
        modules[name] = Module(name, path, is_package, lines)
    graph = Graph(modules)
    for name, module in modules.items():
        found: set[str] = set()
        tree = ast.parse(module.path.read_text(encoding="utf-8"))
        here = name if module.is_package else name.rpartition(".")[0]
        nodes = _at_import_time(tree) if at_import_time else ast.walk(tree)
        for node in nodes:
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
                named = targets
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    parts = here.split(".")
                    base = ".".join(parts[: len(parts) - node.level + 1])
                    base = f"{base}.{node.module}" if node.module else base
                else:
                    base = node.module or ""
                # `from package import module` imports the module, not the package.
                targets = [f"{base}.{alias.name}" for alias in node.names]
                named = [base]
            else:
                continue
            for module_named in named:
                ours = module_named == PACKAGE or module_named.startswith(f"{PACKAGE}.")
                if ours and module_named not in modules:
                    graph.unresolved.setdefault(name, set()).add(module_named)
            for target in targets:
                if target == PACKAGE or target.startswith(f"{PACKAGE}."):
                    resolved = _resolve(set(modules), target)
                    if resolved is not None:
                        found.add(resolved)
        found.discard(name)
        graph.imports[name] = found
    return graph


def figures(graph: Graph, runtime: Graph) -> dict[str, object]:
    """What docs/architecture.md quotes: modules, the longest chain of imports (of all of
    them, and of those run at import time), cycles, the largest module and the largest
    module of the command line."""
    largest = max(graph.modules.values(), key=lambda m: m.lines)
    cli = [m for m in graph.modules.values() if m.name.split(".")[1:2] in (["cli"], ["cli_"])]
    cli += [m for m in graph.modules.values() if m.name.startswith(f"{PACKAGE}.cli_")]
    largest_cli = max(cli, key=lambda m: m.lines)
    chain = graph.longest_chain()
    return {
        "modules": len(graph.modules),
        "longest chain": len(chain),
        "chain": " -> ".join(name.removeprefix(f"{PACKAGE}.") for name in chain),
        "longest chain at import time": len(runtime.longest_chain()),
        "cycles": len(graph.cycles()),
        "modules in cycles": sum(len(group) for group in graph.cycles()),
        "largest module": f"{largest.name} ({largest.lines} lines)",
        "largest CLI module": f"{largest_cli.name} ({largest_cli.lines} lines)",
        "modules over 400 lines": sum(m.lines > 400 for m in graph.modules.values()),
    }


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SRC
    for label, value in figures(read(source), read(source, at_import_time=True)).items():
        print(f"{label}: {value}")
