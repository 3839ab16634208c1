"""A plugin whose recommendations come from a generator that, after a good one, raises an
exception whose class was given a `str` subclass for a name (as a class made by `type()`
from a library's own text type is), a name whose every method fails. Before round 50 the
problem's own description failed on it, and `report` ended in "internal error"."""

from __future__ import annotations

from collections.abc import Iterator

from selfreview_core import hookimpl

from . import kept


class Name(str):
    """Text whose methods all fail: only its characters can be read."""

    def __getattribute__(self, name: str) -> object:
        raise RuntimeError(f"no {name} for this name")

    def __format__(self, spec: str) -> str:
        raise RuntimeError("cannot be formatted")

    def __str__(self) -> str:
        raise RuntimeError("cannot be made text")


class Lost(Exception):
    """What the plugin raises: its message is plain, its class's name a `Name`."""


Lost.__name__ = Name("ConnectionLost")


@hookimpl
def selfreview_recommend() -> Iterator[object]:
    yield kept("hostile-odd-names")
    raise Lost("the server went away")
