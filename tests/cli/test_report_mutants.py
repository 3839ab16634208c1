"""`selfreview report`'s command line: what it asks for, `--help`'s default for `--jobs`, a
plugin's warnings told once, a binary exporter's bytes written as they are, and the note
naming a migrated review's file on one line, the line naming the file written, `--strict`'s
count on stderr, and a folder given as -o (mutation passes over `cli/report.py`, round
44)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from cli.test_migrate_mutants import OPTIONS, SCHOOL
from program import selfreview, with_plugin
from selfreview_core.cli import cli
from test_engine import _EntryPoint

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2026.yaml"
PACK = ROOT / "plugins" / "parental-engagement" / "src" / "selfreview_parental_engagement"
MIGRATION = ROOT / "examples" / "migration"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_an_assessment_is_required_and_jobs_default_to_one() -> None:
    result = run("report")
    assert result.exit_code == 2
    assert "Missing argument 'ASSESSMENT...'" in result.stderr
    assert "[default: 1; x>=0]" in " ".join(run("report", "--help").stdout.split())


def test_each_warning_of_loading_rule_packs_is_told_once(tmp_path: Path) -> None:
    """Two copies of a plugin's rule pack: a warning for each, once (the engine's problems
    were told when it was made and again with the report)."""
    for name in ("pe1.yaml", "pe2.yaml"):
        shutil.copyfile(PACK / "parental-engagement.yaml", tmp_path / name)
    args = ["--rules", str(tmp_path / "pe1.yaml"), "--rules", str(tmp_path / "pe2.yaml")]
    result = run("report", str(REVIEW), *args, "--format", "json")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "also provided by" in line]
    assert len(warnings) == 2
    assert len(set(warnings)) == 2


#: `selfreview_hostile.binary.MAGIC`, the plugin's bytes (the plugin is no module here).
MAGIC = b"\x89BIN\r\n\x1a\n\xff\x1b[2J"


def test_a_binary_exporters_bytes_are_written_as_they_are(tmp_path: Path) -> None:
    env = with_plugin(tmp_path / "site", "binary-export", "selfreview_hostile.binary")
    done = selfreview(["report", str(REVIEW), "--format", "binary"], env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == MAGIC + b"100000"
    out = tmp_path / "r.bin"
    written = selfreview(["report", str(REVIEW), "--format", "binary", "-o", str(out)], env=env)
    assert written.returncode == 0, written.stderr
    assert out.read_bytes() == MAGIC + b"100000"


def test_the_note_of_strands_left_by_a_migration_names_the_file_on_one_line(
    tmp_path: Path,
) -> None:
    carried = tmp_path / "carried\nok: v2.yaml"
    done = run("migrate", str(SCHOOL), *OPTIONS, "-o", str(carried))
    assert done.exit_code == 0, done.output
    assert yaml.safe_load(carried.read_text(encoding="utf-8"))["review"]
    result = run(
        "report",
        str(carried),
        "--framework",
        str(MIGRATION / "example-srf-2.yaml"),
        "-o",
        str(tmp_path / "r.json"),
    )
    assert result.exit_code == 0, result.output
    shown = str(carried).replace("\n", "\\n")
    assert f"left by a migration for you to judge: 1b1, 1b2, 2a1 (see `review` in {shown}).\n" in (
        result.stderr
    )
    assert "\nok: v2" not in result.stderr


def test_the_file_written_is_named_on_one_line_of_stderr(tmp_path: Path) -> None:
    """`-o FILE`: nothing on stdout, and `Wrote FILE (format).` on stderr, a line break in
    the name shown escaped."""
    out = tmp_path / "report\nerror: forged.html"
    result = run("report", str(REVIEW), "-o", str(out), "--format", "html")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!")
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"Wrote {tmp_path}/report\\nerror: forged.html (html)."]


def test_strict_counts_the_problems_on_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = _EntryPoint("broken", "broken_plugin", error=ImportError("No module named 'x'"))
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [broken])
    result = run("report", str(REVIEW), "--format", "json", "--strict")
    assert result.exit_code == 1
    assert result.stderr.endswith("--strict: 1 problem(s)\n")
    assert "--strict" not in result.stdout


def test_a_folder_given_as_the_output_of_many_reports_is_said_to_be_one(tmp_path: Path) -> None:
    """Several assessments and `-o FOLDER` (no --format): refused as a folder, not as a
    name whose format cannot be told; nothing is written into it."""
    folder = tmp_path / "reports"
    folder.mkdir()
    result = run("report", str(REVIEW), str(REVIEW), "-o", str(folder))
    assert result.exit_code == 2
    assert f"'{folder}' is a directory" in result.stderr
    assert "cannot tell the format" not in result.stderr
    assert list(folder.iterdir()) == []
