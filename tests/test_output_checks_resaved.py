"""`assess -o /dev/fd/3 3>>review.yaml` (or `/proc/self/fd/3`, a link to one): the session's
file named by a descriptor the shell opened on it. Each save replaces the file (written
beside it, renamed over it), and the session reads it back before the next save to see
that no other program changed it; through the descriptor it read the file as first opened,
so its own first save looked like another program's change: "was changed by another
program", the answers shown, not saved (round 76's attack). Refused before any work now,
exit 2, naming the descriptor and the file, with the file's own name to give; the file as
it was. `plan`, which saves once, and `report` are unchanged."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.errors import OutputRefused
from selfreview_core.outputs.checks import check_target

pytestmark = pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="descriptors by name")

REVIEW = Path(__file__).resolve().parents[1] / "examples" / "example-primary-2025.yaml"
BEFORE = b"kind: assessment\n"


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """`review.yaml` in a folder whose name holds an escape (shown escaped), open to
    append as a shell's `3>>` opens it."""
    folder = tmp_path / "a\x1bb"
    folder.mkdir()
    review = folder / "review.yaml"
    review.write_bytes(BEFORE)
    handle = os.open(review, os.O_WRONLY | os.O_APPEND)
    try:
        yield review, handle
    finally:
        os.close(handle)


@pytest.mark.parametrize("table", ["/dev/fd", "/proc/self/fd"])
def test_assess_refuses_its_file_named_by_a_descriptor(
    opened: tuple[Path, int], table: str
) -> None:
    review, handle = opened
    name = f"{table}/{handle}"
    result = CliRunner().invoke(
        cli, ["assess", "becta-srf", "-o", name, "--school-id", "1", "--school-name", "S"]
    )
    shown = str(review).replace("\x1b", "\\x1b")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for -o: `{name}` is descriptor {handle}, open on `{shown}` as "
        "it was when opened: this file is saved by replacing it and read again before each "
        f"save, and the descriptor would read the old one, so nothing was done (give the "
        f"file's own name, `{shown}`)"
    )
    assert review.read_bytes() == BEFORE
    assert sorted(p.name for p in review.parent.iterdir()) == ["review.yaml"]


def test_a_link_to_the_descriptor_is_refused_too(opened: tuple[Path, int], tmp_path: Path) -> None:
    review, handle = opened
    link = tmp_path / "link.yaml"
    link.symlink_to(f"/dev/fd/{handle}")
    with pytest.raises(OutputRefused) as raised:
        check_target(link, resaved=True)
    assert raised.value.file == str(link)
    assert raised.value.first.code == "output-is-descriptor"
    assert raised.value.hint == f"give the file's own name, `{review}`"


def test_a_file_written_once_may_be_named_by_its_descriptor(opened: tuple[Path, int]) -> None:
    """`plan` and `report`: written once, nothing read back through the descriptor."""
    _, handle = opened
    assert check_target(f"/dev/fd/{handle}", reread=True) == Path(f"/dev/fd/{handle}")
    assert check_target(f"/dev/fd/{handle}") == Path(f"/dev/fd/{handle}")
