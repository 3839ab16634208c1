"""A plugin's folder put first on the import path as it is imported is moved after the
program's own (round 80).

Before, a plugin that did `sys.path.insert(0, its_folder)` at import, so that its helpers
import by their plain names, had every module the program imports at its first use looked
for there first: a helper named `tabulate.py` or `html.py` was taken for the real one, and
`show` ended in "internal error: ImportError: ...", exit 1, nothing shown; `report --format
html` failed, naming the standard exporter, not the plugin. `hostile-first-on-path`
(tests/plugins/selfreview_hostile/first_on_path.py) does so.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from importlib.machinery import PathFinder
from pathlib import Path

import pytest

from program import selfreview, with_plugin
from selfreview_core.isolation import import_path

EXAMPLE = "example-primary-2026.yaml"
MOVED = (
    "warning: plugin hostile-first-on-path: put `{}` before the program's own on the import"
    " path (`sys.path`); moved after them, so that the modules the program imports are its"
    " own (its `colorsys` taken out of `sys.modules`)"
)


def _helpers(folder: Path, shadowing: bool) -> Path:
    """The plugin's folder of helpers: its own two, and (`shadowing`) modules named as two
    the program imports at their first use, which fail if taken for them."""
    folder.mkdir()
    for name in ("colorsys", "helper_on_path"):
        (folder / f"{name}.py").write_text("OWN = True\n", "utf-8")
    for name in ("tabulate", "html") if shadowing else ():
        (folder / f"{name}.py").write_text(f'raise ImportError("its {name}")\n', "utf-8")
    return folder


def _run(args: list[str], tmp_path: Path, shadowing: bool = True) -> tuple[int, bytes, str, Path]:
    """`args` with `hostile-first-on-path` installed alone: the status, standard output,
    standard error and the plugin's folder."""
    folder = _helpers(tmp_path / ("on_path" if shadowing else "helpers"), shadowing)
    site = tmp_path / ("site" if shadowing else "site_alone")
    env = with_plugin(site, "hostile-first-on-path", "selfreview_hostile.first_on_path")
    env["SELFREVIEW_HOSTILE_ON_PATH"] = str(folder)
    done = selfreview(args, cwd=tmp_path, env=env)
    return done.returncode, done.stdout, done.stderr.decode(), folder


def test_show_uses_the_real_modules_and_names_the_plugin(root: Path, tmp_path: Path) -> None:
    """`show` as without the plugin, byte for byte; the plugin named once."""
    args = ["show", "becta-srf", "1a"]
    expected = selfreview(args, cwd=tmp_path)
    status, out, errors, folder = _run(args, tmp_path)
    assert status == 0, errors
    assert out == expected.stdout
    assert errors.splitlines() == [MOVED.format(folder)], errors


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_report_is_written_and_the_plugins_work_kept(
    jobs: str, root: Path, tmp_path: Path
) -> None:
    """`report --format html` into a folder (the standard exporter imports `html` at its
    first use), with `--jobs 1` and `2`: each report as the plugin's folder without the
    look-alike modules gives, status 0; the plugin's advice kept (it keeps the helper it
    imported by the standard library's name)."""
    schools = [str(root / "examples" / name) for name in (EXAMPLE, "example-primary-2025.yaml")]
    args = ["report", *schools, "--format", "html", "--output-dir", "out", "--jobs", jobs]
    status, _, errors, folder = _run(args, tmp_path)
    assert status == 0, errors
    assert errors.splitlines() == [MOVED.format(folder), "2 reports written in out"], errors
    alone = tmp_path / "alone"
    alone.mkdir()
    status, _, said, helpers = _run(args, alone, shadowing=False)
    assert status == 0, said
    for name in ("100000-2026-10-05.html", "100000-2025-10-06.html"):
        written = (tmp_path / "out" / name).read_bytes()  # the warning, with its folder
        assert written.replace(bytes(folder), b"") == (
            (alone / "out" / name).read_bytes().replace(bytes(helpers), b"")
        )
        assert b"Kept from hostile-first-on-path" in written


