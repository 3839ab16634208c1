"""Questions, answer sets and answers (SPEC 10): what a framework and an assessment may say,
and every mistake located in its file with a hint."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from pydantic import ValidationError

from selfreview_core import InvalidDocument, load_assessment, load_framework
from selfreview_core.files.source import parse_text
from selfreview_core.model.assessment import Judgement
from selfreview_core.model.questions import Terms, answer_value, question_findings

if TYPE_CHECKING:
    from pathlib import Path

    from selfreview_core import Framework
    from selfreview_core.errors import Diagnostic

FRAMEWORK = """\
kind: framework
id: q-model
version: "1"
title: Question model
scale: {best: 3, worst: 0}
answer_sets:
  graded:
    - {id: "no", text: "No", value: 0}
    - {id: some, text: For some, value: 0.25}
    - {id: half, text: For half, value: 0.5}
    - {id: most, text: For most, value: 1}
elements:
  - id: D
    title: Design
    aspects:
      - id: D-SA
        title: Secure architecture
        strands:
          - id: D-SA-A
            title: Architecture design
            levels: {0: none, 1: some, 2: more, 3: all}
            questions:
              - {id: D-SA-A-1, level: 1, text: One?, answers: graded}
              - {id: D-SA-A-2, level: 2, text: Two?, answers: graded}
              - {id: D-SA-A-3, level: 3, text: Three?, answers: graded}
          - id: D-SA-B
            title: Technology management
            levels: {0: none, 1: some, 2: more, 3: all}
"""

ASSESSMENT = """\
kind: assessment
framework: q-model
school: {id: "1", name: Org}
assessed_on: 2026-01-01
judgements:
  D-SA-A: {answers: {D-SA-A-1: most, D-SA-A-2: half, D-SA-A-3: some}}
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _framework(tmp_path: Path, text: str = FRAMEWORK) -> Framework:
    return load_framework(_write(tmp_path, "framework.yaml", text))


def _one(raised: pytest.ExceptionInfo[InvalidDocument], code: str) -> Diagnostic:
    found = [d for d in raised.value.diagnostics if d.code == code]
    assert found, f"no diagnostic with code {code}: {raised.value}"
    return found[0]


def _line_of(text: str, marker: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if marker in line)


def test_a_question_framework_loads_with_its_questions_and_answer_sets(tmp_path: Path) -> None:
    framework = _framework(tmp_path)
    strand = framework.strand("D-SA-A")
    assert [q.level for q in strand.questions or ()] == [1, 2, 3]
    assert [a.id for a in framework.answer_set("graded")] == ["no", "some", "half", "most"]
    assert framework.strand("D-SA-B").questions is None
    assert framework.has_questions
    assert framework.terms == Terms()  # the defaults: school, schools, self-review
    assert framework.policy is None


def test_terms_and_policy_are_read_from_the_framework(tmp_path: Path) -> None:
    text = FRAMEWORK.replace(
        "scale:",
        "terms: {subject: organisation, subjects: organisations, review: check}\n"
        "policy: mean\nscale:",
    )
    framework = _framework(tmp_path, text)
    assert framework.terms.subject == "organisation"
    assert framework.terms.count(2) == "2 organisations"
    assert framework.terms.count(1) == "1 organisation"
    assert framework.policy == "mean"
    dumped = framework.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert dumped["terms"]["review"] == "check"


