"""Ctrl-C at the edges of the `selfreview` program's life (round 66): before `_launch.main`
takes it, as the program starts, and after Python has taken its own handling of signals
away, as the program ends. Each case runs in a fresh interpreter, the console script as pip
writes it and `python -m selfreview_core`; the signal is a real one, raised where the case
needs it, never timed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from test_launch import _PROGRAMS, _run_with

#: What the program may import before `_launch.main` takes Ctrl-C: itself, and the
#: collector's module (`_collector`, with Python's `gc` and `__future__`).
_BEFORE_MAIN = {
    "__future__",
    "gc",
    "selfreview_core",
    "selfreview_core._collector",
    "selfreview_core._launch",
}


def test_the_program_imports_nothing_but_itself_before_it_takes_ctrl_c() -> None:
    """A Ctrl-C before `main` is Python's traceback. Before round 66 the package and
    `_launch` imported `typing` and `contextlib` (with `re`, `enum`, `collections`...)
    first: 18 ms on a quiet machine, and 34 of 90 runs given Ctrl-C 0 to 100 ms after the
    start showed a traceback on a busy one (13 of 90 since: Python's own start-up and the
    console script's `import re`, which pip writes, are all that is left)."""
    code = (
        "import json, sys\nbefore = set(sys.modules)\nimport selfreview_core._launch\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, timeout=120)
    assert set(json.loads(run.stdout)) <= _BEFORE_MAIN


#: Ctrl-C as the program asks the collector to run rarely, the first thing `main` does.
_CTRL_C_AS_IT_STARTS = """
import signal
import selfreview_core._collector as collector
def rarely():
    signal.raise_signal(signal.SIGINT)
collector.rarely = rarely
"""


@pytest.mark.parametrize("program", list(_PROGRAMS))
def test_ctrl_c_as_main_begins_is_aborted(program: str, tmp_path: Path) -> None:
    """Before round 66 `main` asked the collector to run rarely before it took Ctrl-C:
    one that came then was Python's traceback. Now "Aborted!", exit 1, nothing written."""
    work = tmp_path / "work"
    work.mkdir()
    args = ("report", "x.yaml", "-o", "out.json")
    run = _run_with(_CTRL_C_AS_IT_STARTS, tmp_path / "site", work, program, *args)
    assert (run.returncode, run.stderr.decode(), run.stdout) == (1, "\nAborted!\n", b"")
    assert list(work.iterdir()) == []
