"""One part of a batch of reports (`batch.ReportBatch`): the units to read, the report each
makes, and, under `--jobs`, the work orders that workers are given and what they do with
one.

A work order is small (`Order`): a few files to read, or a `spool.Span` of a JSON Lines
file, whose lines the worker reads itself. A worker writing into one stream (`spool`
given) writes its reports to a file of its own in the batch's private folder, and sends
back only where they lie (`Made.where`), reports in a row without problems as one run
(`Made.count`); the batch copies them out in input order. Into a regular file, forked
workers write `STRAIGHT` into it instead, each order at its place (`placing`). Into a
folder, each report's bytes come back, as its file needs them whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from .._names import Policy, Where
from ..errors import Diagnostic, InvalidDocument, SelfReviewError, Skipped
from ..evidence import without_evidence
from ..files.json_lines import (
    at_line,
    file_spans,
    is_json_lines,
    line_too_large,
    lines_on_stdin,
    read_lines,
    read_span,
)
from ..files.limits import DEFAULT_LIMITS
from ..files.source import read_source
from ..jobs.parallel import CHUNK
from ..jobs.placing import Placement
from ..jobs.spool import Span, span_size, write_parts
from ..loader import FrameworkLookup, assessment_from, load_assessment, located_assessment
from ..model.assessment import Assessment
from ..model.problem import Problem  # a field of `Made`, pickled by workers
from ..model.refused_school import naming_school, school_of, school_of_line
from ..quick_assessment import quick_assessment
from ..report import report_line_bytes
from .report_files import export_report

if TYPE_CHECKING:
    from ..engine import Engine

__all__ = [
    "PLACEMENT",
    "STRAIGHT",
    "Made",
    "Maker",
    "Order",
    "Spooled",
    "Unit",
    "line_limit",
    "load_unit",
    "orders",
    "received",
    "to_tell",
    "work",
]

#: One assessment to read: a file, or (file, line number, its bytes) of a JSON Lines file
#: (None for a line over the size limit).
Unit = str | tuple[str, int, bytes | None]
#: A worker's order: the batch's private folder for its output (None: send the reports
#: back; `STRAIGHT`: write them into the output, `PLACEMENT`), the order's place in the
#: batch, and what to read.
Order = tuple[str | None, int, Span | list[Unit | Skipped]]
#: An order's reports go straight into the one output file, at their place (`PLACEMENT`).
STRAIGHT: Final = ""


def line_limit() -> int:
    """The most bytes a JSON Lines line may hold (a file's limit), read when asked, by one
    process or by its workers alike."""
    return DEFAULT_LIMITS.max_bytes


def load_unit(unit: Unit, frameworks: FrameworkLookup) -> Assessment | Skipped:
    """The assessment `unit` holds, checked against `frameworks`; `Skipped` (with located
    diagnostics: a JSON Lines file's name its line) if it cannot be used."""
    if isinstance(unit, str):
        source = None
        try:  # as `load_assessment(unit, frameworks)`, the document kept to name its school
            source = read_source(unit)
            return assessment_from(source, frameworks)
        except InvalidDocument as error:
            school = None if source is None else school_of(source.data)
            return Skipped(unit, naming_school(error.diagnostics, school))
    file, number, line = unit
    if line is None:
        return Skipped(f"{file}:{number}", (line_too_large(file, number, line_limit()),))
    try:
        if type(frameworks) is not dict or not is_json_lines(file):
            return load_assessment(file, frameworks, text=line)
        # A batch's line (JSON, by its file's name) and its dict of frameworks: the quick
        # path asked here, as `load_assessment` asks it, without the calls down to it.
        found = quick_assessment(line, DEFAULT_LIMITS, frameworks.get)
        if found is not None:
            return found
        return located_assessment(file, frameworks, line)
    except InvalidDocument as error:
        return Skipped(
            f"{file}:{number}", at_line(of_school(error.diagnostics, line), file, number)
        )


def of_school(diagnostics: Iterable[Diagnostic], line: bytes) -> tuple[Diagnostic, ...]:
    """`diagnostics` of a JSON Lines `line` refused, each naming the line's school where
    it has an id (`model.refused_school`, as a folder's file and `collect` name theirs;
    round 81). Only on the way to a refusal: a line that reads is never parsed again."""
    return naming_school(diagnostics, school_of_line(line))


# Not frozen: a frozen dataclass's `__init__` sets each field through `object.__setattr__`,
# about 6,000 instructions a report of a batch (docs/performance.md, round 32).
@dataclass(slots=True)
class Made:
    """One report, made and rendered (by a worker, perhaps): its problems, its bytes, and
    the stem of its file name in a folder (school id and date; empty in a stream). Made by
    a worker into a stream, its bytes are instead `where` it wrote them: (file, offset,
    length), each report after the separator that goes between two (see `work`); there,
    `count` reports in a row without problems are one `Made` (a run), which the batch
    counts and copies as one. The first `shared` problems are the engine's own, which
    every report of the batch carries (`Engine.report`): the batch says them once
    (`to_tell`)."""

    problems: tuple[Problem, ...]
    data: bytes
    stem: str
    where: tuple[str, int, int] | None = None
    count: int = 1
    shared: int = 0
    #: Where the review was read (a file, or a JSON Lines file and line, apart: `Where`),
    #: for its own problems (after `shared`): which of many schools a plugin failed on.
    #: Made only for a report with such problems (None otherwise).
    source: Where | None = None


class Maker:
    """The report of one unit, rendered as the batch writes it."""

    def __init__(
        self, engine: Engine, name: str, stream: bool, policy: Policy | None, evidence: bool
    ) -> None:
        self._engine, self.name, self._stream = engine, name, stream
        self._policy: Policy | None = policy
        self._evidence = evidence
        self._frameworks = engine.framework_names()

    def __call__(self, unit: Unit) -> Skipped | Made:
        found = load_unit(unit, self._frameworks)
        if isinstance(found, Skipped):
            return found
        made = self._engine.report(found, policy=self._policy)
        problems = made.problems
        if not self._evidence:
            made = without_evidence(made)
        if self._stream and self.name == "json":
            # JSON Lines: one compact report per line, rendered once.
            data = report_line_bytes(made, b"\n")
        else:
            try:
                rendered = export_report(
                    self._engine, made, self.name, with_evidence=self._evidence
                )
            except SelfReviewError as error:  # a plugin's exporter, failing on this school
                return _unrendered(unit, error)
            data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
        reviewed = made.assessment
        stem = "" if self._stream else f"{reviewed.school.id}-{reviewed.assessed_on.isoformat()}"
        if not problems:  # nearly every report: nothing more to work out
            return Made(problems, data, stem)
        shared = _engine_own(problems, self._engine.problems)
        source = unit_where(unit) if len(problems) > shared else None
        return Made(problems, data, stem, None, 1, shared, source)

    def units(self, what: Span | list[Unit | Skipped]) -> Iterator[Unit | Skipped]:
        """The units of an order, read here (a span's lines)."""
        if not isinstance(what, Span):
            yield from what
            return
        for item in read_span(what, line_limit()):
            yield item if isinstance(item, Skipped) else (what.file, *item)


def _unrendered(unit: Unit, error: SelfReviewError) -> Skipped:
    """The report of `unit`, which a plugin's exporter failed to render, left out as a
    file that does not load is: said with its school's file, while the other schools'
    reports are written (exit 1). Before, the whole batch ended on it, nothing written."""
    name = unit_name(unit)
    message = f"{error.first.message}; this report is not written"
    return Skipped(name, (Diagnostic(message, file=name),))


def unit_name(unit: Unit) -> str:
    """A unit as a batch names it: its file, or a JSON Lines file's `file:line` (as a
    line skipped is named)."""
    return unit if isinstance(unit, str) else f"{unit[0]}:{unit[1]}"


def unit_where(unit: Unit) -> Where:
    """Where a unit was read: its file, and a JSON Lines line's number apart."""
    return (unit, None) if isinstance(unit, str) else (unit[0], unit[1])


def _engine_own(problems: tuple[Problem, ...], engine: Sequence[Problem]) -> int:
    """How many of a report's first problems are its engine's own: `Engine.report` puts
    them first, the very objects, in order; a plugin's problem with this school comes
    after, a new object, even where its words are the same."""
    count = 0
    for mine, its in zip(problems, engine, strict=False):
        if mine is not its:
            break
        count += 1
    return count


def to_tell(made: Made, told: set[Problem]) -> list[Problem]:
    """The problems of a report a batch says: each of the engine's own (`Made.shared`) the
    first time a report carries it (`told` holds those said, by value: a worker's engine,
    forked or built again, has them too), then every one of this school's. A batch of a
    million schools with a plugin that failed to load says so once, not a million times;
    each report's file still says it."""
    shared = made.shared
    said = [p for p in made.problems[:shared] if p not in told]
    told.update(said)
    return [*said, *made.problems[shared:]] if shared else list(made.problems)


def separator(name: str) -> bytes:
    """What goes between two reports in one stream: tables have a page break between them;
    JSON Lines are one per line."""
    return b"" if name == "json" else b"\f\n"


def orders(files: Iterable[str], spool: str | None, workers: int) -> Iterator[Order]:
    """The work orders of a batch of `files`, in order: files in groups of
    `parallel.CHUNK`, and each JSON Lines file in spans (each line where one reader of the
    whole file would count it; one that cannot be read is `Skipped`, in its place). The
    first order is one file or line, made by the batch itself before the workers start
    (warming the engine they inherit)."""
    index = 0
    group: list[Unit | Skipped] = []
    group_size = 1

    def sized(left: int) -> int:
        return 1 if index == 0 else span_size(left, workers)

    for file in files:
        if not is_json_lines(file):
            # Standard input's lines are sent in the orders (a worker cannot read them
            # again), grouped as files are; any other file is read by its worker.
            stdin = lines_on_stdin(file)
            for unit in _stdin_units(file) if stdin else (file,):
                group.append(unit)
                if len(group) >= group_size:
                    yield spool, index, group
                    index, group, group_size = index + 1, [], CHUNK
            continue
        if group:
            yield spool, index, group
            index, group, group_size = index + 1, [], CHUNK
        for span in _spans(file, sized):
            yield spool, index, span
            index, group_size = index + 1, CHUNK
    if group:
        yield spool, index, group


def _stdin_units(file: str) -> Iterator[Unit]:
    """Standard input's lines, as units of a batch (its lines, read once, in memory)."""
    for number, line in read_lines(file, line_limit()):
        yield file, number, line


def _spans(file: str, size: Callable[[int], int]) -> Iterator[Span | list[Unit | Skipped]]:
    """A JSON Lines file in spans; what could not be read of it as `Skipped`, after the
    spans found before."""
    for item in file_spans(file, size):
        yield [item] if isinstance(item, Skipped) else item


#: The maker of this process's part of a `--jobs` batch: the batch's own in the process
#: that runs it (and so in workers forked from it), one from `start_worker` in others.
WORKER: list[Maker] = []
#: Where the orders of a batch written `STRAIGHT` into its output file go: made by the batch
#: before its workers are forked, so that they share it.
PLACEMENT: list[Placement] = []


def inherit() -> None:
    """Set a forked worker up: it has the batch's maker already (`WORKER`)."""


def start_worker(
    factory: Callable[[], Engine], settings: tuple[str, bool, Policy | None, bool]
) -> None:
    """Set a worker that was not forked up: its own engine, from the command's options,
    with its exporters collected, as the batch's engine has them (`ReportBatch._run`): a
    problem doing so is in each report, whichever process made it."""
    name, stream, policy, evidence = settings
    engine = factory()
    engine.exporters()
    WORKER[:] = [Maker(engine, name, stream, policy, evidence)]


#: Reports a worker wrote to its file, as they cross the pipe (`work`): their problems, the
#: file, offset and length of their bytes (`Made.where`), and how many they are (`Made.count`:
#: one with problems, else a run of them), and how many of its problems are the engine's own
#: (`Made.shared`). A plain tuple: 20,000 `Made` objects cost 53 ms
#: to pickle and 66 ms to unpickle, in the command's process that the workers wait on; as
#: tuples 6 and 5 ms (docs/performance.md, round 24). As runs, the command handles one
#: object per order instead of one per report (round 25).
Spooled = tuple[tuple[Problem, ...], str, int, int, int, int, Where | None]


def work(order: Order) -> list[Skipped | Made | Spooled]:
    """A process's part: the outcome of each unit of an order. With the batch's folder
    (`spool`), the reports are written to a file there named for the order, each after
    the separator of the batch's format, and only where they lie is sent back
    (`Spooled`: `received` makes it a `Made` again): reports in a row without problems as
    one run, a report with problems alone (its problems are shown in its place), a
    skipped unit in its place between them. `STRAIGHT`: the reports are written into
    the output itself instead, at the order's place (`PLACEMENT`), and where they lie is
    sent back as offsets within the order."""
    spool, index, what = order
    made = WORKER[0]
    outcomes: list[Skipped | Made] = [
        unit if isinstance(unit, Skipped) else made(unit) for unit in made.units(what)
    ]
    if spool is None:
        return list(outcomes)
    path = spool if spool == STRAIGHT else os.path.join(spool, str(index))
    between = separator(made.name)
    parts: list[bytes] = []
    sent: list[Skipped | Made | Spooled] = []
    offset = start = count = 0  # the run in the making: where it starts, how many
    for outcome in outcomes:
        if isinstance(outcome, Made):
            if between:
                parts.append(between)
            parts.append(outcome.data)
            size = len(between) + len(outcome.data)
            if outcome.problems:
                if count:
                    sent.append(((), path, start, offset - start, count, 0, None))
                problems, shared = outcome.problems, outcome.shared
                sent.append((problems, path, offset, size, 1, shared, outcome.source))
                count = 0
            else:
                if not count:
                    start = offset
                count += 1
            offset += size
            continue
        if count:
            sent.append(((), path, start, offset - start, count, 0, None))
            count = 0
        sent.append(outcome)
    if count:
        sent.append(((), path, start, offset - start, count, 0, None))
    if spool == STRAIGHT:
        PLACEMENT[0].place(index, parts, offset)
    elif parts:
        write_parts(path, parts)
    return sent


def received(outcome: Skipped | Made | Spooled) -> Skipped | Made:
    """An outcome as `work` sent it, as the batch takes it: a `Spooled` run or report a
    `Made` whose bytes are `where` the worker wrote them."""
    if isinstance(outcome, tuple):
        problems, path, offset, size, count, shared, source = outcome
        return Made(problems, b"", "", (path, offset, size), count, shared, source)
    return outcome
