"""A plugin that closes the program's own standard output or error (`sys.__stdout__`,
`sys.__stderr__`, past the stand-ins it is given) at import and in its hook: the stream is
opened again on its descriptor, said once, and every school's report is written whole,
with the other files' errors told and the exit status theirs (`isolation.output._Owned`)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from program import selfreview, with_plugin
from selfreview_core import load_assessment

if sys.platform == "win32":  # pragma: no cover - descriptors 1 and 2 as POSIX has them
    pytest.skip("POSIX descriptors", allow_module_level=True)

EXAMPLES = ("example-primary-2025.yaml", "example-primary-2026.yaml")


def _closing(tmp_path: Path, how: str) -> dict[str, str]:
    """The program's environment with `hostile-closes` installed alone, doing `how`, and
    its streams buffered as a user's are (not `PYTHONUNBUFFERED`)."""
    env = with_plugin(tmp_path / "site", "hostile-closes", "selfreview_hostile.closes")
    env.pop("PYTHONUNBUFFERED", None)
    return dict(env, SELFREVIEW_HOSTILE_CLOSES=how)


def _warnings(how: str) -> list[str]:
    closed = {"output": ["output"], "detach": ["output"], "error": ["error"]}
    names = [name for word in how.split(",") for name in closed[word]]
    return [f"warning: a plugin closed standard {name}; opened again" for name in names]


@pytest.mark.parametrize("how", ["output", "detach", "error", "error,output"])
def test_every_report_reaches_standard_output_whatever_stream_a_plugin_closed(
    how: str, root: Path, tmp_path: Path
) -> None:
    """Before, no report was written (status 120, a traceback), or Python aborted."""
    (tmp_path / "bad.yaml").write_text("kind: assessment\n", encoding="utf-8")
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    args = ["report", *schools, "bad.yaml", "--format", "json"]
    done = selfreview(args, cwd=tmp_path, env=_closing(tmp_path, how))
    told = done.stderr.decode()
    assert done.returncode == 1, told  # the bad file's, and only its
    assert "Traceback" not in told, told
    assert "lost sys.stderr" not in told, told
    assert "bad.yaml:1:1: error: missing required key" in told, told
    for warning in _warnings(how):
        assert told.count(warning) == 1, told  # once, though closed for every school
    reports = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["assessment"] for r in reports] == [
        load_assessment(school).model_dump(mode="json") for school in schools
    ]  # both schools, in order, whole
    for report in reports:
        ids = [rec["id"] for rec in report["recommendations"]]
        assert "hostile-closes-kept" in ids
        assert len(ids) > 1  # the built-in next steps too
        assert report["problems"] == []


@pytest.mark.parametrize("how", ["output", "error"])
def test_a_report_written_to_its_file_ends_the_command_with_success(
    how: str, root: Path, tmp_path: Path
) -> None:
    """Before, the report was written and the command still ended with a traceback and
    status 120, as it flushed a standard output the plugin had closed."""
    school = str(root / "examples" / EXAMPLES[1])
    done = selfreview(
        ["report", school, "-o", "out.json"], cwd=tmp_path, env=_closing(tmp_path, how)
    )
    told = done.stderr.decode()
    assert done.returncode == 0, told
    assert done.stdout == b""
    assert sorted(told.splitlines()) == sorted([*_warnings(how), "Wrote out.json (json)."]), told
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert "hostile-closes-kept" in [rec["id"] for rec in report["recommendations"]]
    assert os.path.getsize(tmp_path / "out.json") > 1000
