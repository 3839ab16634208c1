"""Names given for an output that write no file of the user's, each with why (`no_file_at`):
a standard stream closed as the command started, a descriptor the program opened for itself
or one not open, a pipe the command holds to read, a file since deleted, a loop of links.

Each such name passed every check before its round and the command did its work, then
stopped at writing, or wrote where nothing reads ("Wrote", exit 0, lost): `outputs.checks`
asks here first, so the command refuses the name before any work. Safe names and a file's
identity are `file_names`'.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Collection
from typing import Final

from .._held import file_of
from ..file_names import held_by_no_name, identity

__all__ = ["closed_standard", "named_descriptor", "no_file_at", "own_descriptor"]


def closed_standard(name: str) -> str | None:
    """Which of the standard streams `name` is (`/dev/stdin`, `/proc/self/fd/1`,
    `/dev/stderr`), if it was closed as the command started (`<&-`: Python has none):
    "standard input", "standard output" or "standard error"; else None. Whatever the
    program has opened at its number since (a file of its own, a database's) is found by
    the name, and would be written over (`-o /dev/stderr 2>&-` wrote a report there, exit 0,
    before round 67)."""
    streams = (sys.__stdin__, sys.__stdout__, sys.__stderr__)
    if all(stream is not None for stream in streams):
        return None
    # An entry of the process's table or of a thread's (`/proc/thread-self/fd/1`), which a
    # closed descriptor's link leaves unresolved (`_descriptor_at`); or the same file.
    number = _descriptor_at(_real(name))
    found = identity(name)
    for descriptor, stream in enumerate(streams):
        if stream is None and (
            number == descriptor
            or (found is not None and found == identity(f"/dev/fd/{descriptor}"))
        ):
            return ("standard input", "standard output", "standard error")[descriptor]
    return None


def _real(path: str) -> str:
    """`path` with every link resolved (`os.path.realpath`), or as it is where it is no
    possible file name (`held_by_no_name`): `realpath` raises `ValueError` for a NUL."""
    return path if held_by_no_name(path) else os.path.realpath(path)


def _descriptor_at(path: str) -> int | None:
    """The number of the descriptor `path` is, if it is an entry of this process's table
    (`/proc/PID/fd/N`, `/proc/PID/task/TID/fd/N`, through `/proc/self`, `/dev/fd`, as
    `/proc/thread-self` is): its folder resolved, its own name not (a descriptor's link
    names its file, or `pipe:[...]`). None for a name no file can have (a NUL): before
    round 71 `ValueError` ("embedded null byte") out of every check of `-o`'s name; and
    for `01`, which the table holds no entry of: before round 71 read as descriptor 1,
    open, so `-o /dev/fd/01` passed every check and stopped at writing, after the work,
    "No such file or directory", exit 1."""
    folder, number = os.path.split(path)
    if not number.isdecimal() or not number.isascii() or held_by_no_name(folder):
        return None
    if number != str(int(number)):  # `01`: the table names each entry without a leading 0
        return None
    return int(number) if _table(folder) else None


def _table(folder: str) -> bool:
    """Whether `folder` is this process's table of descriptors, or a thread's."""
    table = _real(folder)
    pid = str(os.getpid())
    return table == f"/proc/{pid}/fd" or (
        table.startswith(f"/proc/{pid}/task/") and table.endswith("/fd") and table.count("/") == 5
    )


def own_descriptor(name: str, kept: Collection[int]) -> int | None:
    """The descriptor of `kept`, those the program keeps for itself (`_held.KEPT`: its
    copies of the standard descriptors and of the files it writes, the folder it started
    in), that `name` names (`/proc/self/fd/5`, `/dev/fd/5`, a link to one), if it does;
    else None. Such a number was not open when the command started: the copy of standard
    output there is no file of the user's, and a report written to it went to standard
    output (or error, or the program's own standard input) with "Wrote /proc/self/fd/5"
    and exit 0. Every link is followed, as Python's `realpath` follows them to the file a
    report replaces, not only the 40 the system would: before round 70, `-o` a chain of 40
    links to `/proc/self/fd/5` with standard output a file replaced that file with the
    report ("Wrote", exit 0). A loop of links names no descriptor."""
    number = _named_descriptor(name) if kept else None
    return number if number in kept else None


def named_descriptor(name: str) -> int | None:
    """The descriptor of this process's table `name` names (`/dev/fd/3`, `/proc/self/fd/3`),
    every link followed to it (`own_descriptor`), or None: for `outputs.checks`, which
    refuses such a name for a file read again (round 76)."""
    return _named_descriptor(name)


def _named_descriptor(name: str) -> int | None:
    """The descriptor of this process's table `name` names, every link followed to it
    (`own_descriptor`), or None."""
    path, seen = name, set[str]()
    while (number := _descriptor_at(os.path.abspath(path))) is None:
        try:
            # The link by its folder resolved: a chain of them ends, or comes round again.
            place = os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))
            target = os.readlink(path)
        except (OSError, ValueError):  # no link (or another process's, not ours to read)
            return None
        if place in seen:
            return None
        seen.add(place)
        path = os.path.join(os.path.dirname(path), target)
    return number


def no_file_at(name: str, kept: Collection[int]) -> str | None:
    """Why `-o name` has no file of the user's to write: a standard stream closed as the
    command started (`closed_standard`), or a descriptor of the program's own (`kept`,
    `own_descriptor`), or one not open (`_not_open`); or a name no file can have
    (`held_by_no_name`: a NUL, which a program may give where a shell cannot); None if none."""
    if (holds := held_by_no_name(name)) is not None:
        return f"`{name}` is not a possible file name: it holds {holds}, so nothing was written"
    if (closed := closed_standard(name)) is not None:
        return (
            f"`{name}` is {closed}, which was closed when the command started: there is no "
            "file there to write, so nothing was written"
        )
    if (own := own_descriptor(name, kept)) is not None:
        return (
            f"`{name}` is descriptor {own}, which the program opened for itself (it was not "
            "open when the command started): there is no file of yours there, so nothing "
            "was written"
        )
    return _not_open(name) or _read_end(name) or _deleted(name) or _loop(name)


def _read_end(name: str) -> str | None:
    """Why `name`, a descriptor the command was started with reading a pipe (`-o /dev/fd/5
    5< <(cmd)`, a named pipe so opened), has no file to write, or None: what is written
    there goes back into the pipe, which only the program holds to read, and never reads.
    Before round 71 a report went there, "Wrote /dev/fd/5", exit 0, and was lost; one
    larger than the pipe holds (64 KiB) left the command waiting for ever. The same pipe
    through another process's table (`/proc/PPID/fd/5`, the shell's, which the command was
    given too) is found by its identity (`_holding`): before round 72 it was written, lost.
    Standard input's is `outputs.checks`' to tell, as `/dev/stdin`'s is. One open to read
    and write (`-o /dev/fd/5 5<>feed`) is the same pipe the command holds to read: before
    round 73 a report went there, "Wrote", lost, or one past 64 KiB waited for ever; that
    another process may read it too cannot be told, as with a reading end the shell keeps."""
    number = _named_descriptor(name)
    if number is None and (number := _holding(name)) is not None:
        said = (
            f"`{name}` is a pipe whose reading end the command holds, as descriptor {number}: "
            "what is written there goes back into it, where nothing reads it, so nothing was "
            "written"
        )
        if not _ANY_TABLE.fullmatch(os.path.dirname(_real(name))):  # `exec 5<>feed` kept it
            said += (
                f" (if another program reads it too, close {number} for the command: `{number}<&-`)"
            )
        return said
    if number is None or number == 0:
        return None
    if _reads_a_pipe(number):
        return (
            f"`{name}` is descriptor {number}, the reading end of a pipe: what is written "
            "there goes back into it, where nothing reads it, so nothing was written"
        )
    if number > 2 and _reads_a_pipe(number, os.O_RDWR):  # standard output's is the group's
        return (
            f"`{name}` is descriptor {number}, open to read a pipe as well as write it "
            f"(`{number}<>`): what is written there goes into a pipe the command holds to "
            "read, and never reads, so nothing was written"
        )
    return None


def _deleted(name: str) -> str | None:
    """Why `name`, a descriptor open on a regular file since deleted (`-o /dev/fd/7` after
    `exec 7>x.json; rm x.json`), has no file to write, or None: an output is made beside
    its file's name and renamed over it, and that name is gone. Before round 73 it was
    written under the name the system shows for the descriptor, `x.json (deleted)`, a
    file nobody named, "Wrote /dev/fd/7", exit 0 (and one of that name was replaced)."""
    number = _named_descriptor(name)
    try:
        found = None if number is None else os.fstat(number)
    except OSError:
        return None
    if found is None or not stat.S_ISREG(found.st_mode) or found.st_nlink:
        return None
    return (
        f"`{name}` is descriptor {number}, open on a file since deleted: there is no name "
        "left to write the output under, so nothing was written"
    )


def _reads_a_pipe(number: int, mode: int = os.O_RDONLY) -> bool:
    """Whether descriptor `number` is open on a pipe, to read only (or as `mode` says)."""
    try:
        import fcntl

        piped = stat.S_ISFIFO(os.fstat(number).st_mode)
        opened = fcntl.fcntl(number, fcntl.F_GETFL) & os.O_ACCMODE
    except (ImportError, OSError):  # no `fcntl` (Windows), or closed
        return False
    return piped and opened == mode


def _holding(name: str) -> int | None:
    """The descriptor of this process that reads the pipe `name` names through a process's
    table of descriptors (`/proc/PID/fd/5`, a link to it), found by the pipe's device and
    inode, other than standard input's; else None. A named pipe (`feed`) is held so only by
    a descriptor the command was given (inheritable, as the shell's are: `-o feed 5<>feed`;
    before round 74 a report went there, "Wrote feed", lost, or waited past 64 KiB), other
    than standard output's and error's (the group's): one the program opened itself (none
    inheritable, PEP 446) may be read by it (a program's thread)."""
    try:
        found = os.stat(name)
        pipe = found.st_dev, found.st_ino
        if not stat.S_ISFIFO(found.st_mode) or pipe == file_of(0):
            return None
        named = not _ANY_TABLE.fullmatch(os.path.dirname(_real(name)))
        numbers = sorted(int(entry) for entry in os.listdir("/dev/fd") if entry.isdecimal())
    except (OSError, ValueError):
        return None
    if named:
        numbers = [n for n in numbers if n > 2 and _given(n)]
    return next((n for n in numbers if file_of(n) == pipe and _reads(n, named)), None)


def _given(number: int) -> bool:
    """Whether descriptor `number` is inheritable: given by the command's caller."""
    try:
        return os.get_inheritable(number)
    except OSError:
        return False


def _reads(number: int, either: bool) -> bool:
    """Whether `number` reads a pipe: to read only, or (`either`) to read and write too."""
    return _reads_a_pipe(number) or (either and _reads_a_pipe(number, os.O_RDWR))


#: A process's table of descriptors, or a thread's: what a pipe's entry resolves in.
_ANY_TABLE: Final = re.compile(r"/proc/[0-9]+(?:/task/[0-9]+)?/fd")


def _loop(name: str) -> str | None:
    """Why `name`, which goes round a loop of symbolic links (`a` to `b`, `b` to `a`, or a
    folder of its path so linked), has no file to write, or None. Before round 71 such a
    name passed every check and the command did its work, then stopped at writing, "Too
    many levels of symbolic links", exit 1 (`--output-dir`: "cannot create the folder:
    File exists"). A chain however long that ends is followed, as `realpath` follows it."""
    try:
        os.path.realpath(name, strict=True)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return (
                f"`{name}` goes round a loop of symbolic links (one leads back to another): "
                "it names nothing that can be written, so nothing was written"
            )
    return None


def _not_open(name: str) -> str | None:
    """Why `name` is no descriptor open (`/proc/self/fd/7`, `/dev/fd/7`, a link to one;
    `/dev/fd/x`, which the table cannot hold), or None. Before round 70 such a name passed
    every check and the command did its work, then stopped at writing, "No such file or
    directory", exit 1; had the program opened a file of its own at that number
    meanwhile, the output would have gone there."""
    number = _descriptor_at(_real(name))  # an open one's link is resolved
    if number is not None:
        try:
            os.fstat(number)
        except OSError:
            return (
                f"`{name}` is descriptor {number}, which is not open: there is no file "
                "there to write, so nothing was written"
            )
        return None
    path = os.path.abspath(name)
    if _table(os.path.dirname(path)) and not os.path.lexists(path):
        return (
            f"`{name}` names no descriptor open (the table of them holds no other file, "
            "and none can be made there), so nothing was written"
        )
    return None
