"""A file name that is not UTF-8 named in click's own messages about it ("Path '...' does not
exist.", "File '...' is a directory.") as every message of ours names it, `\\udcff`
(`cli._paths_given.NamedPath`, SPEC section 7). Before round 69 click wrote each such byte
as U+FFFD: `\\xff.yaml` and `\\xfe.yaml` both read `'\\ufffd.yaml'`, and a user could not
tell which file was meant, where our own messages (`-o` in a folder that is not there)
said `\\udcff`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="a file name of any bytes: Linux filesystems"
)
ROOT = Path(__file__).resolve().parents[2]
REVIEW = str(ROOT / "examples" / "example-primary-2025.yaml")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _error(result: Result) -> str:
    """The error line of a usage error (its last line)."""
    return result.stderr.splitlines()[-1]


def test_two_missing_files_differing_in_a_byte_are_named_apart(tmp_path: Path) -> None:
    first, second = (str(tmp_path / os.fsdecode(b"plain%c.yaml" % byte)) for byte in b"\xff\xfe")
    said = [_error(run("report", name)) for name in (first, second)]
    assert said == [
        f"Error: Invalid value for 'ASSESSMENT...': Path '{tmp_path}/plain\\udcff.yaml' "
        "does not exist.",
        f"Error: Invalid value for 'ASSESSMENT...': Path '{tmp_path}/plain\\udcfe.yaml' "
        "does not exist.",
    ]
    assert "\ufffd" not in "".join(said)


def test_a_missing_rule_pack_is_named_as_ours_are(tmp_path: Path) -> None:
    missing = str(tmp_path / os.fsdecode(b"rules\xff.yaml"))
    result = run("report", REVIEW, "--rules", missing)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert _error(result) == (
        f"Error: Invalid value for '--rules': File '{tmp_path}/rules\\udcff.yaml' does not exist."
    )


def test_an_output_that_is_a_folder_is_named_as_ours_are(tmp_path: Path) -> None:
    """`-o` is click's own `Path` (made a `NamedPath` by the group): its folder is left
    empty, nothing is printed, exit 2."""
    folder = tmp_path / os.fsdecode(b"out\xff")
    folder.mkdir()
    result = run("report", REVIEW, "--format", "json", "-o", str(folder))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert _error(result) == (
        f"Error: Invalid value for '-o' / '--output': File '{tmp_path}/out\\udcff' is a directory."
    )
    assert list(folder.iterdir()) == []


def test_a_framework_named_by_a_folder_is_named_as_ours_are(tmp_path: Path) -> None:
    """`show PATH` is checked by `_common`'s own `NamedPath`, not a parameter's type."""
    folder = tmp_path / os.fsdecode(b"frameworks\xff")
    folder.mkdir()
    result = run("show", str(folder))
    assert result.exit_code == 2
    assert _error(result) == (
        f"Error: Invalid value for FRAMEWORK: File '{tmp_path}/frameworks\\udcff' is a directory."
    )


def test_a_name_with_a_backslash_or_a_quote_is_not_doubled(tmp_path: Path) -> None:
    """Click quoted a name as Python's `repr` does (`'a\\\\b'`, `"it's"`); ours are shown
    as typed, a control character escaped."""
    name = str(tmp_path / "it's\\x\x1b.yaml")
    result = run("validate", name)
    assert result.exit_code == 2
    assert _error(result) == (
        f"Error: Invalid value for 'PATHS...': Path '{tmp_path}/it's\\x\\x1b.yaml' does not exist."
    )


def test_a_command_a_program_adds_names_its_paths_as_ours_are(tmp_path: Path) -> None:
    """A command added to the group (`cli.add_command`, as a program embedding the
    commands adds its own) has its click `Path`s named as the group's own are: before
    round 71 its missing `\\xff.yaml` was "Path '\\ufffd.yaml' does not exist.", the
    box every such byte is drawn as. Its callback is not run; exit 2, nothing printed."""
    import click

    from selfreview_core.cli import cli as group

    ran: list[str] = []

    @click.command("added")
    @click.argument("source", type=click.Path(exists=True))
    @click.option("-o", "output", type=click.Path(dir_okay=False))
    def added(source: str, output: str | None) -> None:
        ran.append(source)

    group.add_command(added)
    try:
        missing = str(tmp_path / os.fsdecode(b"school\xff.yaml"))
        result = run("added", missing)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert _error(result) == (
            f"Error: Invalid value for 'SOURCE': Path '{tmp_path}/school\\udcff.yaml' "
            "does not exist."
        )
        folder = tmp_path / os.fsdecode(b"out\xfe")
        folder.mkdir()
        result = run("added", REVIEW, "-o", str(folder))
        assert result.exit_code == 2
        assert _error(result) == (
            f"Error: Invalid value for '-o': File '{tmp_path}/out\\udcfe' is a directory."
        )
        assert ran == []
        assert list(folder.iterdir()) == []
    finally:
        del group.commands["added"]


def test_a_command_a_program_adds_names_its_click_files_as_ours_are(tmp_path: Path) -> None:
    """A program's command whose options are click `File`s (to read, and to write, opened
    when first written) has them named as ours: a missing `\\xff.yaml` is
    `'...school\\udcff.yaml'`, not click's U+FFFD; a name holding a NUL (a program's
    `main([...])`) is a usage error naming it, exit 2, where before round 72 it was
    "internal error: ValueError: embedded null byte", exit 1. Its callback is not run,
    nothing is written."""
    import click

    from selfreview_core.cli import cli as group

    ran: list[str] = []

    @click.command("filed")
    @click.option("--source", type=click.File("r"))
    @click.option("--out", type=click.File("w"))
    def filed(source: object, out: object) -> None:
        ran.append("ran")

    group.add_command(filed)
    try:
        missing = str(tmp_path / os.fsdecode(b"school\xff.yaml"))
        result = run("filed", "--source", missing)
        assert (result.exit_code, result.stdout) == (2, "")
        assert _error(result) == (
            f"Error: Invalid value for '--source': '{tmp_path}/school\\udcff.yaml': No such "
            "file or directory"
        )
        for option in ("--source", "--out"):
            result = run("filed", option, str(tmp_path / "a\0b.yaml"))
            assert (result.exit_code, result.stdout) == (2, ""), result.output
            assert _error(result) == (
                f"Error: Invalid value for '{option}': '{tmp_path}/a\\x00b.yaml' is not a "
                "possible file name: it holds a NUL character"
            )
        assert ran == []
        assert list(tmp_path.iterdir()) == []
    finally:
        del group.commands["filed"]
