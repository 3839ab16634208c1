"""The YAML reader: plain data only, positions for every node, hostile input refused."""

from __future__ import annotations

import math

import pytest

from selfreview_core._yaml import Limits, parse_yaml


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
    problems = parse_yaml("[" * 100_000 + "]" * 100_000, "t.yaml")[1]
    assert problems[0].code == "too-deep"
