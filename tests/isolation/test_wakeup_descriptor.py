"""A plugin that sets the descriptor signals wake the program through has it put back when
its code has run (`isolation/wakeup_descriptor.py`), said once, naming it.

Since round 55, while a cohort's DuckDB connection is open, a stopping signal wakes a thread
of the program's through that descriptor, which interrupts the query
(`cohort/interrupting.py`). Before round 56 a plugin that set its own in its hook (a pipe;
asyncio's `loop.add_signal_handler`, which sets its loop's socket; a closed loop's last
handler removed, which sets none) took the signals from that thread until the connection
closed: Ctrl-C or `kill` during `support`'s next query waited for DuckDB again, seconds or
minutes on a wide cohort. `hostile-wakes` (tests/plugins/selfreview_hostile/wakes.py) does
each, as `$SELFREVIEW_HOSTILE_WAKES` says.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import duckdb
import pytest

from cli.test_signals import BEFORE, _start, _temporary_files, every_command_ended, signal_while
from cli.test_signals_duckdb import _threads, wide
from cohort.test_interrupting import LONG, WAIT, _noted, _signal_once_running
from program import ended, ran_on, selfreview, waited, with_plugin
from selfreview_core import _stopping
from selfreview_core.cohort import interrupting
from selfreview_core.cohort.rows import connect
from selfreview_core.isolation import process_state, wakeup_descriptor
from selfreview_core.isolation.calls import PluginCall
from selfreview_core.isolation.output import plugin_output
from selfreview_core.model.problem import Problem

__all__ = ["every_command_ended", "wide"]  # fixtures, shared with the signal tests

pytestmark = pytest.mark.usefixtures("every_command_ended")

if sys.platform == "win32":  # no SIGHUP, no SIGUSR1
    pytest.skip("POSIX signals", allow_module_level=True)

WARNING = (
    "warning: plugin hostile-wakes changed the descriptor that signals wake the program"
    " through (signal.set_wakeup_fd); put back, so that the command can still be stopped"
    " while it queries a cohort\n"
)


def _current() -> int:
    """The wakeup descriptor in place, read (Python's own function: nothing noted)."""
    now = wakeup_descriptor._set_wakeup_fd(-1)
    wakeup_descriptor._set_wakeup_fd(now)
    return now


@pytest.fixture
def kept(unkept: None) -> Iterator[list[object]]:
    """Ready for `keep`, called by each test as the command line calls it (once standard
    error is captured, as the test reads it); SIGTERM's handler one that stops the
    program and notes the signal (the command's own, `cli/_signals.py`); what the test's
    plugins leave open (their pipes, their loops) closed after it, and the test process's
    wakeup descriptor and SIGUSR1 handler put back."""
    del unkept
    wakeup = _current()
    usr1 = signal.getsignal(signal.SIGUSR1)
    came: list[int] = []
    handler = _noted(came)
    _stopping.stops(handler)
    term = signal.signal(signal.SIGTERM, handler)
    held: list[object] = [came]
    try:
        yield held
    finally:
        for found in held[1:]:
            if isinstance(found, asyncio.AbstractEventLoop):
                found.close()
            elif isinstance(found, int):
                os.close(found)
        wakeup_descriptor._set_wakeup_fd(wakeup)
        signal.signal(signal.SIGUSR1, usr1)
        signal.signal(signal.SIGTERM, term)
        _stopping._stoppers.remove(handler)


def _pipe(held: list[object]) -> Callable[[], None]:
    def sets_a_pipe() -> None:
        read, write = os.pipe()
        held.extend([read, write])
        os.set_blocking(write, False)
        signal.set_wakeup_fd(write)

    return sets_a_pipe


def _asyncio(held: list[object]) -> Callable[[], None]:
    def handles_sigusr1() -> None:
        loop = asyncio.new_event_loop()
        held.append(loop)
        loop.add_signal_handler(signal.SIGUSR1, lambda: None)

    return handles_sigusr1


def _none(held: list[object]) -> Callable[[], None]:
    del held

    def sets_none() -> None:
        signal.set_wakeup_fd(-1)

    return sets_none


PLUGINS = {"fd": _pipe, "asyncio": _asyncio, "none": _none}


@pytest.mark.parametrize("how", sorted(PLUGINS))
def test_a_signal_in_a_query_after_a_plugin_set_its_wakeup_descriptor_stops_it(
    how: str, kept: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    """The watch's descriptor in place again after the plugin's call, told once; a
    stopping signal then interrupts the query at once (before round 56, it ran on: the
    test's own interrupt stopped it after a minute)."""
    process_state.keep()
    con = connect()
    try:
        assert interrupting._watch is not None
        ours = interrupting._watch.write
        problems: list[Problem] = []
        for _ in range(2):  # told once
            assert PluginCall("hostile-wakes", "{}", problems).run(PLUGINS[how](kept)) is None
        assert problems == []
        late = _signal_once_running(con, signal.SIGTERM)
        with pytest.raises(duckdb.InterruptException):
            con.execute(LONG).fetchall()
        assert (late, kept[0]) == ([], [signal.SIGTERM])
        assert _current() == ours
    finally:
        interrupting.unwatch(con)
        con.close()
    assert capsys.readouterr().err == WARNING


def test_the_plugins_own_descriptor_stands_while_its_code_runs(
    kept: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    """As it expects; put back when its code has run, and told then. A plugin that puts
    the program's back itself is not told of."""
    process_state.keep()
    before = _current()
    with plugin_output():
        _pipe(kept)()
        signal.set_wakeup_fd(before)
    assert capsys.readouterr().err == ""
    with plugin_output():
        _pipe(kept)()
        assert _current() == kept[-1]
        assert capsys.readouterr().err == ""
    assert _current() == before
    assert capsys.readouterr().err == WARNING.replace("plugin hostile-wakes", "a plugin")


def test_the_programs_own_changes_are_never_noted(
    kept: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    process_state.keep()
    read, write = os.pipe()
    kept.extend([read, write])
    os.set_blocking(write, False)
    before = signal.set_wakeup_fd(write)
    with plugin_output():
        pass
    assert _current() == write
    signal.set_wakeup_fd(before)
    assert capsys.readouterr().err == ""


def test_put_back_by_the_main_thread_when_another_threads_call_ends_first(
    kept: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    """Python sets the descriptor in the main thread only: a plugin call ending in another
    thread leaves it noted (no error), and the main thread's puts it back."""
    process_state.keep()
    before = _current()
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with plugin_output():
            inside.set()
            leave.wait(WAIT)

    thread = threading.Thread(target=other)
    problems: list[Problem] = []
    with plugin_output():
        thread.start()
        inside.wait(WAIT)
        assert PluginCall("hostile-wakes", "{}", problems).run(_pipe(kept)) is None
        leave.set()
        thread.join(WAIT)  # its call ended first
        assert _current() == kept[-1]
    assert problems == []
    assert _current() == before
    assert capsys.readouterr().err == WARNING


def test_a_program_descriptor_closed_meanwhile_leaves_none(
    kept: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    """The program's descriptor closed by the plugin (its number perhaps another file's):
    none is set, rather than the plugin's, and said."""
    process_state.keep()
    read, write = os.pipe()
    os.set_blocking(write, False)
    before = signal.set_wakeup_fd(write)
    try:
        with plugin_output():
            _pipe(kept)()
            os.close(write)
            os.close(read)
        assert _current() == -1
    finally:
        signal.set_wakeup_fd(before)
    assert capsys.readouterr().err == (
        "warning: a plugin changed the descriptor that signals wake the program through"
        " (signal.set_wakeup_fd); the program's was closed meanwhile, so none is set, so"
        " that the command can still be stopped while it queries a cohort\n"
    )


def test_a_forked_process_has_pythons_own_function_back(kept: list[object]) -> None:
    del kept
    process_state.keep()
    assert signal.set_wakeup_fd is not wakeup_descriptor._set_wakeup_fd
    process_state.release()
    assert signal.set_wakeup_fd is wakeup_descriptor._set_wakeup_fd


# The command line: `support` calls every plugin's recommendations while its connection is
# open (`benchmark` calls no plugin code then).


@pytest.mark.parametrize("how", ["fd", "asyncio", "none"])
def test_support_with_a_plugin_setting_its_wakeup_descriptor_says_so_and_keeps_its_work(
    how: str, root: Path, tmp_path: Path
) -> None:
    env = with_plugin(tmp_path / "site", "hostile-wakes", "selfreview_hostile.wakes")
    env["SELFREVIEW_HOSTILE_WAKES"] = how
    cohort = root / "examples" / "cohort"
    done = selfreview(["support", str(cohort), "--format", "json"], cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode() == WARNING
    listed = json.loads(done.stdout)
    assert "hostile-wakes-kept" in json.dumps(listed)  # its work, beside the built-ins'
    assert "next-steps" in json.dumps(listed)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _in_its_queries(process: subprocess.Popen[bytes], output: Path) -> bool:
    """Its connection open (DuckDB's threads), its output not yet replaced."""
    return _threads(process) > 1 and output.read_bytes() == BEFORE


@pytest.mark.parametrize("how", ["fd", "asyncio"])
def test_a_signal_in_supports_query_after_the_plugin_woke_stops_the_command(
    how: str, wide: tuple[Path, Path], tmp_path: Path
) -> None:
    """`kill` once the plugin has set its descriptor, during the queries that follow (a
    framework of 1,000 strands): ended by the signal, the plugin's change told, then
    `Aborted!`; the previous output byte for byte, no temporary file, DuckDB's spill
    folder removed."""
    framework, schools = wide
    spill, mark = tmp_path / "tmp", tmp_path / "woke"
    spill.mkdir()
    (tmp_path / "out.json").write_bytes(BEFORE)
    env = with_plugin(tmp_path / "site", "hostile-wakes", "selfreview_hostile.wakes")
    env.update(SELFREVIEW_HOSTILE_WAKES=how, SELFREVIEW_HOSTILE_WAKES_MARK=str(mark))
    args = ["support", "--framework", str(framework), str(schools), "--format", "json"]
    for _ in range(3):  # a run past its queries before it was frozen is run again
        process = _start([*args, "-o", "out.json"], tmp_path, env=dict(env, TMPDIR=str(spill)))
        # Waited for by the command's processor time, not the clock (`waited`): at a load
        # of 30 the plugin came after more than a minute (round 74).
        assert waited(process, mark.exists) or mark.exists(), (
            "the plugin never ran",
            ended(process),
        )
        ran_on(process, 0.2)  # its call ended: into the next query

        still = partial(_in_its_queries, process, tmp_path / "out.json")
        if signal_while(process, still, partial(process.send_signal, signal.SIGTERM)):
            break
        ended(process)
        (tmp_path / "out.json").write_bytes(BEFORE)
        mark.unlink()
    else:
        raise AssertionError("past its queries, three times, before it was frozen")
    errors = ended(process).stderr
    assert process.returncode == -signal.SIGTERM, errors
    assert errors.decode() == WARNING + "\nAborted!\n"  # as click ends an interrupted line
    assert (tmp_path / "out.json").read_bytes() == BEFORE
    assert _temporary_files(tmp_path) == []
    assert list(spill.iterdir()) == []
    mark.unlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "site", "tmp"]
