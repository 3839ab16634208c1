"""A plugin that puts another file over the program's standard descriptors, or closes
them, at import and in its hook (`os.dup2`, `os.close`, `os.closerange`): each is put back
when its code has run, said once, and every school's report is written whole where the
user sent it (`isolation.descriptors`)."""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from contextlib import suppress
from pathlib import Path

import pytest

from isolation.test_exit_functions import _batch
from program import reports_whole, selfreview, with_plugin
from selfreview_core._held import WRITING
from selfreview_core.isolation.descriptors import Standard, _close, _dup2
from selfreview_core.isolation.output import plugin_output

if sys.platform == "win32":  # pragma: no cover - descriptors as POSIX has them
    pytest.skip("POSIX descriptors", allow_module_level=True)

EXAMPLES = ("example-primary-2025.yaml", "example-primary-2026.yaml")
KEPT = "hostile-descriptors-kept"
#: Each descriptor's warning, once put back.
WARNINGS = {
    0: "warning: plugin hostile-descriptors put another file over standard input"
    " (descriptor 0), or closed it; put back, where the command reads `-`",
    1: "warning: plugin hostile-descriptors put another file over standard output"
    " (descriptor 1), or closed it; put back, where the command writes its reports",
    2: "warning: plugin hostile-descriptors put another file over standard error"
    " (descriptor 2), or closed it; put back, where the command tells its errors and warnings",
}


def _changing(tmp_path: Path, how: str) -> dict[str, str]:
    """The program's environment with `hostile-descriptors` installed alone, doing `how`."""
    env = with_plugin(tmp_path / "site", "hostile-descriptors", "selfreview_hostile.descriptors")
    return dict(env, SELFREVIEW_HOSTILE_DESCRIPTORS=how)


@pytest.mark.parametrize(
    ("how", "put_back"),
    [
        ("output", [1]),
        ("error", [2]),
        ("close-output", [1]),
        ("input,output,error", [2, 1, 0]),
        ("close-all", [2, 1, 0]),
        ("same", []),  # the same file: nothing said
        ("fdopen-output", [1]),
        ("open-output", [1]),
        ("fileio-output", [1]),
        ("freed-output", [1]),
        ("reopen-output", [1]),
        ("fdopen-all", [2, 1, 0]),
    ],
)
def test_every_report_reaches_standard_output_and_every_error_standard_error(
    how: str, put_back: list[int], root: Path, tmp_path: Path
) -> None:
    """Before round 48, a plugin's `os.dup2` of /dev/null over descriptor 1 had every
    report lost, the command saying "2 reports written" with status 0; over descriptor 2,
    the bad file's error was lost; `os.close(1)` failed the command, every report lost.
    Standard input, put over or closed at import, is read whole as `-`. Before round 49,
    descriptor 1 closed by a file object (`os.fdopen(1, "w").close()`) failed the command,
    "standard output: Bad file descriptor", every report lost."""
    (tmp_path / "bad.yaml").write_text("kind: assessment\n", encoding="utf-8")
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    args = ["report", schools[0], "bad.yaml", "-", "--format", "json"]
    with Path(schools[1]).open("rb") as piped:  # the second school, read as `-`
        done = selfreview(args, cwd=tmp_path, env=_changing(tmp_path, how), stdin=piped)
    told = done.stderr.decode().splitlines()
    assert done.returncode == 1, told  # the bad file's, and only its
    assert told[: len(put_back)] == [WARNINGS[number] for number in put_back], told
    rest = told[len(put_back) :]
    assert rest[0].startswith("bad.yaml:1:1: error: missing required key"), told
    assert rest[-1] == "2 reports written; 1 assessment skipped (errors above)", told
    assert not any(line.startswith("warning") for line in rest), told  # each said once
    for report in reports_whole(done.stdout, schools, KEPT):
        assert report["problems"] == []


