"""Whether bytes that hold a NUL are UTF-16 text saved without a byte order mark.

Windows' editors and PowerShell's `Out-File` (before PowerShell 6) save "Unicode" as
UTF-16, and some tools leave out the byte order mark that tells it. Such a file holds a NUL
in every other byte wherever its text is ASCII, which a YAML, JSON or JSON Lines file is
for most of its characters (keys, punctuation, spaces, line ends): before round 81 it was
told "this is a binary file", which sent the user looking for the wrong problem. Only the
first `SAMPLE` bytes are looked at: a guess, made only once a NUL has refused the file.
"""

from __future__ import annotations

from typing import Final

__all__ = ["SAMPLE", "UNMARKED_UTF16", "unmarked_utf16"]

#: The bytes looked at: a few hundred characters.
SAMPLE: Final = 512

UNMARKED_UTF16: Final = "this looks like UTF-16 text without a byte order mark"


def unmarked_utf16(raw: bytes) -> bool:
    """Whether `raw` (which holds a NUL) looks like UTF-16, either byte order: its first
    character has a NUL byte (YAML and JSON begin in ASCII; a binary format's magic number,
    Parquet's `PAR1`, has none), and in its first `SAMPLE` bytes at least half the
    characters' bytes at one parity are NUL (text in ASCII or Latin-1, each character's
    high byte) and at most one in 16 at the other (a character such as U+4E00, whose low
    byte is 0). A lone NUL is what is left after a UTF-16 file's last line end, when a JSON
    Lines file is read a line at a time."""
    if raw == b"\x00":
        return True
    if 0 not in raw[:2]:
        return False
    sample = raw[:SAMPLE]
    pairs = len(sample) // 2
    even, odd = sample[0 : 2 * pairs : 2].count(0), sample[1 : 2 * pairs : 2].count(0)
    high, low = max(even, odd), min(even, odd)
    return pairs >= 2 and 2 * high >= pairs and 16 * low <= pairs
