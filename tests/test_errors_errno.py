"""The system's number for why a file could not be read, carried by the error and by the
skip made of it (round 79): a caller tells want of descriptors from a fault of the file
by it. Added without breaking what was there: `Skipped` and every `SelfReviewError` are
made as before, and compare as before."""

from __future__ import annotations

import errno
import os
import pickle
from pathlib import Path

import pytest

from selfreview_core import InvalidDocument, SelfReviewError
from selfreview_core.errors import Diagnostic, Skipped
from selfreview_core.files.json_lines import file_spans
from selfreview_core.files.source import open_regular, unreadable


def test_made_as_before_an_error_and_a_skip_carry_no_number() -> None:
    said = (Diagnostic("bad", "a.jsonl", 3, 1),)
    assert Skipped("a.jsonl:3", said).errno is None
    assert InvalidDocument("bad", file="a.yaml").errno is None
    assert SelfReviewError(said).errno is None


def test_the_number_leaves_equality_as_it_was() -> None:
    """The same input skipped for the same reasons is the same skip (a set of them, or a
    test's expected list, is unchanged)."""
    said = (Diagnostic("cannot read: x", "a.jsonl", None, None, code="unreadable"),)
    told = Skipped("a.jsonl", said, errno.EMFILE)
    assert told == Skipped("a.jsonl", said)
    assert hash(told) == hash(Skipped("a.jsonl", said))


def test_a_file_the_system_refuses_carries_its_number(tmp_path: Path) -> None:
    for number in (errno.EMFILE, errno.ENFILE, errno.EACCES, errno.EIO):
        found = unreadable(str(tmp_path / "a.jsonl"), OSError(number, os.strerror(number)))
        assert (found.errno, found.file, found.first.code) == (
            number,
            str(tmp_path / "a.jsonl"),
            "unreadable",
        )
    missing = str(tmp_path / "missing.jsonl")
    with pytest.raises(InvalidDocument, match="cannot read") as raised:
        open_regular(missing)
    assert (raised.value.errno, raised.value.file) == (errno.ENOENT, missing)


def test_the_skip_of_a_json_lines_file_carries_its_number(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.jsonl")
    (skipped,) = file_spans(missing, lambda left: 1 << 16)
    assert isinstance(skipped, Skipped)
    assert (skipped.file, skipped.errno) == (missing, errno.ENOENT)


def test_the_number_crosses_to_a_worker_and_back() -> None:
    """Errors and skips are pickled between a cohort's workers and the command."""
    found = unreadable("a.jsonl", OSError(errno.EMFILE, os.strerror(errno.EMFILE)))
    back = pickle.loads(pickle.dumps(found))
    assert (type(back), back.errno, back.diagnostics) == (
        InvalidDocument,
        errno.EMFILE,
        found.diagnostics,
    )
    skipped = Skipped("a.jsonl", found.diagnostics, found.errno)
    assert pickle.loads(pickle.dumps(skipped)).errno == errno.EMFILE
