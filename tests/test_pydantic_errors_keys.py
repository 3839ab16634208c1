"""A mapping key that is not text is named in a problem's document path as the file writes
it, in brackets as a whole-number key is (`levels[5]`): `judgements[true]`, `judgements[~]`,
`judgements[0o12]`. Before round 45 it was named as Python read it: `true:` was
`judgements[1]` (the second item of a list that is not there) and placed at the mapping,
`~:` was `judgements.None`, `0o12:` was `judgements[10]`; and an unknown key `true:` in a
document's top mapping said "unknown key `1`" at line 1. Text keys, quoted or not, are named
as before: `.true`, `["1.5"]`; JSON's keys are all text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core.errors import PathPart
from selfreview_core.files.positions import spelled
from selfreview_core.pydantic_errors import _unions_told_once
from test_pydantic_errors_written import _problems

_LINES = """\
kind: assessment
framework: becta-srf
school: {{id: S-1, name: X}}
assessed_on: 2026-01-01
judgements:
  1a1: 3
  {line}
"""
_REVIEW = _LINES.replace("{line}", "{key}: 3")


@pytest.mark.parametrize(
    ("written", "given"),
    [
        ("true", "`true`"),
        ("False", "`false`"),
        ("~", "nothing (null)"),
        ("null", "nothing (null)"),
        ("NULL", "nothing (null)"),
        ("0o12", "the number 0o12"),  # as read (`10`) before round 48
        ("0x1F", "the number 0x1F"),
        ("+3", "the number +3"),
        ("-3", "the number -3"),
        ("10", "the number 10"),
        ("1.5", "the number 1.5"),
        ("1e3", "the number 1e3"),
        (".inf", "the number .inf"),
        ("-.Inf", "the number -.Inf"),  # `-.inf` before round 47
        ("-1e999", "the number -1e999"),
    ],
)
def test_a_strand_key_that_is_not_text_is_named_as_written_at_its_key(
    written: str, given: str
) -> None:
    (problem,) = _problems(_REVIEW.format(key=written))
    assert problem.message == f"expected a text key (an id), got {given}"
    assert (problem.line, problem.column) == (7, 3)
    assert problem.path == f"judgements[{written}]"
    assert problem.code == "type"


@pytest.mark.parametrize("written", ["true", "~", "0o12", "1.5"])
def test_an_unknown_key_that_is_not_text_is_named_and_placed_as_written(written: str) -> None:
    """In a mapping of named keys: the key `true` is unknown as written, at its own line,
    not "unknown key `1`" at the document's first line."""
    text = _REVIEW.format(key="1a2") + f"{written}: x\n"
    (problem,) = _problems(text)
    assert problem.message == f"unknown key `{written}`"
    assert problem.hint is not None
    assert problem.hint.startswith("expected one of: `kind`, ")
    assert (problem.line, problem.column, problem.path) == (8, 1, f"[{written}]")
    assert problem.code == "unknown-key"


def test_an_unknown_key_that_is_not_text_in_a_flow_mapping_is_placed_at_it() -> None:
    (problem,) = _problems(_LINES.format(line="1a2: {level: 3, true: 4}"))
    assert problem.message == "unknown key `true`"
    assert (problem.line, problem.column, problem.path) == (7, 19, "judgements.1a2[true]")


@pytest.mark.parametrize("written", ["true", "0o12", "~"])
def test_a_problem_under_a_key_that_is_not_text_names_the_key_as_written(written: str) -> None:
    text = _LINES.format(line=f"{written}:\n    level: x")
    problems = _problems(text)
    assert [(p.line, p.column, p.path) for p in problems] == [
        (7, 3, f"judgements[{written}]"),
        (8, 12, f"judgements[{written}].level"),
    ]
    assert problems[1].message == "expected a whole number, got the text `x`"


