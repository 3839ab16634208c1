"""What the exception root and its document paths (errors.py) promise, and the bug round 42
found in them: a key ending in a line break (`"1b2\\n"`, which JSON writes) was written into a
path as a plain key, `judgements.1b2` and a raw line break, since `$` matches before a final
newline; every other key that is not plain is quoted, as `judgements["1b2 "]` is.

Pinned besides, where the pass found no test: an error's location as attributes (the first
diagnostic's), what its message says, a diagnostic's parts, and a frozen `Skipped`."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from program import selfreview_here
from selfreview_core.errors import (
    Diagnostic,
    InvalidDocument,
    SelfReviewError,
    Skipped,
    format_path,
)


@pytest.mark.parametrize(
    ("key", "written"),
    [
        ("1b2\n", 'judgements["1b2\n"]'),
        ("1b2\r\n", 'judgements["1b2\r\n"]'),
        ("1b2 ", 'judgements["1b2 "]'),
        ("1b2", "judgements.1b2"),
        ("_a-b", "judgements._a-b"),
        ("-a", 'judgements["-a"]'),
        ('a"b\\', 'judgements["a\\"b\\\\"]'),
    ],
    ids=ascii,
)
def test_a_key_is_written_plain_only_when_all_of_it_is_plain(key: str, written: str) -> None:
    assert format_path(("judgements", key)) == written


def test_a_path_starts_with_its_first_key_and_numbers_places_in_lists() -> None:
    assert format_path(("elements", 0, "aspects", 1, "levels", 5)) == (
        "elements[0].aspects[1].levels[5]"
    )
    assert format_path(("a\n", 0)) == '["a\n"][0]'
    assert format_path(()) == ""


def test_validate_names_a_strand_key_ending_in_a_line_break_by_its_quoted_path(
    tmp_path: Path,
) -> None:
    """Before round 42, `validate --format json` gave the path `judgements.1b2` and a line
    break, which an editor reading the path cannot find, and the terminal `judgements.1b2\\n`."""
    document = {
        "kind": "assessment",
        "framework": "becta-srf@2010",
        "school": {"id": "1", "name": "One"},
        "assessed_on": "2026-01-01",
        "judgements": {"1a1": 2, "1a2\n": 3},
    }
    (tmp_path / "a.json").write_text(json.dumps(document), encoding="utf-8")
    done = selfreview_here(["validate", "--format", "json", "a.json"], cwd=tmp_path)
    assert done.returncode == 1, done.stderr.decode()
    (error,) = json.loads(done.stdout)["files"][0]["errors"]
    assert error["path"] == 'judgements["1a2\n"]'
    assert (error["file"], error["line"]) == ("a.json", 1)
    done = selfreview_here(["validate", "a.json"], cwd=tmp_path)
    out = done.stdout.decode() + done.stderr.decode()
    assert done.returncode == 1
    assert "a.json:1:" in out
    assert ': judgements["1a2\\n"]: `1a2\\n` is not a strand' in out


def test_an_error_made_of_a_message_carries_its_location_as_attributes() -> None:
    """SPEC: errors carry file, line, column and document path as attributes, so that an
    editor integration or a test need not parse the message."""
    error = InvalidDocument(
        "level 9 is outside the scale",
        file="a.yaml",
        line=3,
        column=7,
        path="judgements.1a1",
        hint="1 (best) .. 5 (worst)",
        code="level",
    )
    assert (error.file, error.line, error.column, error.path, error.hint) == (
        "a.yaml",
        3,
        7,
        "judgements.1a1",
        "1 (best) .. 5 (worst)",
    )
    assert error.first == Diagnostic(
        "level 9 is outside the scale",
        "a.yaml",
        3,
        7,
        "judgements.1a1",
        "1 (best) .. 5 (worst)",
        "level",
    )
    assert error.diagnostics == (error.first,)
    assert str(error) == (
        "a.yaml:3:7: judgements.1a1: level 9 is outside the scale (1 (best) .. 5 (worst))"
    )


def test_an_error_of_many_diagnostics_is_located_at_the_first_and_says_them_all() -> None:
    first = Diagnostic("one", "a.yaml", 1, 2, "x", "h1")
    second = Diagnostic("two", "b.yaml", 5, 6, "y")
    error = SelfReviewError([first, second])
    assert error.diagnostics == (first, second)
    assert (error.file, error.line, error.column, error.path, error.hint) == (
        "a.yaml",
        1,
        2,
        "x",
        "h1",
    )
    assert str(error) == "a.yaml:1:2: x: one (h1)\nb.yaml:5:6: y: two"
    with pytest.raises(ValueError, match="at least one diagnostic"):
        SelfReviewError([])


def test_a_diagnostic_says_only_the_parts_it_has() -> None:
    assert str(Diagnostic("bad")) == "bad"
    assert str(Diagnostic("bad", hint="try this")) == "bad (try this)"
    assert str(Diagnostic("bad", "f.json", None, 4)) == "f.json:4: bad"
    assert str(Diagnostic("bad", line=2, path="a[0]")) == "2: a[0]: bad"
    assert Diagnostic("bad", "f", 1, 2, "p", "h", "c").to_dict() == {
        "message": "bad",
        "file": "f",
        "line": 1,
        "column": 2,
        "path": "p",
        "hint": "h",
        "code": "c",
    }


def test_what_a_batch_skipped_cannot_be_changed_once_made() -> None:
    skipped = Skipped("a.jsonl:3", (Diagnostic("bad", "a.jsonl", 3, 1),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        skipped.file = "b.jsonl"  # type: ignore[misc]
    assert hash(skipped) == hash(Skipped("a.jsonl:3", (Diagnostic("bad", "a.jsonl", 3, 1),)))
