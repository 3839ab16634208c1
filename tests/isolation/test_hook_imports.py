"""A hook that puts its folder first on the import path, or removes or replaces a module the
program imports later, has it put back when its code has run, and is named in a warning;
every report is written (round 81). Round 80 looked only at a plugin's import: a hook's
`sys.path.insert(0, folder)` had `report --format html` take the plugin's `html.py` for
the standard library's ("exporter html (from standard-exporters) failed"), and a stand-in
put for `json` stood for the program's next `import json`. `hostile-hook-imports`
(tests/plugins/selfreview_hostile/hook_imports.py) does each, as
`$SELFREVIEW_HOSTILE_HOOK_IMPORTS` says.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from program import selfreview, with_plugin
from selfreview_core.isolation import hook_imports, process_state
from selfreview_core.isolation.calls import PluginCall
from selfreview_core.model.problem import Problem
from selfreview_core.plugins import PluginHost

NAME = "hostile-hook-imports"
SCHOOLS = ("example-primary-2026.yaml", "example-primary-2025.yaml")
#: What is said (once) of `{}` plugin: one whose call alone had run is named; a
#: recommender is not, the engine calling all of them in one block (`calls._recommending`).
MOVED = (
    "warning: {} put `{}` before the program's own on the import path (`sys.path`); moved"
    " after them, so that the modules the program imports are its own"
)
PUT_BACK = (
    "warning: {} removed or replaced 1 of the program's modules in `sys.modules` (`{}`"
    " first) in its hook; put back"
)


def _report(root: Path, tmp_path: Path, how: str, jobs: str) -> tuple[int, dict[str, bytes], str]:
    """`report` of the two examples as HTML into a folder (the standard exporter imports
    `html` at its first use), `hostile-hook-imports` doing `how`: the status, the reports by
    name and standard error."""
    folder = tmp_path / "helpers"
    folder.mkdir(parents=True)
    (folder / "html.py").write_text('raise ImportError("its html")\n', "utf-8")
    env = with_plugin(tmp_path / "site", NAME, "selfreview_hostile.hook_imports")
    env.update(SELFREVIEW_HOSTILE_HOOK_IMPORTS=how, SELFREVIEW_HOSTILE_ON_PATH=str(folder))
    schools = [str(root / "examples" / school) for school in SCHOOLS]
    args = ["report", *schools, "--format", "html", "--output-dir", "out", "--jobs", jobs]
    done = selfreview(args, cwd=tmp_path, env=env)
    out = tmp_path / "out"
    reports = {p.name: p.read_bytes() for p in sorted(out.iterdir())} if out.exists() else {}
    return done.returncode, reports, done.stderr.decode()


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The two reports with `hostile-hook-imports` installed doing no harm."""
    root = Path(__file__).resolve().parents[2]
    status, reports, told = _report(root, tmp_path_factory.mktemp("alone"), "", "1")
    assert (status, len(reports), told) == (0, 2, "2 reports written in out\n"), told
    assert all(b"Kept from hostile-hook-imports" in report for report in reports.values())
    return reports


@pytest.mark.parametrize(
    ("how", "jobs", "warning"),
    [
        ("path", "1", MOVED),
        ("path", "2", MOVED),
        ("fake", "1", PUT_BACK.format("a plugin", "json")),
        ("removed", "2", PUT_BACK.format("a plugin", "pydantic")),
    ],
)
def test_what_a_hook_changed_is_put_back_and_said_and_every_report_written(
    how: str, jobs: str, warning: str, alone: dict[str, bytes], root: Path, tmp_path: Path
) -> None:
    status, reports, told = _report(root, tmp_path, how, jobs)
    assert status == 0, told
    assert reports == alone  # byte for byte, the plugin's advice in each
    folder = tmp_path / "helpers"
    lines = told.splitlines()
    assert lines[-1] == "2 reports written in out", told
    assert set(lines[:-1]) == {warning.format("a plugin", folder)}, told


def test_nothing_changed_is_no_change_and_a_change_is_seen_and_put_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In this process: one identity check each, and what it puts back."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    held = hook_imports.Imports()
    assert not held.changed()
    json = sys.modules["json"]
    monkeypatch.setitem(sys.modules, "json", None)
    assert held.changed()
    assert [what for what, _ in held.back()] == ["modules"]
    assert sys.modules["json"] is json
    assert not held.changed()
    monkeypatch.delitem(sys.modules, "json")
    assert held.changed()
    list(held.back())
    assert sys.modules["json"] is json
    sys.path.insert(0, "/nowhere-of-ours")
    assert held.changed()
    assert [what for what, _ in held.back()] == ["path"]
    assert sys.path[-1] == "/nowhere-of-ours"
    assert not held.changed()
    sys.path = [*sys.path]  # the same folders in a new list: held anew, nothing said
    assert held.changed()
    assert list(held.back()) == []
    assert not held.changed()


@pytest.mark.usefixtures("unkept")
def test_a_hook_called_alone_is_named_and_its_work_kept(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "path", list(sys.path))
    json = sys.modules["json"]
    process_state.keep()
    hook_imports.hold(process_state.kept)  # as once the plugins are imported

    def hook() -> str:
        sys.path.insert(0, "/its-helpers")
        sys.modules["json"] = None  # type: ignore[assignment]
        return "its work"

    problems: list[Problem] = []
    try:
        assert PluginCall("hostile", "{}", problems).run(hook) == "its work"
    finally:
        sys.modules["json"] = json
    assert (problems, sys.path[-1], sys.modules["json"]) == ([], "/its-helpers", json)
    assert capsys.readouterr().err.splitlines() == [
        MOVED.format("plugin hostile", "/its-helpers"),
        PUT_BACK.format("plugin hostile", "json"),
    ]


class _PuttingItsFolderFirst:
    """An entry point whose plugin puts its folder first as it is imported."""

    name, value, group, dist = "hostile", "hostile", "selfreview", None

    def load(self) -> object:
        sys.path.insert(0, "/its-helpers")
        return object()


@pytest.mark.usefixtures("unkept")
def test_what_an_import_does_is_told_by_the_loader_as_a_problem_even_held_before(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Plugins loaded again (a second engine) after the first were held: what the import
    does is the loader's to put back and tell, as a problem naming the plugin, not this
    module's to put back first and say only on standard error."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    process_state.keep()
    hook_imports.hold(process_state.kept)
    problems: list[Problem] = []
    PluginHost(problems).load_entry_points(lambda: [_PuttingItsFolderFirst()])  # type: ignore[list-item]
    assert sys.path[-1] == "/its-helpers"
    assert [(p.source, p.message.split(";")[0]) for p in problems][:1] == [
        ("hostile", "put `/its-helpers` before the program's own on the import path (`sys.path`)")
    ]
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("watched", [(), ("json",)], ids=["none-imported", "one"])
def test_one_watched_module_or_none_is_held_as_well(
    watched: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`itemgetter` of one name gives the module, not a tuple: with `sys` beside the
    watched modules imported, or alone, the check holds still."""
    monkeypatch.setattr(hook_imports, "WATCHED", watched)
    held = hook_imports.Imports()
    assert not held.changed()
    name = watched[0] if watched else "sys"
    module = sys.modules[name]
    monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    assert held.changed()
    assert [what for what, _ in held.back()] == ["modules"]
    assert sys.modules[name] is module
    assert not held.changed()