@pytest.mark.parametrize(
    ("old", "new", "marker", "code", "words"),
    [
        (
            "answers: graded}\n              - {id: D-SA-A-2",
            "answers: gradd}\n              - {id: D-SA-A-2",
            "answers: gradd",
            "unknown-answer-set",
            "no answer set `gradd`",
        ),
        (
            "{id: D-SA-A-3, level: 3,",
            "{id: D-SA-A-3, level: 4,",
            "level: 4",
            "level-outside-scale",
            "level 4 is outside the scale",
        ),
        (
            "{id: D-SA-A-1, level: 1,",
            "{id: D-SA-A-1, level: 0,",
            "level: 0",
            "question-on-worst-level",
            "a question on the worst level (0)",
        ),
        (
            "{id: D-SA-A-3, level: 3,",
            "{id: D-SA-A-3, level: 2,",
            "D-SA-A-3",
            "duplicate-question-level",
            "two questions on level 2",
        ),
        (
            "{id: D-SA-A-3,",
            "{id: D-SA-A-2,",
            "- id: D-SA-A\n",
            "duplicate-id",
            "duplicate question id `D-SA-A-2`",
        ),
        (
            "    - {id: half, text: For half, value: 0.5}",
            "    - {id: some, text: For half, value: 0.5}",
            "For half",
            "duplicate-id",
            "duplicate answer id `some` in answer set `graded`",
        ),
    ],
)
def test_each_mistake_in_questions_is_located(
    tmp_path: Path, old: str, new: str, marker: str, code: str, words: str
) -> None:
    assert old in FRAMEWORK
    text = FRAMEWORK.replace(old, new, 1)
    with pytest.raises(InvalidDocument) as raised:
        _framework(tmp_path, text)
    diagnostic = _one(raised, code)
    assert words in diagnostic.message
    assert diagnostic.file is not None
    assert diagnostic.file.endswith("framework.yaml")
    if code != "duplicate-id" or "question" not in words:
        assert diagnostic.line == _line_of(text, marker.strip())
    assert diagnostic.path.startswith(
        ("elements[0].aspects[0].strands[0].questions", "answer_sets")
    )


def test_a_misspelt_answer_set_gets_a_did_you_mean(tmp_path: Path) -> None:
    text = FRAMEWORK.replace("text: Two?, answers: graded", "text: Two?, answers: graed")
    with pytest.raises(InvalidDocument) as raised:
        _framework(tmp_path, text)
    diagnostic = _one(raised, "unknown-answer-set")
    assert diagnostic.hint == "did you mean `graded`?"
    assert diagnostic.path == "elements[0].aspects[0].strands[0].questions[1].answers"


def test_a_missing_question_is_named_by_its_level(tmp_path: Path) -> None:
    text = FRAMEWORK.replace(
        "              - {id: D-SA-A-2, level: 2, text: Two?, answers: graded}\n", ""
    )
    with pytest.raises(InvalidDocument) as raised:
        _framework(tmp_path, text)
    diagnostic = _one(raised, "missing-question")
    assert diagnostic.message == "no question for level 2"
    assert diagnostic.path == "elements[0].aspects[0].strands[0].questions"


def test_questions_out_of_order_are_refused(tmp_path: Path) -> None:
    text = (
        FRAMEWORK.replace("level: 1, text: One?", "level: 9, text: One?")
        .replace("level: 3, text: Three?", "level: 1, text: Three?")
        .replace("level: 9, text: One?", "level: 3, text: One?")
    )
    with pytest.raises(InvalidDocument) as raised:
        _framework(tmp_path, text)
    assert "out of order" in _one(raised, "questions-out-of-order").message


def test_an_answer_value_outside_0_to_1_is_refused(tmp_path: Path) -> None:
    text = FRAMEWORK.replace("value: 1}", "value: 1.5}")
    with pytest.raises(InvalidDocument) as raised:
        _framework(tmp_path, text)
    assert any("answer_sets.graded[3].value" in d.path for d in raised.value.diagnostics)


def test_a_framework_built_in_python_is_checked_too(tmp_path: Path) -> None:
    framework = _framework(tmp_path)
    data = framework.model_dump(by_alias=True)
    data["elements"][0]["aspects"][0]["strands"][0]["questions"][0]["answers"] = "nope"
    with pytest.raises(ValidationError, match="no answer set `nope`"):
        type(framework).model_validate(data)


# -- answers in assessments ------------------------------------------------------------------


