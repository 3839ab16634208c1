"""An empty JSON Lines file (or one of blank lines) is an empty batch, not invalid input
(SPEC section 5: exit 1 is for invalid input): every command says the same of it. `report`
writes its 0 reports and `validate` checks nothing, and both warn that it holds no documents
(exit 0; with `--strict`, an error, exit 1, and `report` writes nothing), where before round
49 `validate` said "the file is empty", exit 1, and before round 50 `report` said only "0
reports written".
The commands that make one thing of a whole cohort (`benchmark`, `support`, `collect`) or of
a school's respondents (`voices`, `combine`) have nothing to make it from, and say so, exit
1, as with no input at all; they said "no usable assessments", as if some were bad, and
`collect` counted "0 input(s)" of the one file given. Beside other files it changes nothing:
`validate`'s "N documents checked" counted it as one of them until round 49.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

SCHOOL = Path(__file__).resolve().parents[2] / "examples" / "example-primary-2025.yaml"
WARNED = "{file}:1:1: warning: no documents: the JSON Lines file is empty\n"
REFUSED = "the responses were refused (errors above); nothing was written\n"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture(params=["", "\n \n"], ids=["empty", "blank lines"])
def empty(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    file = tmp_path / "batch.jsonl"
    file.write_text(request.param, encoding="utf-8")
    return file


@pytest.mark.parametrize(
    ("args", "code", "stdout", "stderr"),
    [
        (["report"], 0, "", WARNED + "0 reports written\n"),
        (["report", "--format", "json"], 0, "", WARNED + "0 reports written\n"),
        (
            ["report", "--strict", "--format", "json", "-o", "OUT"],
            1,
            "",
            WARNED.replace("warning", "error") + "--strict: stopped after 0 report(s)\n",
        ),
        (["validate"], 0, WARNED + "1 file checked: 1 valid, 0 invalid (1 warning)\n", ""),
        (
            ["validate", "--strict"],
            1,
            "{file}:1:1: error: no documents: the JSON Lines file is empty\n",
            "1 file checked: 0 valid, 1 invalid (1 error)\n",
        ),
        (["benchmark"], 1, "", "no assessments in 1 file(s)\n"),
        (["support"], 1, "", "no assessments in 1 file(s)\n"),
        (["collect", "-o", "OUT"], 1, "", "no assessments in 1 file(s); nothing was written\n"),
        (["voices"], 1, "", f"error: no responses found: the files hold no assessments\n{REFUSED}"),
        (
            ["combine", "-o", "OUT"],
            1,
            "",
            f"error: no responses found: the files hold no assessments\n{REFUSED}",
        ),
    ],
)
def test_every_command_says_what_an_empty_json_lines_file_holds(
    empty: Path, args: list[str], code: int, stdout: str, stderr: str
) -> None:
    output = empty.with_name("out.parquet" if args[0] == "collect" else "out.yaml")
    command = [args[0], str(empty), *(str(output) if a == "OUT" else a for a in args[1:])]
    result = run(*command)
    assert result.exit_code == code, result.output
    assert result.stdout == stdout.format(file=empty)
    assert result.stderr == stderr.format(file=empty)
    assert not output.exists()


def test_beside_another_file_an_empty_one_changes_nothing(empty: Path, tmp_path: Path) -> None:
    alone = run("report", str(SCHOOL), "--format", "json")
    both = run("report", str(empty), str(SCHOOL), "--format", "json")
    assert both.exit_code == 0, both.output
    assert json.loads(both.stdout) == json.loads(alone.stdout)  # one line: the batch's form
    assert both.stdout.count("\n") == 1
    assert both.stderr == WARNED.format(file=empty) + "1 report written\n"  # round 50
    checked = run("validate", str(empty), str(SCHOOL))
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.startswith(WARNED.format(file=empty) + f"{SCHOOL}: ok: assessment")
    cohort = tmp_path / "c.parquet"
    collected = run("collect", str(empty), str(SCHOOL), "-o", str(cohort))
    assert collected.exit_code == 0, collected.output
    assert collected.stderr == f"Collected 1 review (11 rows) into {cohort}.\n"
    benchmarked = run("benchmark", str(empty), str(SCHOOL))
    assert benchmarked.exit_code == 0, benchmarked.output
    assert benchmarked.stderr == ""


def test_a_cohort_of_bad_files_is_still_no_usable_assessments(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n", encoding="utf-8")
    for command in (["benchmark"], ["support"]):
        result = run(*command, str(bad))
        assert result.exit_code == 1
        assert result.stderr.endswith("\nno usable assessments in 1 file(s)\n")
    result = run("collect", str(bad), "-o", str(tmp_path / "c.parquet"))
    assert result.exit_code == 1
    assert result.stderr.endswith("\nno usable assessments in 1 input(s); nothing was written\n")


def test_validate_counts_no_document_for_an_empty_json_lines_file(
    empty: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.jsonl"
    document = yaml.safe_load(SCHOOL.read_text(encoding="utf-8"))
    good.write_text(json.dumps(document, default=str) + "\n", encoding="utf-8")
    checked = run("validate", str(empty), str(good))
    assert checked.exit_code == 0, checked.output
    lines = checked.stdout.splitlines()
    assert lines[0] == WARNED.format(file=empty).rstrip("\n")  # the warning stays
    assert lines[1].startswith(f"{good}:1: ok: assessment of becta-srf@2010")
    assert lines[2:] == ["1 document checked: 1 valid, 0 invalid (1 warning)"]
    assert checked.stderr == ""
    as_json = run("validate", str(empty), str(good), "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    files = json.loads(as_json.stdout)["files"]
    assert [(f["file"], f.get("line"), f["valid"]) for f in files] == [
        (str(empty), None, True),
        (str(good), 1, True),
    ]
    assert [w["code"] for w in files[0]["warnings"]] == ["empty"]
    strict = run("validate", "--strict", str(empty), str(good))  # an error: one invalid
    assert strict.exit_code == 1
    assert strict.stderr == "2 documents checked: 1 valid, 1 invalid (1 error)\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_report_strict_stops_before_any_report_for_an_empty_json_lines_file(
    empty: Path, tmp_path: Path, jobs: str
) -> None:
    """With `--strict` the empty file is a problem, wherever it is among the files: nothing
    is written, exit 1, as for a problem found in a report; without it, the other reports
    are all written."""
    output = tmp_path / "reports.jsonl"
    args = ["report", str(SCHOOL), str(empty), "-o", str(output), "--jobs", jobs]
    result = run(*args, "--strict")
    assert result.exit_code == 1, result.output
    error = WARNED.replace("warning", "error").format(file=empty)
    assert result.stderr == error + "--strict: stopped after 0 report(s)\n"
    assert not output.exists()
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{WARNED.format(file=empty)}1 report written to {output}\n"
    assert len(output.read_text(encoding="utf-8").splitlines()) == 1


def test_only_a_json_lines_file_that_holds_nothing_is_warned_of(tmp_path: Path) -> None:
    """A JSON Lines file with a line, and an empty YAML file (an empty document: an error
    of its own), get no such warning."""
    lines = tmp_path / "one.jsonl"
    document = yaml.safe_load(SCHOOL.read_text(encoding="utf-8"))
    lines.write_text(json.dumps(document, default=str) + "\n", encoding="utf-8")
    result = run("report", str(lines), "--format", "json", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == "1 report written\n"
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    result = run("report", str(empty), str(lines), "--format", "json")
    assert result.exit_code == 1, result.output
    assert "no documents" not in result.stderr
    assert f"{empty}:1:1: error: the file is empty" in result.stderr
