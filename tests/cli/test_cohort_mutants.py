"""What the cohort commands' shared opening of the cohort (`cli/_cohort.py`: `benchmark`,
`support`) does that their other tests did not pin: found by the round-43 mutation pass over
the module, and by trying it by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

FRAMEWORK = "frameworks/becta-srf.yaml"
COHORT = "examples/cohort"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_a_framework_file_given_alone_is_used_without_a_word(root: Path) -> None:
    """`benchmark --framework FILE` with no migration: that file is the cohort's framework,
    read on its own, with nothing on stderr (no warning that an installed plugin provides it
    too). `support` loads the plugins for their advice, and warns (twice): left as it is."""
    result = run("benchmark", str(root / COHORT), "--framework", str(root / FRAMEWORK))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "becta-srf@2010" in result.stdout


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_two_reviews_of_a_date_are_named_on_one_line(
    command: str, root: Path, tmp_path: Path
) -> None:
    """The warning that names two reviews of one school on one date shows a line break in a
    file's name as `\\n`: it stays one line, and cannot start a line of its own."""
    first = root / COHORT / "primary-1-2025.yaml"
    shutil.copyfile(first, tmp_path / "a.yaml")
    shutil.copyfile(first, tmp_path / "b\nok: forged.yaml")
    result = run(command, str(tmp_path))
    assert result.exit_code == 1, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning")]
    assert len(warnings) == 1
    assert "b\\nok: forged.yaml" in warnings[0]
    assert "\nok: forged" not in result.stderr
