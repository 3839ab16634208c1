"""A name to disable that no plugin has is named cut after 37 characters, as a file's value
is (`errors.cut`), in every format that says it (round 80): `disable` in `selfreview.toml`
holding 100,000 characters (or a million) was printed whole on standard error, in the JSON report's
problems, the Markdown and the HTML, each a megabyte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

NAME = "\u202e" + "a" * 100_000
SAID = "no plugin named `\\u202e" + "a" * 36 + "...` to disable"


@pytest.mark.parametrize("given", ["file", "option"])
def test_a_long_name_to_disable_is_named_cut_in_every_format(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    example = root / "examples" / "example-primary-2026.yaml"
    monkeypatch.chdir(tmp_path)
    extra = []
    if given == "file":
        (tmp_path / "selfreview.toml").write_text(f"disable = [{json.dumps(NAME)}]\n", "utf-8")
    else:
        extra = ["--disable", NAME]
    runner = CliRunner()
    for form in ("json", "markdown", "html"):
        args = ["report", str(example), "--format", form, "-o", f"r.{form}", *extra]
        result = runner.invoke(cli, args, env={"SELFREVIEW_DISABLE": ""})
        assert result.exit_code == 0, result.output
        assert result.stderr == f"warning: {SAID}\nWrote r.{form} ({form}).\n"
        written = (tmp_path / f"r.{form}").read_text("utf-8")
        assert "a" * 40 not in written
        if form == "json":
            problems = json.loads(written)["problems"]
            assert problems == [{"source": "engine", "message": SAID, "severity": "warning"}]
            assert {"next-steps", "lea-support"} <= {
                r["source"] for r in json.loads(written)["recommendations"]
            }
        else:
            assert "\\u202e" + "a" * 36 + "..." in written
