"""A plugin raising a `BaseException` of its own, which `except Exception` lets through."""

from __future__ import annotations

from selfreview_core import Recommendation, hookimpl


class Sabotage(BaseException):
    """Not an `Exception`: only a catch of everything but Ctrl-C stops it."""


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    raise Sabotage("not an Exception")
