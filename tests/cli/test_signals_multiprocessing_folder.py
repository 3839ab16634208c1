"""A command ended by a stopping signal leaves no folder of `multiprocessing`'s behind
(round 77). A pool's fork server is reached through a socket in a folder `multiprocessing`
makes (`pymp-…`, in TMPDIR, or in /tmp where TMPDIR is too long: `worker_sockets`), and
removes at exit as its last finalizer; the end by the signal ran only the first ones
(`_signals._multiprocessing_finalized`), and every `support --jobs 2` stopped by `kill`
left one: /tmp held seventy of them, some hours old, by the end of a morning's tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from program import python

if sys.platform == "win32":
    pytest.skip("POSIX signals", allow_module_level=True)


def ended(made: str = "") -> str:
    """The program's end by SIGTERM, once `multiprocessing` has made its folder (`folder`,
    printed) and `made` has run."""
    return (
        "import os, signal, multiprocessing.util\n"
        "from selfreview_core.cli import _signals\n"
        "folder = multiprocessing.util.get_temp_dir()\n"
        f"{made}"
        "print(folder, flush=True)\n"
        "_signals.stop_as_ctrl_c()\n"
        "try:\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "except KeyboardInterrupt:\n"
        "    _signals.end_by_the_signal()\n"
    )


_ENDED = ended()


def test_the_end_by_a_signal_removes_multiprocessing_s_folder(tmp_path: Path) -> None:
    done = python(["-c", _ENDED], env={**os.environ, "TMPDIR": str(tmp_path)})
    made = Path(done.stdout.decode().strip())
    assert made.parent == tmp_path, done.stdout
    assert done.returncode == -15  # ended by the signal, as before
    assert list(tmp_path.iterdir()) == []
