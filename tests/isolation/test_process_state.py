"""What a plugin changes in the program's process is put back once its code has run.

Before round 38, a plugin that ignored (or blocked) SIGINT and SIGTERM, at import or in its
hook, left Ctrl-C and `kill` no way to stop a batch: it ran to its end and replaced its
output. One that set SIGPIPE to its default had `selfreview report … | head` killed by
the signal (status 141) instead of ending quietly with 0; one that set the file mode mask
to 0 had every report written after it writable by anyone on the machine. `hostile-unsettles`
(tests/plugins/selfreview_hostile/unsettles.py) does each, as `$SELFREVIEW_HOSTILE_UNSETTLES`
says. The working directory, the first thing kept, has its own tests
(`test_working_directory.py`).
"""

from __future__ import annotations

import io
import json
import os
import signal
import stat
import sys
import threading
from functools import partial
from pathlib import Path

import pytest

from cli.test_signals import (
    BEFORE,
    WAIT,
    _as_a_shell_starts_it,
    _once_writing,
    _start,
    _temporary_files,
    _writing,
    batch,
    every_command_ended,
    signal_while,
)
from program import ended, with_plugin
from selfreview_core.cli import _signals
from selfreview_core.isolation import interrupts, process_state
from selfreview_core.isolation.calls import PluginCall
from selfreview_core.isolation.output import plugin_output
from selfreview_core.model.problem import Problem

if sys.platform == "win32":  # no SIGHUP, no process groups, no file mode mask
    pytest.skip("POSIX processes", allow_module_level=True)

__all__ = ["batch", "every_command_ended"]  # fixtures, shared with the signal tests

pytestmark = pytest.mark.usefixtures("every_command_ended")

EXAMPLE = "example-primary-2026.yaml"
STOPPABLE = "the command can still be stopped"
QUIET = "it still ends quietly when its reader goes away"


def _unsettled(tmp_path: Path, how: str) -> dict[str, str]:
    """The program's environment with `hostile-unsettles` installed alone, doing `how`."""
    env = with_plugin(tmp_path / "site", "hostile-unsettles", "selfreview_hostile.unsettles")
    return dict(env, SELFREVIEW_HOSTILE_UNSETTLES=how)


def _signals_warning(names: str, why: str, by: str = "plugin hostile-unsettles") -> str:
    return (
        f"warning: {by} tried to change how the program answers {names}; kept as it was,"
        f" so that {why}\n"
    )


@pytest.mark.parametrize(
    ("how", "stop", "jobs", "names"),
    [
        ("ignore", signal.SIGTERM, "1", "SIGHUP, SIGINT, SIGTERM"),  # `kill PID`
        ("ignore", signal.SIGINT, "2", "SIGHUP, SIGINT, SIGTERM"),  # Ctrl-C, to the group
        ("block", signal.SIGTERM, "2", "SIGHUP, SIGINT, SIGTERM"),
        ("block", signal.SIGINT, "1", "SIGHUP, SIGINT, SIGTERM"),
    ],
)
def test_a_batch_stops_when_asked_whatever_a_plugin_did_to_its_signals(
    how: str, stop: signal.Signals, jobs: str, names: str, batch: Path, tmp_path: Path
) -> None:
    """Ended as a stopped batch ends: by the signal (Ctrl-C: status 1), the previous
    output kept, no temporary file; the plugin's change named once."""
    process = _start(
        ["report", str(batch), "--format", "json", "-o", "out.jsonl", "--jobs", jobs],
        tmp_path,
        env=_unsettled(tmp_path, how),
    )
    _once_writing(process, tmp_path)
    if stop == signal.SIGINT:
        send = partial(os.killpg, process.pid, stop)  # a terminal's Ctrl-C: its foreground group
    else:
        send = partial(process.send_signal, stop)
    assert signal_while(process, _writing(tmp_path), send), "done before it was signalled"
    errors = ended(process).stderr
    assert process.returncode == (1 if stop == signal.SIGINT else -stop), errors
    told = [line for line in errors.decode().splitlines() if line]  # click's blank line or not
    assert told == [_signals_warning(names, STOPPABLE)[:-1], "Aborted!"], told
    assert _temporary_files(tmp_path) == []
    assert (tmp_path / "out.jsonl").read_bytes() == BEFORE


