"""A plugin whose import removes or replaces selfreview's own modules in `sys.modules`:
they are put back as they were, with a warning naming it, and every school's report is
made as without it (`plugins._put_back`). In a process of its own: the plugin's import
would take this process's modules too."""

from __future__ import annotations

import json
from pathlib import Path

from program import reports_whole, selfreview, with_plugin

EXAMPLES = ("example-primary-2025.yaml", "example-primary-2026.yaml")


def test_a_plugin_that_imports_selfreview_afresh_loses_no_school(
    root: Path, tmp_path: Path
) -> None:
    """Before, every judgement of every school was refused: status 1, nothing written."""
    env = with_plugin(tmp_path / "site", "hostile-reimports", "selfreview_hostile.reimports")
    (tmp_path / "bad.yaml").write_text("kind: assessment\n", encoding="utf-8")
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    done = selfreview(
        [*["report", *schools], "bad.yaml", "--format", "json"], cwd=tmp_path, env=env
    )
    told = done.stderr.decode()
    assert done.returncode == 1, told  # the bad file's, and only its
    assert "Traceback" not in told, told
    assert "bad.yaml:1:1: error: missing required key" in told, told
    assert "not a judgement" not in told, told
    [warning] = [line for line in told.splitlines() if "sys.modules" in line]
    assert warning.startswith("warning: plugin hostile-reimports: removed or replaced "), warning
    assert warning.endswith(" (`selfreview_core` first) as it was imported; put back"), warning
    reports = reports_whole(done.stdout, schools, "hostile-reimports-kept")
    for report in reports:
        [problem] = report["problems"]
        assert (problem["source"], problem["severity"]) == ("hostile-reimports", "warning")
        assert problem["message"] == warning.removeprefix("warning: plugin hostile-reimports: ")


def test_a_plugin_that_imports_more_of_selfreview_changes_nothing(
    root: Path, tmp_path: Path
) -> None:
    """A plugin importing a module of selfreview not yet imported (its testing helpers) is
    no change: no warning, no problem."""
    env = with_plugin(tmp_path / "site", "hostile-reimports", "selfreview_hostile.reimports")
    env["SELFREVIEW_HOSTILE_REIMPORTS"] = "more"
    school = str(root / "examples" / EXAMPLES[1])
    done = selfreview(["report", school, "--format", "json"], cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr.decode() == ""
    report = json.loads(done.stdout)
    assert report["problems"] == []
    assert "hostile-reimports-kept" in [rec["id"] for rec in report["recommendations"]]
