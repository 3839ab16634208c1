"""`plugin_output_entered` gives the thread's id, and `plugin_output_left` takes it back, so
that the engine's block around a report's plugins asks for it once, not twice (round 80):
the block must still end for the thread that began it, and for no other."""

from __future__ import annotations

import sys
import threading

import pytest

from selfreview_core.isolation.output import plugin_output_entered, plugin_output_left


def test_the_id_given_is_this_threads_and_ends_its_block(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = sys.stdout
    thread = plugin_output_entered()
    assert thread == threading.get_ident()
    try:
        assert plugin_output_entered() == thread  # nested: the same id
        print("inner")
        plugin_output_left(None, None, None, thread)
        print("outer")  # the outer block goes on
    finally:
        plugin_output_left(None, None, None, thread)
    print("ours")
    assert sys.stdout is before
    assert capsys.readouterr() == ("ours\n", "inner\nouter\n")


def test_each_thread_is_given_its_own_id_and_ends_only_its_own_block(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two threads inside plugin code at once: the one that leaves first, by the id it was
    given, leaves the other's prints redirected; the last puts standard output back."""
    before = sys.stdout
    ids: dict[str, int] = {}
    entered, first_left = threading.Barrier(2, timeout=60), threading.Event()

    def first() -> None:
        ids["first"] = plugin_output_entered()
        entered.wait()
        try:
            plugin_output_left(None, None, None, ids["first"])
            ids["left"] = 1
        finally:
            first_left.set()

    worker = threading.Thread(target=first)
    worker.start()
    ids["second"] = plugin_output_entered()
    entered.wait()
    first_left.wait()
    worker.join()
    try:
        assert ids.get("left") == 1
        assert sys.stdout is not before  # still inside: the first left only its own block
        print("second, inside")
    finally:
        plugin_output_left(None, None, None, ids["second"])
    print("after")
    assert ids["second"] == threading.get_ident() != ids["first"] == worker.ident
    assert sys.stdout is before
    assert capsys.readouterr() == ("after\n", "second, inside\n")
