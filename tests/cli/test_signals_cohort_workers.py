"""A stopping signal as a cohort command starts a worker afresh ends every worker.

`support --jobs N` (and `collect`, `benchmark` once DuckDB's threads run) start their workers
by a fork server, one by one as work is submitted: the pool asks the server for a process
and reads its number back. A signal that came meanwhile raised the interrupt before the
pool had noted the worker (round 61): the command said "Aborted!" and ended, and the worker,
with the fork server, waited for ever, holding the pipes of whoever started the command;
or, the signal coming before the worker had read its orders, the worker failed to read
them with a traceback. The signal is sent here by the process itself as the first worker's
number has been read (`Popen._launch` returned), which is where a real one lands; or to
the worker as it sets itself up, by a module its fork server imports first (round 62).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from program import ended
from selfreview_core.isolation import interrupts

from .test_signals import (
    BEFORE,
    _start,
    _start_script,
    _temporary_files,
    stopped_on_exit,
)

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
        errors = ended(process).stderr  # every process holding its pipes ended
        status = 1 if signalled == signal.SIGINT else -signalled  # Ctrl-C: click's exit 1
        assert process.returncode == status
        assert errors.decode().strip() == "Aborted!"  # no traceback, from it or a worker
        assert _temporary_files(tmp_path) == []
        assert (tmp_path / "out.json").read_bytes() == BEFORE


#: A module the fork server imports first (`set_forkserver_preload`): each worker it forks
#: is sent Ctrl-C (to itself, or with its whole group, as a terminal sends it) as the
#: worker sets itself up (`multiprocessing.util.register_after_fork`), before the pool's
#: initializer runs, having first left a file `ctrl-c-PID` saying it did.
CTRL_C_AS_A_WORKER_SETS_UP = """
import os, signal
from multiprocessing import util

def ctrl_c(_):
    open(f"ctrl-c-{os.getpid()}", "w").close()
    if GROUP:
        os.killpg(0, signal.SIGINT)
    else:
        os.kill(os.getpid(), signal.SIGINT)

util.register_after_fork(ctrl_c, ctrl_c)
"""

#: `selfreview` whose fork server imports `ctrl_c_as_a_worker_sets_up` first.
WITH_THE_FORK_SERVERS_CTRL_C = """
import multiprocessing, sys
multiprocessing.set_forkserver_preload(["ctrl_c_as_a_worker_sets_up"])
from selfreview_core.cli import main

