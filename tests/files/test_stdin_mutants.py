"""`files.stdin`: behaviour the project's mutation pass (round 34) found no test pinning
down. Standard input is read only when a command line says `-`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_file_named_like_standard_input_is_read_as_the_file_it_is(tmp_path: Path) -> None:
    """A fresh process, no `-` given: `<stdin>` on the command line is a file of that name,
    read from disk (standard input, here empty, is not read)."""
    shutil.copyfile(ROOT / "examples" / "example-primary-2026.yaml", tmp_path / "<stdin>")
    done = subprocess.run(
        [sys.executable, "-m", "selfreview_core", "validate", "<stdin>"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("<stdin>: ok: assessment of becta-srf@2010")
