"""`output_checks`: behaviour the project's mutation pass (round 52) found no test of the
module's own pinning down (the command line's attack matrix pinned it, far from here).

An output named with a trailing separator (`-o new/`, a folder the user meant that is not
there yet) is refused before anything is written: the system would drop the separator and
write a file called `new`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from selfreview_core.errors import OutputRefused
from selfreview_core.outputs.checks import check_target


@pytest.mark.parametrize("under", ["", "sub/"])
def test_a_name_ending_in_a_separator_is_refused_as_a_folder_and_nothing_is_made(
    tmp_path: Path, under: str
) -> None:
    """`new/` (or `sub/new/`, in a folder that is there): refused as naming a folder, its
    code `output-is-directory`, located at the name as given; no file `new` written."""
    (tmp_path / "sub").mkdir()
    name = f"{tmp_path}{os.sep}{under}new{os.sep}"
    with pytest.raises(OutputRefused) as caught:
        check_target(name)
    first = caught.value.first
    assert first.code == "output-is-directory"
    assert first.message == (
        f"`{name}` ends in a path separator, so it names a folder; give a file name"
    )
    assert first.file == name
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["sub"]


def test_a_file_name_without_a_trailing_separator_is_let_through(tmp_path: Path) -> None:
    """The same name without the separator is a file that can be written: let through."""
    assert check_target(tmp_path / "new") == tmp_path / "new"
    assert check_target(f"{tmp_path}{os.sep}new.yaml") == tmp_path / "new.yaml"
