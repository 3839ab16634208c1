"""The inputs of a cohort in chunks, in order, for `staging`'s workers (`--jobs`): files
in groups, a JSON Lines file in spans of bytes whose lines the worker reads itself
(`spool.line_spans`), so that only small work orders cross to the workers; standard
input, which a worker cannot read, read here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from ..errors import InvalidDocument, Skipped
from ..files.json_lines import file_spans, holds_lines, read_lines, read_span
from ..files.source import DEFAULT_LIMITS, read_bytes
from ..files.stdin import is_stdin
from ..parallel import workers
from ..spool import Span, span_size

__all__ = ["FILES_PER_CHUNK", "LINES_PER_CHUNK", "Chunk", "chunks", "lines_of"]

#: Files per chunk handed to a worker, and standard input's JSON Lines lines per chunk (a
#: JSON Lines file is handed over in spans of bytes, `spool.span_size`).
FILES_PER_CHUNK: Final = 32
LINES_PER_CHUNK: Final = 512


@dataclass(frozen=True, slots=True)
class Chunk:
    """Work for one worker: whole files, or a span of a JSON Lines file, whose lines the
    worker reads (or the reason that file could not be read, kept in its place so reports
    come in input order), or standard input's one document or lines, read here (a worker
    process cannot read them)."""

    files: tuple[str, ...] = ()
    text: tuple[str, bytes] | None = None
    lines_of: str | None = None
    lines: tuple[tuple[int, bytes | None], ...] = ()
    span: Span | None = None
    failed: Skipped | None = None
    #: How many input files it finishes (for a progress bar): a file's last lines count it.
    finishes: int = 0
    #: The place among the inputs of its first file (or of the file its lines are of).
    first: int = 0


def lines_of(span: Span, failed: list[Skipped]) -> Iterator[tuple[int, bytes | None]]:
    """The lines of a span, read here; why they could not be, added to `failed`."""
    for item in read_span(span, DEFAULT_LIMITS.max_bytes):
        if isinstance(item, Skipped):
            failed.append(item)
        else:
            yield item


def chunks(files: Sequence[str], jobs: int) -> Iterator[Chunk]:
    """The inputs in order, in chunks; a JSON Lines file in spans its lines are read from
    (one that cannot be opened is a chunk of its own, reported in its place), standard
    input's lines read here."""
    batch: list[str] = []
    for place, file in enumerate(files):
        stdin, lines = is_stdin(file), holds_lines(file)
        if batch and (len(batch) >= FILES_PER_CHUNK or stdin or lines):
            yield Chunk(files=tuple(batch), finishes=len(batch), first=place - len(batch))
            batch = []
        if stdin and not lines:
            try:
                yield Chunk(text=(file, read_bytes(file)), finishes=1, first=place)
            except InvalidDocument as error:
                yield Chunk(failed=Skipped(file, error.diagnostics), finishes=1, first=place)
        elif not lines:
            batch.append(file)
        else:
            yield from (_stdin_chunks if stdin else _span_chunks)(file, jobs, place)
    if batch:
        yield Chunk(files=tuple(batch), finishes=len(batch), first=len(files) - len(batch))


def _span_chunks(file: str, jobs: int, place: int) -> Iterator[Chunk]:
    """A JSON Lines file in spans (`spool.line_spans`), its last one (or why the file
    could not be read) finishing it."""
    count = workers(jobs)
    items = file_spans(file, lambda left: span_size(left, count))
    ahead = next(items, None)
    if ahead is None:  # no line: the file is read all the same
        yield Chunk(finishes=1, first=place)
    while ahead is not None:
        item, ahead = ahead, next(items, None)
        last = int(ahead is None)
        if isinstance(item, Skipped):
            yield Chunk(failed=item, finishes=last, first=place)
        else:
            yield Chunk(span=item, finishes=last, first=place)


def _stdin_chunks(file: str, jobs: int, place: int) -> Iterator[Chunk]:
    """Standard input's JSON Lines, read here a line at a time."""
    lines: list[tuple[int, bytes | None]] = []
    try:
        for item in read_lines(file, DEFAULT_LIMITS.max_bytes):
            lines.append(item)
            if len(lines) >= LINES_PER_CHUNK:
                yield Chunk(lines_of=file, lines=tuple(lines), first=place)
                lines = []
    except InvalidDocument as error:
        yield Chunk(failed=Skipped(file, error.diagnostics), finishes=1, first=place)
        return
    yield Chunk(lines_of=file, lines=tuple(lines), finishes=1, first=place)
