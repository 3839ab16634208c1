"""What a question framework's checks and the framework's own words promise that round 41's
mutation pass of model/questions.py found no test pinning: questions out of order are
refused, in either scale direction; an answer set that is not a list, or answers without
ids, are each reported once at their place (never an internal error, never a duplicate of
nothing); and `Terms.title` capitalises the first letter alone. Round 60's sweep: an answer
set named by a number, answers whose ids are numbers or empty, and questions whose ids are
numbers are each refused once at their place, and taken for nothing else; the framework's
JSON Schema refuses an answer's value just past 1, as the loader does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from program import selfreview_here
from selfreview_core.model.findings import Finding
from selfreview_core.model.questions import Terms, question_findings
from selfreview_core.schema import json_schema


def _framework(
    questions: list[dict[str, Any]], answer_sets: Any, *, best: int, worst: int
) -> dict[str, Any]:
    step = 1 if best > worst else -1
    levels = {level: f"d{level}" for level in range(worst, best + step, step)}
    strand = {"id": "s", "title": "S", "levels": levels, "questions": questions}
    return {
        "kind": "framework",
        "scale": {"best": best, "worst": worst},
        "answer_sets": answer_sets,
        "elements": [{"id": "e", "aspects": [{"id": "a", "strands": [strand]}]}],
    }


YES_NO = {"yn": [{"id": "y", "text": "Yes", "value": 1}, {"id": "n", "text": "No", "value": 0}]}


def _codes(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in findings]


@pytest.mark.parametrize(("best", "worst"), [(3, 0), (0, 3)], ids=["best-3", "best-0"])
def test_questions_out_of_order_are_refused_in_either_direction(best: int, worst: int) -> None:
    step = 1 if best > worst else -1
    upwards = list(range(worst + step, best + step, step))
    shuffled = [upwards[1], upwards[0], upwards[2]]
    questions = [
        {"id": f"q{i}", "level": level, "answers": "yn"} for i, level in enumerate(shuffled)
    ]
    findings = question_findings(_framework(questions, YES_NO, best=best, worst=worst))
    order = ", ".join(map(str, upwards))
    assert _codes(findings) == [
        (
            "questions-out-of-order",
            "questions out of order: they run from the level above the worst up to the best "
            f"({order})",
        )
    ]
    assert findings[0].path == ("elements", 0, "aspects", 0, "strands", 0, "questions")
    in_order = [{"id": f"q{i}", "level": level, "answers": "yn"} for i, level in enumerate(upwards)]
    assert question_findings(_framework(in_order, YES_NO, best=best, worst=worst)) == []


def test_answers_without_ids_are_not_taken_for_a_duplicate() -> None:
    """Each missing `id` is field validation's to report; two are not one id used twice."""
    sets = {"yn": [{"text": "Yes", "value": 1}, {"text": "No", "value": 0}]}
    questions = [{"id": "q1", "level": 1, "answers": "yn"}]
    assert question_findings(_framework(questions, sets, best=1, worst=0)) == []


@pytest.mark.parametrize("answers", [5, None, "yes", {"y": 1}], ids=repr)
def test_an_answer_set_that_is_not_a_list_is_left_to_field_validation(answers: Any) -> None:
    sets = {"yn": answers, "ok": YES_NO["yn"]}
    questions = [{"id": "q1", "level": 1, "answers": "ok"}]
    assert question_findings(_framework(questions, sets, best=1, worst=0)) == []


@pytest.mark.parametrize("answers", [5, "yes", None, {"id": "y"}], ids=repr)
def test_a_question_naming_a_set_that_is_not_a_list_is_not_also_told_it_is_missing(
    answers: Any,
) -> None:
    """The malformed set is refused at its own place (field validation); the questions
    naming it were each told "no answer set `yn`" as well, though it is declared."""
    questions = [{"id": "q1", "level": 1, "answers": "yn"}]
    assert question_findings(_framework(questions, {"yn": answers}, best=1, worst=0)) == []
    [missing] = question_findings(_framework(questions, {"other": answers}, best=1, worst=0))
    assert missing.message == "no answer set `yn` in the framework's `answer_sets`"


FRAMEWORK = """\
kind: framework
id: t
version: "1"
title: T
scale: {best: 0, worst: 1}
answer_sets:
  yn: 5
  ok:
    - {text: Yes, value: 1}
    - {text: No, value: 0}
elements:
  - id: e
    title: E
    aspects:
      - id: a
        title: A
        strands:
          - id: s
            title: S
            levels: {0: a, 1: b}
            questions:
              - {id: q0, level: 0, text: One?, answers: ok}
"""


