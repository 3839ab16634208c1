"""The folder the command was started in, held open so that the program can go back to it
when plugin code has left it (`process_state`, which says why)."""

from __future__ import annotations

import os

from .._held import kept

__all__ = ["Home"]

#: The system's own function, as it is before `process_state.keep` makes it note.
_fchdir = os.fchdir


class Home:
    """The folder the command was started in, held open (found again even if renamed)."""

    __slots__ = ("descriptor",)

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor

    @classmethod
    def here(cls) -> Home | None:
        """The current folder, held open (not inherited by programs it starts); None if
        it cannot be (no permission to search it): the command's own errors then tell."""
        flags = getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0)
        try:
            descriptor = os.open(".", flags)
        except OSError:
            return None
        return cls(kept(descriptor))  # no plugin code may close it (`isolation.descriptors`)

    def back(self) -> str | None:
        """Back in the folder: the message saying so, or None if the folder itself is gone
        (the command's own errors will say so)."""
        elsewhere = _where()
        try:
            _fchdir(self.descriptor)  # not the noting one: going back is no leaving
        except OSError:
            return None
        return (
            f"a plugin changed the working directory (to {elsewhere}); changed back to"
            f" {_where()}, where the command reads and writes the files it was given"
        )


def _where() -> str:
    try:
        return os.getcwd()
    except OSError:
        return "a folder since removed"
