"""The YAML reader: plain data only, positions for every node, hostile input refused."""

from __future__ import annotations

import math

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from fuzz.harness import check_yaml_readers_agree
from scaled import scaled
from selfreview_core.files.limits import DEFAULT_LIMITS, Limits
from selfreview_core.files.yaml_events import parse_events, parse_yaml
from selfreview_core.files.yaml_fast import UNSURE, compose_data, may_nest_deeper, text_size


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
    assert tree.values[("b", 1, "c")] == (3, 8)
    assert tree.keys[("b", 1, "c")] == (3, 5)


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
    assert tree.values[("b", 0)] == (2, 4)  # found now, by the event reader
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


@settings(max_examples=scaled(300))
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


def test_long_lines_of_evidence_in_a_long_document_take_the_fast_reader() -> None:
    """No cliff: paragraphs of evidence (long lines, many hyphens) are composed in C."""
    paragraph = "Termly e-safety and CPD sessions - well attended - re-planned " * 8
    judgements = "".join(f"  s{n}:\n    level: 2\n    evidence: {paragraph}\n" for n in range(40))
    text = f"kind: assessment\njudgements:\n{judgements}"
    assert max(map(len, text.split("\n"))) > 250
    assert sum(map(text.count, "-?:")) > 500
    assert not may_nest_deeper(text, 500)
    data = compose_data(text, DEFAULT_LIMITS)
    assert data is not UNSURE
    assert data["judgements"]["s39"]["evidence"] == paragraph.strip()
    check_yaml_readers_agree(text, DEFAULT_LIMITS)


# -- what aliases expand to, in characters of text (SPEC 7) ---------------------------------

MB = 1024 * 1024


def refusal(text: str, limits: Limits = DEFAULT_LIMITS) -> tuple[int | None, int | None, str, str]:
    """The one problem the event reader finds, as (line, column, message, hint), after
    checking that the fast reader leaves the text to it (or agrees)."""
    check_yaml_readers_agree(text, limits)
    tree, problems = parse_yaml(text, "t.yaml", limits)
    assert tree.data is None
    [problem] = problems
    assert problem.code == "too-large"
    return problem.line, problem.column, problem.message, problem.hint or ""


def test_a_large_text_repeated_through_aliases_is_refused_at_the_alias_that_crosses() -> None:
    """The attack: a 4 MB text anchored once and aliased a hundred times is 404 MB of text
    to `show` and `report`. It counts in full at each alias: the first alias makes 8 MB,
    the second 12 MB, past the 10 MB default, and is where the error points."""
    big = "x" * (4 * MB)
    text = f"kind: framework\ntitle: &big {big}\nnotes: [{', '.join(['*big'] * 100)}]\n"
    line, column, message, hint = refusal(text)
    assert (line, column) == (3, len("notes: [*big, ") + 1)
    assert message == "the document expands to more than 10,485,760 characters of text"
    assert hint == "the alias `*big` repeats 4,194,304 characters, counted each time"


def test_the_default_limit_on_expanded_text_is_that_on_bytes() -> None:
    assert Limits().max_expanded_chars == Limits().max_bytes == 10 * MB


@pytest.mark.parametrize(
    ("text", "size", "where"),
    [
        # four keys of 1; a: 3; b and c: 3 + 3; d: 6 + 6
        ("a: &x abc\nb: [*x, *x]\nc: &l [*x, *x]\nd: [*l, *l]\n", 4 + 3 + 6 + 6 + 12, (4, 9)),
        # nested sequences of aliases: each level repeats the one below in full
        ("a: &x abc\nb: &y [*x, [*x, *x]]\nc: [[*y], *y]\n", 1 + 3 + 1 + 9 + 1 + 18, (3, 11)),
        # aliases inside a flow mapping, as values and as a key
        ("a: &x abcd\nb: {k: *x, *x : v, m: *x}\n", 1 + 4 + 1 + 1 + 4 + 4 + 1 + 1 + 4, (2, 23)),
        # a merge key is plain data here: `<<` is a key, the alias its value
        ("a: &m {k: abcdef}\nb: {<<: *m, j: *m}\n", 1 + 1 + 6 + 1 + 2 + 7 + 1 + 7, (2, 16)),
        # block style, the alias of a mapping of aliases
        ("a: &x abcde\nb: &m\n  p: *x\n  q: *x\nc:\n  - *m\n", 1 + 5 + 1 + 12 + 1 + 12, (6, 5)),
    ],
    ids=["lists-of-aliases", "nested-sequences", "flow-mapping", "merge-key", "block"],
)
def test_every_alias_counts_all_it_repeats_to_the_character(
    text: str, size: int, where: tuple[int, int]
) -> None:
    """At exactly the document's expanded size it is read; one character less, it is
    refused at the alias (or text) that crosses, in both readers alike."""
    check_yaml_readers_agree(text, Limits(max_expanded_chars=size))
    assert parse_yaml(text, "t.yaml", Limits(max_expanded_chars=size))[1] == []
    line, column, *_ = refusal(text, Limits(max_expanded_chars=size - 1))
    assert (line, column) == where


def test_text_without_aliases_counts_too_where_the_limit_is_below_the_file() -> None:
    """The limit is on the document's text, aliases or not; the crossing text is named."""
    line, column, message, hint = refusal("a: abc\nb: defg\n", Limits(max_expanded_chars=6))
    assert (line, column) == (2, 4)
    assert "more than 6 characters" in message
    assert hint == ""


def test_numbers_and_nulls_are_not_text() -> None:
    text = "a: &n 123456789\nb: [*n, *n, *n, ~, true]\n"
    assert parse_yaml(text, "t.yaml", Limits(max_expanded_chars=2))[1] == []


def test_the_fast_reader_leaves_a_document_over_the_text_limit_to_the_event_reader() -> None:
    """Small texts are composed in C, where scalar aliases share one node: the fast reader
    counts what they repeat and answers `UNSURE`, so the error comes from one place."""
    text = "a: &x " + "y" * 1000 + "\nb: [" + ", ".join(["*x"] * 20) + "]\n"
    size = 1 + 1000 + 1 + 20 * 1000  # the keys `a` and `b`, the text, its 20 aliases
    assert compose_data(text, Limits()) is not UNSURE
    assert compose_data(text, Limits(max_expanded_chars=size)) is not UNSURE
    assert compose_data(text, Limits(max_expanded_chars=size - 1)) is UNSURE


def test_text_size_counts_keys_and_values_each_time_and_stops_past_the_limit() -> None:
    shared = "abc"
    data = {"k": [shared, shared, {"kk": shared, 1: 2.5}], "n": None}
    assert text_size(data, 100) == 1 + 3 + 3 + 2 + 3 + 1
    assert text_size(["x" * 10] * 1000, 25) <= 35  # stops once past


@settings(max_examples=scaled(200))
@given(NESTED, st.sampled_from([None, True, False]), st.sampled_from(["'", '"', None]))
def test_no_document_expands_past_its_text_without_an_alias(
    data: object, flow: bool | None, style: str | None
) -> None:
    """What the fast reader relies on to skip counting: without a `*`, no value is longer
    than the text that writes it (escapes, folding and block scalars only shorten)."""
    text = yaml.dump(data, default_flow_style=flow, default_style=style, allow_unicode=True)
    assume("*" not in text)
    tree = parse_events(text, "t.yaml")[0]
    if tree.data is not None:
        assert text_size(tree.data, 2**62) <= len(text)
