"""The symbolic links to folders that the last walk of each folder followed, as the walk
(`files.walk`) reports them, for `output_checks`: a file written in a folder reached through
one would be read back by the next run, though its real place is not under the folder
walked. Each command walks its folders before checking its outputs, so the checks use what
that walk found instead of walking again.

Folders are known by identity (device, inode). Only a walk that found a link leaves an
entry, and each walk of a folder replaces (or drops) what the last one left: a folder whose
links were removed since is not found through them. Setting and reading an entry are single
dictionary operations, safe between threads.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["Identity", "followed", "note"]

Identity = tuple[int, int]  # (device, inode): one folder, whatever the name it is reached by

_FOLLOWED: dict[Identity, Mapping[Identity, str]] = {}


def note(top: Identity, links: Mapping[Identity, str]) -> None:
    """What a walk of the folder `top`, to its end, followed: each folder entered through
    a symbolic link, by identity, with the link's name (as the walk named it)."""
    if links:
        _FOLLOWED[top] = dict(links)
    else:
        _FOLLOWED.pop(top, None)


def followed(top: Identity) -> Mapping[Identity, str]:
    """The folders the last walk of `top` entered through a symbolic link (`note`); none
    for a folder not walked, or walked without following one."""
    return _FOLLOWED.get(top, {})
