"""While plugin code runs, what it prints goes to standard error, never into a report.

`contextlib.redirect_stdout` would do for one thread, but it swaps `sys.stdout` for the whole
process: two threads calling plugins at once restore each other's streams out of order and
can leave standard output pointing at standard error for good, and a thread writing a report
while another calls a plugin would have its report moved too. So, while any plugin call is
under way, `sys.stdout` is a proxy that sends the writes of the threads inside a plugin call
to `sys.stderr` and everyone else's to the real standard output; the last call to end puts
the real stream back (undoing any replacement a plugin made meanwhile).

Writes made at the file-descriptor level (`os.write(1, ...)`, C extensions) are not
redirected; `print`, `sys.stdout.write` and `sys.stdout.buffer` are.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Iterable
from typing import Any, TextIO

__all__ = ["plugin_output"]

_lock = threading.Lock()
_inside = threading.local()  # `depth`: how many plugin calls this thread is in
_users = 0  # threads inside plugin calls
_real: TextIO | None = None  # standard output as it was before the first of them
_proxy: _Proxy | None = None  # kept for the next call: making one costs more than a call


def _depth() -> int:
    depth: int = getattr(_inside, "depth", 0)
    return depth


class _Discard(io.TextIOBase):
    """Where plugin output goes when there is no standard error (`pythonw`)."""

    def write(self, text: str) -> int:
        return len(text)


class _Proxy(io.TextIOBase):
    """`sys.stdout` while plugin code runs: the real stream, except in plugin threads."""

    def __init__(self, real: TextIO) -> None:
        super().__init__()
        self.real = real

    def _target(self) -> Any:
        if _depth():
            return sys.stderr if sys.stderr is not None else _Discard()
        return self.real

    def write(self, text: str) -> int:
        written: int = self._target().write(text)
        return written

    def writelines(self, lines: Iterable[str]) -> None:  # type: ignore[override]
        self._target().writelines(lines)

    def flush(self) -> None:
        self._target().flush()

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        """Nothing: a plugin closing `sys.stdout` must not close the real stream."""

    def isatty(self) -> bool:
        return bool(self._target().isatty())

    def fileno(self) -> int:
        return int(self._target().fileno())

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self._target(), "encoding", "utf-8"))

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self._target(), "errors", None)

    @property
    def buffer(self) -> Any:
        return self._target().buffer

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target(), name)


class plugin_output:  # lower case: used like a function, `with plugin_output():`
    """The block's prints (in this thread) go to standard error; other threads' do not.

    Nested blocks in one thread cost almost nothing, so a caller may hold one around a
    whole series of plugin calls.
    """

    __slots__ = ()

    def __enter__(self) -> None:
        depth = _depth()
        if not depth:
            _install()
        _inside.depth = depth + 1

    def __exit__(self, *exc_info: object) -> None:
        _inside.depth -= 1
        if not _inside.depth:
            _uninstall()


def _install() -> None:
    global _users, _real, _proxy
    with _lock:
        if _users == 0:
            _real = sys.stdout
            if isinstance(_real, _Proxy):  # left in place by a plugin: never proxy a proxy
                _real = _real.real
            if _real is not None:
                if _proxy is None or _proxy.real is not _real:
                    _proxy = _Proxy(_real)
                sys.stdout = _proxy
        _users += 1


def _uninstall() -> None:
    global _users, _real
    with _lock:
        _users -= 1
        if _users == 0:
            sys.stdout = _real
            _real = None
