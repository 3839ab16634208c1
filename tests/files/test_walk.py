"""Walking folders for the files to read: nothing skipped in silence, no loop, no hang.

Issue 13: `validate DIR` skipped unreadable subfolders and special files without a word.
Now whatever could hold a file to read but cannot be read or walked is passed on as if it
were a file, and reading it says why (tests/files/test_source.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from selfreview_core.files.walk import SUFFIXES, each_once, expand_paths, leads_back

POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def found(*paths: Path | str, suffixes: tuple[str, ...] = SUFFIXES) -> list[str]:
    """What `expand_paths` finds; finding again in what it found changes nothing."""
    files = list(expand_paths(paths, suffixes))
    assert list(expand_paths(files, suffixes)) == files
    return files


def names(files: list[str], top: Path) -> list[str]:
    return [os.path.relpath(f, top) for f in files]


def test_files_under_a_folder_in_name_order_hidden_ones_and_other_suffixes_left_out(
    tmp_path: Path,
) -> None:
    for name in ("b.yaml", "a/x.json", "a/.hidden.yaml", ".git/c.yaml", "a-b.yml", "n.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("kind: rules\n")
    assert names(found(tmp_path), tmp_path) == ["a/x.json", "a-b.yml", "b.yaml"]
    assert names(found(tmp_path, suffixes=(".txt",)), tmp_path) == ["n.txt"]


def test_a_folder_is_walked_however_it_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a trailing separator, relative, or as the current folder: never mistaken for a
    folder that holds itself (a loop)."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text("kind: rules\n")
    monkeypatch.chdir(tmp_path / "sub")
    for name in (f"{tmp_path}/sub/", str(tmp_path / "sub"), ".", "./", "../sub", "../sub/"):
        assert [os.path.basename(f) for f in found(name)] == ["a.yaml"], name
        assert leads_back(name) is None, name


def test_files_are_passed_on_as_given(tmp_path: Path) -> None:
    """Whatever they are: reading them refuses what is not a file."""
    given = [str(tmp_path / "missing.yaml"), str(tmp_path / "notes.txt")]
    assert found(*given) == given


def test_each_file_is_kept_once_however_it_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file named again (`./a.yaml`, `a.yaml`, its full path, a link to it) would be read
    twice, its reviews two of each school: it is kept once, as first spelt. Names of no
    file are known by their spelling only, so each spelling is passed on to be refused."""
    monkeypatch.chdir(tmp_path)
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text("kind: rules\n")
    os.symlink("a.yaml", tmp_path / "link.yaml")
    given = ["./a.yaml", "b.yaml", "a.yaml", "link.yaml", str(tmp_path / "a.yaml")]
    missing = ["missing.yaml", "missing.yaml", "./missing.yaml"]
    assert each_once(given + missing) == ["./a.yaml", "b.yaml", "missing.yaml", "./missing.yaml"]


@POSIX
def test_special_files_with_a_files_suffix_are_passed_on_to_be_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    os.mkfifo(tmp_path / "pipe")  # no suffix: never a candidate, as a plain file would not be
    (tmp_path / "ok.yaml").write_text("kind: rules\n")
    assert names(found(tmp_path), tmp_path) == ["ok.yaml", "pipe.yaml"]


@POSIX
def test_links_that_lead_nowhere_are_passed_on_to_be_refused(tmp_path: Path) -> None:
    """A broken or looping link with a suffix wanted, or with none (it may have been a
    folder's), is reported; one with another suffix was never wanted."""
    (tmp_path / "gone.yaml").symlink_to("nothing.yaml")
    (tmp_path / "gone-folder").symlink_to("nothing")
    (tmp_path / "gone.txt").symlink_to("nothing.txt")
    (tmp_path / "loop.json").symlink_to("loop.json")
    assert names(found(tmp_path), tmp_path) == ["gone-folder", "gone.yaml", "loop.json"]


