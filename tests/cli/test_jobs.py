"""`--jobs N`: reports made by worker processes give exactly what one process gives, in the
same order, errors included (SPEC section 5); the pool under it keeps order, holds a
bounded window of work, and leaves no worker behind."""

from __future__ import annotations

import errno
import gc
import json
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cli.test_batch import as_json_lines, cohort_files
from program import WAIT, decoded, python
from selfreview_core import Engine, Recommendation, hookimpl
from selfreview_core.batch import reports as batch
from selfreview_core.batch import work as batch_work
from selfreview_core.batch.reports import AssessmentStream, BatchEvents, ReportBatch
from selfreview_core.cli import cli
from selfreview_core.cohort.files import Skipped
from selfreview_core.files.limits import Limits
from selfreview_core.jobs import parallel, placing, spool
from test_outputs import temporary_files

#: Each test starts worker processes.
pytestmark = pytest.mark.slow

COHORT = "examples/cohort"


@pytest.fixture(autouse=True)
def _in_repo(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def cohort_lines(tmp_path: Path) -> Path:
    """The cohort as JSON Lines, many times over, with bad lines among them."""
    bad = ['{"kind": "assessment", "framework": "becta-srf", "school": 3}', "not json"]
    parts = [as_json_lines(tmp_path / f"{n}.jsonl", cohort_files() * 6, *bad) for n in (1, 2)]
    target = tmp_path / "cohort.jsonl"
    target.write_text("".join(p.read_text(encoding="utf-8") for p in parts), encoding="utf-8")
    return target


@pytest.mark.parametrize("jobs", ["2", "0"])
def test_a_json_lines_stream_is_byte_identical_whatever_the_jobs(
    cohort_lines: Path, tmp_path: Path, jobs: str
) -> None:
    one = run("report", str(cohort_lines), "--format", "json", "--jobs", "1")
    many = run("report", str(cohort_lines), "--format", "json", "--jobs", jobs)
    assert one.exit_code == many.exit_code == 1  # the bad lines
    assert many.stdout_bytes == one.stdout_bytes
    assert many.stderr == one.stderr  # the same errors, in the same order
    assert one.stdout.count("\n") == len(cohort_files()) * 12
    lines = [f":{n}:1: error" for n in (67, 68, 135, 136)]  # after 66 schools, and 132
    assert [one.stderr.index(line) for line in lines] == sorted(
        one.stderr.index(line) for line in lines
    )


def test_tables_and_a_folder_of_files_are_the_same_whatever_the_jobs(tmp_path: Path) -> None:
    one = run("report", COHORT, "examples/example-primary-2026.yaml", "--jobs", "1")
    two = run("report", COHORT, "examples/example-primary-2026.yaml", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert two.stdout_bytes == one.stdout_bytes
    assert "\f\n" in two.stdout
    folders = [tmp_path / "one", tmp_path / "two"]
    for jobs, folder in zip(("1", "2"), folders, strict=True):
        result = run(
            "report", COHORT, "--output-dir", str(folder), "--format", "markdown", "--jobs", jobs
        )
        assert result.exit_code == 0, result.output
    written = [{p.name: p.read_bytes() for p in folder.iterdir()} for folder in folders]
    assert written[0] == written[1]
    assert len(written[0]) == len(cohort_files())


def test_strict_stops_at_the_same_place_whatever_the_jobs(cohort_lines: Path) -> None:
    one = run("report", str(cohort_lines), "--format", "json", "--strict", "--jobs", "1")
    two = run("report", str(cohort_lines), "--format", "json", "--strict", "--jobs", "2")
    assert one.exit_code == two.exit_code == 1
    assert two.stdout_bytes == one.stdout_bytes
    assert two.stderr == one.stderr
    assert "--strict: stopped after" in two.stderr


def test_a_negative_jobs_is_a_usage_error() -> None:
    result = run("report", COHORT, "--jobs", "-1")
    assert result.exit_code == 2
    assert "--jobs" in result.output


# -- the pool ---------------------------------------------------------------------------------


def no_workers_left() -> bool:
    """Whether every worker process has ended (given a moment to be reaped: the pool's
    own thread may be joining one as the pool stops). A clock, generous (`WAIT`, where 5 s
    could run out on a loaded machine): the reaping is this process's own, which no worker's
    processor time bounds; it returns as soon as they are gone."""
    deadline = time.monotonic() + WAIT  # a guard against a hang, not a measure
    while multiprocessing.active_children():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    return True


def _square_all(chunk: list[int]) -> list[int]:
    return [n * n for n in chunk]


def test_results_come_back_in_input_order() -> None:
    chunks = list(parallel.chunked(range(200), 7))
    assert chunks[-1] == [196, 197, 198, 199]
    results = list(parallel.ordered_map(_square_all, chunks, 2))
    assert [n for chunk in results for n in chunk] == [n * n for n in range(200)]
    assert no_workers_left()


def _fail(chunk: list[int]) -> list[int]:
    raise ValueError(f"bad chunk {chunk}")


def test_a_failure_in_a_worker_reaches_the_caller_and_stops_the_pool() -> None:
    with pytest.raises(ValueError, match="bad chunk"):
        list(parallel.ordered_map(_fail, [[1], [2]], 2))
    assert no_workers_left()


def test_an_interrupt_in_the_caller_stops_the_workers() -> None:
    results = parallel.ordered_map(_square_all, ([n] for n in range(100)), 2)
    next(results)
    with pytest.raises(KeyboardInterrupt):
        results.throw(KeyboardInterrupt())
    assert no_workers_left()


def _frozen(chunk: list[int]) -> list[int]:
    return [gc.get_freeze_count() for _ in chunk]


@pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")
def test_forked_workers_inherit_this_processs_objects_frozen_for_the_collector() -> None:
    """So that their collections never walk (and so copy) the pages they inherit; this
    process collects as before once they have started."""
    assert gc.get_freeze_count() == 0
    found = list(parallel.ordered_map(_frozen, [[1], [2], [3]], 2))
    assert all(count > 1000 for chunk in found for count in chunk)
    assert gc.get_freeze_count() == 0


@pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")
def test_what_a_caller_froze_before_the_workers_stays_frozen_after_them() -> None:
    """The `report` command freezes what it made before its batch for the batch's length:
    starting the workers must not thaw it (`gc.unfreeze` thaws everything)."""
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        assert before > 0
        list(parallel.ordered_map(_frozen, [[1], [2], [3]], 2))
        assert gc.get_freeze_count() >= before
    finally:
        gc.unfreeze()


def test_jobs_zero_is_one_worker_per_core_and_a_negative_is_refused() -> None:
    assert parallel.workers(0) >= 1
    assert parallel.workers(3) == 3
    with pytest.raises(ValueError, match="--jobs"):
        parallel.workers(-1)


# -- a bounded window ---------------------------------------------------------------------------


def _slow(chunk: list[int]) -> list[int]:
    time.sleep(0.05)
    return chunk


def test_only_a_bounded_window_of_chunks_is_taken_ahead() -> None:
    taken = 0

    def chunks() -> Iterator[list[int]]:
        nonlocal taken
        for n in range(1000):
            taken += 1
            yield [n]

    results = parallel.ordered_map(_slow, chunks(), 2)
    assert next(results) == [0]
    # Two workers: two windows of three, and the one sent as the first came back.
    assert taken <= 2 * 3 + 1
    results.close()
    assert no_workers_left()  # closing early stops the workers


class _MadeIn:
    """A plugin made in Python, which cannot be pickled to a worker: each report says which
    process made it."""

    name = "made-in"

    @hookimpl
    def selfreview_recommend(self) -> list[Recommendation]:
        return [Recommendation(id="made-in", title="Made in", action=f"process {os.getpid()}")]


def made_in(report: dict[str, Any]) -> str | None:
    """The process that made a report, as `_MadeIn` says it."""
    found = [rec["action"] for rec in report["recommendations"] if rec["id"] == "made-in"]
    return found[0] if len(found) == 1 else None


@pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")
def test_forked_workers_use_the_batchs_own_engine_without_a_factory(
    cohort_lines: Path,
) -> None:
    """An engine holding a plugin object made in Python makes reports in forked workers
    (two, and this process the first chunk, which warms the engine they inherit), in
    order, with the same errors as one process."""
    engine = Engine(plugins=[_MadeIn()], entry_points=False)

    def batch(jobs: int) -> tuple[list[dict[str, Any]], list[str]]:
        out: list[bytes] = []
        errors: list[str] = []

        def skipped(item: Skipped) -> None:
            errors.append(item.file)

        events = BatchEvents(skipped, lambda p, where: None, lambda e: None, lambda n: None)
        stream = AssessmentStream([str(cohort_lines)], engine.framework_names())
        counts = ReportBatch(engine, stream, "json", events, jobs=jobs).into_stream(
            None, out.append
        )
        assert counts.reported == len(cohort_files()) * 12
        assert counts.skipped == 4
        return [json.loads(line) for line in b"".join(out).splitlines()], errors

    one, one_errors = batch(1)
    two, two_errors = batch(2)
    assert two_errors == one_errors == [f"{cohort_lines}:{n}" for n in (67, 68, 135, 136)]
    assert len(two) == len(one)
    for mine, theirs in zip(two, one, strict=True):
        # The same report, but which process made it.
        assert made_in(mine) is not None
        assert {**mine, "recommendations": None} == {**theirs, "recommendations": None}
        others = [rec for rec in mine["recommendations"] if rec["id"] != "made-in"]
        assert others == [rec for rec in theirs["recommendations"] if rec["id"] != "made-in"]
    makers = [made_in(report) for report in two]
    assert makers[0] == f"process {os.getpid()}"  # the first report, made here
    assert makers.count(makers[0]) == 1  # and only that one: the workers make the rest
    assert len(set(makers)) == 3  # this process and two workers
    assert {made_in(report) for report in one} == {f"process {os.getpid()}"}
    assert no_workers_left()


# -- workers that read their own lines and write their own output --------------------------------


@pytest.fixture
def rough_lines(cohort_lines: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cohort's lines with blank lines, a line over the size limit (5,000 bytes here,
    inherited by forked workers) and bad lines among them, some in the first line's place."""
    monkeypatch.setattr(batch_work, "DEFAULT_LIMITS", Limits(max_bytes=5000))
    good = cohort_lines.read_text(encoding="utf-8").splitlines()
    huge = '{"kind": "assessment", "evidence": "' + "x" * 6000 + '"}'
    lines = ["not json", "", *good[:30], "  ", huge, *good[30:], huge, "", '{"a": 1}']
    cohort_lines.write_text("\n".join(lines), encoding="utf-8")  # no newline at the end
    return cohort_lines


def leftovers(folder: Path) -> list[str]:
    """What a batch left in the output's folder besides the output: its private folder?"""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".selfreview-jobs-"))


