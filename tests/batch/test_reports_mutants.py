"""Behaviours of `batch` that a whole mutation pass (round 38) found no test pinned, through
`ReportBatch` as a caller of the library drives it: its defaults (`strict` off, one job, this
process; evidence kept but in the governors' summary); under `strict` a report with problems
counted once, as skipped; what is a batch; progress past `PROGRESS_FILES` files only;
problems and skipped lines said after the reports before them; a part the workers did not
write failing the batch; and reports into a folder appearing a group at a time. Round 39's
pass over the rest added: a stream's `read` count when iterated, evidence kept by default,
`BatchEvents` fixed once made, and `--jobs` into a named pipe copied out in order."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import yaml

from selfreview_core import Engine, Recommendation, hookimpl
from selfreview_core._names import PROGRESS_FILES, Where
from selfreview_core.batch.reports import (
    AssessmentStream,
    BatchCounts,
    BatchEvents,
    ReportBatch,
    is_batch,
)
from selfreview_core.errors import Skipped
from selfreview_core.jobs import parallel, placing
from selfreview_core.model.problem import Problem
from selfreview_core.outputs.writing import BatchWriter, Inputs

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"


class _Said:
    """A plugin whose advice names the process that made the report, and which fails for
    the schools in `failing` (their reports carry a problem)."""

    name = "said"

    def __init__(self, failing: frozenset[str] = frozenset()) -> None:
        self.failing = failing

    @hookimpl
    def selfreview_recommend(self, assessment: Any) -> list[Recommendation]:
        if assessment.school.id in self.failing:
            raise RuntimeError(f"no advice for {assessment.school.id}")
        return [Recommendation(id="said", title="Said", action=f"process {os.getpid()}")]


#: Events that say nothing.
QUIET = BatchEvents(lambda item: None, lambda item, where: None, lambda e: None, lambda n: None)


def _cohort() -> list[str]:
    """The example cohort's assessments, each as a JSON line (a date as its ISO text)."""
    return [
        json.dumps(yaml.safe_load(file.read_text(encoding="utf-8")), default=str)
        for file in sorted(COHORT.glob("*.yaml"))
    ]


@pytest.fixture
def lines(tmp_path: Path) -> Path:
    """A JSON Lines file: a bad line between two schools' assessments."""
    found = _cohort()
    path = tmp_path / "cohort.jsonl"
    path.write_text("\n".join([found[0], "not json", found[1]]) + "\n", encoding="utf-8")
    return path


def _school(line: bytes) -> str:
    return str(json.loads(line)["assessment"]["school"]["id"])


def _batch(
    engine: Engine, path: Path, *, strict: bool | None = None
) -> tuple[BatchCounts, list[str], list[bytes]]:
    """A batch of `path`'s lines into one stream (`strict` as given, else its default):
    what it came to, what it said (skipped lines, problems), and the lines it wrote."""
    out: list[bytes] = []
    said: list[str] = []

    def skipped(item: Skipped) -> None:
        said.append(f"skipped {item.file}")

    def problem(item: Problem, where: Where | None) -> None:
        said.append(f"problem {item.message}")

    events = BatchEvents(skipped, problem, lambda error: None, lambda count: None)
    stream = AssessmentStream([str(path)], engine.framework_names())
    if strict is None:
        batch = ReportBatch(engine, stream, "json", events)
    else:
        batch = ReportBatch(engine, stream, "json", events, strict=strict)
    counts = batch.into_stream(None, out.append)
    return counts, said, b"".join(out).splitlines()


def test_a_batch_goes_on_past_a_bad_line_unless_asked_to_be_strict(lines: Path) -> None:
    """`strict` is off unless asked for: the bad line is skipped, the schools on both sides
    of it reported; asked for, the batch stops at it."""
    engine = Engine(entry_points=False)
    counts, said, written = _batch(engine, lines)
    assert (counts.reported, counts.skipped, counts.stopped) == (2, 1, False)
    assert said == [f"skipped {lines}:2"]
    assert len(written) == 2
    counts, said, written = _batch(engine, lines, strict=True)
    assert (counts.reported, counts.skipped, counts.stopped) == (1, 1, True)