def test_a_reader_that_goes_away_still_ends_the_command_quietly(
    batch: Path, tmp_path: Path
) -> None:
    """`selfreview report … | head -c 100`: status 0, not 141 (killed by SIGPIPE)."""
    process = _start(
        ["report", str(batch), "--format", "json"], tmp_path, env=_unsettled(tmp_path, "pipe")
    )
    assert process.stdout is not None
    assert len(process.stdout.read(100)) == 100
    process.stdout.close()  # the reader goes away, as `head` does
    errors = ended(process).stderr
    assert process.returncode == 0, errors
    assert errors.decode() == _signals_warning("SIGPIPE", QUIET)


def _with_mask(mask: int) -> None:
    _as_a_shell_starts_it()
    os.umask(mask)


@pytest.mark.parametrize("mask", [0o022, 0o077])
@pytest.mark.parametrize(
    "where",
    [
        ["-o", "out.json"],
        ["--format", "json", "--output-dir", "reports", "--jobs", "2"],
    ],
)
def test_the_reports_are_made_with_the_users_file_mode_mask(
    mask: int, where: list[str], root: Path, tmp_path: Path
) -> None:
    """Not world-writable because a plugin set the mask to 0 at import and in its hook;
    said once, however many reports."""
    examples = [str(root / "examples" / name) for name in (EXAMPLE, "example-primary-2025.yaml")]
    args = ["report", *(examples[:1] if "-o" in where else examples), *where]
    process = _start(args, tmp_path, lambda: _with_mask(mask), _unsettled(tmp_path, "mask"))
    errors = ended(process).stderr
    assert process.returncode == 0, errors
    made = [tmp_path / "out.json"] if "-o" in where else sorted((tmp_path / "reports").iterdir())
    assert len(made) == (1 if "-o" in where else 2)
    for path in made:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path
        assert "hostile-unsettles-kept" in path.read_text("utf-8")
    warning = (
        "warning: plugin hostile-unsettles changed the file mode mask (to 000); changed back to"
        f" {mask:03o}, which the files the command writes are made with\n"
    )
    assert errors.decode().count(warning) == 1, errors


def test_every_change_at_once_is_put_back_and_each_said_once(root: Path, tmp_path: Path) -> None:
    every = _unsettled(tmp_path, "ignore,block,pipe,mask")
    process = _start(
        ["report", str(root / "examples" / EXAMPLE), "--format", "json", "-o", "out.json"],
        tmp_path,
        lambda: _with_mask(0o022),
        every,
    )
    errors = ended(process).stderr
    assert process.returncode == 0, errors
    assert errors.decode().splitlines() == [
        "warning: plugin hostile-unsettles changed the file mode mask (to 000); changed back to"
        " 022, which the files the command writes are made with",
        _signals_warning("SIGHUP, SIGINT, SIGPIPE, SIGTERM", f"{STOPPABLE} and {QUIET}")[:-1],
        "Wrote out.json (json).",
    ]
    report = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert "hostile-unsettles-kept" in [r["id"] for r in report["recommendations"]]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("hostile-unsettles", "hostile-unsettles"),
        ("hostile\u200bunsettles", "hostile\\u200bunsettles"),
    ],
)
def test_each_warning_names_the_plugin_whose_call_changed_the_process(
    name: str, shown: str, root: Path, tmp_path: Path
) -> None:
    """Before, each said "a plugin", whichever of those installed it was: now the one whose
    hook made the change, among the others' hooks (the plugin that only prints is never
    named), escaped as the `plugins` table shows a name."""
    site = tmp_path / "site"
    with_plugin(site, "hostile-prints", "selfreview_hostile.prints")
    env = dict(
        with_plugin(site, name, "selfreview_hostile.unsettles"),
        SELFREVIEW_HOSTILE_UNSETTLES="later,mask,ignore",
    )
    example = str(root / "examples" / EXAMPLE)
    process = _start(
        ["report", example, "--format", "json", "-o", "out.json"],
        tmp_path,
        lambda: _with_mask(0o022),
        env,
    )
    errors = ended(process).stderr
    assert process.returncode == 0, errors
    told = [line for line in errors.decode().splitlines() if line.startswith(("warning", "Wrote"))]
    assert told == [
        f"warning: plugin {shown} changed the file mode mask (to 000); changed back to 022,"
        " which the files the command writes are made with",
        _signals_warning("SIGHUP, SIGINT, SIGTERM", STOPPABLE, f"plugin {shown}")[:-1],
        "Wrote out.json (json).",
    ]
    ids = [
        r["id"] for r in json.loads((tmp_path / "out.json").read_text("utf-8"))["recommendations"]
    ]
    assert {"hostile-unsettles-kept", "hostile-prints-kept"} <= set(ids)


