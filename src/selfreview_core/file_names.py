"""Safe file names from any text: what a batch names its files after (a school id); a
file's identity, whatever name it is given (`identity`); and what a name holds that no file
name can (`held_by_no_name`).

A name must work on every common filesystem and in every shell: no path separators, no
control or bidirectional characters, no Windows device names, no leading dot (hidden) or
dash (an option to the next tool), and at most 255 bytes, counted in UTF-8. The names of an
output that write no file (a descriptor closed or not open, a pipe's reading end) are
`descriptor_names`' to tell.
"""

from __future__ import annotations

import os
import stat
import sys
import unicodedata
from typing import Final

__all__ = [
    "NAME_MAX",
    "WINDOWS_RESERVED",
    "fit_bytes",
    "held_by_no_name",
    "identity",
    "name_key",
    "safe_extension",
    "safe_stem",
    "standard_output_file",
]

#: The longest file name (in bytes, UTF-8) most filesystems take: ext4, APFS, NTFS (in
#: UTF-16 units, which a UTF-8 byte count bounds).
NAME_MAX: Final = 255
#: Names Windows keeps for devices, whatever the case and whatever extension follows.
WINDOWS_RESERVED: Final = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)


def identity(path: str | os.PathLike[str], *, dir_fd: int | None = None) -> tuple[int, int] | None:
    """(device, inode) of the file `path` names (in the folder held open as `dir_fd`, if
    given), links followed; None if there is none."""
    try:
        found = os.stat(path, dir_fd=dir_fd)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def standard_output_file() -> tuple[int, int] | None:
    """(device, inode) of standard output if it is a regular file (`>> a.yaml`), else None:
    a terminal, a pipe, or none (closed, or no descriptor). One `fstat`: a command that only
    prints looks at its inputs for this (`outputs.checks.Inputs.standard_output`) only then."""
    try:
        found = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISREG(found.st_mode) else None


def held_by_no_name(name: str) -> str | None:
    """What `name` holds that no file name can (a NUL character, or one the system cannot
    encode: a surrogate that stands for no byte), or None. Every system call refuses such
    a name with `ValueError`, not the `OSError` of a name that is merely missing."""
    if "\0" in name:
        return "a NUL character"
    try:
        os.fsencode(name)
    except UnicodeError:
        return "a character no file name can hold"
    return None


def fit_bytes(name: str, limit: int) -> str:
    """`name` cut to at most `limit` bytes of UTF-8, never inside a character. A file
    name's bytes that are not UTF-8 (read as lone surrogates, as Python reads them on
    Linux) count as the bytes they are, and stay those bytes: the name is still the
    file's."""
    data = name.encode("utf-8", "surrogateescape")
    if len(data) <= limit:
        return name
    while limit > 0 and 0x80 <= data[limit] < 0xC0:  # inside a character: before it
        limit -= 1
    return data[:limit].decode("utf-8", "surrogateescape")


def safe_stem(text: str, *, max_bytes: int = NAME_MAX - 32, fallback: str = "file") -> str:
    """A file-name stem made from any text, safe on every common filesystem.

    Letters and digits stay (Unicode included, composed to NFC); anything else (path
    separators, control and bidirectional characters, spaces, `:*?"<>|`) becomes `_`.
    Leading dots and dashes go (a hidden file, an option to the next tool), as do trailing
    dots (Windows drops them); a Windows device name (`CON`, `nul.x`, `COM1`) gets a `_`
    in front; the result is at most `max_bytes` bytes of UTF-8, cut between characters.
    """
    composed = unicodedata.normalize("NFC", text)
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in composed)
    stem = fit_bytes(stem.lstrip(".-"), max_bytes).rstrip(".")
    if stem.split(".", 1)[0].upper() in WINDOWS_RESERVED:  # checked once cut: `CONx` cut
        stem = fit_bytes(f"_{stem}", max_bytes).rstrip(".")
    return stem or fallback


def safe_extension(extension: str) -> str:
    """An exporter's extension as a file-name suffix: `.x`, safe characters, short (a
    plugin's `txt` without its dot becomes `.txt`)."""
    cleaned = safe_stem(extension.lstrip("."), max_bytes=16, fallback="out")
    return f".{cleaned}"


def name_key(name: str) -> str:
    """A name as a case-insensitive, normalising filesystem compares it (Windows, macOS):
    two names with one key are one file there."""
    return unicodedata.normalize("NFC", name).casefold()
