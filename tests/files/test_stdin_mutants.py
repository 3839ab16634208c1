"""`files.stdin`: behaviour the project's mutation pass (round 34) found no test pinning
down. Standard input is read only when a command line says `-`."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from program import decoded, selfreview
from selfreview_core.errors import InvalidDocument
from selfreview_core.files.limits import Limits
from selfreview_core.files.source import read_bytes
from selfreview_core.files.stdin import claim_stdin, release_stdin

ROOT = Path(__file__).resolve().parents[2]


def test_a_file_named_like_standard_input_is_read_as_the_file_it_is(tmp_path: Path) -> None:
    """A fresh process, no `-` given: `<stdin>` on the command line is a file of that name,
    read from disk (standard input, here empty, is not read)."""
    shutil.copyfile(ROOT / "examples" / "example-primary-2026.yaml", tmp_path / "<stdin>")
    done = decoded(selfreview(["validate", "<stdin>"], cwd=tmp_path, stdin=subprocess.DEVNULL))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("<stdin>: ok: assessment of becta-srf@2010")


@pytest.mark.parametrize(
    ("stdin", "read"),
    [
        (io.StringIO("kind: assessment\nnote: café\n"), "kind: assessment\nnote: café\n"),
        (None, ""),
    ],
    ids=["a-text-stream", "none"],
)
def test_standard_input_without_bytes_is_read_as_its_text_in_utf_8(
    monkeypatch: pytest.MonkeyPatch, stdin: io.StringIO | None, read: str
) -> None:
    """A program (or test) may replace standard input with a text stream, or have none (a
    GUI launcher): `-` then reads that text, as UTF-8, or nothing (`the file is empty`)."""
    monkeypatch.setattr(sys, "stdin", stdin)
    name = claim_stdin()
    try:
        assert read_bytes(name) == read.encode("utf-8")
    finally:
        release_stdin()


def test_standard_input_as_text_over_the_size_limit_is_refused_not_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Read one past the limit, so that text too big is refused, never read short."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("kind: assessment\n"))  # 17 characters
    name = claim_stdin()
    try:
        with pytest.raises(
            InvalidDocument, match="the file is more than 16 bytes; the limit is 16"
        ):
            read_bytes(name, Limits(max_bytes=16))
    finally:
        release_stdin()
    monkeypatch.setattr(sys, "stdin", io.StringIO("kind: assessment\n"))
    name = claim_stdin()
    try:
        assert read_bytes(name, Limits(max_bytes=17)) == b"kind: assessment\n"
    finally:
        release_stdin()


def test_standard_input_over_the_limit_is_said_to_be_more_never_given_a_size_it_is_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only one byte past the limit is read, so its size is not known: 30 bytes are said to
    be more than the limit of 16, never 17 bytes."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("kind: assessment\n" + "#" * 13))
    name = claim_stdin()
    try:
        with pytest.raises(InvalidDocument) as refused:
            read_bytes(name, Limits(max_bytes=16))
    finally:
        release_stdin()
    assert refused.value.first.message == "the file is more than 16 bytes; the limit is 16"
    assert refused.value.first.code == "too-large"
