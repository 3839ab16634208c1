"""`--output-dir` swapped in the instant between the batch writer's check that its name still
leads to the folder it holds (`BatchWriter._moved`) and the file made or renamed there: a
time-of-check to time-of-use race, which an attacker can win by swapping the name back and
forth. Since round 77 each report is made, renamed and removed by its name in the folder
held open, never by a path through the folder's name, so no swap sends a report elsewhere.
Before, the temporary file was made, and renamed over its report's name, wherever the name
led at that instant: into an input's folder, over the input named as the report is."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from selfreview_core.outputs import writing as outputs
from selfreview_core.outputs.atomic import can_sync_filesystem, sync_filesystem, temporary_beside
from selfreview_core.outputs.writing import BatchWriter, Inputs

pytestmark = pytest.mark.skipif(os.name == "nt", reason="a folder swapped for a link: POSIX")

#: The input a report's name lands on through the link: `schools/s0.json`.
REVIEW = b'{"kind": "assessment"}\n'


class _Attacker:
    """Swaps `out` for a link into `schools` and back, keeping the real folder aside."""

    def __init__(self, out: Path, schools: Path) -> None:
        self.out, self.schools = out, schools
        self.kept = out.with_name("out.kept")

    def swap(self) -> None:
        self.out.rename(self.kept)
        self.out.symlink_to(self.schools, target_is_directory=True)

    def back(self) -> None:
        self.out.unlink()
        self.kept.rename(self.out)


def _everything(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())  # hidden temporary files included


def _setting(tmp_path: Path) -> tuple[Path, Path, Inputs, _Attacker]:
    schools = tmp_path / "schools"
    schools.mkdir()
    review = schools / "s0.json"
    review.write_bytes(REVIEW)
    out = tmp_path / "out"
    out.mkdir()
    return schools, out, Inputs().add("PATH", review), _Attacker(out, schools)


def _during(
    step: Callable[..., Any], before: Callable[[], None], after: Callable[[], None]
) -> Callable[..., Any]:
    """`step`, with `before` run just before it and `after` just after: the attacker's
    moves in the instants around it."""

    def raced(*args: Any, **kwargs: Any) -> Any:
        before()
        try:
            return step(*args, **kwargs)
        finally:
            after()

    return raced


@pytest.mark.parametrize("at_once", [True, False], ids=["syncfs", "fsync-each"])
def test_a_swap_after_each_check_sends_no_report_into_the_inputs_folder(
    at_once: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name swapped after `write`'s check while the temporary file is made (and back,
    so that `flush`'s check passes), then again after `flush`'s check, before the rename:
    the report is made and renamed in the folder held (now `out.kept`), the input named
    as the report is (`schools/s0.json`) stays byte for byte, and nothing is left in
    `schools`. Before round 77 the report replaced the input."""
    schools, out, inputs, attacker = _setting(tmp_path)
    monkeypatch.setattr(outputs, "can_sync_filesystem", lambda: at_once)
    made = _during(temporary_beside, attacker.swap, attacker.back)
    monkeypatch.setattr(outputs, "temporary_beside", made)
    flushing = "sync_filesystem" if at_once else "synced_each"
    monkeypatch.setattr(outputs, flushing, _during(getattr(outputs, flushing), attacker.swap, _no))
    with BatchWriter(out, inputs) as writer:
        assert writer.write("s0", ".json", "the report") == out / "s0.json"
        assert writer.flush() == []
        # The name leads elsewhere now: the next report is refused, naming its file.
        with pytest.raises(OSError, match="replaced or moved") as raised:
            writer.write("s1", ".json", "the next")
    assert raised.value.filename == os.fspath(out / "s1.json")
    assert raised.value.strerror == (
        f"its folder `{out}` was replaced or moved while the batch ran (the name leads "
        "elsewhere now), so nothing more is written there"
    )
    assert (schools / "s0.json").read_bytes() == REVIEW
    assert _everything(schools) == ["s0.json"]
    assert _everything(attacker.kept) == ["s0.json"]
    assert (attacker.kept / "s0.json").read_text() == "the report"
    assert writer.written == [out / "s0.json"]


def _no() -> None:
    pass


