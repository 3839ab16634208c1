"""`-o FILE` inside a folder the command walks (`output_checks.check_target`, SPEC section 7).

Round 49 refused `report schools --output-dir schools/reports` for JSON: the next run read
the reports back as broken reviews, then refused the folder for holding them. One file
named by `-o` did the same, in every command that walks folders: `report schools --format
json -o schools/all.json` (and `benchmark`, `support`, `voices` alike) wrote it, exit 0;
the next run read it as a broken input (exit 1), and the same command line was then
refused for writing over an input. `combine respondents -o respondents/draft.yaml` made
the next `voices respondents` count the draft as the school's own review. Now a file the
walk would read (`.yaml`, `.yml`, `.json`, `.jsonl`, not hidden) under a walked folder is
refused before anything is written (exit 2, naming `-o`, the file and the folder); any
other name (a page, a CSV, a cohort file) is written as before, and the command runs again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli.test_report_batch import refusal_in, run_in

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def here(tmp_path: Path) -> Path:
    """A working folder with `schools` (two reviews, one a level deeper), `linked` (a link to
    it) and `voices` (one school's respondents)."""
    schools = tmp_path / "schools"
    (schools / "north").mkdir(parents=True)
    school = (EXAMPLES / "example-primary-2026.yaml").read_text(encoding="utf-8")
    (schools / "a.yaml").write_text(school, encoding="utf-8")
    other = school.replace('id: "100000"', 'id: "100002"')
    (schools / "north" / "b.yaml").write_text(other, encoding="utf-8")
    shutil.copytree(EXAMPLES / "respondents", tmp_path / "voices")
    (tmp_path / "linked").symlink_to("schools")
    return tmp_path


READ_BACK = [
    (("report", "schools", "--format", "json"), "schools/all.json", "schools", "ASSESSMENT"),
    (("report", "schools", "--format", "json"), "schools/north/all.jsonl", "schools", "ASSESSMENT"),
    (("report", "schools", "--format", "json"), "linked/north/all.json", "schools", "ASSESSMENT"),
    (("benchmark", "schools", "--format", "json"), "schools/north/b.json", "schools", "PATHS"),
    (("support", "schools", "--format", "json"), "./schools/../schools/s.json", "schools", "PATHS"),
    (("voices", "voices", "--format", "json"), "voices/v.json", "voices", "PATH"),
    (("combine", "voices"), "voices/draft.yaml", "voices", "PATH"),
    (
        ("report", "voices/governor-1.yaml", "--voices", "voices", "--format", "json"),
        "voices/r.json",
        "voices",
        "--voices",
    ),
]


@pytest.mark.parametrize(("args", "output", "folder", "option"), READ_BACK)
def test_a_file_the_walk_would_read_back_is_refused(
    here: Path, args: tuple[str, ...], output: str, folder: str, option: str
) -> None:
    """Refused before anything is written: exit 2, the message naming `-o`, the file, the
    walked folder and its option; every file byte for byte as it was, nothing added."""
    message = refusal_in(here, *args, "-o", output)
    assert (
        f"Invalid value for -o: `{output}` is inside `{folder}` ({option}), whose every "
        "folder this command reads: a file written there would be read as an input next "
        "time, so nothing was written"
    ) in message
    assert f"write it outside `{folder}`" in message


@pytest.mark.parametrize(
    ("args", "output"),
    [
        (("report", "schools", "--format", "text"), "schools/all.txt"),
        (("report", "schools", "--format", "json"), "schools/.all.json"),  # hidden: not read
        (("benchmark", "schools", "--format", "json"), "schools/.cache/b.json"),  # in hidden
        (("benchmark", "schools", "--format", "csv"), "schools/north/b.csv"),
        (("collect", "schools"), "schools/cohort.parquet"),
        (("voices", "voices", "--format", "html"), "voices/v.html"),
        (("report", "schools/a.yaml", "--format", "json"), "schools/a-report.json"),  # named
    ],
)
def test_a_file_the_walk_does_not_read_is_written_and_the_command_runs_again(
    here: Path, args: tuple[str, ...], output: str
) -> None:
    """Text, pages, tables, cohort files and hidden names are not read by the walk, and a file
    named alone is not walked: written, and the same command runs again, exit 0 both times."""
    (here / "schools" / ".cache").mkdir()
    for _ in range(2):
        result = run_in(here, *args, "-o", output)
        assert result.exit_code == 0, result.output
        assert (here / output).is_file()


@pytest.mark.parametrize("folder", ["schools/.reports", "schools/north/.cache/reports"])
def test_a_hidden_report_folder_under_a_walked_folder_is_written_and_runs_again(
    here: Path, folder: str
) -> None:
    """The walk passes hidden folders by: JSON reports in one under a walked folder are
    never read back, so they are written, and the same command runs again (exit 0 both
    times, the same two reports). Before round 51 the folder was refused as read back."""
    for _ in range(2):
        result = run_in(here, "report", "schools", "--output-dir", folder)
        assert result.exit_code == 0, result.output
        written = sorted(p.name for p in (here / folder).iterdir())
        assert [n.split("-")[0] for n in written] == ["100000", "100002"]