def test_strict_stops_at_the_first_report_after_a_bad_line_and_reads_no_further(
    tmp_path: Path,
) -> None:
    """`strict` stops where the first thing goes wrong: the next school's report is not
    written, and a second bad line after it is neither read nor said ("1 assessment
    skipped", one error, not two)."""
    found = _cohort()
    path = tmp_path / "cohort.jsonl"
    path.write_text("\n".join(["not json", found[0], "not json either"]) + "\n", "utf-8")
    counts, said, written = _batch(Engine(entry_points=False), path, strict=True)
    assert (counts.reported, counts.skipped, counts.stopped) == (0, 1, True)
    assert said == [f"skipped {path}:1"]
    assert written == []


def test_a_batch_makes_its_reports_in_this_process_unless_given_jobs(lines: Path) -> None:
    """One job unless asked for more: every report is made here, by this engine and the
    plugin objects it holds, in order."""
    counts, _, written = _batch(Engine(plugins=[_Said()], entry_points=False), lines)
    assert counts.reported == 2
    makers = {
        rec["action"]
        for line in written
        for rec in json.loads(line)["recommendations"]
        if rec["id"] == "said"
    }
    assert makers == {f"process {os.getpid()}"}


def test_strict_counts_a_report_with_problems_once_as_skipped(lines: Path) -> None:
    """Under `strict` the first report with problems stops the batch: its problems are
    said, it is one skipped assessment (the summary's count), and nothing after it is made."""
    first = _school(_batch(Engine(entry_points=False), lines)[2][0])
    engine = Engine(plugins=[_Said(frozenset({first}))], entry_points=False)
    counts, said, _ = _batch(engine, lines, strict=True)
    assert (counts.reported, counts.skipped, counts.stopped) == (0, 1, True)
    assert said == [f"problem selfreview_recommend raised RuntimeError: no advice for {first}"]
    assert counts.summary() == "0 reports written; 1 assessment skipped (errors above)"


def test_two_files_are_a_batch_and_one_is_not(tmp_path: Path) -> None:
    """What `selfreview report` makes a batch of (a report each, into one stream or a
    folder): several files, or any given an output folder; one file alone is one report."""
    [one, two] = [str(file) for file in sorted(COHORT.glob("*.yaml"))[:2]]
    assert is_batch([one, two]) is True
    assert is_batch([one]) is False
    assert is_batch([one], str(tmp_path)) is True


@pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")
def test_problems_and_skipped_lines_are_said_after_the_reports_before_them(
    tmp_path: Path,
) -> None:
    """Reports go out, and problems and skipped lines are said, in input order: each is
    said only once every report before it is written, even where workers' reports are copied out
    a run at a time (`--jobs`, to standard output)."""
    found = _cohort()
    schools = [str(json.loads(line)["school"]["id"]) for line in found]
    path = tmp_path / "cohort.jsonl"
    path.write_text("\n".join([*found * 4, "not json", *found * 4]) + "\n", encoding="utf-8")
    failing = schools[3]
    engine = Engine(plugins=[_Said(frozenset({failing}))], entry_points=False)
    said: list[Any] = []

    def written(data: bytes) -> None:
        said.extend(_school(line) for line in data.splitlines())

    def problem(item: Problem, where: Where | None) -> None:
        said.append(item.message)

    def skipped(item: Skipped) -> None:
        said.append(item.file)

    events = BatchEvents(skipped, problem, lambda error: None, lambda count: None)
    stream = AssessmentStream([str(path)], engine.framework_names())
    ReportBatch(engine, stream, "json", events, jobs=2).into_stream(None, written)
    message = f"selfreview_recommend raised RuntimeError: no advice for {failing}"
    # Each report in turn, a report with problems just after they are said.
    expected = [[message, school] if school == failing else [school] for school in schools * 8]
    expected.insert(len(schools) * 4, [f"{path}:{len(schools) * 4 + 1}"])  # the bad line
    assert said == [item for items in expected for item in items]


def _one_school(folder: Path) -> tuple[Engine, AssessmentStream, BatchEvents]:
    """An engine, a stream of one JSON Lines file of one example school, and events that
    note nothing: a batch's parts, for a test to make one of."""
    example = COHORT.parent / "example-primary-2025.yaml"
    path = folder / "one.jsonl"
    path.write_text(
        json.dumps(yaml.safe_load(example.read_text(encoding="utf-8")), default=str) + "\n",
        encoding="utf-8",
    )
    engine = Engine(entry_points=False)
    events = QUIET
    return engine, AssessmentStream([str(path)], engine.framework_names()), events


