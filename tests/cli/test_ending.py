"""The program ends once its command has returned, whatever threads a plugin left running.

Before round 37, a plugin whose thread never ended (`hostile-lingers`: started at import,
not a daemon) kept `selfreview report` from ever returning, its report written; a Ctrl-C
or `kill` then showed a traceback from inside Python's shutdown. The program now waits a
moment for such threads (`_ending.GRACE`), names those left, and ends with the command's
own exit status.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli.test_signals import signal_while, stopped_on_exit
from program import Bound, ended, python, selfreview, with_plugin

EXAMPLE = "examples/example-primary-2026.yaml"
LEFT = (
    "warning: a thread a plugin started ran on when the command ended, `hostile-lingers`:"
    " not waited for\n"
)


@pytest.fixture
def lingering(tmp_path: Path) -> dict[str, str]:
    return with_plugin(tmp_path / "site", "hostile-lingers", "selfreview_hostile.lingers")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_plugins_thread_left_running_does_not_keep_the_command_from_ending(
    lingering: dict[str, str], root: Path, tmp_path: Path, jobs: str
) -> None:
    """The report whole (the lingering plugin's own advice in it), the thread named once,
    exit 0; with `--jobs 2` too, whose workers never had the thread."""
    out = tmp_path / "out.jsonl"
    args = ["report", "examples/example-primary-2025.yaml", "examples/example-primary-2026.yaml"]
    done = selfreview(
        [*args, "--format", "json", "-o", str(out), "--jobs", jobs], cwd=root, env=lingering
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(lines) == 2
    assert all(
        "hostile-lingers-kept" in [r["id"] for r in line["recommendations"]] for line in lines
    )
    assert done.stderr.decode().count(LEFT) == 1
    assert "Traceback" not in done.stderr.decode()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["report", EXAMPLE, "--strict"], 0),
        (["report", EXAMPLE, "--previous", "examples/cohort/primary-1-2025.yaml"], 1),
        (["report", EXAMPLE, "--format", "no-such-format"], 2),
    ],
    ids=["report", "another school's previous review", "usage error"],
)
def test_the_exit_status_is_the_commands(
    lingering: dict[str, str], root: Path, args: list[str], code: int
) -> None:
    """Whatever the command ends with, after its plugins (and the thread) were loaded."""
    done = selfreview(args, cwd=root, env=lingering)
    assert done.returncode == code, done.stderr
    assert done.stderr.decode().endswith(LEFT)
    assert "Traceback" not in done.stderr.decode()


def test_a_daemon_thread_is_never_waited_for_nor_named(
    lingering: dict[str, str], root: Path
) -> None:
    """Python never waits for a daemon: neither does the program, nor does it say so."""
    env = dict(lingering, SELFREVIEW_HOSTILE_LINGER="daemon")
    done = selfreview(["report", EXAMPLE, "--format", "json"], cwd=root, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode() == ""


def test_a_thread_that_ends_of_itself_is_waited_for(
    lingering: dict[str, str], root: Path, tmp_path: Path
) -> None:
    """What a plugin's thread finishes soon after the command (writing its own file) is not
    cut short, and nothing is said."""
    marker = tmp_path / "ended"
    env = dict(lingering, SELFREVIEW_HOSTILE_LINGER=str(marker))
    done = selfreview(["report", "examples/example-primary-2026.yaml"], cwd=root, env=env)
    assert done.returncode == 0, done.stderr
    assert marker.read_text("utf-8") == "ended of itself\n"
    assert "warning: a thread" not in done.stderr.decode()


def test_a_pool_left_idle_ends_as_python_ends_it(lingering: dict[str, str], root: Path) -> None:
    """A plugin's `ThreadPoolExecutor`, never shut down: its idle workers are stopped by
    Python's own end, which goes on unwatched in time: nothing is said, nothing is cut."""
    env = dict(lingering, SELFREVIEW_HOSTILE_LINGER="pool")
    done = selfreview(["report", EXAMPLE, "--format", "json"], cwd=root, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["recommendations"]
    assert done.stderr.decode() == ""


def _catches(pid: int, number: int) -> bool:
    """Whether process `pid` has a handler of its own for signal `number` (its SigCgt)."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    [caught] = [line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:")]
    return bool(int(caught, 16) >> (number - 1) & 1)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc/PID/status")
def test_kill_while_the_program_waits_ends_it_by_the_signal_without_a_traceback(
    lingering: dict[str, str], root: Path, tmp_path: Path
) -> None:
    """The waiting is no place for a traceback: `kill` (or Ctrl-C) ends it as it ends a
    command, by the signal.

    Observed, not guessed by the clock (it slept 0.2 s into the second until round 59): the
    command has returned (`Wrote` said), the program is in its wait (`watched_end` has given
    SIGTERM back its default: the process no longer catches it) and the wait is not over
    (the lingering thread not yet named on standard error), all seen with the program frozen
    (`signal_while`), which is when the signal is sent."""
    out = tmp_path / "out.json"
    with stopped_on_exit(
        subprocess.Popen(
            [sys.executable, "-m", "selfreview_core", "report", EXAMPLE, "-o", str(out)],
            cwd=root,
            env=lingering,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    ) as process:
        assert process.stderr is not None
        errors = process.stderr.fileno()  # read raw: nothing kept in a buffer out of select's view
        told = b""
        while b"\n" not in told:
            chunk = os.read(errors, 65536)
            assert chunk, told
            told += chunk
        assert told.startswith(b"Wrote ")  # the command has returned

        def waiting() -> bool:
            nonlocal told
            if select.select([errors], [], [], 0)[0]:
                told += os.read(errors, 65536)
            return told.count(b"\n") == 1 and not _catches(process.pid, signal.SIGTERM)

        bound = Bound(process)  # the program never beginning its wait: it hangs, or runs on
        while not signal_while(process, waiting, lambda: process.send_signal(signal.SIGTERM)):
            assert told.count(b"\n") == 1, f"the wait was over before it was seen: {told!r}"
            bound.check()
            time.sleep(0.005)
        stderr = (told + ended(process).stderr).decode()
        assert out.exists()
        assert process.returncode == -signal.SIGTERM
        assert stderr == f"Wrote {out} (json).\n"  # no traceback, no thread named: cut short
        assert "Exception ignored" not in stderr


def test_commands_run_in_a_program_of_ones_own_are_not_ended(root: Path) -> None:
    """`main([...])` in another program returns, leaving its threads and its process as
    they are: only the `selfreview` program ends itself."""
    code = (
        "import threading, sys\n"
        "from selfreview_core.cli import main\n"
        "stop = threading.Event()\n"
        "threading.Thread(target=stop.wait, name='the-programs-own').start()\n"
        "try:\n"
        "    main(['frameworks'])\n"
        "except SystemExit as done:\n"
        "    print('returned', done.code, threading.active_count(), file=sys.stderr)\n"
        "stop.set()\n"
    )
    done = python(["-c", code], cwd=root)
    assert done.returncode == 0
    assert "returned 0 2" in done.stderr.decode()
