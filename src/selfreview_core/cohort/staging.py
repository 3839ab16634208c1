"""A cohort's assessments read, checked and staged for DuckDB: JSON lines for each review.

`collect` and `benchmark` read files, directories and JSON Lines as `report` does, but each
usable review becomes a compact JSON object (who, when, and for each judged strand its id,
aspect, element, level, rank and whether it has evidence; one a `staged_lines.LINE_JUDGEMENTS`
strands, all with the review's place) written to a staging file that
DuckDB reads in one pass (`read_json`): the rows never pass through Python one by one, and
memory does not grow with the input, since the staging file is on disk.

Reading and checking are the slow part, so with `jobs` above 1 they run in worker processes
(`parallel.ordered_pairs`), on chunks of files or spans of JSON Lines files whose lines
the worker reads itself (`chunks`), and each writes its chunk's lines to a file of its own
(`spool`), copied into the staging file in input order: only small work orders and
results cross the pipes. Each line carries its review's place in the input
(`staged_lines.place`), not in a chunk, so the staging file, and what is made from it,
are the same whatever the number of jobs. Bad files and lines are kept, with their
located diagnostics, in `Staged.skipped`, never fatal.

A review with no judgement is staged with one placeholder entry (every list `[null]`), so the
school still counts: its one row has no strand (see `parquet`).
"""

from __future__ import annotations

import datetime as dt
import os
from array import array
from collections.abc import Callable, Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from itertools import count
from typing import BinaryIO, Final, Protocol

from .. import review_dates
from .._collector import collect
from ..errors import Diagnostic, InvalidDocument, Skipped
from ..files.json_lines import at_line, line_too_large
from ..files.source import Source, parse_text
from ..jobs.parallel import ordered_pairs, said_if_lost, workers
from ..jobs.spool import Output, directory, write_parts
from ..loader import FrameworkLookup, assessment_from, resolve_framework
from ..model.assessment import Assessment
from ..model.framework import Framework
from ..model.refused_school import naming_school, school_of
from ..review_dates import NAMED, located_warning
from .chunks import Chunk, chunks, lines_of
from .files import other_framework, wrong_framework
from .open_files import stop_if_out_of_files
from .staged_lines import place, review_key, staged_text
from .unchanged_files import read_unchanged
from .worker_sockets import short_socket_folder, whole_requests

__all__ = ["MAX_KEYS", "Carrier", "Reader", "Staged", "stage"]


class Carrier(Protocol):
    """What carries an assessment of another framework version to the cohort's, built in
    each worker (`cohort_engine.EngineSpec`, which needs the engine: a layer above)."""

    def loader(self, target: Framework) -> Callable[[Source], Assessment]: ...


@dataclass(frozen=True, slots=True)
class Reader:
    """How to turn a source into a staged review; picklable, so workers get it once.

    `frameworks` finds each assessment's framework; with `fixed`, every review must be of
    that framework version (a cohort is of one), others skipped with a located error, or,
    with `migrate` (a target `id@version` and the engine to find migrations with), carried
    to it first.
    """

    frameworks: FrameworkLookup
    fixed: Framework | None = None
    evidence: bool = False
    migrate: Carrier | None = None
    #: Whether a review skipped names its school (`model.refused_school`): not under
    #: `benchmark --anonymise`, which names none.
    named: bool = True

    def loader(self) -> Callable[[Source], tuple[Framework, Assessment, bool]]:
        """A function from a source to (framework, assessment, carried from another
        version); `InvalidDocument` for one that cannot be used."""
        fixed = self.fixed
        lookup = self.frameworks
        carry: Callable[[Source], Assessment] | None = None
        if fixed is not None and self.migrate is not None:
            carry = self.migrate.loader(fixed)

        def load(source: Source) -> tuple[Framework, Assessment, bool]:
            if fixed is None:
                assessment = assessment_from(source, lookup)
                found = resolve_framework(lookup, assessment.framework)
                if found is None:  # pragma: no cover - a checked assessment has one
                    raise InvalidDocument(f"no framework {assessment.framework}", file=source.file)
                return found, assessment, False
            ref = other_framework(source, fixed)
            if ref is not None:
                if carry is not None:
                    return fixed, carry(source), True
                raise wrong_framework(source, ref, fixed)
            return fixed, assessment_from(source, fixed), False

        return load


@dataclass(slots=True)
class Staged:
    """What staging found: reviews staged, inputs skipped (with why), files and lines read,
    reviews carried from another version, and the frameworks (`id@version`) seen."""

    reviews: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    read: int = 0
    carried: int = 0
    frameworks: list[str] = field(default_factory=list)
    #: Whether two staged reviews may be of one school, date, framework version and
    #: respondent group (`staged_duplicates` then finds them); False only when none is.
    duplicates_possible: bool = False
    #: The first `review_dates.NAMED` reviews dated after today, in input order, each
    #: warned of at its `assessed_on`; and how many there are in all.
    dated: list[Diagnostic] = field(default_factory=list)
    dated_count: int = 0