def test_a_json_report_holds_the_plugins_advice(root: Path, tmp_path: Path) -> None:
    status, out, errors, folder = _run(
        ["report", str(root / "examples" / EXAMPLE), "--format", "json"], tmp_path
    )
    assert status == 0, errors
    ids = [r["id"] for r in json.loads(out)["recommendations"]]
    assert "hostile-first-on-path-kept" in ids
    assert errors.splitlines() == [MOVED.format(folder)], errors


@pytest.fixture
def path(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A path of its own for the test (`sys.path` put back after it), and the modules it
    may import by the helpers' names as they were after it."""
    names = ("colorsys", "tabulate", "helper_on_path")
    modules = {name: sys.modules.get(name) for name in names}
    monkeypatch.setattr(sys, "path", ["/program/a", "/program/b"])
    yield sys.path
    for name, module in modules.items():
        if module is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = module


def test_an_unchanged_path_or_a_folder_added_after_is_no_change(path: list[str]) -> None:
    before = list(path)
    assert import_path.behind(before) is None
    path.append("/plugin/last")
    assert import_path.behind(before) is None
    assert path == ["/program/a", "/program/b", "/plugin/last"]
    path.insert(1, "/plugin/between")  # after the program's first: no harm done there
    assert import_path.behind(before) is None
    assert path == ["/program/a", "/plugin/between", "/program/b", "/plugin/last"]


def test_folders_put_first_are_moved_after_in_their_order(path: list[str]) -> None:
    before = list(path)
    path[:0] = ["/plugin/one", Path("/plugin/two")]  # type: ignore[list-item]
    assert import_path.behind(before) == (
        "put `/plugin/one`, `/plugin/two` before the program's own on the import path"
        " (`sys.path`); moved after them, so that the modules the program imports are its own"
    )
    assert path == ["/program/a", "/program/b", "/plugin/one", Path("/plugin/two")]


def test_a_path_emptied_or_replaced_keeps_what_it_has(path: list[str]) -> None:
    """Nothing of the program's left to go before: nothing moved."""
    before = list(path)
    path[:] = ["/plugin/only"]
    assert import_path.behind(before) is None
    assert path == ["/plugin/only"]


def test_a_module_it_imported_by_a_name_the_program_would_find_is_taken_out(
    path: list[str], tmp_path: Path
) -> None:
    """Named as the standard library's (`colorsys`) or as one the program's own folders
    give (`tabulate`): out of `sys.modules`, so that the program's import finds the real
    one; a helper of a name of its own, and modules from elsewhere, stay."""
    folder = _helpers(tmp_path / "helpers", shadowing=False)
    (folder / "tabulate.py").write_text("OWN = True\n", "utf-8")
    program = tmp_path / "program"
    program.mkdir()
    (program / "tabulate.py").write_text("REAL = True\n", "utf-8")
    for name in ("colorsys", "tabulate", "helper_on_path"):
        sys.modules.pop(name, None)
    path[:] = [str(program)]
    before = list(path)
    path.insert(0, str(folder))
    import colorsys  # the plugin's, by the name the standard library has

    import helper_on_path  # type: ignore[import-not-found]
    import tabulate

    assert getattr(colorsys, "OWN", False)
    assert getattr(tabulate, "OWN", False)
    said = import_path.behind(before)
    assert said is not None
    assert said.endswith(" (its `colorsys`, `tabulate` taken out of `sys.modules`)")
    assert "colorsys" not in sys.modules
    assert "tabulate" not in sys.modules
    assert sys.modules["helper_on_path"] is helper_on_path
    import tabulate as again

    assert getattr(again, "REAL", False)  # the program's, found first now


def test_a_folder_that_cannot_be_searched_shadows_nothing(
    path: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search of the program's folders that fails (a path hook raising) finds nothing:
    the plugin's helper stays."""
    folder = _helpers(tmp_path / "helpers", shadowing=False)
    sys.modules.pop("helper_on_path", None)
    before = list(path)
    path.insert(0, str(folder))
    import helper_on_path

    def fails(*_: object) -> None:
        raise ImportError("a path hook failed")

    monkeypatch.setattr(PathFinder, "find_spec", fails)
    said = import_path.behind(before)
    assert said is not None
    assert "taken out" not in said
    assert sys.modules["helper_on_path"] is helper_on_path
