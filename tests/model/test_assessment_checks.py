"""Whether an assessment fits its framework (`model.assessment_checks`): the checks read a
file's data whatever its shape, leaving a wrong shape to field validation, so that a file
with one is refused with its field errors, located, and never crashes the loader."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Framework, InvalidDocument, load_assessment, load_framework
from selfreview_core.model.assessment import Judgement
from selfreview_core.model.assessment_checks import (
    check_assessment,
    fit_findings,
    fits_as_written,
    surely_fits,
)
from selfreview_core.model.review import Review
from selfreview_core.testing import framework_and_assessment
from selfreview_core.testing.question_strategies import question_framework_and_assessment

from .test_questions import ASSESSMENT, FRAMEWORK

if TYPE_CHECKING:
    from pathlib import Path

    from selfreview_core import Assessment
    from selfreview_core.errors import Diagnostic

HEAD = ASSESSMENT.split("judgements:")[0]


def _refused(folder: Path, text: str) -> list[Diagnostic]:
    """What loading the assessment `text` from a file, against `FRAMEWORK`, is refused for."""
    framework_file = folder / "framework.yaml"
    framework_file.write_text(FRAMEWORK, encoding="utf-8")
    path = folder / "assessment.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDocument) as raised:
        load_assessment(path, load_framework(framework_file))
    return list(raised.value.diagnostics)


def _data(assessment: Assessment) -> dict[str, Any]:
    """The assessment as a file would hold it."""
    data: dict[str, Any] = json.loads(assessment.model_dump_json(exclude_none=True))
    return data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEAD + "judgements: [D-SA-A]\n",
            [("type", "judgements", "expected a mapping, got a list")],
        ),
        (HEAD, [("missing-key", "", "missing required key `judgements`")]),
        (
            ASSESSMENT.replace("D-SA-A-2: half", "D-SA-A-2: 3"),
            [("type", "judgements.D-SA-A.answers.D-SA-A-2", "expected text, got the number 3")],
        ),
        (
            ASSESSMENT.replace("D-SA-A-2: half", "2: half"),
            [
                (
                    "type",
                    "judgements.D-SA-A.answers[2]",
                    "expected a text key (an id), got the number 2",
                )
            ],
        ),
        (
            ASSESSMENT + "review: {5: {reason: split, note: two strands became one}}\n",
            [("type", "review[5]", "expected a text key (an id), got the number 5")],
        ),
        (
            ASSESSMENT + "  5: 2\n",
            [("type", "judgements[5]", "expected a text key (an id), got the number 5")],
        ),
    ],
    ids=[
        "judgements-a-list",
        "no-judgements",
        "answer-a-number",
        "question-a-number",
        "review-key-a-number",
        "strand-a-number",
    ],
)
def test_an_assessment_of_the_wrong_shape_is_refused_with_its_field_errors_alone(
    tmp_path: Path, text: str, expected: list[tuple[str, str, str]]
) -> None:
    """The fit checks run on the file's data even where field validation failed: they pass
    over what is not of its shape (no second finding for it, and no crash)."""
    diagnostics = _refused(tmp_path, text)
    found = [(d.code, d.path, d.message) for d in diagnostics]
    assert found == expected
    assert all(d.file is not None and d.file.endswith("assessment.yaml") for d in diagnostics)


@settings(max_examples=scaled(40))
@given(framework_and_assessment(), st.sampled_from(([], None, "judgements", 3, ["A"])))
def test_judgements_that_are_not_a_mapping_are_left_to_field_validation(
    pair: tuple[Framework, Assessment], judgements: Any
) -> None:
    framework, assessment = pair
    data = _data(assessment)
    assert fit_findings(framework, data) == [], "a valid assessment's own data fits"
    data["judgements"] = judgements
    assert fit_findings(framework, data) == []


@settings(max_examples=scaled(40))
@given(question_framework_and_assessment(), st.sampled_from((3, None, 0.5, ["most"])))
def test_answers_and_review_keys_that_are_not_text_are_left_to_field_validation(
    pair: tuple[Framework, Assessment], wrong: Any
) -> None:
    """A number (or any non-text) for a question id, an answer id or a strand awaiting
    review is field validation's to report: the fit checks add nothing for it."""
    framework, assessment = pair
    data = _data(assessment)
    assert fit_findings(framework, data) == [], "a valid assessment's own data fits"
    strand = framework.strands[0]
    question = strand.questions[0].id if strand.questions else "q"
    judgement = data["judgements"].get(strand.id)
    answers = judgement.get("answers") if isinstance(judgement, dict) else None
    if answers:  # a question answered with something not text
        answers[next(iter(answers))] = wrong
    data["judgements"][strand.id] = {"answers": {**(answers or {}), 7: "x", question: wrong}}
    data["review"] = {5: {"reason": "split", "note": "n"}}
    found = fit_findings(framework, data)
    if strand.questions:
        assert found == []
    else:  # answers to a strand without questions are told, and nothing else
        assert [(f.code, f.path) for f in found] == [
            ("no-questions", ("judgements", strand.id, "answers"))
        ]