sys.argv = ["selfreview", *sys.argv[1:]]
main()
"""


def _ctrl_c_as_a_worker_sets_up(tmp_path: Path, group: bool) -> tuple[int, str]:
    """`support --jobs 2` whose workers are sent Ctrl-C as they set themselves up: its exit
    code and standard error, once every worker and the fork server have ended."""
    module = CTRL_C_AS_A_WORKER_SETS_UP.replace("GROUP", str(group))
    (tmp_path / "ctrl_c_as_a_worker_sets_up.py").write_text(module, encoding="utf-8")
    args = ["support", str(COHORT), "--format", "json", "-o", "out.json", "--jobs", "2"]
    with stopped_on_exit(_start_script(WITH_THE_FORK_SERVERS_CTRL_C, args, tmp_path)) as process:
        errors = ended(process).stderr  # every process holding its pipes ended
    assert list(tmp_path.glob("ctrl-c-*")), "no worker was sent Ctrl-C"
    return process.returncode, errors.decode()


def test_ctrl_c_at_a_worker_alone_as_it_sets_up_is_the_parents_to_handle(tmp_path: Path) -> None:
    """Round 62: a worker started by the fork server had Python's own Ctrl-C until its
    initializer ignored it: one that came meanwhile printed its traceback
    (`KeyboardInterrupt` in `_bootstrap`) and ended it, and the list was not made ("a worker
    process ended abruptly"). The worker holds it now until it ignores it, as it ignores
    one after: Ctrl-C is the command's to handle, and the command, not sent it, goes on."""
    (tmp_path / "out.json").write_bytes(BEFORE)
    plain = _start(["support", str(COHORT), "--format", "json", "-o", "plain.json"], tmp_path)
    with stopped_on_exit(plain):
        ended(plain)
    assert plain.returncode == 0
    code, errors = _ctrl_c_as_a_worker_sets_up(tmp_path, group=False)
    assert (code, errors.splitlines()) == (0, ["Wrote out.json (json)."])
    assert (tmp_path / "out.json").read_bytes() == (tmp_path / "plain.json").read_bytes()
    assert _temporary_files(tmp_path) == []


def test_ctrl_c_at_the_group_as_a_worker_sets_up_is_aborted_without_a_traceback(
    tmp_path: Path,
) -> None:
    """Ctrl-C from a terminal reaches the worker too: before round 62, its traceback, or
    its first line (`Process ForkServerProcess-3:`), came before "Aborted!" when it landed
    before the worker's initializer (one run in five here)."""
    (tmp_path / "out.json").write_bytes(BEFORE)
    code, errors = _ctrl_c_as_a_worker_sets_up(tmp_path, group=True)
    assert (code, errors.strip()) == (1, "Aborted!")  # click's exit for Ctrl-C
    assert _temporary_files(tmp_path) == []
    assert (tmp_path / "out.json").read_bytes() == BEFORE


def test_a_hangup_ends_the_process_only_after_a_pools_semaphores_are_let_go(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pool's queues hold named semaphores, each unlinked and unregistered from the
    resource tracker by `multiprocessing`'s exit finalizers; the end by a signal runs no
    exit function. Before round 75, a pool whose thread still held its queues when the
    hangup ended the process (a loaded machine: "SIGHUP-at-once" above, now and then) left
    them to the tracker, which printed "There appear to be 5 leaked semaphore objects"
    after "Aborted!". Here the pool's semaphore is still held as the signal ends it."""
    import multiprocessing
    import os
    import signal
    from multiprocessing import resource_tracker, util

    from selfreview_core.cli import _signals

    seen: list[tuple[str, object]] = []
    monkeypatch.setattr(resource_tracker, "register", lambda name, kind: None)
    monkeypatch.setattr(
        resource_tracker, "unregister", lambda name, kind: seen.append(("let go", name))
    )
    monkeypatch.setattr(os, "kill", lambda pid, number: seen.append(("ended by", number)))
    monkeypatch.setattr(interrupts, "_noted", [signal.SIGHUP])
    monkeypatch.setattr(_signals, "_ended", [])
    registry: dict[object, object] = getattr(util, "_finalizer_registry")  # noqa: B009
    others = dict(registry)  # the test process's finalizers: not this test's to run
    registry.clear()  # in place: each finalizer deletes its own key from this very dict
    before = signal.getsignal(signal.SIGHUP)
    try:
        held = multiprocessing.get_context("forkserver").Lock()  # as a pool's queue holds one
        name = held._semlock.name  # type: ignore[attr-defined]
        _signals.end_by_the_signal()
    finally:
        signal.signal(signal.SIGHUP, before)
        registry.update(others)
    assert seen == [("let go", name), ("ended by", signal.SIGHUP)]
    assert held.acquire(block=False)  # still the pool's to use until the process ends


def test_a_hangup_ends_the_process_by_it_where_multiprocessing_has_no_finalizers_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`_run_finalizers` is the standard library's private step of multiprocessing's exit:
    where a Python lacks it, the end by a signal is as it was before round 75 (the process
    ended by the signal, nothing raised on the way), not an AttributeError at the end."""
    import os
    import signal
    from multiprocessing import util

    from selfreview_core.cli import _signals

    seen: list[object] = []
    monkeypatch.delattr(util, "_run_finalizers")
    monkeypatch.setattr(os, "kill", lambda pid, number: seen.append(number))
    monkeypatch.setattr(interrupts, "_noted", [signal.SIGHUP])
    monkeypatch.setattr(_signals, "_ended", [])
    before = signal.getsignal(signal.SIGHUP)
    try:
        _signals.end_by_the_signal()
    finally:
        signal.signal(signal.SIGHUP, before)
    assert seen == [signal.SIGHUP]
