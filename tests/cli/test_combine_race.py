"""`combine -o FILE` and a program writing FILE while the draft is made (round 70): the
check that FILE holds nothing or an unchanged draft came before the draft was written, so
an `assess --all` (or a second `combine`) saving in between was replaced, its judgements
lost without a word. Now the atomic writer asks again once the draft is on disk, just before
the rename (`atomic.write_atomic`'s `unchanged`): a file changed since the check is kept as
the other program left it, and the draft is refused, exit 1, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.outputs import atomic

GOVERNOR = Path(__file__).resolve().parents[2] / "examples" / "respondents" / "governor-1.yaml"
#: What the other program saves: the leadership's confirmed review.
CONFIRMED = b"kind: assessment\n# confirmed at SLT, 3 March\n"


def draft(output: Path) -> Result:
    result = CliRunner().invoke(
        cli,
        ["combine", str(GOVERNOR), "-o", str(output), "--min-group", "1"],
        catch_exceptions=False,
    )
    assert "Traceback" not in result.output
    return result


def saved_meanwhile(monkeypatch: pytest.MonkeyPatch, output: Path) -> None:
    """Another program saves `output` once combine has checked it, as the draft's
    temporary file is made."""
    made = atomic.temporary_beside

    def temporary_beside(target: Path, noted: object = None) -> tuple[int, Path]:
        output.write_bytes(CONFIRMED)
        return made(target, noted)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic, "temporary_beside", temporary_beside)


@pytest.mark.parametrize("before", ["none", "empty", "draft"])
def test_a_file_saved_between_the_check_and_the_write_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> None:
    """No file, an empty one, or an unchanged draft of combine's: each may be replaced,
    until another program saves it."""
    output = tmp_path / "draft.yaml"
    if before == "empty":
        output.write_bytes(b"")
    elif before == "draft":
        assert draft(output).exit_code == 0
    saved_meanwhile(monkeypatch, output)
    result = draft(output)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{output}: error: the file changed as the draft was made (another program, such "
        "as `selfreview assess` or a second `combine`, wrote it), so nothing was written "
        "(look at the file; run combine again, or give another name with -o)\n"
    )
    assert output.read_bytes() == CONFIRMED
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]  # no temporary file left


def test_a_file_nobody_changed_is_replaced_as_before(tmp_path: Path) -> None:
    output = tmp_path / "draft.yaml"
    assert draft(output).exit_code == 0
    first = output.read_bytes()
    again = draft(output)
    assert again.exit_code == 0, again.output
    assert output.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]


def test_the_writer_keeps_the_target_when_the_check_refuses(tmp_path: Path) -> None:
    """The library's part: `unchanged` runs once the new content is on disk; what it raises
    leaves the target as it was and no temporary file."""
    target = tmp_path / "f.txt"
    target.write_bytes(b"old")

    def unchanged() -> None:
        assert [p.name for p in tmp_path.iterdir()] != ["f.txt"]  # the new one is written
        raise LookupError("changed")

    with pytest.raises(LookupError):
        atomic.write_atomic(target, "new", unchanged)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]