def test_a_change_seen_only_after_several_plugins_ran_names_none_of_them(
    root: Path, tmp_path: Path
) -> None:
    """Standard error replaced in a hook is seen when every plugin's hook for the report has
    run (one look for them all, not one each): which of them did it is not known, and no
    plugin that did nothing is named in its place."""
    site = tmp_path / "site"
    with_plugin(site, "hostile-prints", "selfreview_hostile.prints")
    env = dict(
        with_plugin(site, "hostile-unsettles", "selfreview_hostile.unsettles"),
        SELFREVIEW_HOSTILE_UNSETTLES="later,quiet",
    )
    example = str(root / "examples" / EXAMPLE)
    process = _start(["report", example, "--format", "json", "-o", "out.json"], tmp_path, env=env)
    errors = ended(process).stderr
    assert process.returncode == 0, errors
    told = [line for line in errors.decode().splitlines() if line.startswith(("warning", "Wrote"))]
    assert told == [
        "warning: a plugin replaced standard error; put back, where the command tells its"
        " errors and warnings",
        "Wrote out.json (json).",
    ]


def test_a_recursion_limit_a_plugin_lowered_is_refused_for_the_others_and_the_command(
    root: Path, tmp_path: Path
) -> None:
    """Before round 39, the next plugin's hooks failed on the recursion limit the plugin
    left (the reports short of their advice), or the command ended in an internal error."""
    example = str(root / "examples" / EXAMPLE)
    alone = with_plugin(tmp_path / "alone", "hostile-unsettles", "selfreview_hostile.unsettles")
    expected = ended(_start(["report", example, "--format", "json"], tmp_path, env=alone)).stdout
    args = ["report", example, "--format", "json", "-o", "out.json"]
    process = _start(args, tmp_path, env=_unsettled(tmp_path, "shallow"))
    errors = ended(process).stderr
    assert process.returncode == 0, errors
    told = errors.decode().splitlines()
    assert told[1:] == ["Wrote out.json (json)."], told
    assert told[0].startswith(
        "warning: plugin hostile-unsettles tried to lower the recursion limit (to "
    ), told
    assert told[0].endswith("); kept at 1000, which the other plugins and the command need")
    assert (tmp_path / "out.json").read_bytes() == expected


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_a_file_nested_too_deep_is_refused_whatever_limit_a_plugin_raised(
    suffix: str, tmp_path: Path
) -> None:
    """Before round 39, a plugin raising the recursion limit to a million let the JSON
    parser follow a file 100,000 levels deep until the process crashed (status 139, a
    segmentation fault, not a word said)."""
    run = 100_000
    deep = tmp_path / f"deep{suffix}"
    deep.write_text('{"kind": "assessment", "x": ' + "[" * run + "]" * run + "}\n", "utf-8")
    process = _start(["report", deep.name], tmp_path, env=_unsettled(tmp_path, "deep"))
    done = ended(process)
    out, errors = done.stdout, done.stderr
    assert process.returncode == 1, errors
    told = errors.decode().splitlines()
    assert told[0] == (
        "warning: plugin hostile-unsettles raised the recursion limit (to 1000000); put back to"
        " 1000, which"
        " keeps a file nested too deep from crashing the command"
    )
    assert told[1] == f"{deep.name}:1:92: error: nested more than 64 levels deep", told
    assert out == b""


@pytest.mark.parametrize("schools", [1, 2])
def test_the_commands_errors_are_told_whatever_a_plugin_did_to_standard_error(
    schools: int, root: Path, tmp_path: Path
) -> None:
    """Before, the command failed with status 1 and not a word said."""
    (tmp_path / "bad.yaml").write_text("kind: assessment\n", encoding="utf-8")
    good = str(root / "examples" / EXAMPLE)
    args = ["report", *([good] if schools == 2 else []), "bad.yaml", "--format", "json"]
    process = _start(args, tmp_path, env=_unsettled(tmp_path, "quiet"))
    done = ended(process)
    out, errors = done.stdout, done.stderr
    assert process.returncode == 1
    told = errors.decode()
    assert "bad.yaml:1:1: error: missing required key" in told, told
    assert told.count("warning: plugin hostile-unsettles replaced standard error; put back") == 1, (
        told
    )
    assert len(out.splitlines()) == schools - 1  # the good school's report, still written


# The same, in the program's own process (`keep` called as the command line calls it).