def test_a_report_that_cannot_be_renamed_in_the_folder_held_is_said_by_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed rename in the folder held names the report's path as the user gave it,
    never the bare name the system call was given, nor the temporary file."""
    _, out, inputs, _ = _setting(tmp_path)

    def refused(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied", args[0], args[1])

    monkeypatch.setattr(os, "replace", refused)
    with BatchWriter(out, inputs) as writer:
        writer.write("s0", ".json", "the report")
        (failed,) = writer.flush()
    assert failed.filename == os.fspath(out / "s0.json")
    assert failed.filename2 is None
    assert failed.strerror == "Permission denied"
    assert _everything(out) == []
    assert writer.written == []


def test_where_no_folder_is_held_files_are_made_and_removed_by_their_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows opens no folder: each file is made, renamed and removed by its path, not
    by a bare name in the current folder (where a temporary file would be left, and a
    file of the same name removed)."""
    monkeypatch.setattr("selfreview_core.outputs.writing._hold", lambda folder: None)
    monkeypatch.chdir(tmp_path)
    _, out, inputs, _ = _setting(tmp_path)
    with BatchWriter(out, inputs, group=1) as writer:
        writer.write("s0", ".json", "kept")
        assert writer.flush() == []

    def stopped() -> None:
        with BatchWriter(out, inputs) as writer:
            writer.write("s1", ".json", "pending")
            raise RuntimeError("stopped part-way")

    with pytest.raises(RuntimeError, match="stopped part-way"):
        stopped()
    assert _everything(out) == ["s0.json"]
    assert (out / "s0.json").read_text() == "kept"
    assert _everything(tmp_path) == ["out", "schools"]


def test_a_report_made_in_the_folder_held_has_the_mode_any_new_file_has(
    tmp_path: Path,
) -> None:
    """Made by its name in the folder held, as by its path: 0o666 less the umask."""
    _, out, inputs, _ = _setting(tmp_path)
    umask = os.umask(0o022)
    try:
        with BatchWriter(out, inputs) as writer:
            writer.write("s0", ".json", "the report")
            assert writer.flush() == []
    finally:
        os.umask(umask)
    assert (out / "s0.json").stat().st_mode & 0o777 == 0o644


@pytest.mark.skipif(not can_sync_filesystem(), reason="no syncfs here")
def test_a_filesystem_flushed_by_its_folder_s_name_leaves_no_descriptor_open(
    tmp_path: Path,
) -> None:
    """By name, the folder is opened and closed; held, the descriptor given stays open."""
    before = len(os.listdir("/proc/self/fd"))
    sync_filesystem(tmp_path)
    assert len(os.listdir("/proc/self/fd")) == before
    held = os.open(tmp_path, os.O_RDONLY)
    try:
        sync_filesystem(held)
        os.fstat(held)  # still open
    finally:
        os.close(held)


def test_a_name_is_checked_against_the_inputs_in_the_folder_held_not_through_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`out` holds a hard link to an input (`out/s0.json`, the review `schools/s0.json`),
    so the report `s0` is written beside it, `s0-2.json`. The name swapped for a link to an
    empty folder while the writer picks the report's name, and back before its next check:
    the name is still checked in the folder held, where the report is renamed, and the
    link to the input is kept. Before round 78 it was checked through the name, in the
    empty folder: `s0.json` was taken for free, and the report replaced the input's link."""
    schools, out, inputs, attacker = _setting(tmp_path)
    os.link(schools / "s0.json", out / "s0.json")
    decoy = tmp_path / "decoy"
    decoy.mkdir()
    attacker.schools = decoy  # the swap leads there
    with BatchWriter(out, inputs) as writer:
        monkeypatch.setattr(writer, "name", _during(writer.name, attacker.swap, attacker.back))
        assert writer.write("s0", ".json", "the report") == out / "s0-2.json"
        assert writer.flush() == []
    assert (out / "s0.json").samefile(schools / "s0.json")
    assert (schools / "s0.json").read_bytes() == REVIEW
    assert (out / "s0-2.json").read_text() == "the report"
    assert _everything(out) == ["s0-2.json", "s0.json"]
    assert _everything(decoy) == []
    assert writer.written == [out / "s0-2.json"]
