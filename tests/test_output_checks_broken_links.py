"""`--output-dir` naming a symbolic link to nothing, or a folder under one (`out -> gone`,
`--output-dir out/2026`): no folder can be made there, and the system says only "File
exists". Before round 78 that was the whole message ("cannot create the folder `out`: File
exists"), of a name the user sees nothing at; the link and where it leads are named now,
exit 2 before any work, and nothing is made (the folder it leads to is not created: a link
to nowhere may be an old one, or someone else's)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.errors import OutputRefused
from selfreview_core.outputs.checks import Inputs, check_folder
from test_outputs import snapshot

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symbolic links: POSIX")

ROOT = Path(__file__).resolve().parents[1]
REVIEWS = [
    str(ROOT / "examples" / n) for n in ("example-primary-2025.yaml", "example-primary-2026.yaml")
]
HINT = "(create the folder it leads to, or choose another folder)"


@pytest.mark.parametrize("given", ["out", "out/2026", "out/2026/autumn"])
def test_a_report_folder_at_or_under_a_link_to_nothing_is_refused_naming_the_link(
    given: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exit 2, nothing on standard output, the message naming the folder given, the link
    and what it leads to; nothing made, the link as it was."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").symlink_to("gone")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(
        cli, ["report", *REVIEWS, "--format", "json", "--output-dir", given]
    )
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert " ".join(result.stderr.split()).endswith(
        f"Error: Invalid value for --output-dir: cannot create the folder `{given}`: `out` is "
        f"a broken symbolic link (to `gone`, which does not exist) {HINT}"
    )
    assert "Traceback" not in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["out"]
    assert os.readlink(tmp_path / "out") == "gone"
    assert snapshot(tmp_path) == before


def test_the_library_says_the_same(tmp_path: Path) -> None:
    """`check_folder`'s `OutputRefused`: the folder as its file, code `output-folder`, the
    link in its message and the hint."""
    (tmp_path / "out").symlink_to(tmp_path / "gone")
    with pytest.raises(OutputRefused) as raised:
        check_folder(tmp_path / "out" / "sub", Inputs())
    error = raised.value
    assert error.first.message == (
        f"cannot create the folder `{tmp_path / 'out' / 'sub'}`: `{tmp_path / 'out'}` is a "
        f"broken symbolic link (to `{tmp_path / 'gone'}`, which does not exist)"
    )
    assert error.hint == "create the folder it leads to, or choose another folder"
    assert error.first.code == "output-folder"
    assert error.first.file == os.fspath(tmp_path / "out" / "sub")


def test_a_file_in_the_way_is_said_as_before(tmp_path: Path) -> None:
    """A file where a folder above must be is no link: the system's words, no hint."""
    (tmp_path / "out").write_text("a file\n", encoding="utf-8")
    with pytest.raises(OutputRefused) as raised:
        check_folder(tmp_path / "out" / "sub", Inputs())
    assert raised.value.first.message == (
        f"cannot create the folder `{tmp_path / 'out' / 'sub'}`: Not a directory"
    )
    assert raised.value.hint is None
