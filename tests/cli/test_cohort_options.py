"""The cohort commands' options (`cli/_cohort_options.py`)."""

from __future__ import annotations

from pathlib import Path

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


COHORT = str(Path(__file__).resolve().parents[2] / "examples" / "cohort")

#: The options naming a file the cohort's worker processes read again.
READ_AGAIN = pytest.mark.parametrize(
    "args",
    [["benchmark", "--migration"], ["support", "--migration"], ["support", "--rules"]],
    ids=["benchmark --migration", "support --migration", "support --rules"],
)


@READ_AGAIN
def test_a_file_the_workers_read_again_is_not_taken_from_standard_input(
    args: list[str], tmp_path: Path
) -> None:
    """Where every other command reads `-` (SPEC section 5), the cohort commands' workers
    read their migrations and rule packs again, and standard input can be read once: said
    so, exit 2, before anything is read or written (as their `--framework -`). Before round
    50: "File '-' does not exist."."""
    out = tmp_path / "out.json"
    result = CliRunner().invoke(
        cli, [args[0], COHORT, args[1], "-", "-o", str(out)], input="kind: rules\n"
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '{args[1]}': takes a FILE, not `-`: the cohort's worker "
        "processes read it again, and standard input can be read only once (save it to a file)"
    )
    assert list(tmp_path.iterdir()) == []


@READ_AGAIN
def test_a_folder_for_a_file_the_workers_read_again_is_a_usage_error(
    args: list[str], tmp_path: Path
) -> None:
    """A folder given for one file is the usage error of every one-file option (exit 2,
    before anything is read), not a bad input found after the cohort is read (exit 1, "is a
    directory, not a file")."""
    folder = tmp_path / "rules"
    folder.mkdir()
    out = tmp_path / "out.json"
    result = run(args[0], COHORT, args[1], str(folder), "-o", str(out))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '{args[1]}': File '{folder}' is a directory."
    )
    assert list(tmp_path.iterdir()) == [folder]
    assert list(folder.iterdir()) == []
