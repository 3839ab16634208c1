"""The walk's record of the folders it entered through a symbolic link is the command's own.

Round 55 kept it in a module-level dictionary (`_followed`), written by every walk and read
by `output_checks.Inputs.walk`, which trusted that the command had walked first: a library
caller checking its outputs without a walk found no link (an output through one was let
through), and one after an earlier walk of the folder found that walk's links, though
removed since. The walk now notes what it followed in the record it is given
(`_followed.Followed`), which the command carries on its `Inputs`; `Inputs` given no record
(or one that never walked the folder to its end) walks the folder itself."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from selfreview_core._followed import Followed
from selfreview_core.errors import OutputRefused
from selfreview_core.files.walk import expand_paths
from selfreview_core.outputs.checks import Inputs, check_folder, check_target


def _linked(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """`NAME/a/in`, a link to `NAME-shared`, beside `NAME/a/f.yaml`: (the folder, the
    folder linked in)."""
    top, shared = tmp_path / name, tmp_path / f"{name}-shared"
    (top / "a").mkdir(parents=True)
    shared.mkdir()
    (top / "a" / "f.yaml").write_text("x: 1\n")
    (top / "a" / "in").symlink_to(shared)
    return top, shared


def _refusal(target: Path, inputs: Inputs) -> str:
    with pytest.raises(OutputRefused) as caught:
        check_target(target, inputs)
    assert caught.value.diagnostics[0].file == str(target)
    assert caught.value.diagnostics[0].code == "output-is-input"
    return str(caught.value)


def test_a_library_caller_that_walked_nothing_is_refused_the_linked_folder(
    tmp_path: Path,
) -> None:
    top, shared = _linked(tmp_path, "schools")
    inputs = Inputs().walk("PATHS", str(top))  # no walk made before: `Inputs` walks it
    target = shared / "r.json"
    message = _refusal(target, inputs)
    assert f"`{target}` is inside `{top / 'a' / 'in'}` (PATHS), whose every folder this " in (
        message
    )
    assert "so nothing was written" in message
    with pytest.raises(OutputRefused, match="whose every folder this command reads"):
        check_folder(shared / "reports", inputs, read_back=True)
    assert sorted(p.name for p in shared.iterdir()) == []  # nothing written, none made
    assert check_target(tmp_path / "r.json", inputs) == tmp_path / "r.json"  # outside: fine


def test_a_link_removed_since_an_earlier_walk_is_not_found_through(tmp_path: Path) -> None:
    top, shared = _linked(tmp_path, "schools")
    earlier = Followed()  # an earlier command in the same process
    assert list(expand_paths([top], followed=earlier)) == [str(top / "a" / "f.yaml")]
    _refusal(shared / "r.json", Inputs(earlier).walk("PATHS", str(top)))
    (top / "a" / "in").unlink()
    target = shared / "r.json"
    assert check_target(target, Inputs().walk("PATHS", str(top))) == target  # walked anew
    now = Followed()  # the next command's own walk
    assert list(expand_paths([top], followed=now)) == [str(top / "a" / "f.yaml")]
    assert check_target(target, Inputs(now).walk("PATHS", str(top))) == target
    assert not target.exists()


def test_walks_in_threads_each_keep_what_they_followed(tmp_path: Path) -> None:
    """Two commands in threads, each walking its own folder (both at once): each one's
    `Inputs` refuses the folder linked into its own, not the other's."""
    tops = [_linked(tmp_path, name) for name in ("north", "south")]
    start = threading.Barrier(len(tops))
    seen: dict[int, tuple[list[str], Inputs]] = {}

    def command(index: int) -> None:
        top, _ = tops[index]
        record = Followed()
        start.wait()
        files = list(expand_paths([top], followed=record))
        seen[index] = files, Inputs(record).walk("PATHS", str(top))

    threads = [threading.Thread(target=command, args=(i,)) for i in range(len(tops))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for index, (top, shared) in enumerate(tops):
        files, inputs = seen[index]
        assert files == [str(top / "a" / "f.yaml")]
        assert inputs.walked_over(shared) == ("PATHS", str(top / "a" / "in"))
        other = tops[1 - index][1]
        assert inputs.walked_over(other) is None
        assert check_target(other / "r.json", inputs) == other / "r.json"
