"""No output over, or as, a file the configuration search reads (SPEC section 7).

Every command looks for its configuration from the working folder upward: in each folder
`selfreview.toml`, else a `pyproject.toml` read to see whether it holds `[tool.selfreview]`
(`config.find_config`). Round 49 kept the file found from `-o`; two files the search reads
were still written:

- a `pyproject.toml` without the table, which the search reads and passes by: `report
  a.yaml --format json -o pyproject.toml` replaced a project's whole pyproject with a
  report, exit 0;
- a new `selfreview.toml`: `report a.yaml -o selfreview.toml` wrote a report under the
  configuration's name, exit 0, and every later command in that folder (or below it) failed
  on it as invalid TOML, this one too.

Both are refused now before anything is written (exit 2, naming `-o` and the file).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.test_unnamed_inputs import WRITERS, refusal, run, write_reviews

PYPROJECT = '[project]\nname = "reviews"\n\n[tool.ruff]\nline-length = 99\n'


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`repo/work`, the working folder (a school's review, a respondent's), in a repository
    (`repo/.git`, where the search stops)."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    folder = repo / "work"
    folder.mkdir()
    write_reviews(folder)
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("where", ["pyproject.toml", "../pyproject.toml"])
@pytest.mark.parametrize("command", list(WRITERS))
def test_a_pyproject_the_search_reads_and_passes_by_is_not_written_over(
    work: Path, command: str, where: str
) -> None:
    """A pyproject without `[tool.selfreview]`, in the working folder or one above it up to
    the repository's root, is read by the search: kept, and named in the refusal."""
    (work / where).write_text(PYPROJECT, encoding="utf-8")
    said = refusal(work.parent, WRITERS[command], where)
    assert (
        f"Invalid value for -o: `{where}` is a pyproject.toml the configuration is looked "
        f"for in (`{(work / where).resolve()}`), which this command reads: writing there "
        "would replace it, so nothing was written (choose another output file)"
    ) in said


def test_a_pyproject_beyond_the_search_is_no_input(work: Path) -> None:
    """A pyproject the search never reads (past the repository's root, or in another
    folder) is no input of the command: written as asked."""
    (work.parent.parent / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (work / "elsewhere").mkdir()
    (work / "elsewhere" / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for out in ("../../pyproject.toml", "elsewhere/pyproject.toml"):
        result = run("report", "a.yaml", "--format", "json", "-o", out)
        assert result.exit_code == 0, result.output
        assert (work / out).read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize("where", ["selfreview.toml", "sub/selfreview.toml", "../selfreview.toml"])
@pytest.mark.parametrize("command", list(WRITERS))
def test_an_output_named_as_the_configuration_is_refused(
    work: Path, command: str, where: str
) -> None:
    """No command writes TOML: a file named `selfreview.toml` would be read as the
    configuration by every command run in its folder, and fail it."""
    (work / "sub").mkdir()
    said = refusal(work.parent, WRITERS[command], where)
    assert (
        f"Invalid value for -o: `{where}` is the name of the configuration file, which "
        "every command run in its folder reads: an output there would be read as the "
        "configuration next time, so nothing was written (choose another output file)"
    ) in said


def test_the_next_command_still_runs(work: Path) -> None:
    """After the refusals, the folder's commands run as before (no configuration made)."""
    (work / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert run("report", "a.yaml", "--format", "json", "-o", "selfreview.toml").exit_code == 2
    assert run("report", "a.yaml", "--format", "json", "-o", "pyproject.toml").exit_code == 2
    assert run("report", "a.yaml").exit_code == 0
    assert (work / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT
