"""A trace or profile function, and a lowered limit of the system's, that plugin code sets
stop at its own code (round 80).

Before, a plugin that set a trace or profile function (`sys.settrace`, `sys.setprofile`, at
import or in a hook) had it run at every call of the command's own code once its call had
returned: what it printed went into standard output among the reports (`report --format
json` no longer JSON). One that lowered the limit on files open at once (`RLIMIT_NOFILE`)
had the next school refused, "cannot read: Too many open files", or the command end,
"Error: .../choosing.py: Too many open files", naming no plugin; one that lowered the size
of a file written (`RLIMIT_FSIZE`) had the report cut short, "Error: out.jsonl: File too
large", status 1, every report lost. `hostile-unsettles`
(tests/plugins/selfreview_hostile/unsettles.py) does each, as
`$SELFREVIEW_HOSTILE_UNSETTLES` says.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path
from types import FrameType

import pytest

from program import selfreview, with_plugin
from selfreview_core.isolation import (
    audit_hooks,
    plugin_guards,
    process_state,
    resource_limits,
    trace_functions,
)
from selfreview_core.isolation.calls import PluginCall
from selfreview_core.isolation.output import plugin_output
from selfreview_core.model.problem import Problem

if sys.platform == "win32":  # no `resource`
    pytest.skip("POSIX processes", allow_module_level=True)

import resource

SCHOOLS = ("example-primary-2026.yaml", "example-primary-2025.yaml")
TRACED = (
    "warning: plugin hostile-unsettles set a function to run at every call ({}); taken away"
    " when its code had run, so that it never runs in the command's own code (what it"
    " printed went into the command's output)"
)
AUDITED = (
    "warning: plugin hostile-unsettles added an audit hook (sys.addaudithook), which Python"
    " never takes away; it is called only in plugin code, so that it never runs in the"
    " command's own (what it printed went into the command's output)"
)
LIMITED = (
    "warning: plugin hostile-unsettles tried to lower the limits the system holds the command"
    " to ({}); kept as they were, which the command's files and work need"
)


def _hard(number: int) -> str:
    hard = resource.getrlimit(number)[1]
    return "unlimited" if hard == resource.RLIM_INFINITY else str(hard)


def _report(
    root: Path, tmp_path: Path, how: str, jobs: str, output: str
) -> tuple[int, bytes, list[str]]:
    """`report` of the two examples to `output` (`-`: standard output), `hostile-unsettles`
    doing `how`: the status, the reports and what standard error told but the plugin's own
    lines (which go there while its code runs)."""
    site = tmp_path / "site"
    env = with_plugin(site, "hostile-unsettles", "selfreview_hostile.unsettles")
    schools = [str(root / "examples" / school) for school in SCHOOLS]
    args = ["report", *schools, "--format", "json", "--jobs", jobs, "-o", output]
    done = selfreview(args, cwd=tmp_path, env=dict(env, SELFREVIEW_HOSTILE_UNSETTLES=how))
    told = [line for line in done.stderr.decode().splitlines() if "HOSTILE" not in line]
    if output == "-":
        return done.returncode, done.stdout, told
    out = tmp_path / output
    return done.returncode, out.read_bytes() if out.exists() else b"", told


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The two reports with `hostile-unsettles` installed doing no harm."""
    root = Path(__file__).resolve().parents[2]
    status, out, told = _report(root, tmp_path_factory.mktemp("alone"), "", "1", "-")
    assert (status, told) == (0, ["2 reports written"]), told
    return out


@pytest.mark.parametrize(
    ("how", "jobs", "warning"),
    [
        ("trace", "1", TRACED.format("sys.settrace")),
        ("later,trace", "2", TRACED.format("sys.settrace")),
        ("profile", "2", TRACED.format("sys.setprofile")),
        ("later,profile", "1", TRACED.format("sys.setprofile")),
        ("audit", "2", AUDITED),
        ("later,audit", "1", AUDITED),
        (
            "files",
            "2",
            LIMITED.format(f"RLIMIT_NOFILE to soft 8, hard {_hard(resource.RLIMIT_NOFILE)}"),
        ),
        (
            "later,files",
            "1",
            LIMITED.format(f"RLIMIT_NOFILE to soft 8, hard {_hard(resource.RLIMIT_NOFILE)}"),
        ),
        (
            "size",
            "1",
            LIMITED.format(f"RLIMIT_FSIZE to soft 10, hard {_hard(resource.RLIMIT_FSIZE)}"),
        ),
        (
            "later,size",
            "2",
            LIMITED.format(f"RLIMIT_FSIZE to soft 10, hard {_hard(resource.RLIMIT_FSIZE)}"),
        ),
    ],
)
def test_what_a_plugin_set_stops_at_its_code_and_every_report_is_written_whole(
    how: str, jobs: str, warning: str, expected: bytes, root: Path, tmp_path: Path
) -> None:
    """At import or in its hook, `--jobs 1` or `2`: the reports as without the harm, byte
    for byte, status 0, the plugin named (once a process: a worker's hook may say it too).
    A trace function's prints would land on standard output; a file's limits, in a file."""
    output = "-" if "trace" in how or "profile" in how or "audit" in how else "out.jsonl"
    status, out, told = _report(root, tmp_path, how, jobs, output)
    assert status == 0, told
    assert out == expected
    summary = "2 reports written" + ("" if output == "-" else " to out.jsonl")
    assert told[-1] == summary, told
    assert warning in told, told
    assert set(told[:-1]) == {warning}, told