def test_keys_not_text_of_a_frameworks_levels_are_named_as_written() -> None:
    """A whole-number key is named `levels[1]`, as ever; one of another type as written."""
    text = """\
kind: framework
id: f
version: '1'
title: F
scale: {best: 1, worst: 2}
elements:
  - id: E
    title: E
    aspects:
      - id: A
        title: A
        strands:
          - id: S
            title: S
            levels: {1: a, 2: b, 2.5: c, ~: d}
"""
    problems = _problems(text)
    where = "elements[0].aspects[0].strands[0].levels"
    assert [(p.line, p.column, p.path, p.message) for p in problems] == [
        (15, 34, f"{where}[2.5]", "expected a whole-number key, got the number 2.5"),
        (15, 42, f"{where}[~]", "expected a whole-number key, got nothing (null)"),
    ]


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ('"true"', "judgements.true"),
        ("'1.5'", 'judgements["1.5"]'),
        ('"10"', "judgements.10"),
        ("! 0o12", "judgements.0o12"),
        ('"~"', 'judgements["~"]'),
    ],
)
def test_a_text_key_that_looks_like_a_number_is_named_as_text(key: str, path: str) -> None:
    (problem,) = _problems(_LINES.format(line=f"{key}: x"))
    assert problem.message == "expected a level or a mapping with `level`, got the text `x`"
    assert (problem.line, problem.column, problem.path) == (7, len(key) + 5, path)


@pytest.mark.parametrize(
    ("key", "path"),
    [("true", "judgements.true"), ("1.5", 'judgements["1.5"]'), ("~", 'judgements["~"]')],
)
def test_json_keys_are_text_and_named_as_before(key: str, path: str) -> None:
    text = (
        '{"kind": "assessment", "framework": "becta-srf",\n'
        ' "school": {"id": "S-1", "name": "X"}, "assessed_on": "2026-01-01",\n'
        f' "judgements": {{"1a1": 3,\n  "{key}": "x"}}}}'
    )
    (problem,) = _problems(text, "doc.json")
    assert problem.message == "expected a level or a mapping with `level`, got the text `x`"
    assert (problem.line, problem.column, problem.path) == (4, len(key) + 7, path)


_SPELLINGS = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.integers(0, 10**6).map(lambda n: f"0o{n:o}"),
    st.integers(0, 10**6).map(lambda n: f"0x{n:X}"),
    st.integers(0, 10**6).map(lambda n: f"+{n}"),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["true", "True", "FALSE", "~", "null", "Null", ".inf", "-.INF", "+.inf"]),
)


@given(written=_SPELLINGS, indent=st.integers(1, 4))
def test_any_key_that_is_not_text_is_named_as_written_at_its_place(
    written: str, indent: int
) -> None:
    text = _REVIEW.format(key=written).replace("\n  ", "\n" + " " * indent)
    problems = [p for p in _problems(text) if p.path != "judgements.1a1"]
    assert [(p.line, p.column, p.path) for p in problems] == [
        (7, indent + 1, f"judgements[{written}]")
    ]


def test_a_value_no_member_takes_under_a_key_that_is_not_text_is_told_once_at_it() -> None:
    """A level or a mapping with `level`: the value's one error is told at the value, its
    path through the key as written, beside the key's own."""
    problems = _problems(_LINES.format(line="true: x"))
    assert [(p.line, p.column, p.path, p.message) for p in problems] == [
        (7, 3, "judgements[true]", "expected a text key (an id), got `true`"),
        (
            7,
            9,
            "judgements[true]",
            "expected a level or a mapping with `level`, got the text `x`",
        ),
    ]


def test_a_union_refused_under_a_key_that_is_not_text_is_told_once() -> None:
    """No model has a mapping of unions below such a key yet; when one has, its members'
    refusals there are merged as anywhere else (the path, key and all, is compared)."""
    at: tuple[PathPart, ...] = ("when", spelled(True, "true"))
    told: list[tuple[tuple[PathPart, ...], bool, str, str, str | None, bool]] = [
        (at, True, "expected a whole number, got the text `x`", "type", None, False),
        (at, True, "expected a list, got the text `x`", "type", None, False),
    ]
    assert _unions_told_once(told) == [
        (at, "expected a whole number or a list, got the text `x`", "type", None, False)
    ]
