"""The cohort commands' options (`cli/_cohort_options.py`)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", ["benchmark", "support", "collect"])
def test_the_help_gives_the_default_number_of_jobs(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "[default: 1; x>=0]" in " ".join(result.stdout.split())
