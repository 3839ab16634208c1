"""A program driving `Session` on a device or a named pipe, pinned where a mutation pass
(round 73) found `Session.start`'s check of a file read again untested: since round 72 a
named pipe nothing reads is refused by the output check whatever the caller, in the same
code, so the one test of it could not tell. The review is read again on the next run, so a
device (`/dev/null`) or a named pipe is refused for that, before a question, nothing
written."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from selfreview_core import Framework
from selfreview_core.errors import OutputRefused
from selfreview_core.session.review import Header, Session

READ_AGAIN = (
    "is not a regular file (a device or a named pipe), but this file is read again on the next run"
)


@pytest.mark.skipif(sys.platform == "win32", reason="/dev/null, named pipes: POSIX")
@pytest.mark.parametrize("kind", ["/dev/null", "a named pipe"])
def test_a_session_on_a_device_or_a_named_pipe_is_refused_as_read_again(
    tmp_path: Path, becta: Framework, kind: str
) -> None:
    path = Path("/dev/null")
    if kind == "a named pipe":
        path = tmp_path / "review.yaml"
        os.mkfifo(path)
    asked: list[str] = []

    def ask(prompt: str, default: str) -> str:
        asked.append(prompt)
        return "q"

    review = Session(becta, path, ask=ask, say=lambda text: None)
    with pytest.raises(OutputRefused) as raised:
        review.start(Header("100001", "Piped School"))
    assert raised.value.first.message == f"`{path}` {READ_AGAIN}"
    assert raised.value.hint == "give a file name"
    assert asked == []
    assert not review.saved
    assert [p.name for p in tmp_path.iterdir()] == ([] if kind == "/dev/null" else [path.name])
