"""The guards that matter only where plugin code runs, put in place once it first may.

Trace and profile functions (`trace_functions`), audit hooks (`audit_hooks`) and the
system's limits (`resource_limits`) are guarded by wrapping the functions that set them,
and each wrapper acts only inside plugin code. Until round 81 `process_state.keep` wrapped
them at every command's start, importing `resource` and these modules: about 3.5 M
instructions (0.8 %) of a command that loads no plugin at all (`validate FILE`). So the
program puts them in place (`process_state.plugin_code_ahead`) just before it first lists
and imports the installed plugins (`plugins.PluginHost.load_entry_points`), the one way
plugin code enters the command line's process: before the first line of any plugin runs,
and never in a command that builds no engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from . import audit_hooks, resource_limits, trace_functions

__all__ = ["PluginGuards", "release"]


class PluginGuards:
    """The trace and profile functions, the system's limits and the audit hooks, each
    noting (through `changed`) what plugin code does to them from now on."""

    __slots__ = ("audits", "limits", "tracers")

    def __init__(self, changed: Callable[[str], None]) -> None:
        self.tracers = trace_functions.Tracers()
        self.limits = resource_limits.Limits()
        self.audits = audit_hooks.Audits()
        self.tracers.note(changed)
        self.limits.note(changed)
        self.audits.note(changed)

    def back(self) -> Iterator[tuple[str, str | None]]:
        """(what, the message saying so, or None) for each, what plugin code changed put
        back: `process_state.Kept.put_back` tells each."""
        yield "tracers", self.tracers.back()
        yield "limits", self.limits.back()
        yield "audits", self.audits.back()


def release() -> None:
    """Python's own functions back (a forked process's)."""
    trace_functions.release()
    resource_limits.release()
    audit_hooks.release()
