"""A folder short enough for the socket through which worker processes are started afresh.

Workers started afresh (`parallel`'s `fresh`: `support --jobs`, whose DuckDB connection is
open, and staging in a process that holds threads) are asked of a fork server, reached by
a Unix socket that `multiprocessing` makes in a folder of its own in the temporary folder:
`TMPDIR/pymp-XXXXXXXX/listener-XXXXXXXX`. A socket's path holds at most 107 bytes (108
with its end, on Linux), so a TMPDIR of more than 75 bytes failed the command with
"Error: AF_UNIX path too long" and nothing to say why (round 77: `support --jobs 2` with
a TMPDIR of 110 bytes, as a CI runner's work folder may be). As Python 3.14 does
(cpython#132124), that one folder is made in the system's own temporary folder instead
(/tmp, /var/tmp or /usr/tmp), which `multiprocessing` removes at exit as its own; the
command's other work stays in TMPDIR. Where none of those can be used, the command is
refused before any worker starts, naming TMPDIR and its length.

A worker is asked for over that socket (`multiprocessing.forkserver.connect_to_new_process`):
connected first, then two pipes opened and sent. Under a `ulimit -n` that let the command
connect but not open the pipes (21 for `support --jobs 2`, round 77), the fork server read
an empty request and ended with CPython's own `EOFError` traceback on the command's
standard error, after its one line (round 78). So the room for the whole request is made
sure of first (`whole_requests`): the descriptors it needs are opened and closed again
before it connects, and a command without them fails there, with nothing half-sent. Only
another thread of this process opening files in between could take them back; the cohort
commands' own threads (DuckDB's) do not start workers.
"""

from __future__ import annotations

import errno
import functools
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from typing import Any, Final

__all__ = ["SYSTEM_FOLDERS", "short_socket_folder", "whole_requests"]

#: The bytes of a Unix socket's path, its end included (`sockaddr_un.sun_path`).
_SUN_PATH: Final = 108 if sys.platform.startswith("linux") else 104
#: What `multiprocessing` adds to its folder's parent: `/pymp-` and `/listener-`, each
#: with eight random characters.
_ADDED: Final = len("/pymp-12345678/listener-12345678")
#: The descriptors a request for a worker opens once connected to the fork server: its two
#: pipes' four ends; and its socket, opened just before.
_REQUEST: Final = 5
#: The system's own temporary folders, tried in this order where TMPDIR's path is too long.
SYSTEM_FOLDERS: Final = ("/tmp", "/var/tmp", "/usr/tmp")


def _fits(folder: str, added: int = _ADDED) -> bool:
    """Whether a socket's path `added` bytes longer than `folder` fits in a socket's."""
    return len(os.fsencode(folder)) + added < _SUN_PATH


def short_socket_folder(system: Sequence[str] = SYSTEM_FOLDERS) -> None:
    """Before workers are started afresh: where the temporary folder's path is too long
    for a socket in it, have `multiprocessing` make its folder in the first of the
    `system` folders that can be written to; refused (`OSError`, ENAMETOOLONG, naming
    TMPDIR) where none can, or where its folder was made in TMPDIR already."""
    if os.name != "posix":  # no fork server, no socket: workers are spawned through pipes
        return
    base = tempfile.gettempdir()
    if _fits(base):
        return
    usable = [f for f in system if os.path.isdir(f) and os.access(f, os.W_OK | os.X_OK)]
    if not usable:
        raise _refused(base, system)
    import multiprocessing.util

    # `get_temp_dir` makes its folder once, where `tempfile` makes folders, and keeps it.
    saved, tempfile.tempdir = tempfile.tempdir, usable[0]
    try:
        made = multiprocessing.util.get_temp_dir()
    except OSError:
        raise _refused(base, system) from None
    finally:
        tempfile.tempdir = saved
    if not _fits(made, _ADDED - len("/pymp-12345678")):
        raise _refused(base, system)


def _refused(base: str, system: Sequence[str]) -> OSError:
    """The refusal of a temporary folder whose path is too long for a socket in it."""
    size = len(os.fsencode(base))
    most = _SUN_PATH - 1 - _ADDED
    said = (
        f"the temporary folder's path is too long for the socket that starts worker "
        f"processes (TMPDIR, {size} bytes; at most {most}), and none of "
        f"{', '.join(system)} can hold it instead: set TMPDIR to a shorter path, or give "
        "--jobs 1"
    )
    return OSError(errno.ENAMETOOLONG, said, base)


def whole_requests() -> None:
    """Before workers are started afresh: have each request to the fork server make sure
    first of the descriptors it opens (`_REQUEST`), so that one this process has no room
    for fails before it connects (`OSError`, EMFILE), never half-sent. Once a process."""
    if os.name != "posix":  # no fork server
        return
    from multiprocessing import forkserver

    connect: Callable[[Any], Any] = forkserver.connect_to_new_process
    if hasattr(connect, "__wrapped__"):  # made sure of already
        return

    @functools.wraps(connect)
    def connect_to_new_process(fds: Any) -> Any:
        forkserver.ensure_running()  # its own descriptor held first, where it starts now
        _room(_REQUEST)
        return connect(fds)

    forkserver.connect_to_new_process = connect_to_new_process


def _room(count: int) -> None:
    """`count` descriptors opened and closed again; `OSError` (EMFILE) if there is no room
    for them."""
    held: list[int] = []
    try:
        while count - len(held) > 1:
            held.extend(os.pipe())
        if len(held) < count:
            held.append(os.dup(held[0]) if held else os.open(os.devnull, os.O_RDONLY))
    finally:
        for descriptor in held:
            os.close(descriptor)