#: Reviews whose keys `stage` keeps to tell that none repeats; past this many (some 200
#: MB of keys) it stops, and duplicates are taken as possible.
MAX_KEYS: Final = 4_000_000


@dataclass(slots=True)
class _Done:
    """What a worker made of a chunk: its reviews' staging lines, each starting with its
    place (`q`), and the frameworks seen once each, in order. A worker with a spool folder
    writes the lines to a file there and sends back only its name and size (`spooled`),
    which the writer copies into the staging file inside the kernel: neither the lines nor
    the pipe cost the writer's process, which the workers wait on, anything per review
    (docs/performance.md)."""

    lines: list[str] = field(default_factory=list)
    text: bytes = b""
    spooled: tuple[str, int] | None = None
    keys: list[int] = field(default_factory=list)  # `review_key` of each review, in order
    frameworks: dict[str, None] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    dated: list[Diagnostic] = field(default_factory=list)  # the chunk's first `NAMED`
    dated_count: int = 0
    read: int = 0
    carried: int = 0
    reviews: int = 0

    def seal(self, folder: str | None) -> _Done:
        """The lines made one text, or, with a spool `folder`, a file there."""
        data = "".join(self.lines).encode("utf-8")
        self.reviews, self.lines = len(self.lines), []
        if folder is None or not data:
            self.text = data
        else:
            path = os.path.join(folder, f"{os.getpid()}-{next(_SPOOLED)}")
            try:
                write_parts(path, (data,))
            except OSError as error:  # named here: the writer would name its own file
                from .work import no_room

                said = no_room(error, path)
                if said is None:
                    raise
                raise said from None
            self.spooled = (path, len(data))
        return self


#: Numbers for a worker's spool files (each worker's named with its process id too).
_SPOOLED = count()
_WORKER: dict[str, Callable[[Chunk], _Done]] = {}


def _work(reader: Reader, folder: str | None, now: dt.date) -> Callable[[Chunk], _Done]:
    """The function a worker runs on each chunk, spooling what it makes in `folder`, and
    warning of reviews dated after `now` (the caller's today: a worker started afresh
    would ask a clock of its own, and no test's)."""
    load = reader.loader()
    evidence, named = reader.evidence, reader.named

    def one(
        done: _Done, file: str, index: int, line: bytes | None, number: int | None, now: dt.date
    ) -> None:
        """Stage a file (`line` None), a JSON Lines line (`number` its line) or a document
        read already (`number` None), the `index`th input; one dated after `now` is warned
        of where its source locates it (read here once: it is not read again)."""
        origin = file if number is None else f"{file}:{number}"
        source = None
        try:
            source = read_unchanged(file) if line is None else parse_text(line, file)
            framework, assessment, carried = load(source)
        except InvalidDocument as error:
            stop_if_out_of_files(error.errno, error.file)
            school = None if source is None or not named else school_of(source.data)
            found = naming_school(error.diagnostics, school)  # as `report` names it
            if number is not None:
                found = at_line(found, file, number)
            done.skipped.append(Skipped(origin, found))
            return
        if assessment.assessed_on > now:
            done.dated_count += 1
            if len(done.dated) < NAMED:
                said = located_warning(source, assessment.assessed_on, now)
                done.dated.append(said if number is None else at_line((said,), file, number)[0])
        q = place(index, number)
        done.lines.append(staged_text(framework, assessment, origin, q, evidence=evidence))
        done.keys.append(review_key(framework, assessment))
        done.frameworks.setdefault(framework.ref)
        done.carried += carried

    def run(chunk: Chunk) -> _Done:
        done = _Done()
        for index, file in enumerate(chunk.files, chunk.first):
            done.read += 1
            one(done, file, index, None, None, now)
        if chunk.text is not None:
            done.read += 1
            one(done, chunk.text[0], chunk.first, chunk.text[1], None, now)
        if chunk.failed is not None:
            done.read += 1
            done.skipped.append(chunk.failed)
        file_of_lines = chunk.lines_of if chunk.span is None else chunk.span.file
        if file_of_lines is not None:
            failed: list[Skipped] = []
            lines = (
                chunk.lines if chunk.span is None else lines_of(chunk.span, failed, chunk.identity)
            )
            for number, line in lines:
                done.read += 1
                if line is None:
                    too_large = line_too_large(file_of_lines, number)
                    done.skipped.append(Skipped(f"{file_of_lines}:{number}", (too_large,)))
                    continue
                one(done, file_of_lines, chunk.first, line, number, now)
            done.read += len(failed)
            done.skipped.extend(failed)
        return done.seal(folder)

    return run


