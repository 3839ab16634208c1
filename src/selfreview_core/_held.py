"""The descriptors of the files the program is writing now (`atomic.open_atomic`: the
temporary file of `-o FILE`), which plugin code may neither close nor put another file
over: the program's `os.dup2`, `os.close` and `os.closerange` refuse to
(`isolation.descriptors`); and what tells whether a descriptor is still open on the
file it was (`file_of`), which both ask. Here, below both, so that neither imports the
other, and nothing heavy: the command line imports it at its start."""

from __future__ import annotations

import os

__all__ = ["WRITING", "file_of"]

#: Each added when its file is made, and removed before the program closes it.
WRITING: set[int] = set()


def file_of(descriptor: int) -> tuple[int, int] | None:
    """The file `descriptor` is open on (device, inode); None if it is closed."""
    try:
        found = os.fstat(descriptor)
    except OSError:
        return None
    return found.st_dev, found.st_ino
