"""A plugin that changes the working directory cannot move the command's files.

Before round 37, `selfreview report a.yaml -o out.json` with such a plugin installed said
`Wrote out.json (json).` and exited 0 while the report was in the plugin's folder (over any
`out.json` there), and a batch lost every school after the first: "cannot read: No such
file or directory". `hostile-moves` (tests/plugins/selfreview_hostile/moves.py) changes it
at import and in its hook, to a folder holding an `out.json` of its own, which must stay
as it is.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

import pytest

from program import selfreview, with_plugin
from selfreview_core.isolation import process_state
from selfreview_core.isolation.output import plugin_output
from selfreview_core.isolation.process_state import Home

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ("example-primary-2025.yaml", "example-primary-2026.yaml")
SENTINEL = b"the plugin's folder's own file\n"


class Done(NamedTuple):
    returncode: int
    stderr: str


@pytest.fixture
def site(tmp_path: Path) -> dict[str, str]:
    """`hostile-moves` installed as pip would, alone: the program's environment."""
    return with_plugin(tmp_path / "site", "hostile-moves", "selfreview_hostile.moves")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """Where the user runs the command: the two example reviews, by relative names."""
    work = tmp_path / "work"
    work.mkdir()
    for name in EXAMPLES:
        (work / name).write_bytes((ROOT / "examples" / name).read_bytes())
    return work


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """Where the plugin goes, with an `out.json` of its own."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "out.json").write_bytes(SENTINEL)
    return folder


def _run(args: list[str], work: Path, site: dict[str, str], elsewhere: Path) -> Done:
    env = dict(site, SELFREVIEW_HOSTILE_ELSEWHERE=str(elsewhere))
    done = selfreview(args, cwd=work, env=env)
    return Done(done.returncode, done.stderr.decode())


def _warned(stderr: str, work: Path, elsewhere: Path) -> None:
    """Said once, naming both folders."""
    warning = (
        f"warning: plugin hostile-moves changed the working directory (to {elsewhere}); changed"
        f" back to {work}, where the command reads and writes the files it was given\n"
    )
    assert stderr.count(warning) == 1, stderr


def test_one_report_is_written_where_the_command_was_started(
    work: Path, site: dict[str, str], elsewhere: Path
) -> None:
    done = _run(["report", EXAMPLES[1], "-o", "out.json"], work, site, elsewhere)
    assert done.returncode == 0, done.stderr
    report = json.loads((work / "out.json").read_text("utf-8"))
    assert "hostile-moves-kept" in [r["id"] for r in report["recommendations"]]
    assert (elsewhere / "out.json").read_bytes() == SENTINEL
    _warned(done.stderr, work, elsewhere)
    assert "Wrote out.json (json)." in done.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_school_of_a_batch_is_read_and_written_where_it_was_named(
    work: Path, site: dict[str, str], elsewhere: Path, jobs: str
) -> None:
    """Every school after the first was lost: its file was looked for in the plugin's
    folder, and so was the folder the reports went to."""
    args = ["report", *EXAMPLES, "--output-dir", "reports", "--jobs", jobs]
    done = _run(args, work, site, elsewhere)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (work / "reports").iterdir()) == [
        "100000-2025-10-06.json",
        "100000-2026-10-05.json",
    ]
    assert sorted(p.name for p in elsewhere.iterdir()) == ["out.json"]
    assert "2 reports written in reports" in done.stderr


def test_a_json_lines_stream_holds_every_school(
    work: Path, site: dict[str, str], elsewhere: Path
) -> None:
    done = _run(["report", *EXAMPLES, "--format", "json", "-o", "out.jsonl"], work, site, elsewhere)
    assert done.returncode == 0, done.stderr
    lines = (work / "out.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 2
    _warned(done.stderr, work, elsewhere)


def test_a_program_embedding_the_engine_keeps_its_own_working_directory() -> None:
    """Nothing is watched unless the program asks (`keep`): the command line does, for its
    own process; a program calling the library owns its working directory."""
    assert process_state.kept is None


@pytest.mark.usefixtures("unkept")
def test_plugin_code_that_leaves_the_folder_is_brought_back_once_it_has_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    start, away = tmp_path / "start", tmp_path / "away"
    start.mkdir()
    away.mkdir()
    monkeypatch.chdir(start)
    process_state.keep()
    with plugin_output():
        with plugin_output():  # nested: brought back when the outermost ends
            os.chdir(away)
        assert Path.cwd() == away
    assert Path.cwd() == start
    assert process_state.kept is not None
    assert not process_state.kept.left  # later reports look no further
    descriptor = os.open(away, os.O_RDONLY)
    try:
        with plugin_output():
            os.fchdir(descriptor)
    finally:
        os.close(descriptor)
    assert Path.cwd() == start
    err = capsys.readouterr().err
    assert err == (
        f"warning: a plugin changed the working directory (to {away}); changed back to "
        f"{start}, where the command reads and writes the files it was given\n"
    )


def test_a_folder_renamed_meanwhile_is_still_the_one_gone_back_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Held open, not named: the user renaming it moves nothing."""
    start, away = tmp_path / "start", tmp_path / "away"
    start.mkdir()
    away.mkdir()
    monkeypatch.chdir(start)
    home = Home.here()
    assert home is not None
    start.rename(tmp_path / "renamed")
    os.chdir(away)
    assert home.back() is not None
    assert Path.cwd() == tmp_path / "renamed"


@pytest.mark.usefixtures("unkept")
def test_a_folder_that_cannot_be_held_is_not_watched(monkeypatch: pytest.MonkeyPatch) -> None:
    """No permission to open it (or no such thing on the system): nothing is kept, and
    `os.chdir` is left as it is."""

    def refused(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    chdir = os.chdir
    monkeypatch.setattr(os, "open", refused)
    process_state.keep()
    assert process_state.kept is not None
    assert process_state.kept.home is None
    assert os.chdir is chdir


@pytest.mark.usefixtures("unkept")
@pytest.mark.parametrize(
    ("name", "removed", "shown"),
    [
        ("away", True, "a folder since removed"),
        ("away\nerror: forged", False, "{tmp}/away\\nerror: forged"),
    ],
    ids=["removed", "line-break"],
)
def test_the_folder_a_plugin_went_to_is_named_on_one_line_or_said_removed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    removed: bool,
    shown: str,
) -> None:
    """A folder a plugin went to and removed leaves no name to give: the warning says so in
    words, not "(to None)". A name is shown as a terminal shows any name, its line break
    escaped, so that it cannot start a line of its own (a forged "error:" line). Either
    way the command is brought back."""
    start, away = tmp_path / "start", tmp_path / name
    start.mkdir()
    away.mkdir()
    monkeypatch.chdir(start)
    process_state.keep()
    with plugin_output():
        os.chdir(away)
        if removed:
            away.rmdir()
    assert Path.cwd() == start
    assert capsys.readouterr().err == (
        f"warning: a plugin changed the working directory (to {shown.format(tmp=tmp_path)});"
        f" changed back to {start}, where the command reads and writes the files it was"
        " given\n"
    )
