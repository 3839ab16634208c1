"""What plugin code writes to `sys.__stdout__` goes to standard error, as its prints do
(round 81). Before, it went straight to standard output, past the stand-in that sends
plugin code's prints to standard error: `report --format json` to standard output was no
longer JSON, the plugin's line before the report. `hostile-past-stdout`
(tests/plugins/selfreview_hostile/past_stdout.py) writes there at import and in its hook.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from program import selfreview, with_plugin
from selfreview_core import Assessment, Engine, Framework
from test_engine import plugin_module

#: What `hostile-past-stdout` writes (`selfreview_hostile.PRINTED`, and where).
PAST = "HOSTILE PRINT: this is not JSON (past sys.stdout)"


def _past_stdout() -> list[object]:
    stream = sys.__stdout__
    assert stream is not None
    stream.write("past\n")
    stream.flush()
    return []


def test_a_report_on_standard_output_stays_json_and_the_plugins_line_goes_to_standard_error(
    root: Path, tmp_path: Path
) -> None:
    env = with_plugin(tmp_path / "site", "hostile-past-stdout", "selfreview_hostile.past_stdout")
    example = str(root / "examples" / "example-primary-2026.yaml")
    done = selfreview(["report", example, "--format", "json"], cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # one object, whole: nothing of the plugin's in it
    assert "hostile-past-stdout-kept" in [r["id"] for r in report["recommendations"]]
    assert report["problems"] == []
    assert done.stderr.decode().splitlines() == [PAST, PAST]  # at import, in its hook


def test_in_the_library_too_and_python_s_own_stream_is_back_afterwards(
    small_framework: Framework, assessment: Assessment, capfd: pytest.CaptureFixture[str]
) -> None:
    own = sys.__stdout__
    plugin = plugin_module("past", selfreview_recommend=_past_stdout)
    engine = Engine(entry_points=False, plugins=[plugin])
    capfd.readouterr()
    report = engine.report(assessment, framework=small_framework)
    assert report.problems == ()
    assert sys.__stdout__ is own
    assert capfd.readouterr() == ("", "past\n")
