"""`SELFREVIEW_DEBUG` is read once, as the program starts: a plugin that sets or removes it
changes nothing of how an error the command did not expect is shown (`cli._debug`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from program import selfreview, with_plugin
from selfreview_core.cli import _debug

ONE_LINE = [
    "Error: internal error: RuntimeError: the renderer broke",
    "This is a bug in selfreview or a plugin; set SELFREVIEW_DEBUG=1 to see where.",
]


def _showing(tmp_path: Path, how: str, **debug: str) -> tuple[int, str]:
    """`show becta-srf` with `hostile-debug` installed alone, doing `how`: exit code and
    standard error."""
    env = with_plugin(tmp_path / "site", "hostile-debug", "selfreview_hostile.debugs")
    env = dict(env, SELFREVIEW_HOSTILE_DEBUG=how, **debug)
    if not debug:
        env.pop("SELFREVIEW_DEBUG", None)
    done = selfreview(["show", "becta-srf"], cwd=tmp_path, env=env)
    assert done.stdout == b""
    return done.returncode, done.stderr.decode()


def test_a_plugin_setting_it_shows_no_traceback(tmp_path: Path) -> None:
    """Before round 49, a plugin setting `SELFREVIEW_DEBUG=1` at import had the command's
    internal error shown as Python's traceback."""
    code, told = _showing(tmp_path, "set")
    assert code == 1
    assert told.splitlines() == ONE_LINE
    assert "Traceback" not in told


def test_a_plugin_removing_it_hides_no_traceback(tmp_path: Path) -> None:
    """Before round 49, a plugin removing it hid the traceback its user had asked for."""
    code, told = _showing(tmp_path, "unset", SELFREVIEW_DEBUG="1")
    assert code == 1
    assert told.startswith("Traceback (most recent call last):\n")
    assert told.endswith("RuntimeError: the renderer broke\n")


def test_unpinned_it_is_read_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a program running the commands in its own process, as the environment is now;
    pinned, as it was then."""
    monkeypatch.setattr(_debug, "_pinned", None)
    monkeypatch.setenv("SELFREVIEW_DEBUG", "1")
    assert _debug.debugging()
    monkeypatch.setenv("SELFREVIEW_DEBUG", "")
    assert not _debug.debugging()
    _debug.pin()
    monkeypatch.setenv("SELFREVIEW_DEBUG", "1")
    assert not _debug.debugging()
    monkeypatch.setattr(_debug, "_pinned", None)
    _debug.pin()
    monkeypatch.delenv("SELFREVIEW_DEBUG")
    assert _debug.debugging()
    assert os.environ.get("SELFREVIEW_DEBUG") is None


def test_a_plugin_setting_the_disabled_plugins_disables_none(tmp_path: Path) -> None:
    """`SELFREVIEW_DISABLE`, the program's other setting, is read before any plugin is
    loaded (`_common.State`): one set by a plugin disables nothing (held before round 49,
    pinned here)."""
    env = with_plugin(tmp_path / "site", "hostile-debug", "selfreview_hostile.debugs")
    env = dict(env, SELFREVIEW_HOSTILE_DEBUG="disable")
    done = selfreview(["plugins"], cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    listed = [line.split()[0] for line in done.stdout.decode().splitlines() if line.strip()]
    assert {"hostile-debug", "lea-support"} <= set(listed)
    assert done.stderr == b""
