"""Ctrl-C, `kill` and a closed terminal stop a cohort command while DuckDB runs its query.

Python runs a signal's handler between two of its own instructions; DuckDB's client asks
for them only between two of its tasks. Before round 55 `kill` of a dashboard of a wide
framework ended it many seconds later, and of a wider one minutes later: the query ran on.
Now the query is interrupted (`cohort/interrupting.py`) and the command ends as the signal
promises (`test_signals.py`): `Aborted!`, no traceback, ended by the signal (Ctrl-C: exit 1),
the previous output byte for byte, no temporary file, DuckDB's spill folder removed.

A framework of 1,000 strands (`bench.wide`): its queries take seconds each, even on a quiet
machine. The command is signalled once its DuckDB connection is open (DuckDB's threads are
running), with the command frozen and seen to be still in it, its output not yet replaced
(`signal_while`); a signal as the work folder appears, before the connection (the inputs
still being read), is pinned too. Before round 58 the test slept a second after the work
folder appeared and guessed the command was then in its queries: on a loaded machine
`support` had finished and written its output by then.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from program import ended, waited

from .test_signals import BEFORE, _start, _temporary_files, signal_while, stopped_on_exit

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:  # `pytest` alone does not put the checkout on the path
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import write_wide  # noqa: E402

if sys.platform == "win32":  # no SIGHUP
    pytest.skip("POSIX signals", allow_module_level=True)
if not Path("/proc/self/task").is_dir():  # a process's threads, seen from outside
    pytest.skip("Linux's /proc", allow_module_level=True)

COMMANDS = {
    "benchmark": ["benchmark", "--format", "html", "-o", "out.html"],
    "support": ["support", "--format", "json", "-o", "out.json"],
}


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return write_wide(tmp_path_factory.mktemp("wide"), 12)


def _threads(process: subprocess.Popen[bytes]) -> int:
    """The command's threads: one until DuckDB's connection opens and starts its own."""
    return len(os.listdir(f"/proc/{process.pid}/task"))


def _run_and_stop(
    command: str, stop: int, wide: tuple[Path, Path], tmp_path: Path, in_query: bool
) -> tuple[subprocess.Popen[bytes], str, Path]:
    """Run `command`, and signal it once it is in its queries (`in_query`), else as its
    work folder appears; a run that went past that point before it was frozen (the test
    process starved for seconds) is run again, up to three times."""
    for _ in range(3):
        process, errors = _run_once(command, stop, wide, tmp_path, in_query)
        if errors is not None:
            return process, errors, tmp_path / "tmp"
    raise AssertionError("past that point, three times, before it was frozen")


def _run_once(
    command: str, stop: int, wide: tuple[Path, Path], tmp_path: Path, in_query: bool
) -> tuple[subprocess.Popen[bytes], str | None]:
    framework, schools = wide
    spill = tmp_path / "tmp"
    spill.mkdir(exist_ok=True)
    output = tmp_path / COMMANDS[command][-1]
    output.write_bytes(BEFORE)
    args = [*COMMANDS[command][:1], "--framework", str(framework), str(schools)]
    with stopped_on_exit(
        _start([*args, *COMMANDS[command][1:]], tmp_path, env={**os.environ, "TMPDIR": str(spill)})
    ) as process:

        def there() -> bool:
            folder = any(spill.glob("selfreview-cohort-*"))  # its work folder: DuckDB spills there
            return folder and (_threads(process) > 1) == in_query

        assert waited(process, there), ended(process)  # bounded by its work, not the clock

        def still() -> bool:  # and its output not yet replaced
            return there() and output.read_bytes() == BEFORE

        if not signal_while(process, still, lambda: process.send_signal(stop)):
            ended(process)
            return process, None
        return process, ended(process).stderr.decode()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=str)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_signal_in_a_query_stops_the_command_and_keeps_the_old_output(
    command: str, stop: int, wide: tuple[Path, Path], tmp_path: Path
) -> None:
    process, errors, spill = _run_and_stop(command, stop, wide, tmp_path, in_query=True)
    assert process.returncode == (1 if stop == signal.SIGINT else -stop), errors
    assert errors.strip() == "Aborted!"  # no traceback, no "internal error", no DuckDB words
    assert (tmp_path / COMMANDS[command][-1]).read_bytes() == BEFORE
    assert _temporary_files(tmp_path) == []
    assert list(spill.iterdir()) == []  # DuckDB's spill folder removed


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_signal_before_any_query_stops_the_command_as_before(
    command: str, wide: tuple[Path, Path], tmp_path: Path
) -> None:
    process, errors, spill = _run_and_stop(command, signal.SIGTERM, wide, tmp_path, in_query=False)
    assert process.returncode == -signal.SIGTERM, errors
    assert errors.strip() == "Aborted!"
    assert (tmp_path / COMMANDS[command][-1]).read_bytes() == BEFORE
    assert _temporary_files(tmp_path) == []
    assert list(spill.iterdir()) == []
