"""`selfreview validate` with one framework (id@version) given by two files: the first is
used, as `selfreview report` uses it, and the other is told so, never in silence (round
44: validate checked every document against the first and said nothing)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.validation.files import check_files

MIGRATION = Path(__file__).resolve().parents[2] / "examples" / "migration"
FRAMEWORK = MIGRATION / "example-srf-1.yaml"
SCHOOL = MIGRATION / "example-school-v1.yaml"


def _other_copy(tmp_path: Path) -> Path:
    """The framework again, under one id@version, with strand `1a1` renamed: a review of
    the first is refused by this one."""
    text = FRAMEWORK.read_text(encoding="utf-8")
    other = tmp_path / "copy.yaml"
    other.write_text(text.replace("id: 1a1\n", "id: 1z1\n"), encoding="utf-8")
    return other


def test_a_framework_a_file_before_gave_is_warned_at_its_id_and_not_used(
    tmp_path: Path,
) -> None:
    other = _other_copy(tmp_path)
    args = ["validate", str(FRAMEWORK), str(other), str(SCHOOL)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0  # the review fits the first, which is used
    line = other.read_text(encoding="utf-8").splitlines().index("id: example-srf") + 1
    assert (
        f"{other}:{line}:5: warning: id: framework example-srf@1 is given twice, in "
        f"{FRAMEWORK} and {other}; using {FRAMEWORK}\n"
    ) in result.stdout
    assert f"{SCHOOL}: ok: assessment of example-srf@1" in result.stdout
    assert result.stdout.endswith("3 files checked: 3 valid, 0 invalid (1 warning)\n")
    # --strict makes it an error; the other files are still checked and shown.
    strict = CliRunner().invoke(cli, [*args, "--strict"], catch_exceptions=False)
    assert strict.exit_code == 1
    assert f"{other}:{line}:5: error: id: framework example-srf@1 is given twice" in strict.stdout
    assert f"{SCHOOL}: ok: " in strict.stdout
    # The other way round, the review is checked against the copy, and refused by it.
    turned = [*args[:1], str(other), str(FRAMEWORK), str(SCHOOL)]
    refused = CliRunner().invoke(cli, turned, catch_exceptions=False)
    assert refused.exit_code == 1
    assert f"{FRAMEWORK}:{line}:5: warning: id: framework example-srf@1 is given twice" in (
        refused.stdout
    )
    assert "`1a1` is not a strand of example-srf@1" in refused.stdout


def test_the_warning_is_in_the_json_output_with_its_code(tmp_path: Path) -> None:
    other = _other_copy(tmp_path)
    args = ["validate", "--format", "json", str(FRAMEWORK), str(other)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0
    files = json.loads(result.stdout)["files"]
    assert files[0]["warnings"] == []
    [warning] = files[1]["warnings"]
    assert warning["code"] == "framework-twice"
    assert warning["path"] == "id"


def test_a_framework_option_given_twice_is_told_on_standard_error(tmp_path: Path) -> None:
    other = _other_copy(tmp_path)
    args = ["validate", "--framework", str(other), "--framework", str(FRAMEWORK), str(SCHOOL)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1  # the copy, given first, is used: the review does not fit it
    assert result.stderr.startswith(
        f"warning: framework example-srf@1 is given twice, in {other} and {FRAMEWORK}; "
        f"using {other}\n"
    )
    assert "`1a1` is not a strand of example-srf@1" in result.stdout
    told: list[str] = []
    results = list(check_files([SCHOOL], framework_files=[FRAMEWORK, other], told=told.append))
    assert results[0].ok
    assert told == [
        f"framework example-srf@1 is given twice, in {FRAMEWORK} and {other}; using {FRAMEWORK}"
    ]


def test_one_file_named_twice_or_as_an_option_too_is_not_given_twice(tmp_path: Path) -> None:
    copy = tmp_path / "srf.yaml"
    shutil.copyfile(FRAMEWORK, copy)
    (tmp_path / "link.yaml").symlink_to(copy)
    args = [
        "validate",
        "--framework",
        str(copy),
        "--framework",
        str(tmp_path / "link.yaml"),
        str(copy),
        str(SCHOOL),
    ]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert "given twice" not in result.output
    assert result.stdout.endswith("2 files checked: 2 valid, 0 invalid\n")


def test_a_framework_on_two_lines_of_a_json_lines_file_is_given_twice(tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load(FRAMEWORK.read_text(encoding="utf-8"))
    lines = tmp_path / "frameworks.jsonl"
    lines.write_text(json.dumps(data) + "\n" + json.dumps(data) + "\n", encoding="utf-8")
    results = list(check_files([lines]))
    assert results[0].warnings == []
    [warning] = results[1].warnings
    assert (warning.file, warning.line, warning.code) == (str(lines), 2, "framework-twice")
    assert warning.message == (
        f"framework example-srf@1 is given twice, in {lines}:1 and {lines}:2; using {lines}:1"
    )


def test_a_file_named_twice_is_checked_and_counted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`validate a.yaml ./a.yaml link.yaml`: one file, one result, "1 file checked" (it was
    checked, shown and counted three times)."""
    shutil.copyfile(FRAMEWORK, tmp_path / "a.yaml")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "a.yaml")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["validate", "a.yaml", "./a.yaml", "link.yaml"], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("a.yaml: ok: framework example-srf@1 ")
    assert result.stdout.endswith("\n1 file checked: 1 valid, 0 invalid\n")
    assert [r.file for r in check_files(["a.yaml", "./a.yaml", "link.yaml"])] == ["a.yaml"]
