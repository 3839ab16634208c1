"""The descriptors of the files the program is writing now (`atomic.open_atomic`: the
temporary file of `-o FILE`), which plugin code may neither close nor put another file
over: the program's `os.dup2`, `os.close` and `os.closerange` refuse to
(`isolation.descriptors`). Here, below both, so that neither imports the other, and
nothing at all: the command line imports it at its start."""

from __future__ import annotations

__all__ = ["WRITING"]

#: Each added when its file is made, and removed before the program closes it.
WRITING: set[int] = set()
