"""A plugin that closes the program's own standard streams, past every stand-in
(`sys.__stdout__`, `sys.__stderr__`), at import and in its hook, as
`$SELFREVIEW_HOSTILE_CLOSES` says (words joined by commas): `output` closes standard
output, `error` standard error, `detach` detaches standard output's text stream from its
bytes. Before round 47 a closed standard output lost the report written there, or (a
report written to its file) ended the command with a traceback and status 120; a closed
standard error had Python abort ("lost sys.stderr"). Its recommendation is good. Not among
the package's `ENTRY_POINTS`: `tests/isolation/test_output_closed.py` installs it alone."""

from __future__ import annotations

import os
import sys
from contextlib import suppress

from selfreview_core import hookimpl

from . import kept


def _close() -> None:
    for how in os.environ.get("SELFREVIEW_HOSTILE_CLOSES", "").split(","):
        output, error = sys.__stdout__, sys.__stderr__
        if how == "output" and output is not None:
            output.close()
        elif how == "error" and error is not None:
            error.close()
        elif how == "detach" and output is not None:
            with suppress(ValueError):  # detached at import already
                output.detach()


_close()


@hookimpl
def selfreview_recommend() -> list[object]:
    _close()
    return [kept("hostile-closes")]
