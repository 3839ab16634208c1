"""A session's file on disk: read once, then saved at every answer, never over another's save.

The file is the session's own state, and other programs may write it too: another session
on the same file, an editor, a sync tool, `selfreview combine`. So before each save the
session compares what is on disk with what it last read or wrote (by content, not by time);
if they differ it saves its own version beside the file instead (`NAME.conflict-TIME.yaml`,
never over anything) and stops, saying where the answers are. The same comparison is made
again once the new file is on disk, just before it is renamed over the old one
(`atomic.write_atomic`'s `unchanged`, as `combine` does): before round 71 a save another
program made while this one wrote and flushed its own was replaced. An answer is never
lost: if even the file beside cannot be written, the review is shown on the terminal.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import NoReturn

from ..errors import SelfReviewError, SessionNotSaved, TurnNotHad
from ..files.limits import readable_back
from ..files.source import read_bytes
from ..outputs.writing import names_beside, write_atomic, write_new
from .comments import keep_comments

__all__ = ["ReviewFile"]


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


@dataclass(slots=True)
class ReviewFile:
    """The file at `path` as one session knows it: what it last read or wrote there."""

    path: Path
    #: Where the review is shown when it cannot be saved anywhere.
    say: Callable[[str], None]
    now: Callable[[], dt.datetime]  # names a file beside (tests fix it)
    #: Whether the file has been read (`remember`); a session given an assessment without
    #: `start` reads it at its first question.
    read: bool = field(default=False, init=False)
    #: The digest of the file as last read or written; None: no file.
    _seen: bytes | None = field(default=None, init=False, repr=False)
    #: The file as last read or written: its comments are put back at each save.
    _original: bytes | None = field(default=None, init=False, repr=False)

    def on_disk(self) -> bytes | None:
        """The file's bytes, or None if there is none."""
        return read_bytes(os.fspath(self.path)) if os.path.lexists(self.path) else None

    def remember(self, data: bytes | None) -> None:
        """`data` is the file as this session now knows it (None: there is none)."""
        self._seen, self._original = None if data is None else _digest(data), data
        self.read = True

    def save(self, data: bytes) -> str | None:
        """Write `data` over the file, unless another program changed it since this session
        read it (then `SessionNotSaved`, `data` saved beside it). Returns the note of
        comments that could not be kept in place, if any (`keep_comments`)."""
        self._unchanged(data)
        try:
            data, note = keep_comments(self._original, data, self.names_beside("comments"))
            checked = readable_back(data, "the review")  # 11 MB pasted
            write_atomic(self.path, checked, unchanged=partial(self._unchanged, data))
        except OSError as error:
            self._keep_beside(data, failed=error)
        self.remember(data)
        return note

    def _unchanged(self, data: bytes) -> None:
        """Nothing if the file is as this session last read or wrote it; else `data` is kept
        beside it and the session stops. Asked before a save, and again just before the
        rename, when another program's save would otherwise be replaced."""
        try:
            current = self.on_disk()
        except SelfReviewError:
            if os.path.isdir(self.path):  # no file to compare, nor to save over
                self._keep_beside(data, folder=True)
            if (there := _not_a_file(self.path)) is not None:
                self._keep_beside(data, other=there)
            current = b""  # unreadable now: something else has it
        if (None if current is None else _digest(current)) != self._seen:
            self._keep_beside(data, removed=current is None)

    def names_beside(self, word: str) -> Iterator[Path]:
        """`NAME.WORD-TIME.EXT`, then numbered: names beside the file (`names_beside`)."""
        return names_beside(self.path, word, self.now())

    def _keep_beside(
        self,
        data: bytes,
        *,
        removed: bool = False,
        failed: OSError | None = None,
        folder: bool = False,
        other: str | None = None,
    ) -> NoReturn:
        """Save `data` beside the file, never over anything, and stop saying what to do."""
        file = os.fspath(self.path)
        what = _not_saved_why(file, removed=removed, failed=failed, folder=folder, other=other)
        beside: Path | None = None
        try:
            beside = write_new(self.names_beside("unsaved" if failed else "conflict"), data)
        except OSError as error:
            self.say(
                f"\n{what}, and your answers could not be saved beside it either "
                f"({error.strerror or error}). Here is your review so far; keep it in a file:"
                f"\n\n{data.decode('utf-8')}"
            )
        changed = not (failed or removed or folder or other)
        raise _not_saved(
            os.fspath(self.path), what, beside, changed=changed, failed=failed, folder=folder
        )


def _not_a_file(path: Path) -> str | None:
    """What stands where a session's file was, if it is no file and no folder: a named
    pipe, a device, a socket, a link to no file (or to itself); else None. Each was told
    as another program's change before round 81 ("Compare the two files"), where there is
    one file; `mv` of the answers over it puts them back, as for a file removed."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "a link to no file" if os.path.islink(path) else None
    except ValueError:  # pragma: no cover - a name no file can hold: none was read there
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else None


def _not_saved_why(
    file: str,
    *,
    removed: bool = False,
    failed: OSError | None = None,
    folder: bool = False,
    other: str | None = None,
) -> str:
    """Why a session did not save its file: it could not, or another program removed or
    changed it since the session read it, or put a folder (or `other`, `_not_a_file`) in
    its place. (A folder was told as a change, "Compare the two files", before round 80.)"""
    if failed is not None:
        return f"{file} could not be saved ({failed.strerror or failed})"
    if folder:
        return (
            f"{file} was replaced by a folder since this session read it, so this session "
            "did not save there"
        )
    if other is not None:
        return (
            f"{file} was replaced by {other} since this session read it, so this session "
            "did not save there"
        )
    if removed:
        return f"{file} was removed or renamed by another program since this session read it"
    return (
        f"{file} was changed by another program since this session read it (another "
        "`selfreview assess` or `combine`, an editor, a sync tool), so this session did not "
        "save over it"
    )


def _not_saved(
    file: str,
    what: str,
    beside: Path | None,
    *,
    changed: bool,
    failed: OSError | None = None,
    folder: bool = False,
) -> SessionNotSaved:
    """The session's stop when it did not save `file` (`what`, `_not_saved_why`): where its
    answers are (`beside`, or shown above when even that failed) and what to do (`failed`:
    why it could not be written; too large to read back, `limits.readable_back`: less)."""
    if failed is not None and failed.errno == errno.EFBIG:
        hint = (
            f"Shorten the longest text (evidence, a name) in {beside or 'the review shown'}, "
            f"put it in {file}, then run the command again."
        )
    elif folder:
        hint = (
            f"Move the folder {file} out of the way, then {beside or 'the review shown'} to "
            f"{file} (or give -o another file), then run the command again."
        )
    elif beside is None:
        hint = f"Put them in {file} (or give -o another file), then run the command again."
    elif isinstance(failed, TurnNotHad):  # its save may yet land: moving over it loses it
        hint = (
            f"Once that process has gone on or ended, compare {file} with {beside}, keep "
            f"what you want in {file}, then run the same command again to go on."
        )
    elif changed:
        hint = (
            f"Compare the two files, keep what you want in {file}, then run the same "
            "command again to go on."
        )
    else:
        hint = f"Move {beside} to {file} (or give it as -o), then run the command again."
    where = f"Your answers are in {beside}." if beside else "Your answers are shown above."
    return SessionNotSaved(f"{what}. {where}", file=file, hint=hint, saved_as=beside)
