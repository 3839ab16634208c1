"""`kill`, `timeout` and a closed terminal (SIGTERM, SIGHUP) stop a command as Ctrl-C does.

Before round 36 either signal ended the process at once: a batch left its temporary output
(megabytes of it) beside the file it was to replace, and with `--jobs 2` the workers, left
waiting for work from a parent that was gone, ran on for ever and held the pipes of the
program that started the command, which then waited for ever too.

Each test runs the command as a user's program would, in its own process, and signals it
once it is writing (its temporary file exists), with the command frozen and seen to be
still at work (`signal_while`).
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from program import ended, python, waited
from selfreview_core.cli import main
from selfreview_core.isolation import interrupts

if sys.platform == "win32":  # no SIGHUP, no process groups
    pytest.skip("POSIX signals", allow_module_level=True)

#: Seconds by the clock for what only the clock can bound: a process killed to be gone
#: (`test_a_failed_test_leaves_no_process_of_its_command_and_no_pipe_open`). A command's
#: own work is bounded by its processor time (`program.ended`, `program.Bound`), which a
#: loaded machine does not stretch; this is long enough for any load.
WAIT = 120.0
#: Schools in the batch: seconds of work, so that it is still running when signalled.
SCHOOLS = 8000
BEFORE = b"the previous output, kept\n"


@pytest.fixture
def batch(tmp_path: Path, root: Path) -> Path:
    review = yaml.safe_load((root / "examples" / "example-primary-2025.yaml").read_text("utf-8"))
    line = json.dumps(review, default=str) + "\n"
    path = tmp_path / "cohort.jsonl"
    path.write_text(line * SCHOOLS, encoding="utf-8")
    (tmp_path / "out.jsonl").write_bytes(BEFORE)
    return path


def _as_a_shell_starts_it() -> None:
    """Stopping signals at their defaults and none blocked, as an interactive shell leaves
    them for a job: a test runner started under `nohup` (or by a service) passes its
    ignored SIGHUP on, and an ignored signal stays ignored
    (`test_a_hangup_nohup_ignores_stays_ignored`); a test process's worker may ignore
    Ctrl-C, or block a signal in the thread that starts the command."""
    for number in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, set())


def _start(
    args: list[str],
    cwd: Path,
    preexec: Callable[[], None] = _as_a_shell_starts_it,
    env: dict[str, str] | None = None,
    program: tuple[str, str] = ("-m", "selfreview_core"),
) -> subprocess.Popen[bytes]:
    """The command in a process group of its own, as a shell starts a job (`program`:
    Python's `-c SCRIPT` instead, a script that runs it)."""
    return subprocess.Popen(
        [sys.executable, *program, *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=preexec,  # a test's own child
        process_group=0,
    )


@contextmanager
def stopped_on_exit(process: subprocess.Popen[bytes]) -> Iterator[subprocess.Popen[bytes]]:
    """`process`, and on leaving, however the test ended (a timeout, a failed assertion):
    if never waited for, killed, with its group when it leads one (`_start`'s: its workers
    too, which hold its pipes), then its pipes closed and it waited for. Round 60: a
    `communicate` timed out, and the Popen left behind, its pipes open and its process
    running, failed a later test in the same worker (`ResourceWarning: unclosed file`)."""
    try:
        yield process
    finally:
        if process.returncode is None:  # not waited for: its number is still its own
            with suppress(ProcessLookupError):
                if os.getpgid(process.pid) == process.pid:
                    os.killpg(process.pid, signal.SIGKILL)
                else:
                    process.kill()
        with process:  # Popen's own exit: its pipes closed, and waited for
            pass


@contextmanager
def ending_every_start(module: Any) -> Iterator[None]:
    """Every command `module._start` starts meanwhile ends on leaving (`stopped_on_exit`),
    however the test ends: for modules whose tests call `_start` bare, where a timeout left
    the command running and its pipes open too (round 60)."""
    started = module._start
    with ExitStack() as stack:

        def ended(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
            return stack.enter_context(stopped_on_exit(started(*args, **kwargs)))

        module._start = ended
        try:
            yield
        finally:
            module._start = started


@pytest.fixture
def every_command_ended(request: pytest.FixtureRequest) -> Iterator[None]:
    """`ending_every_start` over the test's own module."""
    with ending_every_start(request.module):
        yield


def test_a_command_a_module_started_bare_ends_with_its_test(batch: Path, tmp_path: Path) -> None:
    """What `every_command_ended` does for a module: a command still at work when the test
    leaves is ended, its group too, its pipes closed; `_start` is the module's own again."""
    module = SimpleNamespace(_start=_start)
    with ending_every_start(module):
        process = module._start(["report", str(batch), "--format", "json", "--jobs", "2"], tmp_path)
        assert process.poll() is None  # at work
    assert process.returncode == -signal.SIGKILL
    assert process.stdout is not None
    assert process.stdout.closed
    assert module._start is _start


def _temporary_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob(".*.tmp"))


def _once_writing(process: subprocess.Popen[bytes], folder: Path) -> None:
    """Wait until the command has written some of its output (with `--jobs`, what its
    workers made), bounded by its work (`program.waited`)."""

    def writing() -> bool:
        return any(path.stat().st_size for path in _temporary_files(folder))

    assert waited(process, writing), "ended before it began to write"
    time.sleep(0.5)  # into the batch's steady state: every worker busy, more work queued


def signal_while(
    process: subprocess.Popen[bytes], still: Callable[[], bool], send: Callable[[], None]
) -> bool:
    """`send` the signal while `still()` holds, checked with the command frozen (SIGSTOP,
    SIGCONT after): whatever the load, the signal comes where the test saw the command,
    never after its work is done (a guess by the clock can be late on a loaded machine:
    round 57's `support` had written its output when its Ctrl-C came). False, nothing sent,
    when the command was already past that point."""
    os.kill(process.pid, signal.SIGSTOP)
    try:
        _, status = os.waitpid(process.pid, os.WUNTRACED)  # every thread of it stopped
        assert os.WIFSTOPPED(status), status
        if not still():
            return False
        send()
        return True
    finally:
        os.kill(process.pid, signal.SIGCONT)


def _writing(folder: Path) -> Callable[[], bool]:
    """Whether the command's output is still its temporary file (not yet renamed)."""
    return lambda: bool(_temporary_files(folder)) and (folder / "out.jsonl").read_bytes() == BEFORE


@pytest.mark.parametrize(
    ("stop", "to_group"),
    [
        (signal.SIGTERM, False),  # `kill PID`
        (signal.SIGTERM, True),  # `timeout`, which signals the command's group
        (signal.SIGHUP, True),  # a terminal closed: its foreground group, workers too
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_stopped_batch_leaves_no_temporary_file_no_worker_and_the_old_output(
    stop: signal.Signals, to_group: bool, jobs: str, batch: Path, tmp_path: Path
) -> None:
    with stopped_on_exit(
        _start(
            ["report", str(batch), "--format", "json", "-o", "out.jsonl", "--jobs", jobs], tmp_path
        )
    ) as process:
        _once_writing(process, tmp_path)
        if to_group:
            sent = signal_while(process, _writing(tmp_path), lambda: os.killpg(process.pid, stop))
        else:
            sent = signal_while(process, _writing(tmp_path), lambda: process.send_signal(stop))
        assert sent, "the batch was done before it was signalled"
        # Ends, and every process that held its pipes with it: no worker is left running.
        errors = ended(process).stderr
        assert process.returncode == -stop  # ended by the signal, as its parent expects
        assert errors.decode().strip() == "Aborted!"  # no traceback, from it or a worker
        assert _temporary_files(tmp_path) == []
        assert (tmp_path / "out.jsonl").read_bytes() == BEFORE
        assert sorted(path.name for path in tmp_path.iterdir()) == ["cohort.jsonl", "out.jsonl"]


def test_a_stopped_batch_of_files_leaves_no_temporary_file(batch: Path, tmp_path: Path) -> None:
    with stopped_on_exit(
        _start(
            ["report", str(batch), "--format", "json", "--output-dir", "reports", "--jobs", "2"],
            tmp_path,
        )
    ) as process:
        _once_writing(process, tmp_path)

        def not_done() -> bool:
            return len(list((tmp_path / "reports").glob("[!.]*"))) < SCHOOLS

        assert signal_while(process, not_done, lambda: process.send_signal(signal.SIGTERM))
        errors = ended(process).stderr
        assert process.returncode == -signal.SIGTERM
        assert "Traceback" not in errors.decode()
        assert _temporary_files(tmp_path) == []


def _failing_while_it_runs(process: subprocess.Popen[bytes]) -> None:
    with stopped_on_exit(process):
        raise AssertionError("the test failed")


def test_a_failed_test_leaves_no_process_of_its_command_and_no_pipe_open() -> None:
    """`stopped_on_exit`, left by a failure while the command runs with a worker that holds
    its pipes (as a batch's `--jobs`): both ended, its pipes closed, the command waited for."""
    read, write = os.pipe()
    code = (  # the command, and its worker once it says so
        f"import os, time\nif not os.fork(): print('working', flush=True)\ntime.sleep({WAIT * 10})"
    )
    try:
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", code],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                pass_fds=(write,),
                process_group=0,
            )
        finally:
            os.close(write)  # the command's and its worker's only
        assert process.stdout is not None
        assert process.stdout.readline() == b"working\n"
        with pytest.raises(AssertionError, match="the test failed"):
            _failing_while_it_runs(process)
        assert process.returncode == -signal.SIGKILL
        assert process.stderr is not None
        assert (process.stdout.closed, process.stderr.closed) == (True, True)
        # Every process that held the pipe's other end has ended: the worker too. By the
        # clock: a process killed does no work to bound it by.
        assert select.select([read], [], [], WAIT)[0]
        assert os.read(read, 1) == b""
    finally:
        os.close(read)


#: `report` whose stopping signal comes as it forks its second worker (during `fork()`, which
#: copies a large process: long on a loaded machine): Python raises the interrupt as `fork`
#: returns, before the pool has noted the worker.
SIGNAL_AS_A_WORKER_IS_FORKED = """
import os, signal, sys

fork, forked = os.fork, []


def fork_signalled():
    pid = fork()
    if pid:
        forked.append(pid)
        if len(forked) == 2:
            signal.raise_signal(signal.SIGTERM)
    return pid


os.fork = fork_signalled
from selfreview_core.cli import main

sys.argv = ["selfreview", *sys.argv[1:]]
main()
"""


def _start_script(script: str, args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    """`python -c script ARGS...` started as `_start` starts the command."""
    return _start(args, cwd, program=("-c", script))


def test_a_batch_stopped_as_it_forks_a_worker_ends_with_every_worker(
    batch: Path, tmp_path: Path
) -> None:
    """Before round 60 the worker being forked was never stopped: the command said
    "Aborted!" and ended, and the worker waited for work for ever, holding the pipes of
    whoever started the command (round 60's loaded run: `communicate` timed out)."""
    args = ["report", str(batch), "--format", "json", "-o", "out.jsonl", "--jobs", "2"]
    with stopped_on_exit(_start_script(SIGNAL_AS_A_WORKER_IS_FORKED, args, tmp_path)) as process:
        errors = ended(process).stderr  # every process holding its pipes ended
        assert process.returncode == -signal.SIGTERM
        assert errors.decode().strip() == "Aborted!"  # no traceback, from it or a worker
        assert _temporary_files(tmp_path) == []
        assert (tmp_path / "out.jsonl").read_bytes() == BEFORE


def _blocked(pid: int) -> set[int]:
    """The stopping signals process `pid` blocks (its SigBlk)."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    [mask] = [line.split()[1] for line in status.splitlines() if line.startswith("SigBlk:")]
    stopping = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    return {number for number in stopping if int(mask, 16) >> (number - 1) & 1}


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc/PID/status")
def test_a_batchs_workers_let_stopping_signals_through_once_started(
    batch: Path, tmp_path: Path
) -> None:
    """Held while they are forked (see the test above), let through once each has set its
    own handlers: `kill WORKER`, or `timeout` signalling the group, ends a worker at once."""
    args = ["report", str(batch), "--format", "json", "-o", "out.jsonl", "--jobs", "2"]
    with stopped_on_exit(_start(args, tmp_path)) as process:
        _once_writing(process, tmp_path)
        os.kill(process.pid, signal.SIGSTOP)  # its batch not to end: its workers stay
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        seen: list[object] = []

        def let_through() -> bool:
            workers = [int(pid) for pid in children.read_text(encoding="ascii").split()]
            seen[:] = [workers, [_blocked(pid) for pid in workers]]
            return len(workers) == 2 and seen[1] == [set(), set()]

        assert waited(process, let_through), seen  # bounded by its workers' work: it is frozen
        assert _blocked(process.pid) == set()  # the command's own, put back after forking


def test_a_hangup_nohup_ignores_stays_ignored(batch: Path, tmp_path: Path) -> None:
    def as_nohup() -> None:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    with stopped_on_exit(
        _start(["report", str(batch), "--format", "json", "-o", "out.jsonl"], tmp_path, as_nohup)
    ) as process:
        _once_writing(process, tmp_path)
        process.send_signal(signal.SIGHUP)
        errors = ended(process).stderr
        assert process.returncode == 0, errors
        assert (tmp_path / "out.jsonl").read_bytes().count(b"\n") == SCHOOLS


def test_a_program_running_commands_keeps_its_own_handlers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`main(argv)` runs a command inside a program, which owns its signals."""
    before = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGHUP)}
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as done:
        main(["frameworks"])
    assert done.value.code == 0
    assert {number: signal.getsignal(number) for number in before} == before


def test_an_interrupt_wrapped_in_another_error_is_still_an_interrupt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pydantic turns a `KeyboardInterrupt` raised while a report is serialised into a
    `PydanticSerializationError`: after Ctrl-C or `kill`, that is "Aborted!", exit 1, not
    an internal error asking for a bug report."""
    import pydantic_core
    from click.testing import CliRunner

    import selfreview_core.display
    from selfreview_core.cli import cli

    def interrupted_while_serialised(*args: object, **kwargs: object) -> str:
        interrupts.noted(signal.SIGINT)  # as the handler notes Ctrl-C
        raise pydantic_core.PydanticSerializationError("Error calling function: KeyboardInterrupt")

    monkeypatch.setattr(interrupts, "_noted", [])
    monkeypatch.setattr(selfreview_core.display, "show", interrupted_while_serialised)
    monkeypatch.delenv("SELFREVIEW_DEBUG", raising=False)
    result = CliRunner().invoke(cli, ["show", "becta-srf"])
    assert (result.exit_code, result.output) == (1, "Aborted!\n")


def test_ctrl_c_keeps_its_exit_status_and_only_stopping_signals_end_the_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from selfreview_core.cli import _signals

    killed: list[tuple[int, int]] = []
    monkeypatch.setattr(os, "kill", lambda pid, number: killed.append((pid, number)))
    monkeypatch.setattr(interrupts, "_noted", [signal.SIGINT])
    _signals.end_by_the_signal()
    assert killed == []
    monkeypatch.setattr(interrupts, "_noted", [signal.SIGINT, signal.SIGHUP, signal.SIGTERM])
    before = signal.getsignal(signal.SIGHUP)
    try:
        _signals.end_by_the_signal()
        assert killed == [(os.getpid(), signal.SIGHUP)]  # the first that came
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGHUP, before)


#: A program running `frameworks` whose weakly referenced object is freed (`FREE`: as the
#: command prints, or once it has ended) by a callback in which the signal comes: Python
#: cannot raise a `KeyboardInterrupt` there, and swallows it (round 57's `support` had one
#: land in `_memo.ByIdentity`'s callback as it ended).
SIGNAL_IN_A_CALLBACK = """
import signal, sys, weakref
import click

STOP, FREE = getattr(signal, sys.argv[1]), sys.argv[2]
held = [type("Held", (), {})()]
ref = weakref.ref(held[0], lambda _: signal.raise_signal(STOP))
echo = click.echo


def echo_freeing(*args, **kwargs):
    if FREE == "running":
        held.clear()
    return echo(*args, **kwargs)


click.echo = echo_freeing
from selfreview_core.cli import main

sys.argv = ["selfreview", "frameworks"]
try:
    main()
finally:
    held.clear()
"""


def _signal_in_a_callback(stop: signal.Signals, free: str, cwd: Path) -> tuple[int, bytes, str]:
    with stopped_on_exit(
        subprocess.Popen(
            [sys.executable, "-c", SIGNAL_IN_A_CALLBACK, stop.name, free],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=_as_a_shell_starts_it,
        )
    ) as process:
        done = ended(process)
        return done.returncode, done.stdout, done.stderr.decode()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=str)
def test_a_signal_in_a_callback_while_the_command_runs_still_stops_it(
    stop: signal.Signals, tmp_path: Path
) -> None:
    """Raised again at Python's next call: before round 58 Ctrl-C there was lost (the
    command ran to its end, exit 0) and said as a failure of that callback."""
    returncode, output, errors = _signal_in_a_callback(stop, "running", tmp_path)
    assert returncode == (1 if stop == signal.SIGINT else -stop), errors
    assert (output, errors.strip()) == (b"", "Aborted!")  # no traceback, no warning
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_in_a_callback_once_the_command_has_ended_is_said_to_be_late(
    tmp_path: Path,
) -> None:
    """The command's work is whole, its exit status stands: not `Aborted!` (which promises
    the previous output kept), nor a failure of the callback's code."""
    returncode, output, errors = _signal_in_a_callback(signal.SIGINT, "ended", tmp_path)
    assert returncode == 0, errors
    assert b"becta-srf" in output
    assert errors == (
        "warning: Ctrl-C came as the command ended (in `__main__.<lambda>`), too late to stop it\n"
    )


