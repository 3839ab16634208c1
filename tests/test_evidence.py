"""`without_evidence`: a report with no evidence text left in it, and nothing else changed.

SPEC section 7: "Evidence text leaves a report only where the format shows it to the reader
(`--no-evidence` drops it everywhere)".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    Judgement,
    Review,
    School,
)
from selfreview_core.evidence import without_evidence
from selfreview_core.testing import assessments, frameworks

examples = settings(max_examples=scaled(30))


def evidence_values(data: Any) -> list[Any]:
    """Every value under an `evidence` key, anywhere in a dumped model."""
    found: list[Any] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "evidence":
                found.append(value)
            found.extend(evidence_values(value))
    elif isinstance(data, list):
        for item in data:
            found.extend(evidence_values(item))
    return found


def blanked(data: Any) -> Any:
    """A dumped model with every `evidence` value set to None."""
    if isinstance(data, dict):
        return {k: None if k == "evidence" else blanked(v) for k, v in data.items()}
    if isinstance(data, list):
        return [blanked(item) for item in data]
    return data


@examples
@given(
    frameworks(max_elements=2, max_aspects=2, max_strands=3).flatmap(
        lambda f: st.tuples(st.just(f), assessments(f), assessments(f))
    )
)
def test_no_evidence_is_left_and_nothing_else_changes(
    drawn: tuple[Framework, Assessment, Assessment],
) -> None:
    framework, current, previous = drawn
    previous = previous.model_copy(
        update={"school": current.school, "assessed_on": dt.date(1999, 1, 1)}
    )
    engine = Engine(entry_points=False)
    report = engine.report(current, previous, framework=framework)
    before = report.model_dump(mode="json")
    stripped = without_evidence(report)
    dumped = stripped.model_dump(mode="json")
    assert all(value is None for value in evidence_values(dumped))
    assert dumped == blanked(before)
    assert report.model_dump(mode="json") == before  # the original is untouched
    # The copy is as immutable as the original: its mappings are of the same kinds.
    assert type(stripped.assessment.judgements) is type(report.assessment.judgements)
    assert stripped.previous is not None
    assert type(stripped.previous.judgements) is type(previous.judgements)


def test_awards_needing_evidence_keep_their_verdict(small_framework: Framework) -> None:
    """Dropping the text afterwards keeps what was worked out from it: an award that needs
    written evidence is met as before."""
    framework = Framework.model_validate(
        {
            **small_framework.model_dump(),
            "awards": [
                {
                    "id": "mark",
                    "title": "Mark",
                    "require": {"strand": "A1.1", "reached": 2},
                    "evidence_required": True,
                }
            ],
        }
    )
    assessment = Assessment(
        framework=framework.ref,
        school=School(id="T1", name="Test School"),
        assessed_on=dt.date(2026, 10, 1),
        judgements={"A1.1": Judgement(level=3, evidence="Minutes of the March meeting")},
        review={"A1.2": Review(reason="split", note="Split", evidence="Carried text")},
    )
    report = Engine(entry_points=False).report(assessment, framework=framework)
    (award,) = report.awards
    assert award.met
    stripped = without_evidence(report)
    assert stripped.awards == report.awards
    assert stripped.assessment.judgements["A1.1"].evidence is None
    assert stripped.assessment.judgements["A1.1"].level == 3
    assert stripped.assessment.review is not None
    assert stripped.assessment.review["A1.2"].evidence is None
    assert stripped.assessment.review["A1.2"].note == "Split"
    assert stripped.previous is None
    for name in ("json", "csv", "markdown", "html", "table"):
        rendered = Engine(entry_points=False).export(stripped, name)
        text = rendered if isinstance(rendered, str) else rendered.decode("utf-8")
        assert "Minutes of the March" not in text
        assert "Carried text" not in text
