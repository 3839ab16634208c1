"""`output_targets`: an output is written to the file its name led to when it was checked.

Round 72: `-o view.json` was checked against the inputs before the work, then resolved
again at the write; another program that made `view.json` a symbolic link to an input
meanwhile had the input replaced by the output (SPEC section 7: "No output ever overwrites
an input"). The swap is made here at the last moment before the write (the writer's own
look at its target), the latest another program could make it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.errors import OutputRefused
from selfreview_core.outputs import atomic
from selfreview_core.outputs import targets as output_targets
from selfreview_core.outputs.writing import BatchWriter, Inputs, check_target, write_atomic

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _swapped_before_the_write(monkeypatch: pytest.MonkeyPatch, name: Path, to: Path) -> list[Path]:
    """Make `name` a link to `to` as the writer first looks at its target."""
    looked: list[Path] = []
    resolve: Callable[..., Path | None] = output_targets.taken

    def swapping(target: str | os.PathLike[str]) -> Path | None:
        if not looked:
            name.unlink(missing_ok=True)
            name.symlink_to(to)
        looked.append(Path(target))
        return resolve(target)

    monkeypatch.setattr(atomic, "taken", swapping)
    return looked


@pytest.mark.parametrize("existed", [False, True], ids=["new", "replaced"])
def test_report_s_output_made_a_link_to_its_input_during_the_work_leaves_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existed: bool
) -> None:
    review = tmp_path / "review.yaml"
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", review)
    before = _digest(review)
    out = tmp_path / "out.json"
    if existed:
        out.write_text("{}\n")
    monkeypatch.chdir(tmp_path)
    looked = _swapped_before_the_write(monkeypatch, out, review)
    result = CliRunner().invoke(
        cli, ["report", "review.yaml", "--format", "json", "-o", "out.json"]
    )
    assert result.exit_code == 0, result.output
    assert looked  # the swap was made, before the write
    assert _digest(review) == before  # the input is as it was
    assert not out.is_symlink()  # the link made meanwhile was replaced by the report
    assert out.read_text(encoding="utf-8").startswith("{")
    assert '"school"' in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "review.yaml"]


def test_voices_output_made_a_link_to_a_response_during_the_work_leaves_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    responses = tmp_path / "responses"
    shutil.copytree(EXAMPLES / "respondents", responses)
    one = sorted(p for p in responses.rglob("*") if p.is_file())[0]
    before = {p: _digest(p) for p in responses.rglob("*") if p.is_file()}
    out = tmp_path / "view.json"
    monkeypatch.chdir(tmp_path)
    _swapped_before_the_write(monkeypatch, out, one)
    result = CliRunner().invoke(cli, ["voices", "responses", "--format", "json", "-o", "view.json"])
    assert result.exit_code == 0, result.output
    assert {p: _digest(p) for p in responses.rglob("*") if p.is_file()} == before
    assert not out.is_symlink()
    assert out.read_text(encoding="utf-8").lstrip().startswith("{")


def test_a_link_given_as_the_output_is_written_through_as_it_led_when_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link the user gave stays a link, and the file it led to is written; re-pointed
    to an input during the work, the input is left and the file first named is written."""
    source = tmp_path / "in.yaml"
    source.write_text("kept: true\n")
    kept = tmp_path / "kept.json"
    kept.write_text("old\n")
    link = tmp_path / "out.json"
    link.symlink_to(kept)
    inputs = Inputs()
    inputs.add("REVIEW", source)
    check_target(link, inputs)
    _swapped_before_the_write(monkeypatch, link, source)
    write_atomic(link, "new\n")
    assert source.read_text() == "kept: true\n"
    assert kept.read_text() == "new\n"
    assert link.is_symlink()


def test_an_output_never_checked_is_resolved_when_written(tmp_path: Path) -> None:
    """A library caller writing without the check: a link is followed at the write, and
    stays a link (as before round 72)."""
    target = tmp_path / "target.json"
    target.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_atomic(link, "new\n")
    assert link.is_symlink()
    assert target.read_text() == "new\n"


