"""`selfreview report` over folders (`cli/_report_batch.py`): a report folder inside a
folder the command walks. Before round 49 `report schools --output-dir schools/reports`
wrote its reports, exit 0; the next run read them back as broken reviews (one error each,
exit 1), and with the same `--output-dir` refused the folder for holding inputs: one
careless folder name, and the batch could not be run again as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SCHOOL = (ROOT / "examples" / "example-primary-2026.yaml").read_text(encoding="utf-8")


def run_in(here: Path, *args: str) -> Result:
    """The command run in `here`, its messages kept apart."""
    before = Path.cwd()
    os.chdir(here)
    try:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(before)


@pytest.fixture
def schools(tmp_path: Path) -> Path:
    """A folder of two reviews (one a level deeper), as an authority keeps them."""
    folder = tmp_path / "schools"
    (folder / "north").mkdir(parents=True)
    (folder / "a.yaml").write_text(SCHOOL, encoding="utf-8")
    (folder / "north" / "b.yaml").write_text(
        SCHOOL.replace('id: "100000"', 'id: "100002"'), encoding="utf-8"
    )
    return folder


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file under `folder` with its bytes, and every folder (None): equal trees mean
    nothing was changed, added or made."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def refusal_in(here: Path, *args: str) -> str:
    """The command run in `here`, refused before anything is written: exit 2, nothing on
    standard output, the tree under `here` as it was; the message, on one line (click wraps
    usage errors)."""
    before = tree(here)
    result = run_in(here, *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert tree(here) == before
    return " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("spelt", "said"),
    [
        ("schools/reports", "schools"),
        ("schools/north/deep/reports", "schools"),
        ("./schools/../schools/reports/", "schools"),
        ("linked/reports", "schools"),
    ],
)
def test_a_report_folder_under_a_walked_folder_is_refused(
    schools: Path, spelt: str, said: str
) -> None:
    """JSON reports (the batch's default) under a folder given as ASSESSMENT, at any depth
    and by any spelling (a symbolic link to it too), would be read by the next run: refused
    before anything is written, the folder not even made (exit 2)."""
    here = schools.parent
    (here / "linked").symlink_to("schools")
    message = refusal_in(here, "report", "schools", "--output-dir", spelt)
    assert (
        f"Invalid value for --output-dir: `{spelt}` is inside `{said}` (ASSESSMENT), whose "
        "every folder this command reads: reports written there would be read as inputs "
        "next time, so nothing was written"
    ) in message
    assert f"choose a folder outside `{said}`, or a format it does not read" in message


@pytest.mark.parametrize("given", [("--format", "json"), ()])
def test_json_said_or_by_default_is_refused(schools: Path, given: tuple[str, ...]) -> None:
    """JSON, named or as the batch's default, is refused alike (exit 2)."""
    result = run_in(schools.parent, "report", "schools", *given, "--output-dir", "schools/out")
    assert result.exit_code == 2, result.output
    assert "would be read as inputs next time" in result.stderr
    assert not (schools / "out").exists()


@pytest.mark.parametrize(("name", "extension"), [("html", ".html"), ("markdown", ".md")])
def test_pages_under_a_walked_folder_are_written_and_the_batch_runs_again(
    schools: Path, name: str, extension: str
) -> None:
    """Pages are not read back by the walk: `--format html` into `schools/pages` is
    written, and the same command runs again, exit 0 both times, the same two pages."""
    args = ("report", "schools", "--format", name, "--output-dir", "schools/pages")
    for _ in range(2):
        result = run_in(schools.parent, *args)
        assert result.exit_code == 0, result.output
        written = sorted(p.name for p in (schools / "pages").iterdir())
        assert [n.split("-")[0] for n in written] == ["100000", "100002"]
        assert all(n.endswith(extension) for n in written)


def test_files_named_one_by_one_leave_the_folders_beside_them_free(schools: Path) -> None:
    """Files given by name are not walked: a report folder beside them (not holding them)
    is allowed, as before, and the next run of the same files reads only them."""
    args = ("report", "schools/north/b.yaml", "schools/a.yaml", "--output-dir", "schools/out")
    for _ in range(2):
        result = run_in(schools.parent, *args)
        assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (schools / "out").iterdir())
    assert [n.split("-")[0] for n in written] == ["100000", "100002"]
    assert all(n.endswith(".json") for n in written)


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_a_report_folder_this_user_cannot_write_in_is_refused_before_any_report(
    schools: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """As `-o` in such a folder is: exit 2, nothing written, before any work. Before round
    59 every report was made, and each then failed to be written ("cannot write this
    report: Permission denied", one line a school: 2,000 for a JSON Lines file of 2,000),
    exit 1. Checked with `os.access`, which says yes to root, as `-o`'s check is."""
    here = schools.parent
    (here / "out").mkdir()
    real_access = os.access

    def access(path: str | os.PathLike[str], mode: int) -> bool:
        refused = Path(path).resolve() == (here / "out").resolve() and mode & os.W_OK
        return False if refused else real_access(path, mode)

    monkeypatch.setattr(os, "access", access)
    said = refusal_in(here, "report", "schools", "--format", fmt, "--output-dir", "out")
    assert said.endswith(
        "Invalid value for --output-dir: cannot write in the folder `out` (permission "
        "denied); nothing was done"
    )


@pytest.mark.parametrize("unseen", ["\u200b", "\ufe0f", "\u034f", "\u3164"], ids=ascii)
@pytest.mark.parametrize("option", ["-o", "--output-dir"])
def test_a_batchs_summary_shows_an_invisible_character_in_its_output_name(
    schools: Path, unseen: str, option: str
) -> None:
    """`Wrote 2 reports to out\\ufe0f.jsonl`: the summary names its output as every other
    message names a file, a character that cannot be seen shown escaped, not only a format
    character (round 65: a variation selector or a filler passed `isprintable` and was
    printed raw, so the name looked like `out.jsonl`)."""
    name = f"out{unseen}" + (".jsonl" if option == "-o" else "")
    done = run_in(schools.parent, "report", "schools", "--format", "json", option, name)
    assert done.exit_code == 0, done.output
    escaped = "out" + ascii(unseen)[1:-1] + (".jsonl" if option == "-o" else "")
    assert done.stderr.splitlines()[-1].endswith(f" {escaped}")
    assert unseen not in done.stderr
