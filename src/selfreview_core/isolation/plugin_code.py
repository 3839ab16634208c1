"""Which threads are running plugin code now: what the guards around plugin code share.

`output.plugin_output` marks the block (prints go to standard error while it runs);
`process_state` asks whether a change to the process was made inside one, so that only
plugin code's changes are put back, never the program's own (a `--jobs` worker ignoring
Ctrl-C, the second SIGTERM that ends the program at once).
"""

from __future__ import annotations

import threading
from threading import get_ident

__all__ = ["depths", "lock", "running_here"]

lock = threading.Lock()
#: How many plugin calls each thread is in, by thread id, for the threads inside one: as
#: many keys as threads inside plugin calls, so the last to leave puts the real stream back.
#: A thread changes only its own entry; adding or removing one is done under `lock`.
depths: dict[int, int] = {}


def running_here() -> bool:
    """Whether this thread is inside a plugin call (a `plugin_output` block)."""
    return get_ident() in depths
