"""Where an output may go: the checks of a file or a folder named for output, made
before any work (SPEC section 7), over the inputs of the command (`command_inputs.Inputs`).

Inputs are known by identity (device and inode), so every spelling of one is found; a
folder the command walks is known too, so that no report lands where the next run would
read it. `outputs` writes what these checks let through. Nothing here imports pydantic:
the CLI checks its outputs before any heavy import.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import Final

from .._held import KEPT
from .._names import FILE_SUFFIXES, JSON_LINES
from ..command_inputs import Inputs, PathLike
from ..errors import OutputRefused
from .atomic import folder_of, is_read_only, is_special
from .descriptor_names import named_descriptor, no_file_at
from .pipes import no_reader, standard_stream_of
from .targets import fix, followed

__all__ = ["Inputs", "PathLike", "check_folder", "check_target", "unusable"]

#: The suffixes a walked folder's files are read by (`files.walk`, as every command walks).
_READ_BACK = (*FILE_SUFFIXES, *JSON_LINES)


def _is_device(name: str) -> bool:
    try:
        mode = os.stat(name).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode)


def _broken_link(path: Path) -> str | None:
    """What is in the way of making the folder `path`, if it or a folder above it is a
    symbolic link to nothing: no folder can be made there, and the system says only "File
    exists"."""
    for here in (path, *path.parents):
        if here.is_symlink() and not here.exists():
            target = os.readlink(here)
            return f"`{here}` is a broken symbolic link (to `{target}`, which does not exist)"
    return None


def _leads_to_nothing(name: str) -> str | None:
    """Where `name` leads, if it is a symbolic link to nothing (`out.json -> gone.json`),
    else None: a name that is there, a new name, or one the system cannot follow (a loop,
    told by `no_file_at`)."""
    try:
        os.stat(name)
    except FileNotFoundError:
        try:
            return os.readlink(name)
        except (OSError, ValueError):  # no link: a new file, or a folder above missing
            return None
    except (OSError, ValueError):
        return None
    return None


def _is_socket(name: str) -> bool:
    try:
        return stat.S_ISSOCK(os.stat(name).st_mode)
    except (OSError, ValueError):
        return False


def _standard_input(name: str) -> tuple[str, str] | None:
    """What `name` is of the standard input, by any name (`/dev/stdin`, `/proc/self/fd/0`,
    the file or named pipe given as `< feed`), read or not by the command
    (`Inputs._add_stdin`): a pipe or a file, and what writing there does (`_STANDARD_INPUT`),
    else None (a terminal, a device, another file). `-o /dev/stdin` typed for `/dev/stdout`
    in a script fed by a pipe sent the output into it, lost ("Wrote /dev/stdin"), and a
    batch past the pipe's 64 KB waited for ever (round 64); in a script run as `script <
    answers.txt` it replaced the answers (round 65)."""
    try:
        found, stdin = os.stat(name), os.fstat(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError):  # none, closed, or no descriptor
        return None
    if (found.st_dev, found.st_ino) != (stdin.st_dev, stdin.st_ino):
        return None
    return _STANDARD_INPUT.get(stat.S_IFMT(stdin.st_mode))


#: What standard input may be that `-o` by its name would lose, by its file type: what it
#: is, and what writing there does.
_STANDARD_INPUT: Final = {
    stat.S_IFIFO: ("pipe", "what is written there goes back into it, where nothing reads it"),
    stat.S_IFREG: ("file", "writing there would replace it"),
}


def check_target(
    target: PathLike,
    inputs: Inputs | None = None,
    *,
    document: bool = False,
    reread: bool = False,
    resaved: bool = False,
) -> Path:
    """`target` if a file can be written there, else `OutputRefused`, before any work.

    Refused: a target that names an input (by any spelling), one the next run's walk of a
    folder it reads would read back (`Inputs.walk`), a directory, a read-only file,
    a name in a folder that does not exist, is not a folder or cannot be written in; for a
    `document` (a file holding one document) a JSON Lines name; for a file the command
    will `reread` (a review, a plan) a device or named pipe; a socket (nothing can open it
    to write); the pipe or file standard input is (nothing reads it; it would be replaced).
    A symbolic link is followed: the file it points to is the one written; a device or named
    pipe is written to (one nothing reads refused; one read kept open: `outputs.let_go`).
    A name the system will not look at (too long) is refused as well (`unusable`). A file
    `resaved`, saved again and again and read back before each save (`assess`'s), named by
    a descriptor (`/dev/fd/3`) is refused: the descriptor reads the file it was opened on,
    not the one each save puts in its place.
    """
    try:
        return _checked_target(
            target, inputs, document=document, reread=reread or resaved, resaved=resaved
        )
    except OSError as error:  # a name the system refuses to look at: too long
        raise unusable(os.fspath(target), error, "file") from None