def _assess(tmp_path: Path, text: str) -> None:
    framework = _framework(tmp_path)
    load_assessment(_write(tmp_path, "assessment.yaml", text), framework=framework)


def test_an_answered_assessment_loads(tmp_path: Path) -> None:
    framework = _framework(tmp_path)
    assessment = load_assessment(_write(tmp_path, "a.yaml", ASSESSMENT), framework=framework)
    judgement = assessment.judgements["D-SA-A"]
    assert judgement.level is None
    assert dict(judgement.answers or {}) == {
        "D-SA-A-1": "most",
        "D-SA-A-2": "half",
        "D-SA-A-3": "some",
    }


@pytest.mark.parametrize(
    ("old", "new", "code", "words", "path", "hint"),
    [
        (
            "D-SA-A-2: half",
            "D-SA-A-2: hlf",
            "unknown-answer",
            "`hlf` is not an answer to `D-SA-A-2`",
            "judgements.D-SA-A.answers.D-SA-A-2",
            "did you mean `half`?",
        ),
        (
            "D-SA-A-2: half",
            "D-SA-A2: half",
            "unknown-question",
            "`D-SA-A2` is not a question of `D-SA-A`",
            "judgements.D-SA-A.answers.D-SA-A2",
            "did you mean `D-SA-A-2`?",
        ),
        (  # nothing close: the answers there are (round 63's pass)
            "D-SA-A-2: half",
            "D-SA-A-2: xyzzy",
            "unknown-answer",
            "`xyzzy` is not an answer to `D-SA-A-2`",
            "judgements.D-SA-A.answers.D-SA-A-2",
            "answer one of: no, some, half, most",
        ),
        (
            "D-SA-A-2: half",
            "xyzzy: half",
            "unknown-question",
            "`xyzzy` is not a question of `D-SA-A`",
            "judgements.D-SA-A.answers.xyzzy",
            "its questions: D-SA-A-1, D-SA-A-2, D-SA-A-3",
        ),
        (
            "D-SA-A: {answers",
            "D-SA-B: {answers",
            "no-questions",
            "`D-SA-B` has no questions to answer",
            "judgements.D-SA-B.answers",
            "give its `level` instead",
        ),
        (
            "D-SA-A-3: some}}",
            "D-SA-A-3: some}, level: 2}",
            "level-disagrees",
            "level 2 disagrees with the answers, which score 1.75 (level 1)",
            "judgements.D-SA-A.level",
            "give level 1, or leave `level` out: the answers decide it",
        ),
    ],
)
def test_each_mistake_in_answers_is_located(
    tmp_path: Path, old: str, new: str, code: str, words: str, path: str, hint: str
) -> None:
    assert old in ASSESSMENT
    text = ASSESSMENT.replace(old, new)
    with pytest.raises(InvalidDocument) as raised:
        _assess(tmp_path, text)
    diagnostic = _one(raised, code)
    assert diagnostic.message == words
    assert diagnostic.path == path
    assert diagnostic.hint == hint
    assert diagnostic.file is not None
    assert diagnostic.file.endswith("assessment.yaml")
    assert diagnostic.line == _line_of(text, "D-SA-")  # the judgement's line
    assert diagnostic.column is not None


def test_a_level_that_agrees_with_the_answers_is_accepted(tmp_path: Path) -> None:
    _assess(tmp_path, ASSESSMENT.replace("D-SA-A-3: some}}", "D-SA-A-3: some}, level: 1}"))


