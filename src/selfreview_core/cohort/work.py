"""A cohort command's private work: a temporary folder, and a DuckDB connection spilling
into it, opened on first use; both closed (the folder removed) on leaving the `with` block.

DuckDB is imported only when the connection is opened, so a command can hold its work
folder from the start and open the connection once its worker processes are started (a
forked process must not inherit DuckDB's threads), while they work: `collect` does.
"""

from __future__ import annotations

import errno
import gc
import os
import re
import shutil
import stat
import sys
import tempfile
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import TracebackType
from typing import TYPE_CHECKING, Final, Self

from ..errors import CohortMemoryError
from .interrupting import interrupted_query, unwatch
from .open_files import out_of_files

if TYPE_CHECKING:
    import duckdb

__all__ = [
    *("COUNTING", "WRITING", "WorkFolder", "close_left", "memory_error", "out_of_memory"),
    *("no_room", "no_room_to_spill", "staging_file"),
]

#: What a cohort command's DuckDB work is, said where it runs out of memory: the counting
#: of `benchmark`, `support` and `report --cohort`, and `collect`'s writing of its file
#: (which counts nothing: it said "counting" until round 63).
COUNTING: Final = "the cohort's counting"
WRITING: Final = "writing the cohort file"

#: What a full or capped file system says to a write: no room, a file too large (a limit of
#: its size, `ulimit -f`), over a quota, read-only.
_NO_ROOM: Final = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EROFS})
#: DuckDB's words for a block it could not write to its temporary folder, which had no room
#: (`max_temp_directory_size`, by default the room left on that folder's disk).
_OFFLOAD: Final = "failed to offload data block"
#: DuckDB's words for a write to a file that failed (its spill file past `ulimit -f`).
_WRITTEN: Final = re.compile(r'Could not write file "([^"\n]*)"')

#: Work folders open: a signal's `KeyboardInterrupt` raised as a `with` block's exit begins
#: (Python runs the handler at the first call after a query it interrupted returns) skips
#: that exit, and leaves its folder to the collector, or to `close_left`.
_open: weakref.WeakSet[WorkFolder] = weakref.WeakSet()


def close_left() -> None:
    """Close every work folder left open (before the process ends by a signal)."""
    for work in list(_open):
        work.close()


def _removed(folder: str) -> None:
    """A work folder removed, with all it holds (`WorkFolder.close`)."""
    shutil.rmtree(folder, ignore_errors=True)


def _removed_late(folder: str) -> None:
    """A work folder removed at exit, or by `close_left`, that could not be as the command
    failed: every descriptor the process may hold was in use (`ulimit -n`), some by what
    the failure's frames held (a pool half made, its pipes), freed once collected. Where
    even then `shutil.rmtree` finds too few (it holds two at least), by names, one
    descriptor at a time: the folder is the process's own (0700)."""
    gc.collect()
    shutil.rmtree(folder, ignore_errors=True)
    with suppress(OSError):
        _by_names(folder)


def _by_names(folder: str) -> None:
    for name in os.listdir(folder):  # its one descriptor closed before it returns
        path = os.path.join(folder, name)
        if stat.S_ISDIR(os.lstat(path).st_mode):
            _by_names(path)
        else:
            os.unlink(path)
    os.rmdir(folder)


def out_of_memory(
    error: BaseException | None, limit: str, doing: str = COUNTING
) -> CohortMemoryError | None:
    """DuckDB's `OutOfMemoryException` (its memory limit reached, spilling or not) told in
    our words, one line naming what ran out and the `limit` the query ran under (given by
    whoever set it: `support` reads within a lower one than the connection's, and was told
    the connection's) and what ran out (`doing`); None for any other error. It reached the
    user as an internal error (a cohort of a framework with a thousand strands)."""
    duckdb = sys.modules.get("duckdb")  # not loaded: not DuckDB's error
    if duckdb is None or not isinstance(error, duckdb.OutOfMemoryException):
        return None
    if _OFFLOAD in str(error):  # not memory: the folder it spills into (`no_room_to_spill`)
        return None
    return memory_error(limit, doing)


def no_room_to_spill(error: BaseException | None, folder: str, doing: str) -> OSError | None:
    """DuckDB's work past its memory limit that found no room in the work `folder` it
    spills into (a full temporary folder: DuckDB takes the room left on its disk as the
    most it may spill), said naming the folder and TMPDIR, as a work file without room
    is (`no_room`); None for any other error. DuckDB says it as running out of memory
    ("failed to offload data block"), and the command said "ran out of memory: DuckDB
    reached its limit of 160MB (try fewer schools at a time)": of a full disk, and of
    `collect`'s 100,000 schools, which fit in that memory (round 76)."""
    duckdb = sys.modules.get("duckdb")
    if duckdb is None:
        return None
    text, number, path = str(error), errno.ENOSPC, folder
    if isinstance(error, duckdb.OutOfMemoryException):
        if _OFFLOAD not in text:
            return None
    elif isinstance(error, duckdb.IOException) and folder in text:  # its file past `ulimit -f`
        found = [n for n in sorted(_NO_ROOM) if os.strerror(n) in text]
        if not found:
            return None
        number, named = found[0], _WRITTEN.search(text)
        path = named.group(1) if named else folder
    else:
        return None
    said = (
        f"{os.strerror(number)} ({doing} went past DuckDB's memory limit, into a "
        "cohort's work folder: TMPDIR names another folder for it)"
    )
    return OSError(number, said, path)