def _checked_target(
    target: PathLike, inputs: Inputs | None, *, document: bool, reread: bool, resaved: bool
) -> Path:
    """`check_target`'s checks, an `OSError` from a name the system will not look at
    left to it."""
    name = os.fspath(target)
    # A device is written to, never replaced: the same one among the inputs is refused as
    # an input, as with standard output sent there (`> /dev/null`). A named pipe both read
    # and written is refused here: opened to write, it would wait for a reader for ever.
    if inputs is not None and not _is_device(name) and (given := inputs.named_by(name)):
        option, original = given
        same = "" if os.path.normpath(original) == os.path.normpath(name) else f" (`{original}`)"
        raise OutputRefused(
            f"`{name}` is {option}{same}, which this command reads: writing there would "
            "replace it, so nothing was written",
            file=name,
            hint="choose another output file",
            code="output-is-input",
        )
    real = followed(name)
    if inputs is not None and (walked := _read_back(name, real, inputs)) is not None:
        option, original = walked
        raise OutputRefused(
            f"`{name}` is inside `{original}` ({option}), whose every folder this command "
            "reads: a file written there would be read as an input next time, so nothing "
            "was written",
            file=name,
            hint=f"write it outside `{original}`, or as a file it does not read",
            code="output-is-input",
        )
    if real.is_dir():
        raise OutputRefused(
            f"`{name}` is a directory; give a file name", file=name, code="output-is-directory"
        )
    if _names_folder(name):
        raise OutputRefused(
            f"`{name}` ends in a path separator, so it names a folder; give a file name",
            file=name,
            code="output-is-directory",
        )
    if _is_socket(name):  # no file to open: writing would fail only after the work
        raise OutputRefused(
            f"`{name}` is a socket, not a file: it cannot be written to; nothing was done",
            file=name,
            hint="give a file name",
            code="output-not-a-file",
        )
    if (why := no_file_at(name, KEPT)) is not None:  # a descriptor closed, or of ours
        raise OutputRefused(why, file=name, hint="give a file name", code="output-not-a-file")
    if (stdin := _standard_input(name)) is not None:
        kind, lost = stdin
        raise OutputRefused(
            f"`{name}` is the {kind} standard input comes from: {lost}, so nothing was written",
            file=name,
            hint="leave out -o to write to standard output, or give "
            + ("a file name" if kind == "pipe" else "another file name"),
            code="output-is-input",
        )
    if is_special(name):  # written to, not replaced: its folder does not matter
        if not reread and (alone := no_reader(name)) is not None:  # kept open if read
            raise OutputRefused(
                alone,
                file=name,
                hint="start its reader first, or give a file name",
                code="output-not-a-file",
            )
        if not reread:
            return Path(name)
        if (stream := standard_stream_of(name)) is not None:  # `-o log >> log`: no device
            raise OutputRefused(
                f"`{name}` is the file {stream} is sent to, but this file is read again on "
                f"the next run: what the command prints there would be mixed into it, so "
                "nothing was done",
                file=name,
                hint=f"give another file name, or send {stream} elsewhere",
                code="output-is-standard",
            )
        raise OutputRefused(
            f"`{name}` is not a regular file (a device or a named pipe), but this file is "
            "read again on the next run",
            file=name,
            hint="give a file name",
            code="output-not-a-file",
        )
    if (leads := _leads_to_nothing(name)) is not None:  # as a folder's and an input's are
        raise OutputRefused(
            f"`{name}` is a broken symbolic link (to `{leads}`, which does not exist): the "
            "output would be made where it leads, not where it is named, so nothing was done",
            file=name,
            hint="name the file it leads to, or remove the link",
            code="output-not-a-file",
        )
    if resaved and (number := named_descriptor(name)) is not None:  # `-o /dev/fd/3 3>>x`
        raise OutputRefused(
            f"`{name}` is descriptor {number}, open on `{real}` as it was when opened: this "
            "file is saved by replacing it and read again before each save, and the "
            "descriptor would read the old one, so nothing was done",
            file=name,
            hint=f"give the file's own name, `{real}`",
            code="output-is-descriptor",
        )
    folder = folder_of(real)
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputRefused(
            f"the folder `{folder}` {what}, so `{name}` cannot be written; nothing was done",
            file=name,
            hint=None if folder.exists() else "create it first or choose another place",
            code="output-folder-missing",
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputRefused(
            f"cannot write in the folder `{folder}` (permission denied), so `{name}` cannot "
            "be written; nothing was done",
            file=name,
            code="output-folder-read-only",
        )
    if is_read_only(real):
        raise OutputRefused(
            f"`{name}` is read-only; it was not replaced",
            file=name,
            hint="make it writable or choose another file",
            code="output-read-only",
        )
    if document and real.suffix.lower() in JSON_LINES:
        raise OutputRefused(
            f"`{name}` is a JSON Lines name, but one document is written here",
            file=name,
            hint="name it .yaml, .yml or .json",
            code="output-format",
        )
    fix(name)  # written where it leads now, whatever link is made there meanwhile
    return Path(name)


def _read_back(name: str, real: Path, inputs: Inputs) -> tuple[str, str] | None:
    """(option, folder given) of a folder the command walks that would read `name` back
    on the next run (a name the walk reads, YAML, JSON or JSON Lines, under it at any depth,
    as given or as the file a link points to), else None. A page or a table there is never
    read, nor a hidden name or one in a hidden folder, and a file named alone is not walked."""
    if Path(name).suffix not in _READ_BACK:
        return None
    for folder, file in ((os.path.dirname(os.path.abspath(name)), name), (real.parent, real)):
        walked = inputs.walked_over(folder)
        if walked is not None and not _hidden(walked[1], folder, os.path.basename(file)):
            return walked
    return None


def _hidden(top: str, folder: PathLike, name: str) -> bool:
    """Whether the walk of `top` passes by `name` in `folder` (under it): the name, or a
    folder between them, starts with a dot."""
    below = os.path.relpath(os.path.realpath(folder), os.path.realpath(top))
    parts = [part for part in Path(below).parts if part not in (".", "..")]
    return any(part.startswith(".") for part in (*parts, name))


def _names_folder(name: str) -> bool:
    """Whether `name` ends in a path separator (`new/`): a folder the user meant, though
    none is there yet. The system would drop the separator and write a file of that name."""
    return name.endswith(("/", os.sep)) or (os.altsep is not None and name.endswith(os.altsep))


def check_folder(
    folder: PathLike, inputs: Inputs | None = None, *, read_back: bool = False
) -> Path:
    """`folder` for one output per item (created if missing), else `OutputRefused`.

    A folder that directly holds an input is refused whatever the names written there would be:
    what is written into it would be read as input by the next run, and one name shared with an
    input would replace it. With `read_back` (files of a kind the command reads are to be
    written), so is a folder at any depth under a folder the command walks (`Inputs.walk`),
    unless hidden from the walk (`schools/.reports`): the first run would succeed and the next
    read its own reports as broken reviews, then refuse the folder for holding them.
    A name the system will not look at (too long) is refused as well (`unusable`).
    """
    try:
        return _checked_folder(folder, inputs, read_back=read_back)
    except OSError as error:  # a name the system refuses to look at: too long
        raise unusable(os.fspath(folder), error, "folder") from None


def _checked_folder(folder: PathLike, inputs: Inputs | None, *, read_back: bool) -> Path:
    """`check_folder`'s checks, an `OSError` from a name the system will not look at
    left to it."""
    path = Path(folder)
    name = os.fspath(folder)
    if inputs is not None and (given := inputs.inside(path)) is not None:
        option, original = given
        raise OutputRefused(
            f"`{name}` holds `{original}` ({option}), which this command reads: reports "
            "written there could replace an input and would be read as inputs next time, "
            "so nothing was written",
            file=name,
            hint="choose a folder that holds none of the inputs",
            code="output-is-input",
        )
    walked = inputs.walked_over(path) if read_back and inputs is not None else None
    if walked is not None and not _hidden(walked[1], path, ""):  # the walk passes by `.x`
        option, original = walked
        raise OutputRefused(
            f"`{name}` is inside `{original}` ({option}), whose every folder this command "
            "reads: reports written there would be read as inputs next time, so nothing "
            "was written",
            file=name,
            hint=f"choose a folder outside `{original}`, or a format it does not read",
            code="output-is-input",
        )
    if (why := no_file_at(name, KEPT)) is not None:  # as for `-o`, since round 70
        raise OutputRefused(why, file=name, hint="give a folder name", code="output-not-a-file")
    if path.exists() and not path.is_dir():
        raise OutputRefused(
            f"`{name}` is a file, not a folder", file=name, code="output-folder-missing"
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason, hint = error.strerror or str(error), None
        if isinstance(error, FileExistsError) and (broken := _broken_link(path)) is not None:
            reason = broken  # where the system said "File exists" (before round 78)
            hint = "create the folder it leads to, or choose another folder"
        raise OutputRefused(
            f"cannot create the folder `{name}`: {reason}",
            file=name,
            hint=hint,
            code="output-folder",
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):  # else each report fails, after all the work
        raise OutputRefused(
            f"cannot write in the folder `{name}` (permission denied); nothing was done",
            file=name,
            code="output-folder-read-only",
        )
    return path


def unusable(path: str, error: OSError, what: str) -> OutputRefused:
    """A name the checks could not look at, for the system refuses it (longer than a name,
    255 bytes, or a path may be), said as their refusals are, before any work: a library
    caller got the raw `OSError` before round 76 (the CLI made it exit 2 in round 75, and
    now only passes this on). `what`: "file" or "folder", for the hint."""
    reason = error.strerror or str(error)
    return OutputRefused(
        f"`{path}` cannot be written ({reason}), so nothing was done",
        file=path,
        hint=f"give a shorter {what} name" if error.errno == errno.ENAMETOOLONG else None,
        code="output-name",
    )
