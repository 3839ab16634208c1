"""`-o` naming an entry of the descriptor table by what is no number the system reads
(`/proc/self/fd/x`, or a digit of another script: U+0665 ARABIC-INDIC DIGIT FIVE, which
Python's `int` reads as 5): no descriptor, the program's own or a closed standard stream's,
and no crash (`file_names._descriptor_at`; round 70's mutation pass found no test holding
it). The system has no such file, and the command says so as for any missing file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from selfreview_core.file_names import closed_standard, no_file_at, own_descriptor

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
            assert no_file_at(name, {kept}) is None, name
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


@pytest.mark.parametrize("number", ["\u0665", "x"], ids=["arabic-indic-5", "x"])
def test_the_command_says_there_is_no_such_file(tmp_path: Path, number: str) -> None:
    """Descriptor 5 is the program's copy of standard output (`_held.KEPT`): `fd/` and
    U+0665 is not it, and is refused as the missing file it is, nothing written, no
    traceback."""
    (tmp_path / "school.yaml").write_bytes(REVIEW.read_bytes())
    output = f"/proc/self/fd/{number}"
    command = [sys.executable, "-m", "selfreview_core", "report", "school.yaml"]
    done = subprocess.run(
        [*command, "--format", "json", "-o", output],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout == b""
    assert done.stderr.decode() == f"Error: {output}: No such file or directory\n"
    assert [path.name for path in tmp_path.iterdir()] == ["school.yaml"]
