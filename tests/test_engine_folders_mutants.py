"""`engine_inputs.py`, round 55's pass: `Engine.benchmark` of a folder lists every file it
skipped, the framework files that do not load first, then each assessment file it could
not use, none left out."""

from __future__ import annotations

from pathlib import Path

from selfreview_core import Engine
from test_engine_folders import broken, folder_of


def test_a_bad_framework_and_the_schools_it_leaves_unknown_are_all_skipped(
    tmp_path: Path,
) -> None:
    """The framework file that does not load, then both schools (their framework unknown
    to an engine given nothing else), each by file (round 55: the frameworks put in place
    of the first skipped school, `skipped[:1]` for `skipped[:0]`, survived: a school
    left out of the warnings)."""
    text, line = broken()
    folder = folder_of(tmp_path, {"framework.yaml": text})
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = Engine(entry_points=False).benchmark([folder])
    assert [Path(s.file).name for s in result.skipped] == [
        "framework.yaml",
        "school-0.yaml",
        "school-1.yaml",
    ]
    assert result.skipped[0].diagnostics[0].line == line
    assert "example-srf@1" in result.skipped[1].diagnostics[0].message
    assert result.cohort is None
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
