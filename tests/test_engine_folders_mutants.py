"""`engine_inputs.py`, round 55's pass: `Engine.benchmark` of a folder lists every file it
skipped, the framework files that do not load first, then each assessment file it could
not use, none left out; `Engine.report_many` tells of a rule pack in a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core import Engine, SelfReviewError
from test_engine_folders import V1, broken, folder_of


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


def test_report_many_tells_of_a_rule_pack_in_the_folder(tmp_path: Path) -> None:
    """`Engine.report_many`, whose rule packs are the engine's own, does not pass a rule
    pack found in a folder by in silence: it raises, naming the file, or gives it to
    `on_error` and reports on the schools (round 55: `FolderInputs`' `pass_packs` default
    as True survived, which dropped it unsaid; `Engine.benchmark`, which applies no rules,
    passes it by)."""
    from cli.test_folder_frameworks import RULES

    folder = folder_of(tmp_path, {"framework.yaml": V1.read_text(encoding="utf-8")})
    rules = folder / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    engine = Engine(entry_points=False)
    with pytest.raises(SelfReviewError) as raised:
        list(engine.report_many([folder]))
    assert raised.value.first.file == str(rules)
    assert raised.value.first.message == "expected an assessment file, not a rules file"
    errors: list[str] = []
    reports = list(engine.report_many([folder], on_error=lambda name, _: errors.append(name)))
    assert errors == [str(rules)]
    assert [r.assessment.school.id for r in reports] == ["EX-2", "EX-3"]


def test_benchmark_of_files_named_themselves(tmp_path: Path) -> None:
    """`Engine.benchmark` of assessment files (no folder) benchmarks them (round 55:
    `FolderInputs.files` giving None for a file, not `[file]`, survived: a `TypeError`)."""
    folder = folder_of(tmp_path, {})
    files = sorted(folder.glob("school-*.yaml"))
    result = Engine(entry_points=False, frameworks=[V1]).benchmark(files)
    assert result.skipped == []
    assert result.cohort is not None
    assert result.cohort.school_ids == ("EX-2", "EX-3")
