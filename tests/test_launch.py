"""The `selfreview` program as it starts (`_launch`): a Ctrl-C that comes while the command
line's modules are imported, before click can tell it. Each case runs in a fresh
interpreter (the console script as pip writes it, and `python -m selfreview_core`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
    run = subprocess.run(
        [sys.executable, "-c", _INTERRUPTING + way, "report", "x.yaml", "-o", "out.json"],
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert (run.returncode, run.stderr.decode(), run.stdout) == (1, "\nAborted!\n", b"")
    assert list(tmp_path.iterdir()) == []
