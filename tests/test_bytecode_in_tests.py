"""The programs the tests start write their bytecode (conftest.py), as a user's install
does, whatever the shell that ran pytest says."""

from __future__ import annotations

from program import python


def test_a_program_the_tests_start_writes_its_bytecode() -> None:
    """With `PYTHONDONTWRITEBYTECODE=1` in the environment (some sandboxes and CI images) and
    a fresh clone, every `python -m selfreview_core` a test started compiled each module of
    ours it imported from source: a third of its processor time, some 400 times a run."""
    done = python(["-c", "import sys; print(sys.dont_write_bytecode)"])
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b"False\n"
