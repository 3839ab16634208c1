"""Behaviours of `typed_text` that a mutation pass (round 44) found no test pinned, and a
bug it led to: `assess --school-id` given bytes that were not UTF-8 was told "an id has no
spaces and no `@`", which it had not (the format's id check refuses such text too, and was
asked first); the prompt and the other options said "that was not UTF-8 text"."""

from __future__ import annotations

from pathlib import Path

import pytest

from program import selfreview
from selfreview_core.typed_text import id_problem, text_problem


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1000\x1b[2J01", "control characters (here U+001B) cannot be kept"),
        ("100\u202e001", "control characters (here U+202E) cannot be kept"),
        ("100\x85001", "control characters (here U+0085) cannot be kept"),
        ("\udcff\udcfe100001", "that was not UTF-8 text"),
        ("100\udcff", "that was not UTF-8 text"),
        ("my school", "an id has no spaces and no `@` (a URN such as 100000 is a good id)"),
        ("a\tb", "an id has no spaces and no `@` (a URN such as 100000 is a good id)"),
        ("head@school", "an id has no spaces and no `@` (a URN such as 100000 is a good id)"),
        ("100001", None),
        ("école-3", None),
    ],
)
def test_an_id_is_refused_for_what_it_holds(text: str, problem: str | None) -> None:
    assert id_problem(text) == problem
    if problem is not None and not problem.startswith("an id"):
        assert text_problem(text) == problem


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (b"\xff\xfe100001", b"that was not UTF-8 text"),
        (b"100\x1b[2J001", b"control characters (here U+001B) cannot be kept"),
        (b"100 001", b"an id has no spaces and no `@`"),
    ],
)
def test_a_school_id_option_that_cannot_be_kept_says_why_and_writes_nothing(
    tmp_path: Path, value: bytes, said: bytes
) -> None:
    out = tmp_path / "review.yaml"
    args = ["assess", "becta-srf", "-o", str(out), "--school-name", "S", "--school-id"]
    done = selfreview([*(a.encode() for a in args), value], cwd=tmp_path)  # type: ignore[list-item]
    assert done.returncode == 2
    assert b"Invalid value for --school-id: " + said in done.stderr
    assert b"Traceback" not in done.stderr
    assert done.stdout == b""
    assert list(tmp_path.iterdir()) == []
