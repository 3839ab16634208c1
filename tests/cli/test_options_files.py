"""`cli/_options`'s shared options that name files (`--framework`, `--previous`, `--rules`,
`--migration`) and `--policy`'s help: a folder or `-` where one file is read is a usage
error naming the option, before anything is read or written; and the help says what the
policy is when none is given."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REVIEW = str(ROOT / "examples" / "example-primary-2026.yaml")
FOLDER = str(ROOT / "examples")

OPTIONS = {
    "report --previous": ["report", REVIEW, "-o", "out.json", "--previous"],
    "report --rules": ["report", REVIEW, "-o", "out.json", "--rules"],
    "report --framework": ["report", REVIEW, "-o", "out.json", "--framework"],
    "migrate --migration": ["migrate", REVIEW, "--to", "becta-srf@2010", "--migration"],
}


@pytest.mark.parametrize("option", OPTIONS, ids=list(OPTIONS))
def test_a_folder_for_a_file_option_is_a_usage_error_naming_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, [*OPTIONS[option], FOLDER], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    name = option.split()[1]
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '{name}': File '{FOLDER}' is a directory."
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["report --previous", "report --rules", "migrate --migration"])
def test_standard_input_is_not_taken_by_an_option_that_names_a_file_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    """Only the inputs that may come from a pipe (the files and `--framework`) read `-`;
    a previous review, a rule pack or a migration is a file named on its own."""
    monkeypatch.chdir(tmp_path)
    review = Path(REVIEW).read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, [*OPTIONS[option], "-"], input=review)
    assert result.exit_code == 2, result.output
    name = option.split()[1]
    assert result.stderr.splitlines()[-1].startswith(f"Error: Invalid value for '{name}': ")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["report", "benchmark", "support", "awards"])
def test_the_policy_s_help_says_the_framework_s_own_is_the_default(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "[default: (the framework's, else median)]" in " ".join(result.output.split())
