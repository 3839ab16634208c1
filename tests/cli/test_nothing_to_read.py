"""A folder with nothing a command reads in it (round 60).

`validate` and the cohort commands read JSON Lines files too (`.jsonl`, one review a line),
but their usage error for an empty folder said "no YAML or JSON files under DIR", as though a
folder of `.jsonl` files would not do. Each now says what it reads, as `report`, `voices`
and `combine` did: "no YAML, JSON or JSON Lines files under DIR" (exit 2, nothing written).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

DATA = Path(__file__).resolve().parents[1] / "data" / "good"
FRAMEWORK = DATA / "tiny-framework.yaml"
REVIEW = DATA / "tiny-assessment.yaml"
COMMANDS = ["validate", "benchmark", "support", "collect"]


def _run(command: str, folder: Path, out: Path) -> Result:
    args = [command, str(folder), "--framework", str(FRAMEWORK)]
    args += ["-o", str(out)] if command == "collect" else []
    return CliRunner().invoke(cli, args, catch_exceptions=False)


@pytest.mark.parametrize("command", COMMANDS)
def test_an_empty_folder_is_said_in_the_words_of_what_the_command_reads(
    command: str, tmp_path: Path
) -> None:
    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "notes.txt").write_text("nothing", encoding="utf-8")
    out = tmp_path / "cohort.parquet"
    result = _run(command, folder, out)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for PATHS: no YAML, JSON or JSON Lines files under {folder}"
    )
    assert result.stdout == ""
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reviews"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_of_json_lines_alone_is_read(command: str, tmp_path: Path) -> None:
    """What the words promise: a `.jsonl` file is enough."""
    folder = tmp_path / "reviews"
    folder.mkdir()
    review = json.loads(json.dumps(yaml.safe_load(REVIEW.read_text(encoding="utf-8")), default=str))
    (folder / "reviews.jsonl").write_text(json.dumps(review) + "\n", encoding="utf-8")
    result = _run(command, folder, tmp_path / "cohort.parquet")
    assert result.exit_code == 0, result.output
    assert "files under" not in result.output
