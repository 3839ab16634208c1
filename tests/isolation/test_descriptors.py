"""A plugin that puts another file over the program's standard descriptors, or closes
them, at import and in its hook (`os.dup2`, `os.close`, `os.closerange`): each is put back
when its code has run, said once, and every school's report is written whole where the
user sent it (`isolation.descriptors`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from program import reports_whole, selfreview, with_plugin
from selfreview_core.isolation.descriptors import Standard

if sys.platform == "win32":  # pragma: no cover - descriptors as POSIX has them
    pytest.skip("POSIX descriptors", allow_module_level=True)

EXAMPLES = ("example-primary-2025.yaml", "example-primary-2026.yaml")
KEPT = "hostile-descriptors-kept"
#: Each descriptor's warning, once put back.
WARNINGS = {
    0: "warning: a plugin put another file over standard input (descriptor 0), or closed it;"
    " put back, where the command reads `-`",
    1: "warning: a plugin put another file over standard output (descriptor 1), or closed"
    " it; put back, where the command writes its reports",
    2: "warning: a plugin put another file over standard error (descriptor 2), or closed it;"
    " put back, where the command tells its errors and warnings",
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
    Standard({}).note(lambda: noted.append(None))
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
