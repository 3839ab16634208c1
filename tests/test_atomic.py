"""`atomic.open_atomic`: a file whose descriptor was put over, or closed, while it was
written is never renamed over its target."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from selfreview_core._held import WRITING
from selfreview_core.outputs import atomic


@pytest.mark.parametrize("how", ["replaced", "closed"])
def test_a_file_not_the_one_made_is_never_renamed_over_the_target(how: str, tmp_path: Path) -> None:
    """Before round 49, the temporary file was renamed over the target whatever its
    descriptor had become: with another file put over it (`os.dup2`), the target was
    replaced by what the temporary file held (nothing), the rest written elsewhere."""
    target = tmp_path / "out.json"
    target.write_bytes(b"the old reports\n")
    reason = "closed, or another file put in its place; not replaced"
    with (  # noqa: PT012  # the block is what is tested
        pytest.raises(OSError, match=reason) as raised,
        atomic.open_atomic(target) as stream,
    ):
        stream.write(b"new\n")
        stream.flush()
        handle = stream.fileno()
        assert {handle} == WRITING  # while it is written
        if how == "replaced":
            other = os.open(tmp_path / "other", os.O_WRONLY | os.O_CREAT)
            os.dup2(other, handle)
            os.close(other)
        else:
            os.close(handle)
    assert raised.value.errno == errno.EBADF
    assert raised.value.strerror == reason
    assert raised.value.filename == str(target)
    assert target.read_bytes() == b"the old reports\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["out.json", *(["other"] if how == "replaced" else [])]
    )  # no temporary file left
    assert set() == WRITING


def test_a_file_written_whole_is_no_longer_held(tmp_path: Path) -> None:
    """Renamed into place, its descriptor is no longer one plugin code may not close."""
    target = tmp_path / "out.json"
    with atomic.open_atomic(target) as stream:
        stream.write(b"new\n")
        assert {stream.fileno()} == WRITING
    assert set() == WRITING
    assert target.read_bytes() == b"new\n"


def test_a_temporary_files_random_part_is_twelve_hex_digits_new_each_time(tmp_path: Path) -> None:
    """The name a crash leaves behind (`.NAME.TOKEN.tmp`, what docs and users clean up by)
    holds 48 random bits as 12 lowercase hex digits, as `secrets.token_hex(6)` wrote them
    before round 76 took `os.urandom`'s bytes in hex without importing `secrets`."""
    target = tmp_path / "report.json"
    names = []
    for _ in range(2):
        descriptor, temporary = atomic.temporary_beside(target)
        os.close(descriptor)
        names.append(temporary.name)
    assert names[0] != names[1]
    for name in names:
        assert re.fullmatch(r"\.report\.json\.[0-9a-f]{12}\.tmp", name), name
