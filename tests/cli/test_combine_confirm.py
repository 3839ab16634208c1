"""The command `combine` tells its reader to run ("Confirm it: selfreview assess FRAMEWORK -o
DRAFT --all") runs as it is printed, copied into a shell (round 59's attack): before, a
framework given as a file was named by an id that `assess` could not find (exit 2, "no
framework `example-srf@1` is available"), and a draft named `my draft.yaml` was shown
unquoted, so the shell split it in two (and would run a `$(...)` in the name)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOVERNOR = EXAMPLES / "respondents" / "governor-1.yaml"
FRAMEWORK_V1 = EXAMPLES / "migration" / "example-srf-1.yaml"
SCHOOL_V1 = EXAMPLES / "migration" / "example-school-v1.yaml"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def responses(folder: Path, count: int = 5) -> Path:
    """`count` teachers' answers to the made-up framework of examples/migration."""
    folder.mkdir()
    school = yaml.safe_load(SCHOOL_V1.read_text(encoding="utf-8"))
    school.pop("assessor", None)
    school["respondent"] = {"group": "teachers"}
    for i in range(count):
        school["assessed_on"] = f"2025-01-0{i + 1}"
        (folder / f"teacher-{i}.yaml").write_text(yaml.safe_dump(school), encoding="utf-8")
    return folder


def confirm_line(result: Result) -> list[str]:
    """The words of the command `combine` said to run, as a POSIX shell reads them."""
    assert result.exit_code == 0, result.output
    (line,) = [s for s in result.stderr.splitlines() if s.startswith("Confirm it: ")]
    words = shlex.split(line.removeprefix("Confirm it: "))
    assert words[0] == "selfreview"
    return words[1:]


def assert_confirms(words: list[str], draft: Path, strands: int) -> None:
    """`words`, run as given, confirm every strand of the draft with Enter (its level)."""
    before = yaml.safe_load(draft.read_text(encoding="utf-8"))["judgements"]
    session = run(*words, input="\n" * (2 * strands))
    assert session.exit_code == 0, session.output
    assert f"{strands} of {strands} strands judged" in session.stdout
    after = yaml.safe_load(draft.read_text(encoding="utf-8"))["judgements"]
    assert {s: j["level"] for s, j in after.items()} == {s: j["level"] for s, j in before.items()}


@pytest.mark.parametrize(
    "name", ["my draft.yaml", "it's $(touch pwned) `touch pwned`.yaml", "-draft.yaml"]
)
def test_the_command_to_confirm_a_draft_of_a_framework_file_runs_as_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = responses(tmp_path / "answers")
    shutil.copy(FRAMEWORK_V1, tmp_path / "our framework.yaml")
    given = {p: p.read_bytes() for p in [*folder.iterdir(), tmp_path / "our framework.yaml"]}
    result = run("combine", "answers", "--framework", "our framework.yaml", "-o", name)
    words = confirm_line(result)
    expected = ["assess", "our framework.yaml", "-o", f"./{name}" if name[0] == "-" else name]
    assert words == [*expected, "--all"]
    header = (tmp_path / name).read_text(encoding="utf-8").splitlines()[1]
    assert header == (
        "# Confirm each level and write its evidence: selfreview assess "
        "'our framework.yaml' -o THIS-FILE --all"
    )
    assert_confirms(words, tmp_path / name, 7)
    assert not (tmp_path / "pwned").exists()
    assert {p: p.read_bytes() for p in given} == given


def test_a_framework_found_in_the_responses_folder_is_named_by_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = responses(tmp_path / "answers")
    shutil.copy(FRAMEWORK_V1, folder / "framework.yaml")
    words = confirm_line(run("combine", "answers", "-o", "draft.yaml"))
    assert words == ["assess", "answers/framework.yaml", "-o", "draft.yaml", "--all"]
    assert_confirms(words, tmp_path / "draft.yaml", 7)


