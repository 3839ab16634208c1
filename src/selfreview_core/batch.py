"""Many assessments at once, as `selfreview report` reads them: files, directories and JSON
Lines files (one assessment object per line), read one at a time so memory does not grow
with the input, and the reports made of them written one at a time (`ReportBatch`). A bad
file or line is skipped with its located diagnostics, never fatal (unless `strict`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ._names import FILE_SUFFIXES, JSON_LINES, PROGRESS_FILES, Policy
from .cohort.files import Skipped
from .errors import BatchStopped, InvalidDocument
from .escaping import shown_json
from .evidence import without_evidence
from .files.json_lines import at_line, is_json_lines, line_too_large, read_lines
from .files.limits import DEFAULT_LIMITS
from .files.walk import expand_paths
from .loader import FrameworkLookup, load_assessment
from .model.assessment import Assessment
from .outputs import BatchWriter, Inputs, open_atomic

if TYPE_CHECKING:
    from .engine import Engine
    from .model.problem import Problem

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
        or paths[0].lower().endswith(JSON_LINES)
    )


def batch_files(paths: Iterable[str]) -> list[str]:
    """The files `paths` name, each once: folders walked for YAML, JSON and JSON Lines."""
    return list(dict.fromkeys(expand_paths(paths, FILE_SUFFIXES + JSON_LINES)))


class AssessmentStream:
    """The assessments in `files`, checked against `frameworks`, in order.

    `files` are files, not directories: the caller walks those (`expand_paths`, with
    `SUFFIXES + JSON_LINES`) and drops repeats. Iterating reads them lazily; what could not
    be used is in `skipped` (a JSON Lines file's diagnostics name its line). `read` counts
    the files and lines tried so far.
    """

    def __init__(self, files: Iterable[str], frameworks: FrameworkLookup) -> None:
        self.files = list(files)
        self._frameworks = frameworks
        self.skipped: list[Skipped] = []
        self.read = 0

    def __iter__(self) -> Iterator[Assessment]:
        for file in self.files:
            if is_json_lines(file):
                yield from self._lines(file)
                continue
            self.read += 1
            try:
                yield load_assessment(file, self._frameworks)
            except InvalidDocument as error:
                self.skipped.append(Skipped(file, error.diagnostics))

    def _lines(self, file: str) -> Iterator[Assessment]:
        try:
            yield from self._read_lines(file)
        except InvalidDocument as error:  # not a regular file, or unreadable
            self.read += 1
            self.skipped.append(Skipped(file, error.diagnostics))

    def _read_lines(self, file: str) -> Iterator[Assessment]:
        limit = DEFAULT_LIMITS.max_bytes
        for number, line in read_lines(file, limit):
            self.read += 1
            if line is None:
                too_large = line_too_large(file, number, limit)
                self.skipped.append(Skipped(f"{file}:{number}", (too_large,)))
                continue
            try:
                yield load_assessment(file, self._frameworks, text=line)
            except InvalidDocument as error:
                self.skipped.append(
                    Skipped(f"{file}:{number}", at_line(error.diagnostics, file, number))
                )


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
    """What a batch says as it goes: each file or line skipped, each plugin problem, each
    report that could not be written (the batch goes on), and where `strict` stopped it
    (with the number of reports written by then)."""

    skipped: Callable[[Skipped], None]
    problem: Callable[[Problem], None]
    unwritten: Callable[[OSError], None]
    stopped: Callable[[int], None]


Progress = Callable[[Iterator[Assessment]], AbstractContextManager[Iterable[Assessment]]]


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
        evidence: bool = True,
        progress: Progress | None = None,
    ) -> None:
        self._engine = engine
        self._stream = stream
        self._name = name
        self._events = events
        self._policy: Policy | None = policy
        self._strict = strict
        self._evidence = evidence
        self._progress = progress

    def into_folder(self, folder: Path, inputs: Inputs) -> BatchCounts:
        """One file per review into `folder` (checked by the caller: `check_folder`)."""
        counts = BatchCounts()
        try:
            with BatchWriter(folder, inputs) as writer:
                self._run(counts, writer, None)
        except BatchStopped:
            pass
        return counts

    def into_stream(self, path: str | None, stdout: Callable[[bytes], object]) -> BatchCounts:
        """One stream into the file `path` (written atomically), or to `stdout`."""
        counts = BatchCounts()
        try:
            if path is None:
                self._run(counts, None, stdout)
            else:
                with open_atomic(path) as sink:
                    self._run(counts, None, sink.write)
        except BatchStopped:
            pass
        return counts

    def _skipped(self) -> int:
        count = len(self._stream.skipped)
        for skipped in self._stream.skipped:
            self._events.skipped(skipped)
        self._stream.skipped.clear()
        return count

    def _unwritten(self, errors: Iterable[OSError]) -> int:
        count = 0
        for error in errors:
            self._events.unwritten(error)
            count += 1
        return count

    def _run(
        self,
        counts: BatchCounts,
        writer: BatchWriter | None,
        write: Callable[[bytes], object] | None,
    ) -> None:
        """Every report in turn. `BatchStopped` when `strict` stops the batch, raised
        through the writer's or the file's `with`, so that nothing of it is kept."""
        engine, name, strict = self._engine, self._name, self._strict
        extension = engine.exporter(name).extension
        with ExitStack() as stack:
            items: Iterable[Assessment] = iter(self._stream)
            if self._progress is not None and len(self._stream.files) > PROGRESS_FILES:
                items = stack.enter_context(self._progress(iter(items)))
            for assessment in items:
                counts.skipped += self._skipped()
                if strict and counts.failed:
                    break
                made = engine.report(assessment, policy=self._policy)
                if not self._evidence:
                    made = without_evidence(made)
                for problem in made.problems:
                    self._events.problem(problem)
                if strict and made.problems:
                    counts.skipped += 1
                    break
                rendered = engine.export(made, name)
                data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
                if writer is not None:
                    reviewed = made.assessment
                    stem = f"{reviewed.school.id}-{reviewed.assessed_on.isoformat()}"
                    try:
                        writer.write(stem, extension, data)
                    except OSError as error:
                        counts.unwritten += self._unwritten([error])
                    if writer.due():
                        counts.unwritten += self._unwritten(writer.flush())
                    continue
                if name == "json":  # JSON Lines: one compact report per line
                    data = shown_json(made.model_dump_json(by_alias=True)).encode("utf-8") + b"\n"
                elif counts.reported:
                    data = b"\f\n" + data  # a page break between tables
                assert write is not None
                write(data)
                counts.reported += 1
            if writer is not None:
                counts.unwritten += self._unwritten(writer.flush())
                counts.reported = len(writer.written)
            counts.skipped += self._skipped()
            if strict and counts.failed:
                counts.stopped = True
                self._events.stopped(counts.reported)
                raise BatchStopped(f"--strict: stopped after {counts.reported} report(s)")
