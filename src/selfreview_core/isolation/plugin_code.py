"""Which threads are running plugin code now: what the guards around plugin code share.

`output.plugin_output` marks the block (prints go to standard error while it runs);
`process_state` asks whether a change to the process was made inside one, so that only
plugin code's changes are put back, never the program's own (a `--jobs` worker ignoring
Ctrl-C, the second SIGTERM that ends the program at once); and which plugin's call made
it (`calling`), so that the warning names it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from threading import get_ident
from types import FrameType

__all__ = ["callers", "calling", "depths", "lock", "running_here"]

lock = threading.Lock()
#: How many plugin calls each thread is in, by thread id, for the threads inside one: as
#: many keys as threads inside plugin calls, so the last to leave puts the real stream back.
#: A thread changes only its own entry; adding or removing one is done under `lock`.
depths: dict[int, int] = {}


def running_here() -> bool:
    """Whether this thread is inside a plugin call (a `plugin_output` block)."""
    return get_ident() in depths


#: Each function that calls plugin code (`PluginCall.run`, the engine's loop over the
#: recommenders), by `module:qualified name`, with what names, from its frame, the plugin it
#: is calling; given True when its `plugin_output` block has just ended, where a frame that
#: called several plugins in one block cannot say which (None). By name, not by code object,
#: so that the engine, above, need import nothing for it. A frame is looked at only when
#: plugin code changed the process: nothing is paid on the way of a report.
callers: dict[str, Callable[[FrameType, bool], str | None]] = {}


def calling(frame: FrameType | None, ended: bool = False) -> str | None:
    """The plugin whose call `frame` is inside: the nearest caller of plugin code (`callers`)
    from `frame` outwards; or, `ended`, the one whose `plugin_output` block `frame` has just
    ended (only its own frame: an outer block goes on). None if not known (a thread a plugin
    started, outside any call; the program's own code)."""
    while frame is not None:
        named = callers.get(f"{frame.f_globals.get('__name__')}:{frame.f_code.co_qualname}")
        if named is not None:
            return named(frame, ended)
        if ended:
            return None
        frame = frame.f_back
    return None