def test_an_available_framework_is_named_by_its_id_and_standard_input_by_a_placeholder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bundled = run("combine", str(GOVERNOR), "--min-group", "1", "-o", "d.yaml")
    assert confirm_line(bundled) == ["assess", "becta-srf@2010", "-o", "d.yaml", "--all"]
    responses(tmp_path / "answers")
    piped = run(
        "combine", "answers", "--framework", "-", "-o", "e.yaml",
        input=FRAMEWORK_V1.read_text(encoding="utf-8"),
    )  # fmt: skip
    assert confirm_line(piped) == ["assess", "FRAMEWORK", "-o", "e.yaml", "--all"]
    assert "selfreview assess FRAMEWORK -o THIS-FILE" in (tmp_path / "e.yaml").read_text()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash to read the line back")
@pytest.mark.parametrize(
    "name",
    [
        b"d\xff.yaml",  # a byte that is not UTF-8
        b"d\xfea \xe2\x80\x8b.yaml",  # a hex digit after such a byte, a zero-width space
        b"-it's \x1b[2J\n$(touch pwned).yaml",  # a control character, a line break, a quote
    ],
)
def test_the_command_to_confirm_a_draft_named_in_bytes_runs_as_printed_in_bash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: bytes
) -> None:
    """Before round 69 a name holding what a name shows escaped was printed inside plain
    quotes, `-o 'd\\udcff.yaml'`: pasted, the shell named another file (`d\\udcff.yaml`
    with a backslash), which assess then began a new review in. Now the line, run by bash,
    gives assess the very bytes of the draft's name, and the line stays printable."""
    monkeypatch.chdir(tmp_path)
    folder = responses(tmp_path / "answers")
    shutil.copy(FRAMEWORK_V1, folder / "framework.yaml")
    output = os.fsdecode(name)
    result = run("combine", "answers", "-o", output)
    assert result.exit_code == 0, result.output
    (line,) = [s for s in result.stderr.splitlines() if s.startswith("Confirm it: ")]
    assert line.isascii()
    assert line.isprintable()
    command = line.removeprefix("Confirm it: ")
    said = subprocess.run(
        ["bash", "-c", "selfreview() { printf '%s\\0' \"$@\"; }; " + command],
        capture_output=True,
        check=True,
        cwd=tmp_path,
    )
    words = said.stdout.split(b"\0")[:-1]
    given = b"./" + name if name.startswith(b"-") else name
    assert words == [b"assess", b"answers/framework.yaml", b"-o", given, b"--all"]
    assert not (tmp_path / "pwned").exists()
    assert_confirms([os.fsdecode(word) for word in words], tmp_path / output, 7)
    assert sorted(os.listdir(tmp_path)) == sorted(["answers", output])


@pytest.mark.skipif(not os.path.exists(os.devnull), reason="a device")
@pytest.mark.parametrize("given", ["the device", "a link to it"])
def test_a_draft_sent_to_a_device_asks_for_a_file_to_confirm(tmp_path: Path, given: str) -> None:
    """`combine -o /dev/null` (or a pipe) keeps no draft for `assess` to read, and `assess`
    refuses such a file (it reads it again): before round 74 the line said "assess
    becta-srf@2010 -o /dev/null --all", a command that fails, exit 2. Now it asks for a
    file, as the draft printed to standard output does."""
    target = os.devnull
    if given == "a link to it":
        (tmp_path / "nul").symlink_to(os.devnull)
        target = str(tmp_path / "nul")
    result = run("combine", str(EXAMPLES / "respondents"), "-o", target, "--date", "2026-10-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"Wrote {target}: 12 of 12 strands drafted from 23 responses."
    assert lines[-1] == "Confirm it: selfreview assess becta-srf@2010 -o DRAFT --all"
    refused = CliRunner().invoke(cli, ["assess", "becta-srf@2010", "-o", target, "--all"])
    assert refused.exit_code == 2  # what the line said before