@pytest.mark.parametrize("data", [None, [], "assessment", 3, ["judgements"]])
def test_a_document_that_is_not_a_mapping_has_nothing_to_fit(
    small_framework: Framework, data: Any
) -> None:
    assert fit_findings(small_framework, data) == []


def test_an_object_not_as_validation_makes_it_is_not_told_to_fit(
    small_framework: Framework,
) -> None:
    """The quick checks give way (False: "not sure") for an object without an
    assessment's fields, so that the full check says what is wrong."""
    odd = SimpleNamespace(framework=small_framework.id)
    assert surely_fits(small_framework, odd) is False  # type: ignore[arg-type]
    assert fits_as_written(small_framework, odd) is False  # type: ignore[arg-type]


def test_an_answered_assessment_built_in_code_is_weighed_against_its_answers(
    tmp_path: Path,
) -> None:
    """An assessment read without its framework, then checked against it
    (`check_assessment`, as `Engine.report` does for a program's own objects): a level
    that disagrees with its answers' score is refused there too (round 63's pass)."""
    framework_file = tmp_path / "framework.yaml"
    framework_file.write_text(FRAMEWORK, encoding="utf-8")
    path = tmp_path / "assessment.yaml"
    path.write_text(ASSESSMENT.replace("some}}", "some}, level: 2}"), encoding="utf-8")
    assessment = load_assessment(path)
    with pytest.raises(InvalidDocument) as raised:
        check_assessment(load_framework(framework_file), assessment)
    assert [(d.code, d.path) for d in raised.value.diagnostics] == [
        ("level-disagrees", "judgements.D-SA-A.level")
    ]


def test_an_assessment_missing_a_field_is_said_to_be_malformed(root: Path) -> None:
    """An assessment whose `framework` was taken away after validation (a program's own
    `del`) is refused as malformed, an `InvalidDocument`, never the `TypeError` of reading
    what it lacks (round 63's pass)."""
    framework = load_framework(root / "frameworks" / "becta-srf.yaml")
    assessment = load_assessment(root / "examples" / "example-primary-2026.yaml", framework)
    lacking = assessment.model_copy()
    del lacking.__dict__["framework"]
    with pytest.raises(InvalidDocument) as raised:
        check_assessment(framework, lacking)
    assert [d.message for d in raised.value.diagnostics] == [
        "the assessment is malformed (built without validation?)"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "D-SA-A-2: half",
            "D-SA-A-2: hlf",
            (
                "unknown-answer",
                "judgements.D-SA-A.answers.D-SA-A-2",
                "`hlf` is not an answer to `D-SA-A-2`",
            ),
        ),
        (
            "D-SA-A-2: half",
            "D-SA-A-9: half",
            (
                "unknown-question",
                "judgements.D-SA-A.answers.D-SA-A-9",
                "`D-SA-A-9` is not a question of `D-SA-A`",
            ),
        ),
    ],
)
def test_a_level_is_not_weighed_against_answers_that_are_wrong(
    tmp_path: Path, old: str, new: str, expected: tuple[str, str, str]
) -> None:
    """Answers with a mistake in them lead to no level: the mistake is told, and the level
    given with them is not also said to disagree with a score the answers do not have."""
    text = ASSESSMENT.replace(old, new).replace("some}}", "some}, level: 3}")
    diagnostics = _refused(tmp_path, text)
    assert [(d.code, d.path, d.message) for d in diagnostics] == [expected]


