"""`Engine.report_many(framework=...)`, round 55's surviving mutant of engine.py: the
framework given is the one each school is reported against, though the engine has no
framework of that name (the mutant handed the engine no framework, which looked the school's
framework up among its own, found none and raised)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core import Engine, SelfReviewError, load_framework
from test_engine_folders import V1, folder_of


def test_a_framework_given_is_used_though_the_engine_has_none_of_that_name(
    tmp_path: Path,
) -> None:
    folder = folder_of(tmp_path, {})
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    engine = Engine(entry_points=False)
    with pytest.raises(SelfReviewError):  # the engine alone does not know it
        list(engine.report_many([folder]))
    framework = load_framework(V1)
    reports = list(engine.report_many(sorted(folder.iterdir()), framework=framework))
    assert [r.assessment.school.id for r in reports] == ["EX-2", "EX-3"]
    assert all(r.framework is framework for r in reports)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
