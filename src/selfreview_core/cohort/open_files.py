"""A cohort command that ran out of open files, said as that: what ran out, the file it was
opening, and what to do.

A process may hold only so many files, pipes and sockets open at once (`ulimit -n`, as low
as 256 on some systems and in some containers). A cohort command holds a few dozen at the
most whatever its input (each input is opened one at a time), but its worker processes'
pipes, DuckDB's files and the output add up, and under a low limit the command ended with
"Error: Too many open files", "Error: /…/concurrent/__init__.py: Too many open files" (a
module imported as the limit was reached), or DuckDB's own `IOException` as an internal
error, its traceback and all; nothing said which limit it was or what to change (round
76's report). It is now one line, exit 1, naming the file being opened where there is
one, the limit, and what to do. The system's own limit (ENFILE, every program's files
together) is said as the system's.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

__all__ = ["open_files_said", "out_of_files", "stop_if_out_of_files"]

#: The errors of a process (EMFILE) or of the system (ENFILE) out of open files.
_OUT: Final = frozenset({errno.EMFILE, errno.ENFILE})
#: DuckDB's words for a file it could not open, and which: "Cannot open file "X": Too many
#: open files" (its message holds the system's own words for the error).
_DUCKDB_FILE: Final = re.compile(r'[Oo]pen (?:file|directory) "([^"\n]*)"')
#: What every message of ours says, so that an error said once is not said again.
_TOLD: Final = "ulimit -n"


def _limit() -> int | None:
    """The open files this process may hold (its soft limit); None where it cannot be told."""
    try:
        import resource
    except ImportError:  # not POSIX
        return None
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return None if soft == resource.RLIM_INFINITY else int(soft)


def stop_if_out_of_files(number: int | None, file: str | None) -> None:
    """Raise the `OSError` of `number` for `file` when it is this process, or the system,
    out of open files: no fault of the file's, and every file after it would fail too, so a
    cohort command stops there (`out_of_files` says what ran out) where it would skip the
    file and leave its schools out. Known by the system's number a refusal carries
    (`SelfReviewError.errno`, `Skipped.errno`; round 79), not by the words it is told in
    (round 78), nor by the exception behind it (round 77's `staging`)."""
    if number is not None and number in _OUT:
        raise OSError(number, os.strerror(number), file)


def out_of_files(error: BaseException | None) -> OSError | None:
    """`error` told as the process, or the system, out of open files (`OSError`, naming the
    file being opened where it is known), or None for any other error: an `OSError` whose
    number says so, or DuckDB's error holding the system's words for it."""
    if isinstance(error, OSError) and error.errno in _OUT:
        if _TOLD in (error.strerror or ""):  # said already
            return None
        number, path = error.errno, error.filename
    else:
        duckdb = sys.modules.get("duckdb")  # not loaded: not DuckDB's error
        text = str(error)
        if duckdb is None or not isinstance(error, duckdb.Error):
            return None
        # the system's words first: they hold the process's ("… in system")
        found = [n for n in (errno.ENFILE, errno.EMFILE) if _words(n) in text]
        if not found:
            return None
        named = _DUCKDB_FILE.search(text)
        number, path = found[0], named.group(1) if named else None
    return OSError(number, _said(number), path)


def _words(number: int) -> str:
    return os.strerror(number)


def _said(number: int) -> str:
    """The error's words, what ran out and what to do."""
    limit = _limit()
    if number == errno.ENFILE:
        return (
            f"{_words(number)}: the system's open files are all in use, by every program "
            f"together (this one may hold {limit or 'more'}, `{_TOLD}`): close some "
            "programs, or raise the system's limit, and run the command again"
        )
    held = f"{limit:,} at once" if limit else "no more"
    more = max(1024, 4 * (limit or 256))
    return (
        f"{_words(number)}: this command may hold {held} (`{_TOLD}`), and needed more: "
        f"raise that limit (`{_TOLD} {more}`), or give fewer --jobs, and run it again"
    )


@contextmanager
def open_files_said() -> Iterator[None]:
    """A cohort command's work: running out of open files in it said as that
    (`out_of_files`)."""
    try:
        yield
    except Exception as error:
        told = out_of_files(error)
        if told is None:
            raise
        raise told from None
