"""Ctrl-C at the edges of the `selfreview` program's life (round 66): before `_launch.main`
takes it, as the program starts, and after Python has taken its own handling of signals
away, as the program ends. Each case runs in a fresh interpreter, the console script as pip
writes it and `python -m selfreview_core`; the signal is a real one, raised where the case
needs it, never timed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from program import python
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
    run = python(["-c", code])
    assert run.returncode == 0, run.stderr
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


#: Ctrl-C as Python frees the interpreter's objects, after the exit functions and after
#: Python has put every signal back to its default: raised as a module's object is freed.
_CTRL_C_AS_IT_IS_FREED = """
import os
import signal
class Late:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)
late = Late()
"""


@pytest.mark.parametrize("program", list(_PROGRAMS))
@pytest.mark.parametrize(
    ("school", "status", "said"),
    [("school.yaml", 0, "Wrote out.json (json).\n"), ("none.yaml", 2, "does not exist")],
)
def test_ctrl_c_as_python_frees_the_program_keeps_the_commands_status(
    program: str, school: str, status: int, said: str, root: Path, tmp_path: Path
) -> None:
    """Before round 66 such a Ctrl-C killed the process by the signal: exit status -2, not
    a word, whatever the command had chosen (7 of 60 runs given Ctrl-C as the command
    ended, round 65). No code can say it came too late there; it is ignored, and the
    command's status, and its report, stand."""
    (tmp_path / "school.yaml").write_bytes(
        (root / "examples" / "example-primary-2026.yaml").read_bytes()
    )
    args = ("report", school, "-o", "out.json")
    run = _run_with(_CTRL_C_AS_IT_IS_FREED, tmp_path / "site", tmp_path, program, *args)
    assert run.returncode == status
    assert said in run.stderr.decode()
    assert "Traceback" not in run.stderr.decode()
    if status == 0:
        assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["assessment"]
