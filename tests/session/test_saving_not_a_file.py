"""A session's file replaced mid-session by something that is no file and no folder: a named
pipe, a socket, a link to no file (SPEC section 7: `assess` never loses an answer already
given, and says why it did not save).

Before round 81 each was told as another program's change: "was changed by another program
... Compare the two files", where there is one file. The answers were kept beside it then
too; now the words say what is there, and the hint is the one for a file removed (`mv` of
the answers over a pipe or a link puts them back), as round 80 did for a folder
(tests/session/test_saving_folder.py)."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from selfreview_core import Framework, load_assessment
from selfreview_core.session.saving import ReviewFile
from session.test_saving import HEADER, assess, at_the_rename

SAID = (
    "{out} was replaced by {what} since this session read it, so this session did not "
    "save there. Your answers are in {kept}."
)
HINT = "Move {kept} to {out} (or give it as -o), then run the command again."


def _pipe(out: Path) -> None:
    out.unlink()
    os.mkfifo(out)


def _socket(out: Path) -> None:
    out.unlink()
    with socket.socket(socket.AF_UNIX) as bound:
        bound.bind(os.fspath(out))


def _link_to_nothing(out: Path) -> None:
    out.unlink()
    out.symlink_to("gone.yaml")


def _link_to_itself(out: Path) -> None:
    out.unlink()
    out.symlink_to(out.name)


_PUT: dict[str, tuple[Callable[[Path], None], str, Callable[[Path], bool]]] = {
    "pipe": (_pipe, "a named pipe", lambda out: stat.S_ISFIFO(out.lstat().st_mode)),
    "socket": (_socket, "a socket", lambda out: stat.S_ISSOCK(out.lstat().st_mode)),
    "link to nothing": (
        _link_to_nothing,
        "a link to no file",
        lambda out: os.readlink(out) == "gone.yaml",
    ),
    "link to itself": (
        _link_to_itself,
        "a link to no file",
        lambda out: os.readlink(out) == out.name,
    ),
}


def _before_the_save(monkeypatch: pytest.MonkeyPatch, put: Callable[[], None]) -> None:
    """`put` runs once, as the session's next save begins (before its check)."""
    saving = ReviewFile.save
    pending = [put]

    def save(self: ReviewFile, data: bytes) -> str | None:
        if pending:
            pending.pop()()
        return saving(self, data)

    monkeypatch.setattr(ReviewFile, "save", save)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and sockets (POSIX)")
@pytest.mark.parametrize("when", ["before the save", "at the rename"])
@pytest.mark.parametrize("kind", list(_PUT))
def test_a_file_replaced_by_no_file_mid_session_loses_no_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, becta: Framework, kind: str, when: str
) -> None:
    """Exit 1, the two lines naming the file, what is there and where the answers are; the
    answers all beside, and what was put there as it was."""
    put, what, still = _PUT[kind]
    out = tmp_path / "review.yaml"
    assert assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first", "q"]).exit_code == 0
    if when == "at the rename":
        at_the_rename(monkeypatch, out, lambda: put(out))
    else:
        _before_the_save(monkeypatch, lambda: put(out))
    result = assess("becta-srf", "-o", str(out), answers=["3", "mine", "q"])
    assert result.exit_code == 1
    [kept] = [p for p in tmp_path.iterdir() if p.name != out.name]
    assert kept.name.startswith("review.yaml.conflict-")
    assert result.stderr.splitlines()[-2:] == [
        SAID.format(out=out, what=what, kept=kept),
        HINT.format(out=out, kept=kept),
    ]
    mine = load_assessment(kept, becta)
    assert (mine.level("1a1"), mine.level("1a2")) == (4, 3)
    assert still(out)
