"""A carriage return alone in a settings file (round 70's `config._not_toml`): what a
mutation pass (round 71) found no test pinned. A CR that begins a line is told as a CR, at
column 1 of that line, as one further along is; and where TOML stops at another mistake
before the CR, that mistake is told at its own place, never as the CR after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

_CR = (
    "a carriage return (CR) alone, which ends no line in TOML (LF or CR LF do) (save the "
    "file with LF or CR LF line ends)"
)


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ('policy = "mean"\n\rrules = "x"\n', f"2:1: error: invalid TOML: {_CR}"),
        ('policy = "mean"\ndisable = ["a",\n\r"b"]\n', f"3:1: error: invalid TOML: {_CR}"),
        (
            'policy = = 1\rrules = "x"\n',
            "1:10: error: invalid TOML: Invalid value",
        ),
    ],
    ids=["a line's first character", "in a list", "a mistake before it"],
)
def test_each_command_stops_at_the_mistake_toml_stops_at(repo: Path, text: str, told: str) -> None:
    (repo / "selfreview.toml").write_bytes(text.encode())
    for command in ("config", "frameworks"):
        result = CliRunner().invoke(cli, [command], catch_exceptions=False)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == f"{repo / 'selfreview.toml'}:{told}\n"
