"""What the command line's conventions (`cli/_terminal.py`) do that their other tests did not
pin: found by the round-42 mutation pass over the module."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core._names import PROGRESS_FILES
from selfreview_core.cli import cli
from selfreview_core.cli._terminal import writes_to_terminal

NEW = "examples/example-primary-2026.yaml"


class _NoIsatty:
    """A program's own standard output that writes but cannot say what it is."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def _closed() -> io.StringIO:
    stream = io.StringIO()
    stream.close()
    return stream


@pytest.mark.parametrize("stream", [_closed, _NoIsatty], ids=["closed", "no-isatty"])
def test_a_standard_output_that_cannot_say_is_no_terminal(
    stream: Callable[[], object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A closed standard output, or a program's own stream without `isatty`: `-o -` is not
    taken for a terminal, so `collect -o -` (binary) is not refused for it."""
    monkeypatch.setattr(sys, "stdout", stream())
    assert writes_to_terminal("-") is False


def test_an_option_of_one_value_given_twice_first_of_all_is_a_usage_error(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first argument after the command's name counts too: `report -o a -o b FILE`."""
    monkeypatch.chdir(root)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    result = CliRunner().invoke(
        cli, ["report", "-o", str(first), "-o", str(second), NEW], catch_exceptions=False
    )
    assert result.exit_code == 2
    said = f"--output given more than once, as `{first}` and `{second}`: it takes one value"
    assert f"{said} (give it once)" in result.stderr
    assert not first.exists()
    assert not second.exists()


@pytest.mark.parametrize("extra", [0, 1], ids=["threshold", "one-more"])
def test_a_progress_bar_shows_only_for_more_files_than_the_threshold(
    extra: int, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading exactly `PROGRESS_FILES` assessments at a terminal shows no bar (too short to
    need one, as a batch of that many shows none); one more file shows it."""
    from selfreview_core.cli import _terminal

    monkeypatch.setattr(_terminal, "stderr_is_terminal", lambda: True)
    text = (root / "examples/cohort/primary-2-2025.yaml").read_text(encoding="utf-8")
    for i in range(PROGRESS_FILES + extra):
        school = text.replace('id: "900002"', f'id: "{800000 + i}"')
        (tmp_path / f"school-{i}.yaml").write_text(school, encoding="utf-8")
    result = CliRunner().invoke(cli, ["benchmark", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["size"] == PROGRESS_FILES + extra
    assert ("Reading assessments" in result.stderr) is bool(extra)
    if not extra:
        assert result.stderr == ""
