"""`outputs`: behaviour the project's mutation pass (round 34) found no test pinning down.

The names a version is saved under beside a file (`assess` and `plan` when another program
changed the file meanwhile): what the user finds on disk.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from selfreview_core.file_names import NAME_MAX
from selfreview_core.outputs.writing import BatchWriter, names_beside

WHEN = dt.datetime(2026, 12, 1, 9, 30, 5)


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("review.yaml", "review.yaml.conflict-20261201T093005.yaml"),
        ("review.yml", "review.yml.conflict-20261201T093005.yml"),
        ("review.JSON", "review.JSON.conflict-20261201T093005.json"),
        ("review", "review.conflict-20261201T093005.yaml"),
    ],
)
def test_a_version_saved_beside_is_written_as_the_file_is_and_named_for_when(
    tmp_path: Path, name: str, first: str
) -> None:
    """JSON stays JSON (`.json`), a YAML file keeps its own suffix, a file with none is
    YAML; the first name has no number, then `-2`, `-3`, ..."""
    names = [p.name for p in names_beside(tmp_path / name, "conflict", WHEN)]
    stem = first.rsplit(".", 1)
    assert names[:3] == [first, f"{stem[0]}-2.{stem[1]}", f"{stem[0]}-3.{stem[1]}"]
    assert len(names) == len(set(names))


def test_a_version_saved_beside_a_file_of_the_longest_name_can_be_written(
    tmp_path: Path,
) -> None:
    """A review whose name takes every byte a name may have (`é`, two bytes each): the
    names beside it are cut to fit within the limit, the date and number kept whole, and
    the first can be written (one over the limit: "File name too long")."""
    path = tmp_path / ("é" * ((NAME_MAX - 5) // 2) + ".yaml")
    assert len(path.name.encode("utf-8")) in (NAME_MAX, NAME_MAX - 1)
    names = list(names_beside(path, "conflict", WHEN))
    for beside in (names[0], names[1], names[-1]):
        assert len(beside.name.encode("utf-8")) <= NAME_MAX
        assert beside.name.startswith("é")
    assert names[0].name.endswith("é.conflict-20261201T093005.yaml")
    assert names[-1].name.endswith(".conflict-20261201T093005-999.yaml")
    names[0].write_text("kept", encoding="utf-8")
    assert names[0].read_text(encoding="utf-8") == "kept"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts /proc/self/fd")
def test_an_interrupted_batch_flushed_file_by_file_closes_every_file_it_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where each file is flushed on its own, the files of a group are held open until the
    flush; a batch stopped by an error closes them all and leaves no temporary file, so a
    program that goes on (a library user) does not run out of open files."""
    monkeypatch.setattr("selfreview_core.outputs.writing.can_sync_filesystem", lambda: False)
    before = len(os.listdir("/proc/self/fd"))

    def stopped_batch() -> None:
        with BatchWriter(tmp_path, group=10) as writer:
            for number in range(5):
                writer.write(f"s{number}", ".json", str(number))
            raise RuntimeError("stopped part-way")

    with pytest.raises(RuntimeError, match="stopped part-way"):
        stopped_batch()
    assert len(os.listdir("/proc/self/fd")) == before
    assert list(tmp_path.iterdir()) == []


# -- round 35: the rest of outputs.py's mutants ---------------------------------------------


def test_a_batch_whose_last_group_was_already_flushed_flushes_nothing_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch of exactly one group: the final `flush` has nothing pending, so it flushes
    no filesystem (a `syncfs` waits for every other program's writes on that disk) and
    writes or renames nothing more."""
    flushed: list[object] = []
    monkeypatch.setattr("selfreview_core.outputs.writing.can_sync_filesystem", lambda: True)
    monkeypatch.setattr("selfreview_core.outputs.writing.sync_filesystem", flushed.append)
    monkeypatch.setattr(BatchWriter, "_sync_folder", lambda self: flushed.append("renames"))
    with BatchWriter(tmp_path, group=3) as writer:
        held = writer._held  # round 77: the filesystem flushed through the folder held
        assert held is not None
        for number in range(3):
            writer.write(f"s{number}", ".json", str(number))
        assert writer.due()
        assert writer.flush() == []
        assert flushed == [held, "renames"]  # the filesystem, then the folder's renames
        assert writer.flush() == []
    assert flushed == [held, "renames"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s0.json", "s1.json", "s2.json"]
    assert writer.written == [tmp_path / f"s{n}.json" for n in range(3)]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts /proc/self/fd")
def test_where_a_group_is_flushed_at_once_each_file_is_closed_as_soon_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Flushed with one `syncfs`, a group of 512 holds no open files (a batch of thousands
    of schools would otherwise run out of them): each is closed once written, and every
    file is whole on disk after the flush. The writer holds its folder open (one
    descriptor, since round 76: `BatchWriter._moved`), let go at its end."""
    monkeypatch.setattr("selfreview_core.outputs.writing.can_sync_filesystem", lambda: True)
    monkeypatch.setattr("selfreview_core.outputs.writing.sync_filesystem", lambda folder: None)
    before = len(os.listdir("/proc/self/fd"))
    with BatchWriter(tmp_path, group=10) as writer:
        for number in range(5):
            writer.write(f"s{number}", ".json", str(number))
            assert len(os.listdir("/proc/self/fd")) == before + 1  # the folder only
        assert writer.flush() == []
    assert len(os.listdir("/proc/self/fd")) == before
    assert [(tmp_path / f"s{n}.json").read_text() for n in range(5)] == [str(n) for n in range(5)]


def test_a_report_folder_that_cannot_be_made_is_refused_saying_why_in_words(
    tmp_path: Path,
) -> None:
    """`--output-dir` inside a file: the folder cannot be made, and the system's reason is
    given in words, not as an error's code."""
    from selfreview_core.errors import OutputRefused
    from selfreview_core.outputs.writing import check_folder

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    folder = tmp_path / "notes.txt" / "reports"
    with pytest.raises(OutputRefused) as raised:
        check_folder(folder)
    [problem] = raised.value.diagnostics
    assert problem.message == f"cannot create the folder `{folder}`: Not a directory"
    assert problem.code == "output-folder"
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("group", [0, 1])
def test_a_group_of_one_is_due_after_each_file(tmp_path: Path, group: int) -> None:
    """A group of one (or none, taken as one) is flushed file by file: each is on disk
    before the next is written."""
    with BatchWriter(tmp_path, group=group) as writer:
        for number in range(3):
            writer.write(f"s{number}", ".json", str(number))
            assert writer.due()
            assert writer.flush() == []
            assert (tmp_path / f"s{number}.json").read_text() == str(number)


@pytest.mark.parametrize(("at_once", "group"), [(True, 512), (False, 64)])
def test_a_batch_is_due_a_flush_every_512_files_or_64_held_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at_once: bool, group: int
) -> None:
    """The default groups: 512 files a `syncfs` (each closed once written), else 64 held
    open until each is flushed with `fsync`, well within the open files a process may
    have. No file is on disk before its group's flush."""
    monkeypatch.setattr("selfreview_core.outputs.writing.can_sync_filesystem", lambda: at_once)
    monkeypatch.setattr("selfreview_core.outputs.writing.sync_filesystem", lambda folder: None)
    with BatchWriter(tmp_path) as writer:
        for number in range(group):
            assert not writer.due()
            writer.write(f"s{number}", ".json", str(number))
        assert writer.due()
        assert not (tmp_path / "s0.json").exists()
        assert writer.flush() == []
    assert len(writer.written) == group
