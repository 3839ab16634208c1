"""The symbolic links to folders that a command's walks followed, as the walk (`files.walk`)
reports them, for `outputs.checks`: a file written in a folder reached through one would be
read back by the next run, though its real place is not under the folder walked. A command
walks its folders before checking its outputs, so the checks use what that walk found
instead of walking again.

The record is the command's own (`Followed`, made by the command, filled by its walks and
carried on its `outputs.checks.Inputs`), never the process's: two walks in one process (a
library caller, threads) each see what they found, and a folder whose links were removed
since an earlier walk is not found through them. Folders are known by identity (device,
inode). Only a walk that reached its end is recorded: one left before it knows nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["Followed", "Identity"]

Identity = tuple[int, int]  # (device, inode): one folder, whatever the name it is reached by


class Followed:
    """What the walks of one command followed: for each folder walked to its end, the
    folders entered through a symbolic link, by identity, each with the link's name (as the
    walk named it). Setting and reading an entry are single dictionary operations."""

    __slots__ = ("_links",)

    def __init__(self) -> None:
        self._links: dict[Identity, Mapping[Identity, str]] = {}

    def note(self, top: Identity, links: Mapping[Identity, str]) -> None:
        """What a walk of the folder `top`, to its end, followed (none: an empty mapping)."""
        self._links[top] = dict(links)

    def of(self, top: Identity) -> Mapping[Identity, str] | None:
        """The folders a walk of `top` entered through a symbolic link (`note`); None for a
        folder these walks did not walk to its end."""
        return self._links.get(top)