def test_validate_locates_a_malformed_answer_set_and_each_answer_without_an_id(
    tmp_path: Path,
) -> None:
    (tmp_path / "f.yaml").write_text(FRAMEWORK, encoding="utf-8")
    done = selfreview_here(["validate", "--strict", "f.yaml"], cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "internal error" not in err
    assert done.stdout.decode().splitlines() == [
        "f.yaml:7:7: error: answer_sets.yn: expected a list, got the number 5",
        "f.yaml:9:7: error: answer_sets.ok[0]: missing required key `id`",
        "f.yaml:10:7: error: answer_sets.ok[1]: missing required key `id`",
    ]


@pytest.mark.parametrize(
    ("word", "titled"),
    [("school", "School"), ("organisation", "Organisation"), ("x", "X"), ("", ""), ("éa", "Éa")],
)
def test_a_terms_title_capitalises_the_first_letter_and_keeps_the_rest(
    word: str, titled: str
) -> None:
    assert Terms().title(word) == titled
    assert Terms(subject="setting").title("setting") == "Setting"


@pytest.mark.parametrize(
    ("word", "with_article"),
    [
        ("school", "a school"),
        ("organisation", "an organisation"),
        ("Academy", "an Academy"),
        ("setting", "a setting"),
        ("Element", "an Element"),
        ("pupil", "a pupil"),
    ],
)
def test_the_article_follows_the_first_letter_of_the_word(word: str, with_article: str) -> None:
    assert Terms().a(word) == with_article


def test_two_questions_on_one_level_are_reported_once_not_also_as_out_of_order() -> None:
    questions = [
        {"id": "q1", "level": 1, "answers": "yn"},
        {"id": "q1b", "level": 1, "answers": "yn"},
        {"id": "q2", "level": 2, "answers": "yn"},
        {"id": "q3", "level": 3, "answers": "yn"},
    ]
    findings = question_findings(_framework(questions, YES_NO, best=3, worst=0))
    assert _codes(findings) == [("duplicate-question-level", "two questions on level 1")]
    assert findings[0].path == ("elements", 0, "aspects", 0, "strands", 0, "questions", 1, "level")
    assert findings[0].related == (
        "elements",
        0,
        "aspects",
        0,
        "strands",
        0,
        "questions",
        0,
        "level",
    )


#: `FRAMEWORK` with one answer set, named by a number, of two answers sharing an id, and its
#: question (line 21) naming a set it lacks.
NUMBER_NAMED_SET = FRAMEWORK.replace(
    "  yn: 5\n  ok:\n    - {text: Yes, value: 1}\n    - {text: No, value: 0}\n",
    "  7:\n    - {id: y, text: Yes, value: 1}\n    - {id: y, text: No, value: 0}\n",
).replace(
    "{id: q0, level: 0, text: One?, answers: ok}", "{id: q1, level: 0, text: One?, answers: yn}"
)


def test_an_answer_set_named_by_a_number_is_refused_at_its_key_and_declares_nothing(
    tmp_path: Path,
) -> None:
    """`7:` is refused as a key that is not text; its answers are not checked for a
    duplicate id, and a question naming another set is told to declare it, as if the
    framework had no answer set (which it has not): never an internal error."""
    (tmp_path / "f.yaml").write_text(NUMBER_NAMED_SET, encoding="utf-8")
    done = selfreview_here(["validate", "--strict", "f.yaml"], cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "internal error" not in err
    assert done.stdout.decode().splitlines() == [
        "f.yaml:7:3: error: answer_sets[7]: expected a text key (an id), got the number 7 "
        '(write it in quotes: "7")',
        "f.yaml:21:57: error: elements[0].aspects[0].strands[0].questions[0].answers: no answer "
        "set `yn` in the framework's `answer_sets` (declare it under `answer_sets`)",
    ]


def test_questions_whose_ids_are_the_same_number_are_each_refused_once_not_as_a_duplicate(
    tmp_path: Path,
) -> None:
    """`id: 5` on two questions: each is told its id must be text (in quotes), at its own
    place; they are not also one id used twice, which only text ids can be."""
    text = (
        NUMBER_NAMED_SET.replace("  7:", '  "7":')
        .replace("{id: y, text: No", "{id: n, text: No")
        .replace(
            "{id: q1, level: 0, text: One?, answers: yn}",
            '{id: 5, level: 0, text: One?, answers: "7"}',
        )
    ) + (
        "          - id: s2\n"
        "            title: S2\n"
        "            levels: {0: a, 1: b}\n"
        "            questions:\n"
        '              - {id: 5, level: 0, text: Two?, answers: "7"}\n'
    )
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    done = selfreview_here(["validate", "--strict", "f.yaml"], cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "internal error" not in err
    assert done.stdout.decode().splitlines() == [
        f"f.yaml:{line}:22: error: elements[0].aspects[0].strands[{strand}].questions[0].id: "
        'expected text, got the number 5 (write it in quotes: "5")'
        for line, strand in ((21, 0), (26, 1))
    ]


def test_answers_whose_ids_are_the_same_number_or_empty_are_each_refused_once(
    tmp_path: Path,
) -> None:
    """Two answers `id: 3` and two `id: ""` in one set: each is told at its own place that
    its id must be text, or must not be empty; none is also a duplicate answer id."""
    answers = (
        "    - {id: 3, text: Yes, value: 1}\n"
        "    - {id: 3, text: No, value: 0}\n"
        '    - {id: "", text: Maybe, value: 0.5}\n'
        '    - {id: "", text: Perhaps, value: 0.5}\n'
    )
    text = NUMBER_NAMED_SET.replace("  7:\n", "  yn:\n").replace(
        "    - {id: y, text: Yes, value: 1}\n    - {id: y, text: No, value: 0}\n", answers
    )
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    done = selfreview_here(["validate", "--strict", "f.yaml"], cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "internal error" not in err
    number = 'expected text, got the number 3 (write it in quotes: "3")'
    assert done.stdout.decode().splitlines() == [
        f"f.yaml:{8 + i}:12: error: answer_sets.yn[{i}].id: {told}"
        for i, told in enumerate([number, number, "must not be empty", "must not be empty"])
    ]


@pytest.mark.parametrize("value", [1.25, 2, -0.25])
def test_the_schema_refuses_an_answers_value_just_past_either_end(value: float) -> None:
    """An editor checking a framework against its JSON Schema refuses `value: 1.25`, as
    `validate` does: the schema's bounds are the model's 0 and 1, not merely below 5."""
    defs = json_schema("framework")["$defs"]
    validator = jsonschema.Draft202012Validator({"$defs": defs, "$ref": "#/$defs/Answer"})
    assert not validator.is_valid({"id": "a", "text": "A", "value": value})
    assert validator.is_valid({"id": "a", "text": "A", "value": 1})
