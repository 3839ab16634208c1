"""A plugin's exporter that fails on one school of a batch (`batch.work.Maker`): that
school's report is left out, said with its file, as a file that does not load is, and
every other school's report is written whole (exit 1), with `--jobs 2` too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from program import selfreview, with_plugin
from selfreview_core import load_assessment

FAILED = (
    "error: exporter hostile-picky (from hostile-picky) failed: KeyError: 'no value for "
    "`headteacher`'; this report is not written"
)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_exporter_failing_on_one_school_loses_no_other_schools_report(
    root: Path, tmp_path: Path, jobs: str
) -> None:
    """Before round 50 the batch ended on the school the exporter failed on, with
    "Error: exporter hostile-picky (from hostile-picky) failed: ...", naming no school,
    exit 1, and no report written, not even those made before it."""
    env = with_plugin(tmp_path / "site", "hostile-picky", "selfreview_hostile.picky_render")
    schools = sorted((root / "examples" / "cohort").glob("*.yaml"))
    failing = root / "examples" / "cohort" / "primary-2-2025.yaml"
    args = ["report", *map(str, schools), "--format", "hostile-picky", "--output-dir", "out"]
    done = selfreview([*args, "--jobs", jobs], cwd=tmp_path, env=env)
    told = done.stderr.decode()
    assert done.returncode == 1, told
    assert told.splitlines() == [
        f"{failing}: {FAILED}",
        f"{len(schools) - 1} reports written in out; 1 assessment skipped (errors above)",
    ]
    expected = {}
    for path in schools:
        reviewed = load_assessment(path)
        if path != failing:
            name = f"{reviewed.school.id}-{reviewed.assessed_on.isoformat()}.txt"
            expected[name] = f"{reviewed.school.id}: {reviewed.school.name}\n"
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()}
    assert written == expected


def test_an_exporter_failing_on_one_line_of_json_lines_names_that_line(
    root: Path, tmp_path: Path
) -> None:
    """From a JSON Lines file the school the exporter failed on is named by its file and
    line (`file:line`), as a line that does not load is, and every other line's report is
    written."""
    env = with_plugin(tmp_path / "site", "hostile-picky", "selfreview_hostile.picky_render")
    schools = sorted((root / "examples" / "cohort").glob("*.yaml"))
    failing = schools.index(root / "examples" / "cohort" / "primary-2-2025.yaml") + 1
    lines = []
    for path in schools:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["assessed_on"] = data["assessed_on"].isoformat()
        lines.append(json.dumps(data) + "\n")
    (tmp_path / "cohort.jsonl").write_text("".join(lines), encoding="utf-8")
    args = ["report", "cohort.jsonl", "--format", "hostile-picky", "--output-dir", "out"]
    done = selfreview(args, cwd=tmp_path, env=env)
    told = done.stderr.decode()
    assert done.returncode == 1, told
    assert told.splitlines() == [
        f"cohort.jsonl:{failing}: {FAILED}",
        f"{len(schools) - 1} reports written in out; 1 assessment skipped (errors above)",
    ]
    assert len(list((tmp_path / "out").iterdir())) == len(schools) - 1
