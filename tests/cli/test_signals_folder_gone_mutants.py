"""The end by a stopping signal where `multiprocessing`'s folder (`pymp-…`) is gone already
(a cleaner of TMPDIR took it, or the user did): still the end by the signal, with nothing
on standard error. Pinned by round 78's sweep over round 77's lines
(`_signals._multiprocessing_folder_removed`, which removes it ignoring errors): removed
without ignoring them, the missing folder raised in the signal's own exit path, and the
command ended with a traceback and exit 1."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cli.test_signals_multiprocessing_folder import ended
from program import python

if sys.platform == "win32":
    pytest.skip("POSIX signals", allow_module_level=True)

#: The program's end by SIGTERM, once `multiprocessing`'s folder was made and removed.
_ENDED = ended("os.rmdir(folder)\n")


def test_the_end_by_a_signal_with_the_folder_gone_is_still_that_end(tmp_path: Path) -> None:
    done = python(["-c", _ENDED], env={**os.environ, "TMPDIR": str(tmp_path)})
    gone = Path(done.stdout.decode().strip())
    assert gone.parent == tmp_path, done.stdout
    assert done.returncode == -15, done.stderr
    assert done.stderr == b""
    assert list(tmp_path.iterdir()) == []
