"""The `selfreview` program: what the console script and `python -m selfreview_core` run.

Importing a module of ours changes nothing in the process; the program that IS the command
may. Here it asks the cyclic collector to run rarely (`_collector.rarely`) before the
command line's modules (click, pydantic, ours) are imported, runs the command, and puts the
collector's thresholds back when the command ends, unless the command already did (a
batch, before its first report) or something else changed them meanwhile. A program that
imports `selfreview_core.cli` and calls `main` itself keeps its collector as it set it."""

from __future__ import annotations

import sys
from contextlib import suppress
from typing import NoReturn

from ._collector import as_usual, rarely

__all__ = ["main"]


def main() -> None:
    """Run the command on the process's command line (`cli.main`), the collector asked to
    run rarely while it starts. Ends by `SystemExit` with the command's exit code."""
    rarely()  # before click and the command's modules are imported
    try:
        try:
            from .cli import main as command
        except KeyboardInterrupt:
            _aborted()
        command()
    finally:
        as_usual()


def _aborted() -> NoReturn:
    """Ctrl-C that came while the command line's modules were imported (a third of a
    second on a busy machine), before click can tell it: said as click says one that comes
    while a command runs, "Aborted!" and exit 1. Before round 63, Python's traceback of the
    import it cut short."""
    with suppress(OSError, ValueError, AttributeError):  # no standard error: untold
        sys.stderr.write("\nAborted!\n")
    sys.exit(1)