def test_a_trace_function_on_standard_output_never_reaches_a_report(
    root: Path, tmp_path: Path
) -> None:
    """`report --format json` to standard output: what the function printed in the
    plugin's code goes to standard error, and nothing of it to standard output."""
    env = with_plugin(tmp_path / "site", "hostile-unsettles", "selfreview_hostile.unsettles")
    example = str(root / "examples" / SCHOOLS[0])
    done = selfreview(
        ["report", example, "--format", "json"],
        cwd=tmp_path,
        env=dict(env, SELFREVIEW_HOSTILE_UNSETTLES="later,trace"),
    )
    assert done.returncode == 0, done.stderr
    assert b"HOSTILE" not in done.stdout
    report = json.loads(done.stdout)  # one object, whole
    assert "hostile-unsettles-kept" in [r["id"] for r in report["recommendations"]]
    assert b"HOSTILE TRACE" in done.stderr  # in its own code, as it asked
    assert TRACED.format("sys.settrace").encode() in done.stderr


def _trace(frame: FrameType, event: str, argument: object) -> None:
    _calls.append(frame.f_code.co_name)


_calls: list[str] = []


def _the_programs() -> None:
    """A call of the program's own code."""


@pytest.mark.usefixtures("unkept")
@pytest.mark.parametrize(
    ("setter", "getter"), [("settrace", "gettrace"), ("setprofile", "getprofile")]
)
def test_a_function_set_in_plugin_code_runs_there_only_and_is_taken_away(
    setter: str, getter: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Called in the plugin's code (its own calls), never in the program's between its
    call's end and the putting back, and the program's own (None, or coverage's) back."""
    process_state.keep()
    process_state.plugin_code_ahead()  # as before the plugins are imported
    programs = getattr(sys, getter)()
    _calls.clear()

    def hook() -> None:
        getattr(sys, setter)(_trace)
        _the_plugins()

    def _the_plugins() -> None:
        """A call of the plugin's own code."""

    try:
        problems: list[Problem] = []
        PluginCall("hostile", "{}", problems).run(hook)
        assert problems == []
        _the_programs()
        assert getattr(sys, getter)() is programs
    finally:
        getattr(sys, setter)(programs)
    assert "_the_plugins" in _calls
    assert "_the_programs" not in _calls
    assert not {"put_back", "back", "calling"} & set(_calls)  # the program's putting back
    assert capsys.readouterr().err == (
        "warning: plugin hostile set a function to run at every call"
        f" (sys.{setter}); taken away when its code had run, so that it never runs in the"
        " command's own code (what it printed went into the command's output)\n"
    )


@pytest.mark.usefixtures("unkept")
def test_a_function_that_cannot_be_called_fails_in_plugin_code_only() -> None:
    """Python takes it and fails the next call with `TypeError`: in the plugin's code."""
    process_state.keep()
    process_state.plugin_code_ahead()  # as before the plugins are imported
    programs = sys.gettrace()

    def hook() -> None:
        sys.settrace(5)  # type: ignore[arg-type]
        _the_programs()

    problems: list[Problem] = []
    try:
        PluginCall("hostile", "{}", problems).run(hook)
        _the_programs()
        assert sys.gettrace() is programs
    finally:
        sys.settrace(programs)
    assert [problem.message for problem in problems] == [
        "TypeError: 'int' object is not callable"
    ], problems


_events: list[str] = []


def _audited(event: str, arguments: tuple[object, ...]) -> None:
    if event.startswith("selfreview.test"):
        _events.append(event)


@pytest.mark.usefixtures("unkept")
def test_an_audit_hook_added_in_plugin_code_is_called_there_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Python never takes one away (this test's stays, called for nothing after it): it
    is called while plugin code runs, in its thread, and said once."""
    process_state.keep()
    process_state.plugin_code_ahead()  # as before the plugins are imported
    _events.clear()
    with plugin_output():
        sys.addaudithook(_audited)
        sys.audit("selfreview.test.inside")
    sys.audit("selfreview.test.outside")
    with plugin_output():
        sys.audit("selfreview.test.again")
    assert _events == ["selfreview.test.inside", "selfreview.test.again"]
    uncallable = audit_hooks._in_plugin_code(None)  # as `sys.addaudithook(None)` adds it
    uncallable("selfreview.test.outside", ())  # the program's own events: untouched
    with plugin_output(), pytest.raises(TypeError):  # the plugin's own only
        uncallable("selfreview.test.inside", ())
    assert capsys.readouterr().err == AUDITED.replace("plugin hostile-unsettles", "a plugin") + "\n"


@pytest.mark.usefixtures("unkept")
def test_the_programs_own_function_and_one_put_back_by_the_plugin_are_no_change(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A debugger's or coverage's function, set by the program, is never noted; a plugin
    that sets its own and then what was there has changed nothing to tell."""
    process_state.keep()
    process_state.plugin_code_ahead()  # as before the plugins are imported
    programs = sys.gettrace()
    try:
        sys.settrace(_trace)  # the program's own: stands
        assert sys.gettrace() is _trace
        with plugin_output():
            sys.settrace(None)
            sys.settrace(_trace)
        assert sys.gettrace() is _trace  # wrapped while in plugin code: its own back
    finally:
        sys.settrace(programs)
    assert process_state.kept is not None
    assert not process_state.kept.changed
    assert capsys.readouterr().err == ""


@pytest.mark.usefixtures("unkept")
def test_the_functions_for_threads_started_later_are_put_back_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`threading.settrace` and `threading.setprofile`: the program's threads started after
    the plugin's call are not traced."""
    process_state.keep()
    process_state.plugin_code_ahead()  # as before the plugins are imported
    with plugin_output():
        threading.settrace(_trace)
        threading.setprofile(_trace)
    assert threading.gettrace() is None
    assert threading.getprofile() is None
    told = capsys.readouterr().err
    assert "(threading.settrace, threading.setprofile); taken away" in told, told


@pytest.mark.usefixtures("unkept")
def test_a_function_set_in_another_threads_plugin_code_is_put_back_by_that_thread() -> None:
    """`sys.settrace` is a thread's own: another thread's plugin call ending first puts
    nothing back of this one's, which is put back when this one's ends."""
    process_state.keep()
    process_state.plugin_code_ahead()  # as before the plugins are imported
    kept = process_state.kept
    assert kept is not None
    programs = sys.gettrace()
    inside, ended = threading.Event(), threading.Event()

    def other() -> None:
        with plugin_output():
            inside.set()
            ended.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(10)
    try:
        with plugin_output():
            sys.settrace(_trace)
            ended.set()
            thread.join(10)  # the other's call ends first
        assert sys.gettrace() is programs
        assert kept.guards is not None
        assert not kept.guards.tracers.pending()
    finally:
        sys.settrace(programs)


@pytest.mark.usefixtures("unkept")
def test_a_lower_limit_asked_for_in_plugin_code_is_refused_and_said_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`setrlimit` and `prlimit` of this process: nothing lowered, soft or hard; the
    program's own lowering, a raise and another process's limits are as Python does them."""
    process_state.keep()
    process_state.plugin_code_ahead()  # as before the plugins are imported
    number = resource.RLIMIT_NOFILE
    soft, hard = resource.getrlimit(number)
    try:
        for _ in range(2):
            with plugin_output():
                resource.setrlimit(number, (soft - 1, hard))
                assert resource.prlimit(0, number, (soft - 2, hard)) == (soft, hard)
                assert resource.prlimit(os.getpid(), number, (3, 3)) == (soft, hard)
                assert resource.getrlimit(number) == (soft, hard)
                assert resource.prlimit(0, number) == (soft, hard)  # read, not changed
                with pytest.raises(ValueError, match="invalid resource"):  # as Python says
                    resource.setrlimit(10_000, (0, 0))
            assert resource.getrlimit(number) == (soft, hard)
        resource.setrlimit(number, (soft - 1, hard))  # the program's own
        assert resource.getrlimit(number) == (soft - 1, hard)
        with plugin_output():
            resource.setrlimit(number, (soft, hard))  # raised again: no harm
        assert resource.getrlimit(number) == (soft, hard)
        resource.setrlimit(number, (soft - 1, hard))
        with plugin_output():
            assert resource.prlimit(0, number, (soft, hard)) == (soft - 1, hard)
        assert resource.getrlimit(number) == (soft, hard)
    finally:
        resource.setrlimit(number, (soft, hard))
    assert capsys.readouterr().err == (
        "warning: a plugin tried to lower the limits the system holds the command to"
        f" (RLIMIT_NOFILE to soft {soft - 1}, hard {hard}); kept as they were, which the"
        " command's files and work need\n"
    )


@pytest.mark.usefixtures("unkept")
def test_every_limit_lowered_is_named_in_order_and_unlimited_is_the_highest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`RLIM_INFINITY` (-1) is no lower limit; several refused are each named."""
    process_state.keep()
    process_state.plugin_code_ahead()  # as before the plugins are imported
    cpu, size = resource.getrlimit(resource.RLIMIT_CPU), resource.getrlimit(resource.RLIMIT_FSIZE)
    try:
        with plugin_output():
            resource.setrlimit(resource.RLIMIT_FSIZE, (10, size[1]))
            resource.setrlimit(resource.RLIMIT_CPU, (5, cpu[1]))
            resource.setrlimit(resource.RLIMIT_FSIZE, (20, size[1]))  # the first asked is said
            resource.setrlimit(resource.RLIMIT_CORE, resource.getrlimit(resource.RLIMIT_CORE))
        assert resource.getrlimit(resource.RLIMIT_CPU) == cpu
        assert resource.getrlimit(resource.RLIMIT_FSIZE) == size
    finally:  # the test's own process, were they lowered
        resource.setrlimit(resource.RLIMIT_CPU, cpu)
        resource.setrlimit(resource.RLIMIT_FSIZE, size)
    shown = {limit: _hard(limit) for limit in (resource.RLIMIT_CPU, resource.RLIMIT_FSIZE)}
    assert capsys.readouterr().err == (
        "warning: a plugin tried to lower the limits the system holds the command to"
        f" (RLIMIT_CPU to soft 5, hard {shown[resource.RLIMIT_CPU]}; RLIMIT_FSIZE to soft 10,"
        f" hard {shown[resource.RLIMIT_FSIZE]}); kept as they were, which the command's files"
        " and work need\n"
    )


def test_what_is_no_lowering_is_left_to_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a pair of whole numbers, or no such limit: not looked at (Python's own function
    says what is wrong); unlimited (`RLIM_INFINITY`, -1) is above any number."""
    infinite = resource.RLIM_INFINITY
    limits = {resource.RLIMIT_FSIZE: (100, infinite), resource.RLIMIT_CPU: (infinite, infinite)}

    def getrlimit(number: int) -> tuple[int, int]:
        if number not in limits:
            raise ValueError("invalid resource specified")
        return limits[number]

    monkeypatch.setattr(resource, "getrlimit", getrlimit)
    number = resource.RLIMIT_FSIZE
    lower = resource_limits._lower
    for asked in ([0, 0], (0,), (0, 0, 0), (0.5, 0), (0, 0.5), (True, 0)):
        assert lower(number, asked) is None, asked
    assert lower(str(number), (0, 0)) is None
    assert lower(resource.RLIMIT_NOFILE, (0, 0)) is None  # no such limit here
    assert lower(number, (100, infinite)) is None
    assert lower(number, (infinite, infinite)) is None  # raised
    assert lower(number, (99, infinite)) == (99, infinite)
    assert lower(number, (100, 2**62)) == (100, 2**62)  # a hard limit below unlimited
    assert lower(resource.RLIMIT_CPU, (infinite, infinite)) is None
    assert lower(resource.RLIMIT_CPU, (2**62, infinite)) == (2**62, infinite)


def test_release_gives_back_pythons_own_functions(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a process plugin code forked (the plugin's): nothing noted or refused there."""
    for module, name in [(sys, "settrace"), (sys, "setprofile"), (threading, "settrace")]:
        monkeypatch.setattr(module, name, lambda *_: None)
    for module, name in [(sys, "addaudithook")]:
        monkeypatch.setattr(module, name, lambda *_: None)
    monkeypatch.setattr(threading, "setprofile", lambda *_: None)
    monkeypatch.setattr(resource, "setrlimit", lambda *_: None)
    monkeypatch.setattr(resource, "prlimit", lambda *_: None)
    assert plugin_guards.__name__ in sys.modules  # put in place, as once plugins loaded
    process_state.release()
    assert sys.settrace is trace_functions._SETTERS["sys.settrace"][0]
    assert sys.setprofile is trace_functions._SETTERS["sys.setprofile"][0]
    assert threading.settrace is trace_functions._SETTERS["threading.settrace"][0]
    assert threading.setprofile is trace_functions._SETTERS["threading.setprofile"][0]
    assert sys.addaudithook is audit_hooks._addaudithook
    assert resource.setrlimit is resource_limits._setrlimit
    assert resource.prlimit is resource_limits._prlimit
