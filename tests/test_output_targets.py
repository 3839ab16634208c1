"""`output_targets`: an output is written to the file its name led to when it was checked.

Round 72: `-o view.json` was checked against the inputs before the work, then resolved
again at the write; another program that made `view.json` a symbolic link to an input
meanwhile had the input replaced by the output (SPEC section 7: "No output ever overwrites
an input"). The swap is made here at the last moment before the write (the writer's own
look at its target), the latest another program could make it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import atomic
from selfreview_core.cli import cli
from selfreview_core.errors import OutputRefused
from selfreview_core.outputs import Inputs, check_target, write_atomic

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _swapped_before_the_write(monkeypatch: pytest.MonkeyPatch, name: Path, to: Path) -> list[Path]:
    """Make `name` a link to `to` as the writer first looks at its target."""
    looked: list[Path] = []
    resolve: Callable[..., Path] = atomic.real_target

    def swapping(target: str | os.PathLike[str]) -> Path:
        if not looked:
            name.unlink(missing_ok=True)
            name.symlink_to(to)
        looked.append(Path(target))
        return resolve(target)

    monkeypatch.setattr(atomic, "real_target", swapping)
    return looked


@pytest.mark.parametrize("existed", [False, True], ids=["new", "replaced"])
def test_report_s_output_made_a_link_to_its_input_during_the_work_leaves_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existed: bool
) -> None:
    review = tmp_path / "review.yaml"
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", review)
    before = _digest(review)
    out = tmp_path / "out.json"
    if existed:
        out.write_text("{}\n")
    monkeypatch.chdir(tmp_path)
    looked = _swapped_before_the_write(monkeypatch, out, review)
    result = CliRunner().invoke(
        cli, ["report", "review.yaml", "--format", "json", "-o", "out.json"]
    )
    assert result.exit_code == 0, result.output
    assert looked  # the swap was made, before the write
    assert _digest(review) == before  # the input is as it was
    assert not out.is_symlink()  # the link made meanwhile was replaced by the report
    assert out.read_text(encoding="utf-8").startswith("{")
    assert '"school"' in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "review.yaml"]


def test_voices_output_made_a_link_to_a_response_during_the_work_leaves_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    responses = tmp_path / "responses"
    shutil.copytree(EXAMPLES / "respondents", responses)
    one = sorted(p for p in responses.rglob("*") if p.is_file())[0]
    before = {p: _digest(p) for p in responses.rglob("*") if p.is_file()}
    out = tmp_path / "view.json"
    monkeypatch.chdir(tmp_path)
    _swapped_before_the_write(monkeypatch, out, one)
    result = CliRunner().invoke(cli, ["voices", "responses", "--format", "json", "-o", "view.json"])
    assert result.exit_code == 0, result.output
    assert {p: _digest(p) for p in responses.rglob("*") if p.is_file()} == before
    assert not out.is_symlink()
    assert out.read_text(encoding="utf-8").lstrip().startswith("{")


def test_a_link_given_as_the_output_is_written_through_as_it_led_when_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link the user gave stays a link, and the file it led to is written; re-pointed
    to an input during the work, the input is left and the file first named is written."""
    source = tmp_path / "in.yaml"
    source.write_text("kept: true\n")
    kept = tmp_path / "kept.json"
    kept.write_text("old\n")
    link = tmp_path / "out.json"
    link.symlink_to(kept)
    inputs = Inputs()
    inputs.add("REVIEW", source)
    check_target(link, inputs)
    _swapped_before_the_write(monkeypatch, link, source)
    write_atomic(link, "new\n")
    assert source.read_text() == "kept: true\n"
    assert kept.read_text() == "new\n"
    assert link.is_symlink()


def test_an_output_never_checked_is_resolved_when_written(tmp_path: Path) -> None:
    """A library caller writing without the check: a link is followed at the write, and
    stays a link (as before round 72)."""
    target = tmp_path / "target.json"
    target.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_atomic(link, "new\n")
    assert link.is_symlink()
    assert target.read_text() == "new\n"


def test_a_name_checked_again_is_judged_by_where_it_leads_then(tmp_path: Path) -> None:
    """A library caller checks an output, the link is pointed elsewhere, and it checks
    again: the second check judges the new place (a folder, refused), not the first."""
    kept = tmp_path / "kept.json"
    kept.write_text("old\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "out.json"
    link.symlink_to(kept)
    check_target(link)
    link.unlink()
    link.symlink_to(folder)
    with pytest.raises(OutputRefused, match="is a directory"):
        check_target(link)
    other = tmp_path / "other.json"
    link.unlink()
    link.symlink_to(other)
    check_target(link)
    write_atomic(link, "new\n")
    assert other.read_text() == "new\n"
    assert kept.read_text() == "old\n"
    assert link.is_symlink()