@pytest.mark.usefixtures("unkept")
def test_plugin_code_cannot_change_how_the_program_answers_a_stopping_signal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Refused while its code runs, not put back afterwards: a Ctrl-C then is not lost.
    The program's own changes (a worker ignoring Ctrl-C) stand, and so does a plugin's
    handler of a signal the program does not rely on (SIGUSR1)."""
    process_state.keep()
    mine = signal.signal(signal.SIGINT, signal.SIG_IGN)  # the program's own, outside
    with plugin_output():
        assert signal.signal(signal.SIGUSR1, signal.SIG_IGN) is signal.SIG_DFL
        with plugin_output():
            assert signal.signal(signal.SIGTERM, signal.SIG_IGN) is signal.SIG_DFL
            assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
            assert signal.signal(signal.SIGTERM, print) is signal.SIG_DFL
            assert signal.signal(signal.SIGTERM, signal.SIG_DFL) is signal.SIG_DFL
            with pytest.raises(TypeError):  # what is no handler is refused as Python does
                signal.signal(signal.SIGTERM, "ignore")  # type: ignore[arg-type]
        assert capsys.readouterr().err == ""  # told when plugin code has run
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    assert signal.getsignal(signal.SIGUSR1) is signal.SIG_IGN
    signal.signal(signal.SIGINT, mine)
    signal.signal(signal.SIGUSR1, signal.SIG_DFL)
    with plugin_output():  # told once
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    assert capsys.readouterr().err == _signals_warning("SIGTERM", STOPPABLE, "a plugin")


@pytest.mark.usefixtures("unkept")
def test_reading_the_mask_the_blocked_signals_or_a_handler_is_no_change(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The usual ways to read them set them and set them back, or set what is in place:
    nothing to tell."""
    process_state.keep()
    with plugin_output():
        old = os.umask(0)
        os.umask(old)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM])
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        signal.signal(signal.SIGINT, signal.getsignal(signal.SIGINT))  # the one in place
        sys.setrecursionlimit(sys.getrecursionlimit())
    assert process_state.kept is not None
    assert not process_state.kept.changed
    assert capsys.readouterr().err == ""


@pytest.mark.usefixtures("unkept")
def test_blocked_signals_are_unblocked_and_the_mask_put_back_at_each_plugins_end(
    capsys: pytest.CaptureFixture[str],
) -> None:
    process_state.keep()
    mask = os.umask(0o027)
    os.umask(mask)
    for _ in range(2):  # said the first time only
        with plugin_output():
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT, signal.SIGUSR1])
            os.umask(0)
        assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == set()
        assert os.umask(mask) == mask
    assert capsys.readouterr().err == (
        f"warning: a plugin changed the file mode mask (to 000); changed back to {mask:03o},"
        " which the files the command writes are made with\n"
        + _signals_warning("SIGINT", STOPPABLE, "a plugin")
    )


@pytest.mark.usefixtures("unkept")
def test_a_signal_that_came_while_blocked_comes_when_plugin_code_has_run() -> None:
    """Held by the kernel while the plugin's code runs, as it asked, then Ctrl-C's."""
    process_state.keep()
    ran_on = []

    def plugin_code() -> None:
        with plugin_output():
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT])
            signal.raise_signal(signal.SIGINT)
            ran_on.append(True)

    with pytest.raises(KeyboardInterrupt):
        plugin_code()
    assert ran_on == [True]


@pytest.mark.usefixtures("unkept")
def test_a_thread_leaving_plugin_code_leaves_the_blocked_signals_to_the_main_thread(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each thread has its own blocked signals: another thread whose plugin call ends
    while the main thread's has blocked some leaves them noted, for the main thread's own
    call to put back when it ends."""
    process_state.keep()
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with plugin_output():
            inside.set()
            leave.wait(WAIT)

    def mine() -> None:  # noted then: named when they are put back, after the block's end
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM])

    thread = threading.Thread(target=other)
    problems: list[Problem] = []
    with plugin_output():  # several plugins' calls, as the engine's loop holds them
        thread.start()
        inside.wait(WAIT)
        assert PluginCall("hostile-mine", "{}", problems).run(mine) is None
        leave.set()
        thread.join(WAIT)  # its call ended first
        assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == {signal.SIGTERM}
    assert problems == []
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == set()
    assert capsys.readouterr().err == _signals_warning("SIGTERM", STOPPABLE, "plugin hostile-mine")


@pytest.mark.usefixtures("unkept")
def test_what_another_thread_or_the_program_does_with_signals_is_theirs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A thread's blocked signals are its own, and only the main thread may set a
    handler, in plugin code or not (Python's own error, as without the program); the
    program's own changes outside plugin code stand."""
    process_state.keep()
    kept = process_state.kept
    assert kept is not None
    failures: list[BaseException] = []

    def other() -> None:
        with plugin_output():
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM])
            try:
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
            except ValueError as error:
                failures.append(error)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join(WAIT)
    assert len(failures) == 1
    assert "main thread" in str(failures[0])
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGHUP])  # the program's own
    with plugin_output():
        pass
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == {signal.SIGHUP}
    assert not kept.changed
    assert capsys.readouterr().err == ""