def test_a_report_written_to_its_file_is_said_on_standard_error(root: Path, tmp_path: Path) -> None:
    """`-o out.json` with standard error put over by /dev/null: "Wrote out.json" was lost."""
    school = str(root / "examples" / EXAMPLES[1])
    done = selfreview(
        ["report", school, "--format", "json", "-o", "out.json"],
        cwd=tmp_path,
        env=_changing(tmp_path, "error"),
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().splitlines() == [WARNINGS[2], "Wrote out.json (json)."]
    assert done.stdout == b""
    assert KEPT in (tmp_path / "out.json").read_text("utf-8")


@pytest.mark.usefixtures("unkept")  # Python's own functions back after the test
def test_the_noting_dup2_returns_and_makes_inheritable_as_pythons_does() -> None:
    """A plugin's `os.dup2` of descriptors of its own works as without the program."""
    noted: list[None] = []
    Standard({}).note(lambda what: noted.append(None))
    read, write = os.pipe()
    try:
        target = os.dup(write)
        assert os.dup2(read, target) == target
        assert os.get_inheritable(target)  # as Python's default
        assert os.dup2(read, target, inheritable=False) == target
        assert not os.get_inheritable(target)
        os.closerange(target, target + 1)
        with pytest.raises(OSError, match="Bad file descriptor"):
            os.fstat(target)
    finally:
        os.close(read)
        os.close(write)
    assert noted == []  # none of them standard


def _reaching(tmp_path: Path, how: str) -> dict[str, str]:
    """The program's environment with `hostile-held` installed alone, doing `how`."""
    env = with_plugin(tmp_path / "site", "hostile-held", "selfreview_hostile.held")
    return dict(env, SELFREVIEW_HOSTILE_HELD=how)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open descriptors as Linux lists")
@pytest.mark.parametrize(("how", "done"), [("dup2", "replaced"), ("close", "closed")])
def test_the_file_being_written_is_never_replaced_nor_closed_by_a_plugin(
    how: str, done: str, root: Path, tmp_path: Path
) -> None:
    """Before round 49, `os.dup2` of a plugin's own file over the temporary file of `-o`
    had every report written into the plugin's file and the empty temporary file renamed
    over `out.json`, "2 reports written to out.json", status 0; `os.close` of it failed the
    command, every report lost. Now the call is refused, a problem of the plugin's, and
    every school's report is written whole; `os.closerange` leaves it open."""
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    args = ["report", *schools, "--format", "json", "-o", "out.json"]
    ran = selfreview(args, cwd=tmp_path, env=_reaching(tmp_path, how))
    told = ran.stderr.decode().splitlines()
    assert ran.returncode == 0, told
    refused = re.compile(
        r"error: plugin hostile-held: selfreview_recommend raised OSError: \[Errno 16\]"
        rf" descriptor \d+ is a file the command is writing; not {done}"
    )
    assert len(told) == 3, told
    for school, line in zip(schools, told[:2], strict=True):
        assert line.startswith(f"{school}: ")
        assert refused.fullmatch(line.removeprefix(f"{school}: ")), line
    assert told[2] == "2 reports written to out.json"
    _whole((tmp_path / "out.json").read_bytes(), schools)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "plugin.log") == [
        "out.json",
        "site",
    ]  # no temporary file left
    assert not (tmp_path / "plugin.log").exists() or (tmp_path / "plugin.log").stat().st_size == 0


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open descriptors as Linux lists")
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("how", ["closerange", "closerange-all"])
def test_closerange_in_plugin_code_reaching_the_commands_files_is_refused(
    how: str, jobs: str, root: Path, tmp_path: Path
) -> None:
    """Before round 50, `os.closerange(3, 4096)` in a hook closed the batch's input (every
    report lost, "Bad file descriptor", status 1) and, with `--jobs 2`, the pool's pipes
    (the command waited for ever); over the file being written alone, it closed the rest
    of its range. Now refused, nothing closed, a problem of the plugin's at each school;
    every report whole, the same whatever the jobs."""
    batch = _batch(root, tmp_path, 40)
    args = ["report", batch.name, "--format", "json", "-o", "out.jsonl", "--jobs", jobs]
    done = selfreview(args, cwd=tmp_path, env=_reaching(tmp_path, how))
    assert done.returncode == 0, done.stderr
    span = r"descriptor \d+ would" if how == "closerange" else "descriptors 3 to 4095 would"
    refused = re.compile(
        r"schools\.jsonl:(\d+): error: plugin hostile-held: selfreview_recommend raised"
        rf" OSError: \[Errno 16\] {span} reach a file the command has open; none closed"
        r" \(close your own one by one\)"
    )
    *told, last = done.stderr.decode().splitlines()
    assert [int(refused.fullmatch(line)[1]) for line in told] == list(range(1, 41)), told  # type: ignore[index]
    assert last == "40 reports written to out.jsonl"
    reports = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(reports) == 40
    for report in reports:  # the plugin's call failed; the others' work stands
        assert [p["source"] for p in report["problems"]] == ["hostile-held"]
        assert "lea-support" in {s for r in report["recommendations"] for s in r["sources"]}


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open descriptors as Linux lists")
def test_a_file_put_in_place_of_the_one_being_written_is_never_renamed(
    root: Path, tmp_path: Path
) -> None:
    """Closed through a file object (no `os.close` to refuse) and a plugin's own file opened
    in its place, the reports went into the plugin's file and the empty temporary file was
    renamed over `out.json`, status 0, before round 49. Now the command fails naming the
    file, which is left as it was; and since round 51 says, when the plugin's call has
    returned, what a plugin did to it."""
    (tmp_path / "out.json").write_bytes(b"the old reports\n")
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    args = ["report", *schools, "--format", "json", "-o", "out.json"]
    done = selfreview(args, cwd=tmp_path, env=_reaching(tmp_path, "reopen"))
    assert done.returncode == 1, done.stderr
    assert done.stderr.decode().splitlines() == [
        "warning: a plugin closed the file the command is writing (out.json), and another"
        " file took its place; it will not be replaced",
        "Error: out.json: closed, or another file put in its place; not replaced",
    ]
    assert (tmp_path / "out.json").read_bytes() == b"the old reports\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "plugin.log", "site"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open descriptors as Linux lists")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_being_written_closed_through_a_file_object_is_opened_again(
    jobs: str, root: Path, tmp_path: Path
) -> None:
    """A plugin closing the temporary file of `-o` through a file object
    (`os.fdopen(fd).close()`: a stale number of its own closed twice) passes no `os.close`
    to refuse: before round 51 every report was lost, "Error: out.jsonl: Bad file
    descriptor", status 1. Now it is opened again at its number when the plugin's call has
    returned, said once, and every report is written whole, the same whatever the jobs."""
    batch = _batch(root, tmp_path, 40)
    args = ["report", batch.name, "--format", "json", "-o", "out.jsonl", "--jobs", jobs]
    env = _reaching(tmp_path, "fdopen")
    done = selfreview(args, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().splitlines() == [
        "warning: a plugin closed the file the command is writing (out.jsonl); opened again,"
        " so that every report reaches it",
        "40 reports written to out.jsonl",
    ]
    written = (tmp_path / "out.jsonl").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "schools.jsonl", "site"]
    idle = selfreview(args, cwd=tmp_path, env=dict(env, SELFREVIEW_HOSTILE_HELD=""))
    assert idle.returncode == 0, idle.stderr  # the plugin doing nothing: the same reports
    assert (tmp_path / "out.jsonl").read_bytes() == written
    assert len(written.splitlines()) == 40


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open descriptors as Linux lists")
def test_the_copies_the_program_keeps_are_refused_to_plugin_code(
    root: Path, tmp_path: Path
) -> None:
    """A plugin that closed every other descriptor open on standard output's file (as it
    might its own stale numbers) closed the copy the program keeps of descriptor 1, and its
    `os.devnull` over descriptor 1 could not be undone: before round 51 every report went to
    /dev/null, "2 reports written", status 0. Now `os.close` refuses the program's own
    descriptors (its copies, its folder) as it refuses the file being written, and
    descriptor 1 is put back, said once."""
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    done = selfreview(
        ["report", *schools, "--format", "json"], cwd=tmp_path, env=_changing(tmp_path, "copies")
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().splitlines() == [WARNINGS[1], "2 reports written"]
    for report in reports_whole(done.stdout, schools, KEPT):
        assert report["problems"] == []


def _whole(written: bytes, schools: list[str]) -> None:
    """One report for each school, in order, whole, each with the built-ins' next steps."""
    from selfreview_core import load_assessment

    reports = [json.loads(line) for line in written.decode().splitlines()]
    assert [r["assessment"] for r in reports] == [
        load_assessment(school).model_dump(mode="json") for school in schools
    ]
    for report in reports:
        assert report["recommendations"]
        assert "hostile-held-kept" not in [rec["id"] for rec in report["recommendations"]]


@pytest.mark.usefixtures("unkept")  # Python's own functions back after the test
def test_a_file_being_written_is_refused_to_dup2_and_close_and_left_by_closerange(
    tmp_path: Path,
) -> None:
    """The noting functions refuse a descriptor of `_held.WRITING` (`EBUSY`, naming it) and
    `os.closerange` closes each side of it; the others as Python's own do."""
    Standard({}).note(lambda what: None)
    made = os.open(tmp_path / "file", os.O_WRONLY | os.O_CREAT)
    first = 1000  # past any descriptor of the test run's: a range closed whole is ours
    for number in range(first, first + 5):
        _dup2(made, number)
    os.close(made)
    held = {first + 1, first + 2}
    WRITING.update(held)
    try:
        for call, done in (
            (lambda: os.dup2(first, first + 1), "replaced"),
            (lambda: os.close(first + 2), "closed"),
        ):
            with pytest.raises(OSError, match=rf"^\[Errno {errno.EBUSY}\] descriptor") as raised:
                call()
            assert raised.value.errno == errno.EBUSY
            number = first + 1 if done == "replaced" else first + 2
            assert raised.value.strerror == (
                f"descriptor {number} is a file the command is writing; not {done}"
            )
        os.closerange(first, first + 4)
        assert [_open(number) for number in range(first, first + 5)] == [
            False,
            True,
            True,
            False,
            True,
        ]
        os.closerange(first + 1, first + 2)  # the held one alone: nothing closed
        assert _open(first + 1)
    finally:
        WRITING.difference_update(held)
        for number in range(first, first + 5):
            with suppress(OSError):
                _close(number)


def _open(descriptor: int) -> bool:
    try:
        os.fstat(descriptor)
    except OSError:
        return False
    return True


def test_a_kept_descriptor_is_looked_at_only_when_closed_or_made_anew(tmp_path: Path) -> None:
    """`unnoted`: inheritable and open, as every standard descriptor of a program started,
    nothing to look at (nothing asked of the system but that); not inheritable, or closed,
    each kept descriptor is looked at. Put back (`back`) on the same file, it is made
    inheritable again, and nothing is said."""
    first = 1000  # stands for a standard descriptor: none of the test run's own
    made = os.open(tmp_path / "file", os.O_WRONLY | os.O_CREAT)
    kept: dict[int, tuple[int, tuple[int, int] | None]] = {}
    try:
        _dup2(made, first)  # inheritable, as Python's `dup2` makes it by default
        _dup2(made, first + 1)
        identity = (os.fstat(made).st_dev, os.fstat(made).st_ino)
        kept.update({number: (os.dup(number), identity) for number in (first, first + 1)})
        standard = Standard(kept)
        assert standard.unnoted() is False
        assert standard.touched == set()
        os.set_inheritable(first + 1, False)
        assert standard.unnoted()
        assert standard.touched == {first, first + 1}
        assert standard.back() == {}  # the same file: nothing put back, nothing said
        assert os.get_inheritable(first + 1)
        assert not standard.unnoted()
        _close(first)
        assert standard.unnoted()
        assert standard.touched == {first, first + 1}
    finally:
        for number in (first, first + 1):
            with suppress(OSError):
                _close(number)
        for copy, _ in kept.values():
            _close(copy)
        os.close(made)


def test_a_descriptor_whose_copy_was_closed_is_left_as_it_is(tmp_path: Path) -> None:
    """Plugin code that closed the program's copy too leaves no way back: nothing is put
    back over the descriptor, nothing said, and nothing fails."""
    first = 1000
    made = os.open(tmp_path / "file", os.O_WRONLY | os.O_CREAT)
    other = os.open(tmp_path / "other", os.O_WRONLY | os.O_CREAT)
    try:
        _dup2(made, first)
        copy = os.dup(first)
        standard = Standard({first: (copy, (os.fstat(made).st_dev, os.fstat(made).st_ino))})
        _dup2(other, first)  # another file over it
        _close(copy)  # and its copy closed
        standard.touched.add(first)
        assert standard.back() == {}
        assert os.path.samestat(os.fstat(first), os.fstat(other))  # left as it is
    finally:
        with suppress(OSError):
            _close(first)
        os.close(made)
        os.close(other)


@pytest.mark.usefixtures("unkept")
@pytest.mark.parametrize("listed", [True, False])
def test_closerange_in_plugin_code_is_refused_for_an_open_descriptor_in_its_range_only(
    listed: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused (none closed) when a descriptor past 2 in its range is open, whether the open
    ones are listed (`/dev/fd`) or each asked; one open just past the range, or any outside
    plugin code, is no refusal."""
    Standard({}).note(lambda what: None)
    if not listed:
        monkeypatch.setattr(os, "listdir", lambda path: (_ for _ in ()).throw(OSError()))
    made = os.open(tmp_path / "file", os.O_WRONLY | os.O_CREAT)
    first = 1000  # past any descriptor of the test run's
    try:
        _dup2(made, first + 2)
        with plugin_output():
            os.closerange(first, first + 2)  # the open one just past it: closed, none
            with pytest.raises(OSError, match="none closed") as raised:
                os.closerange(first, first + 3)
            assert raised.value.strerror == (
                f"descriptors {first} to {first + 2} would reach a file the command has open;"
                " none closed (close your own one by one)"
            )
            with pytest.raises(OSError, match=f"^.Errno 16. descriptor {first + 2} would reach"):
                os.closerange(first + 2, first + 3)
            assert _open(first + 2)
        os.closerange(first + 2, first + 3)  # the program's own call: as Python's
        assert not _open(first + 2)
    finally:
        os.close(made)
        with suppress(OSError):
            _close(first + 2)


def test_nothing_the_program_keeps_passes_for_a_standard_descriptor_closed_at_the_start(
    root: Path, tmp_path: Path
) -> None:
    """Started with standard input closed (`<&-`), the program's copy of standard output
    took descriptor 0 (`Standard.here`, the lowest free number), so `/dev/stdin` named
    standard output's pipe: "/dev/stdin: error: is a named pipe", read as an input. Now
    the copies are kept above 2, and `/dev/stdin` names nothing, as the shell left it."""
    done = selfreview(["validate", "/dev/stdin"], cwd=tmp_path, preexec_fn=lambda: os.close(0))
    assert done.returncode == 2, done.stderr
    assert done.stderr.decode().splitlines()[-1] == (
        "Error: Invalid value for 'PATHS...': Path '/dev/stdin' does not exist."
    )
    assert done.stdout == b""
