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


@pytest.mark.parametrize(
    ("args", "option", "flag", "output"),
    [
        (("report", "schools", "--format", "json"), "ASSESSMENT", "-o", "shared/all.json"),
        (("report", "schools", "--format", "json"), "ASSESSMENT", "-o", "shared/deep/a.jsonl"),
        (("benchmark", "schools", "--format", "json"), "PATHS", "-o", "shared/b.json"),
        (("support", "schools", "--format", "json"), "PATHS", "-o", "./shared/s.json"),
        (("combine", "voices"), "PATH", "-o", "shared/draft.yaml"),
        (("report", "schools", "--format", "json"), "ASSESSMENT", "--output-dir", "shared"),
        (("report", "schools", "--format", "json"), "ASSESSMENT", "--output-dir", "shared/r"),
    ],
)
def test_a_folder_the_walk_reaches_through_a_link_is_refused_as_read_back(
    here: Path, args: tuple[str, ...], option: str, flag: str, output: str
) -> None:
    """`schools/north/elsewhere` (and `voices/elsewhere`) link to `shared`, a folder beside
    them, not under them: the walk follows the link, so a file written in `shared` is read
    by the next run (a broken review, exit 1, then the command line refused for writing
    over an input). Before round 54 only the folder's own place was looked at: written,
    exit 0. Refused now, naming the link; nothing written."""
    (here / "shared" / "deep").mkdir(parents=True)
    walked = args[1]
    link = f"{walked}/north/elsewhere" if walked == "schools" else f"{walked}/elsewhere"
    (here / link).symlink_to(here / "shared")
    message = refusal_in(here, *args, flag, output)
    assert f"Invalid value for {flag}: `{output}` is inside `{link}` ({option}), " in message
    assert "whose every folder this command reads" in message


@pytest.mark.parametrize("link", ["schools/.elsewhere", "schools/north/.hidden/elsewhere"])
def test_a_folder_linked_in_by_a_hidden_name_is_not_walked_and_is_written(
    here: Path, link: str
) -> None:
    """The walk passes hidden names by, links too: their folder is not read back."""
    (here / "shared").mkdir()
    (here / link).parent.mkdir(parents=True, exist_ok=True)
    (here / link).symlink_to(here / "shared")
    for _ in range(2):
        result = run_in(here, "report", "schools", "--format", "json", "-o", "shared/all.json")
        assert result.exit_code == 0, result.output
        assert (here / "shared" / "all.json").is_file()


def test_a_link_back_to_a_folder_being_walked_adds_no_folder(here: Path) -> None:
    """`schools/north/up` leads back to `schools` (the walk passes it on as a loop): an
    output beside `schools` is not under any folder walked, and is written."""
    (here / "schools" / "north" / "up").symlink_to(here / "schools")
    result = run_in(here, "benchmark", "schools", "--format", "json", "-o", "b.json")
    assert result.exit_code == 1, result.output  # the loop itself is told, as a bad input
    assert "loops" in result.stderr or "leads back" in result.stderr, result.stderr
    assert (here / "b.json").is_file()
