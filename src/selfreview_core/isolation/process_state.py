"""What plugin code may not change in the program's process.

A plugin runs inside the command's process, and six things of the process's decide
where and how the command does its work, and whether its user hears of it:

- **the working directory.** Every name a user gives on the command line (`report a.yaml
  b.yaml -o out.json`, `--output-dir reports`) is relative to the folder the command was
  started in, and read or written later, school by school. A plugin that changes it
  (`os.chdir` at import or in a hook, and not back) would have every later input
  unreadable and every output written in that other folder (`Wrote out.json` while it is
  somewhere else, perhaps over another file of the same name there).
- **the file mode mask** (`os.umask`), which the kernel applies to every file the command
  makes: a plugin's `os.umask(0)` would make every report written after it writable by
  anyone on the machine.
- **how it answers the signals that stop it**: a plugin ignoring SIGINT or SIGTERM (or
  blocking them) would leave Ctrl-C and `kill` no way to stop a batch, which then ran to
  its end and replaced its output; SIGHUP is a closed terminal; SIGPIPE set to its default
  would kill the program, status 141, when its reader goes away (`| head`), which it
  otherwise ends quietly with status 0.
- **standard error**, where every error and warning is told: a plugin that replaced
  `sys.stderr` (with `os.devnull`, to quieten a library of its own) would have a command
  fail with status 1 and not a word said.
- **the recursion limit** (`sys.setrecursionlimit`), which bounds how deep the readers'
  parsers may go into a hostile file (`recursion_limit`).
- **the descriptor a signal wakes it through** (`signal.set_wakeup_fd`), by which Ctrl-C
  and `kill` stop a cohort's DuckDB query at once (`wakeup_descriptor`).

(And since round 80 three more, each in a module of its own: a **trace or profile
function** and an **audit hook**, which would run at every call or audited event of the
command's own code, printing into its output (`trace_functions`, `audit_hooks`), and **the
limits the system holds the process to**, a lowered one of which had the next file refused
or the report cut short (`resource_limits`): put in place only once plugin code may run,
`plugin_code_ahead`, `plugin_guards`.)

So the program (`keep`, called once by the command line, which owns its process; a program
embedding the engine owns its own process, and nothing is watched there) holds its folder
open, and its `os.chdir`, `os.fchdir`, `os.umask`, `signal.pthread_sigmask` and
`sys.setrecursionlimit` note a change: when plugin code has run (a thread's outermost
`plugin_output` block ending), the program puts back what changed, and its standard error
if replaced, saying so once for each. The plugin's own folder, mask, blocked signals and
raised recursion limit stand while its code runs, as it expects (a signal blocked meanwhile
comes when unblocked). Two changes are refused outright instead: a recursion limit lower
than the program's (the next plugin of the same report would fail on it before anything
put it back) and a new handler for one of those signals (`signal.signal` returns the one
in place; `stopping_signals`): put back only afterwards, it would have lost a Ctrl-C that
came while plugin code ran, about half of a batch's time. Noting costs nothing on the way
of a report, and standard error one identity check, where asking the system after each
plugin call (`os.getcwd`, `signal.getsignal`) would cost about 4,000 instructions a
school, half a per cent of a JSON Lines batch; an audit hook would be called for every
audited event (`id()` is one, about 40 a school).

Handlers, blocked signals and the recursion limit are noted only in plugin code (the
program's own changes, such as a `--jobs` worker ignoring Ctrl-C, are its own); the folder
and the mask, by anything, since the program never changes them. A change made below
Python (a C extension calling `chdir` or `sigaction` itself) is not seen.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from contextlib import suppress
from functools import wraps
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

from ..escaping import shown, shown_name
from . import descriptors, error_hooks, number_digits, recursion_limit, wakeup_descriptor
from .home import Home
from .plugin_code import calling
from .stopping_signals import (
    KEPT_SIGNALS,
    in_main_thread,
    kept_as_it_was,
    noting_blocked,
    own_sigmask,
    own_signal,
    refusing_handler,
)

if TYPE_CHECKING:
    from .hook_imports import Imports
    from .plugin_guards import PluginGuards

__all__ = ["Home", "Kept", "keep", "kept", "own_sigmask", "own_signal", "plugin_code_ahead"]
__all__ += ["release", "warn"]

#: The system's own functions, as they are before `keep` makes them note.
_chdir = os.chdir
_fchdir = os.fchdir
_umask = os.umask
_signal = own_signal
_sigmask = own_sigmask


class Kept:
    """What the program keeps of its process, and what plugin code changed of it since
    it was last put back (each set by the noting functions `keep` puts in place)."""

    __slots__ = (
        "blocked",
        "by",
        "changed",
        "depth",
        "digits",
        "forked",
        "guards",
        "home",
        "hooks",
        "imports",
        "left",
        "mask",
        "refused",
        "standard",
        "stderr",
        "told",
        "wakeup",
    )

    def __init__(self, home: Home | None, stderr: TextIO | None) -> None:
        self.home = home
        #: The program's standard error, which no plugin may keep replaced.
        self.stderr = stderr
        #: Anything below noted: `put_back` has work (the one flag read for every report).
        self.changed = False
        self.left = False
        #: The mask and the blocked signals as they were before plugin code changed them
        #: (None: unchanged); and the signals whose handling it asked to change.
        self.mask: int | None = None
        self.blocked: set[int] | None = None
        self.refused: set[int] = set()
        self.told: set[str] = set()
        #: The plugin whose call made each change noted since put back (`calling`; None:
        #: not known), by what changed, so that its warning names it.
        self.by: dict[str, str | None] = {}
        #: In a process plugin code forked (`exit_functions`): what ends it when it comes
        #: back from plugin code into the command's own work.
        self.forked: Callable[[], object] | None = None
        #: The standard descriptors' copies (`descriptors`), once `keep` has made them.
        self.standard: descriptors.Standard | None = None
        #: The recursion limit, noted before plugin code raised it (`recursion_limit`).
        self.depth = recursion_limit.Depth()
        #: The longest number read, noted before plugin code changed it (`number_digits`).
        self.digits = number_digits.Digits()
        #: The descriptor signals wake the program through (`wakeup_descriptor`).
        self.wakeup = wakeup_descriptor.Wakeup()
        #: The hooks that tell an error no caller can handle (`error_hooks`).
        self.hooks = error_hooks.Hooks.here()
        #: The trace and profile functions, audit hooks and system's limits, which plugin
        #: code may not leave set, nor lower (`plugin_guards`); None until it may run.
        self.guards: PluginGuards | None = None
        #: The import path and modules imported later (`hook_imports`), once plugins are.
        self.imports: Imports | None = None

    def put_back(self, frame: FrameType | None = None) -> None:
        """Standard error, the folder, the mask, the recursion limit and the signals as they
        were before plugin code changed them; each said once, naming the plugin whose call
        made it (noted then), or else the one whose `plugin_output` block `frame` has just
        ended, if one alone ran there. (In a process plugin code forked, `forked` first,
        which ends it.)"""
        if self.forked is not None:
            self.forked()
        self.changed = False
        self.by[""] = calling(frame, ended=True)  # what no noted call told of
        if self.standard is not None and (self.standard.touched or self.standard.held):
            for what, message in self.standard.back().items():  # first: told there
                self._tell(what, message)
        if sys.stderr is not self.stderr and self.stderr is not None:
            sys.stderr = self.stderr  # first: what follows is told there
            self._tell(
                "stderr",
                "a plugin replaced standard error; put back, where the command tells its"
                " errors and warnings",
            )
        if self.left and self.home is not None:
            self.left = False
            self._tell("folder", self.home.back())
        if self.mask is not None:
            mask, self.mask = self.mask, None
            now = _umask(mask)
            if now != mask:
                self._tell(
                    "mask",
                    f"a plugin changed the file mode mask (to {now:03o}); changed back to"
                    f" {mask:03o}, which the files the command writes are made with",
                )
        for what, message in self.depth.back():
            self._tell(what, message)
        self._tell("digits", self.digits.back())
        self._tell("hooks", self.hooks.back())
        self._tell("wakeup", self.wakeup.back())
        for guarded, said in self.guards.back() if self.guards is not None else ():
            self._tell(guarded, said)
        for guarded, said in self.imports.back() if self.imports is not None else ():
            self._tell(guarded, said)
        if self.refused or self.blocked is not None:
            self._signals_back()
        # What only the main thread puts back, noted still when another's call ends first.
        later = {"signals": bool(self.refused) or self.blocked is not None}
        later["wakeup"] = self.wakeup.before is not None
        self.by = {what: self.by.get(what) for what, left in later.items() if left}
        pending = self.guards is not None and self.guards.tracers.pending()
        self.changed = self.changed or later["wakeup"] or pending

    def note(self, what: str) -> None:
        """Something changed (`what`: a standard descriptor, the longest number read):
        `put_back` has work."""
        self.noting(what)
        self.changed = True

    def noting(self, what: str) -> None:
        """The plugin whose call runs now changed `what`, unless one was noted first since
        put back (`by`): looked for only then, never on the way of a report."""
        if what not in self.by:
            self.by[what] = calling(sys._getframe(1))

    def unnoted(self) -> bool:
        """Whether plugin code changed what no noted call tells of: an error hook replaced,
        the import path or a module (`hook_imports`), or a standard descriptor closed by a
        file object (`put_back` has work then)."""
        if self.hooks.replaced() or (self.imports is not None and self.imports.changed()):
            return True
        return self.standard is not None and self.standard.unnoted()

    def _signals_back(self) -> None:
        """The blocked signals put back, by the main thread only (whose mask it is: noted
        still when another thread's plugin call ends first); what was refused, told."""
        if not in_main_thread():
            self.changed = True
            return
        changed, self.refused = self.refused, set()
        if self.blocked is not None and _sigmask is not None:
            blocked, self.blocked = self.blocked, None
            now = _sigmask(signal.SIG_SETMASK, blocked)  # what came meanwhile comes now
            changed |= KEPT_SIGNALS.intersection(now) - blocked
        if changed:
            self._tell("signals", kept_as_it_was(changed))

    def _tell(self, what: str, message: str | None) -> None:
        """`message` on standard error, the first time something of `what` is put back."""
        if message is None or what in self.told:
            return
        self.told.add(what)
        by = self.by[what] if what in self.by else self.by.get("")
        if by is not None and message.startswith("a plugin "):
            message = f"plugin {shown_name(by)}{message[len('a plugin') :]}"
        warn(message)


def warn(message: str) -> None:
    """`warning: message` on standard error, unless there is none to write to."""
    with suppress(OSError, ValueError, AttributeError):  # no standard error: untold
        sys.stderr.write(shown("warning: " + message, newline=False) + "\n")


def _noting_folder(change: Callable[..., None], noted: Kept) -> Callable[..., None]:
    """`change` (`os.chdir` or `os.fchdir`), noting that the folder was left."""

    @wraps(change)
    def changed(*args: Any, **kwargs: Any) -> None:
        change(*args, **kwargs)
        noted.noting("folder")
        noted.left = noted.changed = True

    return changed


def _noting_mask(noted: Kept) -> Callable[[int], int]:
    """`os.umask`, noting the mask as it was before the first change since put back."""

    @wraps(_umask)
    def umask(mask: int) -> int:
        previous = _umask(mask)
        if noted.mask is None:
            noted.noting("mask")
            noted.mask = previous
            noted.changed = True
        return previous

    return umask


#: What the program keeps, once `keep` has been called; None in a program embedding the
#: engine (nothing is noted then).
kept: Kept | None = None


def keep() -> None:
    """From now on, when plugin code has run, the program's working directory, file mode
    mask, blocked signals, recursion limit, wakeup descriptor, standard error and
    descriptors, longest number read and error hooks (`error_hooks`: called after
    `cli._ignored.tell_ignored` put the program's in place) are what they are now, and
    plugin code may not change the handling of its stopping signals or lower the recursion
    limit (and, from `plugin_code_ahead`, more). For the program only, once."""
    global kept
    if kept is not None:
        return
    kept = Kept(Home.here(), sys.stderr)
    kept.standard = descriptors.Standard.here()
    kept.standard.note(kept.note, kept._tell)
    kept.digits.note(kept.note)
    kept.depth.note(kept.note)
    kept.wakeup.note(kept.note)
    if kept.home is not None:  # else no folder to go back to: the command's errors tell
        os.chdir = _noting_folder(os.chdir, kept)
        os.fchdir = _noting_folder(os.fchdir, kept)
    os.umask = _noting_mask(kept)
    signal.signal = refusing_handler(kept)
    if _sigmask is not None:
        signal.pthread_sigmask = noting_blocked(kept, _sigmask)


def plugin_code_ahead() -> None:
    """Plugin code may run from now on: its trace and profile functions are to be put back
    when it has run, and its audit hooks and lowered system limits kept to it or refused
    (`plugin_guards`), once; nothing unless `keep` was called (the program's process)."""
    if kept is None:
        return
    kept.imports = None  # an import's changes are the loader's to put back: held after
    if kept.guards is None:
        from .plugin_guards import PluginGuards

        kept.guards = PluginGuards(kept.note)


def release() -> None:
    """Python's own functions back, which `keep` made note or refuse: in a process that
    plugin code forked, which is the plugin's (a pool's worker ignoring Ctrl-C, as pools'
    initialisers often have it, does so)."""
    os.chdir, os.fchdir, os.umask = _chdir, _fchdir, _umask
    signal.signal = _signal
    if _sigmask is not None:
        signal.pthread_sigmask = _sigmask
    descriptors.release()
    number_digits.release()
    recursion_limit.release()
    wakeup_descriptor.release()
    guards = sys.modules.get(f"{__package__}.plugin_guards")
    if guards is not None:  # else never put in place
        guards.release()
