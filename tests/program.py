"""`selfreview` as a user runs it: in a process of its own (`python -m selfreview_core`),
so that what only the program does (its streams, its signals, its working directory) is
what is tested; a timeout ends a command that blocks, failing the test instead of hanging
the suite. A test's own forked workers are waited for the same way (`Forked`)."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import threading
    from multiprocessing.process import BaseProcess
    from types import FrameType

#: Seconds a command may take before it is taken to hang: by the clock where a test times
#: it so; in `selfreview`, `waited` and `ended`, the processor time it may use, or go
#: without (`Bound`).
WAIT = 60.0
#: Whether a process's processor time can be read (`/proc`, Linux), and in what unit.
_PROC = os.path.exists(f"/proc/{os.getpid()}/stat")
_TICKS = os.sysconf("SC_CLK_TCK") if _PROC else 100
#: The hostile plugins' package (`selfreview_hostile`).
HOSTILE = Path(__file__).resolve().parent / "plugins"


def selfreview(
    args: Sequence[str],
    *,
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    stdin: int | IO[bytes] | None = None,
    stdout: int | IO[bytes] | None = subprocess.PIPE,
    stderr: int | IO[bytes] | None = subprocess.PIPE,
    pass_fds: Sequence[int] = (),
    preexec_fn: Callable[[], None] | None = None,
    input: bytes | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """`selfreview ARGS`, standard output and error captured unless given a file (None: this
    process's); standard input this process's unless given (a file: what `- < FILE` reads);
    no descriptor but the standard ones unless `pass_fds` names more (`-o /dev/fd/5 5<
    <(cmd)`); `preexec_fn` run in the child before the program (a stream closed: `<&-`);
    `input`, what a user types, its standard input a pipe of it."""
    return python(
        ["-m", "selfreview_core", *args],
        cwd=cwd,
        env=env,
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        pass_fds=pass_fds,
        preexec_fn=preexec_fn,
        input=input,
    )


#: What `selfreview_alone` ran, by its arguments.
_ALONE: dict[tuple[str, ...], subprocess.CompletedProcess[bytes]] = {}


def selfreview_alone(args: Sequence[str], *, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """`selfreview ARGS` in this environment, no plugin of a test's own installed, run once
    a worker for each ARGS and kept: the run a test compares its run with a misbehaving
    plugin against (its output unchanged), the same for each of its cases. ARGS name
    nothing of the test's own (absolute paths of the repository, or a bundled framework),
    and `cwd`, where the first asker's run runs, is an empty folder of the test's (no
    settings to find), so the output is the same whichever test asks first (round 82: a
    program start some 0.3 s of processor time)."""
    if tuple(args) not in _ALONE:
        _ALONE[tuple(args)] = selfreview(args, cwd=cwd)
    return _ALONE[tuple(args)]


def python(
    args: Sequence[str],
    *,
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    stdin: int | IO[bytes] | None = None,
    stdout: int | IO[bytes] | None = subprocess.PIPE,
    stderr: int | IO[bytes] | None = subprocess.PIPE,
    pass_fds: Sequence[int] = (),
    preexec_fn: Callable[[], None] | None = None,
    input: bytes | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """`python ARGS` (this interpreter) run as `selfreview` runs the program, its wait bounded
    the same way (`Bound`): for a test's own script that runs the program changed (`-c
    SCRIPT`: a signal as it exits, a fork that fails), where `subprocess.run`'s timeout by
    the clock failed tests on a loaded machine whose command was merely slow."""
    process = subprocess.Popen(
        [sys.executable, *args],
        stdin=subprocess.PIPE if input is not None else stdin,
        stdout=stdout,
        stderr=stderr,
        cwd=cwd,
        env=env,
        pass_fds=pass_fds,
        preexec_fn=preexec_fn,  # a test's own child
    )
    return ended(process, input)


def decoded(done: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[str]:
    """`done` with its output and errors as text (UTF-8), as `subprocess.run(text=True)`
    gives them: for a test that compares what a command said as strings."""
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def processor_seconds(pid: int) -> float:
    """The processor time process `pid` has used so far, every thread of it, user and
    system (`/proc/PID/stat`, Linux); a process ended but not yet waited for keeps its
    figure."""
    return _stat(str(pid))[1]


def _stat(pid: str) -> tuple[int, float]:
    """(parent, processor seconds) of process `pid`, from `/proc/PID/stat`."""
    fields = _fields(f"/proc/{pid}/stat")
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICKS


def _fields(path: str) -> list[str]:
    """The fields of a process's or a thread's `stat` file (`/proc`), from its state on:
    past its name, which may hold any character."""
    with open(path, encoding="ascii", errors="replace") as stat:
        return stat.read().rsplit(")", 1)[1].split()


def _under(pid: int) -> float:
    """The processor time of the processes under `pid` still running (a command's workers)."""
    found: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdecimal():
            with contextlib.suppress(OSError):  # ended meanwhile
                found[int(entry)] = _stat(entry)
    below, total, seen = [pid], 0.0, {pid}
    while below:
        parent = below.pop()
        for child, (its_parent, used) in found.items():
            if its_parent == parent and child not in seen:
                seen.add(child)
                below.append(child)
                total += used
    return total


class Bound:
    """How long a test waits for a command: while it works, as its processor time says, not
    the clock. A loaded machine (eight sessions' tests on two cores) gives a command a
    twentieth of a processor: in round 74 the three seconds of work a `support` did before
    its plugin ran took more than a minute, and a `report` of one school (half a second of
    work) was stopped by a timeout of a minute. It fails the test, the command killed, once
    the command has used `WAIT` seconds of processor time (it runs away; its workers' count
    too), or it and its workers none for `WAIT` seconds (it hangs); where there is no
    `/proc` to read, after `WAIT` seconds by the clock. Looked at once a second: a test
    that waits for something else of the command's (what a terminal shows) calls `check`
    between short waits of its own."""

    def __init__(self, process: subprocess.Popen[bytes] | Forked) -> None:
        self.process = process
        self.start = self.since = self.looked = time.monotonic()
        self.used = self.workers = 0.0

    def check(self) -> None:
        now = time.monotonic()
        if now - self.looked < 1.0:
            return
        self.looked = now
        used = processor_seconds(self.process.pid) if _PROC else now - self.start
        if used != self.used:
            self.used, self.since = used, now
        elif _PROC and (workers := _under(self.process.pid)) != self.workers:
            self.workers, self.since = workers, now  # it waits for its workers, which work
        if self.used + self.workers >= WAIT or now - self.since >= WAIT:
            self.process.kill()  # as `subprocess.run` ends a command past its timeout
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()
            raise AssertionError(
                f"{self.used + self.workers:.0f} s of processor time, and still at work"
                if now - self.since < WAIT
                else f"no processor time used for {WAIT:.0f} s: it hangs"
            )


def waited(process: subprocess.Popen[bytes] | Forked, done: Callable[[], bool]) -> bool:
    """Whether `done()` came while `process` ran: True once it does, False if the process
    ended first; the wait bounded by the command's work (`Bound`)."""
    bound = Bound(process)
    while not done():
        if process.poll() is not None:
            return False
        bound.check()
        time.sleep(0.02)
    return True


class Forked:
    """A test's own worker, forked by `multiprocessing`, seen as `Bound` and `waited` see a
    command: so that a test waits for its workers by their work, where `join(10)` or
    `event.wait(20)` by the clock failed a test whose worker was merely slow on a loaded
    machine, or passed one without looking (`event.wait(0.5) is False`)."""

    stdin: IO[bytes] | None = None
    stdout: IO[bytes] | None = None
    stderr: IO[bytes] | None = None

    def __init__(self, process: BaseProcess) -> None:
        assert process.pid is not None, "a worker not yet started"
        self.worker, self.pid = process, process.pid

    def poll(self) -> int | None:
        return self.worker.exitcode

    def kill(self) -> None:
        self.worker.kill()

    def wait(self) -> int | None:
        self.worker.join()
        return self.worker.exitcode


def joined(process: BaseProcess) -> int | None:
    """The exit code of `process`, a test's own worker, once it has ended: the wait bounded
    by its work and its own workers' (`Bound`), not the clock."""
    waited(Forked(process), lambda: False)
    process.join()
    return process.exitcode


def asleep(process: subprocess.Popen[bytes] | Forked) -> bool:
    """Whether `process` came to wait for something (a lock, a semaphore, another process)
    while it ran: every thread of it asleep, and no processor time used, at two looks a
    tenth of a second apart; False if it ended first. How a test sees that a process waits
    where it should: a process merely slow on a loaded machine is running or ready to run,
    never asleep, so the test waits on (bounded by its work, `Bound`) instead of passing
    without looking. Where there is no `/proc` to read, whether it is still running after
    half a second by the clock."""
    if not _PROC:
        time.sleep(0.5)
        return process.poll() is None
    bound, seen = Bound(process), None
    while process.poll() is None:
        look = _all_asleep(process.pid)
        if look is not None and look == seen:
            return True
        seen = look
        bound.check()
        time.sleep(0.1)
    return False


def waits_in(thread: threading.Thread, where: str) -> bool | None:
    """Whether `thread`, of this process, came to wait in the system at `where` (its
    `wchan`: `wait_for_partner` is a named pipe's open waiting for the other end): True
    once it does, False if it ended first; None where the system does not say (no
    `/proc`). How a test sees that a thread blocks where it should at any load, where a
    sleep of its own guessed: a thread merely slow has not got there yet, and is waited
    for. Bounded by the clock, generously (five times `WAIT`): the thread is this
    process's own, which no other process's processor time bounds."""
    assert thread.native_id is not None, "a thread not yet started"
    path = f"/proc/{os.getpid()}/task/{thread.native_id}/wchan"
    if not os.path.exists(path):
        return None
    deadline = time.monotonic() + 5 * WAIT  # a guard against a hang, not a measure
    while thread.is_alive():
        try:
            with open(path, encoding="ascii") as found:
                if found.read().strip() == where:
                    return True
        except OSError:  # it ended meanwhile
            break
        assert time.monotonic() < deadline, f"{thread.name} never waited in {where}"
        time.sleep(0.01)
    return False


def blocked_on(thread: threading.Thread, what: object) -> FrameType | None:
    """The frame in which `thread`, of this process, waits on `what` (a method of it named
    `wait` or `join` running: an `Event` waited for, a `Thread` joined), once it does; None
    if the thread ended first. How a test sees that a thread waits where it should at any
    load, by what it runs, where a wait of a tenth of a second passed without looking when
    the thread had not yet run. The frame's locals say with what timeout. Bounded by the
    clock, generously (five times `WAIT`): the thread is this process's own."""
    deadline = time.monotonic() + 5 * WAIT  # a guard against a hang, not a measure
    while thread.is_alive():
        frame = sys._current_frames().get(thread.ident or 0)
        while frame is not None:
            if frame.f_code.co_name in ("wait", "join") and frame.f_locals.get("self") is what:
                return frame
            frame = frame.f_back
        assert time.monotonic() < deadline, f"{thread.name} never waited on {what!r}"
        time.sleep(0.01)
    return None


def _all_asleep(pid: int) -> float | None:
    """The processor time of process `pid` if every thread of it is asleep (`S`: waiting
    for an event, not running, ready or in the disk's wait), else None."""
    try:
        for thread in os.listdir(f"/proc/{pid}/task"):
            if _fields(f"/proc/{pid}/task/{thread}/stat")[0] != "S":
                return None
        return processor_seconds(pid)
    except OSError:  # a thread, or the process, ended meanwhile
        return None


def ran_on(process: subprocess.Popen[bytes], seconds: float) -> bool:
    """Whether `process` used `seconds` more of processor time before it ended: the time a
    test gives a command to get on with its work, which the clock cannot give on a loaded
    machine (`Bound`)."""
    if process.poll() is not None:
        return False
    start = processor_seconds(process.pid)
    return waited(process, lambda: processor_seconds(process.pid) >= start + seconds)


def ended(
    process: subprocess.Popen[bytes], input: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`process` waited for to its end, `input` written to its standard input (a pipe) and
    what it wrote to its pipes read as it went (a pipe left full would stop it), the wait
    bounded by its work (`Bound`)."""
    bound = Bound(process)
    while True:
        try:
            out, err = process.communicate(input, timeout=0.25)
        except subprocess.TimeoutExpired:  # what was written and read so far is kept
            input = None  # the rest of it is written by the next call, as it is begun
            bound.check()
        else:
            return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def selfreview_here(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """`selfreview ARGS` run in this process by click's `CliRunner`, in the folder `cwd` (this
    one if none), given as `selfreview` gives it: exit code, standard output and error (bytes).
    `env` changes the environment while it runs (a name given None: taken out of it).

    For a test of what a command says of its files and how it exits, where the process is
    not what is tested. A process of its own costs some half a second of processor time,
    nearly all of it imports; this a tenth of that. The program's own guards (its streams,
    signals, printable characters, exit functions) are not set up here: tests of those run
    the program (`selfreview`). The commands' own guard is here too: an exception is said as
    the program says it, "internal error", and exits 1. As in `selfreview`, the program is
    called `cli.PROGRAM` (in its usage lines, and the variable of click's shell completion),
    and its standard output is a pipe's: no terminal, whatever this process's own output is
    (`pytest -s`), so tables are not fitted to one (`text_tables.fitting_width`)."""
    from click.testing import CliRunner

    from selfreview_core.cli import PROGRAM, cli

    with contextlib.chdir(cwd or os.curdir), _no_terminal():
        done = CliRunner().invoke(
            cli, list(args), env=env, prog_name=PROGRAM, catch_exceptions=False
        )
    return subprocess.CompletedProcess(
        ["selfreview", *args], done.exit_code, done.stdout_bytes, done.stderr_bytes
    )


@contextlib.contextmanager
def _no_terminal() -> Iterator[None]:
    """No terminal's size to be had, as a program whose output is a pipe has none
    (`shutil.get_terminal_size` asks `os.get_terminal_size` of the process's own output)."""

    def no_size(fd: int = 1) -> os.terminal_size:
        raise OSError(errno.ENOTTY, os.strerror(errno.ENOTTY))

    real = os.get_terminal_size
    os.get_terminal_size = no_size
    try:
        yield
    finally:
        os.get_terminal_size = real


def with_plugin(site: Path, name: str, module: str) -> dict[str, str]:
    """The environment of a program that has the plugin `name` (`module`, a hostile one
    from `selfreview_hostile`) installed as pip would, alone: a `.dist-info` in `site`
    naming its entry point, and nothing disabled."""
    info = site / f"{module.replace('.', '_')}-0.0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[selfreview]\n{name} = {module}\n", "utf-8")
    path = [str(site), str(HOSTILE), os.environ.get("PYTHONPATH", "")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path))
    env.pop("SELFREVIEW_DISABLE", None)
    return env


def reports_whole(stdout: bytes, schools: Sequence[str], kept: str) -> list[dict[str, Any]]:
    """The JSON reports of `report SCHOOL... --format json` run with a misbehaving plugin,
    checked whole: one for each school, in order, with every judgement read back, and each
    holding the plugin's own recommendation `kept` beside the built-ins' (so neither the
    plugin's work nor anyone else's was lost)."""
    from selfreview_core import load_assessment

    reports: list[dict[str, Any]] = [json.loads(line) for line in stdout.decode().splitlines()]
    assert [r["assessment"] for r in reports] == [
        load_assessment(school).model_dump(mode="json") for school in schools
    ]  # every school, in order, whole
    for report in reports:
        ids = [rec["id"] for rec in report["recommendations"]]
        assert kept in ids
        assert len(ids) > 1  # the built-in next steps too
    return reports
