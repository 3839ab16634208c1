"""A plugin that replaces standard output while it runs is undone when the last plugin call
ends, even when another thread starts and ends a plugin call meanwhile: the stream taken
as the real one is the one seen when the first call began, never a plugin's."""

from __future__ import annotations

import io
import sys
import threading

import pytest

from selfreview_core.isolation.output import plugin_output


def test_a_stream_a_plugin_put_in_place_is_undone_when_the_last_call_ends(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = sys.stdout
    other_thread_printed: list[str] = []

    def another_plugin_call() -> None:
        with plugin_output():
            print("other plugin")
        other_thread_printed.append("done")

    try:
        with plugin_output():
            sys.stdout = io.StringIO()  # a plugin replaces standard output, and keeps it
            worker = threading.Thread(target=another_plugin_call)
            worker.start()
            worker.join()
        assert sys.stdout is before
    finally:
        sys.stdout = before
    assert other_thread_printed == ["done"]
    print("the report")
    assert capsys.readouterr().out == "the report\n"