def test_a_name_checked_again_is_judged_by_where_it_leads_then(tmp_path: Path) -> None:
    """A library caller checks an output, the link is pointed elsewhere, and it checks
    again: the second check judges the new place (a folder, refused), not the first."""
    kept = tmp_path / "kept.json"
    kept.write_text("old\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "out.json"
    link.symlink_to(kept)
    check_target(link)
    link.unlink()
    link.symlink_to(folder)
    with pytest.raises(OutputRefused, match="is a directory"):
        check_target(link)
    other = tmp_path / "other.json"
    other.write_text("before\n")  # a link to nothing is refused (since round 79)
    link.unlink()
    link.symlink_to(other)
    check_target(link)
    write_atomic(link, "new\n")
    assert other.read_text() == "new\n"
    assert kept.read_text() == "old\n"
    assert link.is_symlink()


def _made_at_the_write(monkeypatch: pytest.MonkeyPatch, make: Callable[[], None]) -> None:
    """`make` run as the writing starts, after every check (another program's doing)."""
    replacing = atomic._replacing

    def made(path: str | os.PathLike[str], *rest: object) -> object:
        make()
        return replacing(path, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic, "_replacing", made)


@contextmanager
def _unblocked(fifo: Path) -> Iterator[None]:
    """A guard for the old code, which waited for a reader for ever: one comes if the
    block lasts (60 s, never reached when it does not wait), and the test fails instead
    of hanging the suite."""
    done = threading.Event()

    def reader() -> None:
        if not done.wait(60):
            with suppress(OSError):
                os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))

    guard = threading.Thread(target=reader, daemon=True)
    guard.start()
    try:
        yield
    finally:
        done.set()
        guard.join()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("made", ["a named pipe", "a link to one", "a link to a device"])
def test_a_special_file_made_at_a_checked_name_during_the_work_is_refused_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: str
) -> None:
    """`-o out.json`, checked as a file to make; during the work another program makes a
    named pipe there (or a link to one, or to a device). Before round 73 the write
    followed it: a pipe nothing reads was waited for, for ever; a device was written to,
    "Wrote out.json", the report lost. Now the file checked is the one written, and what
    is there is refused as a file never replaced, exit 1, left as it was; the input too."""
    review = tmp_path / "review.yaml"
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", review)
    before = _digest(review)
    os.mkfifo(tmp_path / "feed")
    out = tmp_path / "out.json"
    monkeypatch.chdir(tmp_path)

    def make() -> None:
        if made == "a named pipe":
            os.mkfifo(out)
        else:
            out.symlink_to("feed" if made == "a link to one" else os.devnull)

    _made_at_the_write(monkeypatch, make)
    with _unblocked(tmp_path / "feed"), _unblocked(out):
        result = CliRunner().invoke(
            cli, ["report", "review.yaml", "--format", "json", "-o", "out.json"]
        )
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "Error: out.json: not a regular file (a device, a pipe or a socket); not replaced"
    ]
    assert result.stdout == ""
    assert _digest(review) == before
    if made == "a named pipe":
        assert stat.S_ISFIFO(out.lstat().st_mode)
    else:
        assert out.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed", "out.json", "review.yaml"]