def test_an_answered_assessment_is_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An assessment the quick check leaves to the whole one (answered) is not checked
    again against the framework it was loaded with, nor a second time once checked."""
    framework_file = tmp_path / "framework.yaml"
    framework_file.write_text(FRAMEWORK, encoding="utf-8")
    framework = load_framework(framework_file)
    path = tmp_path / "assessment.yaml"
    path.write_text(ASSESSMENT, encoding="utf-8")
    loaded = load_assessment(path, framework)
    built = loaded.model_copy(update={"assessor": "Someone"})  # never checked
    assert surely_fits(framework, loaded) is False  # answered: not sure
    check_assessment(framework, built)  # checked: once
    calls: list[object] = []

    def checks(framework: Framework, data: object) -> list[object]:
        calls.append(data)
        return []

    monkeypatch.setattr("selfreview_core.model.assessment_checks.fit_findings", checks)
    check_assessment(framework, loaded)
    check_assessment(framework, built)
    assert calls == []
    check_assessment(load_framework(framework_file), built)  # another framework: checked
    assert len(calls) == 1


@pytest.mark.parametrize("wrong", ["framework", "strand", "review", "not-a-judgement"])
@settings(max_examples=scaled(10))
@given(pair=framework_and_assessment())
def test_an_assessment_that_does_not_fit_is_never_told_to_fit(
    pair: tuple[Framework, Assessment], wrong: str
) -> None:
    """Over frameworks of either scale direction: an assessment naming another framework,
    judging a strand the framework lacks, leaving one for review, or holding a judgement
    that is not a `Judgement` (built without validation), is not sure to fit (False) and
    the whole check refuses it."""
    framework, assessment = pair
    missing = "no such strand"  # no id holds a space
    strand = framework.strand_ids[0]
    updates: dict[str, dict[str, Any]] = {
        "framework": {"framework": f"{framework.id}-other"},
        "strand": {"judgements": {**assessment.judgements, missing: Judgement(level=1)}},
        "review": {"review": {missing: Review(reason="split", note="n")}},
        "not-a-judgement": {
            "judgements": {strand: {"level": framework.scale.levels[0]}},
        },
    }
    forged = assessment.model_copy(update=updates[wrong])
    assert surely_fits(framework, forged) is False
    with pytest.raises(InvalidDocument) as told:
        check_assessment(framework, forged)
    code, where, named = {
        "framework": ("wrong-framework", "framework", "framework"),
        "strand": ("unknown-strand", "judgements", missing),
        "review": ("unknown-strand", "review", missing),
        "not-a-judgement": ("invalid", "judgements", strand),
    }[wrong]
    [found] = told.value.diagnostics  # this one fault, told as such
    assert found.code == code
    assert found.path.startswith(where)
    assert named in found.path


@settings(max_examples=scaled(20))
@given(framework_and_assessment())
def test_an_assessment_judged_by_levels_alone_is_told_to_fit_without_the_whole_check(
    pair: tuple[Framework, Assessment],
) -> None:
    """Built in Python and never checked, such an assessment is told to fit by sets: the
    whole check (finding by finding) is never run for it."""
    framework, assessment = pair
    calls: list[object] = []

    def checks(framework: Framework, data: object) -> list[object]:
        calls.append(data)
        return []

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("selfreview_core.model.assessment_checks.fit_findings", checks)
        check_assessment(framework, assessment.model_copy())  # a new object: never checked
    assert calls == []


def test_an_empty_question_or_answer_is_said_to_be_empty(tmp_path: Path) -> None:
    """Round 46: "`` is not a question of `D-SA-A`", "`` is not an answer to `D-SA-A-2`"."""
    where = "judgements.D-SA-A.answers"
    cases = [
        (
            '"": half',
            "unknown-question",
            f'{where}[""]',
            "an empty key is not a question of `D-SA-A`",
        ),
        (
            'D-SA-A-2: ""',
            "unknown-answer",
            f"{where}.D-SA-A-2",
            "an empty id is not an answer to `D-SA-A-2`",
        ),
    ]
    for new, *expected in cases:
        diagnostics = _refused(tmp_path, ASSESSMENT.replace("D-SA-A-2: half", new))
        told = [(d.code, d.path, d.message) for d in diagnostics]
        assert [t for t in told if t[0] == expected[0]] == [tuple(expected)]
        assert len(told) == 2  # and field validation's own
