"""Behaviours of the loader a mutation pass (round 39) found no test pinned: a file's
problems come top to bottom; a framework a lookup function cannot find is named unknown,
with the way to give it; `load` checks a plan and a migration as their own loaders do; and
`Engine.report_many` takes assessments as objects, directories holding JSON Lines files and
a YAML file read whole, a bad line (or one over the size limit) either raised at `FILE:LINE`
or handed to `on_error`; and a rule pack checked against another framework is called a rule
pack."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from selfreview_core import (
    Assessment,
    Engine,
    InvalidDocument,
    SelfReviewError,
    load,
    load_assessment,
    load_framework,
    load_rules,
)
from selfreview_core.files import json_lines
from selfreview_core.files.limits import Limits
from selfreview_core.loader import resolve_framework
from selfreview_core.model.migration import Migration
from selfreview_core.model.plan import Plan
from test_pydantic_errors_mutants import TINY_ASSESSMENT

if TYPE_CHECKING:
    from pathlib import Path

    from selfreview_core import Framework

_LINE = (
    '{"kind": "assessment", "framework": "tiny@1", "school": {"id": "%s", "name": "S"}, '
    '"assessed_on": "2026-09-30", "judgements": {"E1.1": %s}}'
)

_PLAN = """\
kind: plan
framework: tiny@1
school: {id: T-001, name: Tiny School}
made_from: {assessed_on: 2026-09-30}
created_on: 2026-10-01
actions:
  - {id: a1, recommendation: r1, title: One, targets: [E1.1]}
