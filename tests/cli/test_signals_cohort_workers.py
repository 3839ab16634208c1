"""A stopping signal as a cohort command starts a worker afresh ends every worker.

`support --jobs N` (and `collect`, `benchmark` once DuckDB's threads run) start their workers
by a fork server, one by one as work is submitted: the pool asks the server for a process
and reads its number back. A signal that came meanwhile raised the interrupt before the
pool had noted the worker (round 61): the command said "Aborted!" and ended, and the worker,
with the fork server, waited for ever, holding the pipes of whoever started the command;
or, the signal coming before the worker had read its orders, the worker failed to read
them with a traceback. The signal is sent here by the process itself as the first worker's
number has been read (`Popen._launch` returned), which is where a real one lands.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .test_signals import BEFORE, WAIT, _start_script, _temporary_files, stopped_on_exit

if sys.platform == "win32":  # no SIGHUP, no process groups
    pytest.skip("POSIX signals", allow_module_level=True)

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"

#: `selfreview` whose `signal` comes once a worker started afresh is running (after `pause`
#: seconds: it has read its orders and waits for work), before its pool has noted it.
SIGNAL_AS_A_WORKER_STARTS = """
import signal, sys, time
from multiprocessing import popen_forkserver, popen_spawn_posix

number, pause = int(sys.argv[1]), float(sys.argv[2])
for module in (popen_forkserver, popen_spawn_posix):
    def launched(self, process_obj, launch=module.Popen._launch):
        launch(self, process_obj)
        time.sleep(pause)
        signal.raise_signal(number)

    module.Popen._launch = launched

from selfreview_core.cli import main

sys.argv = ["selfreview", *sys.argv[3:]]
main()
"""


@pytest.mark.parametrize("pause", [0.0, 0.5], ids=["at-once", "worker-waiting"])
@pytest.mark.parametrize("number", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_support_list_stopped_as_a_worker_starts_ends_with_every_worker(
    tmp_path: Path, number: str, pause: float
) -> None:
    """Before round 61, "worker-waiting" left the worker and the fork server running
    (`communicate` timed out: they held its pipes); "at-once" printed the worker's
    traceback (`FileNotFoundError` reading its orders) after "Aborted!"."""
    import signal

    (tmp_path / "out.json").write_bytes(BEFORE)
    args = ["support", str(COHORT), "--format", "json", "-o", "out.json", "--jobs", "2"]
    signalled = getattr(signal, number)
    started = _start_script(
        SIGNAL_AS_A_WORKER_STARTS, [str(signalled), str(pause), *args], tmp_path
    )
    with stopped_on_exit(started) as process:
        _, errors = process.communicate(timeout=WAIT)  # every process holding its pipes ended
        ended = 1 if signalled == signal.SIGINT else -signalled  # Ctrl-C: click's exit 1
        assert process.returncode == ended
        assert errors.decode().strip() == "Aborted!"  # no traceback, from it or a worker
        assert _temporary_files(tmp_path) == []
        assert (tmp_path / "out.json").read_bytes() == BEFORE
