"""Which files the cohort commands read (`cli/_cohort_paths.py`: `benchmark`, `collect`,
`support`): PATHS, the cohort's framework among them or in `--framework`; pinned by the
round-43 mutation pass over what was then `cli/_cohort.py`, and by trying it by hand."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

FRAMEWORK = "frameworks/becta-srf.yaml"
COHORT = "examples/cohort"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", ["benchmark", "support"])
@pytest.mark.parametrize("second", ["among-paths", "framework-option"])
def test_a_cohort_has_one_framework_named_at_most(
    command: str, second: str, root: Path, tmp_path: Path
) -> None:
    """A framework file among PATHS names the cohort's framework: a second one, among PATHS
    or as `--framework`, is a usage error, not one of them silently chosen."""
    other = tmp_path / "other.yaml"
    shutil.copyfile(root / FRAMEWORK, other)
    output = tmp_path / "out.txt"
    given = [str(other)] if second == "among-paths" else ["--framework", str(other)]
    result = run(command, str(root / COHORT), str(root / FRAMEWORK), *given, "-o", str(output))
    assert result.exit_code == 2, result.output
    assert "Error: name one framework: one file among PATHS, or --framework" in result.stderr
    assert result.stdout == ""
    assert not output.exists()


@pytest.mark.parametrize("command", ["benchmark", "support"])
@pytest.mark.parametrize("name", ["missing.yaml", "no/such/framework"])
def test_a_framework_file_that_is_not_there_is_said_to_be_missing(
    command: str, name: str, root: Path
) -> None:
    """`--framework` of a name that can only be a path (a file suffix, or a folder in it) and
    is not there: "does not exist", not a warning that framework ids are deprecated followed
    by "no framework is available"."""
    result = run(command, str(root / COHORT), "--framework", name)
    assert result.exit_code == 2, result.output
    assert f"Error: Invalid value for --framework: file `{name}` does not exist" in result.stderr
    assert "deprecated" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_standard_input_is_read_even_beside_a_folder_named_like_it(
    command: str, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-` is standard input, named `<stdin>` in messages: a folder of that name in the
    working directory is not walked in its place."""
    folder = tmp_path / "<stdin>"
    folder.mkdir()
    shutil.copyfile(root / COHORT / "primary-3-2025.yaml", folder / "other.yaml")
    monkeypatch.chdir(tmp_path)
    piped = (root / COHORT / "primary-1-2025.yaml").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, [command, "-", "--format", "json"], input=piped)
    assert result.exit_code == 0, result.output
    assert '"900001"' in result.stdout
    assert '"900003"' not in result.stdout


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_a_folder_with_nothing_to_read_is_named_on_one_line(command: str, tmp_path: Path) -> None:
    """A folder with no YAML or JSON file in it: a usage error that names the folder with its
    line break and escape shown, on the one line of the error."""
    folder = tmp_path / "no\nreviews\x1b[2J"
    folder.mkdir()
    (folder / "notes.txt").write_text("nothing", encoding="utf-8")
    result = run(command, str(folder))
    assert result.exit_code == 2, result.output
    shown = str(tmp_path / "no\\nreviews\\x1b[2J")
    assert (
        f"Error: Invalid value for PATHS: no YAML, JSON or JSON Lines files under {shown}\n"
        in result.stderr
    )
    assert "\x1b" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_a_missing_framework_file_is_named_on_one_line(command: str, root: Path) -> None:
    result = run(command, str(root / COHORT), "--framework", "no\nsuch\x1b[2J.yaml")
    assert result.exit_code == 2, result.output
    expected = (
        "Error: Invalid value for --framework: file `no\\nsuch\\x1b[2J.yaml` does not exist\n"
    )
    assert expected in result.stderr
    assert "\x1b" not in result.stderr


