"""`selfreview migrate`'s command line: a folder is no assessment, the migrated review alone
on standard output, and every name it prints on one line (a mutation pass over
`cli/migrate.py`, round 44)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

MIGRATION = Path(__file__).resolve().parents[2] / "examples" / "migration"
SCHOOL = MIGRATION / "example-school-v1.yaml"
OPTIONS = [
    "--to",
    str(MIGRATION / "example-srf-2.yaml"),
    "--migration",
    str(MIGRATION / "example-srf-1-to-2.yaml"),
    "--framework",
    str(MIGRATION / "example-srf-1.yaml"),
]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_a_folder_is_no_assessment() -> None:
    result = run("migrate", str(MIGRATION), *OPTIONS)
    assert result.exit_code == 2
    assert f"File '{MIGRATION}' is a directory." in result.stderr
    assert result.stdout == ""


def test_the_migrated_review_is_the_whole_of_standard_output() -> None:
    result = run("migrate", str(SCHOOL), *OPTIONS)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n")
    assert not result.stdout.endswith("\n\n")
    assert yaml.safe_load(result.stdout)["framework"] == "example-srf@2"


def test_every_name_migrate_prints_is_on_one_line(tmp_path: Path) -> None:
    school = tmp_path / "school\nok: v1.yaml"
    shutil.copyfile(SCHOOL, school)
    output = tmp_path / "carried\nok: v2.yaml"
    result = run("migrate", str(school), *OPTIONS, "-o", str(output))
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(output.read_text(encoding="utf-8"))["framework"] == "example-srf@2"
    assert "\nok: " not in result.stderr
    shown_school = str(school).replace("\n", "\\n")
    assert result.stderr.startswith(f"Carried {shown_school} from example-srf@1 to example-srf@2")
    shown_output = str(output).replace("\n", "\\n")
    assert result.stderr.endswith(f"Wrote {shown_output}.\n")