@POSIX
def test_links_to_folders_are_followed_but_never_round_a_loop(tmp_path: Path) -> None:
    """A link back to a folder that holds it is passed on, not walked; a folder reached
    a second way is walked once; every file is found once."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "s.yaml").write_text("kind: rules\n")
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "deep" / "up").symlink_to("../..")
    (tmp_path / "b" / "deep" / "self").symlink_to(".")
    (tmp_path / "b" / "linked").symlink_to("../shared")
    (tmp_path / "b" / "again").symlink_to("../shared")
    files = names(found(tmp_path), tmp_path)
    assert files == ["b/again/s.yaml", "b/deep/self", "b/deep/up"]


@POSIX
def test_a_given_folder_that_loops_back_is_passed_on(tmp_path: Path) -> None:
    """So that walking again what a walk found (the cohort reader does) finds the same."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to("..")
    (tmp_path / "sub" / "a.yaml").write_text("kind: rules\n")
    back = tmp_path / "sub" / "back"
    assert found(back) == [str(back)]
    assert leads_back(str(back)) == str(tmp_path)
    assert leads_back(str(tmp_path / "sub")) is None
    assert leads_back(str(tmp_path / "missing")) is None


def test_a_link_to_a_folder_above_the_one_given_is_passed_on_not_walked(
    tmp_path: Path,
) -> None:
    """`schools/up -> ..` and `schools/deep/root -> /` lead to folders that hold them,
    where the folder given really is: passed on (reading says they loop), as a link back
    to a folder being walked is. Before round 54 the walk followed them: the folder beside
    `schools` was read, or the whole disk (`/proc` too), and walking again what a walk
    found walked `/` from the link, where `validate` stopped on a file of `/proc` gone."""
    schools = tmp_path / "schools"
    (schools / "deep").mkdir(parents=True)
    (schools / "a.yaml").write_text("kind: rules\n")
    (tmp_path / "beside.yaml").write_text("kind: rules\n")
    (schools / "up").symlink_to("..")
    (schools / "deep" / "root").symlink_to(os.path.abspath(os.sep))
    (schools / "deep" / "same").symlink_to(tmp_path)
    assert names(found(schools), schools) == ["a.yaml", "deep/root", "deep/same", "up"]
    assert leads_back(str(schools / "up")) == os.path.realpath(tmp_path)
    assert leads_back(str(schools / "deep" / "root")) == os.path.abspath(os.sep)
    # The folder above, named itself and not by a link, is walked: the user asked for it.
    assert leads_back(str(tmp_path)) is None
    assert "beside.yaml" in names(found(tmp_path), tmp_path)


def test_a_link_above_is_read_as_a_folder_that_loops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Named relatively (`schools/up`, as a walk from `.` names it), its name passes through
    no folder it leads to: it was walked as a folder given, `..` and all."""
    from selfreview_core.errors import SelfReviewError
    from selfreview_core.files.source import read_source

    (tmp_path / "schools").mkdir()
    (tmp_path / "schools" / "up").symlink_to("..")
    monkeypatch.chdir(tmp_path)
    assert found("schools/up") == ["schools/up"]
    with pytest.raises(SelfReviewError) as caught:
        read_source("schools/up")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.file == "schools/up"
    assert diagnostic.message == (
        f"leads back to {os.path.realpath(tmp_path)}, a folder that holds it: not followed, "
        "it would loop"
    )


def deny_listing(monkeypatch: pytest.MonkeyPatch, *folders: Path) -> None:
    """`os.scandir` fails with "Permission denied" for `folders` (as for a user who may not
    list them; tests may run as root, whom permission bits do not stop)."""
    real = os.scandir
    denied = {str(f) for f in folders}

    def fake(path: Any = ".") -> Any:
        if os.fspath(path) in denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", fake)


def test_a_folder_that_cannot_be_listed_is_passed_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.yaml").write_text("kind: rules\n")
    (tmp_path / "z.yaml").write_text("kind: rules\n")
    deny_listing(monkeypatch, tmp_path / "locked")
    assert names(found(tmp_path), tmp_path) == ["locked", "z.yaml"]
    deny_listing(monkeypatch, tmp_path)
    assert found(tmp_path) == [str(tmp_path)]


def test_an_entry_that_cannot_be_looked_at_is_passed_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder listed but not searchable: its entries' `stat` fails. Each that could be
    wanted (a suffix wanted, or none: it may be a folder) is passed on."""
    for name in ("a.yaml", "b.txt", "c"):
        (tmp_path / name).write_text("kind: rules\n")
    assert names(found(tmp_path), tmp_path) == ["a.yaml"]

    class Entry:
        def __init__(self, entry: os.DirEntry[str]) -> None:
            self.name, self.path = entry.name, entry.path

        def stat(self) -> os.stat_result:
            raise PermissionError(13, "Permission denied")

    real_scandir = os.scandir

    class Scan:
        def __init__(self, path: str) -> None:
            self.scan = real_scandir(path)

        def __enter__(self) -> list[Entry]:
            return [Entry(e) for e in self.scan.__enter__()]

        def __exit__(self, *args: object) -> None:
            self.scan.__exit__(*args)

    monkeypatch.setattr(os, "scandir", Scan)
    assert names(found(tmp_path), tmp_path) == ["a.yaml", "c"]


