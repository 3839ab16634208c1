"""`selfreview validate`'s command line: `--quiet` shows only the problems, `--help` gives
the default format, and every name and summary it prints is on one line (a mutation pass
over `cli/validate.py`, round 44)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK = ROOT / "examples" / "migration" / "example-srf-1.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_quiet_shows_only_the_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: assessment\n", encoding="utf-8")
    result = run("validate", "-q", str(FRAMEWORK), str(bad))
    assert result.exit_code == 1
    assert "ok:" not in result.output
    assert "checked" not in result.output  # no summary
    assert f"{bad}:1:1: error: missing required key `framework`" in result.stdout
    assert run("validate", "-q", str(FRAMEWORK)).output == ""
    assert "[default: table]" in " ".join(run("validate", "--help").stdout.split())


def test_every_name_and_summary_is_on_one_line(tmp_path: Path) -> None:
    """A file whose name breaks a line, a title holding one, and the warning of a
    `--framework` file given twice naming such a file: each `\\n` shown."""
    odd = tmp_path / "odd\nok: forged.yaml"
    text = FRAMEWORK.read_text(encoding="utf-8")
    odd.write_text(
        text.replace(
            "title: Example self-review framework (made up), version 1",
            'title: "Two\\nlines: Example"',
            1,
        ),
        encoding="utf-8",
    )
    copy = tmp_path / "copy.yaml"
    shutil.copyfile(FRAMEWORK, copy)
    result = run("validate", "--framework", str(copy), "--framework", str(odd), str(odd))
    assert result.exit_code == 0, result.output
    assert "\nok: forged" not in result.output
    assert "\nlines:" not in result.output
    shown = str(odd).replace("\n", "\\n")
    assert f'{shown}: ok: framework example-srf@1 "Two\\nlines: Example' in result.stdout
    assert f"given twice, in {shown} and {copy}; using {shown}\n" in result.stderr
