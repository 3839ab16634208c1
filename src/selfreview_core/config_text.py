"""The configuration file's text (`selfreview.toml`, `pyproject.toml`): its bytes read up to
the limit every input has (`files.limits`), decoded, its line ends as TOML reads them. For
`config`, which finds and checks the settings in it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Final

from .errors import InvalidDocument
from .files.limits import DEFAULT_LIMITS

__all__ = ["settings_bytes", "settings_text", "too_large"]

#: What a configuration file may hold, as any file read: a `pyproject.toml` of gigabytes
#: was read whole, by every command, before round 76.
MAX_BYTES: Final = DEFAULT_LIMITS.max_bytes


def too_large(path: Path) -> bool:
    """Whether `path` is larger than a configuration file may be (`MAX_BYTES`): not read
    to find its settings, taken as the file that holds them, for `settings_bytes` to
    refuse (a `[tool.selfreview]` past the limit would be missed, the defaults applied
    without a word)."""
    try:
        return path.stat().st_size > MAX_BYTES
    except (OSError, ValueError):
        return False


def settings_bytes(path: Path, file: str) -> bytes:
    """The configuration file's bytes; `InvalidDocument` naming `file` if it cannot be read,
    or is larger than `MAX_BYTES` (as large as said, or grown past the limit as it was
    read: at most one byte past it is read)."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise _too_large(path, file, f"{size:,}")
            raw = handle.read(size + 1)  # one more: a file that grew reads on
            if not size or len(raw) > size:  # grown, or sizeless (`/proc`)
                raw += handle.read(MAX_BYTES + 1 - len(raw))
    except OSError as error:
        raise InvalidDocument(f"cannot read: {error}", file=file, code="unreadable") from None
    if len(raw) > MAX_BYTES:  # grown past the limit as it was read: its size unknown
        raise _too_large(path, file, f"more than {MAX_BYTES:,}")
    return raw


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
        from .files.source import not_utf8  # the readers, only for a file that is not UTF-8

        raise not_utf8(raw, error, file, "line") from None  # lines end at LF, as TOML's
    return _CR_LF.sub("\n", text)


#: A CR LF line end, not after a CR: CR CR LF keeps its CR LF, for `tomllib` to refuse at
#: its first CR.
_CR_LF: Final = re.compile(r"(?<!\r)\r\n")
