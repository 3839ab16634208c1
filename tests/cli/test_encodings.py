"""Standard output whose encoding is not UTF-8: Windows' code page 1252 when a report is
redirected to a file there, Latin-1 on an old ISO-8859-1 locale.

Each command runs as a user runs it, in its own process, with `PYTHONIOENCODING` standing
for the locale. Before round 36, the first character such an encoding could not hold (a
Welsh school's `Ŵ`, the descriptors' dashes and arrows) ended the command with "internal
error: UnicodeEncodeError ... This is a bug", and `show becta-srf` failed in both.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli.test_terminal import Terminal
from program import selfreview
from selfreview_core.cli import cli

WELSH = "Ysgol Gymraeg Glan Ŵy"
WAIT = 60.0


def _run(args: list[str], encoding: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return selfreview(args, cwd=cwd, env=dict(os.environ, PYTHONIOENCODING=encoding))


@pytest.fixture
def welsh_school(tmp_path: Path, root: Path) -> Path:
    data = yaml.safe_load((root / "examples" / "example-primary-2026.yaml").read_text("utf-8"))
    data["school"]["name"] = WELSH
    path = tmp_path / "ysgol.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("encoding", "output_format"),
    [("cp1252", "table"), ("cp1252", "html"), ("cp1252", "csv"), ("latin-1", "json")],
)
def test_a_report_redirected_holds_the_bytes_o_writes_whatever_the_locale(
    encoding: str, output_format: str, welsh_school: Path, tmp_path: Path
) -> None:
    """A page says it is UTF-8 and JSON must be: on a file or a pipe, standard output
    holds exactly what `-o FILE` writes, every character kept."""
    written = tmp_path / f"report.{output_format}"
    args = ["report", str(welsh_school), "--format", output_format, "-o", str(written)]
    assert CliRunner().invoke(cli, args, catch_exceptions=False).exit_code == 0
    redirected = _run(["report", str(welsh_school), "--format", output_format], encoding, tmp_path)
    assert redirected.returncode == 0, redirected.stderr
    assert b"internal error" not in redirected.stderr
    assert redirected.stdout == written.read_bytes()
    if output_format != "csv":  # the CSV has no school name
        assert WELSH in redirected.stdout.decode("utf-8")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_every_listing_redirected_is_utf8_and_complete(encoding: str, tmp_path: Path) -> None:
    """The bundled framework's own text (its dashes and arrows) is not Latin-1 either."""
    plain = _run(["show", "becta-srf"], "utf-8", tmp_path)
    narrow = _run(["show", "becta-srf"], encoding, tmp_path)
    assert (narrow.returncode, narrow.stderr) == (0, b"")
    assert narrow.stdout == plain.stdout
    assert "┌" in narrow.stdout.decode("utf-8")


def test_a_problem_in_a_welsh_named_file_is_told_in_full(tmp_path: Path) -> None:
    """The located problem names the file as it is called, with its line and column; the
    count on standard error follows; no internal error."""
    bad = tmp_path / "ysgol-ŵy.yaml"
    bad.write_text("kind: assessment\nframework: [\n", encoding="utf-8")
    done = _run(["validate", str(bad)], "latin-1", tmp_path)
    assert done.returncode == 1
    assert f"{bad}:2:13: error: invalid YAML" in done.stdout.decode("utf-8")
    assert done.stderr == b"1 file checked: 0 valid, 1 invalid (1 error)\n"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")
@pytest.mark.parametrize("command", [["report", "{school}"], ["show", "becta-srf"]])
def test_on_a_latin1_terminal_what_it_cannot_show_is_escaped(
    command: list[str], welsh_school: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal gets text in its own encoding, never UTF-8's bytes, which a Latin-1
    terminal would take for 8-bit control codes (0x80 to 0x9F: `Ŵ` is C5 B4, `—` E2 80 94)."""
    monkeypatch.setenv("PYTHONIOENCODING", "latin-1")
    terminal = Terminal([part.format(school=welsh_school) for part in command], tmp_path)
    code, seen = terminal.finish(), terminal.received
    assert code == 0, seen[-2000:]
    assert b"internal error" not in seen
    assert [byte for byte in seen if 0x80 <= byte <= 0x9F] == []
    if command[0] == "report":
        assert b"Ysgol Gymraeg Glan \\u0174y" in seen
    else:
        assert b"\\u250c" in seen  # the table's corner
