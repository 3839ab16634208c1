"""An installed plugin whose entry point is not written as one (`plugins._load`): a
problem naming the plugin and saying how an entry point is written, in every command that
loads plugins, and every school's report is made as without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from program import selfreview, with_plugin

EXAMPLES = ("example-primary-2025.yaml", "example-primary-2026.yaml")
HOW = "an entry point is written `package.module` or `package.module:attribute`"


@pytest.mark.parametrize(
    "value", ["", ":main", "selfreview_hostile.raises:", "selfreview_hostile raises"]
)
def test_an_entry_point_not_written_as_one_is_a_problem_saying_how_it_is_written(
    root: Path, tmp_path: Path, value: str
) -> None:
    """Before round 50 the problem was Python's own error, `failed to load from `:main`:
    AttributeError: 'NoneType' object has no attribute 'group'`."""
    env = with_plugin(tmp_path / "site", "unwritten", value)
    problem = f"error: plugin unwritten: failed to load from `{value}`: {HOW}"
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    done = selfreview(["report", *schools, "--format", "json"], cwd=tmp_path, env=env)
    told = done.stderr.decode()
    assert done.returncode == 0, told
    assert told.splitlines() == [problem, "2 reports written"]
    reports = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["assessment"]["school"]["id"] for r in reports] == ["100000", "100000"]
    for report in reports:
        assert report["problems"] == [
            {"source": "unwritten", "message": problem.split(": ", 2)[2], "severity": "error"}
        ]
        assert len(report["recommendations"]) > 1  # the built-ins' and the other plugins'
    listed = selfreview(["plugins", "--strict", "--format", "json"], cwd=tmp_path, env=env)
    assert listed.returncode == 1
    assert json.loads(listed.stdout)["problems"] == reports[0]["problems"]
