"""JSON Lines on standard input (`report -`, `validate -`): once its first line is a JSON
object the stream is JSON Lines (SPEC section 5: "A path of `-` reads standard input"), and
each later line is read as JSON, as a line of a `.jsonl` file is. Before round 52 a later
line that did not start with `{` was parsed as YAML on standard input (`key: v` was a mapping
"missing required key `kind`") and as JSON in a file ("invalid JSON"): the same content gave
two messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from selfreview_core.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "example-primary-2026.yaml"
GOOD = json.dumps(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")), default=str)


@pytest.mark.parametrize(
    "bad", ["[1]", '"x"', "key: v", "- a", "\ufeffkey: v", "kind: assessment", "", "\ufeff{}"]
)
@pytest.mark.parametrize("command", ["report", "validate"])
def test_a_bad_line_on_stdin_is_told_as_in_a_jsonl_file(
    tmp_path: Path, command: str, bad: str
) -> None:
    stream = f"{GOOD}\n{bad}\n{GOOD}\n"
    file = tmp_path / "s.jsonl"
    file.write_text(stream, encoding="utf-8")
    runner = CliRunner()
    from_file = runner.invoke(cli, [command, str(file)], catch_exceptions=False)
    piped = runner.invoke(cli, [command, "-"], input=stream.encode(), catch_exceptions=False)
    assert piped.exit_code == from_file.exit_code == (0 if bad == "" else 1)
    said = (from_file.stdout + from_file.stderr).replace(str(file), "<stdin>")
    assert piped.stdout + piped.stderr == said
    assert file.read_text(encoding="utf-8") == stream  # the input is left as it was
    assert "Traceback" not in said
    assert "internal error" not in said
    if bad.lstrip("\ufeff") in ("key: v", "- a", "kind: assessment"):
        assert "<stdin>:2:1: error: invalid JSON" in piped.stdout + piped.stderr
