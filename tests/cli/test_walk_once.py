"""One walk a command: the output checks use what the walk of the input folders found.

Round 54 refused `-o`/`--output-dir` in a folder the walk reaches through a symbolic link,
but found those folders by walking every input folder a second time (`os.scandir` again on
each), in an order of its own. The walk now reports the links it followed to the command's
record (`_followed.Followed`), and `output_checks.Inputs.walk` takes them from it: each
folder is listed once a command, and the refusal is what it was, naming the link."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.test_output_in_walked_folder import here  # noqa: F401 - fixtures are found by name
from cli.test_report_batch import refusal_in, run_in


@pytest.fixture
def linked(here: Path) -> Path:  # noqa: F811 - the fixture imported
    """`here` (`schools`, `voices`), and `shared`, a folder beside them that
    `schools/north/elsewhere` and `voices/elsewhere` link to."""
    (here / "shared" / "deep").mkdir(parents=True)
    (here / "schools" / "north" / "elsewhere").symlink_to(here / "shared")
    (here / "voices" / "elsewhere").symlink_to(here / "shared")
    return here


@pytest.fixture
def listed(linked: Path, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times the command lists each folder under `linked` (`os.scandir` called from
    the package, not from the test's own look at the tree), by its real path relative to
    `linked`."""
    counts: Counter[str] = Counter()
    scandir = os.scandir
    real = os.path.realpath(linked)

    def counting(path: str | os.PathLike[str] = ".") -> Iterator[os.DirEntry[str]]:
        where = os.path.realpath(os.fspath(path))
        caller = sys._getframe(1).f_globals.get("__name__", "")
        ours = caller.startswith("selfreview_core")
        if ours and (where == real or where.startswith(real + os.sep)):
            counts[os.path.relpath(where, real)] += 1
        return scandir(path)

    monkeypatch.setattr(os, "scandir", counting)
    return counts


@pytest.mark.parametrize(
    ("args", "option", "flag", "output", "link"),
    [
        (("report", "schools", "--format", "json"), "ASSESSMENT", "-o", "shared/r.json", "n"),
        (("report", "schools", "--format", "json"), "ASSESSMENT", "--output-dir", "shared", "n"),
        (("benchmark", "schools", "--format", "json"), "PATHS", "-o", "shared/deep/b.json", "n"),
        (("support", "schools", "--format", "json"), "PATHS", "-o", "shared/s.json", "n"),
        (("voices", "voices", "--format", "json"), "PATH", "-o", "shared/v.json", "v"),
        (("combine", "voices"), "PATH", "-o", "shared/draft.yaml", "v"),
    ],
)
def test_each_folder_is_listed_once_and_the_link_is_still_refused(
    linked: Path,
    listed: Counter[str],
    args: tuple[str, ...],
    option: str,
    flag: str,
    output: str,
    link: str,
) -> None:
    message = refusal_in(linked, *args, flag, output)
    named = "schools/north/elsewhere" if link == "n" else "voices/elsewhere"
    assert f"Invalid value for {flag}: `{output}` is inside `{named}` ({option}), " in message
    walked = {"schools", "schools/north", "shared", "shared/deep"} if link == "n" else set()
    assert set(listed) >= walked
    assert max(listed.values()) == 1, listed  # no folder listed twice


def test_a_folder_whose_link_was_removed_is_written_on_the_next_run(linked: Path) -> None:
    """What a walk followed is replaced by the next walk of the folder: the link gone, an
    output in `shared` is no longer under a folder walked, and is written."""
    args = ("report", "schools", "--format", "json", "-o", "shared/r.json")
    assert "is inside `schools/north/elsewhere`" in " ".join(refusal_in(linked, *args).split())
    (linked / "schools" / "north" / "elsewhere").unlink()
    result = run_in(linked, *args)
    assert result.exit_code == 0, result.output
    assert (linked / "shared" / "r.json").is_file()


def test_a_folder_under_the_one_given_is_named_by_it_though_a_link_reached_it_first(
    linked: Path,
) -> None:
    """`schools/a -> schools/north`: the walk, in name order, enters `north` through the
    link; an output there is refused as inside `schools`, the folder given, whatever the
    order the folders are listed in."""
    (linked / "schools" / "a").symlink_to(linked / "schools" / "north")
    args = ("report", "schools", "--format", "json", "-o", "schools/north/r.json")
    message = refusal_in(linked, *args)
    assert "`schools/north/r.json` is inside `schools` (ASSESSMENT), " in message
