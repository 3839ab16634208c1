"""How `leads_back` names a folder that a link leads back to, and the names of folders it must
not take for one: what the round-57 mutation pass over `files/walk.py` found no test pinned.

The tests of tests/files/test_walk.py give absolute names in a temporary folder with no link
above it, where a folder's name and its real path are one string; here the names are
relative, as a user types them and as a walk from `.` finds them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli.test_report_batch import SCHOOL, run_in, tree
from selfreview_core.errors import SelfReviewError
from selfreview_core.files.source import read_source
from selfreview_core.files.walk import expand_paths, leads_back


def loops(name: str) -> str:
    """What reading `name` says: it leads back to a folder that holds it."""
    with pytest.raises(SelfReviewError) as caught:
        read_source(name)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.file == name
    return diagnostic.message


def test_a_link_back_to_a_folder_its_name_passes_through_names_it_as_the_user_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`schools/north/up -> ..` is `schools`: said so, in the words of the name given, not
    as the folder's real path."""
    (tmp_path / "schools" / "north").mkdir(parents=True)
    (tmp_path / "schools" / "north" / "up").symlink_to("..")
    monkeypatch.chdir(tmp_path)
    assert list(expand_paths(["schools/north/up"])) == ["schools/north/up"]
    assert leads_back("schools/north/up") == "schools"
    assert loops("schools/north/up") == (
        "leads back to schools, a folder that holds it: not followed, it would loop"
    )


def test_a_link_above_named_with_a_trailing_separator_still_leads_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`schools/up/` (a shell completes a link to a folder so) is the link `schools/up`, to
    the folder that holds `schools`: passed on, not walked."""
    (tmp_path / "schools").mkdir()
    (tmp_path / "schools" / "up").symlink_to("..")
    (tmp_path / "beside.yaml").write_text("kind: rules\n")
    monkeypatch.chdir(tmp_path)
    for name in ("schools/up/", "schools/up/.", "schools/./up"):
        assert list(expand_paths([name])) == [name], name
        assert leads_back(name) == os.path.realpath(tmp_path), name


def test_a_link_above_in_a_folder_reached_through_a_link_is_found_where_it_really_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`other -> data/schools`, and `data/schools/up -> ..`: `other/up` is `data`, which the
    name does not pass through; it holds the link where the link really is, not where the
    command runs."""
    (tmp_path / "data" / "schools").mkdir(parents=True)
    (tmp_path / "data" / "schools" / "up").symlink_to("..")
    (tmp_path / "other").symlink_to("data/schools")
    monkeypatch.chdir(tmp_path)
    data = os.path.realpath(tmp_path / "data")
    assert leads_back("other/up") == data
    assert list(expand_paths(["other/up"])) == ["other/up"]
    assert loops("other/up") == (
        f"leads back to {data}, a folder that holds it: not followed, it would loop"
    )


@pytest.mark.parametrize("name", ["schools/.", "schools/./", "schools/north/..", "./schools/."])
def test_a_folder_named_with_dot_steps_is_walked_not_taken_for_a_loop(
    tmp_path: Path, name: str
) -> None:
    """`validate schools/.` and `validate schools/north/..` said "leads back to schools, a
    folder that holds it: not followed, it would loop" and exit 1 (until round 57): the
    folder the name steps out of was taken for one it passes through."""
    (tmp_path / "schools" / "north").mkdir(parents=True)
    (tmp_path / "schools" / "a.yaml").write_text(SCHOOL, encoding="utf-8")
    before = tree(tmp_path)
    assert leads_back(str(tmp_path / name)) is None
    result = run_in(tmp_path, "validate", name)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0].startswith(f"{name.rstrip('/')}/a.yaml: ok: ")
    assert result.stdout.splitlines()[-1] == "1 file checked: 1 valid, 0 invalid"
    assert tree(tmp_path) == before
