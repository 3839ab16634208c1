"""A known limit (round 81 measured it and left it): what plugin code writes to
`sys.__stdout__` goes straight to standard output, past the stand-in that sends plugin
code's prints to standard error, and `report --format json` to standard output is no
longer JSON, the plugin's line before the report. Standing in for `sys.__stdout__` too
while plugin code runs cost 1,510 instructions a school of `engine.report` (0.6 %), a
stand-in at each plugin block's start and end. `hostile-past-stdout`
(tests/plugins/selfreview_hostile/past_stdout.py) writes there at import and in its hook.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from program import selfreview, with_plugin

#: What `hostile-past-stdout` writes (`selfreview_hostile.PRINTED`, and where).
PAST = "HOSTILE PRINT: this is not JSON (past sys.stdout)"


@pytest.mark.xfail(strict=True, reason="known limit: sys.__stdout__ is not stood in for")
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
