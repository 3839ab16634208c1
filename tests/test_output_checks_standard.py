"""`assess -o log >> log` and `plan -o log >> log` (or `-o /dev/stdout`, `2>> log` with
standard error): the file a command reads again is the one standard output (or error) is
sent to. Refused before any work, exit 2, since round 75; until round 76 in the words
meant for a device or a named pipe ("not a regular file"), which it is not. Now it is
named for what it is. Run with standard output made the file, as the shell's `>>` makes
it (the program's `main`: click's runner has no descriptor)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core.cli import cli
from selfreview_core.errors import OutputRefused
from selfreview_core.outputs.checks import check_target
from test_pipe_outputs_standard import REVIEW, appended_to

pytestmark = pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="descriptors by name")

COMMANDS = {
    "assess": ["assess", "becta-srf"],
    "plan": ["plan", REVIEW],
}


@pytest.mark.parametrize(("number", "stream"), [(1, "standard output"), (2, "standard error")])
@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
@pytest.mark.parametrize("name", ["log.yaml", "/dev/stdout"], ids=["its name", "/dev/stdout"])
def test_a_file_read_again_that_standard_output_is_sent_to_is_named_so(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    number: int,
    stream: str,
    command: list[str],
    name: str,
) -> None:
    if name == "/dev/stdout" and number == 2:
        name = "/dev/stderr"
    log = tmp_path / "log.yaml"
    log.write_bytes(b"before\n")
    monkeypatch.chdir(tmp_path)
    with appended_to(log, number, monkeypatch), pytest.raises(SystemExit) as ended:
        cli.main([*command, "-o", name], prog_name="selfreview")
    assert ended.value.code == 2
    said = log.read_text() if number == 2 else capfd.readouterr().err
    assert said.splitlines()[-1] == (
        f"Error: Invalid value for -o: `{name}` is the file {stream} is sent to, but this "
        "file is read again on the next run: what the command prints there would be mixed "
        f"into it, so nothing was done (give another file name, or send {stream} elsewhere)"
    )
    assert log.read_text().startswith("before\n")  # nothing of the command's work there
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.yaml"]


def test_the_library_refuses_it_with_its_own_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "log.yaml"
    log.write_bytes(b"before\n")
    with appended_to(log, 1, monkeypatch), pytest.raises(OutputRefused) as raised:
        check_target(log, reread=True)
    assert (raised.value.file, raised.value.first.code) == (str(log), "output-is-standard")
    assert log.read_bytes() == b"before\n"


def test_a_report_to_standard_outputs_own_file_is_still_written_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusal is only for a file read again: a report (not read again) is written
    through the descriptor, as round 75 made it."""
    log = tmp_path / "log.json"
    log.write_bytes(b"")
    with appended_to(log, 1, monkeypatch):
        assert check_target(log) == log
