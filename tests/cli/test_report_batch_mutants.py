"""What `selfreview report` over many files (`cli/_report_batch.py`) does that its other tests
did not pin: found by the round-42 mutation pass over the module, and by hand."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from selfreview_core.cli import cli, main
from test_outputs import no_space

from .test_batch import COHORT, _in_repo

__all__ = ["_in_repo", "no_space"]  # fixtures, used by name (`_in_repo` by every test)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_without_standard_output_says_so_and_fails(
    jobs: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A program with no standard output (None, as Python leaves it when the descriptor is
    closed) running `report DIR`: said as a full disk is said, exit 1; it was "internal
    error: AttributeError ... This is a bug"."""
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(SystemExit) as done:
        main(["report", COHORT, "--format", "json", "--jobs", jobs])
    assert done.value.code == 1
    assert capsys.readouterr().err == "Error: standard output: Bad file descriptor\n"


def test_folders_with_no_review_in_them_are_a_usage_error_naming_each(tmp_path: Path) -> None:
    """Nothing to report on is no success: exit 2, each folder named as given, its
    control characters escaped."""
    empty, odd = tmp_path / "empty", tmp_path / "odd\n\x1b[31m"
    empty.mkdir()
    odd.mkdir()
    (odd / "notes.txt").write_text("not a review\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(empty), str(odd)], catch_exceptions=False)
    assert result.exit_code == 2
    said = f"no YAML, JSON or JSON Lines files under {empty}, {tmp_path}/odd\\n\\x1b[31m"
    assert f"Invalid value for ASSESSMENT: {said}" in result.stderr
    assert "\x1b" not in result.stderr
    assert result.stdout == ""


def test_a_batch_strict_stops_without_the_count_of_reports_written(tmp_path: Path) -> None:
    """`--strict` stopped: its line is the last said; no "N reports written" follows it as
    though the batch had run to its end."""
    folder = tmp_path / "cohort"
    shutil.copytree(COHORT, folder)
    (folder / "000-bad.yaml").write_text("kind: assessment\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["report", str(folder), "--output-dir", str(tmp_path / "out"), "--strict"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "--strict: stopped after 0 report(s)"
    assert "written" not in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", "x.xyz"], "Invalid value for -o: cannot tell the format from `.xyz`"),
        (["-o", "x.html"], "Invalid value for --format: html makes one file per school"),
        (["--format", "nope"], "Invalid value for --format: no exporter `nope`"),
    ],
)
def test_a_format_a_batch_cannot_use_is_blamed_on_the_option_that_chose_it(
    args: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The extension of `-o` when it chose the format; `--format` otherwise, even when the
    format was read from `-o` but cannot follow another report in one file."""
    monkeypatch.chdir(tmp_path)
    cohort = str(Path(__file__).resolve().parents[2] / COHORT)
    result = CliRunner().invoke(cli, ["report", cohort, *args], catch_exceptions=False)
    assert result.exit_code == 2
    assert said in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_count_names_an_output_folder_with_a_line_break_on_one_line(tmp_path: Path) -> None:
    out = tmp_path / "re\nports\t"
    result = CliRunner().invoke(
        cli, ["report", COHORT, "--output-dir", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    reports = len(list(out.iterdir()))
    assert (
        result.stderr.splitlines()[-1] == f"{reports} reports written in {tmp_path}/re\\nports\\t"
    )


def test_a_report_the_disk_has_no_room_for_is_told_in_the_systems_words(
    tmp_path: Path, no_space: Callable[[bytes], None]
) -> None:
    """The reason is the system's sentence alone, not Python's `[Errno 28] ...`."""
    source = tmp_path / "in"
    source.mkdir()
    data = yaml.safe_load((Path(COHORT) / "primary-1-2025.yaml").read_text(encoding="utf-8"))
    for number in (1, 2):
        data["school"]["id"], data["assessed_on"] = f"S{number}", "2026-01-15"
        (source / f"{number}.json").write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out"
    no_space(b'"S2"')
    result = CliRunner().invoke(
        cli, ["report", str(source), "--output-dir", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 1
    target = out / "S2-2026-01-15.json"
    told = "cannot write this report: No space left on device; the other reports go on"
    assert f"{target}: error: {told}\n" in result.stderr
