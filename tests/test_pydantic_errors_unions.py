"""A value every member of a union refuses is told once, at its place in the file, in the
file's words: `level: "5"` in a rule's condition was two errors whose paths held pydantic's
names of the union's members (`when.level.int`, `when.level["tuple[int, ...]"]`); round 44
(found by the plain-modules helper)."""

from __future__ import annotations

import pytest

from selfreview_core import InvalidDocument, load
from selfreview_core.errors import Diagnostic

_RULES = """\
kind: rules
id: union-rules
framework: becta-srf
rules:
  - id: r1
    when: {{strand: 1a1, {test}}}
    recommend: {{title: Start, action: Do it.}}
"""


def _problems(test: str) -> list[Diagnostic]:
    with pytest.raises(InvalidDocument) as raised:
        load("rules.yaml", text=_RULES.format(test=test))
    return list(raised.value.diagnostics)


@pytest.mark.parametrize(
    ("value", "given"),
    [
        ('"5"', "the text `5`"),
        ("5.0", "the number 5.0"),
        (".inf", "the number .inf"),
        ("{a: 1}", "a mapping"),
    ],
)
def test_a_level_neither_a_number_nor_a_list_is_one_error_at_the_value(
    value: str, given: str
) -> None:
    [found] = _problems(f"level: {value}")
    assert (found.line, found.column, found.path) == (6, 32, "rules[0].when.level")
    assert found.message == f"expected a whole number or a list, got {given}"


def test_a_list_of_levels_with_a_word_in_it_is_told_at_the_word() -> None:
    """The list member looked inside: the whole-number member's "got a list" is not told."""
    [found] = _problems("level: [3, a]")
    assert (found.line, found.column, found.path) == (6, 36, "rules[0].when.level[1]")
    assert found.message == "expected a whole number, got the text `a`"


@pytest.mark.parametrize(("value", "given"), [("x", "the text `x`"), ("[1]", "a list")])
def test_a_score_that_is_no_number_is_one_error(value: str, given: str) -> None:
    """`int | float`: "a number", not "a whole number or a number", nor pydantic's own
    "Input should be a valid number"."""
    [found] = _problems(f"score_below: {value}")
    assert found.path == "rules[0].when.score_below"
    assert found.message == f"expected a number, got {given}"


def test_a_key_that_is_no_text_is_still_named_and_located() -> None:
    """`1.5:` in a mapping is a key of the file, which pydantic names `"1.5"`: kept in the
    path as the file writes it (a number, not the text `"1.5"`), at its key, not taken for
    a union's member."""
    problems = _problems("level: 3, 1.5: x")
    [found] = [p for p in problems if "1.5" in p.message]
    assert found.path == "rules[0].when[1.5]"
    assert (found.line, found.column) == (6, 35)


def test_each_refusal_is_told_at_its_own_place_among_several() -> None:
    """An earlier error that also ends "got a mapping" keeps its own words; a value that is
    a mapping with a key that is no text is still a value the members refused; a score's
    error is at its value."""
    text = """\
kind: rules
id: union-rules
framework: becta-srf
rules:
  - id: {a: 1}
    when: {strand: 1a1, level: 3}
    recommend: {title: Start, action: Do it.}
  - id: r2
    when: {strand: 1a1, level: {a: 1}}
    recommend: {title: Start, action: Do it.}
  - id: r3
    when: {strand: 1a1, level: {1.5: x}}
    recommend: {title: Start, action: Do it.}
  - id: r4
    when: {strand: 1a1, score_below: x}
    recommend: {title: Start, action: Do it.}
"""
    with pytest.raises(InvalidDocument) as raised:
        load("rules.yaml", text=text)
    assert [(d.line, d.column, d.path, d.message) for d in raised.value.diagnostics] == [
        (5, 9, "rules[0].id", "expected text, got a mapping"),
        (9, 32, "rules[1].when.level", "expected a whole number or a list, got a mapping"),
        (12, 32, "rules[2].when.level", "expected a whole number or a list, got a mapping"),
        (15, 38, "rules[3].when.score_below", "expected a number, got the text `x`"),
    ]


def test_a_key_named_like_pydantics_marker_is_named_and_located() -> None:
    """`"[key]": 1`, an unknown key of that very name, is named at its place; pydantic's
    own marker of a key (in the same spelling) is dropped from a path, this key is not."""
    text = (
        'kind: assessment\nframework: becta-srf@2010\nschool: {id: "1", name: S}\n'
        'assessed_on: 2026-01-01\njudgements: {1a1: 3}\n"[key]": 1\n'
    )
    with pytest.raises(InvalidDocument) as raised:
        load("review.yaml", text=text)
    [found] = raised.value.diagnostics
    assert (found.line, found.column, found.path) == (6, 1, '["[key]"]')
    assert found.message == "unknown key `[key]`"


def test_a_key_named_like_a_conditions_tag_is_named_and_located() -> None:
    """`"<test>": 1` in a condition: pydantic names its condition union's members with tags
    spelt so; a key of the file spelt so is named at its place, not dropped."""
    [found] = _problems('level: 3, "<test>": 1')
    assert (found.line, found.column, found.path) == (6, 35, 'rules[0].when["<test>"]')
    assert found.message == "unknown key `<test>`"
