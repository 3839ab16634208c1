"""An input read as it was, or a located error saying it changed as it was read (code
`file-changed`): never half of one file and half of another taken as a school.

A cohort is read from files that other programs may be writing: a school's export saved
over its old one, a shared folder synchronised as `collect` runs. A YAML or JSON file
rewritten in place (truncated, then written) can be read between the two, and a review cut
at the end of a line is still a review, of fewer strands: it was taken as the school's,
with nothing said (round 77). A file is now looked at (`stamp`: its device, inode, size
and time of last change) before it is read and again after; any difference and it is not
taken. A JSON Lines file's spans are checked the same way against its stamp when its lines
were counted (`chunks.lines_of`), where only its device and inode were (round 76): a file
rewritten in place at the same size was read as the lines counted in the old one.

What it cannot see: a JSON Lines file that grew is taken as appended to, its counted lines
read as they are, as before; and, on a system whose file clock is coarse, a rewrite to the
same size within one tick of the write before it. The file clock (`st_mtime_ns`) ticks
with the kernel's coarse clock, 4 ms here (Linux 6.18, ext4: `CLOCK_REALTIME_COARSE`'s
resolution, and 2,000 files written at once hold 5 distinct times); but since Linux 6.13
(multigrain timestamps: ext4, XFS, Btrfs, tmpfs) a file written after its time was looked
at is stamped by the fine clock, so a write between the two `stat`s here always moves it
(round 78: 15,000 same-size rewrites between two `stat`s, in two folders on ext4 and one
on tmpfs, every one seen). On an older kernel, or a filesystem without it (FAT's 2 s,
NFS), such a rewrite can go unseen: reading the file again and comparing would see it, at
some 49,000 instructions a file where the `stat`s cost 19,000 (staging costs 1.5 million),
and would still pass a file read twice while its writer paused halfway; it is documented
(docs/robustness.md), not paid for by every file.
Cost: two `os.stat` a file.
"""

from __future__ import annotations

import os
from typing import TypeAlias

from ..errors import Diagnostic, InvalidDocument
from ..files.source import Source, read_source

__all__ = ["Stamp", "changed_file", "read_unchanged", "stamp"]

#: A file's device, inode, size and time of last change (ns), as `os.stat` gives them.
Stamp: TypeAlias = tuple[int, int, int, int]


def stamp(file: str) -> Stamp | None:
    """`file`'s `Stamp` now; None where it cannot be looked at (its reader says why)."""
    try:
        found = os.stat(file)
    except (OSError, ValueError):
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)


def read_unchanged(file: str) -> Source:
    """`file` read (`read_source`), unless it changed as it was read: `InvalidDocument`,
    `file-changed`, then. Not standard input, which `chunks` reads as it comes."""
    before = stamp(file)
    source = read_source(file)
    if before is not None and stamp(file) != before:
        raise InvalidDocument([changed_file(file)])
    return source


def changed_file(file: str) -> Diagnostic:
    """The error for a whole file that changed as it was read."""
    return Diagnostic(
        "the file changed while it was read (another program wrote to it): not taken, "
        "lest part of one version of it be taken for the whole",
        file,
        1,
        1,
        hint="read it again once it is written",
        code="file-changed",
    )
