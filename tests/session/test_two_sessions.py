"""Two `selfreview assess` sessions on one file at once, as real processes (SPEC section 7:
`assess` refuses to save over a file that changed on disk since it read it, and never loses
an answer already given).

Each save compares the file with what the session last saw just before its rename. Two
sessions each past that check, then each renamed: the second replaced the first without a
word, both saying "Saved" (before round 77; a session descheduled for a moment between the
two steps, on a loaded machine, is enough). The check and the rename are now made in turn
(`saving_turns`): the other session waits, then finds the file changed and keeps its
answers beside it, saying where, exit 1.

The moment is made, not hoped for: session A, past its check, waits before its rename until
session B has finished or waits for its turn (each tells by a file in `flags`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from program import ended, python

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the turns are a POSIX lock")

HEADER = ["--school-id", "1", "--school-name", "S", "--date", "2026-01-01"]

#: `selfreview assess` as role A (held after its first check, before its first rename of
#: the review, until B is done or waiting) or B (its first save begun once A is held).
_SESSION = """
import os, sys, time, fcntl
from pathlib import Path
role, flags = sys.argv[1], Path(sys.argv[2])
def flag(name):
    (flags / name).touch()
def wait_for(*names):
    while not any((flags / n).exists() for n in names):
        time.sleep(0.01)
if role == "A":
    renamed = os.replace
    def replace(source, target, *args, **kwargs):
        if os.path.basename(target) == "review.yaml" and not (flags / "A-held").exists():
            flag("A-held")
            wait_for("B-done", "B-waiting")
        return renamed(source, target, *args, **kwargs)
    os.replace = replace
else:
    from selfreview_core.session.saving import ReviewFile
    saving = ReviewFile.save
    def save(self, data):
        wait_for("A-held")
        return saving(self, data)
    ReviewFile.save = save
    locked = fcntl.flock
    def flock(handle, how):
        flag("B-waiting")
        return locked(handle, how)
    fcntl.flock = flock
from selfreview_core.cli import main
sys.argv = ["selfreview", "assess", "becta-srf", "-o", "review.yaml"]
try:
    main()
finally:
    if role == "B":
        flag("B-done")
"""


def _begun(folder: Path) -> bytes:
    """A review with 11 of the 12 strands judged (level 2), the last left to answer."""
    answers = "".join("2\n\n" for _ in range(11)) + "q\n"
    done = python(
        ["-m", "selfreview_core", "assess", "becta-srf", "-o", "review.yaml", *HEADER],
        cwd=folder,
        input=answers.encode(),
    )
    assert done.returncode == 0, done.stderr
    return (folder / "review.yaml").read_bytes()


def _levels(data: bytes) -> list[int]:
    judgements = yaml.safe_load(data)["judgements"]
    return sorted(int(judged["level"]) for judged in judgements.values())


def test_two_sessions_saving_at_once_never_both_say_saved(tmp_path: Path) -> None:
    """A answers the last strand 3, B answers it 4. A saves; B, which read the file
    before A's save, finds it changed at its turn: its review (with its 4) is kept in
    `review.yaml.conflict-*.yaml`, the message names the file, exit 1; A's answer is in
    `review.yaml`. Nothing else is left in the folder."""
    flags = tmp_path / "flags"
    flags.mkdir()
    begun = _begun(tmp_path)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    sessions = {
        role: subprocess.Popen(
            [sys.executable, "-c", _SESSION, role, str(flags)],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for role in ("A", "B")
    }
    for process, level in zip(sessions.values(), (3, 4), strict=True):
        assert process.stdin is not None
        process.stdin.write(f"{level}\n\n".encode())  # each its answer, typed at once
        process.stdin.flush()  # (closed by `ended`)
    done = {role: ended(process) for role, process in sessions.items()}
    codes = {role: process.returncode for role, process in sessions.items()}
    review = tmp_path / "review.yaml"
    said_b = done["B"].stderr.decode()
    assert codes == {"A": 0, "B": 1}, (done["A"].stderr.decode(), said_b)
    assert _levels(review.read_bytes()) == [2] * 11 + [3]  # A's answer, saved
    (beside,) = tmp_path.glob("review.yaml.conflict-*.yaml")
    assert said_b == (
        "\nreview.yaml was changed by another program since this session read it (another "
        "`selfreview assess` or `combine`, an editor, a sync tool), so this session did not "
        f"save over it. Your answers are in {beside.name}.\nCompare the two files, keep what "
        "you want in review.yaml, then run the same command again to go on.\n"
    )
    assert "Traceback" not in said_b
    assert _levels(beside.read_bytes()) == [2] * 11 + [4]  # B's answer, not lost
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["flags", "review.yaml", beside.name]
    )
    assert begun != review.read_bytes()
