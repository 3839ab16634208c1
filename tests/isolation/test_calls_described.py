"""A plugin's exception is described whatever it is made of (`isolation.calls.describe`,
`PluginCall.failed`): a class may be given a `str` subclass for a name, whose own methods
fail; a plugin may raise selfreview's own `Refused` with what no problem can hold. The
problem is still one line naming the plugin, and every school's report is whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from program import reports_whole, selfreview, with_plugin

EXAMPLES = ("example-primary-2025.yaml", "example-primary-2026.yaml")
PROBLEM = "selfreview_recommend raised ConnectionLost: the server went away"
#: Each plugin (its module in `selfreview_hostile`) and its problem, and what it was before.
PLUGINS = {
    # "internal error: RuntimeError: no isascii for this name"
    "hostile-odd-names": ("odd_names", PROBLEM),
    # "internal error: ValidationError: 1 validation error for Problem"
    "hostile-raises-ours": (
        "raises_ours",
        "selfreview_recommend raised Refused: the licence has expired",
    ),
}


@pytest.mark.parametrize("plugin", sorted(PLUGINS))
def test_a_plugins_exception_however_made_is_one_problem_naming_it(
    root: Path, tmp_path: Path, plugin: str
) -> None:
    """Before round 50 each of these plugins ended `report` in "internal error", exit 1,
    with no report at all (`PLUGINS` says which)."""
    module, problem = PLUGINS[plugin]
    env = with_plugin(tmp_path / "site", plugin, f"selfreview_hostile.{module}")
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    done = selfreview(["report", *schools, "--format", "json"], cwd=tmp_path, env=env)
    told = done.stderr.decode()
    assert done.returncode == 0, told
    assert told.splitlines() == [
        f"{schools[0]}: error: plugin {plugin}: {problem}",
        f"{schools[1]}: error: plugin {plugin}: {problem}",
        "2 reports written",
    ]
    for report in reports_whole(done.stdout, schools, f"{plugin}-kept"):
        assert report["problems"] == [{"source": plugin, "message": problem, "severity": "error"}]
    strict = selfreview(["report", schools[0], "--strict"], cwd=tmp_path, env=env)
    assert strict.returncode == 1
    assert strict.stderr.decode().splitlines()[0] == f"error: plugin {plugin}: {problem}"
    assert b"internal error" not in strict.stderr


def test_a_batch_in_two_processes_keeps_every_school(root: Path, tmp_path: Path) -> None:
    env = with_plugin(tmp_path / "site", "hostile-odd-names", "selfreview_hostile.odd_names")
    schools = sorted(str(path) for path in (root / "examples" / "cohort").glob("*.yaml"))
    args = ["report", *schools, "--format", "json", "--output-dir", "out", "--jobs", "2"]
    done = selfreview(args, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr.decode()
    written = sorted((tmp_path / "out").iterdir())
    assert len(written) == len(schools)
    for path in written:
        report = json.loads(path.read_text(encoding="utf-8"))
        assert report["problems"] == [
            {"source": "hostile-odd-names", "message": PROBLEM, "severity": "error"}
        ]
        assert "hostile-odd-names-kept" in [rec["id"] for rec in report["recommendations"]]