@pytest.mark.parametrize(
    ("judgement", "words"),
    [
        ("{applicable: false}", "`applicable: false` needs `evidence`"),
        ("{applicable: false, evidence: '  '}", "`applicable: false` needs `evidence`"),
        ("{applicable: false, evidence: x, level: 1}", "has no `level` or `answers`"),
        (
            "{applicable: false, evidence: x, answers: {D-SA-A-1: most}}",
            "has no `level` or `answers`",
        ),
        ("{evidence: x}", "a judgement needs a `level`, `answers`, or `applicable: false`"),
        ("{answers: {}}", "a judgement needs a `level`, `answers`, or `applicable: false`"),
    ],
)
def test_not_applicable_needs_evidence_and_nothing_else(
    tmp_path: Path, judgement: str, words: str
) -> None:
    text = ASSESSMENT.replace(
        "D-SA-A: {answers: {D-SA-A-1: most, D-SA-A-2: half, D-SA-A-3: some}}",
        f"D-SA-A: {judgement}",
    )
    with pytest.raises(InvalidDocument) as raised:
        _assess(tmp_path, text)
    diagnostic = raised.value.diagnostics[0]
    assert words in diagnostic.message
    assert diagnostic.path == "judgements.D-SA-A"
    assert diagnostic.line == _line_of(text, "D-SA-A:")


def test_not_applicable_with_evidence_loads(tmp_path: Path) -> None:
    text = ASSESSMENT + "  D-SA-B: {applicable: false, evidence: No software is built here}\n"
    framework = _framework(tmp_path)
    loaded = load_assessment(_write(tmp_path, "a.yaml", text), framework=framework)
    assert not loaded.judgements["D-SA-B"].is_applicable
    assert loaded.judgements["D-SA-A"].is_applicable
    assert loaded.level("D-SA-B") is None


def test_judgements_built_in_python_keep_the_rules() -> None:
    assert Judgement(level=2).is_applicable
    assert Judgement(answers={"q": "a"}).level is None
    with pytest.raises(ValidationError, match="needs `evidence`"):
        Judgement(applicable=False)
    with pytest.raises(ValidationError, match="needs a `level`"):
        Judgement()


def test_answer_values_are_exact_as_written() -> None:
    assert answer_value(0.1) + answer_value(0.2) + answer_value(0.7) == 1
    assert answer_value(0.25) * 4 == 1
    assert answer_value(1) == 1


def test_an_empty_answer_set_and_two_missing_levels_are_named(tmp_path: Path) -> None:
    text = FRAMEWORK.replace("answer_sets:\n", "answer_sets:\n  nothing: []\n").replace(
        "              - {id: D-SA-A-2, level: 2, text: Two?, answers: graded}\n"
        "              - {id: D-SA-A-3, level: 3, text: Three?, answers: graded}\n",
        "",
    )
    with pytest.raises(InvalidDocument) as raised:
        _framework(tmp_path, text)
    empty = _one(raised, "empty")
    assert (empty.path, empty.message) == (
        "answer_sets.nothing",
        "an answer set needs at least one answer",
    )
    missing = _one(raised, "missing-question")
    assert missing.message == "no question for levels 2, 3"
    assert missing.hint == "one question per level above the worst, 1 .. 3"


def test_a_duplicate_question_id_names_where_it_was_first_used(tmp_path: Path) -> None:
    text = FRAMEWORK.replace("{id: D-SA-A-3,", "{id: D-SA-A-1,")
    with pytest.raises(InvalidDocument) as raised:
        _framework(tmp_path, text)
    duplicate = _one(raised, "duplicate-id")
    assert duplicate.message.startswith(
        "duplicate question id `D-SA-A-1`: already used at "
        "elements[0].aspects[0].strands[0].questions[0]"
    )
    assert duplicate.path == "elements[0].aspects[0].strands[0].questions[2].id"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda d: d.update(answer_sets=["not", "a", "mapping"]),
        lambda d: d["answer_sets"].update(graded="not a list"),
        lambda d: d["answer_sets"]["graded"].append("not an answer"),
        lambda d: d["answer_sets"]["graded"].append({"id": 7, "text": "x", "value": 0}),
        lambda d: d["elements"][0].update(aspects=True),
        lambda d: d["elements"].append("not an element"),
        lambda d: d["elements"][0]["aspects"][0]["strands"][0].update(questions="none"),
        lambda d: d["elements"][0]["aspects"][0]["strands"][0]["questions"].append(3),
        lambda d: d.update(scale="broken"),
    ],
)
def test_the_question_checks_read_any_shape_without_failing(mangle: Any) -> None:
    """Field validation reports a wrong shape; the checks that span fields must not fail on
    it, and still report what they can (a question naming a missing set)."""
    text = FRAMEWORK.replace(
        "answers: graded}\n              - {id: D-SA-A-2",
        "answers: nope}\n              - {id: D-SA-A-2",
    )
    data = json.loads(json.dumps(parse_text(text, "f.yaml").data, default=str))
    mangle(data)
    found = question_findings(data)
    assert all(isinstance(f.message, str) for f in found)
    if isinstance(data.get("elements"), list) and data["elements"][0].get("aspects") is not True:
        strand = data["elements"][0]["aspects"][0]["strands"][0]
        if isinstance(strand.get("questions"), list):
            assert "unknown-answer-set" in {f.code for f in found}
    assert question_findings("not a mapping") == []


