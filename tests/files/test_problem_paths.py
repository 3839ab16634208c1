"""Every problem the readers find names its document path, not only its line and column.

The developers' guide: "errors name file, line, column and document path". A problem found
while the text is read (a number too long to read, a forbidden tag, an unknown alias, a
limit) used to carry no path: `json.loads` does not say where such a number is, and the YAML
event reader stopped before asking where it stood. Now the YAML reader names the node it
was reading (a key's problem, the mapping holding it, as a duplicate key's does) and the
JSON reader finds the number by a walk in the text's order (`files/json_problems.py`).
"""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core.cli import cli
from selfreview_core.errors import format_path
from selfreview_core.files.json_text import parse_json
from selfreview_core.files.limits import Limits
from selfreview_core.files.yaml_events import parse_events

BIG = "9" * 5000  # longer than JSON's integers may be (4,300 digits) and YAML's (500)

YAML_CASES = [
    ("a value", f"a: 1\nb:\n  c: {BIG}\n", "b.c", "a number 5,000 characters long"),
    ("an item", f"a:\n  - 1\n  - {BIG}\n", "a[1]", "a number 5,000 characters long"),
    ("a key: its mapping", f"a:\n  {BIG}: 1\n", "a", "a number 5,000 characters long"),
    ("a duplicated key's value", f"a:\n  b: 1\n  b: {BIG}\n", "a", "a number 5,000 characters"),
    ("the whole document", f"{BIG}\n", "", "a number 5,000 characters long"),
    ("a tagged mapping", "a:\n  b: !!python/object {x: 1}\n", "a.b", "tag `!!python/object`"),
    ("a tagged list", "a:\n  - !!set [1]\n", "a[0]", "tag `!!set` is not allowed"),
    ("a bad !!int", "a:\n  b: !!int x\n", "a.b", "`x` is not a valid !!int"),
    ("an unknown alias", "a:\n  b: *nope\n", "a.b", "unknown alias `*nope`"),
    ("a mapping as a key", "a:\n  ? {x: 1}\n  : 2\n", "a", "mapping keys must be plain"),
    ("a second document", "a: 1\n---\nb: 2\n", "", "more than one YAML document"),
]


@pytest.mark.parametrize(
    ("text", "path", "words"), [c[1:] for c in YAML_CASES], ids=[c[0] for c in YAML_CASES]
)
def test_a_yaml_problem_found_while_reading_names_where_the_reader_stood(
    text: str, path: str, words: str
) -> None:
    (problem,) = parse_events(text, "f.yaml")[1]
    assert words in problem.message
    assert problem.path == path
    assert problem.line is not None
    assert problem.column is not None


def test_a_yaml_limit_names_the_node_that_passed_it() -> None:
    deep = "a:\n  b: " + "[" * 10 + "]" * 10 + "\n"
    (problem,) = parse_events(deep, "f.yaml", Limits(max_depth=4))[1]
    assert (problem.path, problem.line, problem.column) == ("a.b[0][0]", 2, 8)
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    (problem,) = parse_events(bomb, "f.yaml", Limits(max_nodes=25))[1]
    assert problem.code == "too-large"
    assert (problem.path, problem.line, problem.column) == ("c[0]", 3, 5)  # 22 + 13 nodes
    (problem,) = parse_events(bomb, "f.yaml", Limits(max_nodes=20))[1]
    assert (problem.path, problem.line, problem.column) == ("", 3, 1)  # the key `c`: its mapping


JSON_CASES = [
    ("a value", f'{{"a": 1, "b": [1, {{"c": {BIG}}}]}}', "b[1].c", 25),
    ("an item", f"[0, {BIG}]", "[1]", 5),
    ("the whole document", BIG, "", 1),
    ("two of them: the first", f'{{"a": [{BIG}], "b": {BIG}}}', "a[0]", 8),
    ("two in a list: the first", f"[[{BIG}], {BIG}]", "[0][0]", 3),
    ("a negative number", f'{{"x": "{BIG}", "y": -{BIG}}}', "y", 5016),
    ("a duplicated key, the first", f'{{"a": {BIG}, "a": 1}}', "a", 7),
    ("a duplicated key, the second", f'{{"a": 1, "a": [0, {BIG}]}}', "a[1]", 19),
    ("a document broken after it", f'{{"a": {BIG}, ', "", 7),
]


@pytest.mark.parametrize(
    ("text", "path", "column"), [c[1:] for c in JSON_CASES], ids=[c[0] for c in JSON_CASES]
)
def test_a_json_number_too_long_to_read_is_named_by_its_path(
    text: str, path: str, column: int
) -> None:
    (problem,) = parse_json(text, "f.json")[1]
    assert problem.code == "number"
    assert problem.message.startswith("a number ")
    assert (problem.path, problem.line, problem.column) == (path, 1, column)