@pytest.mark.parametrize("to_file", [False, True])
def test_bad_blank_and_oversized_lines_are_found_where_one_process_finds_them(
    rough_lines: Path, tmp_path: Path, to_file: bool
) -> None:
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}.jsonl"
        args = ["-o", str(target)] if to_file else []
        result = run("report", str(rough_lines), "--format", "json", "--jobs", jobs, *args)
        assert result.exit_code == 1
        stderr = result.stderr.replace(str(target), "OUT")
        outputs.append((target.read_bytes() if to_file else result.stdout_bytes, stderr))
    assert outputs[1] == outputs[0]
    stdout, stderr = outputs[0]
    assert stdout.count(b"\n") == len(cohort_files()) * 12
    assert f"{rough_lines}:1:1: error" in stderr
    for number in (34, 141):  # the huge lines: after 1 + 1 + 30 + 1 lines, and 106 more
        assert f"{rough_lines}:{number}:1: error: the line is over 5,000 bytes" in stderr
    assert leftovers(tmp_path) == []


def test_tables_from_lines_have_a_page_break_between_them_whatever_the_jobs(
    cohort_lines: Path,
) -> None:
    one = run("report", str(cohort_lines), "--format", "table", "--jobs", "1")
    two = run("report", str(cohort_lines), "--format", "table", "--jobs", "2")
    assert two.stdout_bytes == one.stdout_bytes
    assert not one.stdout.startswith("\f")
    assert one.stdout.count("\f\n") == len(cohort_files()) * 12 - 1


