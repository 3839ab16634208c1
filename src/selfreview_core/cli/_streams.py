"""The program's standard streams: any text written to standard output, whatever the
locale, and both streams put out of the way once their reader has gone."""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
from contextlib import suppress

__all__ = [
    "every_character_printable",
    "feeds_itself",
    "flushed",
    "no_standard_output",
    "quiet_streams",
]


def quiet_streams() -> None:
    """Point standard output and error at nothing: their reader is gone, and output still
    buffered would fail again at exit with "Exception ignored ... Broken pipe"."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:  # pragma: no cover - no /dev/null
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError, AttributeError):  # not a real file (tests, IDEs)
            continue
    os.close(devnull)


def every_character_printable() -> None:
    """Standard output takes any text, whatever the locale says its encoding is.

    Redirected to a file or a pipe, it is written in UTF-8: what a report, a page or a
    JSON document written there holds is then the very bytes `-o FILE` writes (an HTML
    page says it is UTF-8; JSON must be), where Windows would otherwise write its code
    page 1252, and stop at the first character that has no place in it (a Welsh school's
    `Ŵ`, the descriptors' arrows). On a terminal, its own encoding is kept, and a character
    it cannot show is written as its escape (`\\u0174`), as standard error already does:
    UTF-8 on a Latin-1 terminal would reach it as 8-bit control codes.

    With none at all (the program started with it closed, `>&-`), it is one whose every
    write fails as a closed descriptor's does: a command then says "standard output: Bad
    file descriptor" and exits 1, where it said "Wrote standard output" and exited 0 with
    its work lost, or (`benchmark`, `support`, a batch's reports) told an internal error.
    With no standard error (`2>&-`) messages go nowhere, as asked: click wrote them to
    standard output, into the JSON or CSV a pipe reads there."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the run
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(_Closed(), encoding="utf-8", write_through=True)
    stream = sys.stdout
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:  # a program's own stream (an IDE's, a notebook's)
        return
    with suppress(ValueError, OSError):  # a stream closed, or one that cannot: as it is
        if stream.isatty():
            reconfigure(errors="backslashreplace")
        else:
            reconfigure(encoding="utf-8", errors="backslashreplace")


def feeds_itself() -> str | None:
    """Why standard output cannot be written, or None: it is a pipe opened to read as well
    as write (`1<>feed`), so the command holds its reading end, and never reads it. What a
    command prints there stays in the pipe and is lost; past what the pipe holds (64 KiB:
    `report examples/cohort --format json 1<>feed`) the command waited for ever (before
    round 80), as a descriptor so opened and named by `-o` did before round 73. The
    group's refusal (`CONFIG_REFUSED`), told by every command before its first line, exit
    2. That another program reads the pipe too cannot be told; opened to write only
    (`> feed`), it is written as any pipe. One `fstat`, and for a pipe a read of no bytes
    and a write of none, each refused (EBADF) where the descriptor is not open so, and
    returning at once where it is, whatever the pipe holds: what `fcntl(F_GETFL)` would
    say, without importing `fcntl` (1.1 M instructions, on every command printing into a
    pipe). None where there is no descriptor (a program's own stream), and off POSIX
    systems (Windows), where a read or write of no bytes is not known to be refused by what
    the handle is open for (it may return at once, and every pipe be refused), and whose
    shells open no pipe so."""
    if os.name != "posix":
        return None
    try:
        number = sys.stdout.fileno()
        if not stat.S_ISFIFO(os.fstat(number).st_mode):  # a file or terminal: no more
            return None
        os.read(number, 0)  # open to write only (every pipe `|` gives): EBADF
        os.write(number, b"")  # open to read only: EBADF
    except (AttributeError, OSError, ValueError):
        return None
    return (
        "standard output is open to read a pipe as well as write it (`1<>`): what is "
        "written there goes into a pipe the command holds to read, and never reads, so "
        "nothing was written (send it to a file, or open the pipe to write only, `>`, "
        "where another program reads it)"
    )


def flushed() -> bool:
    """Both standard streams flushed; False if one could not be (its reader gone, the
    stream closed), in which case the usual way out deals with it."""
    done = True
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            done = False
    return done


class _Closed(io.RawIOBase):
    """Standard output that is not there: writing to it fails, naming it."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise no_standard_output()


def no_standard_output() -> OSError:
    """What writing to a standard output that is not there raises: a closed descriptor's
    error, naming it, so that it is told as a full disk is."""
    return OSError(errno.EBADF, os.strerror(errno.EBADF), "standard output")
