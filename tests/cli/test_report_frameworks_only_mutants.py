"""What `selfreview report` (`cli/report.py`) does that its other tests did not pin: found by
the round-71 mutation pass over the module. Framework files alone, with no assessment among
them, are a usage error that says what is missing, after a framework's own mistakes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli
from test_outputs import snapshot

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "migration"
V1 = EXAMPLES / "example-srf-1.yaml"
V2 = EXAMPLES / "example-srf-2.yaml"


def test_framework_files_alone_are_a_usage_error_naming_what_is_missing(tmp_path: Path) -> None:
    """`report framework.yaml` (the review forgotten): exit 2, nothing on standard output,
    the command's usage and what to add; nothing written. A framework among the files is
    used as one, never reported on."""
    before = snapshot(tmp_path)
    args = ["report", str(V1), str(V2), "-o", str(tmp_path / "r.md")]
    result = CliRunner().invoke(cli, args, prog_name="selfreview")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Usage: selfreview report [OPTIONS] ASSESSMENT...\n")
    assert result.stderr.endswith(
        "Error: give an ASSESSMENT to report on, as well as its framework\n"
    )
    assert snapshot(tmp_path) == before


def test_a_framework_file_alone_with_mistakes_is_refused_at_them_first(tmp_path: Path) -> None:
    """A framework file given alone, with a mistake in it: the mistake is told first, at its
    line and column, exit 1, rather than only that an assessment is missing."""
    framework = tmp_path / "fw.yaml"
    framework.write_text(V1.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitel: "), "utf-8")
    result = CliRunner().invoke(cli, ["report", str(framework)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert f"{framework}:8:1: error: titel: unknown key `titel` (did you mean `title`?)\n" in (
        result.stderr
    )
    assert "give an ASSESSMENT" not in result.stderr
