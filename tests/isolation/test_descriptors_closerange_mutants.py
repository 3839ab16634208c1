"""A plugin that closes the standard descriptors with `os.closerange` and opens a file of
its own in standard input's place (`isolation.descriptors`), what `test_descriptors.py`
and `test_descriptors_mutants.py` did not hold: descriptor 0, reached by the range, is put
back and said like 1 and 2, whatever was opened in its place (round 68's pass)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from isolation.test_descriptors import KEPT, WARNINGS
from isolation.test_exit_functions import _batch
from program import selfreview, with_plugin

if sys.platform == "win32":  # pragma: no cover - descriptors as POSIX has them
    pytest.skip("POSIX descriptors", allow_module_level=True)


#: A plugin that starts a daemon's way, at import and in its hook: descriptors 0 to 2
#: closed with `os.closerange`, /dev/null opened in the lowest (0), made inheritable (for
#: the programs it starts) and put over 1 and 2.
_DAEMONISING = """
import os

from selfreview_core import hookimpl
from selfreview_hostile import kept


def _daemonise():
    os.closerange(0, 3)
    null = os.open(os.devnull, os.O_RDWR)  # the lowest free descriptor: 0
    os.set_inheritable(null, True)
    os.dup2(null, 1)
    os.dup2(null, 2)


_daemonise()


@hookimpl
def selfreview_recommend():
    _daemonise()
    return [kept("hostile-descriptors")]
"""


def test_standard_input_closed_by_closerange_and_reopened_by_a_plugin_is_put_back(
    root: Path, tmp_path: Path
) -> None:
    """`os.closerange(0, 3)` reaches descriptor 0 as well as 1 and 2: with /dev/null
    opened in its place, inheritable as a standard descriptor is (so no check of
    inheritability finds it), and put over 1 and 2 with `os.dup2`, each of the three is
    put back when the plugin's call ends and said once, and a batch piped in as `-` is
    read whole (round 68's pass: with 0 left out of the range noted, standard input was
    left /dev/null for the rest of the command, and nothing said of it)."""
    site = tmp_path / "site"
    env = with_plugin(site, "hostile-descriptors", "daemonising")
    (site / "daemonising.py").write_text(_DAEMONISING, encoding="utf-8")
    batch = _batch(root, tmp_path)
    with batch.open("rb") as piped:
        done = selfreview(["report", "-", "--format", "json"], cwd=tmp_path, env=env, stdin=piped)
    told = done.stderr.decode().splitlines()
    assert (done.returncode, told) == (0, [*(WARNINGS[n] for n in (2, 1, 0)), "3 reports written"])
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 3
    for line in lines:
        assert json.loads(line)["problems"] == []
        assert KEPT in line  # the plugin's recommendation: its hook ran to the end