def test_a_folder_of_reports_from_lines_is_the_same_whatever_the_jobs(
    cohort_lines: Path, tmp_path: Path
) -> None:
    written = []
    for jobs in ("1", "2"):
        folder = tmp_path / f"jobs{jobs}"
        result = run("report", str(cohort_lines), "--output-dir", str(folder), "--jobs", jobs)
        assert result.exit_code == 1  # the bad lines
        written.append({p.name: p.read_bytes() for p in folder.iterdir()})
    assert written[0] == written[1]
    assert len(written[0]) == len(cohort_files()) * 12  # one per line, the names told apart


def test_strict_leaves_no_output_and_nothing_of_the_workers(
    cohort_lines: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.jsonl"
    result = run("report", str(cohort_lines), "-o", str(target), "--strict", "--jobs", "2")
    assert result.exit_code == 1
    assert "--strict: stopped after 66 report(s)" in result.stderr
    assert not target.exists()
    assert leftovers(tmp_path) == []
    assert no_workers_left()


def test_a_device_as_output_keeps_the_workers_output_elsewhere(
    cohort_lines: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders: list[str] = []
    real = spool.directory

    def recorded(beside: str | None = None) -> Any:
        folders.append(str(beside))
        return real(beside)

    monkeypatch.setattr(batch, "directory", recorded)
    result = run("report", str(cohort_lines), "--format", "json", "-o", os.devnull, "--jobs", "2")
    assert result.exit_code == 1
    assert "132 reports written to /dev/null" in result.stderr
    assert folders == ["None"]  # not in /dev: the system's temporary folder


def test_an_interrupt_mid_batch_stops_the_workers_and_removes_their_output(
    cohort_lines: Path, tmp_path: Path
) -> None:
    engine = Engine(entry_points=False)

    def interrupt(item: Skipped) -> None:
        raise KeyboardInterrupt

    events = BatchEvents(interrupt, lambda p, where: None, lambda e: None, lambda n: None)
    stream = AssessmentStream([str(cohort_lines)], engine.framework_names())
    target = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        ReportBatch(engine, stream, "json", events, jobs=2).into_stream(str(target), print)
    assert no_workers_left()
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_a_batch_of_one_job_imports_neither_worker_pools_nor_cohort_code() -> None:
    """`report` starts before any report is made: with `--jobs 1` (the default) it loads
    no process pool, and no cohort module for the record of a skipped input."""
    code = (
        "import sys, selfreview_core.batch.reports, selfreview_core.cli._report_batch\n"
        "print(sorted(m for m in sys.modules if m in ('multiprocessing', "
        "'concurrent.futures') or m.startswith('selfreview_core.cohort')))"
    )
    done = decoded(python(["-c", code]))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


class _Picky:
    """A plugin that fails for some schools: their reports carry a problem, among reports
    that carry none."""

    name = "picky"

    @hookimpl
    def selfreview_recommend(self, assessment: Any) -> list[Recommendation]:
        if assessment.school.id in {"900003", "900008"}:
            raise RuntimeError(f"no advice for {assessment.school.id}")
        return []


@pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")
@pytest.mark.parametrize("strict", [False, True])
def test_runs_of_reports_from_workers_keep_each_problem_and_skip_in_its_place(
    rough_lines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, strict: bool
) -> None:
    """A worker sends reports in a row without problems as one run (`batch.work.work`):
    the command then handles one object per run, not per report. Problems, skipped lines,
    counts, progress and what `--strict` keeps are what one process gives, in its order."""
    engine = Engine(plugins=[_Picky()], entry_points=False)
    taken: list[object] = []

    def received(outcome: Any) -> Any:
        taken.append(outcome)
        return batch_work.received(outcome)

    monkeypatch.setattr(batch, "received", received)  # as the batch takes each outcome

    def run_batch(jobs: int) -> tuple[bytes, list[str], list[int], batch.BatchCounts]:
        events: list[str] = []
        steps: list[int] = []

        @contextmanager
        def progress() -> Iterator[Callable[[int], None]]:
            yield steps.append

        stream = AssessmentStream([str(rough_lines)], engine.framework_names())
        out = tmp_path / f"out{jobs}.jsonl"
        counts = ReportBatch(
            engine,
            stream,
            "json",
            BatchEvents(
                lambda s: events.append(f"skipped {s.file}"),
                lambda p, where: events.append(f"problem {p.message}"),
                lambda e: events.append(f"unwritten {e}"),
                lambda n: events.append(f"stopped after {n}"),
            ),
            strict=strict,
            jobs=jobs,
            progress=progress,
        ).into_stream(str(out), lambda data: None)
        assert stream.read == sum(steps)
        return (out.read_bytes() if out.exists() else b""), events, steps, counts

    monkeypatch.setattr(batch, "PROGRESS_FILES", 0)  # one file: show its progress
    data, events, steps, counts = run_batch(1)
    one_taken = len(taken)
    taken.clear()
    data2, events2, steps2, counts2 = run_batch(2)
    assert (data2, events2, counts2) == (data, events, counts)
    assert sum(steps2) == sum(steps)
    if strict:
        assert data == b""
        assert events[-1].startswith("stopped after ")
        assert counts.stopped
        return
    reports = len(cohort_files()) * 12
    assert counts.reported == reports == data.count(b"\n")
    problems = [e for e in events if e.startswith("problem")]
    assert len(problems) == 2 * 12  # two schools' reviews, 12 times each
    assert "no advice for 900003" in problems[0]
    assert steps == [1] * len(steps)  # one process: a step per report or line
    assert len(steps2) < len(steps)  # workers: a step per run
    assert one_taken == 0  # one process: nothing crosses from a worker
    assert len(taken) < reports // 2  # workers: runs, and each report with a problem


# -- workers writing straight into the output file ------------------------------------------------


def _delayed_work(order: Any) -> Any:
    """`batch.work.work`, but the fourth order is made slowly: the orders after it are made
    before their turn, more of them than a worker may hold (`placing.AHEAD`)."""
    time.sleep(0.3 if order[1] == 3 else 0.002)
    return batch_work.work(order)


@pytest.fixture
def small_orders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Orders of one or two lines (about 2 kB of JSON Lines): many more orders than workers."""
    monkeypatch.setattr(batch_work, "span_size", lambda left, workers: 2000)


def spool_folders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The private folders a batch makes for its workers' files (where they are made)."""
    folders: list[str] = []
    real = spool.directory

    def recorded(beside: str | None = None) -> Any:
        folders.append(str(beside))
        return real(beside)

    monkeypatch.setattr(batch, "directory", recorded)
    return folders


@pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")
@pytest.mark.parametrize("name", ["json", "table"])
@pytest.mark.parametrize("orders", ["small", "default"])
def test_workers_write_straight_into_a_file_what_one_process_writes(
    cohort_lines: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    orders: str,
) -> None:
    """Into a regular file, workers write their reports into the output itself, each order
    at its place, whichever finishes first (one made slowly here): byte for byte what one
    process writes, with the same errors; no private folder, no temporary file left."""
    if orders == "small":
        monkeypatch.setattr(batch_work, "span_size", lambda left, workers: 2000)
    monkeypatch.setattr(batch, "work", _delayed_work)
    folders = spool_folders(monkeypatch)
    found = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}"
        result = run(
            "report", str(cohort_lines), "--format", name, "-o", str(target), "--jobs", jobs
        )
        assert result.exit_code == 1  # the bad lines
        found.append((target.read_bytes(), result.stderr.replace(str(target), "OUT")))
    assert found[1] == found[0]
    data, stderr = found[0]
    reports = len(cohort_files()) * 12
    assert f"{reports} reports written to OUT; 4 assessments skipped" in stderr
    if name == "json":
        assert data.count(b"\n") == reports
    else:
        assert data.count(b"\f\n") == reports - 1
        assert not data.startswith(b"\f")
    assert folders == []  # nothing copied: the workers wrote into the output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "1.jsonl",
        "2.jsonl",
        "cohort.jsonl",
        "out1",
        "out2",
    ]
    assert no_workers_left()


@pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")
@pytest.mark.parametrize("lines", [0, 1, 2, 5])
def test_a_few_lines_into_a_file_are_the_same_whatever_the_jobs(tmp_path: Path, lines: int) -> None:
    """Fewer orders than workers, or none: the first order is this process's own."""
    source = as_json_lines(tmp_path / "few.jsonl", cohort_files()[:lines]) if lines else None
    if source is None:
        source = tmp_path / "few.jsonl"
        source.write_bytes(b"")
    found = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}"
        result = run("report", str(source), "--format", "table", "-o", str(target), "--jobs", jobs)
        assert result.exit_code == 0, result.output
        found.append(target.read_bytes())
    assert found[1] == found[0]
    assert found[0].count(b"\f\n") == max(0, lines - 1)


@pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")
def test_standard_output_still_goes_through_the_workers_files(
    cohort_lines: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = spool_folders(monkeypatch)
    one = run("report", str(cohort_lines), "--format", "json", "--jobs", "1")
    two = run("report", str(cohort_lines), "--format", "json", "--jobs", "2")
    assert two.stdout_bytes == one.stdout_bytes
    assert folders == ["None"]  # the system's temporary folder, copied out in order


def _killed_in_work(order: Any) -> Any:
    if order[1] == 4:
        os.kill(os.getpid(), signal.SIGKILL)
    return batch_work.work(order)


def _killed_placing(self: Any, parts: Any, offset: int, size: int) -> None:
    """`Placement._write`, but a worker's thread (an order made before its turn) dies."""
    if threading.current_thread().name == "placing":
        os.kill(os.getpid(), signal.SIGKILL)
    _REAL_WRITE(self, parts, offset, size)


_REAL_WRITE = placing.Placement._write


@pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")
@pytest.mark.parametrize("when", ["making", "placing"])
def test_a_worker_killed_mid_batch_leaves_no_output_and_says_so(
    cohort_lines: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    small_orders: None,
    when: str,
) -> None:
    """A worker killed while it makes an order, or after it sent the order's outcomes back
    but before its thread wrote them: the batch fails (exit 1) with a message, never a
    traceback or a short file; the target is as it was, no temporary file is left."""
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"before\n")
    if when == "making":
        monkeypatch.setattr(batch, "work", _killed_in_work)
    else:
        monkeypatch.setattr(batch, "work", _delayed_work)
        monkeypatch.setattr(placing.Placement, "_write", _killed_placing)
    result = run("report", str(cohort_lines), "--format", "json", "-o", str(target), "--jobs", "2")
    assert result.exit_code == 1
    assert f"{target}: " in result.stderr
    assert "worker" in result.stderr
    assert "reports written" not in result.stderr
    assert target.read_bytes() == b"before\n"
    assert temporary_files(tmp_path) == []
    assert no_workers_left()


