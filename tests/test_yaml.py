"""The YAML reader: plain data only, positions for every node, hostile input refused."""

from __future__ import annotations

import math

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz.harness import check_yaml_readers_agree
from selfreview_core._yaml import Limits, parse_yaml
from selfreview_core._yaml_fast import may_nest_deeper


def parse(text: str) -> object:
    tree, problems = parse_yaml(text, "t.yaml")
    assert problems == []
    return tree.data


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: no", "no"),
        ("a: yes", "yes"),
        ("a: on", "on"),
        ("a: off", "off"),
        ("a: true", True),
        ("a: False", False),
        ("a: ~", None),
        ("a: null", None),
        ("a:", None),
        ("a: 12", 12),
        ("a: -3", -3),
        ("a: 0o17", 15),
        ("a: 0x1F", 31),
        ("a: 09", 9),
        ("a: 1.5", 1.5),
        ("a: 1e3", 1000.0),
        ("a: .inf", math.inf),
        ("a: 2026-10-01", "2026-10-01"),
        ("a: '12'", "12"),
        ('a: "true"', "true"),
        ("a: 1a1", "1a1"),
        ("a: !!str 12", "12"),
        ("a: !!int '12'", 12),
    ],
)
def test_scalars_resolve_by_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    assert parse(text) == {"a": value}


def test_positions_of_values_and_keys_are_recorded() -> None:
    tree, _ = parse_yaml("a: 1\nb:\n  - x\n  - {c: d}\n", "t.yaml")
    assert tree.values[("a",)] == (0, 3)
    assert tree.values[("b", "1", "c")] == (3, 8)
    assert tree.keys[("b", "1", "c")] == (3, 5)


def test_anchors_and_aliases_are_allowed_within_limits() -> None:
    assert parse("a: &x {k: v}\nb: *x\n") == {"a": {"k": "v"}, "b": {"k": "v"}}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!python/name:os.system x", "tag `!!python/name:os.system` is not allowed"),
        ("a: !!binary aGVsbG8=", "tag `!!binary` is not allowed"),
        ("a: !custom {b: 1}", "tag `!custom` is not allowed"),
        ("a: !!set {b}", "tag `!!set` is not allowed"),
        ("a: !!int twelve", "`twelve` is not a valid !!int"),
        ("a: *nowhere", "unknown alias `*nowhere`"),
    ],
)
def test_non_data_is_refused(text: str, message: str) -> None:
    tree, problems = parse_yaml(text, "t.yaml")
    assert tree.data is None
    assert [p.line for p in problems] == [1]
    assert message in problems[0].message


def test_keys_must_be_scalars_and_unique() -> None:
    tree, problems = parse_yaml("? [a]\n: 1\nb: 2\nb: 3\n", "t.yaml")
    assert tree.data == {"b": 2}
    assert [(p.line, p.code) for p in problems] == [(1, "key"), (4, "duplicate-key")]


def test_alias_expansion_is_capped() -> None:
    # a is 5 nodes, b repeats a four times (21), c repeats b four times (85); with the three
    # keys and the document's own mapping, 115.
    text = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
    assert parse_yaml(text, "t.yaml", Limits(max_nodes=115))[1] == []
    assert parse_yaml(text, "t.yaml", Limits(max_nodes=114))[1][0].code == "too-large"
    problems = parse_yaml(text, "t.yaml", Limits(max_nodes=50))[1]
    assert problems[0].code == "too-large"
    assert problems[0].line == 3


def test_depth_is_capped_without_recursion() -> None:
    """Our own cap refuses nesting past `max_depth` with its own code."""
    problems = parse_yaml("[" * 100 + "]" * 100, "t.yaml")[1]
    assert problems[0].code == "too-deep"
    assert (problems[0].line, problems[0].column) == (1, 65)


def test_very_deep_nesting_is_refused_without_crashing() -> None:
    """100,000 brackets: refused, located, never a RecursionError or a crash. Which reader
    refuses first depends on the PyYAML wheel: the libyaml in newer ones (6.0.4 here) stops
    at 1,000 levels itself ("exceeded maximum nesting depth"); older ones leave it to our
    cap. Both refusals are right."""
    problems = parse_yaml("[" * 100_000 + "]" * 100_000, "t.yaml")[1]
    first = problems[0]
    assert first.line == 1
    assert first.column is not None
    if first.code == "yaml":
        assert "nesting depth" in first.message
    else:
        assert first.code == "too-deep"