@pytest.mark.parametrize(
    ("evidence", "name", "kept"),
    [
        (True, "json", True),
        (None, "json", True),
        (False, "json", False),
        (True, "summary", True),
        (None, "summary", False),
    ],
)
def test_evidence_is_kept_unless_left_out_or_in_the_governors_summary(
    tmp_path: Path, evidence: bool | None, name: str, kept: bool
) -> None:
    """A batch's reports keep each judgement's evidence unless told to leave it out
    (`evidence=False`); not told (None), the governors' summary alone leaves it out."""
    engine, stream, events = _one_school(tmp_path)
    out: list[bytes] = []
    batch = ReportBatch(engine, stream, name, events, evidence=evidence)
    assert batch.into_stream(None, out.append).reported == 1
    assert (b"The vision mentions ICT once" in b"".join(out)) is kept


@pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")
def test_a_part_the_workers_did_not_write_fails_the_batch_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into a regular file, forked workers write their reports straight into it: once they
    have ended, the batch asks whether every part was written (`placing.Placement.check`),
    and a part missing fails the batch instead of leaving a file with a hole in it."""
    asked: list[int] = []

    def lost(self: placing.Placement, orders: int) -> None:
        asked.append(orders)
        raise OSError(errno.EIO, "a worker ended before writing its reports")

    monkeypatch.setattr(placing.Placement, "check", lost)
    path = tmp_path / "cohort.jsonl"
    path.write_text("\n".join(_cohort() * 8) + "\n", encoding="utf-8")
    engine = Engine(entry_points=False)
    events = QUIET
    stream = AssessmentStream([str(path)], engine.framework_names())
    target = tmp_path / "out.jsonl"
    with pytest.raises(OSError, match="before writing"):
        ReportBatch(engine, stream, "json", events, jobs=2).into_stream(str(target), print)
    assert len(asked) == 1
    assert not target.exists()


@pytest.mark.parametrize("files", [1, PROGRESS_FILES, PROGRESS_FILES + 1])
def test_progress_is_shown_for_more_files_than_progress_files_only(lines: Path, files: int) -> None:
    """Progress is shown for a batch of more files than `PROGRESS_FILES` only: a shorter
    batch (one file, however many lines it holds) never enters it."""
    entered: list[int] = []

    @contextmanager
    def progress() -> Iterator[Callable[[int], None] | None]:
        entered.append(1)
        yield None

    engine = Engine(entry_points=False)
    events = QUIET
    stream = AssessmentStream([str(lines)] * files, engine.framework_names())
    batch = ReportBatch(engine, stream, "json", events, progress=progress)
    assert batch.into_stream(None, lambda data: None).reported == 2 * files
    assert entered == ([1] if files > PROGRESS_FILES else [])


def test_reports_into_a_folder_appear_a_group_at_a_time_as_the_batch_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into a folder, the reports are flushed and renamed into place a group at a time as
    the batch goes (so that what a long batch holds pending stays bounded, and an interrupt
    keeps what was finished), not all at its end: by the time a bad line late in the input
    is said, the groups before it are in the folder."""
    monkeypatch.setattr("selfreview_core.batch.reports.BatchWriter", partial(BatchWriter, group=2))
    path = tmp_path / "cohort.jsonl"
    path.write_text("\n".join([*_cohort()[:5], "not json", _cohort()[5]]) + "\n", "utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    seen: list[int] = []

    def skipped(item: Skipped) -> None:
        seen.append(len(list(folder.glob("*.json"))))

    engine = Engine(entry_points=False)
    events = BatchEvents(skipped, lambda item, where: None, lambda e: None, lambda n: None)
    stream = AssessmentStream([str(path)], engine.framework_names())
    counts = ReportBatch(engine, stream, "json", events).into_folder(
        folder, Inputs().add("PATHS", path)
    )
    assert (counts.reported, counts.skipped) == (6, 1)
    assert seen == [4]
    assert len(list(folder.glob("*.json"))) == 6


def test_iterating_a_stream_counts_each_file_and_line_tried_once(lines: Path) -> None:
    """A library caller iterating `AssessmentStream` gets the usable assessments, the bad
    line in `skipped` (named by its line), and `read` counting each line tried once."""
    engine = Engine(entry_points=False)
    stream = AssessmentStream([str(lines)], engine.framework_names())
    found = list(stream)
    assert len(found) == 2
    assert [item.file for item in stream.skipped] == [f"{lines}:2"]
    assert stream.read == 3


def test_a_batch_keeps_evidence_when_not_told_about_it(tmp_path: Path) -> None:
    """`ReportBatch` given no `evidence` keeps each judgement's evidence in its reports."""
    engine, stream, events = _one_school(tmp_path)
    out: list[bytes] = []
    assert ReportBatch(engine, stream, "json", events).into_stream(None, out.append).reported == 1
    assert b"The vision mentions ICT once" in b"".join(out)


def test_batch_events_cannot_be_changed_once_made() -> None:
    """What a batch says through is fixed when made: a hook cannot be swapped mid-batch."""
    events = QUIET
    with pytest.raises(dataclasses.FrozenInstanceError):
        events.skipped = print  # type: ignore[misc]


@pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_many_jobs_write_into_a_named_pipe_what_one_job_writes(tmp_path: Path) -> None:
    """Into a named pipe (or `/dev/stdout` on a pipe), which cannot be written at offsets,
    workers' reports are copied out in order: the pipe receives byte for byte what one job
    writes to standard output."""
    path = tmp_path / "cohort.jsonl"
    path.write_text("\n".join(_cohort() * 8) + "\n", encoding="utf-8")
    engine = Engine(entry_points=False)
    events = QUIET
    one: list[bytes] = []
    stream = AssessmentStream([str(path)], engine.framework_names())
    assert ReportBatch(engine, stream, "json", events).into_stream(None, one.append).reported
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    try:
        stream = AssessmentStream([str(path)], engine.framework_names())
        counts = ReportBatch(engine, stream, "json", events, jobs=2).into_stream(str(fifo), print)
    finally:
        if reader.is_alive() and not received:
            with open(fifo, "wb"):  # let a reader still waiting for a writer end
                pass
        reader.join()
    assert (counts.reported, counts.unwritten) == (len(_cohort()) * 8, 0)
    assert received == [b"".join(one)]


@pytest.mark.parametrize("lines", [None, ""], ids=["no files", "an empty file"])
def test_a_batch_with_nothing_to_report_over_workers_writes_nothing_and_fails_not(
    tmp_path: Path, lines: str | None
) -> None:
    """`--jobs 2` over no assessment at all (no file, or a JSON Lines file with no line: no
    work order) writes no report and starts no worker, as one process does; it does not
    hand the workers an order that is not there."""
    engine = Engine(entry_points=False)
    files = []
    if lines is not None:
        (tmp_path / "empty.jsonl").write_text(lines, encoding="utf-8")
        files.append(str(tmp_path / "empty.jsonl"))
    out: list[bytes] = []
    stream = AssessmentStream(files, engine.framework_names())
    counts = ReportBatch(engine, stream, "json", QUIET, jobs=2).into_stream(None, out.append)
    assert (counts.reported, counts.skipped, counts.failed) == (0, 0, False)
    assert b"".join(out) == b""


def test_where_workers_are_not_forked_a_batch_without_a_factory_runs_in_this_process(
    lines: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where workers are not forked (macOS, Windows) each would build its own engine with
    `engine_factory`: without one, `jobs=2` makes every report here, in this process, with
    this engine (the class's word), instead of starting workers with no engine to use."""
    monkeypatch.setattr("selfreview_core.batch.reports.forks", lambda: False)
    engine = Engine(plugins=[_Said()], entry_points=False)
    out: list[bytes] = []
    stream = AssessmentStream([str(lines)] * 3, engine.framework_names())
    counts = ReportBatch(engine, stream, "json", QUIET, jobs=2).into_stream(None, out.append)
    assert (counts.reported, counts.skipped) == (6, 3)
    actions = [
        advice["action"]
        for line in b"".join(out).splitlines()
        for advice in json.loads(line)["recommendations"]
        if advice["id"] == "said"
    ]
    assert actions == [f"process {os.getpid()}"] * 6