def test_a_name_checked_is_let_go_once_written_and_the_table_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long-lived library caller checking many names keeps no more than `MAX_FIXED` of
    them (before round 73, every name ever checked), the oldest let go first; a name
    written is let go, and written again it is resolved afresh, as one never checked is."""
    monkeypatch.setattr(output_targets, "_FIXED", {})
    monkeypatch.setattr(output_targets, "MAX_FIXED", 3)
    names = [tmp_path / f"out{number}.json" for number in range(5)]
    for name in names:
        check_target(name)
    check_target(names[2])  # checked again: now the newest
    assert list(output_targets._FIXED) == [str(names[n]) for n in (3, 4, 2)]
    write_atomic(names[4], "written\n")
    assert list(output_targets._FIXED) == [str(names[n]) for n in (3, 2)]
    assert output_targets.taken(names[4]) is None
    elsewhere = tmp_path / "elsewhere.json"
    names[4].unlink()
    names[4].symlink_to(elsewhere)
    write_atomic(names[4], "again\n")  # not checked since: where the link leads now
    assert elsewhere.read_text() == "again\n"
    assert names[4].is_symlink()


def test_a_link_made_to_an_input_in_an_output_folder_during_a_batch_is_replaced(
    tmp_path: Path,
) -> None:
    """`--output-dir` needs no fixing of each file (round 73's decision): each report is
    renamed over its name in the folder, and a rename replaces a link there, never what it
    points to. A link made at a report's name to an input, between the report's making
    and its renaming, is replaced by the report; the input is left as it was."""
    review = tmp_path / "review.yaml"
    review.write_text("kept: true\n")
    folder = tmp_path / "reports"
    folder.mkdir()
    with BatchWriter(folder, Inputs().add("ASSESSMENT", review)) as writer:
        target = writer.write("school", ".json", "{}\n")
        target.symlink_to(review)  # another program's, before the rename
        assert writer.flush() == []
    assert review.read_text() == "kept: true\n"
    assert not target.is_symlink()
    assert target.read_text() == "{}\n"
    assert sorted(p.name for p in folder.iterdir()) == ["school.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("checked", ["a link to a device", "a named pipe read then"])
def test_a_special_name_swapped_to_a_pipe_nothing_reads_is_refused_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked: str
) -> None:
    """`-o out`, checked as a device (a link to `/dev/null`) or as a named pipe a reader had
    open; during the work another program puts a named pipe nothing reads there. Before round
    74 the write opened it and waited for a reader for ever; now the name checked is opened
    without waiting, and the pipe refused, exit 1, left as it was; the input too."""
    review = tmp_path / "review.yaml"
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", review)
    before = _digest(review)
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    reading = None
    if checked == "a link to a device":
        out.symlink_to(os.devnull)
    else:
        os.mkfifo(out)
        reading = os.open(out, os.O_RDONLY | os.O_NONBLOCK)

    def make() -> None:
        out.unlink()
        os.mkfifo(out)  # another pipe: nothing reads it
        if reading is not None:
            os.close(reading)

    _made_at_the_write(monkeypatch, make)
    with _unblocked(out):
        result = CliRunner().invoke(cli, ["report", "review.yaml", "--format", "json", "-o", "out"])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "Error: out: a named pipe that nothing reads, made there since it was checked: what "
        "is written there would wait for a reader for ever, so nothing was written"
    ]
    assert result.stdout == ""
    assert _digest(review) == before
    assert stat.S_ISFIFO(out.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "review.yaml"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_library_write_to_a_named_pipe_never_checked_still_waits_for_its_reader(
    tmp_path: Path,
) -> None:
    """Only a name checked is opened without waiting: `write_atomic(fifo)` with no check
    waits for the reader that comes, as it did before round 74."""
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as stream:
            got.append(stream.read())

    late = threading.Timer(0.05, reader)  # after the writer's open has begun to wait
    late.start()
    write_atomic(fifo, "whole\n")
    late.join()
    assert got == [b"whole\n"]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets")
@pytest.mark.parametrize("checked", ["a file to make", "a link to a device"])
def test_a_socket_made_at_a_checked_name_during_the_work_is_said_as_a_socket(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked: str
) -> None:
    """A socket made at `-o out` during the work: refused at the write, exit 1, named as
    a socket. Before round 74 it was "a device or a pipe" (checked as a file), or "No such
    device or address" (checked as a device), and round 74's first mend called it a named
    pipe nothing reads."""
    review = tmp_path / "review.yaml"
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", review)
    before = _digest(review)
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    if checked == "a link to a device":
        out.symlink_to(os.devnull)
    server = socket.socket(socket.AF_UNIX)

    def make() -> None:
        out.unlink(missing_ok=True)
        server.bind("out")

    _made_at_the_write(monkeypatch, make)
    with server:
        result = CliRunner().invoke(cli, ["report", "review.yaml", "--format", "json", "-o", "out"])
    said = {
        "a file to make": "not a regular file (a device, a pipe or a socket); not replaced",
        "a link to a device": (
            "a socket, made there since it was checked: nothing can open it to write, so "
            "nothing was written"
        ),
    }
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [f"Error: out: {said[checked]}"]
    assert result.stdout == ""
    assert _digest(review) == before
    assert stat.S_ISSOCK(out.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "review.yaml"]