@pytest.mark.parametrize("command", ["benchmark", "support"])
@pytest.mark.parametrize("named", ["path", "bare-name"])
def test_a_framework_that_is_a_folder_is_refused_as_one(
    command: str, named: str, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--framework FOLDER`: a usage error (exit 2, as `report --framework FOLDER`) that
    says it is a folder, not that the file does not exist, nor (for a bare name) that
    framework ids are deprecated."""
    (tmp_path / "becta").mkdir()
    monkeypatch.chdir(tmp_path)
    name = str(tmp_path / "becta") if named == "path" else "becta"
    result = run(command, str(root / COHORT), "--framework", name)
    assert result.exit_code == 2, result.output
    expected = f"Error: Invalid value for --framework: `{name}` is a directory, not a file\n"
    assert expected in result.stderr
    assert "does not exist" not in result.stderr
    assert "deprecated" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["benchmark", "support"])
@pytest.mark.parametrize(("option", "takes"), [("--framework", "FILE"), ("--to", "id or file")])
def test_a_framework_is_not_taken_from_standard_input(
    command: str, option: str, takes: str, root: Path, tmp_path: Path
) -> None:
    """`--framework -` or `--to -`, which every other command reads from standard input: a
    usage error saying why (the workers read the framework again), before anything is read
    or written; not a deprecated framework id `-` (round 64's mutation pass: untested)."""
    output = tmp_path / "out.txt"
    result = CliRunner().invoke(
        cli, [command, str(root / COHORT), option, "-", "-o", str(output)], input="kind: x\n"
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for {option}: takes a framework {takes}, not `-`: the cohort's "
        "worker processes read the framework again, and standard input can be read only once "
        "(save it to a file)"
    )
    assert "deprecated" not in result.stderr
    assert result.stdout == ""
    assert not output.exists()


def test_a_framework_folder_is_named_on_one_line(root: Path, tmp_path: Path) -> None:
    """`--framework` a folder whose name holds a line break: named with `\\n`, on the
    error's one line (round 64's mutation pass)."""
    folder = tmp_path / "becta\nok: forged"
    folder.mkdir()
    result = run("support", str(root / COHORT), "--framework", str(folder))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for --framework: `{tmp_path}/becta\\nok: forged` is a "
        "directory, not a file"
    )


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_the_warning_about_a_framework_id_names_it_on_one_line(command: str, root: Path) -> None:
    """`--framework ID` (deprecated) with a line break in the id: the warning to use `--to`
    shows it as `\\n`, on the warning's one line."""
    result = run(command, str(root / COHORT), "--framework", "becta\nok: forged")
    assert "use --to becta\\nok: forged (--framework takes a FILE" in result.stderr
    assert "\nok: forged" not in result.stderr


@pytest.mark.parametrize("command", ["benchmark", "support", "collect"])
@pytest.mark.parametrize("spelling", ["dot-slash", "link"])
def test_a_file_named_twice_is_one_review(
    command: str, spelling: str, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder and one of its files under another name (`./`, a symbolic link): the file is
    read once, as `voices` reads a response once, not taken for a second review of its
    school on its date (a warning, and exit 1, for what the user gave once in effect)."""
    monkeypatch.chdir(root)
    again = f"./{COHORT}/primary-1-2025.yaml"
    if spelling == "link":
        again = str(tmp_path / "link.yaml")
        Path(again).symlink_to(root / COHORT / "primary-1-2025.yaml")
    tail = ["-o", str(tmp_path / "cohort.parquet")] if command == "collect" else []
    once = run(command, COHORT, *tail)
    twice = run(command, COHORT, again, *tail)
    assert once.exit_code == 0, once.output
    assert twice.exit_code == 0, twice.output
    assert twice.stderr == once.stderr
    assert "warning" not in twice.stderr
    assert twice.stdout == once.stdout


@pytest.mark.parametrize("command", ["benchmark", "support"])
@pytest.mark.parametrize("spelling", ["dot-slash", "link"])
def test_a_cohort_file_named_twice_is_read_once(
    command: str, spelling: str, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One cohort file under two names (`./`, a symbolic link) is one file: it was refused
    as two files holding the same reviews ("in more than one cohort file"), exit 1."""
    made = run("collect", str(root / COHORT), "-o", str(tmp_path / "c.parquet"))
    assert made.exit_code == 0, made.output
    monkeypatch.chdir(tmp_path)
    again = "./c.parquet"
    if spelling == "link":
        again = "link.parquet"
        Path(again).symlink_to(tmp_path / "c.parquet")
    once = run(command, "c.parquet")
    twice = run(command, "c.parquet", again)
    assert once.exit_code == 0, once.output
    assert (twice.exit_code, twice.stderr, twice.stdout) == (0, once.stderr, once.stdout)


@pytest.mark.parametrize("command", ["benchmark", "support", "report"])
def test_a_framework_that_is_a_device_is_refused_at_its_name_as_by_report(
    command: str, root: Path
) -> None:
    """`--framework /dev/null`: the loader's located refusal, exit 1, in every command alike
    (a folder is a usage error in every command alike: above, and click's for `report`)."""
    given = str(root / COHORT) if command != "report" else str(root / COHORT / "infant-4-2025.yaml")
    result = run(command, given, "--framework", os.devnull)
    assert result.exit_code == 1, result.output
    assert f"{os.devnull}: error: is a character device, not a regular file" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_a_framework_that_is_a_link_to_nothing_does_not_exist_as_for_report(
    command: str, root: Path, tmp_path: Path
) -> None:
    """`--framework gone.yaml`, a link whose target was removed: "does not exist", exit 2, as
    click's `exists=True` says it for `report` (it exited 1, "no such file", located)."""
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "removed.yaml")
    result = run(command, str(root / COHORT), "--framework", str(link))
    assert result.exit_code == 2, result.output
    assert f"Invalid value for --framework: file `{link}` does not exist\n" in result.stderr
    assert result.stdout == ""
    assert link.is_symlink()
