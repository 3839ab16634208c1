"""Reading a file safely into plain data that remembers where each value came from.

Hostile input is refused before parsing: anything but a regular file (a named pipe would block the
reader forever, a device never ends), files over a size cap, binary files, text that is not UTF-8.
Nothing here executes or constructs anything but dicts, lists, text and numbers.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Final, Literal

from .._names import JSON_LINES, JSON_SUFFIX, YAML_SUFFIXES
from ..errors import MERGE_KEY_HINT, Diagnostic, InvalidDocument, PathPart, Spelled, format_path
from .limits import DEFAULT_LIMITS, Limits
from .line_reading import OneLine
from .positions import Breaks, Tree, line_column
from .stdin import is_stdin, stdin_bytes
from .surrogates import check_encodable
from .utf16_guess import UNMARKED_UTF16, unmarked_utf16
from .walk import leads_back

__all__ = [
    "DEFAULT_LIMITS",
    "SPECIAL_FILES",
    "Limits",
    "Source",
    "not_utf8",
    "open_regular",
    "parse_text",
    "read_bytes",
    "read_source",
    "special_kind",
    "unreadable",
]

Syntax = Literal["yaml", "json"]


@dataclass(slots=True)
class Source:
    """A parsed document and the means to locate any path in it."""

    file: str
    data: Any
    syntax: Syntax
    text: str = field(repr=False)
    tree: Tree = field(repr=False)
    #: Problems that did not stop parsing (duplicate keys); reported with validation's.
    problems: list[Diagnostic] = field(default_factory=list)
    #: A line of a JSON Lines file (`OneLine`): placed counting only LF as a line's end.
    one_line: bool = False

    @property
    def breaks(self) -> Breaks:
        """The line ends the places in `text` count (`positions.BREAKS`)."""
        return "line" if self.one_line else self.syntax

    @property
    def kind(self) -> str | None:
        kind = self.data.get("kind") if isinstance(self.data, dict) else None
        return kind if isinstance(kind, str) else None

    def locate(self, path: tuple[PathPart, ...], *, key: bool = False) -> tuple[int, int] | None:
        """1-based (line, column) of the value (or key) at `path`, or its nearest ancestor."""
        parts = self._tree_path(path)
        if key and parts in self.tree.keys:
            line, column = self.tree.keys[parts]
            return line + 1, column + 1
        while True:
            if parts in self.tree.values:
                line, column = self.tree.values[parts]
                return line + 1, column + 1
            if not parts:
                return None
            parts = parts[:-1]

    def _tree_path(self, path: tuple[PathPart, ...]) -> tuple[PathPart, ...]:
        """`path` as the tree names it: each part as given where the tree has it, else as
        another reading of it: a number as a key that is not text (YAML's `5:`, which
        pydantic and the checks name `5`) or as text (JSON's `"5"`), and text as a list's
        place or a key that is not text."""
        found: tuple[PathPart, ...] = ()
        for part in path:
            readings: tuple[PathPart, ...] = (part,)
            if isinstance(part, int):
                readings = (part, Spelled(str(part), str(part)), str(part))
            elif isinstance(part, str):
                readings = (part, Spelled(part, part))
                # a list's place only as one is written: no leading zero, and fewer than 20
                # digits (a list holds fewer than 10**19 items; int() reads no thousands)
                if part.isascii() and part.isdigit() and len(part) < 20 and str(int(part)) == part:
                    readings = (part, int(part), Spelled(part, part))
            found = (*found, next((r for r in readings if (*found, r) in self.tree.values), part))
        return found

    def diagnostic(
        self,
        path: tuple[PathPart, ...],
        message: str,
        *,
        code: str,
        hint: str | None = None,
        key: bool = False,
    ) -> Diagnostic:
        line, column = self.locate(path, key=key) or (None, None)
        if hint == MERGE_KEY_HINT and self.syntax != "yaml":  # a JSON key `"<<"` is only a key
            hint = None
        return Diagnostic(message, self.file, line, column, self._named(path), hint, code)

    def _named(self, path: tuple[PathPart, ...]) -> str:
        """`path` as messages write it, each key that is not text as the file writes it: a
        check names YAML's `0x7:` by its number, `7`; this names it `[0x7]`, as the reader
        and pydantic's errors do."""
        found = self._tree_path(path)
        written = self.tree.written
        return format_path(
            written.get(found[: n + 1], part) if isinstance(found[n], Spelled) else part
            for n, part in enumerate(path)
        )


def _syntax_for(name: str, text: str) -> Syntax:
    if name.lower().endswith((JSON_SUFFIX, *JSON_LINES)):
        return "json"
    if name.lower().endswith(YAML_SUFFIXES):
        return "yaml"
    return "json" if text.lstrip()[:1] in ("{", "[") else "yaml"


_BOM: Final = b"\xef\xbb\xbf"


def _decode(raw: bytes, file: str, syntax: Syntax | None) -> str:
    """`raw` as text; `InvalidDocument` for bytes that are not UTF-8 text, placed in them
    as the reader of the file would count its lines (`_breaks`)."""
    nul = raw.find(b"\x00")
    marked = raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
    if marked or (nul >= 0 and unmarked_utf16(raw)):
        utf = "UTF-32" if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else "UTF-16"
        raise InvalidDocument(
            f"the file is {utf} encoded" if marked else UNMARKED_UTF16,
            file=file,
            line=1,
            column=1,
            code="encoding",
            hint="save it as UTF-8",
        )
    if nul >= 0:
        line, column = _byte_position(raw, nul, _breaks(raw, file, syntax))
        raise InvalidDocument(
            "this is a binary file, not YAML or JSON text",
            file=file,
            line=line,
            column=column,
            code="binary",
            # `collect` warns of such a name, but the file may have been renamed since.
            hint="a cohort file? Its name must end in .parquet" if raw[:4] == b"PAR1" else None,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise not_utf8(raw, error, file, _breaks(raw, file, syntax)) from None


def not_utf8(raw: bytes, error: UnicodeDecodeError, file: str, breaks: Breaks) -> InvalidDocument:
    """The problem of `raw`, which `raw.decode("utf-8-sig")` refused with `error`: its first
    byte that is not UTF-8, at its line and column (its lines ended as `breaks` says)."""
    # After a byte order mark, `utf-8-sig` counts from the byte after it.
    start = error.start + len(raw) - len(error.object)
    line, column = _byte_position(raw, start, breaks)
    return InvalidDocument(
        f"not valid UTF-8 (byte 0x{raw[start]:02x})",
        file=file,
        line=line,
        column=column,
        code="encoding",
        hint="save the file as UTF-8",
    )


def _breaks(raw: bytes, file: str, syntax: Syntax | None) -> Breaks:
    """The line ends a place in `raw` counts, for a problem found before it is text: a line
    of a JSON Lines file's, else those of the syntax it would be read as."""
    if isinstance(raw, OneLine):
        return "line"
    return syntax or _syntax_for(file, raw.decode("utf-8-sig", errors="replace"))


def _byte_position(raw: bytes, index: int, breaks: Breaks) -> tuple[int, int]:
    """1-based line and column of the byte at `index`, in characters as an editor counts
    them, its lines ended as `breaks` says: a byte order mark is no column (the text the
    parsers locate in has none)."""
    before = raw[:index].removeprefix(_BOM).decode("utf-8", errors="replace")
    return line_column(before, len(before), breaks)


def parse_text(
    text: str | bytes,
    file: str = "<string>",
    *,
    syntax: Syntax | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Source:
    """Parse YAML or JSON text into a `Source`; `InvalidDocument` on any problem."""
    one_line = isinstance(text, OneLine)
    if isinstance(text, bytes):
        if len(text) > limits.max_bytes:
            raise _too_big(file, len(text), limits)
        text = _decode(text, file, syntax)
    elif len(text) > limits.max_bytes:
        raise _too_big(file, len(text), limits)
    else:
        syntax = syntax or _syntax_for(file, text)
        check_encodable(text, file, syntax)
    syntax = syntax or ("json" if one_line else _syntax_for(file, text))  # a line: JSON Lines
    if not text.strip():
        raise InvalidDocument("the file is empty", file=file, line=1, column=1, code="empty")
    if syntax == "json":
        from .json_text import parse_json  # the stdlib's `json` only for JSON: YAML needs none

        tree, problems = parse_json(text, file, limits, breaks="line" if one_line else "json")
    else:
        from .yaml_events import parse_yaml  # PyYAML only for YAML: a JSON Lines batch has none

        tree, problems = parse_yaml(text, file, limits)
    if tree.data is None and problems:
        raise InvalidDocument(problems)
    if tree.data is None and not tree.values:  # YAML of nothing but comments (or `...`)
        raise InvalidDocument(
            "the file holds no document, only comments", file=file, line=1, column=1, code="empty"
        )
    source = Source(file, tree.data, syntax, text, tree, problems, one_line)
    if not isinstance(source.data, dict):
        found = "a list" if isinstance(source.data, list) else "a single value"
        raise InvalidDocument(
            [
                source.diagnostic(
                    (), f"expected a mapping with a `kind` key, found {found}", code="not-a-mapping"
                )
            ]
        )
    return source


def _too_big(file: str, size: int | None, limits: Limits) -> InvalidDocument:
    """The file's size when it is known; None where only the bytes up to one past the limit
    were read (standard input, a file that grew while it was read), which says only that
    there are more than the limit."""
    said = f"more than {limits.max_bytes:,}" if size is None else f"{size:,}"
    return InvalidDocument(
        f"the file is {said} bytes; the limit is {limits.max_bytes:,}",
        file=file,
        code="too-large",
    )


def read_source(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Read and parse a file; `InvalidDocument` if it cannot be read or parsed."""
    file = os.fspath(path)
    return parse_text(read_bytes(file, limits), file, limits=limits)


def read_bytes(file: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """A file's bytes, up to one past the size limit; `InvalidDocument` if it cannot be
    read, is not a regular file or is larger than the limit. The claimed standard input
    (`stdin.claim_stdin`, a command line's `-`) is read as a file is."""
    if is_stdin(file):
        try:
            raw = stdin_bytes(limits.max_bytes)
        except OSError as error:  # was "Error: Bad file descriptor", as if output failed
            raise unreadable(file, error) from None
        if len(raw) > limits.max_bytes:
            raise _too_big(file, None, limits)  # read one past the limit: its size unknown
        return raw
    with open_regular(file) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_bytes:
                raise _too_big(file, size, limits)
            # Read one byte past the cap: files that grow (and `/proc` files, of size 0)
            # are capped too. A file is read at its size first: asking for the cap at once
            # allocates it (10 MB) for every file. Only a file that grew reads on.
            raw = handle.read(size + 1) if size else b""
            if not size or len(raw) > size:
                raw += handle.read(limits.max_bytes + 1 - len(raw))
        except OSError as error:
            raise unreadable(file, error) from None
    if len(raw) > limits.max_bytes:  # it grew past the limit as it was read
        raise _too_big(file, None, limits)
    return raw


#: Opening never waits: a named pipe with no writer would block `open` itself.
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_O_BINARY: Final = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
#: Bytes asked of the system at a time. Python's default, the file system's block (4 KB
#: here), made a JSON Lines file of 20,000 schools (25 MB) 6,100 reads, 0.3 a school:
#: 64 KB makes 380, and reading it a line at a time takes 9.7 ms of processor, not 16.9.
_BUFFER: Final = 1 << 16


def open_regular(file: str) -> BinaryIO:
    """`file` opened to read bytes, if it is a regular file (a link to one will do);
    `InvalidDocument` naming what it is otherwise, or why it cannot be opened.

    Never blocks: a named pipe, device or socket is refused on `os.stat`, before it is
    opened; and in case one replaces the file between the two, it is opened non-blocking
    and checked again (`os.fstat`) before anything is read. A path no file can have (a NUL
    in it, or a character the system cannot encode) is `InvalidDocument` too, naming it.
    """
    try:
        mode = os.stat(file).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(file, mode)
        descriptor = os.open(file, os.O_RDONLY | _NONBLOCK | _O_BINARY)
    except OSError as error:
        raise unreadable(file, error) from None
    except ValueError:  # `os.stat` refuses a NUL, or a lone surrogate it cannot encode
        holds = "a NUL character" if "\0" in file else "a character no file name can hold"
        raise InvalidDocument(
            f"is not a possible file name: it holds {holds}", file=file, code="unreadable"
        ) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(file, mode)
        if _NONBLOCK:
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb", _BUFFER)
    except BaseException as error:
        os.close(descriptor)
        if isinstance(error, OSError):
            raise unreadable(file, error) from None
        raise


#: What a file that is not a regular file is, by `stat`'s test of its mode, as refusals say it.
SPECIAL_FILES: Final = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def special_kind(mode: int) -> str:
    """What a file that is neither regular nor a folder is, by its `stat` mode, as every
    refusal says it (`SPECIAL_FILES`; "a special file" for any other)."""
    return next((name for test, name in SPECIAL_FILES if test(mode)), "a special file")


def _not_regular(file: str, mode: int) -> InvalidDocument:
    if stat.S_ISDIR(mode):
        return InvalidDocument(_folder_problem(file), file=file, code="unreadable")
    return InvalidDocument(
        f"is {special_kind(mode)}, not a regular file",
        file=file,
        code="unreadable",
        hint="selfreview reads files, not streams or devices: save the text to a file",
    )


def _folder_problem(file: str) -> str:
    """Why a folder was given where a file is read. `expand_paths` passes on, as if files,
    the folders it does not walk: one that cannot be listed, one that loops back."""
    holder = leads_back(file)
    if holder is not None:
        return f"leads back to {holder}, a folder that holds it: not followed, it would loop"
    try:
        with os.scandir(file):
            pass
    except OSError as error:
        return f"is a folder that cannot be read: {_reason(error)}"
    return "is a directory, not a file"


def unreadable(file: str, error: OSError) -> InvalidDocument:
    """The error for a file that cannot be read (missing, no permission, a broken or
    looping symbolic link, a directory)."""
    if isinstance(error, IsADirectoryError):
        return InvalidDocument(_folder_problem(file), file=file, code="unreadable")
    if not file:  # told with no name, it would not say what it could not read
        return InvalidDocument("the path is empty: it names no file", file=file, code="unreadable")
    if error.errno == errno.ELOOP:
        message = "is a symbolic link that loops: it never reaches a file"
    elif isinstance(error, FileNotFoundError) and os.path.islink(file):
        message = f"is a broken symbolic link (to `{os.readlink(file)}`, which does not exist)"
    else:
        message = f"cannot read: {_reason(error)}"
    return InvalidDocument(message, file=file, code="unreadable", errno=error.errno)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
