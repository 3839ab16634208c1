"""A plugin that removes or poisons, as it is imported, a module the program imported before
it has the module put back, and is named in a warning; every command does its work.

Before round 80 only selfreview's own modules were put back (round 47): a plugin setting
`sys.modules["yaml"] = None`, removing `pydantic` or putting a stand-in in place of `json`
had most commands end in "internal error", naming no plugin (round 80's plugins report).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from isolation.test_exit_functions import _batch
from program import selfreview, with_plugin

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
        alone = selfreview(args, cwd=tmp_path)
        assert (run.returncode, run.stdout) == (0, alone.stdout)  # the output unchanged
        assert run.stderr == alone.stderr + told


@pytest.mark.parametrize(("how", "module"), HOWS)
def test_a_batch_with_one_job_or_two_does_its_work_and_names_the_plugin(
    how: str, module: str, root: Path, tmp_path: Path
) -> None:
    batch = _batch(root, tmp_path, SCHOOLS)
    env = _env(tmp_path, how)
    done = {}
    for jobs in ("1", "2"):
        args = ["report", batch.name, "--format", "json", "--jobs", jobs, "-o", "out.jsonl"]
        run = selfreview(args, cwd=tmp_path, env=env)
        done[jobs] = (run.returncode, run.stderr, (tmp_path / "out.jsonl").read_bytes())
    assert done["2"] == done["1"]
    code, stderr, written = done["1"]
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
