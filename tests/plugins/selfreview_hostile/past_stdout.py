"""A plugin that writes past `sys.stdout`, to `sys.__stdout__` (Python's own standard
output, which a plugin reaches when it distrusts what `print` writes to), at import and in
its hook; its recommendation is good."""

from __future__ import annotations

import sys

from selfreview_core import hookimpl

from . import PRINTED, kept


def _past_stdout() -> None:
    stream = sys.__stdout__
    if stream is not None:  # none where standard output was closed as Python started
        stream.write(PRINTED + " (past sys.stdout)\n")
        stream.flush()


_past_stdout()


@hookimpl
def selfreview_recommend() -> list[object]:
    _past_stdout()
    return [kept("hostile-past-stdout")]