@pytest.mark.skipif(AS_ROOT or not hasattr(os, "geteuid"), reason="root lists any folder")
def test_permission_bits_on_a_folder_are_obeyed(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.yaml").write_text("kind: rules\n")
    locked.chmod(0)
    try:
        assert names(found(tmp_path), tmp_path) == ["locked"]
    finally:
        locked.chmod(0o700)


def test_folders_nested_past_the_recursion_limit_are_walked(tmp_path: Path) -> None:
    """An explicit stack: no `RecursionError` however deep. (The limit is lowered to below
    the depth, rather than a tree made deeper than it: cleaning one up would recurse.)"""
    deep = str(tmp_path)
    for _ in range(300):
        deep = os.path.join(deep, "d")
        os.mkdir(deep)
    file = os.path.join(deep, "x.yaml")
    Path(file).write_text("kind: rules\n")
    frames = 0
    frame: FrameType | None = sys._getframe()  # how deep the test runs already
    while frame is not None:
        frames, frame = frames + 1, frame.f_back
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(frames + 100)
    try:
        files = list(expand_paths([tmp_path]))
    finally:
        sys.setrecursionlimit(limit)
    assert files == [file]


def test_a_whole_walk_reports_the_folders_it_entered_through_a_link(tmp_path: Path) -> None:
    """The output checks take from the command's walk the folders it followed a link into
    (`_followed.Followed`, the record it is given) rather than walking again: each by
    identity with the link's name; a folder reached directly first, a link back, a hidden
    link and a walk left before its end report nothing; a walk given no record keeps none;
    the next walk replaces what the last one reported."""
    from selfreview_core._followed import Followed
    from selfreview_core.file_names import identity

    top, shared, other = tmp_path / "top", tmp_path / "shared", tmp_path / "other"
    for folder in (top / "a", top / "z", shared / "deep", other):
        folder.mkdir(parents=True)
        (folder / "f.yaml").write_text("x: 1\n")
    (top / "a" / "in").symlink_to(shared)
    (top / "zz").symlink_to(top / "z")  # reached again, after `z`: not walked again
    (top / "up").symlink_to(tmp_path)  # leads back: passed on, not entered
    (top / ".hidden").symlink_to(other)
    key = identity(top)
    assert key is not None
    record = Followed()
    next(expand_paths([top], followed=record))  # a walk left before its end reports nothing
    assert record.of(key) is None
    assert list(expand_paths([top], followed=record)) == found(top)  # the same files
    assert record.of(key) == {identity(shared): str(top / "a" / "in")}
    (top / "a" / "in").unlink()
    list(expand_paths([top], followed=record))
    assert record.of(key) == {}
    assert Followed().of(key) is None  # another command's record knows nothing of it
