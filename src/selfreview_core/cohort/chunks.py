"""The inputs of a cohort in chunks, in order, for `staging`'s workers (`--jobs`): files
in groups, a JSON Lines file in spans of bytes whose lines the worker reads itself
(`spool.line_spans`), so that only small work orders cross to the workers; standard
input, which a worker cannot read, read here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from ..errors import Diagnostic, InvalidDocument, Skipped
from ..files.json_lines import file_spans, holds_lines, read_lines, read_span
from ..files.source import DEFAULT_LIMITS, read_bytes
from ..files.stdin import is_stdin
from ..jobs.parallel import workers
from ..jobs.spool import Span, span_size
from .open_files import stop_if_out_of_files
from .unchanged_files import Stamp, stamp

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
    #: The file of `span` as its lines were counted (`unchanged_files.stamp`): its reader
    #: takes the span's bytes only from that file, unchanged (`lines_of`).
    identity: Stamp | None = None


def lines_of(
    span: Span, failed: list[Skipped], identity: Stamp | None = None
) -> Iterator[tuple[int, bytes | None]]:
    """The lines of a span, read here; why they could not be, added to `failed`. Its file
    is opened again by name: one replaced since its lines were counted (`identity`, its
    device and inode then), or cut short of the span, gives none of the span's lines, but
    a located error. The bytes at those places were read as lines of the file counted, and
    whole lines of another taken as schools: a JSON Lines file replaced by an export as it
    was read (`mv new.jsonl cohort.jsonl`) lost some schools and counted others twice, in
    silence (round 76). The span's lines are held until the file is seen unchanged after
    they are read (a span is at most `spool._LARGEST`, 256 KB)."""
    if identity is None:
        yield from _read(span, failed)
        return
    changed = _changed(span, identity)
    if changed is None:
        read = list(_read(span, failed))
        changed = _changed(span, identity)
        if changed is None:
            yield from read
            return
    failed.append(Skipped(f"{span.file}:{span.first}", (changed,)))


def _read(span: Span, failed: list[Skipped]) -> Iterator[tuple[int, bytes | None]]:
    for item in read_span(span, DEFAULT_LIMITS.max_bytes):
        if isinstance(item, Skipped):
            stop_if_out_of_files(item.errno, item.file)
            failed.append(item)
        else:
            yield item


def _changed(span: Span, identity: Stamp) -> Diagnostic | None:
    """How the file of `span` is no longer the one whose lines were counted (`identity`):
    another file at its name, one too short to hold the span, or one written since and no
    longer (rewritten in place: the same size, round 77); None if it is the same, or only
    grew (appended to: the lines counted are as they were). A file that cannot be looked
    at now is left to its reader to say why."""
    now = stamp(span.file)
    if now is None:
        return None
    if now[:2] != identity[:2]:
        how = "was replaced by another file"
    elif now[2] < span.offset + span.length:
        how = "was cut short"
    elif now[3] != identity[3] and now[2] <= identity[2]:
        how = "was rewritten"
    else:
        return None
    return Diagnostic(
        f"the file {how} while it was read: its next {span.length:,} bytes, from here, "
        "were not read",
        span.file,
        span.first,
        1,
        hint="read it again once it is written",
        code="file-changed",
    )


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
    identity = stamp(file)  # None: said by its reader
    items = file_spans(file, lambda left: span_size(left, count))
    ahead = next(items, None)
    if ahead is None:  # no line: the file is read all the same
        yield Chunk(finishes=1, first=place)
    while ahead is not None:
        item, ahead = ahead, next(items, None)
        last = int(ahead is None)
        if isinstance(item, Skipped):
            stop_if_out_of_files(item.errno, item.file)
            yield Chunk(failed=item, finishes=last, first=place)
        else:
            yield Chunk(span=item, finishes=last, first=place, identity=identity)


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
