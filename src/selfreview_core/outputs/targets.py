"""Where a file given as an output is written: the file it named when it was checked.

`outputs.checks.check_target` refuses an output that names an input, before any work; the
file is written only at the end. Resolved again at the end, a name that another program
made a symbolic link to an input meanwhile (`ln -sf input.yaml out.json` during a long
`report`) sent the write to the input, and the input was replaced (round 72): "no output
ever overwrites an input" (SPEC section 7) held only at the check. So the check fixes where
the name leads (`fix`), and the write goes there (`real_target`): a link made since is
replaced by the file, and what it points to is left as it was. The write takes what was
fixed (`taken`), and the table holds no more than `MAX_FIXED` names checked and never
written (a long-lived library caller's): before round 73 it kept every name ever checked.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final, TypeVar

__all__ = ["MAX_FIXED", "fix", "followed", "noted", "real_target", "taken"]

#: Each output checked and not yet written (its absolute name) and the file it named then,
#: the oldest checked first.
_FIXED: dict[str, Path] = {}
#: The most names `_FIXED` holds: past it, the one checked longest ago is let go (written
#: then, it is resolved as a name never checked is, `followed`).
MAX_FIXED: Final = 1024
_V = TypeVar("_V")


def fix(target: str | os.PathLike[str]) -> None:
    """Keep the file `target` names now (a link followed, its folders' links too) as the
    one written for it, until it is written (`taken`) or checked again."""
    noted(_FIXED, os.path.abspath(target), Path(os.path.realpath(target)))


def noted(table: dict[str, _V], name: str, value: _V) -> None:
    """`value` kept in `table` (a table of names checked, the oldest first) as `name`'s,
    the newest; past `MAX_FIXED` names, the one checked longest ago let go."""
    table.pop(name, None)  # checked again: the newest
    table[name] = value
    while len(table) > MAX_FIXED:
        del table[next(iter(table))]


def taken(target: str | os.PathLike[str]) -> Path | None:
    """The file `target` named when it was checked (`fix`), for its write, let go; None
    if it was not so checked (never, or as a device or a named pipe, which are written to
    wherever they are) or was written since."""
    return _FIXED.pop(os.path.abspath(target), None)


def followed(target: str | os.PathLike[str]) -> Path:
    """The file `target` names now: a symbolic link is followed, so the link stays a link.
    What a check looks at: checked again, a name is judged by where it leads then."""
    path = Path(target)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def real_target(target: str | os.PathLike[str]) -> Path:
    """The file to replace: the one `target` named when it was checked (`fix`), else the
    one it names now (`followed`)."""
    fixed = _FIXED.get(os.path.abspath(target))
    return followed(target) if fixed is None else fixed
