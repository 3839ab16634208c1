"""Many assessments at once, as `selfreview report` reads them: files, directories and JSON
Lines files (one assessment object per line), read one at a time so memory does not grow
with the input, and the reports made of them written one at a time (`ReportBatch`). A bad
file or line is skipped with its located diagnostics, never fatal (unless `strict`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._followed import Followed
from .._held import asker
from .._names import FILE_SUFFIXES, JSON_LINES, PROGRESS_FILES, Policy, Where
from ..errors import BatchStopped, InvalidDocument, Skipped
from ..files.json_lines import read_by_line, read_lines
from ..files.walk import expand_paths
from ..jobs.parallel import forks, ordered_map, said_if_lost, workers
from ..jobs.placing import Placement
from ..jobs.spool import Gathered, Output, directory
from ..loader import FrameworkLookup
from ..model.assessment import Assessment
from ..outputs.atomic import is_special
from ..outputs.writing import BatchWriter, Inputs, open_atomic
from .work import (
    PLACEMENT,
    STRAIGHT,
    WORKER,
    Made,
    Maker,
    Unit,
    inherit,
    line_limit,
    load_unit,
    orders,
    received,
    separator,
    start_worker,
    to_tell,
    work,
)

if TYPE_CHECKING:
    from ..engine import Engine
    from ..model.problem import Problem

__all__ = [
    "AssessmentStream",
    "BatchCounts",
    "BatchEvents",
    "ReportBatch",
    "batch_files",
    "is_batch",
]


def is_batch(paths: Sequence[str], output_dir: str | None = None) -> bool:
    """Whether `selfreview report` is given many assessments: an output folder, several
    paths, a directory, or a JSON Lines file (one assessment a line)."""
    return (
        output_dir is not None
        or len(paths) > 1
        or os.path.isdir(paths[0])
        or read_by_line(paths[0])  # a JSON Lines file, or standard input holding lines
    )


def batch_files(paths: Iterable[str], followed: Followed | None = None) -> list[str]:
    """The files `paths` name, each once: folders walked for YAML, JSON and JSON Lines
    (the links they followed noted in `followed`)."""
    return list(dict.fromkeys(expand_paths(paths, FILE_SUFFIXES + JSON_LINES, followed)))


class AssessmentStream:
    """The assessments in `files`, checked against `frameworks`, in order.

    `files` are files, not directories: the caller walks those (`expand_paths`, with
    `SUFFIXES + JSON_LINES`) and drops repeats. Iterating reads them lazily; what could not
    be used is in `skipped` (a JSON Lines file's diagnostics name its line). `read` counts
    the files and lines tried so far. `units` and `load` are the same, one step at a
    time: what workers of `--jobs` each do with a part of the input (`ReportBatch`).
    """

    def __init__(self, files: Iterable[str], frameworks: FrameworkLookup) -> None:
        self.files = list(files)
        self._frameworks = frameworks
        self.skipped: list[Skipped] = []
        self.read = 0

    def __iter__(self) -> Iterator[Assessment]:
        for unit in self.units():
            found = unit if isinstance(unit, Skipped) else load_unit(unit, self._frameworks)
            self.read += 1
            if isinstance(found, Skipped):
                self.skipped.append(found)
            else:
                yield found

    def units(self) -> Iterator[Unit | Skipped]:
        """What there is to read, in order, without reading it: each file, and each line
        of each JSON Lines file (read as asked for); a JSON Lines file that cannot be read
        is `Skipped` at once."""
        limit = line_limit()
        for file in self.files:
            if not read_by_line(file):
                yield file
                continue
            try:
                for number, line in read_lines(file, limit):
                    yield file, number, line
            except InvalidDocument as error:  # not a regular file, or unreadable
                yield Skipped(file, error.diagnostics)


@dataclass(slots=True)
class BatchCounts:
    """What a batch of reports came to: reports written, assessments skipped (files or
    lines that could not be used, and with `strict` a report with problems), reports that
    could not be written; `stopped` when `strict` stopped it."""

    reported: int = 0
    skipped: int = 0
    unwritten: int = 0
    stopped: bool = False

    @property
    def failed(self) -> bool:
        """Whether anything was skipped or left unwritten (the command exits 1)."""
        return bool(self.skipped or self.unwritten)

    def summary(self, where: str = "") -> str:
        """`3 reports written in out/; 1 assessment skipped (errors above)`."""
        text = f"{self.reported} report{'s' if self.reported != 1 else ''} written{where}"
        if self.skipped:
            many = self.skipped != 1
            text += f"; {self.skipped} assessment{'s' if many else ''} skipped (errors above)"
        if self.unwritten:
            text += f"; {self.unwritten} could not be written (errors above)"
        return text


@dataclass(frozen=True, slots=True)
class BatchEvents:
    """What a batch says as it goes: each file or line skipped, each problem (with a
    school, or the engine's own, once: `batch.work.to_tell`), each report that could not
    be written (the batch goes on), and where `strict` stopped it (with the number of
    reports written by then)."""

    skipped: Callable[[Skipped], None]
    #: A problem, and for a school's own where its review was read (its file, and line of a
    #: JSON Lines file: `Where`): None for the engine's own, which are no school's.
    problem: Callable[[Problem, Where | None], None]
    unwritten: Callable[[OSError], None]
    stopped: Callable[[int], None]


#: What shows a batch's progress: entered, it gives what advances it by a number of reports
#: (None: nothing to show, say when standard error is not a terminal).
Progress = Callable[[], AbstractContextManager[Callable[[int], None] | None]]


class ReportBatch:
    """Reports for many assessments, made and written one at a time (SPEC section 5), so
    memory does not grow with the input.

    Into a folder (`into_folder`): one file per review, named for the school and the date
    (`outputs.BatchWriter`: safe, unique names, never over an input); a file that cannot be
    written is reported and the batch goes on. Else one stream (`into_stream`) to standard
    output or to one file written atomically: JSON Lines (one compact report a line) or
    tables with a page break between. With `strict` the first skipped assessment, report
    with problems or file not written stops the batch; a stream to a file is then not
    written at all.

    With `jobs` other than 1 (`0`: one per core) the reports are made by that many
    worker processes (`parallel.ordered_map`), and written here, in input order, byte for
    byte as one process writes them. Where workers are forked (Linux) they start with this
    engine, whatever it holds (plugin objects made in Python included); elsewhere each
    builds its own with `engine_factory` (the CLI's: the command's options again), since
    an engine cannot be shipped to a worker, and without a factory the batch runs in this
    process.
    """

    def __init__(
        self,
        engine: Engine,
        stream: AssessmentStream,
        name: str,
        events: BatchEvents,
        *,
        policy: Policy | None = None,
        strict: bool = False,
        evidence: bool | None = True,
        progress: Progress | None = None,
        jobs: int = 1,
        engine_factory: Callable[[], Engine] | None = None,
    ) -> None:
        self._engine = engine
        self._jobs = jobs
        self._factory = engine_factory
        self._stream = stream
        self._name = name
        self._events = events
        self._policy: Policy | None = policy
        self._strict = strict
        # None: kept, except in the governors' summary (SPEC section 9).
        self._evidence = evidence if evidence is not None else name != "summary"
        self._progress = progress

    def into_folder(self, folder: Path, inputs: Inputs) -> BatchCounts:
        """One file per review into `folder` (checked by the caller: `check_folder`)."""
        counts = BatchCounts()
        try:
            with BatchWriter(folder, inputs) as writer:
                self._run(counts, writer, None, None)
        except BatchStopped:
            pass
        return counts

    def into_stream(self, path: str | None, stdout: Callable[[bytes], object]) -> BatchCounts:
        """One stream into the file `path` (written atomically), or to `stdout`. Into a
        regular file, forked workers write their reports straight into it, each order at
        its place (`placing.Placement`): every byte written once. Elsewhere (standard
        output, a device, workers not forked) they write them into a private folder
        (beside `path`, so that the kernel can copy them into it), removed however the
        batch ends, and this process copies them out in order."""
        counts = BatchCounts()
        try:
            with ExitStack() as stack:
                spool = None
                parallel = self._parallel()
                special = path is None or is_special(path)
                if parallel and (special or not forks()):
                    spool = stack.enter_context(directory(None if special else path))
                gathered = None
                if path is None:
                    output = Output(stdout)
                else:
                    sink = stack.enter_context(open_atomic(path))
                    write: Callable[[bytes], object] = sink.write
                    flush: Callable[[], object] = sink.flush
                    if not special:  # not through the stream's buffer (`spool.Gathered`)
                        gathered = Gathered(sink.fileno(), asker(sink.fileno()))
                        write, flush = gathered.write, gathered.flush
                    output = Output(write, fileno=sink.fileno(), flush=flush)
                    if parallel and spool is None:
                        skip = len(separator(self._name))
                        PLACEMENT[:] = [Placement(sink.fileno(), skip)]
                        stack.callback(PLACEMENT.clear)
                        spool = STRAIGHT
                stack.callback(output.close)
                self._run(counts, None, output, spool)
                if gathered is not None:  # all of it into the file before it is closed
                    gathered.flush()
        except BatchStopped:
            pass
        return counts

    def _parallel(self) -> bool:
        """Whether the reports are made by workers (see the class)."""
        return self._jobs != 1 and (self._factory is not None or forks())

    def _unwritten(self, errors: Iterable[OSError]) -> int:
        count = 0
        for error in errors:
            self._events.unwritten(error)
            count += 1
        return count

    def _outcomes(self, stream: bool, spool: str | None) -> Generator[Skipped | Made, None, None]:
        """Each unit's outcome, in input order: made here, or by `jobs` worker processes
        (`parallel.ordered_map`) given small work orders (`batch.work.orders`: workers read
        JSON Lines themselves, and with `spool` write their reports there), stopped when
        this is closed. This process only writes: measured on two free cores, making
        chunks here as well slowed the workers down (the pool's threads wait for the GIL
        to hand chunks over), 1.0x against 1.4x with two workers (docs/performance.md,
        round 22).

        Forked workers start with this process's engine, warm: the first order (one
        assessment) is made here before they start, so what is built on first use
        (validators, compiled rule packs) is built once. Workers that are not forked
        build their own engine with `engine_factory` (there is one: see the class)."""
        made = Maker(self._engine, self._name, stream, self._policy, self._evidence)
        if not self._parallel():
            for unit in self._stream.units():
                yield unit if isinstance(unit, Skipped) else made(unit)
            return
        count = workers(self._jobs)
        work_orders = orders(self._stream.files, spool, count)
        first = next(work_orders, None)
        if first is None:
            return
        WORKER[:] = [made]  # this process's part, and what forked workers inherit
        try:
            yield from map(received, work(first))
            made_orders = 1
            if forks():
                start: tuple[Callable[..., None], tuple[Any, ...]] = (inherit, ())
            else:
                settings = (self._name, stream, self._policy, self._evidence)
                start = (start_worker, (self._factory, settings))  # not None: not forked
            results = ordered_map(work, work_orders, count, initializer=start[0], initargs=start[1])
            with said_if_lost("the batch was stopped"), closing(results):
                for chunk in results:
                    made_orders += 1
                    yield from map(received, chunk)
            if spool == STRAIGHT:  # every order written, the workers ended
                PLACEMENT[0].check(made_orders)
        finally:
            WORKER.clear()

    def _run(
        self,
        counts: BatchCounts,
        writer: BatchWriter | None,
        output: Output | None,
        spool: str | None,
    ) -> None:
        """Every report in turn. `BatchStopped` when `strict` stops the batch, raised
        through the writer's or the file's `with`, so that nothing of it is kept."""
        strict = self._strict
        extension = self._engine.exporter(self._name).extension
        between = separator(self._name)
        told: set[Problem] = set()  # the engine's own problems said (`to_tell`)
        with ExitStack() as stack:
            outcomes = stack.enter_context(closing(self._outcomes(writer is None, spool)))
            advance = None
            if self._progress is not None and len(self._stream.files) > PROGRESS_FILES:
                advance = stack.enter_context(self._progress())
            for outcome in outcomes:
                # A run of reports from a worker (`Made.count`) counts as its reports; but
                # where `strict` stops before it, as its first, as one process counts.
                if isinstance(outcome, Skipped) or (strict and counts.failed):
                    count = 1
                else:
                    count = outcome.count
                self._stream.read += count
                if advance is not None:
                    advance(count)
                if isinstance(outcome, Skipped):
                    if output is not None:
                        output.flush()  # what was made before it is out first
                    self._events.skipped(outcome)
                    counts.skipped += 1
                    continue
                if strict and counts.failed:  # what was skipped before it is all shown
                    break
                problems = outcome.problems
                if problems:  # the engine's own once, the school's each time (`to_tell`)
                    said = to_tell(outcome, told)
                    if said and output is not None:
                        output.flush()
                    own = len(said) - (len(problems) - outcome.shared)
                    for number, problem in enumerate(said):
                        self._events.problem(problem, outcome.source if number >= own else None)
                    if strict:
                        counts.skipped += 1
                        break
                if writer is not None:
                    try:
                        writer.write(outcome.stem, extension, outcome.data)
                    except OSError as error:
                        counts.unwritten += self._unwritten([error])
                    if writer.due():
                        counts.unwritten += self._unwritten(writer.flush())
                    continue
                assert output is not None
                # The separator goes between reports: before each but the first.
                skip = 0 if counts.reported else len(between)
                if outcome.where is not None:
                    file, offset, length = outcome.where
                    if file != STRAIGHT:  # else written by the worker already
                        output.add(file, offset + skip, length - skip)
                else:
                    output.write(between[skip:] + outcome.data if between else outcome.data)
                counts.reported += count
            if output is not None:
                output.flush()
            if writer is not None:
                counts.unwritten += self._unwritten(writer.flush())
                counts.reported = len(writer.written)
            if strict and counts.failed:
                counts.stopped = True
                self._events.stopped(counts.reported)
                raise BatchStopped(f"--strict: stopped after {counts.reported} report(s)")
