"""Behaviours of `files.yaml_fast` that a mutation pass (round 38) found no test pinned:
valid YAML of plain values is composed the quick way and gives what the event reader
gives; a text too long for libyaml's nodes is left to the event reader; and a block of
text indented deeper than the depth limit, in a document with few indicators, is known
not to nest deep (the bound on indicators alone says so)."""

from __future__ import annotations

import pytest

from selfreview_core.files.limits import DEFAULT_LIMITS
from selfreview_core.files.yaml_events import parse_events
from selfreview_core.files.yaml_fast import MAX_CHARS, UNSURE, compose_data, may_nest_deeper


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n",
        "kind: assessment\nschool: {id: '1', name: S}\njudgements:\n  A1.1: {level: 2}\n",
        "- x\n- 'y'\n- [1, 2.5, true, null]\n- {\"q\": no}\n",
        "plain text\n",
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
