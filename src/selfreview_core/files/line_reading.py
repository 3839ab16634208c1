"""How a JSON Lines line's bytes are given to its reader: a line over the limit told apart
from one within it once its end is set aside (`long_line`), a line that holds a CR alone
marked (`OneLine`), a blank one left out (`holds_document`), and the lines of a `--jobs`
worker's span read as one reader of the whole file would read them (`span_lines`).

Moved here from `spool` (round 77): `spool` is layer 0 and imports nothing of the package,
and `files/source.py` needs `OneLine` for every file it reads, so `selfreview validate`
imported `spool` (its `Span` a frozen dataclass, about 4.4 million instructions) for this
alone. Here, `spool`'s `Span` is only a type; `spool` itself is imported by the commands
that cut a file into spans.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO, Final

if TYPE_CHECKING:
    from ..jobs.spool import Span

__all__ = ["CR", "OneLine", "holds_document", "long_line", "one_line", "span_lines"]


def long_line(line: bytes, limit: int) -> bytes | None:
    """A line read by `readline(limit + 2)` that is longer than `limit` bytes with its end
    (`\\n` or `\\r\\n`): its text without that end when the text alone is within `limit`
    (so that its reader, which counts every byte it is given, agrees), else None (over the
    limit). Asked only of a line longer than `limit`: a shorter one is given as it is,
    uncopied, its end and all."""
    end = 2 if line.endswith(b"\r\n") else 1 if line.endswith(b"\n") else 0
    size = len(line) - end
    return line[:size] if size <= limit else None


#: A UTF-8 byte order mark, which a line's reader drops (`utf-8-sig`) wherever it is.
_MARK: Final = b"\xef\xbb\xbf"
#: CR, as the readers ask whether a line holds one (`CR in line`): by its value, since
#: `b"\r" in line` first tries its operand as an integer, and makes and drops a TypeError,
#: with its message, before it searches (about 2,000 instructions a line, round 80).
CR: Final = 0x0D


class OneLine(bytes):
    """A line of a JSON Lines file (or of standard input read a line at a time) that holds
    a CR alone: its reader places what it finds counting only LF as a line's end, as the
    line's number counts the file's lines (a CR alone is white space within the line's
    JSON, and the text after it is still on the line). A line without one is placed the
    same either way, and is given as it is, uncopied (`one_line`)."""

    __slots__ = ()


def one_line(line: bytes) -> bytes:
    """`line` (its end, `\\n` or `\\r\\n`, and all) as its reader is to be given it: a
    `OneLine` if a CR stands alone in it, else as it is. The readers ask only about a line
    that holds a CR at all (`in`: one search, in C), so a line of a file ended by LF alone
    costs no call on the batch's path."""
    end = len(line) - 2 if line.endswith(b"\r\n") else len(line)
    return OneLine(line) if line.find(b"\r", 0, end) >= 0 else line


def holds_document(line: bytes) -> bool:
    """Whether a JSON Lines line is not blank: more than white space, once a byte order
    mark at its start is set aside. Its reader drops the mark, so a line of a mark alone
    holds nothing: the first line of a file saved "UTF-8 with BOM" by an editor with an
    empty line at its top is such a line, and was "the file is empty", one document refused.
    `isspace` makes no copy of the line, as `strip` would."""
    if line.startswith(_MARK):
        line = line[len(_MARK) :]  # a copy, of a line with a mark only
    return bool(line) and not line.isspace()


def span_lines(stream: BinaryIO, span: Span, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, its bytes) for each line of `span` that is not blank, read from
    `stream` (the span's file) as asked for: what reading the whole file a line at a time
    gives for these lines. The bytes are None for a line over `limit` bytes (its end, `\\n`
    or `\\r\\n`, not counted), skipped to its end without being held."""
    stream.seek(span.offset)
    left = span.length
    number = span.first - 1
    while left > 0 and (line := stream.readline(min(limit + 2, left))):
        left -= len(line)
        number += 1
        text = line if len(line) <= limit else long_line(line, limit)
        if text is not None:
            if holds_document(text):
                yield number, one_line(text) if CR in text else text
            continue
        if not line.endswith(b"\n"):  # the rest of the line, skipped
            while left > 0 and (rest := stream.readline(min(limit, left))):
                left -= len(rest)
                if rest.endswith(b"\n"):
                    break
        yield number, None
