"""What `selfreview config` (`cli/config.py`) does that its other tests did not pin: found
by the round-71 mutation pass over the module."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

FOLDER = "our school frameworks for the local authority"
FRAMEWORK = f"{FOLDER}/the framework we wrote in spring.yaml"


def test_a_long_setting_is_wrapped_to_the_terminal_not_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a narrow terminal the value column (a framework file's path, of many words) is
    wrapped as the `from` column is: the path runs on over the lines below its setting,
    whole when read back. Its value column kept to one line made the table as wide as the
    longest path."""
    (tmp_path / ".git").mkdir()
    (tmp_path / FOLDER).mkdir()
    (tmp_path / FRAMEWORK).write_text("", encoding="utf-8")
    (tmp_path / "selfreview.toml").write_text(f'framework = ["{FRAMEWORK}"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path.parent))
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.delenv("SELFREVIEW_DISABLE", raising=False)
    result = CliRunner().invoke(cli, ["config"])
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("framework "))
    rules = next(i for i, line in enumerate(lines) if line.startswith("rules "))
    start = lines[first - 1].index("-  ") + 3  # where the column of values begins
    end = lines[first - 1].index("  ", start)
    value = " ".join(line[start:end].strip() for line in lines[first:rules])
    assert value == f"{tmp_path}/{FRAMEWORK}"
    assert "spring.yaml" not in lines[first]
    assert lines[first + 1][start:end].strip() != ""  # the path goes on below