def memory_error(limit: str, doing: str = COUNTING) -> CohortMemoryError:
    """DuckDB's memory `limit` reached as the command was `doing` something, in our words
    (`out_of_memory`)."""
    error = CohortMemoryError(
        f"{doing} ran out of memory: DuckDB reached its limit of {limit}",
        hint="try fewer schools at a time",
        code="out-of-memory",
    )
    error.limit = limit
    return error


class WorkFolder:
    """A private temporary directory and a DuckDB connection spilling into it; closed (and
    removed) on leaving the `with` block. Running out of memory in it is said as running
    out of `doing` (`COUNTING`, `WRITING`), whichever limit was reached."""

    def __init__(self, doing: str = COUNTING) -> None:
        self.doing = doing
        self.con: duckdb.DuckDBPyConnection | None = None
        #: The memory limit the connection was opened with (`rows.MEMORY_LIMIT` then).
        self.limit = ""
        # Named, and its removal registered, before it is made (`tempfile`'s
        # `TemporaryDirectory` makes it first): a `kill` or Ctrl-C that lands as it is made
        # leaves no folder behind (`close_left`, or at exit), where one between `mkdtemp`
        # and the registration did.
        while True:
            self.folder = os.path.join(
                tempfile.gettempdir(), f"selfreview-cohort-{os.urandom(6).hex()}"
            )
            self._remove = weakref.finalize(self, _removed, self.folder)
            _open.add(self)
            try:
                os.mkdir(self.folder, 0o700)
            except FileExistsError:  # another's (one in 2^48): never ours to remove
                self._remove.detach()
                continue
            break

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
        descriptors = out_of_files(error)
        if descriptors is not None:
            raise descriptors from None
        spilled = no_room_to_spill(error, self.folder, self.doing)
        if spilled is not None:
            raise spilled from None
        if interrupted_query(error):  # a signal's: Ctrl-C's own, whatever DuckDB made of it
            raise KeyboardInterrupt from None
        if isinstance(error, CohortMemoryError) and self.doing != COUNTING:  # a lower limit's
            raise memory_error(error.limit, self.doing) from None
        told = out_of_memory(error, self.limit, self.doing)
        if told is not None:
            raise told from None

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened on first use (after any worker processes are started)."""
        if self.con is None:
            from . import rows

            self.limit = rows.MEMORY_LIMIT
            self.con = rows.connect(self.folder)
        return self.con

    def closed(self) -> bool:
        """Whether the connection, once opened, was closed since by someone else: plugin
        code runs while a command works in it (`support`'s reports), and can reach any
        object of the process. Asked only once something failed."""
        if self.con is None:
            return False
        import duckdb

        try:
            self.con.execute("SELECT 1")
        except duckdb.ConnectionException:
            return True
        return False

    def close(self) -> None:
        if self.con is not None:
            unwatch(self.con)
            self.con.close()
            self.con = None
        self._remove()  # the folder and all DuckDB spilled into it
        if os.path.lexists(self.folder):  # no descriptor was left to remove it with
            # (`ulimit -n` reached: the error's own frames still hold some), so again at
            # exit, or by `close_left`: it was left behind (round 77)
            self._remove = weakref.finalize(self, _removed_late, self.folder)
            return
        _open.discard(self)

    def path(self, name: str) -> str:
        return os.path.join(self.folder, name)


@contextmanager
def staging_file(path: str) -> Iterator[None]:
    """Writing the work folder's file `path` (the staged reviews): a write that found no
    room there names the file and where its folder is (`no_room`)."""
    try:
        yield
    except OSError as error:
        said = no_room(error, path)
        if said is None:
            raise
        raise said from None


def no_room(error: OSError, path: str) -> OSError | None:
    """A write to the work folder's file `path` that found no room there (`error`), said
    naming that file and TMPDIR; None for any other error, or one that names its file
    already. Python's error for a write names no file: the command said only "Error: File
    too large" (round 75, a staging file past `ulimit -f`; a full temporary folder
    likewise), with nothing to tell the user that the temporary folder, not an input or the
    output, was full. A `--jobs` worker's own file there (`staging`'s spool) is named as
    itself: it was said as the staging file (round 76)."""
    if error.filename is not None or error.errno not in _NO_ROOM:
        return None
    said = f"{error.strerror} (a cohort's work file: TMPDIR names another folder for it)"
    return OSError(error.errno, said, path)
