"""`-o` naming an entry of the descriptor table by what is no number the system reads
(`/proc/self/fd/x`, or a digit of another script: U+0665 ARABIC-INDIC DIGIT FIVE, which
Python's `int` reads as 5): no descriptor, the program's own or a closed standard stream's,
and no crash (`descriptor_names._descriptor_at`; round 70's mutation pass found no test holding
it). The system has no such file: since round 70 (attack70) `-o` naming one is refused
before any work as an entry of the table that holds no descriptor, never as descriptor 5."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from program import selfreview
from selfreview_core.outputs.descriptor_names import closed_standard, no_file_at, own_descriptor

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="/proc/self/fd: Linux")
ROOT = Path(__file__).resolve().parents[1]
REVIEW = ROOT / "examples" / "example-primary-2025.yaml"


ARABIC_INDIC_ZERO = "\u0660"
FULL_WIDTH_ZERO = "\uff10"


def _digits(number: int, zero: str) -> str:
    """`number` written in the digits of the script whose zero is `zero`."""
    return "".join(chr(ord(zero) + int(digit)) for digit in str(number))


def test_no_number_the_system_reads_is_a_descriptor_of_the_program() -> None:
    kept = os.dup(1)
    try:
        for name in (
            f"/proc/self/fd/{_digits(kept, ARABIC_INDIC_ZERO)}",  # Arabic-Indic
            f"/dev/fd/{_digits(kept, FULL_WIDTH_ZERO)}",  # full-width
            "/proc/self/fd/x",
            "/proc/thread-self/fd/x",
        ):
            assert own_descriptor(name, {kept}) is None, name
            told = no_file_at(name, {kept})
            assert told is not None, name
            assert told.endswith(
                "names no descriptor open (the table of "
                "them holds no other file, and none can be made there), so nothing was written"
            ), name
        assert own_descriptor(f"/proc/self/fd/{kept}", {kept}) == kept
    finally:
        os.close(kept)


def test_no_number_the_system_reads_is_a_closed_standard_stream(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "__stdin__", None)
    assert closed_standard("/proc/self/fd/\u0660") is None
    assert closed_standard("/proc/self/fd/x") is None
    assert closed_standard("/proc/self/fd/0") == "standard input"


def _chain(folder: Path, links: int, end: str) -> Path:
    """`links` links in `folder`, each to the next, the last to `end`; the first of them."""
    (folder / f"l{links}").symlink_to(end)
    for number in range(links - 1, 0, -1):
        (folder / f"l{number}").symlink_to(f"l{number + 1}")
    return folder / "l1"


@pytest.mark.parametrize("links", [39, 40, 60])
def test_a_kept_descriptor_is_found_at_the_end_of_any_chain_of_links(
    tmp_path: Path, links: int
) -> None:
    """The system follows 40 links at most; the program, writing, follows any number
    (`atomic.real_target`, Python's `realpath`): own_descriptor followed 40 alone (mutant 38
    of round 70's pass, 40 as 41, showed the bound)."""
    kept = os.dup(1)
    try:
        first = _chain(tmp_path, links, f"/proc/self/fd/{kept}")
        assert own_descriptor(str(first), {kept}) == kept
        assert own_descriptor(str(first), {kept + 1}) is None  # the user's own descriptor
    finally:
        os.close(kept)


def test_a_loop_of_links_names_no_descriptor(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("../" + tmp_path.name + "/a")
    (tmp_path / "c").symlink_to("c")
    assert own_descriptor(str(tmp_path / "a"), {5}) is None
    assert own_descriptor(str(tmp_path / "c"), {5}) is None


def test_a_chain_of_40_links_to_the_copy_of_standard_output_is_refused(tmp_path: Path) -> None:
    """`-o l1`, 40 links from descriptor 5 (the program's copy of standard output), with
    standard output a file: before round 70 that file was replaced by the report ("Wrote
    l1 (json).", exit 0). Refused before any work; the file is as it was."""
    (tmp_path / "school.yaml").write_bytes(REVIEW.read_bytes())
    _chain(tmp_path, 40, "/proc/self/fd/5")
    log = tmp_path / "log.txt"
    log.write_text("the user's log\n", encoding="utf-8")
    args = ["report", "school.yaml", "--format", "json", "-o", "l1"]
    with log.open("ab") as out:
        done = selfreview(args, cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=out)
    told = done.stderr.decode()
    assert done.returncode == 2, told
    assert told.splitlines()[-1] == (
        "Error: Invalid value for -o: `l1` is descriptor 5, which the program opened for "
        "itself (it was not open when the command started): there is no file of yours "
        "there, so nothing was written (give a file name)"
    )
    assert "Traceback" not in told
    assert log.read_text(encoding="utf-8") == "the user's log\n"
    assert (tmp_path / "l40").readlink() == Path("/proc/self/fd/5")
    assert sorted(path.name for path in tmp_path.iterdir() if not path.is_symlink()) == [
        "log.txt",
        "school.yaml",
    ]


@pytest.mark.parametrize("output", ["/dev/stdin", "/dev/stdout", "/proc/self/fd/2"])
def test_with_every_standard_stream_closed_each_is_refused(tmp_path: Path, output: str) -> None:
    """`<&- >&- 2>&-` (a job started with none): each standard stream named is refused,
    exit 2, as when one alone is closed (file_names.py mutant 46 of round 70's pass asked
    only whether all three were open: `/dev/stdin` was written, exit 0). Nothing can say
    so, standard error closed: the exit status tells, and nothing is written."""
    (tmp_path / "school.yaml").write_bytes(REVIEW.read_bytes())

    def close_all() -> None:
        for number in (0, 1, 2):
            os.close(number)

    args = ["report", "school.yaml", "--format", "json", "-o", output]
    done = selfreview(
        args, cwd=tmp_path, stdin=None, stdout=None, stderr=None, preexec_fn=close_all
    )
    assert done.returncode == 2
    assert [path.name for path in tmp_path.iterdir()] == ["school.yaml"]
