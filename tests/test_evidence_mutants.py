"""What round 69's pass over `evidence.py` showed no test held: `--no-evidence` also drops
the evidence an award's result quotes for a strand that does not apply (SPEC section 7:
evidence text leaves a report only where the format shows it, `--no-evidence` drops it
everywhere), and a strand that does not apply, whose evidence the reader would otherwise
need, is still a valid part of the report without it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from program import selfreview_here
from selfreview_core import Assessment, Engine, Framework, Judgement, Report, School
from selfreview_core.evidence import without_evidence

_WHY = "We have no sixth form: private note"


def _framework(small_framework: Framework) -> Framework:
    return Framework.model_validate(
        {
            **small_framework.model_dump(),
            "awards": [
                {
                    "id": "mark",
                    "title": "Mark",
                    "require": {"strand": "A1.2", "reached": 2},
                }
            ],
        }
    )


def _report(small_framework: Framework) -> Report:
    framework = _framework(small_framework)
    assessment = Assessment(
        framework=framework.ref,
        school=School(id="T1", name="Test School"),
        assessed_on=dt.date(2026, 10, 1),
        judgements={
            "A1.1": Judgement(level=3, evidence="Minutes"),
            "A1.2": Judgement(applicable=False, evidence=_WHY),
        },
    )
    return Engine(entry_points=False).report(assessment, framework=framework)


def test_an_awards_not_applicable_strand_loses_its_evidence_and_keeps_its_verdict(
    small_framework: Framework,
) -> None:
    report = _report(small_framework)
    (award,) = report.awards
    (excused,) = award.not_applicable
    assert (excused.id, excused.evidence) == ("A1.2", _WHY)  # what there is to drop
    stripped = without_evidence(report)
    (after,) = stripped.awards
    assert after.met == award.met
    assert after.model_dump(exclude={"not_applicable"}) == award.model_dump(
        exclude={"not_applicable"}
    )
    (gone,) = after.not_applicable
    assert (gone.id, gone.evidence, gone.text) == ("A1.2", None, "A1.2 is not applicable")
    judgement = stripped.assessment.judgements["A1.2"]
    assert (judgement.applicable, judgement.evidence) == (False, None)
    for name in ("json", "csv", "markdown", "html", "table", "summary"):
        rendered = Engine(entry_points=False).export(stripped, name)
        text = rendered if isinstance(rendered, str) else rendered.decode("utf-8")
        assert "private note" not in text, name
    assert _WHY in str(Engine(entry_points=False).export(report, "json"))


@pytest.mark.parametrize("form", ["json", "markdown"])
def test_report_no_evidence_drops_a_not_applicable_strands_evidence(
    tmp_path: Path, form: str
) -> None:
    """The command a user runs: `report --no-evidence` of a school whose strand does not
    apply, on a framework with an award naming it."""
    framework = tmp_path / "f.yaml"
    framework.write_text(
        """\
kind: framework
id: small
version: "1"
title: Small
scale: {best: 3, worst: 0}
elements:
  - id: A
    title: A
    aspects:
      - id: A1
        title: A1
        strands:
          - id: A1.1
            title: One
            levels: {0: none, 1: some, 2: more, 3: all}
          - id: A1.2
            title: Two
            levels: {0: none, 1: some, 2: more, 3: all}
awards:
  - id: mark
    title: Mark
    require: {strand: A1.2, reached: 2}
""",
        encoding="utf-8",
    )
    school = tmp_path / "school.yaml"
    school.write_text(
        f"""\
kind: assessment
framework: small@1
school: {{id: T1, name: Test School}}
assessed_on: 2026-10-01
judgements:
  A1.1: {{level: 3, evidence: Minutes}}
  A1.2: {{applicable: false, evidence: "{_WHY}"}}
""",
        encoding="utf-8",
    )
    kept = school.read_bytes()
    command = ["report", str(school), "--framework", str(framework), "--format", form]
    shown = selfreview_here(command)
    assert shown.returncode == 0, shown.stderr
    assert b"private note" in shown.stdout  # the report quotes it without --no-evidence
    dropped = selfreview_here([*command, "--no-evidence"])
    assert dropped.returncode == 0, dropped.stderr
    assert b"private note" not in dropped.stdout
    assert b"A1.2" in dropped.stdout
    assert school.read_bytes() == kept
