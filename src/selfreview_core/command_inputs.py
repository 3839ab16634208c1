"""The files a command reads and the folders it walks, known by identity (device and
inode), for the checks of an output (`outputs.checks`) to refuse one that would replace an
input or be read back by the next run (SPEC section 7). Apart from those checks, so that
each module holds one job: this one what is read, that one what may be written.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping

from ._followed import Followed
from ._names import STDIN_NAME
from .file_names import identity, standard_output_file

__all__ = ["Inputs", "PathLike"]

PathLike = str | os.PathLike[str]


class Inputs:
    """The files a command reads, each with the option (or argument) that named it.

    Known by identity, not by spelling: every way of naming an input (another relative
    path, a symbolic link, a hard link, another case on a case-insensitive disk) is found.
    `followed` is the record of the command's walks of its folders (`files.walk`), for
    `walk` to take the links they followed from, rather than walk each folder again.
    """

    def __init__(self, followed: Followed | None = None) -> None:
        self._followed = Followed() if followed is None else followed
        self._files: dict[tuple[int, int], tuple[str, str]] = {}
        self._folders: dict[tuple[int, int], tuple[str, str]] = {}
        self._folder_names: set[str] = set()
        self._walked: dict[tuple[int, int], tuple[str, str]] = {}
        #: The folders the walks reach through a symbolic link, with the link's name.
        self._linked: dict[tuple[int, int], tuple[str, str]] = {}

    def add(self, option: str, *paths: PathLike | None, folders: bool = True) -> Inputs:
        """Count `paths` (None, `-`, directories and missing files are skipped) as read
        under `option`; the first option to name a file is the one reported. Without
        `folders`, a report folder may hold them (`check_folder`): the configuration file."""
        for path in paths:
            name = None if path is None else os.fspath(path)
            if name is None or name == "-":
                continue
            if name == STDIN_NAME:
                self._add_stdin(option)
            try:
                found = os.stat(name)
            except (OSError, ValueError):
                continue
            if stat.S_ISDIR(found.st_mode):
                continue
            self._files.setdefault((found.st_dev, found.st_ino), (option, name))
            folder = os.path.dirname(os.path.abspath(name))
            if folders and folder not in self._folder_names:  # one folder for its files
                self._folder_names.add(folder)
                if (key := identity(folder)) is not None:
                    self._folders.setdefault(key, (option, name))
        return self

    def walk(self, option: str, *paths: PathLike) -> Inputs:
        """Count the folders among `paths` as walked under `option`, every folder under
        them included: a report folder anywhere below one is read by the next run. So is
        one the walk entered through a symbolic link, wherever it lies: the command's walk
        recorded those it followed (`followed`); a folder it did not walk to its end (a
        library caller that walked none) is walked here to find them."""
        for path in paths:
            walked = os.fspath(path) != "-" and os.path.isdir(path)
            if walked and (key := identity(path)) is not None:
                self._walked.setdefault(key, (option, os.fspath(path)))
                for folder, link in self._links(path, key).items():
                    self._linked.setdefault(folder, (option, link))
        return self

    def _links(self, path: PathLike, key: tuple[int, int]) -> Mapping[tuple[int, int], str]:
        """The folders the walk of `path` (`key`) entered through a symbolic link: as the
        command's walk recorded them, or as a walk made now finds them."""
        found = self._followed.of(key)
        if found is None:
            from .files.walk import expand_paths

            for _ in expand_paths([path], followed=self._followed):
                pass
            found = self._followed.of(key)
        return {} if found is None else found  # None: a folder that leads back, not walked

    def walked_over(self, folder: PathLike) -> tuple[str, str] | None:
        """(option, folder given) of a walked folder that is `folder` or holds it at any
        depth, found by identity (`folder` itself need not exist yet); else (option, link)
        of a folder the walk entered through a symbolic link under one that is or holds
        `folder`, wherever it lies."""
        for found in (self._walked, self._linked):
            here = os.path.realpath(folder)
            while found:
                key = identity(here)
                if key is not None and key in found:
                    return found[key]
                parent = os.path.dirname(here)
                if parent == here:
                    break
                here = parent
        return None

    def _add_stdin(self, option: str) -> None:
        """Standard input redirected from a file (`- < school.yaml`) is that file: an
        output naming it (`-o school.yaml`, `-o /dev/stdin`) would replace what is read.
        A pipe is an input too: `-o /dev/stdin` opens the pipe the command reads, and its
        report went into it, lost ("Wrote /dev/stdin"), or a batch's filled it and waited
        for ever (round 63). A terminal is none: `-o /dev/stdout` stays allowed."""
        try:
            found = os.fstat(sys.stdin.fileno())
        except (AttributeError, OSError, ValueError):  # none, closed, or no descriptor
            return
        if stat.S_ISREG(found.st_mode) or stat.S_ISFIFO(found.st_mode):
            self._files.setdefault((found.st_dev, found.st_ino), (option, STDIN_NAME))

    def standard_output(self) -> tuple[str, str] | None:
        """(option, input) if standard output is a regular file that is an input of the
        command (`report school.yaml >> school.yaml`: the report would be written onto the
        end of the review), else None: a terminal, a pipe, or a file that is no input."""
        found = standard_output_file()
        return None if found is None else self._files.get(found)

    def __len__(self) -> int:
        return len(self._files)

    def named_by(self, path: PathLike) -> tuple[str, str] | None:
        """(option, input) if `path` names an input of the command, else None."""
        found = identity(path)
        return None if found is None else self._files.get(found)

    def identified(self, key: tuple[int, int]) -> tuple[str, str] | None:
        """(option, input) if `key` (device, inode) is an input's, else None: for a name
        looked up in a folder held open (`outputs.BatchWriter`)."""
        return self._files.get(key)

    def inside(self, folder: PathLike) -> tuple[str, str] | None:
        """(option, input) of an input directly inside `folder`, if there is one."""
        found = identity(folder)
        return None if found is None else self._folders.get(found)
