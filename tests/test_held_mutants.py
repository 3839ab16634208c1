"""The descriptors the program keeps (`_held.py`), what the tests of the files it writes
did not hold: a file's copy let go with the file, so that a batch of many files never
runs out of descriptors, and a descriptor already above the standard numbers kept at its
own (round 67's pass)."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

import pytest

from program import decoded, ended, python
from selfreview_core._held import KEPT, above_standard, kept

if sys.platform == "win32":  # pragma: no cover - descriptors as POSIX has them
    pytest.skip("POSIX descriptors", allow_module_level=True)

#: Writes 300 files one after another (as a batch does, a report a school) with at most
#: 40 descriptors open at once, then says how many it wrote.
_MANY_FILES = """
import resource, sys
from pathlib import Path
from selfreview_core.outputs.atomic import open_atomic
hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
resource.setrlimit(resource.RLIMIT_NOFILE, (40, hard))
folder = Path(sys.argv[1])
for number in range(300):
    with open_atomic(folder / f"school-{number}.json") as stream:
        stream.write(b"{}")
print(len(list(folder.iterdir())))
"""


def test_a_file_written_lets_go_of_its_copy_so_many_files_never_run_out_of_descriptors(
    tmp_path: Path,
) -> None:
    """Each file being written is held with a copy (`hold`), closed as the file is
    (`let_go`): kept open, a batch writing a report a school ran out of descriptors
    ("Too many open files") a thousand schools in, at the usual limit of 1,024."""
    done = python(["-c", _MANY_FILES, str(tmp_path)])
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b"300\n"
    assert done.stderr == b""
    assert sorted(path.read_bytes() for path in tmp_path.iterdir()) == [b"{}"] * 300


#: Opens a file at the lowest free number (a standard one, closed as the program started),
#: has `above_standard` move it, and says where it was, and whether its new place is above
#: the standard numbers, open, not inherited, and the old one closed.
_MOVED = """
import os
from selfreview_core._held import above_standard
opened = os.open(os.devnull, os.O_RDONLY)
moved = above_standard(opened)
print(opened, moved > 2, os.get_inheritable(moved))
try:
    os.fstat(opened)
except OSError:
    print("closed")
"""


@pytest.mark.parametrize(("closed", "number"), [("0<&-", 0), ("2>&-", 2)])
def test_a_descriptor_at_a_closed_standard_number_is_moved_above_them(
    closed: str, number: int
) -> None:
    """A command started with standard input or error closed (`<&-`, `2>&-`) has that
    number free, and the first descriptor the program keeps would take it and pass for
    that stream (`/dev/stderr` naming a copy of standard input). Each, the last standard
    number too, is moved to a number of its own above them."""
    shell = ["sh", "-c", f'exec "$@" {closed}', "sh", sys.executable, "-c", _MOVED]
    # The shell execs the script in its own process: the bound watches the script's work.
    process = subprocess.Popen(shell, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    done = decoded(ended(process))
    assert done.returncode == 0
    assert done.stdout == f"{number} True False\nclosed\n"


def test_a_descriptor_above_the_standard_numbers_is_kept_at_its_own_number(
    tmp_path: Path,
) -> None:
    """Only 0, 1 and 2 are moved (a closed standard descriptor's number, which a kept file
    would pass for); any other is left where it is, open, not copied to another number and
    closed, so that the number its caller holds is still the file's."""
    opened = os.open(tmp_path / "kept", os.O_WRONLY | os.O_CREAT)
    file = os.fstat(opened)
    try:
        assert opened > 2
        assert above_standard(opened) == opened
        assert kept(opened) == opened
        assert opened in KEPT
        assert (os.fstat(opened).st_dev, os.fstat(opened).st_ino) == (file.st_dev, file.st_ino)
    finally:
        KEPT.discard(opened)
        with suppress(OSError):  # closed already where it was moved
            os.close(opened)
