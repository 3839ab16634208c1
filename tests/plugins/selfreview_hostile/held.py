"""A plugin that reaches the file the command is writing (the temporary file of `-o FILE`,
found among its open descriptors), in its hook, as `$SELFREVIEW_HOSTILE_HELD` says: `dup2`
puts a file of its own (`plugin.log`, in the working folder) over it, `close` closes it
(`os.close`), `closerange` closes it with `os.closerange`, `reopen` closes it through a file
object and opens `plugin.log` in its place (the lowest free descriptor: the same), and
`reopen-first` does so once, to the first of them alone (the program's copy left open), `fdopen`
closes the first of them through a file object and nothing more (a plugin closing a stale
number of its own twice, once as a file object), which before round 51 failed the command,
every report lost; `closerange-all` calls `os.closerange(3, 4096)`, as a daemon's start
does, which before round 50 closed the file a batch was read from (every report lost, "Bad
file descriptor") and, with `--jobs 2`, the pool's pipes (the command waited for ever).
Before round 49 the first and the last had every report written into `plugin.log` and the empty
temporary file renamed over the target, "2 reports written to out.json", status 0; the
others failed the command, `out.json: Bad file descriptor`, every report lost. Its
recommendation is good. Not among the package's `ENTRY_POINTS`:
`tests/isolation/test_descriptors.py` installs it alone. Linux only (`/proc/self/fd`)."""

from __future__ import annotations

import os
from typing import IO

from selfreview_core import hookimpl

from . import kept

#: What `reopen` opened in the written file's place, held open.
_HELD: list[IO[bytes]] = []


def _written() -> list[int]:
    """The descriptors open on a temporary file of the command's (`.NAME.TOKEN.tmp`)."""
    found = []
    for name in os.listdir("/proc/self/fd"):
        try:
            path = os.readlink(f"/proc/self/fd/{name}")
        except OSError:  # the listing's own descriptor, closed by now
            continue
        if path.endswith(".tmp") and os.path.basename(path).startswith("."):
            found.append(int(name))
    return found


def _reach() -> None:
    how = os.environ.get("SELFREVIEW_HOSTILE_HELD", "")
    if how == "closerange-all":
        os.closerange(3, 4096)
    if how == "fdopen":  # the first alone: a number of its own, closed twice
        os.fdopen(min(_written()), "wb").close()
    if how == "reopen-first" and _written() and not _HELD:  # once, the first alone
        os.fdopen(min(_written()), "wb").close()
        _HELD.append(open("plugin.log", "ab"))  # noqa: SIM115  # held: the same number
    for descriptor in _written():
        if how == "dup2":
            own = os.open("plugin.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
            try:
                os.dup2(own, descriptor)
            finally:
                os.close(own)
        elif how == "close":
            os.close(descriptor)
        elif how == "closerange":
            os.closerange(descriptor, descriptor + 1)
        elif how == "reopen":
            os.fdopen(descriptor, "wb").close()
            _HELD.append(open("plugin.log", "ab"))  # noqa: SIM115  # held: the same number


@hookimpl
def selfreview_recommend() -> list[object]:
    _reach()
    return [kept("hostile-held")]