def test_json_nested_too_deep_or_past_the_text_limit_names_the_path() -> None:
    (deep,) = parse_json('{"a": [[[[[1]]]]]}', "f.json", Limits(max_depth=3))[1]
    assert (deep.code, deep.path) == ("too-deep", "a[0][0]")
    (big,) = parse_json('{"a": "x", "b": ["yyyyyy"]}', "f.json", Limits(max_expanded_chars=5))[1]
    assert (big.code, big.path) == ("too-large", "b[0]")


KEYS = st.text(string.ascii_lowercase, min_size=1, max_size=4).filter(
    lambda key: key not in {"y", "n", "yes", "no", "on", "off", "null", "true", "false"}
)
TREES = st.recursive(
    st.integers(-9, 9) | st.text(string.ascii_letters, max_size=5),
    lambda inner: (
        st.lists(inner, min_size=1, max_size=3)
        | st.dictionaries(KEYS, inner, min_size=1, max_size=3)
    ),
    max_leaves=8,
)


def _leaves(tree: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(tree, dict):
        return [p for key, value in tree.items() for p in _leaves(value, (*path, key))]
    if isinstance(tree, list):
        return [p for i, value in enumerate(tree) for p in _leaves(value, (*path, i))]
    return [path]


def _put(tree: Any, path: tuple[str | int, ...], value: Any) -> Any:
    if not path:
        return value
    head, *rest = path
    copy = dict(tree) if isinstance(tree, dict) else list(tree)
    copy[head] = _put(tree[head], tuple(rest), value)  # type: ignore[index]
    return copy


@given(TREES, st.data())
def test_any_document_names_the_path_of_its_long_number_in_json_and_yaml(
    tree: Any, data: st.DataObject
) -> None:
    where = data.draw(st.sampled_from(_leaves(tree)))
    marker = "LONG-NUMBER"
    document = _put(tree, where, marker)
    as_json = json.dumps(document).replace(f'"{marker}"', BIG)
    as_yaml = json.dumps(document, indent=1).replace(f'"{marker}"', BIG)  # JSON is YAML
    for problems in (parse_json(as_json, "f.json")[1], parse_events(as_yaml, "f.yaml")[1]):
        (problem,) = problems
        assert problem.code == "number"
        assert problem.path == format_path(where)


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".jsonl"])
def test_the_command_line_names_the_file_place_and_path_of_a_long_number(
    suffix: str, tmp_path: Path
) -> None:
    document = {
        "kind": "assessment",
        "framework": "becta-srf",
        "school": {"id": "1", "name": "One"},
        "assessed_on": "2026-01-01",
        "judgements": {"1a1": {"level": "LONG"}},
    }
    text = json.dumps(document).replace('"LONG"', BIG)
    path = tmp_path / f"school{suffix}"
    path.write_text(text + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code == 1
    column = text.index(BIG) + 1
    assert f"{path}:1:{column}: error: judgements.1a1.level: a number 5,000 characters long" in (
        result.output
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("f.yaml", "judgements:\n  ³:\n    level: 2\n    level: 3\n"),
        ("f.json", '{"judgements": {"³": {"level": 2, "level": 3}}}'),
    ],
)
def test_a_key_of_digits_int_refuses_is_named_as_a_key_not_taken_for_a_place(
    name: str, text: str
) -> None:
    """A key such as `³` is digits to `str.isdigit` but not to `int()`: a problem under it
    (here a duplicate key) used to end every command in "internal error: ValueError". It is
    named as the key it is, at its line and column, by both readers."""
    if name.endswith(".yaml"):
        (problem,) = parse_events(text, name)[1]
        where = (4, 5)
    else:
        (problem,) = [p for p in parse_json(text, name)[1] if "duplicate" in p.message]
        where = (1, 35)
    assert problem.path == 'judgements["³"]'
    assert "duplicate key `level`" in problem.message
    assert (problem.line, problem.column) == where


def test_validate_refuses_a_key_int_refuses_at_its_line_and_exits_1(tmp_path: Path) -> None:
    """The same through the command a user runs: located, exit 1, no internal error."""
    text = (
        "kind: assessment\nframework: becta-srf\nschool: {id: '1', name: S}\n"
        "assessed_on: 2026-01-01\njudgements:\n  ³:\n    level: 2\n    level: 3\n"
    )
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "a.yaml")])
    assert result.exit_code == 1
    assert "internal error" not in result.output
    assert f'{tmp_path / "a.yaml"}:8:5: error: judgements["³"]: duplicate key `level`' in (
        result.output
    )


