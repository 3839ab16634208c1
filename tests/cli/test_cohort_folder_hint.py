"""`report --cohort FOLDER`: a folder where the cohort file goes points at `selfreview
collect`, which makes one of it (round 81). Before, click's "is a directory" came alone, and
a user holding a folder of assessments was not told how to make the file wanted."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

SCHOOL = Path(__file__).resolve().parents[2] / "examples" / "example-primary-2026.yaml"
USAGE = "Usage: cli report [OPTIONS] ASSESSMENT...\nTry 'cli report --help' for help.\n\n"


@pytest.mark.parametrize(
    ("folder", "argument"),
    [("schools", "{}"), ("our schools", "'{}'"), ("schools\u200b", "$'{}'")],
)
def test_a_folder_for_the_cohort_is_told_the_collect_command_that_makes_one(
    tmp_path: Path, folder: str, argument: str
) -> None:
    given = tmp_path / folder
    given.mkdir()
    output = tmp_path / "report.html"
    args = ["report", str(SCHOOL), "--cohort", str(given), "-o", str(output)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    shown = str(given).replace("\u200b", "\\u200b")
    written = argument.format(str(given)).replace("\u200b", "\\xe2\\x80\\x8b")
    assert result.stderr == (
        f"{USAGE}Error: Invalid value for '--cohort': File '{shown}' is a directory (a cohort "
        "is one file: make one of the folder's assessments with `selfreview collect "
        f"{written} -o COHORT.parquet`)\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]


def test_a_folder_elsewhere_and_a_missing_cohort_keep_click_s_words(tmp_path: Path) -> None:
    """Only a folder given as the cohort is pointed at `collect`: `--history FOLDER` wants
    reviews, and a cohort file not there is not a folder."""
    history = ["report", str(SCHOOL), "--history", str(tmp_path)]
    missing = ["report", str(SCHOOL), "--cohort", str(tmp_path / "c.parquet")]
    said = [CliRunner().invoke(cli, args).stderr.splitlines()[-1] for args in (history, missing)]
    assert said == [
        f"Error: Invalid value for '--history': File '{tmp_path}' is a directory.",
        f"Error: Invalid value for '--cohort': File '{tmp_path / 'c.parquet'}' does not exist.",
    ]