def test_kill_in_a_callback_once_the_command_has_ended_ends_the_process_by_it(
    tmp_path: Path,
) -> None:
    returncode, output, errors = _signal_in_a_callback(signal.SIGTERM, "ended", tmp_path)
    assert returncode == -signal.SIGTERM, errors
    assert b"becta-srf" in output  # what was written, flushed before it ended
    assert errors == ""


SIGNAL_AS_IT_EXITS = """
import signal, sys
from selfreview_core import cli

STOP = getattr(signal, sys.argv[1])
group_main = cli.cli.main


def exiting_late(*args, **kwargs):
    try:
        group_main(*args, **kwargs)
    except SystemExit:
        signal.raise_signal(STOP)  # the command has ended; its exit status is on its way
        raise


cli.cli.main = exiting_late
sys.argv = ["selfreview", *sys.argv[2:]]
cli.main()
"""


@pytest.mark.parametrize(
    ("arguments", "status"), [(["frameworks"], 0), (["validate", "missing.yaml"], 2)]
)
def test_ctrl_c_as_the_exit_status_is_made_is_said_to_be_late(
    arguments: list[str], status: int, tmp_path: Path
) -> None:
    """Between the command's end and its exit (click making the status, `main` passing
    it on): before round 58 a traceback of KeyboardInterrupt, exit 1. Now one line, and
    the status the command ended with."""
    process = python(
        ["-c", SIGNAL_AS_IT_EXITS, "SIGINT", *arguments],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        preexec_fn=_as_a_shell_starts_it,  # Ctrl-C not ignored, whatever runs the tests
    )
    errors = process.stderr.decode()
    assert process.returncode == status, errors
    assert "Traceback" not in errors
    assert errors.endswith("warning: Ctrl-C came as the command ended, too late to stop it\n")
    assert (b"becta-srf" in process.stdout) == (status == 0)
    assert list(tmp_path.iterdir()) == []


def test_kill_as_the_exit_status_is_made_ends_the_process_by_it(tmp_path: Path) -> None:
    process = python(
        ["-c", SIGNAL_AS_IT_EXITS, "SIGTERM", "frameworks"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        preexec_fn=_as_a_shell_starts_it,
    )
    assert process.returncode == -signal.SIGTERM, process.stderr
    assert b"becta-srf" in process.stdout  # what was written, flushed before it ended
    assert process.stderr == b""
