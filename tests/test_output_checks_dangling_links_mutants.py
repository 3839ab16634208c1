"""`-o` naming a symbolic link the system cannot follow for another reason than a missing
file is told by that reason, not as a link to nothing (round 79's `_leads_to_nothing`
looks where a link leads only when its file is not found): a link into a file as if it
were a folder (`out.json -> notes.txt/out.json`) is said as that folder, exit 2, as the
same name typed straight is, and nothing is made."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from test_output_checks_dangling_links import WRITERS, work
from test_outputs import snapshot

__all__ = ["work"]  # the fixture, from its own tests

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symbolic links: POSIX")


def _said(args: list[str], work: Path) -> str:
    before = snapshot(work)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert snapshot(work) == before
    return " ".join(result.stderr.split())


@pytest.mark.parametrize("command", ["report", "migrate", "collect"])
def test_a_link_into_a_file_is_said_as_the_folder_that_is_not_one(work: Path, command: str) -> None:
    (work / "notes.txt").write_text("kept\n", encoding="utf-8")
    (work / "dl.json").symlink_to("notes.txt/out.json")
    args = WRITERS[command].split()
    linked = _said(args, work)
    assert "is not a folder" in linked
    assert "broken symbolic link" not in linked
    straight = _said([*args[:-1], "notes.txt/out.json"], work)
    assert "the folder `notes.txt` is not a folder" in straight
    assert (work / "notes.txt").read_text(encoding="utf-8") == "kept\n"
    assert os.readlink(work / "dl.json") == "notes.txt/out.json"
