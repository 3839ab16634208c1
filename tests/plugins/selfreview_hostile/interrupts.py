"""A plugin that raises `KeyboardInterrupt` itself, with no Ctrl-C and no signal behind it,
where `$SELFREVIEW_HOSTILE_INTERRUPTS` says: `import` as it is imported, `recommend` in its
hook, `frameworks` in its `selfreview_frameworks` (which `show` and every report call),
`render` in its exporter's render of the first school (`--format hostile-interrupts`).
Before round 80 each ended the command as Ctrl-C does ("Aborted!", status 1, every report
lost); SPEC section 4 makes it the plugin's problem like any `BaseException`. Two more:
`signal` calls `signal.raise_signal(SIGINT)` in its hook, which nobody can tell from the
user's Ctrl-C, and `wait` waits in its hook for the user's Ctrl-C, having made the file
`$SELFREVIEW_HOSTILE_INTERRUPTS_WAITING`. Its hook otherwise gives a recommendation of its
own (`hostile-interrupts-kept`), so a test can see its work kept. Not among the package's
`ENTRY_POINTS`: the tests install it alone."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from selfreview_core import Exporter, Recommendation, Report, hookimpl

_HOW = os.environ.get("SELFREVIEW_HOSTILE_INTERRUPTS", "")

if _HOW == "import":
    raise KeyboardInterrupt("at import")


@hookimpl
def selfreview_recommend() -> list[Recommendation]:
    if _HOW == "recommend":
        raise KeyboardInterrupt("in a hook")
    if _HOW == "signal":
        signal.raise_signal(signal.SIGINT)
    if _HOW == "wait":  # for the user's Ctrl-C: says so in a file, and waits for it
        Path(os.environ["SELFREVIEW_HOSTILE_INTERRUPTS_WAITING"]).touch()
        time.sleep(600)
    return [
        Recommendation(id="hostile-interrupts-kept", title="Kept", action="Kept", targets=("1a1",))
    ]


@hookimpl
def selfreview_frameworks() -> list[str]:
    if _HOW == "frameworks":
        raise KeyboardInterrupt("listing frameworks")
    return []


_rendered: list[Report] = []


def _render(report: Report) -> str:
    _rendered.append(report)
    if _HOW == "render" and len(_rendered) == 1:  # the first school's only
        raise KeyboardInterrupt("in a render")
    return "rendered\n"


@hookimpl
def selfreview_exporters() -> list[Exporter]:
    return [Exporter("hostile-interrupts", ".txt", "text/plain", _render)]
