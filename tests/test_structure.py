"""The house stays the way docs/architecture.md draws it: no import cycle of any kind, every
import running down the layers, small modules, a thin command line.

Imports are read from the source (`import_graph`): those inside functions and under
`if TYPE_CHECKING:` count as much as any other, so a cycle cannot hide in either.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import selfreview_core
from import_graph import PACKAGE, Graph, read

#: The layer of each folder and top-level module, bottom (0) to top. A module may import
#: from a lower layer, and from its own layer only within its own folder (top-level modules
#: of one layer share the package's folder). docs/architecture.md draws this table.
LAYERS: dict[str, int] = {
    # 0: plain Python, no model: the exceptions, the shared names, escaping, small helpers
    "errors": 0,
    "_names": 0,
    "escaping": 0,
    "_memo": 0,
    "_hints": 0,
    "_lookalikes": 0,
    "_frozen": 0,
    "file_names": 0,
    "_held": 0,
    "_stopping": 0,
    "_followed": 0,
    "_words": 0,
    "_collector": 0,  # the collector's thresholds while the program starts
    "jobs": 0,  # `--jobs`: work over worker processes, what the workers read and write
    # 1: bytes to plain data with positions
    "files": 1,
    "isolates": 1,  # right-to-left letters, and the isolates the program writes round them
    "text_tables": 1,  # tables fitted to the width, right-to-left cells isolated (escaping)
    # 2: the documents and the checks that need only a document and its framework
    "model": 2,
    "command_inputs": 2,  # the files a command reads and the folders it walks, by identity
    # 3: what a command writes: the checks of an output, over the inputs and the walk of the
    # folders read (what the next run reads back), and the one path every output is written
    # by, atomically, in turn with other saves
    "outputs": 3,
    # 3: carrying assessments between framework versions (models only)
    "migrations": 3,
    # 3: scoring (models only): levels per strand, aspect, element, overall
    "scoring": 3,
    # 3: a review dated after today, and the one place "today" comes from
    "review_dates": 3,
    # 4: files to models; scoring, comparison, conditions, the rule index, awards, reports
    "loader": 4,
    "twins": 4,
    "quick_assessment": 4,
    "pydantic_errors": 4,
    "dump": 4,
    "comparison": 4,
    "facts": 4,
    "award_check": 4,
    "report": 4,
    "recommending": 4,
    "evidence": 4,
    "typed_text": 4,
    "found_frameworks": 4,
    # 5: what is built on them without plugins: terminal views, sessions, validation
    "display": 5,
    "config": 5,  # the configuration file: its settings, where it writes each, its text
    "session": 5,
    "validation": 5,
    "rules": 5,  # rule packs compiled into an index over the facts
    "schema": 5,
    "voices": 5,  # respondents: reading, comparing and combining them (SPEC section 9)
    # 6, 7: the families
    "exporters": 6,
    "plans": 6,
    "cohort": 7,
    # 8-11: plugins: the hooks, the guarded calls, the built-ins, the host, the engine
    "hookspecs": 8,
    "isolation": 8,
    "default_plugins": 9,
    "entry_points": 9,
    "plugin_checks": 10,
    "plugins": 10,
    "disabled_names": 10,  # the warning for a name to disable that no plugin has
    "provided": 10,
    "framework_names": 10,
    "catalogue": 11,
    "catalogue_entries": 11,  # what the caller and the plugins give, read into entries
    "migrating": 11,
    "engine": 11,
    "engine_inputs": 11,
    # 12: what the commands do with an engine, testable without click
    "batch": 12,
    "listing": 12,
    "cohort_engine": 12,
    # 13, 14: for plugin authors' tests, and the command line
    "testing": 13,
    "cli": 14,
    # 15: the entry points
    "__main__": 15,
    "_launch": 15,  # the program the console script and `python -m` run
    "": 15,  # the package itself: its imports for type checkers name every public module
}
#: Subpackages whose `__init__.py` holds code: the public testing API, the command group.
NOT_EMPTY = {"testing", "cli"}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return read()


def _top(name: str) -> str:
    """The folder or top-level module a module belongs to ("" for the package)."""
    return name.removeprefix(PACKAGE).lstrip(".").split(".")[0]


def _where(graph: Graph, name: str) -> tuple[int, str]:
    """A module's layer, and its folder: a subpackage's name, or "" for the top level."""
    rest = name.removeprefix(PACKAGE).lstrip(".")
    top = rest.split(".")[0]
    in_folder = "." in rest or (graph.modules[name].is_package and rest != "")
    return LAYERS[top], top if in_folder else ""


def test_no_import_cycle_of_any_kind(graph: Graph) -> None:
    """Imports inside functions and under TYPE_CHECKING count: a comment that explains a
    cycle is a cycle to remove (STYLE.md)."""
    assert graph.cycles() == []


def test_every_import_of_the_package_names_a_module_of_it(graph: Graph) -> None:
    """An import whose module is not there (a relative import left as it was when its module
    moved into a folder) fails only when it runs; read here, it would be taken for an
    import of the folder it stands in, and no layer would be checked."""
    assert graph.unresolved == {}


def test_every_folder_and_module_has_a_layer(graph: Graph) -> None:
    assert {_top(name) for name in graph.modules} <= set(LAYERS)
    assert set(LAYERS) <= {_top(name) for name in graph.modules}  # no stale entry


def test_no_import_runs_from_a_lower_layer_up(graph: Graph) -> None:
    upward = []
    for name, imported in graph.imports.items():
        layer, folder = _where(graph, name)
        for target in imported:
            their_layer, their_folder = _where(graph, target)
            if their_layer > layer or (their_layer == layer and their_folder != folder):
                upward.append(f"{name} ({layer}) imports {target} ({their_layer})")
    assert upward == []


def test_the_bottom_layers_know_only_themselves(graph: Graph) -> None:
    """Seen from below: layer 0 imports nothing of the package (a folder of it, `jobs/`,
    only its own modules); `files` (bytes to plain data) knows no model, and `model` no
    file reading: each imports its own folder and layer 0 only."""
    for name in graph.modules:
        top = _top(name)
        if LAYERS[top] == 0:
            assert {_top(target) for target in graph.imports[name]} <= {top}, name
        elif top in ("files", "model"):
            for target in graph.imports[name]:
                assert _top(target) == top or LAYERS[_top(target)] == 0, (name, target)


def test_no_module_over_400_lines(graph: Graph) -> None:
    assert {m.name: m.lines for m in graph.modules.values() if m.lines > 400} == {}


#: The first-party plugins' sources: packages of their own, outside the import graph.
PLUGINS = Path(__file__).resolve().parents[1] / "plugins"


def test_no_module_of_a_first_party_plugin_over_400_lines() -> None:
    """Plugin authors read the plugins we ship as examples: they keep the same size."""
    lines = {
        path.relative_to(PLUGINS).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PLUGINS.glob("*/src/*/*.py")
    }
    assert len(lines) >= 3
    assert {name: count for name, count in lines.items() if count > 400} == {}


def test_no_command_line_module_over_300_lines(graph: Graph) -> None:
    cli = {m.name: m.lines for m in graph.modules.values() if _top(m.name) == "cli"}
    assert len(cli) > 10
    assert {name: lines for name, lines in cli.items() if lines > 300} == {}


def test_no_command_imports_another(graph: Graph) -> None:
    """A command module imports, of the command line, only what commands share: `_common`
    (all of them), `_respondents` (the commands about respondents), `_cohort` (the cohort
    commands), `_report_extras` and `_report_batch` (`report`)."""
    commands = [n for n in graph.modules if n.startswith(f"{PACKAGE}.cli.") and "._" not in n]
    assert len(commands) == 16
    shared = {
        f"{PACKAGE}.cli.{n}"
        for n in ("_common", "_respondents", "_cohort", "_report_extras", "_report_batch")
    }
    for name in commands:
        assert {t for t in graph.imports[name] if _top(t) == "cli"} <= shared


def test_the_init_of_every_subpackage_is_empty(graph: Graph) -> None:
    """A folder's `__init__.py` imports nothing, so a module imports only what it uses
    (cold start); `testing` and `cli` are the exceptions, and say why in their docstring."""
    full = {
        m.name
        for m in graph.modules.values()
        if m.is_package
        and m.name != PACKAGE
        and _top(m.name) not in NOT_EMPTY
        and m.path.read_text(encoding="utf-8").strip()
    }
    assert full == set()


def test_no_module_is_named_after_a_function_the_package_exports() -> None:
    """A module `score.py` beside `score` would shadow one or the other, and leave a reader
    guessing which is meant. The command line's modules are named for the command each
    defines (`cli/awards.py` is `selfreview awards`), under `cli.`, so they are not counted."""
    functions = {
        name
        for name in selfreview_core.__all__
        if inspect.isfunction(getattr(selfreview_core, name))
    }
    assert "score" in functions
    modules = {
        info.name.rpartition(".")[2]
        for info in pkgutil.walk_packages(selfreview_core.__path__, f"{PACKAGE}.")
        if not info.name.startswith(f"{PACKAGE}.cli.")
    }
    assert modules & functions == set()


def _classes(tree: ast.Module) -> list[ast.ClassDef]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]


def test_every_exception_class_is_in_errors() -> None:
    """One exception hierarchy in one place (STYLE.md): every class deriving from
    `BaseException` anywhere in the package is defined in `errors.py`."""
    found = []
    for info in pkgutil.walk_packages(selfreview_core.__path__, f"{PACKAGE}."):
        if info.name == f"{PACKAGE}.__main__":
            continue  # running it runs the command line
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__.startswith(PACKAGE)
                and value.__module__ != f"{PACKAGE}.errors"
            ):
                found.append(f"{value.__module__}.{value.__qualname__}")
    assert found == []