# -- the fast reader (`_yaml_fast`) and the event reader agree ------------------------------

#: Documents the fast reader takes, and ones it must leave to the event reader (tags,
#: aliases of collections, duplicate and odd keys, several documents, syntax errors).
TRICKY = [
    "a: 1\nb: [x, 'y', \"z\"]\nc: {d: ~, e: 2026-10-01}\n",
    "a: ! 12\nb: ! '12'\nc: !!str 12\nd: !!int '12'\n",
    "a: &x 1\nb: *x\n",
    "a: &l [1, 2]\nb: *l\n",
    "a: &r [*r]\n",
    "a: &x 1\nb: &x 2\nc: *x\n",
    "{1: a, 1.0: b, true: c}\n",
    ".nan: 1\n",
    "? [a]\n: 1\n",
    "? a\n: 1\nb: 2\nb: 3\n",
    "<<: {a: 1}\nb: 2\n",
    "a: 1\n---\nb: 2\n",
    "--- |\n  text\n",
    "- a\n- - b\n  - c\n- {d: e}\n",
    "a: |\n  literal\nb: >\n  folded\n",
    "a: 0o17\nb: 0x1F\nc: 09\nd: 1e3\ne: .inf\nf: -.inf\ng: +5\nh: 1a1\n",
    "a: " + "9" * 600 + "\n",
    "a: [1, 2\n",
    "# only a comment\n",
    "~\n",
    "",
    "a: \x85b\n",
    "- " * 70 + "x\n",
    "[" * 65 + "]" * 65,
    "{a: " * 65 + "1" + "}" * 65,
]


@pytest.mark.parametrize("text", TRICKY, ids=[str(i) for i in range(len(TRICKY))])
def test_the_fast_reader_never_changes_a_result(text: str) -> None:
    """Data (to the type), problems and positions are the event reader's, whichever reads."""
    check_yaml_readers_agree(text)


def test_a_valid_file_is_read_without_positions_until_one_is_asked_for() -> None:
    tree, problems = parse_yaml("a: 1\nb:\n  - x\n", "t.yaml")
    assert problems == []
    assert tree.data == {"a": 1, "b": ["x"]}
    assert tree.values[("b", "0")] == (2, 4)  # found now, by the event reader
    assert tree.keys[("b",)] == (1, 0)


@pytest.mark.parametrize(
    "text",
    [
        "- " * 100_000 + "x",
        "[" * 100_000 + "]" * 100_000,
        "{a: " * 50_000 + "}" * 50_000,
        "[a: " * 50_000 + "]" * 50_000,
        "".join(" " * i + "- \n" for i in range(3_000)),
    ],
    ids=["compact-lists", "flow-lists", "flow-mappings", "one-pair-mappings", "indented"],
)
def test_deep_nesting_of_every_style_is_refused_without_crashing(text: str) -> None:
    """libyaml's own composer recurses in C without a limit; the fast reader never gives it
    a text that could nest deeply, so this is the event reader's `too-deep` (or a syntax
    error), never a crashed process."""
    problems = parse_yaml(text, "t.yaml")[1]
    assert problems
    assert problems[0].code in ("too-deep", "yaml")


def _depth(text: str) -> int:
    """How deep a text nests, from libyaml's events (no recursion)."""
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest


NESTED = st.recursive(
    st.one_of(st.none(), st.integers(), st.text(max_size=5)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=40,
)


@settings(max_examples=300)
@given(
    NESTED,
    st.sampled_from([None, True, False]),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=0, max_value=5),
)
def test_the_nesting_bound_is_never_below_the_real_depth(
    data: object, flow: bool | None, indent: int, compact: int
) -> None:
    """`may_nest_deeper(text, d)` may only say False when the text nests at most d deep:
    over YAML in every style PyYAML writes, and compact lists (`- - - x`) in front."""
    text = yaml.dump(data, default_flow_style=flow, indent=max(indent, 2), width=20)
    if compact:
        text = "- " * compact + text.replace("\n", "\n" + "  " * compact)
    try:
        depth = _depth(text)
    except yaml.YAMLError:
        return
    assert may_nest_deeper(text, depth - 1)
