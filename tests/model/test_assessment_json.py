"""An assessment's JSON taken from the line it was read from (`assessment_json`) is always
exactly what pydantic writes for it, whatever the line looked like, and is taken for the
lines pydantic itself writes; a report rendered from such a line is byte for byte the one
rendered from the model."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from scaled import scaled
from selfreview_core import Assessment, Engine, Framework
from selfreview_core.cli import cli
from selfreview_core.escaping import shown_json
from selfreview_core.model import assessment_json
from selfreview_core.model.assessment import Judgement, School
from selfreview_core.model.assessment_json import canonical_pattern, read_from, written_json
from selfreview_core.report import report_json, report_line_bytes
from selfreview_core.testing import dates, frameworks, hostile_texts, ids, judgements, texts
from selfreview_core.testing.question_strategies import question_framework_and_assessment

#: Evidence, names and the assessor as anything: non-ASCII, DEL, C0 and C1 controls,
#: quotes and backslashes, bidirectional overrides.
_ANY_TEXT = st.one_of(
    ids(),  # plain: nothing escaped, as most lines are
    st.text(
        st.characters(min_codepoint=0x20, exclude_characters='"\\', exclude_categories=["Cs"])
    ).filter(str.strip),
    texts(),
    hostile_texts(),
    st.sampled_from(['say "x"', "a\\b", "é\x7f", "a\u2028b"]),
)


@st.composite
def _framework_and_assessment(draw: st.DrawFn) -> tuple[Framework, Assessment]:
    """Frameworks of both scale directions, assessments with any text in them; some by
    questions (their judgements write `answers`, which the shortcut leaves to pydantic)."""
    if draw(st.integers(0, 3)) == 0:
        framework, assessment = draw(question_framework_and_assessment())
        return framework, assessment
    framework = draw(frameworks())
    chosen = draw(judgements(framework))
    texts_ = st.none() | _ANY_TEXT
    made = {
        strand: Judgement(
            level=judgement.level, evidence=draw(texts_), judged_on=draw(st.none() | dates())
        )
        for strand, judgement in chosen.items()
    }
    school = School(id=draw(ids()), name=draw(_ANY_TEXT), authority=draw(texts_))
    assessment = Assessment(
        framework=draw(st.sampled_from((framework.id, framework.ref))),
        school=school,
        assessed_on=draw(dates()),
        assessor=draw(texts_),
        judgements=made,
    )
    return framework, assessment


def _reordered(data: dict[str, Any]) -> dict[str, Any]:
    return dict(reversed(data.items()))


#: Ways a line may write the same assessment: pydantic's own bytes and `json.dumps` without
#: spaces (the shortcut's lines), and others it must refuse or get right.
_WRITINGS: dict[str, Callable[[Assessment, dict[str, Any]], str]] = {
    "pydantic": lambda a, data: a.model_dump_json(by_alias=True),
    "compact": lambda a, data: json.dumps(data, ensure_ascii=False, separators=(",", ":")),
    "spaced": lambda a, data: json.dumps(data, ensure_ascii=False),
    "ascii": lambda a, data: json.dumps(data, separators=(",", ":")),
    "reordered": lambda a, data: json.dumps(_reordered(data), separators=(",", ":")),
    "judgement reordered": lambda a, data: json.dumps(
        {**data, "judgements": {k: _reordered(v) for k, v in data["judgements"].items()}},
        ensure_ascii=False,
        separators=(",", ":"),
    ),
    "nulls given": lambda a, data: json.dumps(
        {
            **data,
            "judgements": {
                k: {**v, "answers": v.get("answers"), "applicable": v.get("applicable")}
                for k, v in data["judgements"].items()
            },
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ),
    "defaults left out": lambda a, data: json.dumps(
        {k: v for k, v in data.items() if v is not None},
        ensure_ascii=False,
        separators=(",", ":"),
    ),
    "minus zero": lambda a, data: re.sub(
        r'"level":-?[0-9]+', '"level":-0', a.model_dump_json(by_alias=True)
    ),
    "float level": lambda a, data: re.sub(
        r'("level":-?[0-9]+)', r"\1.0", a.model_dump_json(by_alias=True)
    ),
    "dates with a time": lambda a, data: re.sub(
        r'("[0-9]{4}-[0-9]{2}-[0-9]{2})"', r'\1T00:00:00Z"', a.model_dump_json(by_alias=True)
    ),
    "trailing newline": lambda a, data: a.model_dump_json(by_alias=True) + "\r\n",
    "leading space": lambda a, data: " " + a.model_dump_json(by_alias=True),
}


@settings(max_examples=scaled(40), suppress_health_check=[HealthCheck.too_slow])
@given(_framework_and_assessment())
def test_the_line_is_taken_only_when_it_is_what_pydantic_writes(
    pair: tuple[Framework, Assessment],
) -> None:
    """Every way of writing the line, each tried on the one assessment drawn: drawing it is
    nearly all the test's time (a framework, its judgements, their texts), so each writing is
    tried on 40 assessments, where one writing drawn an example was tried on some 14 of 150."""
    _, assessment = pair
    data = assessment.model_dump(mode="json", by_alias=True)
    for writing, write in _WRITINGS.items():
        _the_line_is_taken_only_as_pydantic_writes_it(write(assessment, data), writing)


def _the_line_is_taken_only_as_pydantic_writes_it(text: str, writing: str) -> None:
    try:
        read = Assessment.model_validate_json(text)
    except ValidationError:
        return
    read_from(read, text)
    found = written_json(read)
    if found is not None:
        assert found == read.model_dump_json(by_alias=True), writing
    taken = writing in ("pydantic", "compact", "trailing newline")
    # `answers` and `applicable` are written only when given: left to pydantic
    given = any(j.answers is not None or j.applicable is not None for j in read.judgements.values())
    if taken and not given and "\\" not in text:  # a string escaped: left to pydantic
        assert found is not None, writing


def test_only_the_last_assessment_read_is_taken_from_its_line() -> None:
    text = (
        '{"kind":"assessment","framework":"f","school":{"id":"1","name":"S","authority":null},'
        '"respondent":null,"assessed_on":"2025-01-02","assessor":null,'
        '"judgements":{"1a1":{"level":2,"evidence":null,"judged_on":null}},"review":null}'
    )
    first = Assessment.model_validate_json(text)
    second = Assessment.model_validate_json(text)
    read_from(first, text)
    assert written_json(first) == text
    assert written_json(second) is None  # equal, but not the one read from it
    read_from(second, text)
    assert written_json(first) is None
    assert written_json(second) == text


def test_a_field_it_does_not_know_turns_the_shortcut_off(monkeypatch: Any) -> None:
    assert canonical_pattern() is not None
    monkeypatch.setattr(assessment_json, "_SCHOOL", {"id": "x", "name": "y"})
    assert canonical_pattern() is None


_ENGINE = Engine(entry_points=False)


@settings(max_examples=scaled(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_report_from_a_line_renders_as_from_its_model(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    engine = _ENGINE
    framework = engine.framework("becta-srf")
    made = {
        strand: Judgement(
            level=data.draw(st.sampled_from(framework.scale.levels)),
            evidence=data.draw(st.none() | _ANY_TEXT),
        )
        for strand in framework.strand_ids[:6]
    }
    assessment = Assessment(
        framework=framework.ref,
        school=School(id="1", name=data.draw(_ANY_TEXT)),
        assessed_on="2025-01-02",
        judgements=made,
    )
    line = assessment.model_dump_json(by_alias=True).encode() + b"\n"
    path = tmp_path_factory.mktemp("lines") / "cohort.jsonl"
    read = engine.load_assessment(path, text=line)
    assert (written_json(read) is None) == (b"\\" in line)  # an escape: left to pydantic
    report = engine.report(read)
    expected = shown_json(report_json(report, indent=None)).encode() + b"\n"
    assert report_line_bytes(report, b"\n") == expected


@settings(max_examples=scaled(200))
@given(st.integers(min_value=-(10**30), max_value=10**30), dates())
def test_a_level_and_a_date_match_as_pydantic_writes_them(number: int, day: Any) -> None:
    integer = re.compile(assessment_json._INTEGER)
    date = re.compile(assessment_json._DATE)
    assert integer.fullmatch(pydantic_core.to_json(number).decode())
    assert date.fullmatch(pydantic_core.to_json(day).decode())


@pytest.mark.parametrize("written", ["-0", "-01", "+1", "1.0", "1e2", "-", "", " 1", "1 "])
def test_a_level_written_otherwise_does_not_match(written: str) -> None:
    assert re.compile(assessment_json._INTEGER).fullmatch(written) is None


@pytest.mark.parametrize("written", ["03", "00", "003"])
def test_a_level_with_a_leading_zero_is_refused_before_the_pattern(
    tmp_path: Path, written: str
) -> None:
    """`_INTEGER` reads digits alone as a level written as pydantic writes it (round 80):
    JSON has no leading zero, so the decoder refuses such a line before the pattern is
    asked, and `report` says where; the lines around it are reported."""
    framework = _ENGINE.framework("becta-srf")
    assessment = Assessment(
        framework=framework.ref,
        school=School(id="1", name="S"),
        assessed_on="2025-01-02",
        judgements={framework.strand_ids[0]: Judgement(level=3)},
    )
    line = assessment.model_dump_json(by_alias=True)
    bad = line.replace('"level":3', f'"level":{written}')
    file = tmp_path / "cohort.jsonl"
    file.write_text(f"{line}\n{bad}\n{line}\n", "utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["report", str(file), "--format", "json", "-o", str(out)])
    assert result.exit_code == 1
    column = bad.index(f'"level":{written}') + len('"level":0') + 1
    assert f"{file}:2:{column}: error: invalid JSON: Expecting ',' delimiter" in result.output
    assert "2 reports written" in result.output
    assert len(out.read_bytes().splitlines()) == 2


@pytest.mark.parametrize(
    "written", ['"2025-1-02"', '"2025-01-2"', '"225-01-02"', '"2025-01-02T00:00"', "2025-01-02"]
)
def test_a_date_written_otherwise_does_not_match(written: str) -> None:
    assert re.compile(assessment_json._DATE).fullmatch(written) is None
