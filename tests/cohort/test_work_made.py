"""A cohort command's work folder is named, and its removal registered, before it is made:
a `kill` or Ctrl-C that lands just as the folder is made (the handler's
`KeyboardInterrupt` raised as `os.mkdir` returns) leaves no folder behind, whether the
program then ends by the signal (`close_left`) or as Ctrl-C ends it (at exit). Before
round 58 `tempfile.TemporaryDirectory` made the folder first, and a signal in that instant
left it in the temporary folder (seen once in CI: `benchmark` stopped before any query)."""

from __future__ import annotations

import gc
import os
import tempfile
from pathlib import Path

import pytest

from program import python
from selfreview_core.cohort import work


def _interrupted_as_made(monkeypatch: pytest.MonkeyPatch) -> None:
    made = os.mkdir

    def mkdir(path: str, mode: int = 0o777) -> None:
        made(path, mode)
        raise KeyboardInterrupt  # the signal's handler, at the first bytecode after

    monkeypatch.setattr(os, "mkdir", mkdir)


def test_a_signal_as_the_folder_is_made_leaves_it_to_close_left(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # TMPDIR read again
    _interrupted_as_made(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        work.WorkFolder()
    monkeypatch.undo()
    work.close_left()  # what the program does before it ends by the signal
    gc.collect()
    assert list(tmp_path.iterdir()) == []


def test_a_ctrl_c_as_the_folder_is_made_leaves_nothing_at_exit(tmp_path: Path) -> None:
    program = (
        "import os\n"
        "from selfreview_core.cohort import work\n"
        "made = os.mkdir\n"
        "def mkdir(path, mode=0o777):\n"
        "    made(path, mode)\n"
        "    raise KeyboardInterrupt\n"
        "os.mkdir = mkdir\n"
        "try:\n"
        "    work.WorkFolder()\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted')\n"
    )
    done = python(["-c", program], env={**os.environ, "TMPDIR": str(tmp_path)})
    assert (done.returncode, done.stdout) == (0, b"interrupted\n"), done.stderr
    gc.collect()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_made_and_closed_is_removed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    with work.WorkFolder() as folder:
        Path(folder.path("spilled.tmp")).write_bytes(b"x")
        assert Path(folder.folder).parent == tmp_path
        assert oct(os.stat(folder.folder).st_mode & 0o777) == "0o700"
    assert list(tmp_path.iterdir()) == []
    folder.close()  # again: nothing to do, nothing raised
