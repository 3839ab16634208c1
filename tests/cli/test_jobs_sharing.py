"""`report --jobs 2 -o FILE` with the command's own process as one of the jobs (round 78):
stopped while it waits for its own order's turn in the output (Ctrl-C, SIGTERM), or by
`--strict`, it leaves the output as it was and no worker behind, says what one process
says, and never waits for ever."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cli.test_jobs import cohort_lines, no_workers_left, run  # noqa: F401  (a fixture)
from cli.test_signals import (
    BEFORE,
    _start_script,
    _temporary_files,
    batch,  # noqa: F401  (a fixture)
    stopped_on_exit,
)
from program import ended
from selfreview_core import Engine, parallel, placing
from selfreview_core.batch.reports import AssessmentStream, BatchEvents, ReportBatch

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not parallel.forks(), reason="forked workers only (Linux)"),
]

#: A turn that never comes: as if the order before the batch's own were held by a worker
#: that lives on and never places it.
NEVER = 1_000 * 16


def _never_settled(
    stop: Callable[[], None], waiting: list[int]
) -> Callable[[Any, int, Callable[[], None]], None]:
    """`Placement.settle` that waits for a turn that never comes, and is stopped meanwhile
    by `stop` (from another thread, once it waits)."""

    def settle(self: Any, index: int, lost: Callable[[], None]) -> None:
        waiting.append(index)
        threading.Timer(0.2, stop).start()
        self._wait_turn(index + NEVER, lost)

    return settle


def test_ctrl_c_while_the_batchs_own_order_waits_for_its_turn_leaves_nothing(
    cohort_lines: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main = threading.main_thread().ident
    assert main is not None
    waiting: list[int] = []
    interrupt = _never_settled(lambda: signal.pthread_kill(main, signal.SIGINT), waiting)
    monkeypatch.setattr(placing.Placement, "settle", interrupt)
    _many_orders_a_worker_slow(monkeypatch)
    engine = Engine(entry_points=False)
    events = BatchEvents(lambda s: None, lambda p, where: None, lambda e: None, lambda n: None)
    stream = AssessmentStream([str(cohort_lines)], engine.framework_names())
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"before\n")
    with pytest.raises(KeyboardInterrupt):
        ReportBatch(engine, stream, "json", events, jobs=2).into_stream(str(target), print)
    assert len(waiting) == 1  # stopped in its wait
    assert no_workers_left()
    assert target.read_bytes() == b"before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "1.jsonl",
        "2.jsonl",
        "cohort.jsonl",
        "out.jsonl",
    ]


def _many_orders_a_worker_slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Orders of a line or two, each slow in a worker: the batch's own process makes many."""
    from selfreview_core.batch import reports

    monkeypatch.setattr("selfreview_core.batch.work.span_size", lambda left, workers: 2000)
    monkeypatch.setattr(reports, "work", _slow_worker)


#: The command, with its own orders waiting for a turn that never comes, and SIGTERM
#: (`kill PID`) once one waits: said on standard error when it waits.
TERMINATED_WHILE_WAITING = f"""
import os, signal, sys, threading
from selfreview_core import placing


def settle(self, index, lost):
    print("waiting", file=sys.stderr, flush=True)
    threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)).start()
    self._wait_turn(index + {NEVER}, lost)


placing.Placement.settle = settle
from selfreview_core.cli import main

sys.argv = ["selfreview", *sys.argv[1:]]
main()
"""


def test_sigterm_while_the_batchs_own_order_waits_for_its_turn_leaves_the_old_output(
    batch: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Ended by the signal, as its parent expects, saying only "Aborted!", every process
    holding its pipes gone (`ended`), the output as it was, no temporary file."""
    args = ["report", str(batch), "--format", "json", "-o", "out.jsonl", "--jobs", "2"]
    with stopped_on_exit(_start_script(TERMINATED_WHILE_WAITING, args, tmp_path)) as process:
        errors = ended(process).stderr.decode()
        assert process.returncode == -signal.SIGTERM
        assert errors.split() == ["waiting", "Aborted!"]  # no traceback, from it or a worker
        assert _temporary_files(tmp_path) == []
        assert (tmp_path / "out.jsonl").read_bytes() == BEFORE


def _slow_worker(order: Any) -> Any:
    """`batch.work.work`, but a worker's orders slowly: the batch's own process makes
    most of them, and `--strict` stops the batch at an order of its own or a worker's."""
    from selfreview_core.batch import work

    if multiprocessing.parent_process() is not None:
        time.sleep(0.05)
    return work.work(order)


#: The process whose orders `_counted` counts, and the file it counts them in.
_COUNTED: dict[str, tuple[int, str]] = {}


def _counted(order: Any) -> Any:
    """`_slow_worker`, each order the batch's own process makes (but the first, before the
    workers) noted in a file."""
    me, made = _COUNTED["in"]
    if os.getpid() == me and order[1]:
        with open(made, "a", encoding="utf-8") as file:
            file.write(f"{order[1]}\n")
    return _slow_worker(order)


@pytest.mark.parametrize("slow", [False, True])
def test_strict_into_a_file_stops_where_one_process_stops_and_writes_nothing(
    cohort_lines: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    slow: bool,
) -> None:
    if slow:
        _many_orders_a_worker_slow(monkeypatch)
    else:
        monkeypatch.setattr("selfreview_core.batch.work.span_size", lambda left, workers: 2000)
    said = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}.jsonl"
        target.write_bytes(b"before\n")
        result = run(
            "report", str(cohort_lines), "--format", "json", "-o", str(target), "--strict",
            "--jobs", jobs,
        )  # fmt: skip
        assert result.exit_code == 1
        assert target.read_bytes() == b"before\n"
        said.append(result.stderr.replace(str(target), "OUT"))
    assert said[1] == said[0]
    assert "--strict: stopped after" in said[0]
    assert no_workers_left()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_the_batchs_own_process_makes_orders_and_the_output_is_one_processs(
    cohort_lines: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Small orders, a worker slow: the batch's own process makes many of them (counted in
    the file `made`), and the output and what is said are byte for byte one process's."""
    from selfreview_core.batch import reports

    made = tmp_path / "made"
    monkeypatch.setattr("selfreview_core.batch.work.span_size", lambda left, workers: 2000)
    monkeypatch.setattr(reports, "work", _counted)
    monkeypatch.setitem(_COUNTED, "in", (os.getpid(), str(made)))
    found = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}.jsonl"
        args = ["report", str(cohort_lines), "--format", "json", "-o", str(target)]
        result = run(*args, "--jobs", jobs)
        said = result.stderr.replace(str(target), "OUT")
        found.append((target.read_bytes(), result.exit_code, said))
    assert found[1] == found[0]
    assert len(made.read_text(encoding="utf-8").split()) > 1  # its own, beside the worker's
    assert no_workers_left()
