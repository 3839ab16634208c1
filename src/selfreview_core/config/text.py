"""The configuration file's text (`selfreview.toml`, `pyproject.toml`): its bytes read up to
the limit every input has (`files.limits`), decoded, its line ends as TOML reads them. For
`settings`, which finds and checks the settings in it.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Final

from ..errors import InvalidDocument
from ..files.limits import DEFAULT_LIMITS

__all__ = ["bounded", "refused", "settings_bytes", "settings_text"]

#: What a configuration file may hold, as any file read: a `pyproject.toml` of gigabytes
#: was read whole, by every command, before round 76.
MAX_BYTES: Final = DEFAULT_LIMITS.max_bytes


#: Opening never waits: a settings file swapped for a named pipe between the search's look
#: and the read blocked `open` itself before round 77, the command waiting for a writer.
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_FLAGS: Final = os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0)


def bounded(path: Path) -> tuple[int, int, bytes]:
    """(the file's mode, its size as it says, at most `MAX_BYTES` + 1 of its bytes), read
    through one descriptor: the size said is the size of what is read, never of another
    file put in its place since a look at it. Nothing is read of a file that is not a
    regular file, or larger than the limit by its size. `OSError` if it cannot be read.

    A file read at its size first (asking for the limit at once allocates it, 10 MB); only
    one that grew meanwhile, or says size 0 (`/proc`), reads on, to one byte past it."""
    handle = os.open(path, _FLAGS)
    try:  # looked at before a stream is made of it: `fdopen` refuses a folder, by number
        found = os.fstat(handle)
    except OSError:
        os.close(handle)
        raise
    if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_BYTES:
        os.close(handle)
        return found.st_mode, found.st_size, b""
    with os.fdopen(handle, "rb") as stream:
        if _NONBLOCK:
            os.set_blocking(handle, True)
        size = found.st_size
        raw = stream.read(size + 1)  # one more: a file that grew reads on
        if not size or len(raw) > size:  # grown, or sizeless (`/proc`)
            raw += stream.read(MAX_BYTES + 1 - len(raw))
    return found.st_mode, size, raw


def refused(mode: int, size: int, raw: bytes) -> bool:
    """Whether what `bounded` read is no settings file to read: not a regular file, or
    larger than the limit (by its size, or as it grew while read)."""
    return not stat.S_ISREG(mode) or size > MAX_BYTES or len(raw) > MAX_BYTES


def settings_bytes(path: Path, file: str) -> bytes:
    """The configuration file's bytes; `InvalidDocument` naming `file` if it cannot be read,
    is not a regular file (swapped for a named pipe or a device after the search found
    it: refused, never waited on), or is larger than `MAX_BYTES` (as large as said, or
    grown past the limit as it was read: at most one byte past it is read)."""
    try:
        mode, size, raw = bounded(path)
    except OSError as error:
        raise InvalidDocument(f"cannot read: {error}", file=file, code="unreadable") from None
    if not stat.S_ISREG(mode):
        raise _not_regular(mode, file)
    if size > MAX_BYTES:
        raise _too_large(path, file, f"{size:,}")
    if len(raw) > MAX_BYTES:  # grown past the limit as it was read: its size unknown
        raise _too_large(path, file, f"more than {MAX_BYTES:,}")
    return raw


def _not_regular(mode: int, file: str) -> InvalidDocument:
    """The refusal of a settings file that is no longer a regular file, said as every
    reader says it (`files.source`)."""
    from ..files.source import special_kind  # only for a mistake

    what = "a directory" if stat.S_ISDIR(mode) else special_kind(mode)
    return InvalidDocument(
        f"is {what}, not a regular file",
        file=file,
        code="unreadable",
        hint="the settings are read from a file, not a stream or a device",
    )


def _too_large(path: Path, file: str, said: str) -> InvalidDocument:
    return InvalidDocument(
        f"the file is {said} bytes; the limit is {MAX_BYTES:,}",
        file=file,
        hint=_HINT if path.name == "pyproject.toml" else None,
        code="too-large",
    )


#: Where the settings may go instead: `selfreview.toml` beside it is looked for first.
_HINT: Final = "put the settings in a selfreview.toml beside it, which is read instead"


def settings_text(raw: bytes, file: str) -> str:
    """The file's text, its line ends LF (a CR LF one, as TOML reads it): a byte order
    mark dropped, as Notepad saves one; bytes that are not UTF-8 refused at the first, by
    its line and column. A carriage return alone is no line end in TOML (`tomllib` refuses
    one, `config._not_toml`): before round 70 it was read as one, and a file TOML refuses was
    read, as another line, where an old Mac's editor saved it. A CR before a CR LF (CR CR
    LF: a CR LF text written again in Windows' text mode) is such a CR too: before round
    71 the CR LF alone was made LF, and `tomllib` read the CR left, with the LF, as one."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        from ..files.source import not_utf8  # the readers, only for a file that is not UTF-8

        raise not_utf8(raw, error, file, "line") from None  # lines end at LF, as TOML's
    return _CR_LF.sub("\n", text)


#: A CR LF line end, not after a CR: CR CR LF keeps its CR LF, for `tomllib` to refuse at
#: its first CR.
_CR_LF: Final = re.compile(r"(?<!\r)\r\n")
