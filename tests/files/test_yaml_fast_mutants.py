"""Behaviours of `files.yaml_fast` that a mutation pass (round 38) found no test pinned:
valid YAML of plain values is composed the quick way and gives what the event reader
gives; a text too long for libyaml's nodes is left to the event reader; and a block of
text indented deeper than the depth limit, in a document with few indicators, is known
not to nest deep (the bound on indicators alone says so); nodes and depth are counted
as the event reader counts them, so a document exactly at a limit is composed the quick way;
and the bounds by indentation and by the longest line say exactly what they count."""

from __future__ import annotations

import pytest

from selfreview_core.files.limits import DEFAULT_LIMITS, Limits
from selfreview_core.files.yaml_events import parse_events
from selfreview_core.files.yaml_fast import MAX_CHARS, UNSURE, compose_data, may_nest_deeper


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n",
        "kind: assessment\nschool: {id: '1', name: S}\njudgements:\n  A1.1: {level: 2}\n",
        "- x\n- 'y'\n- [1, 2.5, true, null]\n- {\"q\": no}\n",
        "plain text\n",
        "1: a\n2.5: b\nfalse: c\n",  # keys that are not text
    ],
)
def test_valid_yaml_of_plain_values_is_composed_the_quick_way_as_the_event_reader_reads_it(
    text: str,
) -> None:
    data = compose_data(text, DEFAULT_LIMITS)
    assert data is not UNSURE
    tree, problems = parse_events(text, "t.yaml")
    assert problems == []
    assert data == tree.data


def test_a_text_longer_than_libyaml_is_given_is_left_to_the_event_reader() -> None:
    """Past `MAX_CHARS` libyaml's nodes would hold hundreds of bytes a character."""
    assert compose_data("a: " + "x" * MAX_CHARS, DEFAULT_LIMITS) is UNSURE
    assert compose_data("a: " + "x" * (MAX_CHARS - 3), DEFAULT_LIMITS) == {
        "a": "x" * (MAX_CHARS - 3)
    }


def test_deeply_indented_text_with_few_indicators_is_known_not_to_nest_deep() -> None:
    """A block of text indented far (evidence pasted in) is one mapping deep: the count of
    indicators (one `:`) bounds it, however long or indented its lines, exactly at the
    depth it allows."""
    text = "a: |\n" + " " * 20 + "x\n"
    assert may_nest_deeper(text, 2) is False
    assert may_nest_deeper(text, 1) is True


def test_nodes_are_counted_as_the_event_reader_counts_them() -> None:
    """Nine nodes (the root, two keys, a list of two, a mapping of one pair): at a limit of
    nine both readers take the document; at eight the quick reader leaves it to the event
    reader, which refuses it."""
    text = "a: [1, 2]\nb: {c: d}\n"
    assert compose_data(text, Limits(max_nodes=9)) == {"a": [1, 2], "b": {"c": "d"}}
    assert parse_events(text, "t.yaml", Limits(max_nodes=9))[1] == []
    assert compose_data(text, Limits(max_nodes=8)) is UNSURE
    assert [p.code for p in parse_events(text, "t.yaml", Limits(max_nodes=8))[1]] == ["too-large"]


def test_a_document_exactly_at_the_depth_limit_is_composed_the_quick_way() -> None:
    text = "a: {b: [1]}\n"
    assert compose_data(text, Limits(max_depth=3)) == {"a": {"b": [1]}}
    assert parse_events(text, "t.yaml", Limits(max_depth=3))[1] == []
    assert compose_data(text, Limits(max_depth=2)) is UNSURE


def test_the_bound_by_indentation_counts_two_levels_a_column_and_a_lines_indicators() -> None:
    """Many keys (too many indicators for that bound), short lines but not short enough for
    the bound by the longest line: the deepest line, `  b: [x]`, is inside at most two
    levels for each of its three columns of indentation, and opens at most one with its
    colon and two with its bracket: ten, with the root."""
    text = "a:\n  b: [x]\n" + "".join(f"k{i}: {i}\n" for i in range(12))
    assert may_nest_deeper(text, 10) is False
    assert may_nest_deeper(text, 9) is True


def test_the_bound_by_the_longest_line_never_says_less_than_the_bound_by_indentation() -> None:
    """Eleven indicators and a bracket: only the bound by indentation says a depth of 12 is
    never reached (two levels a column of `   -`, its `-`, two for the `[`, the root); the
    bound by the longest line (two levels a column of the longest line, the brackets', the
    root: 13) must not say so already at 11."""
    text = "   -\n[\n" + "-\n" * 10
    assert may_nest_deeper(text, 12) is False
    assert may_nest_deeper(text, 11) is True
