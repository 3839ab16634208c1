"""While plugin code runs, what it prints goes to standard error, never into a report.

`contextlib.redirect_stdout` would do for one thread, but it swaps `sys.stdout` for the whole
process: two threads calling plugins at once restore each other's streams out of order and
can leave standard output pointing at standard error for good, and a thread writing a report
while another calls a plugin would have its report moved too. So, while any plugin call is
under way, `sys.stdout` is a proxy that sends the writes of the threads inside a plugin call
to `sys.stderr` and everyone else's to the real standard output; the last call to end puts
the real stream back (undoing any replacement a plugin made meanwhile).

A thread a plugin starts is inside no call: it may go on printing once its call has
returned. While a command runs (`command_output`), only the thread running the command
writes standard output; any other thread's writes go to standard error.

Writes made at the file-descriptor level (`os.write(1, ...)`, C extensions) are not
redirected; `print`, `sys.stdout.write` and `sys.stdout.buffer` are.

Being the streams' stand-ins (`stream_stand_ins`), these also say which stream failed: a
write to standard output that fails (a full disk) names it, as the error of a file names the
file; and the program's standard error (`standard_error_never_fails`) drops what cannot be
written there rather than fail the command that was telling something.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import suppress
from threading import get_ident
from typing import Any, TextIO, cast

from . import process_state
from .plugin_code import depths as _depths
from .plugin_code import lock as _lock
from .stream_stand_ins import Owned, Routed
from .whole_lines import flush_partial, partial, standard_error, written_whole

__all__ = ["command_output", "plugin_output", "plugin_output_entered", "plugin_output_left"]
__all__ += ["standard_error_never_fails", "standard_output_to_this_thread"]

_acquire, _release = _lock.acquire, _lock.release  # bound once: a lookup costs as a call
_real: TextIO | None = None  # standard output as it was before the first of them
_proxy: _Proxy | None = None  # kept for the next call: making one costs more than a call
#: The stream `_proxy` stands in for (its `real`, which never changes), read without the
#: proxy's `__getattr__`; None while there is no proxy.
_proxied: TextIO | None = None


def _depth() -> int:
    return _depths.get(get_ident(), 0)


_standard_error = standard_error  # a whole line at a time (`whole_lines`)


class _Proxy(Routed):
    """`sys.stdout` while plugin code runs: the real stream, except in plugin threads."""

    def _target(self) -> Any:
        return _standard_error() if _depth() else self.real


class _OneThread(Owned):
    """`sys.stdout` while a command runs: the real stream for the thread running it, and
    standard error for any other, such as a thread a plugin started, which goes on
    printing after its call has returned, where no `plugin_output` block can see it."""

    def __init__(self, real: TextIO) -> None:
        super().__init__(real)
        self.owner = get_ident()

    def _target(self) -> Any:
        return self.real if get_ident() == self.owner else _standard_error()


class _Unfailing(Owned):
    """`sys.stderr` for the program: what cannot be written there (a full disk, a closed
    terminal) is dropped. Standard error is where a failure would be told; failing to tell
    it must not become a failure of its own, nor turn a command's exit status (2 for a
    usage error, 0 for a report written to its file) into the 1 of an untold traceback."""

    _name = "standard error"

    def _target(self) -> Any:
        return self.real

    def write(self, text: str) -> int:
        with suppress(OSError, ValueError):  # closed for good: dropped too
            written_whole(super().write, text)  # plugin code's, a whole line at a time
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:  # type: ignore[override]
        with suppress(OSError, ValueError):
            super().writelines(lines)

    def flush(self) -> None:
        with suppress(OSError, ValueError):
            super().flush()


def standard_error_never_fails() -> None:
    """From now on a write to standard error that fails is dropped (`_Unfailing`). For
    the program only, which owns its streams, once."""
    if sys.stderr is not None and not isinstance(sys.stderr, _Unfailing):
        sys.stderr = _Unfailing(sys.stderr)


def standard_output_to_this_thread() -> TextIO | None:
    """From now on only this thread writes standard output: what any other thread prints
    goes to standard error, so that nothing a plugin's own thread prints lands in a report
    on standard output (SPEC section 4). The program does this once, for good: its last
    lines must not be followed by a late print. Returns the stream it stood in for, or None
    if there was nothing to do (no standard output, or this done already)."""
    current = sys.stdout
    if current is None or isinstance(current, _OneThread):
        return None
    sys.stdout = _OneThread(current)
    return current


class command_output:  # lower case: used like a function, `with command_output():`
    """`standard_output_to_this_thread` for the block's length (a command run inside a
    program, which owns its streams), unless it is so for good already."""

    __slots__ = ("_previous",)

    def __init__(self) -> None:
        self._previous: TextIO | None = None

    def __enter__(self) -> None:
        self._previous = standard_output_to_this_thread()

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._previous is not None:
            sys.stdout = self._previous
        self._previous = None


def plugin_output_entered() -> int:
    """`plugin_output`'s `__enter__`, called as it is around a report's plugins: a plain
    call, where `with` binds two methods and calls the first from C (round 74). Returns
    this thread's id, for `plugin_output_left`: asked again, it costs a call (round 80)."""
    global _real
    thread = get_ident()
    depth = _depths.get(thread)
    if depth:
        _depths[thread] = depth + 1
        return thread
    _acquire()  # not `with _lock`: twice as slow, and this runs for every report
    try:
        if not _depths:  # the first thread inside a plugin call
            real = sys.stdout
            if real is _proxied and real is not None:  # as last time: no new proxy
                _real = real
                sys.stdout = _proxy
            else:
                _install(real)
        _depths[thread] = 1
    finally:
        _release()
    return thread


def plugin_output_left(
    kind: object = None, error: object = None, trace: object = None, thread: int | None = None
) -> None:
    """`plugin_output`'s `__exit__` (`plugin_output_entered`); `thread`, its id if known."""
    global _real
    thread = get_ident() if thread is None else thread
    depth = _depths[thread]
    if depth > 1:
        _depths[thread] = depth - 1
        return
    _acquire()
    try:
        del _depths[thread]
        if not _depths:  # the last to leave
            sys.stdout = _real
            _real = None
    finally:
        _release()
    kept = process_state.kept
    if kept is not None and (kept.changed or sys.stderr is not kept.stderr or kept.unnoted()):
        if partial:  # printed without ending its line (`whole_lines`): written now
            flush_partial()
        kept.put_back(sys._getframe(1))  # plugin code changed the process: back


class plugin_output:  # lower case: used like a function, `with plugin_output():`
    """The block's prints (in this thread) go to standard error; other threads' do not.
    Nested blocks in one thread cost almost nothing: a caller may hold one around a series
    of plugin calls (for every report: written out, one dictionary entry a thread inside)."""

    __slots__ = ()
    __enter__, __exit__ = staticmethod(plugin_output_entered), staticmethod(plugin_output_left)


def _install(real: TextIO | None) -> None:
    """Standard output (`real`, as the first thread inside a plugin call found it) proxied,
    when it is not the stream proxied last time. Called under `_lock`."""
    global _real, _proxy, _proxied
    # Left in place by a plugin: never proxy a proxy (`isinstance` asks the ABC machinery
    # of `io`, several times slower for the common answer, no).
    if real is not None and _Proxy in type(real).__mro__:
        real = cast(_Proxy, real).real
    _real = real
    if real is not None:
        if _proxy is None or _proxied is not real:
            _proxy, _proxied = _Proxy(real), real
        sys.stdout = _proxy
