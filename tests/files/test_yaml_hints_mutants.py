"""Behaviours of `files.yaml_hints` that a mutation pass (round 44) found no test pinned, and
a bug it led to: libyaml counts lines broken by CR alone, NEL, LS and PS as well as LF, and
the hint looked for the line it names among lines broken by LF only, so that a file saved
with old Mac line ends (CR) got no hint, or the hint of another line.

Each construct libyaml refuses gets its own hint (a tab after `:`, a tab anywhere else YAML
wants a space), on any line of the file, the last one too when no line break ends it; a
"did not find expected key" with a key there is no empty key; libyaml's error without a
place gets no hint."""

from __future__ import annotations

import pytest

from selfreview_core.errors import InvalidDocument
from selfreview_core.files.source import parse_text
from selfreview_core.files.yaml_hints import construct_hint

#: (text, line, column, the start of the hint): each text's lines broken by LF.
REFUSED = [
    ("kind: x\nv: |\n\tindented with a tab\n", 3, 1, "a tab indents a line of a literal"),
    ("kind: x\n: value\n", 2, 1, "an empty key"),
    ("kind: x\nm:\n\ta: 1\n", 3, 1, "a tab indents this line"),
    ("kind: x\nl:\n-\t1\n", 3, 2, "a tab after `-`"),
    ("? a\n:\tb\n", 2, 2, "a tab after `:`: write a space after the colon of a key"),
    ("a:\n  b: c\n  ?\td\n", 3, 4, "a tab where YAML expects a space: use a space"),
]


def _refused(text: str) -> tuple[int | None, int | None, str | None]:
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text, "hand-edited.yaml")
    found = raised.value.first
    return found.line, found.column, found.hint


@pytest.mark.parametrize(("text", "line", "column", "hint"), REFUSED)
@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_a_construct_libyaml_refuses_is_named_whatever_breaks_the_files_lines(
    text: str, line: int, column: int, hint: str, end: str
) -> None:
    found = _refused(text.replace("\n", end))
    assert found[:2] == (line, column)
    assert found[2] is not None
    assert found[2].startswith(hint)


@pytest.mark.parametrize(("text", "line", "column", "hint"), REFUSED)
@pytest.mark.parametrize("end", ["\x85", "\u2028", "\u2029"])
def test_a_construct_libyaml_refuses_on_lines_only_yaml_sees_is_named_after_the_break(
    text: str, line: int, column: int, hint: str, end: str
) -> None:
    """Lines broken by NEL, LS or PS: libyaml's lines, but one line to an editor, where
    the problem is placed (since round 76), its hint naming the break libyaml read before
    the construct's line, then the construct's own hint (of libyaml's line)."""
    found = _refused(text.replace("\n", end))
    index = sum(len(part) + 1 for part in text.split("\n")[: line - 1]) + column - 1
    assert found[:2] == (1, index + 1)
    assert found[2] is not None
    assert found[2].startswith(f"line 1, column {index - column + 1} holds U+")
    assert f"; {hint}" in found[2]


@pytest.mark.parametrize(("text", "line", "column", "hint"), REFUSED)
def test_a_construct_on_the_last_line_without_a_line_break_is_named(
    text: str, line: int, column: int, hint: str
) -> None:
    found = _refused(text.removesuffix("\n"))
    assert found[:2] == (line, column)
    assert found[2] is not None
    assert found[2].startswith(hint)


def test_the_hint_is_of_the_line_libyaml_names_when_line_breaks_are_mixed() -> None:
    """Lines broken by CR alone, then a tab on a line after LF: libyaml names line 2, a
    colon with no key; counted by LF alone, line 2 was the tab's ("a tab indents")."""
    line, column, hint = _refused("a: 1\r: v\n\tb: 2\n")
    assert (line, column) == (2, 1)
    assert hint is not None
    assert hint.startswith("an empty key")


def test_expected_key_with_a_key_there_is_no_empty_key() -> None:
    """libyaml's "did not find expected key" for a line indented out of place: the line
    has a key, so the empty key's hint would mislead."""
    assert _refused("a:\n  b: 1\n c: 2\n") == (3, 2, None)
    assert _refused("a: 1\n- b\n") == (2, 1, None)


def test_a_construct_on_the_first_line_is_named() -> None:
    line, column, hint = _refused("\tkind: x\n")
    assert (line, column) == (1, 1)
    assert hint is not None
    assert hint.startswith("a tab indents this line")


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: [\n\t1,\n\t- 2]\n", 3, 2),  # a block list's dash in a flow list
        ("a: {\n\tb: 1,\n\t: 2}\n", 3, 2),
        ("{\n\t | }\n", 2, 3),
        ("c\n\t\t: v\n", 2, 3),
        ("a:\t- 1\n", 1, 4),
    ],
)
def test_what_libyaml_refuses_past_a_lines_tabs_gets_no_tab_hint(
    text: str, line: int, column: int
) -> None:
    """Tabs may indent the lines of a flow collection, and libyaml stops at a tab it
    refuses: an error past the tabs is about something else. Until round 44 these were
    told "a tab indents this line: ... use spaces", which spaces do not mend."""
    assert _refused(text) == (line, column, None)
    with pytest.raises(InvalidDocument) as with_spaces:
        parse_text(text.replace("\t", "  "), "hand-edited.yaml")
    assert with_spaces.value.first.message.startswith("invalid YAML: ")


@pytest.mark.parametrize(
    ("line", "column"), [(None, None), (None, 1), (1, None), (0, 1), (3, 1), (9, 1)]
)
def test_an_error_without_a_place_in_the_text_gets_no_hint(
    line: int | None, column: int | None
) -> None:
    """No place, or a line the text does not have (1-based: 0 is none; two lines here)."""
    assert construct_hint("a: 1\n\tb: 2", line, column, "did not find expected key") is None
