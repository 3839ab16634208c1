"""A plugin's exception is described whatever it is made of (`isolation.calls.describe`,
`PluginCall.failed`): a class may be given a `str` subclass for a name, whose own methods
fail; a plugin may raise selfreview's own `Refused` with what no problem can hold. The
problem is still one line naming the plugin, and every school's report is whole."""

from __future__ import annotations

import json
from pathlib import Path

from program import reports_whole, selfreview, with_plugin

EXAMPLES = ("example-primary-2025.yaml", "example-primary-2026.yaml")
PROBLEM = "selfreview_recommend raised ConnectionLost: the server went away"


def test_an_exception_whose_class_name_fails_is_a_problem_naming_the_plugin(
    root: Path, tmp_path: Path
) -> None:
    """Before round 50, `hostile-odd-names` ended `report` in "internal error:
    RuntimeError: no isascii for this name", exit 1, with no report at all."""
    env = with_plugin(tmp_path / "site", "hostile-odd-names", "selfreview_hostile.odd_names")
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    done = selfreview(["report", *schools, "--format", "json"], cwd=tmp_path, env=env)
    told = done.stderr.decode()
    assert done.returncode == 0, told
    assert told.splitlines() == [
        f"{schools[0]}: error: plugin hostile-odd-names: {PROBLEM}",
        f"{schools[1]}: error: plugin hostile-odd-names: {PROBLEM}",
        "2 reports written",
    ]
    for report in reports_whole(done.stdout, schools, "hostile-odd-names-kept"):
        assert report["problems"] == [
            {"source": "hostile-odd-names", "message": PROBLEM, "severity": "error"}
        ]
    strict = selfreview(["report", schools[0], "--strict"], cwd=tmp_path, env=env)
    assert strict.returncode == 1
    assert strict.stderr.decode().splitlines()[0] == (f"error: plugin hostile-odd-names: {PROBLEM}")
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


def test_our_own_refused_raised_by_a_plugin_with_a_severity_no_problem_has_is_described(
    root: Path, tmp_path: Path
) -> None:
    """Before round 50 `hostile-raises-ours` ended `report` in "internal error:
    ValidationError: 1 validation error for Problem", exit 1, with no report at all."""
    env = with_plugin(tmp_path / "site", "hostile-raises-ours", "selfreview_hostile.raises_ours")
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    done = selfreview(["report", *schools, "--format", "json"], cwd=tmp_path, env=env)
    told = done.stderr.decode()
    assert done.returncode == 0, told
    problem = "selfreview_recommend raised Refused: the licence has expired"
    assert told.splitlines() == [
        f"{schools[0]}: error: plugin hostile-raises-ours: {problem}",
        f"{schools[1]}: error: plugin hostile-raises-ours: {problem}",
        "2 reports written",
    ]
    for report in reports_whole(done.stdout, schools, "hostile-raises-ours-kept"):
        assert report["problems"] == [
            {"source": "hostile-raises-ours", "message": problem, "severity": "error"}
        ]
    strict = selfreview(["report", schools[0], "--strict"], cwd=tmp_path, env=env)
    assert strict.returncode == 1
    assert strict.stderr.decode().splitlines()[0] == f"error: plugin hostile-raises-ours: {problem}"