def _init_worker(reader: Reader, folder: str | None, now: dt.date) -> None:
    _WORKER["run"] = _work(reader, folder, now)


def _run_in_worker(chunk: Chunk) -> _Done:
    return _WORKER["run"](chunk)


def stage(
    files: Sequence[str],
    reader: Reader,
    target: BinaryIO,
    *,
    jobs: int = 1,
    progress: Callable[[int], object] | None = None,
    started: Callable[[], object] | None = None,
) -> Staged:
    """Read `files` (files and JSON Lines, as `expand_paths` gives them) and stage each
    usable review as lines of `target` (a binary file open for writing), in input order.

    With `jobs` above 1, reading and checking run in that many worker processes, a few
    chunks ahead of the writer, so memory stays bounded; each writes its lines to a file
    of its own in a folder beside `target`, copied into `target` in order. `progress` is
    called with the number of files each chunk finishes; `started`, once, when the first
    chunk is staged: what this process does then overlaps the workers' work.
    """
    staged = Staged()
    seen: dict[str, None] = {}
    # The `review_key` of each review staged, up to `MAX_KEYS`: packed, not a set of ints
    # as they came. A million such ints, kept while the chunks' other objects came and
    # went, left some 20 MB of Python's memory pinned once freed (round 71).
    keys = array("Q")
    with ExitStack() as stack:
        folder = None
        if workers(jobs) > 1:
            beside = target.name if isinstance(getattr(target, "name", None), str) else None
            folder = stack.enter_context(directory(beside))
        out = Output(target.write, fileno=_fileno(target), flush=target.flush)
        stack.callback(out.close)

        def take(chunk: Chunk, done: _Done) -> None:
            if done.spooled is not None:
                out.add(done.spooled[0], 0, done.spooled[1])
            elif done.text:
                out.write(done.text)
            staged.reviews += done.reviews
            if done.reviews and not staged.duplicates_possible:
                keys.extend(done.keys)
                if len(keys) > MAX_KEYS:
                    staged.duplicates_possible = True
                    del keys[:]
            for ref in done.frameworks:
                seen.setdefault(ref)
            staged.skipped.extend(done.skipped)
            staged.dated += done.dated[: NAMED - len(staged.dated)]
            staged.dated_count += done.dated_count
            staged.read += done.read
            staged.carried += done.carried
            if progress is not None and chunk.finishes:
                progress(chunk.finishes)

        fresh = folder is not None and _threaded()
        if fresh:  # started through a socket, in a folder whose path must be short
            short_socket_folder()
            whole_requests()
        pairs = ordered_pairs(
            _run_in_worker,
            chunks(files, jobs),
            jobs,
            initializer=_init_worker,
            initargs=(reader, folder, review_dates.today()),
            fresh=fresh,
        )
        # Closed first: the workers stopped before their folder is removed. An error here
        # as a chunk was taken (DuckDB's connection, `started`, out of descriptors; a
        # signal's `KeyboardInterrupt`) left them writing into it as it was removed, and
        # the folder behind (round 76's odd run).
        stack.enter_context(closing(pairs))
        with said_if_lost("the assessments were not read"):  # never an internal error
            for chunk, done in pairs:
                take(chunk, done)
                if started is not None:
                    call, started = started, None
                    call()
        out.flush()
    if keys and len(set(keys)) != len(keys):
        staged.duplicates_possible = True
    # What reading the reviews left in cycles, freed now: the command (`_collector`) runs
    # the collector rarely, and what DuckDB does next makes no Python garbage to set it off.
    collect()
    staged.frameworks = list(seen)
    return staged


def _fileno(target: BinaryIO) -> int | None:
    """`target`'s file descriptor, for the kernel to copy into; None for a stream in
    memory."""
    try:
        return target.fileno()
    except (OSError, ValueError, AttributeError):
        return None


def _threaded() -> bool:
    """Whether this process runs threads besides its own (DuckDB's, once a connection is
    open): then workers are started afresh (`parallel`'s `fresh`), since forking a process
    that holds threads can leave a lock held for ever in the child. Single-threaded, as
    `collect` and `benchmark` are while they stage (their DuckDB connection is opened
    after), workers are forked: started in milliseconds with what this process imported,
    rather than each importing the library again. Where the threads cannot be counted
    (no /proc), afresh."""
    try:
        return len(os.listdir("/proc/self/task")) > 1
    except OSError:
        return True
