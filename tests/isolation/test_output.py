"""While plugin code runs, its standard output goes to standard error (`plugin_output`), in
its own thread only, and the real stream always comes back (SPEC 4: printing "never
corrupts `--format json`")."""

from __future__ import annotations

import io
import sys
import threading

import pytest

from selfreview_core.isolation.output import (
    command_output,
    plugin_output,
    standard_output_to_this_thread,
)


def test_a_plugins_prints_go_to_stderr_and_stdout_comes_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = sys.stdout
    with plugin_output():
        print("from the plugin")
        sys.stdout.write("written\n")
        sys.stdout.writelines(["lines\n"])
        sys.stdout.buffer.write(b"bytes\n")
        sys.stdout.flush()
    print("ours")
    assert sys.stdout is before
    captured = capsys.readouterr()
    assert captured.out == "ours\n"
    assert captured.err == "from the plugin\nwritten\nlines\nbytes\n"


def test_nested_calls_keep_the_redirection_until_the_outermost_ends(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = sys.stdout
    with plugin_output():
        with plugin_output():
            print("inner")
        print("outer")
    assert sys.stdout is before
    assert capsys.readouterr() == ("", "inner\nouter\n")


def test_a_plugin_closing_or_replacing_stdout_changes_nothing_for_us(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = sys.stdout
    with plugin_output():
        sys.stdout.close()
        sys.stdout = io.StringIO()
    assert sys.stdout is before
    assert not before.closed
    print("still open")
    assert capsys.readouterr().out == "still open\n"


def test_without_standard_streams_prints_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    with plugin_output():
        print("nowhere to go")
    assert sys.stdout is None


def test_only_the_plugins_thread_is_redirected(capsys: pytest.CaptureFixture[str]) -> None:
    """Another thread writing its report while a plugin runs keeps standard output."""
    inside, written = threading.Event(), threading.Event()

    def plugin_thread() -> None:
        with plugin_output():
            print("plugin, before")
            inside.set()
            written.wait()
            print("plugin, after")

    before = sys.stdout
    worker = threading.Thread(target=plugin_thread)
    worker.start()
    inside.wait()
    print("the report")  # this thread is in no plugin call
    written.set()
    worker.join()
    assert sys.stdout is before
    captured = capsys.readouterr()
    assert captured.out == "the report\n"
    assert captured.err == "plugin, before\nplugin, after\n"


@pytest.mark.parametrize("first_out", [0, 1])
def test_threads_leaving_in_any_order_restore_stdout(
    capsys: pytest.CaptureFixture[str], first_out: int
) -> None:
    """`contextlib.redirect_stdout` in two threads can leave stdout pointing at stderr for
    good, when they leave in the order they entered; this cannot."""
    before = sys.stdout
    entered = threading.Barrier(3)
    leave = [threading.Event(), threading.Event()]
    left = [threading.Event(), threading.Event()]

    def plugin_thread(index: int) -> None:
        with plugin_output():
            entered.wait()
            leave[index].wait()
        left[index].set()
        leave[1 - index].set()  # the other may go now

    workers = [threading.Thread(target=plugin_thread, args=(i,)) for i in (0, 1)]
    for worker in workers:
        worker.start()
    entered.wait()
    leave[first_out].set()
    left[first_out].wait()
    print("between")  # one thread is still in a plugin; this one is not
    for worker in workers:
        worker.join()
    assert sys.stdout is before
    print("after")
    assert capsys.readouterr().out == "between\nafter\n"


def test_a_proxy_left_in_place_is_never_proxied_again(capsys: pytest.CaptureFixture[str]) -> None:
    before = sys.stdout
    with plugin_output():
        kept = sys.stdout  # a plugin keeps the stream it saw ...
    sys.stdout = kept  # ... and puts it back later, outside any plugin call
    try:
        with plugin_output():
            print("plugin")
        assert sys.stdout is before
    finally:
        sys.stdout = before
    assert capsys.readouterr() == ("", "plugin\n")


def _printed_from_another_thread(text: str) -> None:
    thread = threading.Thread(target=print, args=(text,))
    thread.start()
    thread.join()


def test_while_a_command_runs_only_its_thread_writes_standard_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A thread a plugin started is inside no plugin call, and may print after its call
    has returned: while a command runs, what it prints goes to standard error."""
    before = sys.stdout
    with command_output():
        print("the command's")
        sys.stdout.buffer.write(b"its bytes\n")
        _printed_from_another_thread("a plugin's thread")
        with plugin_output():  # a plugin's call inside the command
            print("the plugin's")
            _printed_from_another_thread("a thread it started")
        sys.stdout.flush()
    assert sys.stdout is before
    _printed_from_another_thread("after the command")
    captured = capsys.readouterr()
    assert captured.out == "the command's\nits bytes\nafter the command\n"
    assert captured.err == "a plugin's thread\nthe plugin's\na thread it started\n"


def test_the_programs_own_block_stays_and_a_commands_inside_it_changes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = sys.stdout
    try:
        assert standard_output_to_this_thread() is before
        kept = sys.stdout
        assert kept is not before
        with command_output():  # the command's, inside the program's: nothing to do
            assert sys.stdout is kept
        assert sys.stdout is kept
        assert standard_output_to_this_thread() is None  # done already
        _printed_from_another_thread("a late print")
        print("ours")
    finally:
        sys.stdout = before
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("ours\n", "a late print\n")