@pytest.mark.usefixtures("unkept")
def test_keeping_twice_keeps_what_was_kept_first() -> None:
    """Once, for the program: a second call changes nothing, not even what is told."""
    process_state.keep()
    kept, umask = process_state.kept, os.umask
    process_state.keep()
    assert process_state.kept is kept
    assert os.umask is umask


@pytest.mark.usefixtures("unkept")
def test_a_kill_that_comes_while_plugin_code_runs_is_the_programs_to_answer(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The program's own handler, run inside plugin code, makes a second `kill` end the
    process at once, as outside it: not refused as a plugin's change, nor told as one."""
    monkeypatch.setattr(interrupts, "_noted", [])
    process_state.keep()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _signals.stop_as_ctrl_c()

    def plugin_code() -> None:
        with plugin_output():
            signal.raise_signal(signal.SIGTERM)

    with pytest.raises(KeyboardInterrupt):
        plugin_code()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    assert _signals.interrupted()
    assert capsys.readouterr().err == ""


@pytest.mark.usefixtures("unkept")
def test_standard_error_replaced_by_plugin_code_is_put_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Replaced for good, it would hide every error the command tells; while the plugin's
    code runs, what it prints goes where it put it."""
    process_state.keep()
    program = sys.stderr
    quiet = io.StringIO()
    monkeypatch.setattr(sys, "stderr", program)  # put back after the test, whatever happens
    with plugin_output():
        sys.stderr = quiet
        print("the plugin's own noise")
        assert sys.stderr is quiet
    assert sys.stderr is program
    assert quiet.getvalue() == "the plugin's own noise\n"
    with plugin_output():  # told once
        sys.stderr = quiet
    assert sys.stderr is program
    assert capsys.readouterr().err == (
        "warning: a plugin replaced standard error; put back, where the command tells its"
        " errors and warnings\n"
    )


@pytest.mark.usefixtures("unkept")
def test_a_raised_recursion_limit_is_put_back_and_a_lower_one_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A limit the plugin raised stands while its code runs; one lower than the program's
    is refused at once (the next plugin of the same report runs before anything is put
    back). Each said once. The program's own changes are its own."""
    process_state.keep()
    limit = sys.getrecursionlimit()
    with plugin_output():  # raised and set back by the plugin itself: nothing to say
        sys.setrecursionlimit(limit + 9)
        sys.setrecursionlimit(limit)
    assert capsys.readouterr().err == ""
    for _ in range(2):
        with plugin_output():
            sys.setrecursionlimit(limit + 500)
            with plugin_output():
                sys.setrecursionlimit(limit + 501)
                sys.setrecursionlimit(limit - 100)  # refused, and the first said
                sys.setrecursionlimit(limit - 99)
                assert sys.getrecursionlimit() == limit + 501
                sys.setrecursionlimit(limit + 1)  # lower than the plugin's: still its own
            assert sys.getrecursionlimit() == limit + 1
        assert sys.getrecursionlimit() == limit
        with plugin_output():
            sys.setrecursionlimit(limit - 1)
            assert sys.getrecursionlimit() == limit
        assert sys.getrecursionlimit() == limit
    assert capsys.readouterr().err == (
        f"warning: a plugin raised the recursion limit (to {limit + 1}); put back to {limit},"
        " which keeps a file nested too deep from crashing the command\n"
        f"warning: a plugin tried to lower the recursion limit (to {limit - 100}); kept at"
        f" {limit}, which the other plugins and the command need\n"
    )
    sys.setrecursionlimit(limit - 5)  # the program's own, either way
    with plugin_output(), pytest.raises(ValueError, match="recursion limit must be greater"):
        sys.setrecursionlimit(0)  # what is no limit is refused as Python refuses it
    assert sys.getrecursionlimit() == limit - 5
    sys.setrecursionlimit(limit + 5)
    assert sys.getrecursionlimit() == limit + 5
    assert capsys.readouterr().err == ""


def test_nothing_is_kept_in_a_program_embedding_the_engine() -> None:
    """Its process is its own: `signal.signal` and `os.umask` are Python's."""
    assert process_state.kept is None
    assert signal.signal is process_state.own_signal
    assert os.umask.__module__ == "posix"
    assert sys.setrecursionlimit.__module__ == "sys"