@pytest.mark.parametrize("key", ["1a1\n", "a\n", "\n"], ids=ascii)
def test_a_key_ending_in_a_line_break_is_quoted_in_a_path_not_shown_plain(key: str) -> None:
    """A regular expression's `$` also matches before a final line break, so `"1a1\\n"` was
    taken for a plain key and written `judgements.1a1\\n`: a key of four characters, with a
    backslash, to whoever read the path. It is quoted now, as every key with a space is."""
    assert format_path(["judgements", key, 0]) == f'judgements["{key}"][0]'  # shown escaped
    assert format_path(["judgements", "1a1", 0]) == "judgements.1a1[0]"


def test_validate_names_a_strand_id_with_a_line_break_in_quotes(tmp_path: Path) -> None:
    """Through the command: the id is told apart from the strand it looks like."""
    text = (
        "kind: assessment\nframework: becta-srf\nschool: {id: '1', name: S}\n"
        'assessed_on: 2026-01-01\njudgements:\n  "1a1\\n": {level: 3}\n'
    )
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "a.yaml")])
    assert result.exit_code == 1
    assert f'{tmp_path / "a.yaml"}:6:3: error: judgements["1a1\\n"]: `1a1\\n` is not a' in (
        result.output
    )


@pytest.mark.parametrize(
    ("key", "path", "text"),
    [
        ("true", "a[true]", "a.true"),
        ("0o12", "a[0o12]", "a.0o12"),
        ("~", "a[~]", 'a["~"]'),
        ("1.5", "a[1.5]", 'a["1.5"]'),
        ("7", "a[7]", "a.7"),  # a text key of digits is no list's place (`a[7]` before)
    ],
)
def test_a_problem_under_a_key_that_is_not_text_names_the_key_as_written(
    key: str, path: str, text: str
) -> None:
    """Before round 45 the reader named such a key as Python read it: `a.True`, `a[10]`,
    `a.None`; a text key that looks like one is named as text (`a.true`)."""
    (problem,) = parse_events(f"a:\n  {key}:\n    b: 1\n    b: 2\n", "f.yaml")[1]
    assert (problem.line, problem.column, problem.path) == (4, 5, path)
    assert problem.message == "duplicate key `b` (first at line 3)"
    (problem,) = parse_events(f"a:\n  {key}: !!python/object x\n", "f.yaml")[1]
    assert (problem.line, problem.column, problem.path) == (2, len(key) + 5, path)
    (problem,) = parse_events(f'a:\n  "{key}":\n    b: 1\n    b: 2\n', "f.yaml")[1]
    assert problem.path == text


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("1", "true", "duplicate key `true`: read as the key `1` (first at line 2)"),
        ("false", "0", "duplicate key `0`: read as the key `false` (first at line 2)"),
        ("1", "1.0", "duplicate key `1.0`: read as the key `1` (first at line 2)"),
        # Spelt otherwise, one type: named as read too since round 51 (`01` for `1`).
        ("10", "0o12", "duplicate key `0o12`: read as the key `10` (first at line 2)"),
        ("1", "01", "duplicate key `01`: read as the key `1` (first at line 2)"),
        ("~", "null", "duplicate key `null`: read as the key `~` (first at line 2)"),
        ("null", "null", "duplicate key `null` (first at line 2)"),
        ("01", "01", "duplicate key `01` (first at line 2)"),
        ("a", "a", "duplicate key `a` (first at line 2)"),
    ],
)
def test_a_duplicate_key_is_named_as_written_and_says_which_it_repeats(
    first: str, second: str, message: str
) -> None:
    """YAML's `true` and `1` are two keys, which Python reads as one: the second is refused
    as "duplicate key `True`" no longer, but as written, naming the key it is read as."""
    (problem,) = parse_events(f"m:\n  {first}: x\n  {second}: y\n", "f.yaml")[1]
    assert problem.message == message
    assert (problem.line, problem.column, problem.path, problem.code) == (
        3,
        3,
        "m",
        "duplicate-key",
    )
    assert problem.hint == "each key may appear once in a mapping"


def test_a_key_through_an_alias_is_named_as_yaml_writes_its_value() -> None:
    """At the alias there is no spelling of its own: the value's, as YAML writes it."""
    spellings = (
        ("0o12", "10"),
        ("~", "null"),
        ("TRUE", "true"),
        ("-.inf", "-.inf"),
        ("+.INF", ".inf"),
        ("1.50", "1.5"),
    )
    for anchored, named in spellings:
        text = f"x: &k {anchored}\nm:\n  *k :\n    b: 1\n    b: 2\n"
        (problem,) = parse_events(text, "f.yaml")[1]
        assert (problem.line, problem.path) == (5, f"m[{named}]")
