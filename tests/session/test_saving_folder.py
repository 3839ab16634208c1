"""A session's file replaced by a folder mid-session (SPEC section 7: `assess` never loses an
answer already given, and says why it did not save).

Before round 80 the folder was told as another program's change: "was changed by another
program ... Compare the two files", where there is one file and a folder. The answers were
kept beside it then too; now the words say what is there, and the hint how to put them
back (a folder cannot be saved over, nor moved onto by `mv` without going into it)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from selfreview_core import Framework, load_assessment
from selfreview_core.errors import SessionNotSaved
from selfreview_core.session.saving import ReviewFile
from session.test_saving import HEADER, assess, at_the_rename

SAID = (
    "{out} was replaced by a folder since this session read it, so this session did not "
    "save there. Your answers are in {kept}."
)
HINT = (
    "Move the folder {out} out of the way, then {kept} to {out} (or give -o another file), "
    "then run the command again."
)


def _folder(out: Path) -> None:
    out.unlink()
    out.mkdir()
    (out / "theirs.txt").write_bytes(b"kept\n")


def _before_the_save(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    """`out` made a folder once, as the session's next save begins (before its check)."""
    saving = ReviewFile.save
    pending: list[Callable[[Path], None]] = [_folder]

    def save(self: ReviewFile, data: bytes) -> str | None:
        if pending:
            pending.pop()(out)
        return saving(self, data)

    monkeypatch.setattr(ReviewFile, "save", save)


@pytest.mark.parametrize("when", ["before the save", "at the rename"])
def test_a_file_replaced_by_a_folder_mid_session_loses_no_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, becta: Framework, when: str
) -> None:
    """Exit 1, the two lines naming the file, the folder and where the answers are; the
    answers all beside, the folder and what it holds as they were."""
    out = tmp_path / "review.yaml"
    assert assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first", "q"]).exit_code == 0
    if when == "at the rename":
        at_the_rename(monkeypatch, out, lambda: _folder(out))
    else:
        _before_the_save(monkeypatch, out)
    result = assess("becta-srf", "-o", str(out), answers=["3", "mine", "q"])
    assert result.exit_code == 1
    [kept] = [p for p in tmp_path.iterdir() if p.is_file()]
    assert kept.name.startswith("review.yaml.conflict-")
    assert result.stderr.splitlines()[-2:] == [
        SAID.format(out=out, kept=kept),
        HINT.format(out=out, kept=kept),
    ]
    mine = load_assessment(kept, becta)
    assert (mine.level("1a1"), mine.level("1a2")) == (4, 3)
    assert [p.name for p in out.iterdir()] == ["theirs.txt"]
    assert (out / "theirs.txt").read_bytes() == b"kept\n"


def test_the_library_error_names_the_file_and_where_the_answers_are(tmp_path: Path) -> None:
    """`SessionNotSaved` for a library caller: its file, `saved_as`, the hint; not a change."""
    out = tmp_path / "review.yaml"
    out.write_bytes(b"a: 1\n")
    review = ReviewFile(out, say=print, now=lambda: dt.datetime(2026, 1, 1))
    review.remember(out.read_bytes())
    _folder(out)
    with pytest.raises(SessionNotSaved) as raised:
        review.save(b"a: 2\n")
    error = raised.value
    kept = tmp_path / "review.yaml.conflict-20260101T000000.yaml"
    assert error.saved_as == kept
    assert kept.read_bytes() == b"a: 2\n"
    assert error.first.message == SAID.format(out=out, kept=kept)
    assert error.hint == HINT.format(out=out, kept=kept)
    assert error.first.file == os.fspath(out)
