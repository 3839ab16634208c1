"""A plugin that removes or poisons, as it is imported, a module the program imported before
it has the module put back, and is named in a warning; every command does its work.

Before round 80 only selfreview's own modules were put back (round 47): a plugin setting
`sys.modules["yaml"] = None`, removing `pydantic` or putting a stand-in in place of `json`
had most commands end in "internal error", naming no plugin (round 80's plugins report).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from isolation.test_exit_functions import _batch
from isolation.test_plugin_interrupts import alike_with_one_job_or_two
from program import selfreview, selfreview_alone, with_plugin
from selfreview_core.isolation import module_table
from selfreview_core.isolation.calls import PluginCall
from selfreview_core.model.problem import Problem

NAME = "hostile-modules"
ROOT = Path(__file__).resolve().parents[2]
OLD = str(ROOT / "examples" / "example-primary-2025.yaml")
#: Enough schools that `--jobs 2`'s workers make most of them (`test_in_workers`).
SCHOOLS = 150
HOWS = [("none", "yaml"), ("removed", "pydantic"), ("fake", "json")]


def _warning(module: str) -> str:
    return (
        f"removed or replaced 1 of the program's modules in `sys.modules` (`{module}` first)"
        " as it was imported; put back"
    )


def _env(tmp_path: Path, how: str) -> dict[str, str]:
    env = with_plugin(tmp_path / "site", NAME, "selfreview_hostile.modules")
    return dict(env, SELFREVIEW_HOSTILE_MODULES=how)


@pytest.mark.parametrize(("how", "module"), HOWS)
def test_show_and_validate_do_their_work_and_name_the_plugin(
    how: str, module: str, tmp_path: Path
) -> None:
    env = _env(tmp_path, how)
    told = f"warning: plugin {NAME}: {_warning(module)}\n".encode()
    for args in (["show", "becta-srf@2010", "1a", "--format", "json"], ["validate", OLD]):
        run = selfreview(args, cwd=tmp_path, env=env)
        alone = selfreview_alone(args, cwd=tmp_path)  # once for the three ways
        assert (run.returncode, run.stdout) == (0, alone.stdout)  # the output unchanged
        assert run.stderr == alone.stderr + told


@pytest.mark.parametrize(("how", "module"), HOWS)
def test_a_batch_with_one_job_or_two_does_its_work_and_names_the_plugin(
    how: str, module: str, root: Path, tmp_path: Path
) -> None:
    batch = _batch(root, tmp_path, SCHOOLS)
    code, stderr, written = alike_with_one_job_or_two(batch.name, tmp_path, _env(tmp_path, how))
    assert code == 0, stderr
    assert stderr.decode().splitlines() == [
        f"warning: plugin {NAME}: {_warning(module)}",
        f"{SCHOOLS} reports written to out.jsonl",
    ]
    reports = [json.loads(line) for line in written.splitlines()]
    assert len(reports) == SCHOOLS
    for report in reports:  # every plugin's work kept, this one's too, and its warning
        ids = [r["id"] for r in report["recommendations"]]
        assert "hostile-modules-kept" in ids
        assert len(ids) > 20
        problems = [(p["source"], p["message"], p["severity"]) for p in report["problems"]]
        assert problems == [(NAME, _warning(module), "warning")]


@pytest.fixture
def names() -> Iterator[list[str]]:
    """Names of modules a test puts in `sys.modules`, each taken out after it."""
    made: list[str] = []
    yield made
    for name in made:
        sys.modules.pop(name, None)


def test_what_an_import_removed_replaced_or_blocked_is_put_back_and_said_once(
    names: list[str],
) -> None:
    """In this process, on made-up names: the comparison `module_table.put_back` makes."""
    first, second, third = (ModuleType(f"hostile_{n}") for n in "abc")
    ours = ModuleType("selfreview_core._hostile_ours")
    names += [
        "hostile_a",
        "hostile_b",
        "hostile_c",
        "hostile_blocked",
        "hostile_made",
        "hostile_new",
    ]
    names += ["selfreview_core._hostile_ours", "selfreview_core._hostile_fresh"]
    sys.modules.update(hostile_a=first, hostile_b=second, hostile_c=third)
    sys.modules["selfreview_core._hostile_ours"] = ours
    problems: list[Problem] = []
    call = PluginCall("p", "failed: {}", problems)
    before = module_table.modules()
    module_table.put_back(before, call)  # nothing changed: nothing said
    assert problems == []
    made = ModuleType("hostile_made")
    del sys.modules["hostile_a"]
    sys.modules["hostile_b"] = ModuleType("hostile_b")
    sys.modules["hostile_c"] = None  # type: ignore[assignment]
    sys.modules["hostile_blocked"] = None  # type: ignore[assignment]
    sys.modules["hostile_made"] = made  # the plugin's own: it stays
    module_table.put_back(before, call)
    assert [sys.modules.get(f"hostile_{n}") for n in "abc"] == [first, second, third]
    assert "hostile_blocked" not in sys.modules
    assert sys.modules["hostile_made"] is made
    assert [(p.source, p.message, p.severity) for p in problems] == [
        (
            "p",
            f"{_WORDS}4 of the program's modules in `sys.modules` (`hostile_a` first){_END}",
            "warning",
        )
    ]
    problems.clear()
    before = module_table.modules()
    sys.modules["selfreview_core._hostile_ours"] = ModuleType("selfreview_core._hostile_ours")
    sys.modules["selfreview_core._hostile_fresh"] = ModuleType("selfreview_core._hostile_fresh")
    del sys.modules["hostile_made"]
    sys.modules["hostile_new"] = new = ModuleType("hostile_new")  # the plugin's own: stays
    module_table.put_back(before, call)
    assert sys.modules["hostile_new"] is new
    assert sys.modules["selfreview_core._hostile_ours"] is ours
    assert "selfreview_core._hostile_fresh" not in sys.modules  # made from a fresh copy
    assert sys.modules["hostile_made"] is made
    own = "1 of selfreview's own modules in `sys.modules` (`selfreview_core._hostile_ours` first)"
    assert [p.message for p in problems] == [
        f"{_WORDS}{own}{_END}",
        f"{_WORDS}1 of the program's modules in `sys.modules` (`hostile_made` first){_END}",
    ]
    problems.clear()
    before = module_table.modules()
    sys.modules["selfreview_core._hostile_fresh"] = ModuleType("selfreview_core._hostile_fresh")
    module_table.put_back(before, call)  # a module of ours first imported alone: no change
    assert "selfreview_core._hostile_fresh" in sys.modules
    assert problems == []
    sys.modules["hostile_blocked"] = None  # type: ignore[assignment]
    module_table.put_back(before, call)  # a module blocked, nothing else changed
    assert "hostile_blocked" not in sys.modules
    assert [p.message for p in problems] == [
        f"{_WORDS}1 of the program's modules in `sys.modules` (`hostile_blocked` first){_END}"
    ]


_WORDS = "removed or replaced "
_END = " as it was imported; put back"
