"""`selfreview report` over many files, directories and JSON Lines files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core import Report
from selfreview_core.cli import PROGRESS_FILES, cli

COHORT = "examples/cohort"


@pytest.fixture(autouse=True)
def _in_repo(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def cohort_files() -> list[Path]:
    return sorted(Path(COHORT).glob("*.yaml"))


def as_json_lines(target: Path, files: list[Path], *extra: str) -> Path:
    lines = []
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        data["assessed_on"] = data["assessed_on"].isoformat()
        lines.append(json.dumps(data))
    target.write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")
    return target


def test_a_directory_gives_one_file_per_school_review(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = run("report", COHORT, "--output-dir", str(out), "--format", "html")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == len(cohort_files())
    assert "900001-2024-11-12.html" in written
    assert f"{len(written)} reports written in {out}" in result.stderr
    assert result.stdout == ""


def test_output_dir_defaults_to_json_files(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert run("report", COHORT, "--output-dir", str(out)).exit_code == 0
    for path in out.iterdir():
        assert path.suffix == ".json"
        Report.model_validate_json(path.read_text(encoding="utf-8"))


def test_many_reports_as_one_json_lines_stream(tmp_path: Path) -> None:
    result = run("report", COHORT, "examples/example-primary-2026.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    reports = [Report.model_validate_json(line) for line in result.stdout.splitlines()]
    assert len(reports) == len(cohort_files()) + 1
    target = tmp_path / "all.jsonl"
    assert run("report", COHORT, "--format", "json", "-o", str(target)).exit_code == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(cohort_files())


def test_a_json_lines_input_with_bad_lines_reports_them_by_line(tmp_path: Path) -> None:
    source = as_json_lines(
        tmp_path / "schools.jsonl", cohort_files()[:3], "", "not json", '{"kind": "assessment"}'
    )
    result = run("report", str(source), "--format", "json")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 3
    assert f"{source}:5:1: error: invalid JSON" in result.stderr
    assert f"{source}:6:1: error: missing required key `framework`" in result.stderr
    assert "3 reports written; 2 assessments skipped (errors above)" in result.stderr


def test_a_bad_file_is_reported_and_skipped_and_strict_stops(tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    shutil.copytree(COHORT, folder)
    bad = folder / "000-bad.yaml"  # read first
    bad.write_text("kind: assessment\nframework: becta-srf\nschool: {id: X}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("report", str(folder), "--output-dir", str(out))
    assert result.exit_code == 1
    assert f"{bad}:3:9: error: school: missing required key `name`" in result.stderr
    assert len(list(out.iterdir())) == len(cohort_files())
    strict = tmp_path / "strict"
    result = run("report", str(folder), "--output-dir", str(strict), "--strict")
    assert result.exit_code == 1
    assert "--strict: stopped after 0 report(s)" in result.stderr
    assert list(strict.iterdir()) == []


def test_strict_with_one_output_file_leaves_nothing_half_written(tmp_path: Path) -> None:
    source = as_json_lines(tmp_path / "s.jsonl", cohort_files()[:2], "oops")
    target = tmp_path / "out.jsonl"
    target.write_text("earlier\n", encoding="utf-8")
    result = run("report", str(source), "--format", "json", "-o", str(target), "--strict")
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "earlier\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "html"], "html makes one file per school: give --output-dir"),
        (["--previous", "examples/example-primary-2025.yaml"], "needs a single ASSESSMENT"),
        (["-o", "x.json", "--output-dir", "d"], "give -o or --output-dir, not both"),
        (["--output-dir", "d", "--format", "jsn"], "no exporter `jsn`"),
    ],
)
def test_batch_usage_errors(args: list[str], message: str) -> None:
    result = run("report", COHORT, *args)
    assert result.exit_code == 2
    assert message in result.output


def test_many_files_show_a_progress_bar_on_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    original = cohort_files()[0].read_text(encoding="utf-8")
    for i in range(PROGRESS_FILES + 1):
        (folder / f"s{i:03}.yaml").write_text(
            original.replace("900001", f"9{i:05}"), encoding="utf-8"
        )
    result = run("report", str(folder), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "Reporting" in result.stderr
    assert len(result.stdout.splitlines()) == PROGRESS_FILES + 1


def test_a_json_lines_line_over_the_size_cap_is_skipped_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfreview_core import batch
    from selfreview_core.source import Limits

    monkeypatch.setattr(batch, "DEFAULT_LIMITS", Limits(max_bytes=5000))
    source = tmp_path / "s.jsonl"
    as_json_lines(source, cohort_files()[:2])
    source.write_text('{"x": "' + "y" * 20000 + '"}\n' + source.read_text(), encoding="utf-8")
    result = run("report", str(source), "--format", "json")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 2
    assert f"{source}:1:1: error: the line is over 5,000 bytes" in result.stderr
