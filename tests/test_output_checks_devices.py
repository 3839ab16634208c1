"""`output_checks.check_target`: a device among a command's inputs and its output too.

`report /dev/null -o /dev/null` was refused as an output that would replace its input
(exit 2, "`/dev/null` is ASSESSMENT, which this command reads"), while `report /dev/null >
/dev/null` told what is wrong, the input being a device (exit 1). A device is written to,
never replaced: both now say the input's own refusal (round 53). A named pipe both read and
written is still refused as an output (opened to write, it would wait for a reader).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from program import selfreview
from selfreview_core.errors import OutputRefused
from selfreview_core.output_checks import Inputs, check_target

if sys.platform == "win32" or not Path("/dev/null").exists():  # pragma: no cover
    pytest.skip("devices as POSIX has them", allow_module_level=True)

REFUSED = (
    f"{os.devnull}: error: is a character device, not a regular file (selfreview reads"
    " files, not streams or devices: save the text to a file)"
)


@pytest.mark.parametrize("schools", [[], ["school.yaml"]])
def test_a_device_input_written_to_by_o_is_refused_as_when_standard_output_goes_there(
    schools: list[str], root: Path, tmp_path: Path
) -> None:
    """`-o /dev/null` and `> /dev/null` give the same lines and the same exit: the device
    refused as an input, the other school's report written there; nothing else made."""
    if schools:
        (tmp_path / "school.yaml").write_bytes(
            (root / "examples" / "example-primary-2026.yaml").read_bytes()
        )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    args = ["report", os.devnull, *schools, "--format", "json"]
    named = selfreview([*args, "-o", os.devnull], cwd=tmp_path)
    sent = selfreview(args, cwd=tmp_path, stdout=subprocess.DEVNULL)
    told = named.stderr.decode().splitlines()
    assert named.returncode == sent.returncode == 1, told
    if schools:
        assert told == [
            REFUSED,
            f"1 report written to {os.devnull}; 1 assessment skipped (errors above)",
        ]
        assert sent.stderr.decode().splitlines() == [
            REFUSED,
            "1 report written; 1 assessment skipped (errors above)",
        ]
    else:
        assert told == sent.stderr.decode().splitlines() == [REFUSED]
    assert named.stdout == b""
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_device_among_the_inputs_is_let_through_as_the_output(tmp_path: Path) -> None:
    """`check_target` lets a character device that is an input through (it is written to,
    never replaced), and still refuses a regular file or a named pipe that is one."""
    inputs = Inputs().add("ASSESSMENT", os.devnull)
    assert check_target(os.devnull, inputs) == Path(os.devnull)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    school = tmp_path / "school.yaml"
    school.write_text("x: 1\n", encoding="utf-8")
    for read in (pipe, school):
        with pytest.raises(OutputRefused, match="which this command reads") as caught:
            check_target(read, Inputs().add("ASSESSMENT", read))
        assert caught.value.first.code == "output-is-input"
    assert school.read_text(encoding="utf-8") == "x: 1\n"