"""


@pytest.fixture
def tiny(data: Path) -> Framework:
    return load_framework(data / "good" / "tiny-framework.yaml")


def test_a_file_s_problems_come_top_to_bottom(data: Path) -> None:
    """A problem far to the right on an early line comes before one near the left margin on
    a later line."""
    text = (data / "good" / "tiny-framework.yaml").read_text()
    text = text.replace('version: "1"', "version: 1").replace("  - id: E\n", "  - id: 5\n")
    with pytest.raises(InvalidDocument) as raised:
        load_framework("tiny.yaml", text=text)
    found = [(d.line, d.column, d.path) for d in raised.value.diagnostics]
    assert found == [(4, 10, "version"), (8, 9, "elements[0].id")]


def test_a_framework_a_lookup_function_cannot_find_is_unknown() -> None:
    with pytest.raises(InvalidDocument) as raised:
        load_assessment("a.yaml", lambda ref: None, text=TINY_ASSESSMENT)
    [problem] = raised.value.diagnostics
    assert problem.message == "unknown framework `tiny@1`"
    assert problem.hint == "name its file on the command line or with --framework"
    assert (problem.line, problem.column, problem.path) == (2, 12, "framework")


def test_no_lookup_resolves_no_framework() -> None:
    assert resolve_framework(None, "tiny@1") is None


def test_load_checks_a_plan_against_its_framework(tiny: Framework) -> None:
    plan = load("plan.yaml", framework={"tiny": tiny}, text=_PLAN)
    assert isinstance(plan, Plan)
    assert [a.id for a in plan.actions] == ["a1"]
    with pytest.raises(InvalidDocument) as raised:
        load("plan.yaml", framework={"tiny": tiny}, text=_PLAN.replace("[E1.1]", "[E9.9]"))
    [problem] = raised.value.diagnostics
    assert problem.message == "`E9.9` is not an element, aspect or strand of tiny@1"
    assert (problem.line, problem.column, problem.path) == (7, 56, "actions[0].targets[0]")


def test_load_checks_a_migration_against_both_versions(root: Path) -> None:
    folder = root / "examples" / "migration"
    frameworks = {
        f.ref: f for f in map(load_framework, sorted(folder.glob("example-srf-[12].yaml")))
    }
    path = folder / "example-srf-1-to-2.yaml"
    migration = load(path, framework=frameworks)
    assert isinstance(migration, Migration)
    text = path.read_text().replace("retired: [2b1]", "retired: [2b1, 9z9]")
    with pytest.raises(InvalidDocument) as raised:
        load(path, framework=frameworks, text=text)
    [problem] = raised.value.diagnostics
    assert problem.message == "`9z9` is not a strand of example-srf@1"
    assert (problem.line, problem.column, problem.path) == (16, 16, "retired[1]")


def test_report_many_takes_assessment_objects(tiny: Framework) -> None:
    assessment = load_assessment("a.yaml", tiny, text=TINY_ASSESSMENT)
    assert isinstance(assessment, Assessment)
    [report] = Engine(entry_points=False).report_many([assessment], framework=tiny)
    assert report.assessment is assessment


def _folder_with_lines(tmp_path: Path, *lines: str) -> Path:
    folder = tmp_path / "lines"
    folder.mkdir()
    (folder / "schools.jsonl").write_text("".join(f"{line}\n" for line in lines))
    return folder


def test_report_many_reads_the_json_lines_files_in_a_folder(
    tmp_path: Path, tiny: Framework
) -> None:
    folder = _folder_with_lines(tmp_path, _LINE % ("s1", 1), _LINE % ("s2", 3))
    reports = list(Engine(entry_points=False).report_many([folder], framework=tiny))
    assert [r.assessment.school.id for r in reports] == ["s1", "s2"]


def test_a_bad_line_is_raised_at_its_line_or_handed_to_on_error(
    tmp_path: Path, tiny: Framework
) -> None:
    folder = _folder_with_lines(tmp_path, _LINE % ("s1", 1), _LINE % ("s2", 9), _LINE % ("s3", 2))
    file = str(folder / "schools.jsonl")
    engine = Engine(entry_points=False)
    with pytest.raises(SelfReviewError) as raised:
        list(engine.report_many([folder], framework=tiny))
    [problem] = raised.value.diagnostics
    assert (problem.file, problem.line, problem.column) == (file, 2, 136)
    assert problem.message == "level 9 is outside the scale 3 (best) .. 0 (worst)"
    errors: list[tuple[str, SelfReviewError]] = []
    reports = list(
        engine.report_many([folder], framework=tiny, on_error=lambda n, e: errors.append((n, e)))
    )
    assert [r.assessment.school.id for r in reports] == ["s1", "s3"]
    [(name, error)] = errors
    assert name == f"{file}:2"
    assert [(d.file, d.line) for d in error.diagnostics] == [(file, 2)]


def test_report_many_reads_a_yaml_assessment_file_whole(tmp_path: Path, tiny: Framework) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(TINY_ASSESSMENT)
    [report] = Engine(entry_points=False).report_many([path], framework=tiny)
    assert report.assessment.school.id == "T-001"


def test_a_line_over_the_size_limit_is_an_error_at_its_line(
    tmp_path: Path, tiny: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_lines, "DEFAULT_LIMITS", Limits(max_bytes=500))
    huge = (_LINE % ("s2", 1)).replace('"S"', '"' + "S" * 600 + '"')
    folder = _folder_with_lines(tmp_path, _LINE % ("s1", 1), huge, _LINE % ("s3", 2))
    file = str(folder / "schools.jsonl")
    errors: list[tuple[str, SelfReviewError]] = []
    engine = Engine(entry_points=False)
    reports = list(
        engine.report_many([folder], framework=tiny, on_error=lambda n, e: errors.append((n, e)))
    )
    assert [r.assessment.school.id for r in reports] == ["s1", "s3"]
    [(name, error)] = errors
    assert name == f"{file}:2"
    assert [(d.file, d.line, d.message) for d in error.diagnostics] == [
        (file, 2, "line 2 is over the size limit")
    ]


def test_a_rule_pack_checked_against_another_framework_says_it_is_a_rule_pack(
    tiny: Framework,
) -> None:
    text = "kind: rules\nid: r\nframework: other@1\nrules: []\n"
    with pytest.raises(InvalidDocument) as raised:
        load_rules("r.yaml", tiny, text=text)
    [problem] = raised.value.diagnostics
    assert problem.message == "rule pack is of `other@1`, not of tiny@1"
    assert (problem.line, problem.path) == (3, "framework")


def test_on_one_line_the_problems_come_left_to_right(root: Path) -> None:
    """On one line of a flow mapping, a level off the scale (column 19) comes before the
    key given twice after it (column 30), though the reader found the second first."""
    framework = load_framework(root / "frameworks" / "becta-srf.yaml")
    text = (
        "kind: assessment\nframework: becta-srf@2010\nschool: {id: '1', name: S}\n"
        "assessed_on: 2026-10-05\njudgements: {1a2: 9, 1a1: 3, 1a1: 3}\n"
    )
    with pytest.raises(InvalidDocument) as raised:
        load_assessment("school.yaml", framework, text=text)
    found = [(d.line, d.column, d.path) for d in raised.value.diagnostics]
    assert found == [(5, 19, "judgements.1a2"), (5, 30, "judgements")]