def test_terms_give_words_with_a_capital() -> None:
    terms = Terms(subject="setting", subjects="settings")
    assert terms.title(terms.subject) == "Setting"
    assert terms.title(terms.review) == "Self-review"
    assert terms.title("") == ""


def test_questions_without_any_answer_sets_say_where_to_declare_them(tmp_path: Path) -> None:
    start = FRAMEWORK.index("answer_sets:")
    end = FRAMEWORK.index("elements:")
    with pytest.raises(InvalidDocument) as raised:
        _framework(tmp_path, FRAMEWORK[:start] + FRAMEWORK[end:])
    found = _one(raised, "unknown-answer-set")
    assert found.message == "no answer set `graded` in the framework's `answer_sets`"
    assert found.hint == "declare it under `answer_sets`"


def test_a_level_off_the_scale_names_the_scale(tmp_path: Path) -> None:
    text = FRAMEWORK.replace("{id: D-SA-A-3, level: 3,", "{id: D-SA-A-3, level: 4,")
    with pytest.raises(InvalidDocument) as raised:
        _framework(tmp_path, text)
    found = _one(raised, "level-outside-scale")
    assert found.message == "level 4 is outside the scale 3 (best) .. 0 (worst)"
    codes = {d.code for d in raised.value.diagnostics}
    assert "questions-out-of-order" not in codes  # a missing level says enough


def test_two_questions_on_a_level_are_not_also_out_of_order(tmp_path: Path) -> None:
    text = FRAMEWORK.replace("{id: D-SA-A-3, level: 3,", "{id: D-SA-A-3, level: 2,")
    with pytest.raises(InvalidDocument) as raised:
        _framework(tmp_path, text)
    codes = [d.code for d in raised.value.diagnostics]
    assert codes.count("duplicate-question-level") == 1
    assert "questions-out-of-order" not in codes


def test_an_unknown_question_is_located_at_its_key(tmp_path: Path) -> None:
    text = ASSESSMENT.replace("D-SA-A-2: half", "D-SA-A2: half")
    with pytest.raises(InvalidDocument) as raised:
        _assess(tmp_path, text)
    found = _one(raised, "unknown-question")
    line = text.splitlines()[found.line - 1]  # type: ignore[operator]
    assert found.column == line.index("D-SA-A2:") + 1
    wrong = _one_answer_column(tmp_path)
    assert wrong[0] == wrong[1]


def _one_answer_column(tmp_path: Path) -> tuple[int | None, int]:
    text = ASSESSMENT.replace("D-SA-A-2: half", "D-SA-A-2: hlf")
    with pytest.raises(InvalidDocument) as raised:
        _assess(tmp_path, text)
    found = _one(raised, "unknown-answer")
    line = text.splitlines()[found.line - 1]  # type: ignore[operator]
    return found.column, line.index("hlf") + 1
