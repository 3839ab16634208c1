"""The checks of what a command writes (`cli/_output_paths.py`), called as the commands call
them: each refusal a usage error naming its option, nothing created."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from selfreview_core.cli import _common
from selfreview_core.cli._output_paths import STDOUT, output_file, output_folder
from selfreview_core.outputs.writing import Inputs


def test_the_commands_get_the_checks_from_common_unchanged() -> None:
    assert (_common.output_file, _common.output_folder) == (output_file, output_folder)
    assert _common.STDOUT == STDOUT == "-"


def test_an_input_is_refused_as_the_output_naming_the_option(tmp_path: Path) -> None:
    school = tmp_path / "school.yaml"
    school.write_text("kind: assessment\n")
    with pytest.raises(click.BadParameter) as caught:
        output_file(str(school), Inputs().add("ASSESSMENT", school), "--output")
    assert caught.value.param_hint == "--output"
    assert school.read_text() == "kind: assessment\n"


@pytest.mark.parametrize(("path", "words"), [("", "an empty name"), ("-", "standard output")])
def test_no_folder_is_made_of_an_empty_name_or_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str, words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(click.BadParameter, match=words) as caught:
        output_folder(path, Inputs())
    assert caught.value.param_hint == "--output-dir"
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_can_be_written_is_passed_and_not_made(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    output_file(str(target), Inputs())  # no usage error
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "option", "name", "what"),
    [
        (["report", "--format", "json", "-o"], "-o", "a" * 300 + ".json", "file"),
        (["report", "--format", "json", "-o"], "-o", "d/" * 2100 + "x.json", "file"),
        (["report", "--output-dir"], "--output-dir", "a" * 300, "folder"),
    ],
    ids=["a name past 255 bytes", "a path past 4,096", "a folder's name"],
)
def test_a_name_too_long_for_the_system_is_a_usage_error_before_any_work(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    option: str,
    name: str,
    what: str,
) -> None:
    """The system refuses to look at such a name (ENAMETOOLONG): before round 75 that came
    out of the checks as "Error: NAME: File name too long", exit 1, unlike every other name
    that cannot be written. Now a usage error naming the option, exit 2, nothing made."""
    from selfreview_core.cli import cli

    monkeypatch.chdir(tmp_path)
    review = Path(__file__).resolve().parents[2] / "examples" / "example-primary-2025.yaml"
    result = CliRunner().invoke(cli, [args[0], str(review), *args[1:], name])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for {option}: `{name}` cannot be written (File name too long), "
        f"so nothing was done (give a shorter {what} name)"
    )
    assert list(tmp_path.iterdir()) == []
