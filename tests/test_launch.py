"""The `selfreview` program as it starts (`_launch`): a Ctrl-C that comes while the command
line's modules are imported, before click can tell it. Each case runs in a fresh
interpreter (the console script as pip writes it, and `python -m selfreview_core`)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from program import python

#: Ctrl-C as the command line's modules are imported: raised where Python would raise it,
#: in the middle of an import (the window is a third of a second on a busy machine).
_INTERRUPTING = """
import sys
class Interrupting:
    def find_spec(self, name, path=None, target=None):
        if name == "selfreview_core.cli":
            raise KeyboardInterrupt
sys.meta_path.insert(0, Interrupting())
"""

#: The two ways the program is run, after `_INTERRUPTING`.
_WAYS = (
    "from selfreview_core._launch import main\nsys.exit(main())",
    "import runpy\nrunpy.run_module('selfreview_core', run_name='__main__', alter_sys=True)",
)


@pytest.mark.parametrize("way", _WAYS, ids=["script", "module"])
def test_ctrl_c_as_the_program_starts_is_aborted_without_a_traceback(
    way: str, tmp_path: Path
) -> None:
    """Before round 63 a Ctrl-C while the program imported its modules showed Python's
    traceback of the import it cut short (`from pathlib import Path`, in
    `cli/_output_paths.py`), exit status -2 (ended by the signal); now it ends as one that
    comes while a command runs: "Aborted!" on standard error, exit 1, nothing on standard
    output, no file written."""
    run = python(["-c", _INTERRUPTING + way, "report", "x.yaml", "-o", "out.json"], cwd=tmp_path)
    assert (run.returncode, run.stderr.decode(), run.stdout) == (1, "\nAborted!\n", b"")
    assert list(tmp_path.iterdir()) == []


#: Ctrl-C as the import of `{module}` starts, raised (a real SIGINT) in code Python runs
#: from a string, as `dataclasses` and `namedtuple` make their methods. Run as
#: `sitecustomize`, before the program.
_INTERRUPTING_EXEC = """
import sys
class Interrupting:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            sys.meta_path.remove(self)
            exec("import signal; signal.raise_signal(signal.SIGINT)")
sys.meta_path.insert(0, Interrupting())
"""


def _signals_as_at_a_terminal() -> None:
    """Ctrl-C and a hangup at their defaults, as a terminal's user has them: a background
    job of a script (CI started with `&`) inherits SIGINT ignored, and Python then never
    raises it (round 64); a suite run under `nohup` inherits SIGHUP ignored, and the
    program then never ends by it (round 66)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


#: The program as `python -m` runs it, and as the console script does.
_PROGRAMS = {
    "module": ["-m", "selfreview_core"],
    "script": ["-c", "import sys\nfrom selfreview_core._launch import main\nsys.exit(main())"],
}


def _run_with(
    sitecustomize: str, site: Path, cwd: Path, program: str, *args: str
) -> subprocess.CompletedProcess[bytes]:
    """`program` (`_PROGRAMS`) run with ARGS in `cwd`, `sitecustomize` run before it (from
    the folder `site`, made here)."""
    site.mkdir()
    (site / "sitecustomize.py").write_text(sitecustomize)
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    return python(
        [*_PROGRAMS[program], *args],
        cwd=cwd,
        preexec_fn=_signals_as_at_a_terminal,
        env={**os.environ, "PYTHONPATH": path},
    )


@pytest.mark.parametrize("program", list(_PROGRAMS))
@pytest.mark.parametrize(
    "module",
    [
        "selfreview_core.cli",  # the command line's modules: Python's own handler
        "selfreview_core.isolation.exit_functions",  # `cli.main` readies the process
        "selfreview_core.cli.report",  # the command's module: the program's handler
    ],
)
def test_ctrl_c_at_each_stage_of_the_start_ends_with_aborted_and_exit_1(
    program: str, module: str, tmp_path: Path
) -> None:
    """Whenever Ctrl-C comes as the program starts, it ends as any Ctrl-C does: "Aborted!",
    exit 1, nothing on standard output, no file written. Before round 64, `python -m
    selfreview_core` ended by SIGINT (exit status -2) after saying "Aborted!" when the
    Ctrl-C came while Python ran code made from a string: CPython noted it as uncaught,
    and killed the process by the signal once it was finalised. And one that came while
    `cli.main` readied the process, before its handling of Ctrl-C, showed Python's
    traceback (exit status -2), run either way."""
    work = tmp_path / "work"
    work.mkdir()
    site = _INTERRUPTING_EXEC.format(module=module)
    run = _run_with(site, tmp_path / "site", work, program, "report", "x.yaml", "-o", "out.json")
    assert (run.returncode, run.stderr.decode(), run.stdout) == (1, "\nAborted!\n", b"")
    assert list(work.iterdir()) == []


#: A signal as the program ends, after the command has chosen its exit status: raised (a
#: real one) as the program puts the collector back, where a late Ctrl-C or `kill` lands.
_SIGNAL_AS_IT_ENDS = """
import signal
import selfreview_core._collector as collector
_as_usual = collector.as_usual
def as_usual():
    signal.raise_signal(signal.{name})
    _as_usual()
collector.as_usual = as_usual
"""


@pytest.mark.parametrize("program", list(_PROGRAMS))
@pytest.mark.parametrize(
    ("name", "status", "said"),
    [
        ("SIGINT", 0, "warning: Ctrl-C came as the command ended, too late to stop it\n"),
        ("SIGTERM", -signal.SIGTERM, ""),
        ("SIGHUP", -signal.SIGHUP, ""),
    ],
)
def test_a_signal_as_the_program_ends_is_too_late_without_a_traceback(
    program: str, name: str, status: int, said: str, root: Path, tmp_path: Path
) -> None:
    """Ctrl-C, `kill` or a closed terminal after the command had ended, as the program put
    the collector back: before round 65 Python's traceback of `_launch.main` ("raise
    KeyboardInterrupt" in `_signals._interrupt`), exit status -2, whatever the command had
    chosen (2 of 180 runs given SIGHUP or SIGTERM in their first second, round 65's
    attacker). Now as a signal that comes as `cli.main` ends: Ctrl-C is too late, said in a
    line, and the command's exit status kept; `kill` and SIGHUP end the process by
    themselves. The report is written whole either way."""
    school = tmp_path / "school.yaml"
    school.write_bytes((root / "examples" / "example-primary-2026.yaml").read_bytes())
    site = _SIGNAL_AS_IT_ENDS.format(name=name)
    args = ("report", "school.yaml", "-o", "out.json")
    run = _run_with(site, tmp_path / "site", tmp_path, program, *args)
    assert (run.returncode, run.stderr.decode(), run.stdout) == (
        status,
        f"Wrote out.json (json).\n{said}",
        b"",
    )
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["assessment"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "school.yaml", "site"]
