"""What a careless user types, in every command that can take it (SPEC section 5), pinned
where it already holds (round 50's sweep): a path starting with `-` after `--`, and a
terminal width that makes no sense (`COLUMNS=0`, `-3`, `abc`) with `TERM=dumb`. Other cases
of that sweep are pinned elsewhere: an option given twice (`test_conventions.py`), `-o`
naming a folder or an empty name (`test_attack_matrix.py`), `--format` against `-o`'s
extension (`test_terminal_formats.py`), closed streams (`test_closed_streams.py`)."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SCHOOL = ROOT / "examples" / "example-primary-2025.yaml"
RESPONSE = ROOT / "examples" / "respondents" / "governor-1.yaml"
FRAMEWORK = ROOT / "examples" / "migration" / "example-srf-1.yaml"


def run(*args: str, **env: str) -> Result:
    result = CliRunner(env=env or None).invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


#: Each command that reads a file PATH, with what it needs beside it.
READERS = {
    "validate": ["validate", "PATH"],
    "report": ["report", "PATH", "--format", "json"],
    "awards": ["awards", "PATH"],
    "benchmark": ["benchmark", "--format", "json", "PATH"],
    "support": ["support", "--format", "json", "PATH"],
    "migrate": ["migrate", "--to", "becta-srf", "PATH"],
    "plan": ["plan", "-o", "plan.yaml", "PATH"],
    "collect": ["collect", "-o", "cohort.parquet", "PATH"],
    "voices": ["voices", "--format", "json", "PATH"],
    "combine": ["combine", "-o", "-", "PATH"],
    "show": ["show", "PATH"],
}


@pytest.mark.parametrize("command", list(READERS))
def test_a_path_starting_with_a_dash_is_read_after_double_dash(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`selfreview CMD -- -school.yaml` reads the file, as `./-school.yaml` does: the same
    exit code and output, where without `--` it is an unknown option (exit 2)."""
    source = {"voices": RESPONSE, "combine": RESPONSE, "show": FRAMEWORK}.get(command, SCHOOL)
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(source, tmp_path / "-school.yaml")
    args = READERS[command]
    plain = run(*(a if a != "PATH" else "./-school.yaml" for a in args))
    for made in tmp_path.glob("*.*"):
        if made.name != "-school.yaml":
            made.unlink()
    dashed = run(*(a for a in args if a != "PATH"), "--", "-school.yaml")
    assert dashed.exit_code == plain.exit_code, dashed.output
    assert dashed.stdout == plain.stdout.replace("./-school.yaml", "-school.yaml")
    assert run(*(a for a in args if a != "PATH"), "-school.yaml").exit_code == 2


@functools.cache
def _without_a_width(args: tuple[str, ...]) -> Result:
    """The command's output with no `COLUMNS` at all: run once for the four widths compared
    with it (the same command, the same files; `COLUMNS` unset by `_no_terminal_size`)."""
    return run(*args)


@pytest.mark.parametrize("columns", ["0", "-3", "abc", ""])
@pytest.mark.parametrize(
    "args",
    [
        ["show", "becta-srf"],
        ["frameworks"],
        ["plugins"],
        ["report", str(SCHOOL)],
        ["awards", str(SCHOOL)],
        ["benchmark", str(ROOT / "examples" / "cohort")],
        ["support", str(ROOT / "examples" / "cohort")],
        ["voices", str(ROOT / "examples" / "respondents")],
    ],
    ids=lambda args: args[0],
)
def test_a_width_that_makes_no_sense_is_no_width_given(
    args: list[str], columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`COLUMNS` of 0, below 0 or not a number (and `TERM=dumb`): the output of no `COLUMNS`
    at all (the terminal's width, else 80), exit 0."""
    monkeypatch.delenv("COLUMNS", raising=False)
    alone = _without_a_width(tuple(args))
    assert alone.exit_code == 0, alone.output
    odd = run(*args, COLUMNS=columns, TERM="dumb")
    assert odd.exit_code == 0, odd.output
    assert odd.stdout == alone.stdout
