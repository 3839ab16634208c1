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

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from test_outputs import snapshot, temporary_files

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PYPROJECT = '[project]\nname = "reviews"\n\n[tool.ruff]\nline-length = 99\n'


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`repo/work`, the working folder (a school's review, a respondent's), in a repository
    (`repo/.git`, where the search stops)."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    folder = repo / "work"
    folder.mkdir()
    review = (EXAMPLES / "example-primary-2026.yaml").read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(review, encoding="utf-8")
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", folder / "b.yaml")
    respondent = review.replace("assessor: Deputy headteacher\n", "respondent:\n  group: staff\n")
    (folder / "r.yaml").write_text(respondent, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), input="q\n")
    assert not isinstance(result.exception, Exception), repr(result.exception)
    return result


#: Each command that writes a file, OUT its output.
WRITERS = {
    "report": "report a.yaml --format json -o OUT",
    "report batch": "report a.yaml b.yaml --format json -o OUT",
    "benchmark": "benchmark a.yaml b.yaml --format json -o OUT",
    "support": "support a.yaml b.yaml --format json -o OUT",
    "collect": "collect a.yaml b.yaml -o OUT",
    "voices": "voices r.yaml --format json -o OUT",
    "combine": "combine r.yaml --min-group 1 -o OUT",
    "migrate": "migrate a.yaml --to becta-srf -o OUT",
    "plan": "plan a.yaml -o OUT",
    "assess": "assess becta-srf -o OUT --school-id 1 --school-name x",
}


def refused(root: Path, command: str, out: str) -> str:
    """`command` with OUT as `out`: exit 2, nothing on standard output, every file under
    `root` as it was, none added; the message, on one line."""
    before = snapshot(root)
    result = run(*(out if word == "OUT" else word for word in command.split()))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert snapshot(root) == before
    assert temporary_files(root) == []
    return " ".join(result.stderr.split())


@pytest.mark.parametrize("where", ["pyproject.toml", "../pyproject.toml"])
@pytest.mark.parametrize("command", list(WRITERS))
def test_a_pyproject_the_search_reads_and_passes_by_is_not_written_over(
    work: Path, command: str, where: str
) -> None:
    """A pyproject without `[tool.selfreview]`, in the working folder or one above it up to
    the repository's root, is read by the search: kept, and named in the refusal."""
    (work / where).write_text(PYPROJECT, encoding="utf-8")
    said = refused(work.parent, WRITERS[command], where)
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
    said = refused(work.parent, WRITERS[command], where)
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
