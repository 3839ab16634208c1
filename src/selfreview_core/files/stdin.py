"""Standard input as one more file: a command line's `-`, read once, named `<stdin>`.

A file argument of `-` is the shell's way of saying "read what is piped in" (`cat
school.yaml | selfreview report -`). The command line claims standard input
(`claim_stdin`) and passes the name `<stdin>` on; every reader then reads it as it reads a
file (`source.read_bytes`), and every message names it `<stdin>`. It is read once, when
first asked for, within the same size cap as a file, and kept: a command that reads its
input twice (to tell its kind, then to load it) gets the same bytes.

Only a claimed `<stdin>` is standard input: a library caller who names a file `<stdin>`
gets that file. `/dev/stdin` stays refused, as every named pipe is (it may never end, and
reading one is not what a file argument usually means): `-` is the supported way.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import Final

from .._names import STDIN_NAME

__all__ = [
    "STDIN_CLOSED",
    "STDIN_FEEDS_ITSELF",
    "STDIN_NAME",
    "STDIN_WRITE_ONLY",
    "claim_stdin",
    "is_stdin",
    "release_stdin",
    "stdin_bytes",
    "stdin_unreadable",
]


class _Stdin:
    """Whether standard input is claimed, and its bytes once read (one per process)."""

    claimed = False
    data: bytes | None = None


def claim_stdin() -> str:
    """Make `<stdin>` mean standard input for the readers; return that name."""
    _Stdin.claimed = True
    return STDIN_NAME


def release_stdin() -> None:
    """Forget the claim and the bytes read (the end of a command, or of a test)."""
    _Stdin.claimed = False
    _Stdin.data = None


def is_stdin(file: str) -> bool:
    """Whether `file` is the claimed standard input."""
    return _Stdin.claimed and file == STDIN_NAME


def stdin_bytes(cap: int) -> bytes:
    """Standard input's bytes, read on first use, at most `cap` + 1 (one past the cap, so
    that the caller can tell that it is too big)."""
    if _Stdin.data is None:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream (a test's): its text, as UTF-8
            text = sys.stdin.read(cap + 1) if sys.stdin is not None else ""
            _Stdin.data = text.encode("utf-8", "surrogateescape")
        else:
            _Stdin.data = stream.read(cap + 1)
    return _Stdin.data


#: `-` in a command started with standard input closed (`<&-`): "the file is empty" said
#: of `<stdin>` was a file's fault where the command line's is.
STDIN_CLOSED: Final = "`-` reads standard input, which is closed: pipe a file in, or name it"
#: `-` in a command started with standard input open for writing alone (`0>file`): the
#: read failed as "Error: Bad file descriptor", exit 1, said as if standard output had.
STDIN_WRITE_ONLY: Final = (
    "`-` reads standard input, which is open for writing only: pipe a file in, or name it"
)


#: `-` in a command started with standard input a pipe open to write as well as read
#: (`0<>feed`): the command holds a writing end itself, so the pipe never ends, and the
#: command waited for ever once what was in it was read (before round 81), as one whose
#: standard output is opened so (`1<>`, `cli._streams.feeds_itself`) did before round 80.
STDIN_FEEDS_ITSELF: Final = (
    "`-` reads standard input, which is a pipe open to write as well as read (`0<>`): "
    "the command holds its writing end, so the pipe would never end and the command "
    "would wait for ever: pipe a file in (`<`, `|`), or name it"
)


def stdin_unreadable() -> str | None:
    """Why a command line's `-` cannot read standard input (`STDIN_CLOSED`,
    `STDIN_WRITE_ONLY`, `STDIN_FEEDS_ITSELF`), for a usage error (the shell's redirection
    is at fault, not a file), or None. A terminal, a file or a socket open to read and
    write is read as ever. Where a descriptor's mode cannot be asked (no `fcntl`:
    Windows), None."""
    if sys.__stdin__ is None:
        return STDIN_CLOSED
    try:
        import fcntl

        number = sys.__stdin__.fileno()
        mode = fcntl.fcntl(number, fcntl.F_GETFL) & os.O_ACCMODE
        if mode == os.O_RDWR and stat.S_ISFIFO(os.fstat(number).st_mode):
            return STDIN_FEEDS_ITSELF
    except (ImportError, OSError, ValueError):  # no fcntl, or no descriptor (a test's stream)
        return None
    return STDIN_WRITE_ONLY if mode == os.O_WRONLY else None
