"""What an engine holds, as `selfreview frameworks` and `selfreview plugins` list it: a
table to read, or plain data for JSON. Every text from a file or plugin is escaped for the
terminal where it is laid out (`display.one_line`)."""

from __future__ import annotations

from collections.abc import Iterable

from tabulate import tabulate

from .catalogue import FrameworkEntry
from .display import one_line

__all__ = ["frameworks_table"]


def frameworks_table(entries: Iterable[FrameworkEntry]) -> str:
    rows = [
        (
            one_line(e.framework.id),
            one_line(e.framework.version),
            one_line(e.framework.title),
            one_line(" ".join(str(p) for p in (e.framework.publisher, e.framework.year) if p)),
            len(e.framework),
            one_line(e.provider),
        )
        for e in entries
    ]
    headers = ("id", "version", "title", "publisher", "strands", "provided by")
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)
