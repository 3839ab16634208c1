"""A descriptor of the command's (standard output, the temporary file of `-o FILE`) closed
OUTSIDE plugin code, while the program's own code runs: by a file object a plugin opened on
it and left to be freed later, by the collector or by the program letting go of the school
it was tied to (`selfreview_hostile.freed_later`). Before round 53 the check made when
plugin code has run came too late: the program's next write failed, "Bad file descriptor",
every report lost (`isolation.descriptors._collected`, `_held.put_back`, `atomic`)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from program import python, reports_whole, selfreview, with_plugin

if sys.platform == "win32" or not Path("/proc/self/fd").is_dir():  # pragma: no cover
    pytest.skip("open descriptors as Linux lists them", allow_module_level=True)

EXAMPLE = "example-primary-2026.yaml"
KEPT = "hostile-freed-kept"
SCHOOLS = ["one.yaml", "two.yaml", "three.yaml"]
PUT_BACK = (
    "warning: a plugin put another file over standard output (descriptor 1), or closed it;"
    " put back, where the command writes its reports"
)
OPENED_AGAIN = (
    "warning: a plugin closed the file the command is writing (out.json); opened again, so"
    " that every report reaches it"
)


def _folder(root: Path, tmp_path: Path, how: str, call: int) -> dict[str, str]:
    """Three schools in `tmp_path`, and the environment of a program with
    `hostile-freed` installed alone, doing `how` in its call `call`."""
    for name in SCHOOLS:
        shutil.copy(root / "examples" / EXAMPLE, tmp_path / name)
    env = with_plugin(tmp_path / "site", "hostile-freed", "selfreview_hostile.freed_later")
    return dict(env, SELFREVIEW_HOSTILE_FREED=how, SELFREVIEW_HOSTILE_FREED_CALL=str(call))


def _inputs(tmp_path: Path) -> dict[str, bytes]:
    return {name: (tmp_path / name).read_bytes() for name in SCHOOLS}


@pytest.mark.parametrize("how", ["output-cycle", "output-weak"])
def test_standard_output_closed_outside_plugin_code_is_put_back_before_it_is_written(
    how: str, root: Path, tmp_path: Path
) -> None:
    """A file object on descriptor 1, freed (closing it) by the collector or by the program
    letting go of the school, once the plugin's call had returned: before round 53 the
    program's next write failed, "Error: standard output: Bad file descriptor", status 1,
    every report lost. Now it is put back (at once, by the collector's pass; or when the
    write fails, which is made again), said once, and every report is written whole."""
    env = _folder(root, tmp_path, how, 1)
    before = _inputs(tmp_path)
    done = selfreview(["report", *SCHOOLS, "--format", "json"], cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().splitlines() == [PUT_BACK, "3 reports written"]
    schools = [str(tmp_path / name) for name in SCHOOLS]
    for report in reports_whole(done.stdout, schools, KEPT):
        assert report["problems"] == []
    assert _inputs(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*SCHOOLS, "site"])


@pytest.mark.parametrize("how", ["cycle", "weak"])
def test_the_file_being_written_closed_outside_plugin_code_is_opened_again_before_a_write(
    root: Path, tmp_path: Path, how: str
) -> None:
    """The temporary file of `-o`, closed after the last school's plugin call: by the
    collector's pass (`cycle`), or when the program let go of the school (`weak`: no
    collector, nothing tells the program then). Before round 53 the batch's last write
    failed, "Error: out.json: Bad file descriptor", status 1, every report lost. Now the
    collector's pass opens it again from its copy as it ends, and the batch's writer asks
    before each flush whether its descriptor is still the file made (`_held.asker`): said
    once, every report whole, the old `out.json` replaced, no temporary file left, the
    inputs unchanged."""
    env = _folder(root, tmp_path, f"written-{how}", len(SCHOOLS))
    (tmp_path / "out.json").write_bytes(b"the old reports\n")
    before = _inputs(tmp_path)
    args = ["report", *SCHOOLS, "--format", "json", "-o", "out.json"]
    done = selfreview(args, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().splitlines() == [OPENED_AGAIN, "3 reports written to out.json"]
    assert done.stdout == b""
    written = (tmp_path / "out.json").read_bytes()
    schools = [str(tmp_path / name) for name in SCHOOLS]
    for report in reports_whole(written, schools, KEPT):
        assert report["problems"] == []
    assert _inputs(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*SCHOOLS, "out.json", "site"])


def test_a_gathered_flush_asks_first_and_writes_nothing_into_another_file(
    tmp_path: Path,
) -> None:
    """`spool.Gathered` with `_held.asker`: another file put at the descriptor's number
    since it was asked for (the program's next `open()` took it) is refused, `EBADF` and
    the words of `_held.REPLACED`, and nothing is written into that file."""
    from selfreview_core._held import REPLACED, asker
    from selfreview_core.jobs.spool import Gathered

    made = tmp_path / "made"
    other = tmp_path / "other"
    other.write_bytes(b"")
    handle = os.open(made, os.O_WRONLY | os.O_CREAT)
    try:
        gathered = Gathered(handle, asker(handle))
        gathered.write(b"first\n")
        gathered.flush()
        replacement = os.open(other, os.O_WRONLY)
        os.dup2(replacement, handle)
        os.close(replacement)
        gathered.write(b"second\n")
        with pytest.raises(OSError, match=REPLACED) as raised:
            gathered.flush()
        assert raised.value.errno == errno.EBADF
    finally:
        os.close(handle)
    assert made.read_bytes() == b"first\n"
    assert other.read_bytes() == b""


def test_nothing_is_said_when_the_plugin_does_no_harm(root: Path, tmp_path: Path) -> None:
    """The same plugin, its harm in a call never made: the reports alone, as without it."""
    env = _folder(root, tmp_path, "written-weak", 99)
    args = ["report", *SCHOOLS, "--format", "json", "-o", "out.json"]
    done = selfreview(args, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().splitlines() == ["3 reports written to out.json"]
    lines = (tmp_path / "out.json").read_text("utf-8").splitlines()
    assert [json.loads(line)["problems"] for line in lines] == [[], [], []]


def test_a_held_file_is_asked_before_each_write_and_never_written_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`_held.Written` (the stream of `atomic.open_atomic`, which `support` and `benchmark`
    write while plugin code runs) asks before each write whether its descriptor is the
    file made: closed, it is opened again by `REPAIR` and written; another file in its
    place (the program's next `open()` took the number) is refused, `EBADF`, and left
    unwritten."""
    import errno
    import os

    from selfreview_core import _held

    made = os.open(tmp_path / "made", os.O_WRONLY | os.O_CREAT)
    copy = os.dup(made)
    monkeypatch.setattr(_held, "REPAIR", [])
    try:
        written = _held.Written(made)
        _held._close(made)  # closed, no one to put it back: refused
        with pytest.raises(OSError, match="another file put in its place") as refused:
            written.write(b"lost\n")
        assert refused.value.errno == errno.EBADF
        other = os.open(tmp_path / "other", os.O_WRONLY | os.O_CREAT)  # the same number
        assert other == made
        with pytest.raises(OSError, match="not replaced"):
            written.write(b"elsewhere\n")
        _held._close(other)
        _held.REPAIR.append(lambda: [f"writing {os.dup2(copy, made)}"])
        assert written.write(b"kept\n") == 5  # closed: opened again, then written
        assert written.write(b"and on\n") == 7  # as it was: no repair asked
    finally:
        for descriptor in (made, copy):
            _held._close(descriptor)
    assert (tmp_path / "made").read_bytes() == b"kept\nand on\n"
    assert (tmp_path / "other").read_bytes() == b""


def test_a_failed_write_is_made_again_only_when_its_descriptor_was_put_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`_held.put_back`: `EBADF` on standard `descriptor`, and `REPAIR` put that one back;
    any other error, or another descriptor put back, is not made again."""
    import errno

    from selfreview_core import _held

    asked: list[None] = []

    def repair() -> list[str]:
        asked.append(None)
        return ["descriptor 1", "writing 7"]

    monkeypatch.setattr(_held, "REPAIR", [repair])
    assert _held.put_back(OSError(errno.EBADF, "closed"), 1)
    assert not _held.put_back(OSError(errno.EBADF, "closed"), 2)
    assert not _held.put_back(OSError(errno.ENOSPC, "full"), 1)
    assert len(asked) == 2  # not asked for another error
    monkeypatch.setattr(_held, "REPAIR", [])
    assert not _held.put_back(OSError(errno.EBADF, "closed"), 1)


class _Closed:
    """A `Standard` whose descriptor 1 is found closed each time it is asked."""

    def __init__(self) -> None:
        self.asked = 0

    def unnoted(self) -> bool:
        self.asked += 1
        return True

    def back(self) -> dict[str, str]:
        return {"descriptor 1": "put back"}


def test_a_writers_repair_puts_back_what_was_closed_and_says_it_once_guards_are_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`descriptors._repair` (`_held.REPAIR`, asked by a writer that found its descriptor
    closed): with the command's guards taken it puts back what was closed and says it;
    without them (a library's caller) it does nothing."""
    from selfreview_core.isolation import descriptors

    told: list[tuple[str, str]] = []
    standard = _Closed()
    monkeypatch.setattr(descriptors, "_watched", [(standard, lambda *said: told.append(said))])
    assert list(descriptors._repair()) == ["descriptor 1"]
    assert (standard.asked, told) == (1, [("descriptor 1", "put back")])
    monkeypatch.setattr(descriptors, "_watched", [])
    assert list(descriptors._repair()) == []
    assert standard.asked == 1


def test_no_callback_of_ours_runs_inside_the_collectors_passes(root: Path, tmp_path: Path) -> None:
    """A signal arriving while Python code runs in a callback of the collector's passes has
    its handler's exception (`KeyboardInterrupt`, the stop of `SIGTERM`) swallowed by the
    collector: round 53's first repair of closed descriptors ran there, and a batch asked to
    stop wrote its 8,000 reports instead (tests/isolation/test_process_state.py caught it
    once in a full run). With the command's guards taken, `gc.callbacks` is as Python left
    it."""
    script = (
        "import gc, sys\n"
        "before = list(gc.callbacks)\n"
        "from selfreview_core.isolation import process_state\n"
        "process_state.keep()\n"
        "sys.exit(0 if gc.callbacks == before else 1)\n"
    )
    done = python(["-c", script], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
