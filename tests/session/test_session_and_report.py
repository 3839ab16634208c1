"""`selfreview assess -o review.yaml` and `selfreview report ... -o review.yaml` at once, as
real processes: a report written over the file a session saves (SPEC section 7).

The session compares the file with what it last saw just before its rename; the report,
which has nothing to compare, renamed over the file in between: it said "Wrote
review.yaml", exit 0, and the session's rename replaced it at once, without a word (before
round 78). Every replacing write now takes its turn in the folder (`saving_turns`), so the
report lands before the session's check (the session then keeps its answers beside it) or
after its rename: here after, the report in the file, each command's words true.

The moment is made, not hoped for: the session, past its check, waits before its rename
until the report has finished or waits for its turn (each tells by a file in `flags`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from program import ended

from .test_two_sessions import _SESSION, _begun

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the turns are a POSIX lock")

ROOT = Path(__file__).resolve().parents[2]

#: `selfreview report a.yaml --format json -o review.yaml`, its rename of review.yaml (and
#: its turn, where it takes one) made once the session is held before its own.
_REPORT = """
import os, sys, time, fcntl
from pathlib import Path
flags = Path(sys.argv[1])
def flag(name):
    (flags / name).touch()
def wait_for(*names):
    while not any((flags / n).exists() for n in names):
        time.sleep(0.01)
renamed, locked = os.replace, fcntl.flock
def replace(source, target, *args, **kwargs):
    if os.path.basename(target) == "review.yaml":
        wait_for("A-held")
    return renamed(source, target, *args, **kwargs)
def flock(handle, how):
    wait_for("A-held")
    flag("B-waiting")
    return locked(handle, how)
os.replace, fcntl.flock = replace, flock
from selfreview_core.cli import main
sys.argv = ["selfreview", "report", "a.yaml", "--format", "json", "-o", "review.yaml"]
try:
    main()
finally:
    flag("B-done")
"""


def test_a_report_written_over_a_session_s_file_is_never_replaced_unsaid(
    tmp_path: Path,
) -> None:
    """The session (A) answers the last strand and saves; the report (B) is written over
    the file as A is between its check and its rename. B waits its turn and lands after
    A's save: both exit 0, each said what it did, and the file holds B's report of
    `a.yaml`, as the later command asked. Nothing else is left in the folder."""
    flags = tmp_path / "flags"
    flags.mkdir()
    _begun(tmp_path)
    shutil.copy(ROOT / "examples/example-primary-2026.yaml", tmp_path / "a.yaml")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    session = subprocess.Popen(
        [sys.executable, "-c", _SESSION, "A", str(flags)],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    report = subprocess.Popen(
        [sys.executable, "-c", _REPORT, str(flags)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert session.stdin is not None
    session.stdin.write(b"3\n\n")  # the last strand's answer
    session.stdin.flush()
    said = {"A": ended(session), "B": ended(report)}
    errors = {role: done.stderr.decode() for role, done in said.items()}
    assert (session.returncode, report.returncode) == (0, 0), errors
    assert "Traceback" not in errors["A"] + errors["B"]
    assert errors["B"] == "Wrote review.yaml (json).\n"
    assert b"Saved" in said["A"].stdout  # A saved first, then B wrote
    written = json.loads((tmp_path / "review.yaml").read_bytes())
    assert written["assessment"]["school"]["id"] == "100000"  # a.yaml's report
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "flags", "review.yaml"]
