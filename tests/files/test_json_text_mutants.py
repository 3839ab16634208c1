"""Behaviours of `files.json_text` that a mutation pass (round 33) found no test pinned:
which texts `quick_text` takes (so that their documents take the quick path), where a
number too long is found beside one exactly as long as Python reads, and where a document
that is one lone surrogate is located. Round 38's whole pass added: bytes exactly at the
byte limit, and exactly as many brackets as the depth limit, are taken too; a text given as
a string holding a lone surrogate is not; and a caller whose decoder nests no deeper than the
depth limit has no brackets counted."""

from __future__ import annotations

import sys

import pytest

from selfreview_core.files.json_text import parse_json, quick_text
from selfreview_core.files.limits import Limits

DOCUMENT = '{"kind": "assessment", "a": [1, {"b": "c"}]}'


@pytest.mark.parametrize(
    "text",
    [
        DOCUMENT,
        '{"name": "École Sainte-Marie, Tōkyō 🙂"}',  # text that is not ASCII
        '{"evidence": "line one\\nline two, \\"quoted\\", \\u00e9"}',  # escapes, no surrogate
    ],
)
def test_valid_text_is_taken_as_it_is(text: str) -> None:
    assert quick_text(text) is text
    assert quick_text(text.encode("utf-8")) == text


def test_text_exactly_as_long_as_the_limit_is_taken_one_longer_is_not() -> None:
    limits = Limits(max_bytes=len(DOCUMENT), max_expanded_chars=len(DOCUMENT))
    assert quick_text(DOCUMENT, limits) is DOCUMENT
    over = Limits(max_bytes=len(DOCUMENT), max_expanded_chars=len(DOCUMENT) - 1)
    assert quick_text(DOCUMENT, over) is None


def test_a_number_exactly_as_long_as_python_reads_is_passed_for_the_longer_one() -> None:
    longest = sys.get_int_max_str_digits()
    text = f'{{"a": {"9" * longest},\n "b": {"9" * (longest + 1)}}}'
    tree, problems = parse_json(text, "t.json")
    assert tree.data is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 7, "number")]


def test_a_document_that_is_a_lone_surrogate_is_refused_where_it_starts() -> None:
    tree, problems = parse_json('\n  "\\udc80"', "t.json")
    assert tree.data is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 3, "encoding")]


def test_text_over_the_byte_limit_is_left_to_the_located_reader() -> None:
    """Over `max_bytes` (as text or bytes) a document is not taken, however far within
    the limit of its text it is."""
    limits = Limits(max_bytes=len(DOCUMENT) - 1, max_expanded_chars=10 * len(DOCUMENT))
    assert quick_text(DOCUMENT, limits) is None
    assert quick_text(DOCUMENT.encode("utf-8"), limits) is None


def test_too_deep_past_the_recursion_limit_is_located_after_closed_brackets() -> None:
    """Brackets opened and closed before it do not count towards the depth of the first
    bracket nested too deep."""
    run = 5 * sys.getrecursionlimit()
    text = "[" + "[], " * 3 + "[" * run + "]" * run + "]"
    tree, problems = parse_json(text, "t.json", Limits(max_depth=64))
    assert tree.data is None
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 77, "too-deep")]


def test_bytes_and_brackets_exactly_at_their_limits_are_taken() -> None:
    """`quick_text` leaves a document to the located reader only past a limit, never at it:
    as bytes (the size a file or a line is read at) and as text."""
    raw = DOCUMENT.encode("utf-8")
    brackets = DOCUMENT.count("{") + DOCUMENT.count("[")
    for limits in (Limits(max_bytes=len(raw)), Limits(max_depth=brackets)):
        assert quick_text(raw, limits) == DOCUMENT
        assert quick_text(DOCUMENT, limits) is DOCUMENT
    assert quick_text(raw, Limits(max_bytes=len(raw) - 1)) is None
    assert quick_text(raw, Limits(max_depth=brackets - 1)) is None


def test_a_string_holding_a_lone_surrogate_is_left_to_the_located_reader() -> None:
    """Not escaped: the text itself holds half a pair (a caller's string, never a file's
    bytes), beside other text that is not ASCII or that is."""
    for text in ('{"a": "\ud800 é"}', '{"a": "\ud800"}'):
        assert quick_text(text) is None


def test_a_decoder_nesting_no_deeper_than_the_limit_has_no_brackets_counted() -> None:
    """`nesting` at the depth limit: brackets past the limit are the decoder's to refuse."""
    text = '{"a": ' + "[" * 6 + "]" * 6 + "}"
    assert quick_text(text, Limits(max_depth=4)) is None
    assert quick_text(text, Limits(max_depth=4), nesting=4) is text
    assert quick_text(text, Limits(max_depth=4), nesting=5) is None
