"""Stand-ins for the standard streams (`output`'s): each write sent to the stream the
subclass names for the thread writing (`_target`), a failure naming the stream as the error
of a file names the file, and the program's own streams opened again where plugin code
closed or detached them.

`output` routes through these: what plugin code prints to standard error, never into a
report; only the routing is there, and what every stand-in does with a write is here.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any, TextIO

from .._held import put_back
from . import process_state

__all__ = ["Owned", "Routed", "closed"]


def _named(error: OSError, stream: str) -> OSError:
    """`error` naming its stream as an error of a file names it ("standard output: ...")."""
    if error.filename is None:
        error.filename = stream
    return error


class Routed(io.TextIOBase):
    """A stand-in for `sys.stdout` that sends each write to `real` or to standard error,
    as `_target` says for the thread writing."""

    def __init__(self, real: TextIO) -> None:
        super().__init__()
        self.real = real

    def _target(self) -> Any:
        raise NotImplementedError

    def write(self, text: str) -> int:
        target = self._target()
        try:
            written: int = target.write(text)
        except OSError as error:
            raise self._named(error, target) from None
        except ValueError:  # closed: by plugin code (`sys.__stdout__.close()`)?
            if not self._reopened(target):
                raise
            return self.write(text)
        return written

    def writelines(self, lines: Iterable[str]) -> None:  # type: ignore[override]
        target = self._target()
        lines = list(lines)  # written again if the stream was closed
        try:
            target.writelines(lines)
        except OSError as error:
            raise self._named(error, target) from None
        except ValueError:
            if not self._reopened(target):
                raise
            self.writelines(lines)

    def flush(self) -> None:
        target = self._target()
        try:
            target.flush()
        except OSError as error:
            raise self._named(error, target) from None
        except ValueError:
            if not self._reopened(target):
                raise

    def _named(self, error: OSError, target: object) -> OSError:
        return _named(error, "standard output" if target is self.real else "standard error")

    def _reopened(self, target: object) -> bool:
        """Whether `target`, closed or detached, was the real stream and is open again:
        never here, only for the program's own streams (`Owned`)."""
        return False

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
        target = self._target()
        if target is self.real:  # standard output's: named when it fails
            raw = target.buffer
            if raw is None and self._reopened(target):  # detached by plugin code
                raw = self.real.buffer
            return _NamedBuffer(raw, self)
        return target.buffer

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target(), name)


def closed(stream: Any) -> bool:
    """Whether `stream` is closed or detached (which says so by raising)."""
    try:
        return bool(stream.closed)
    except ValueError:
        return True


class Owned(Routed):
    """One of the program's own standard streams, which plugin code can reach past every
    stand-in (`sys.__stdout__`, `sys.__stderr__`) and close or detach: the report to
    standard output was then lost, or the command ended in a traceback with status 120
    after writing it, and a closed standard error had Python abort ("lost sys.stderr").
    Python opens them on descriptors 1 and 2 without owning them (closing one leaves the
    descriptor open), so a closed one is opened again on its descriptor, as it was
    (encoding, errors, line buffering), with a warning. Looked at only when a write fails
    or the binary stream is asked for: nothing on the way of a report."""

    #: The stream, as a warning names it.
    _name = "standard output"

    def __init__(self, real: TextIO) -> None:
        super().__init__(real)
        self._told = False
        try:
            self._descriptor: int | None = real.fileno()
            self._encoding, self._errors = real.encoding, real.errors
            self._lines = bool(real.line_buffering)
            self._through = bool(getattr(real, "write_through", False))
        except (AttributeError, ValueError, OSError):  # not a real file (tests, IDEs)
            self._descriptor = None

    def _reopened(self, target: object) -> bool:
        if target is not self.real or self._descriptor is None or not closed(target):
            return False
        try:
            raw = open(self._descriptor, "wb", closefd=False)  # noqa: SIM115 - for the run
        except (OSError, ValueError):  # the descriptor closed too: as it fails
            return False
        self.real = io.TextIOWrapper(
            raw, self._encoding, self._errors, None, self._lines, self._through
        )
        if not self._told:  # once: a plugin may close it for every school
            self._told = True
            process_state.warn(f"a plugin closed {self._name}; opened again")
        return True


class _NamedBuffer:
    """The binary stream under standard output (what a report's JSON is written to),
    whose failures name it as the text stream's do."""

    __slots__ = ("_raw", "_text")

    def __init__(self, raw: Any, text: Routed) -> None:
        self._raw = raw
        self._text = text

    def write(self, data: bytes) -> int:
        try:
            written: int = self._raw.write(data)
        except OSError as error:
            if put_back(error, 1):  # closed outside plugin code (`_held`): put back
                return self.write(data)
            raise _named(error, "standard output") from None
        except ValueError:  # closed: by plugin code? Then the text stream's new one
            if not self._opened_again():
                raise
            return self.write(data)
        return written

    def flush(self) -> None:
        try:
            self._raw.flush()
        except OSError as error:
            if put_back(error, 1):
                return self.flush()
            raise _named(error, "standard output") from None
        except ValueError:
            if not self._opened_again():
                raise

    def _opened_again(self) -> bool:
        """Whether the text stream's real one, closed, was opened again (`Owned`)."""
        text = self._text
        if not (closed(text.real) and text._reopened(text.real)):
            return False
        self._raw = text.real.buffer
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)
