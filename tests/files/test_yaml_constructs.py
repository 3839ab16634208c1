"""What libyaml cannot read, said in the file's words (issue 16), and the non-specific tag
`!`: `v: ! 12` is the text "12" (YAML 1.2 section 6.9.2) in both readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from program import selfreview_here
from selfreview_core.errors import InvalidDocument
from selfreview_core.files.limits import DEFAULT_LIMITS
from selfreview_core.files.source import parse_text
from selfreview_core.files.yaml_fast import UNSURE, compose_data


@pytest.mark.parametrize(
    ("text", "line", "column", "hint"),
    [
        ("kind: x\nv: |\n\tindented with a tab\n", 3, 1, "indents a line of a literal"),
        ("kind: x\n: value\n", 2, 1, 'quote an empty one (`"": value`)'),
        ("kind: x\nm:\n\ta: 1\n", 3, 1, "a tab indents this line"),
        ("kind: x\nl:\n-\t1\n", 3, 2, "a tab after `-`"),
    ],
)
def test_a_construct_libyaml_refuses_is_named_with_what_to_write(
    text: str, line: int, column: int, hint: str
) -> None:
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text, "hand-edited.yaml")
    found = raised.value.first
    assert (found.file, found.line, found.column) == ("hand-edited.yaml", line, column)
    assert found.message.startswith("invalid YAML: ")  # libyaml's words, kept
    assert found.hint is not None
    assert hint in found.hint


def test_other_syntax_errors_get_no_made_up_hint() -> None:
    with pytest.raises(InvalidDocument) as raised:
        parse_text("kind: x\nv: [1,\n", "a.yaml")
    assert raised.value.first.hint is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("v: ! 12\n", "12"),
        ("v: ! true\n", "true"),
        ("v: ! null\n", "null"),
        ('v: ! "12"\n', "12"),
        ("v: [! 1, 2]\n", ["1", 2]),
        ("v: !!str 12\n", "12"),
        ("v: 12\n", 12),
        # Right after a quoted key's colon, as JSON spaces it: before round 40 the fast
        # reader gave 12 here, and the event reader "12" (found by the loaders' fuzzing).
        ('{"v":! 12}\n', "12"),
        ('{"v":!\n  12}\n', "12"),
    ],
)
def test_the_non_specific_tag_makes_text_in_both_readers(text: str, value: object) -> None:
    assert parse_text(text, "a.yaml").data == {"v": value}
    fast = compose_data(text, DEFAULT_LIMITS)
    assert fast is UNSURE or fast == {"v": value}


def test_an_exclamation_mark_in_prose_keeps_the_fast_reader() -> None:
    text = "v: well done! staff\nw: 'yes!'\n"
    assert compose_data(text, DEFAULT_LIMITS) == {"v": "well done! staff", "w": "yes!"}


def test_a_level_tagged_as_text_after_a_quoted_keys_colon_is_refused_where_it_stands(
    tmp_path: Path,
) -> None:
    """`{"1a1":! 2}` gives the text "2", not a level: `validate` says so at its line and
    column, exit 1. Before round 40 the fast reader took it for the level 2 and the file
    was valid, or not, by which reader read it."""
    review = tmp_path / "bang.yaml"
    review.write_text(
        "kind: assessment\nframework: becta-srf\nschool: {id: '1', name: S}\n"
        'assessed_on: 2026-01-01\njudgements: {"1a1":! 2}\n',
        encoding="utf-8",
    )
    done = selfreview_here(["validate", str(review)], cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.decode().splitlines()[0] == (
        f"{review}:5:20: error: judgements.1a1: expected a level or a mapping with `level`,"
        " got the text `2`"
    )
