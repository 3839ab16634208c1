"""JSON twins (`twins`) against a careless or hostile folder: a file changed without its
size or time changing, a twin cut short, one that is a link, one made of another file, a
folder no one may write to. In every case the twin is used only when it was made of the
very bytes the file holds now; otherwise the file itself is read, and nothing is written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from selfreview_core import load_framework
from selfreview_core.loader import load_rules
from selfreview_core.model.framework import Framework
from selfreview_core.model.rules import RulePack
from selfreview_core.twins import (
    _from_twin,
    framework_with_twin,
    rules_with_twin,
    same,
    twin_path,
    twin_text,
)

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "frameworks" / "becta-srf.yaml"
LEADERSHIP = next((ROOT / "plugins").rglob("becta-leadership.yaml"))


def _twinned(folder: Path, source: Path) -> Path:
    path = folder / source.name
    shutil.copyfile(source, path)
    twin_path(path).write_bytes(twin_text(path).encode())
    return path


def _one_byte_changed(path: Path, old: bytes, new: bytes) -> None:
    """`old` (first place) replaced by `new` of the same length, the file's size and times
    kept as they were (`touch -r`): only its bytes tell it changed."""
    assert len(old) == len(new)
    before = path.stat()
    raw = path.read_bytes()
    assert old in raw
    path.write_bytes(raw.replace(old, new, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_framework_changed_in_one_byte_with_its_size_and_time_kept_is_read_itself(
    tmp_path: Path,
) -> None:
    path = _twinned(tmp_path, BUNDLED)
    _one_byte_changed(path, b"takes no account of ICT.", b"takes no account of ICT!")
    assert _from_twin(path, Framework) is None
    framework = framework_with_twin(path)
    assert (
        framework.strand("1a1").levels[5] == "The school's overall vision takes no account of ICT!"
    )
    assert same(framework, load_framework(path))


def test_a_rule_pack_changed_in_one_byte_with_its_size_and_time_kept_is_read_itself(
    tmp_path: Path,
) -> None:
    path = _twinned(tmp_path, LEADERSHIP)
    _one_byte_changed(path, b"strand: 1a1, level: 5", b"strand: 1a1, level: 4")
    assert _from_twin(path, RulePack) is None
    pack = rules_with_twin(path, None)
    assert pack.rules[0].when.model_dump(exclude_unset=True) == {"strand": "1a1", "level": 4}
    assert same(pack, load_rules(path, None))


def test_a_twin_cut_short_anywhere_is_not_used(tmp_path: Path) -> None:
    """Cut inside its digest, just after it, or inside its JSON: not used, and the file is
    read as it is. Only its final line break may go (the JSON is whole without it)."""
    path = _twinned(tmp_path, BUNDLED)
    whole = twin_path(path).read_bytes()
    expected = load_framework(BUNDLED)
    for length in (0, 1, 32, 63, 64, 65, 66, len(whole) // 2, len(whole) - 2):
        twin_path(path).write_bytes(whole[:length])
        assert _from_twin(path, Framework) is None, length
        assert same(framework_with_twin(path), expected)
    twin_path(path).write_bytes(whole[:-1])
    assert _from_twin(path, Framework) is not None


def test_a_twin_made_of_another_file_is_not_used(tmp_path: Path) -> None:
    """Another file's whole twin (its own digest and JSON) beside a file, under this file's
    twin name: its digest is not of this file's bytes."""
    path = _twinned(tmp_path, BUNDLED)
    (tmp_path / "other").mkdir()
    other = _twinned(tmp_path / "other", BUNDLED)
    _one_byte_changed(other, b"takes no account of ICT.", b"takes no account of ICT!")
    twin_path(other).write_bytes(twin_text(other).encode())
    shutil.copyfile(twin_path(other), twin_path(path))
    assert _from_twin(path, Framework) is None
    assert same(framework_with_twin(path), load_framework(BUNDLED))
    shutil.copyfile(twin_path(_twinned(tmp_path, LEADERSHIP)), twin_path(path))
    assert _from_twin(path, Framework) is None
    assert same(framework_with_twin(path), load_framework(BUNDLED))


def test_a_twin_that_is_a_link_is_trusted_only_for_the_bytes_it_names(tmp_path: Path) -> None:
    """A link is read as the file it leads to: its digest decides, as for any twin. A link
    to another file's twin, or to nothing, is not used."""
    path = _twinned(tmp_path, BUNDLED)
    kept = tmp_path / "kept.twin"
    twin_path(path).rename(kept)
    twin_path(path).symlink_to(kept)
    assert _from_twin(path, Framework) is not None
    twin_path(path).unlink()
    twin_path(path).symlink_to(twin_path(_twinned(tmp_path, LEADERSHIP)))
    assert _from_twin(path, Framework) is None
    assert same(framework_with_twin(path), load_framework(BUNDLED))
    twin_path(path).unlink()
    twin_path(path).symlink_to(tmp_path / "nowhere.twin")
    assert _from_twin(path, Framework) is None
    assert same(framework_with_twin(path), load_framework(BUNDLED))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_files_in_a_folder_no_one_may_write_to_are_read_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    """Nothing is written at run time: not a twin for a file without one, nor a fresh one
    for a file changed since its twin was made."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    framework = _twinned(folder, BUNDLED)
    pack = _twinned(folder, LEADERSHIP)
    bare = folder / "bare.yaml"
    shutil.copyfile(BUNDLED, bare)
    _one_byte_changed(pack, b"strand: 1a1, level: 5", b"strand: 1a1, level: 4")
    listing = {p.name: p.read_bytes() for p in folder.iterdir()}
    folder.chmod(0o555)
    try:
        assert same(framework_with_twin(framework), load_framework(BUNDLED))
        assert same(framework_with_twin(bare), load_framework(BUNDLED))
        assert same(rules_with_twin(pack, None), load_rules(pack, None))
    finally:
        folder.chmod(0o755)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == listing
