"""A YAML file holding NEL (U+0085), LINE SEPARATOR (U+2028) or PARAGRAPH SEPARATOR
(U+2029) alone (round 76): libyaml counts each as a line break, as YAML 1.1 did, and its
places counted so; editors (VS Code, Vim, Emacs, Notepad++) and YAML 1.2 show each as a
character within its line. Every place is now given as an editor counts lines (LF, CR LF,
CR), in a key, a value, a comment and a block scalar, for a problem before the character
and after it, and a syntax error that follows it says YAML read it as a line break."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.errors import InvalidDocument
from selfreview_core.files.source import parse_text
from selfreview_core.files.yaml_events import parse_events

BREAKS = {
    "\x85": ("U+0085 NEXT LINE (NEL)", "\\N"),
    "\u2028": ("U+2028 LINE SEPARATOR", "\\L"),
    "\u2029": ("U+2029 PARAGRAPH SEPARATOR", "\\P"),
}


def _said(char: str, line: int, column: int) -> str:
    name, escape = BREAKS[char]
    return (
        f"line {line}, column {column} holds {name}, which YAML reads as a line break though "
        f"editors show it within the line: remove it, or write it as `{escape}` in a "
        'double-quoted string ("...")'
    )


#: (a text with `%` where the character goes, where its syntax error is placed, what it
#: says after "invalid YAML: ", where the hint places the character)
SYNTAX = [
    # in a value: the rest of the line read as a key on a line of its own
    (
        "a: 1\nb: x%y\n",
        (2, 7),
        "could not find expected ':' (while scanning a simple key started at line 2, column 6)",
        (2, 5),
    ),
    # in a key
    (
        "a: 1\nb%c: 2\n",
        (2, 3),
        "could not find expected ':' (while scanning a simple key started at line 2, column 1)",
        (2, 2),
    ),
    # in a comment: what follows it is no comment to YAML
    (
        "a: 1 # c%d\nb: 2\n",
        (2, 1),
        "could not find expected ':' (while scanning a simple key started at line 1, column 10)",
        (1, 9),
    ),
    # in a block scalar: the text after it, at column 1 to YAML, ends the block
    (
        "a: |\n  x%y\nb: 2\n",
        (3, 1),
        "could not find expected ':' (while scanning a simple key started at line 2, column 5)",
        (2, 4),
    ),
]


@pytest.mark.parametrize("char", list(BREAKS))
@pytest.mark.parametrize(("text", "place", "message", "at"), SYNTAX)
def test_a_syntax_error_after_a_break_only_yaml_sees_is_placed_and_names_it(
    char: str, text: str, place: tuple[int, int], message: str, at: tuple[int, int]
) -> None:
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text.replace("%", char), "school.yaml")
    [problem] = raised.value.diagnostics
    assert (problem.file, problem.line, problem.column) == ("school.yaml", *place)
    assert problem.message == f"invalid YAML: {message}"
    assert problem.hint == _said(char, *at)


EMPTY_KEY = (
    "an empty key (`: value`, nothing before the colon): write the key, or quote an empty "
    'one (`"": value`)'
)


@pytest.mark.parametrize("char", list(BREAKS))
@pytest.mark.parametrize(
    ("text", "place", "hint"),
    [
        ("a: 1\n: b\nc: x%y\n", (2, 1), EMPTY_KEY),  # an error before it
        ('a: 1\n: b\nc: "x%y"\n', (2, 1), EMPTY_KEY),
        ('a: "x%y"\nb: [\n', (2, 5), None),  # after it, where YAML takes it (in quotes)
        ("a: [\nb: x%y\n", (2, 7), (2, 5)),  # in the flow list that failed at it
        ("%a: x: y\n", (1, 6), (1, 1)),  # the text's first character
        ("x: a:%b\n", (1, 5), None),  # the character after the error's: not named
    ],
)
def test_a_break_only_yaml_sees_is_named_only_within_the_construct_that_failed(
    char: str, text: str, place: tuple[int, int], hint: str | tuple[int, int] | None
) -> None:
    """Named only from the start of the line of the construct that failed (or of the
    error, with no construct) to the error: not before it, nor where YAML took it as a
    character, in a line of its own before the error's."""
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text.replace("%", char), "school.yaml")
    problem = raised.value.first
    assert (problem.line, problem.column) == place
    assert problem.hint == (_said(char, *hint) if isinstance(hint, tuple) else hint)


#: Valid YAML holding the character where YAML takes it (in quotes, in a comment of its
#: own, indented within a block scalar), and a duplicate key before or after it: (text, the
#: duplicate's place, the first key's line, the path of each value as an editor places it)
VALID = [
    ('a: "x%y"\nb: 1\nb: 2\n', (3, 1), 2, {("a",): (0, 3), ("b",): (1, 3)}),
    ('b: 1\nb: 2\na: "x%y"\n', (2, 1), 1, {("a",): (2, 3), ("b",): (0, 3)}),
    ("a: |\n  x%  y\n  z\nb: 1\nb: 2\n", (5, 1), 4, {("a",): (0, 3), ("b",): (3, 3)}),
    ("# note%# more\nb: 1\nb: 2\n", (3, 1), 2, {("b",): (1, 3)}),
    ("a: x\n  y%  z\nb: 1\nb: 2\n", (4, 1), 3, {("a",): (0, 3), ("b",): (2, 3)}),
]


@pytest.mark.parametrize("char", list(BREAKS))
@pytest.mark.parametrize(("text", "place", "first", "values"), VALID)
def test_places_in_a_valid_text_count_lines_as_an_editor_does(
    char: str, text: str, place: tuple[int, int], first: int, values: dict[tuple[str], object]
) -> None:
    tree, problems = parse_events(text.replace("%", char), "school.yaml")
    [problem] = problems
    assert (problem.line, problem.column, problem.path) == (*place, "")
    assert problem.message == f"duplicate key `b` (first at line {first})"
    for path, where in values.items():
        assert tree.values[path] == where
    assert tree.keys[("b",)] == (first - 1, 0)


@pytest.mark.parametrize("char", list(BREAKS))
def test_a_place_after_a_leading_byte_order_mark_and_a_break_counts_as_an_editor_does(
    char: str,
) -> None:
    """libyaml's index counts from after a leading byte-order mark, as its column does."""
    tree, [problem] = parse_events(f'\ufeffa: "x{char}y"\nb: 1\nb: 2\n', "school.yaml")
    assert (problem.line, problem.column) == (3, 1)
    assert tree.values[("b",)] == (1, 3)


def test_validate_names_the_place_an_editor_shows_exit_1(tmp_path: Path) -> None:
    """Through the command: the place, the message and its hint, exit 1; the other file
    given is still checked."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: assessment\nframework: x\u2028y\n", encoding="utf-8")
    good = tmp_path / "other.yaml"
    good.write_text("kind: assessment\nframework: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(bad), str(good)])
    assert result.exit_code == 1
    assert (
        f"{bad}:2:15: error: invalid YAML: could not find expected ':' (while scanning a "
        "simple key started at line 2, column 14) (" + _said("\u2028", 2, 13) + ")"
    ) in result.output
    assert f"{good}:2:13: error: invalid YAML: did not find expected node content" in (
        result.output
    )
    assert result.output.endswith("2 files checked: 0 valid, 2 invalid (2 errors)\n")
    assert "Traceback" not in result.output
