"""Behaviours of `files.yaml_events` that a mutation pass (round 39) found no test pinned:
what the `!!float` and `!!int` tags give (and refuse; an integer that rounds past the
largest float is infinite, never an overflow), an alias counted as deep and as large as what
it repeats and no more, what counts as characters of text, where a syntax error says its
construct started (and says nothing when it has none), a reader error's column in
characters, where a duplicate key's first one is, and when too many nodes hint at aliases."""

from __future__ import annotations

import math

import pytest

from selfreview_core.files.limits import DEFAULT_LIMITS, Limits
from selfreview_core.files.yaml_events import parse_events, parse_yaml

HUGE = 2**1024  # the first integer past the largest float


def read(text: str, limits: Limits = DEFAULT_LIMITS) -> object:
    """What both readers give for `text`, which must have no problem."""
    tree, problems = parse_yaml(text, "t.yaml", limits)
    assert problems == []
    events, event_problems = parse_events(text, "t.yaml", limits)
    assert event_problems == []
    assert repr(events.data) == repr(tree.data)  # repr: nan is not equal to itself
    return tree.data


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: !!float 1", 1.0),
        ("a: !!float -3", -3.0),
        ("a: !!float 0x10", 16.0),
        ("a: !!float 1.5", 1.5),
        ("a: !!float .inf", math.inf),
        ("a: !!int 5", 5),
        ("a: !!bool true", True),
        ("a: !!null ~", None),
    ],
)
def test_a_number_tag_gives_a_number_of_its_kind(text: str, value: object) -> None:
    found = read(text)["a"]  # type: ignore[index]
    assert found == value
    assert type(found) is type(value)


@pytest.mark.parametrize(
    ("digits", "value"),
    [
        (str(HUGE), math.inf),
        (f"-{HUGE}", -math.inf),
        (str(HUGE - 1), math.inf),  # rounds up past the largest float
        (f"-{HUGE - 1}", -math.inf),
        (str(HUGE - 2**971), 1.7976931348623157e308),  # the largest float itself
    ],
)
def test_an_integer_too_large_for_a_float_tagged_float_is_infinite(
    digits: str, value: float
) -> None:
    """As a decimal too large for a float reads (`1e400`): never an overflow."""
    assert read(f"a: !!float {digits}") == {"a": value}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!int 1.5", "`1.5` is not a valid !!int"),
        ("a: !!bool 1.5", "`1.5` is not a valid !!bool"),
        ("a: !!null 1.5", "`1.5` is not a valid !!null"),
        ("a: !!float yes", "`yes` is not a valid !!float"),
    ],
)
def test_a_value_not_of_its_number_tag_is_refused_where_it_is(text: str, message: str) -> None:
    tree, problems = parse_yaml(text, "t.yaml")
    assert tree.data is None
    assert [(p.message, p.line, p.column, p.path, p.code) for p in problems] == [
        (message, 1, 4, "a", "tag")
    ]


def test_an_alias_nests_as_deep_as_what_it_repeats_and_no_deeper() -> None:
    """An alias of a list of lists, where that list itself could stand, is within the
    depth limit; one level further in, it is past it, as the list written out would be."""
    limits = Limits(max_depth=3)
    assert read("a: &x [[1]]\nb: *x\n", limits) == {"a": [[1]], "b": [[1]]}
    assert read("a: &x []\nb: [*x]\n", limits) == {"a": [], "b": [[]]}
    tree, problems = parse_yaml("a: &x [[1]]\nb: [*x]\n", "t.yaml", limits)
    assert tree.data is None
    assert [(p.message, p.line, p.column, p.path, p.code, p.hint) for p in problems] == [
        (
            "nested more than 3 levels deep",
            2,
            5,
            "b[0]",
            "too-deep",
            "counting what the alias `*x` repeats",
        )
    ]


def test_a_syntax_error_says_where_its_construct_started() -> None:
    text = "title: x\nlevels: [1, 2\nnext: 3\n"
    _tree, [problem] = parse_yaml(text, "t.yaml")
    assert problem.code == "yaml"
    assert "(while parsing a flow sequence started at line 2, column 9)" in problem.message
    assert (problem.line, problem.column) != (2, 9)


def test_a_syntax_error_without_a_construct_says_only_what_is_wrong() -> None:
    _tree, problems = parse_yaml("a: b: c\n", "t.yaml")
    assert [(p.message, p.line, p.column, p.path, p.code) for p in problems] == [
        ("invalid YAML: mapping values are not allowed in this context", 1, 5, "", "yaml")
    ]


def test_a_control_character_after_non_ascii_text_is_placed_by_characters() -> None:
    """libyaml counts a reader error's position in bytes; a user counts characters."""
    for text, column in (("é: x\x07\n", 5), ("t: ok\nkey: [é, ü, \x07]\n", 13)):
        tree, problems = parse_yaml(text, "t.yaml")
        assert tree.data is None
        line = text.count("\n", 0, text.index("\x07")) + 1
        assert [(p.message, p.line, p.column, p.path, p.code) for p in problems] == [
            ("invalid YAML: control characters are not allowed", line, column, "", "yaml")
        ]


def test_a_duplicate_key_names_where_the_first_one_is() -> None:
    tree, problems = parse_yaml("top: 1\na:\n    b: 1\n    c: 2\n    b: 3\n", "t.yaml")
    assert [(p.message, p.line, p.column, p.path, p.code) for p in problems] == [
        ("duplicate key `b` (first at line 3)", 5, 5, "a", "duplicate-key")
    ]
    assert tree.data == {"top": 1, "a": {"b": 1, "c": 2}}  # the first one kept


def test_too_many_nodes_suggests_an_alias_bomb_only_when_aliases_are_used() -> None:
    limits = Limits(max_nodes=3)
    _tree, [plain] = parse_yaml("[1, 2, 3]\n", "t.yaml", limits)
    _tree, [aliased] = parse_yaml("[&x 1, *x, *x]\n", "t.yaml", limits)
    for problem in (plain, aliased):
        assert (problem.message, problem.code) == (
            "the document expands to more than 3 nodes",
            "too-large",
        )
    assert plain.hint is None
    assert aliased.hint == "aliases that repeat aliases multiply; this looks like an alias bomb"


def test_an_alias_of_a_scalar_counts_one_node_and_no_depth() -> None:
    assert read("[&x a, *x, *x]\n", Limits(max_nodes=4)) == ["a", "a", "a"]
    assert read("a: &x 1\nb: *x\n", Limits(max_depth=1)) == {"a": 1, "b": 1}


def test_only_text_counts_as_characters_of_text() -> None:
    """Numbers, booleans and nulls cost nodes, not characters; text (aliases repeated
    included) costs its length, up to the limit and not past it."""
    limits = Limits(max_expanded_chars=4)
    assert read("[12345, 67890, true, null, 1.5, abcd]\n", limits) == [
        12345,
        67890,
        True,
        None,
        1.5,
        "abcd",
    ]
    assert read("[&x ab, *x]\n", limits) == ["ab", "ab"]
    _tree, [problem] = parse_yaml("[&x ab, *x, *x]\n", "t.yaml", limits)
    assert (problem.message, problem.code, problem.hint) == (
        "the document expands to more than 4 characters of text",
        "too-large",
        "the alias `*x` repeats 2 characters, counted each time",
    )