@pytest.mark.skipif(not parallel.forks(), reason="workers are forked only on Linux")
def test_a_full_disk_in_a_worker_names_the_output_and_leaves_it_as_it_was(
    cohort_lines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_orders: None
) -> None:
    real = os.pwritev

    def pwritev(handle: int, buffers: Any, offset: int) -> int:
        if offset > 0:  # not the first order, this process's own: a worker's
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(handle, buffers, offset)

    monkeypatch.setattr(os, "pwritev", pwritev)  # forked workers inherit it
    target = tmp_path / "out.jsonl"
    result = run("report", str(cohort_lines), "--format", "json", "-o", str(target), "--jobs", "2")
    assert result.exit_code == 1
    assert f"{target}: No space left on device" in result.stderr
    assert not target.exists()
    assert temporary_files(tmp_path) == []
    assert no_workers_left()


def test_a_plugin_failing_for_every_school_gives_what_one_process_gives(
    cohort_lines: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every report has a problem, so each is sent from its worker alone (no run of reports
    without problems): the reports, the problems said for each school and their order are
    still what one process gives, for a JSON Lines file and for a folder."""
    from importlib.metadata import EntryPoint

    from program import HOSTILE

    monkeypatch.syspath_prepend(str(HOSTILE))
    raiser = EntryPoint("raiser", "selfreview_hostile.raises", "selfreview")
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [raiser])
    for source, status in ((str(cohort_lines), 1), (COHORT, 0)):
        one = run("report", source, "--format", "json", "--jobs", "1")
        two = run("report", source, "--format", "json", "--jobs", "2")
        assert one.exit_code == two.exit_code == status  # 1: the bad lines
        assert two.stdout_bytes == one.stdout_bytes
        assert two.stderr == one.stderr
        told = [ln for ln in one.stderr.splitlines() if "plugin raiser" in ln]
        assert len(told) == one.stdout.count("\n") >= len(cohort_files())
        assert all(ln.endswith("raised RuntimeError: the database is down") for ln in told)
        if status:  # each line of the file named, in order
            numbers = [int(ln.split(":")[1]) for ln in told]
            assert numbers == sorted(numbers)
