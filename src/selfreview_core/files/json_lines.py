"""JSON Lines files (`.jsonl`): one document per line, read a line at a time.

`selfreview report` reads assessments from them and `selfreview validate` checks every
line; both read through `read_lines`, so a line is capped as a file is (`Limits.max_bytes`)
and a huge line is never held whole. Each line is parsed on its own, as line 1 of a text;
`at_line` points its diagnostics at the line of the file instead.

Standard input (a command line's `-`, `stdin.claim_stdin`) holds JSON Lines when its first
line that is not blank is a JSON object on its own (`holds_lines`): a pretty-printed JSON
document starts with a `{` alone, and YAML is not JSON. It is then read a line at a time from
the bytes read once, within the size cap of a file.
"""

from __future__ import annotations

import codecs
import dataclasses
import io
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from .._names import JSON_LINES
from ..errors import Diagnostic, InvalidDocument, SelfReviewError, Skipped
from .limits import DEFAULT_LIMITS
from .line_reading import CR, OneLine, holds_document, long_line, one_line, span_lines
from .source import open_regular, read_bytes, unreadable
from .stdin import is_stdin

if TYPE_CHECKING:
    from ..jobs.spool import Span

__all__ = [
    "at_line",
    "file_spans",
    "holds_lines",
    "holds_no_document",
    "is_json_lines",
    "line_too_large",
    "lines_on_stdin",
    "no_documents",
    "read_by_line",
    "read_lines",
    "read_span",
]


def is_json_lines(file: str) -> bool:
    return file.lower().endswith(JSON_LINES)


def holds_lines(file: str) -> bool:
    """Whether `file` is read a line at a time: a JSON Lines file, or standard input whose
    first line that is not blank is a JSON object on its own. False for standard input that
    cannot be read: its reader will say why."""
    if is_json_lines(file):
        return True
    if not is_stdin(file):
        return False
    try:
        data = read_bytes(file)
    except SelfReviewError:
        return False
    # A byte order mark before the first line, as a `.jsonl` file may begin with (its
    # reader drops it too).
    first = next((line for line in _without_mark(data).split(b"\n") if line.strip()), b"")
    if not first.lstrip().startswith(b"{"):
        return False
    import json  # here: only standard input is asked, and `validate` of YAML needs no JSON

    try:
        return isinstance(json.loads(first), dict)
    except ValueError:  # not JSON on its own (a `{` alone, or YAML's flow style)
        return False
    except RecursionError:  # an object nested past the parser's reach: its line's reader
        return True  # says where, and the lines after it are still read


def _without_mark(data: bytes) -> bytes:
    """`data` without a UTF-8 byte order mark at its start."""
    return data.removeprefix(codecs.BOM_UTF8)


def lines_on_stdin(file: str) -> bool:
    """Whether `file` is standard input holding JSON Lines of more than one line (not blank):
    `selfreview report -` then reports on each line, as on a `.jsonl` file. Standard input
    of one line stays one document, read as it always was (a compact JSON assessment gives
    one report, in the one-report formats): only input that was not one document (it was
    refused: "Extra data") is read differently."""
    if not is_stdin(file) or not holds_lines(file):
        return False
    lines = (line for line in _without_mark(read_bytes(file)).split(b"\n") if line.strip())
    return next(lines, None) is not None and next(lines, None) is not None


def read_by_line(file: str) -> bool:
    """Whether a batch of reports reads `file` a line at a time: a JSON Lines file, or
    standard input holding more than one line of them (`lines_on_stdin`)."""
    return is_json_lines(file) or lines_on_stdin(file)


def read_lines(file: str, limit: int | None = None) -> Iterator[tuple[int, bytes | None]]:
    """(line number, its bytes) for each line that is not blank, read as it is asked for;
    the bytes are None for a line over `limit` bytes (by default a file's limit), skipped
    to its end without being held. `InvalidDocument` (when iterated) if the file is not a
    regular file or cannot be read, as `source.read_bytes` says it.

    Standard input's bytes (capped as a whole, as a file is) are read by the same loop as a
    file's: only `\\n` ends a line, as JSON Lines says, so a `\\r` alone (white space
    within a line's JSON) neither splits a line nor moves the numbers of the lines after it."""
    if limit is None:
        limit = DEFAULT_LIMITS.max_bytes
    stdin = is_stdin(file)  # its lines are told as JSON (`OneLine`): it has no `.jsonl` name
    stream = io.BytesIO(read_bytes(file)) if stdin else open_regular(file)
    with stream:
        number = 0
        try:
            while line := stream.readline(limit + 2):
                number += 1
                text = line if len(line) <= limit else long_line(line, limit)
                if text is None:
                    if not line.endswith(b"\n"):  # the rest of the line, skipped
                        while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                            pass
                    yield number, None
                elif holds_document(text):  # standard input's lines are JSON, as a `.jsonl`
                    yield (
                        number,
                        OneLine(text) if stdin else one_line(text) if CR in text else text,
                    )
        except OSError as error:
            raise unreadable(file, error) from None


def holds_no_document(file: str) -> bool:
    """Whether the JSON Lines `file` holds no document: it is empty, or its lines are blank.
    An empty batch, not invalid input; `validate` and `report` warn of it (`no_documents`).
    False where it cannot be read: the batch says why, in its place. Reads up to the first
    line that is not blank, no further."""
    try:
        for _ in read_lines(file):
            return False  # the generator, let go, closes the file
    except InvalidDocument:
        return False
    return True


def no_documents(file: str) -> Diagnostic:
    """What `validate` and `report` say of a JSON Lines file that holds no document (an
    export that wrote nothing?): a warning, an error with `--strict`."""
    said = "no documents: the JSON Lines file is empty"
    return Diagnostic(said, file=file, line=1, column=1, code="empty")


def line_too_large(file: str, number: int, limit: int | None = None) -> Diagnostic:
    if limit is None:
        limit = DEFAULT_LIMITS.max_bytes
    message = f"the line is over {limit:,} bytes, the limit for one document"
    return Diagnostic(message, file, number, 1, code="too-large")


def at_line(diagnostics: Iterable[Diagnostic], file: str, number: int) -> tuple[Diagnostic, ...]:
    """The diagnostics of one line, parsed on its own as line 1, at line `number` of `file`
    (a line is one line, so their columns stand)."""
    return tuple(dataclasses.replace(d, file=file, line=number) for d in diagnostics)


def file_spans(file: str, size: Callable[[int], int]) -> Iterator[Span | Skipped]:
    """A JSON Lines file in spans of whole lines (`spool.line_spans`, for `--jobs`
    workers that read their own lines); if it cannot be read, `Skipped` saying why, after
    the spans found before."""
    from ..jobs.spool import line_spans  # here: `validate`, which reads no spans, needs no spool

    try:
        with open_regular(file) as stream:
            yield from line_spans(stream, file, size)
    except (InvalidDocument, OSError) as error:
        yield _skipped(file, error)


def read_span(span: Span, limit: int) -> Iterator[tuple[int, bytes | None] | Skipped]:
    """The lines of `span` (`line_reading.span_lines`: numbered, None for one over `limit`
    bytes), read from its file; if it cannot be read, `Skipped` saying why, last."""
    try:
        with open_regular(span.file) as stream:
            yield from span_lines(stream, span, limit)
    except (InvalidDocument, OSError) as error:
        yield _skipped(span.file, error)


def _skipped(file: str, error: InvalidDocument | OSError) -> Skipped:
    found = error if isinstance(error, InvalidDocument) else unreadable(file, error)
    return Skipped(file, found.diagnostics, found.errno)
