"""The configuration file, as ruff and pytest have one: the options an authority repeats on
every command, written once.

Found from the current directory upward: in each directory, `selfreview.toml` (its keys at
the top level) or else `pyproject.toml` with a `[tool.selfreview]` table (a
`pyproject.toml` without one is passed by); the first found is used. The search stops at a
repository's root (a directory holding `.git`) or the home directory, each searched too.

Keys: `framework`, `rules`, `migration` (a file or a list of files, relative to the
configuration file's directory), `disable` (plugin names) and `policy`. Precedence, first
wins: the command line, then `SELFREVIEW_DISABLE` (for `disable`), then the file, then the
defaults. An unknown key, or a value of the wrong type, is an error located in the file,
with a suggestion.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Final

from .._names import DISABLE_ENV, POLICIES
from ..errors import Diagnostic, InvalidDocument, cut, format_path
from .places import (
    NESTING,
    STRAY,
    declared_place,
    key_place,
    long_number_place,
    marked_key,
    nested_place,
    settings_header,
    toml_position,
    tool_header,
    tool_settings_position,
    value_place,
    value_written,
)
from .text import bounded, refused, settings_bytes, settings_text

__all__ = ["CONFIG_FILE", "KEYS", "Config", "find_config", "passed_by", "read_config"]

CONFIG_FILE: Final = "selfreview.toml"
PYPROJECT: Final = "pyproject.toml"
#: Each key, and what it holds: files (made absolute from the file's folder), names, a word.
KEYS: Final = {
    "framework": "files",
    "rules": "files",
    "migration": "files",
    "disable": "names",
    "policy": "policy",
}


@dataclass(frozen=True)
class Config:
    """What the configuration file says, and where it is (None: no file found)."""

    path: Path | None = None
    #: `selfreview.toml`, or `pyproject.toml [tool.selfreview]`.
    source: str = "defaults"
    values: dict[str, Any] = field(default_factory=dict)

    def setting(
        self, key: str, environ: os._Environ[str] | dict[str, str] = os.environ
    ) -> tuple[Any, str]:
        """(the value of `key`, where it comes from), the command line aside: the
        environment (for `disable`), the file, or the default."""
        if key == "disable" and environ.get(DISABLE_ENV, "").strip():
            names = [n.strip() for n in environ[DISABLE_ENV].split(",") if n.strip()]
            return names, f"${DISABLE_ENV}"
        if key in self.values:
            return self.values[key], f"{self.source} ({self.path})"
        return ("median" if key == "policy" else []), "default"


def _stops(folder: Path, home: Path | None) -> bool:
    return (folder / ".git").exists() or folder == home or folder.parent == folder


def _searched(start: Path | None) -> Iterator[Path]:
    """The folders the search looks in, from `start` (the current directory) upward, the
    one it stops at included."""
    folder = (start or Path.cwd()).resolve()
    try:
        home: Path | None = Path.home().resolve()
    except (RuntimeError, KeyError):  # no home directory known
        home = None
    while True:
        yield folder
        if _stops(folder, home):
            return
        folder = folder.parent


def find_config(start: Path | None = None) -> tuple[Path, str] | None:
    """(the configuration file, `selfreview.toml` or `pyproject.toml`) that applies in
    `start` (the current directory), or None."""
    for folder in _searched(start):
        own = folder / CONFIG_FILE
        if own.is_file():
            return own, CONFIG_FILE
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject, PYPROJECT
    return None


def passed_by(start: Path | None = None) -> list[Path]:
    """The `pyproject.toml` files the search reads in `start` (the current directory) and
    passes by, holding no `[tool.selfreview]`, before the configuration file or the end.
    Every command reads them, so no output may replace one (SPEC section 7): `-o
    pyproject.toml` replaced a project's whole file with a report."""
    passed: list[Path] = []
    for folder in _searched(start):
        if (folder / CONFIG_FILE).is_file():
            break
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            if _has_table(pyproject):
                break
            passed.append(pyproject)
    return passed


#: Where the table may be written otherwise (a quoted name, `tool.selfreview = {...}`,
#: `[tool]` then `selfreview.policy = ...`, `tool = {selfreview = {...}}`): read as TOML to
#: be sure. Not for `selfreview = ...` elsewhere (a script, a dependency), `selfreview-core`.
#: These, and the patterns below that read `tomllib`'s refusals, are compiled by `re` when
#: first used (a `pyproject.toml` to look in, a refusal to place), not at every start-up.
_NAMED: Final = (
    r"""tool["']?[ \t]*\.[ \t]*["']?selfreview["']?[ \t]*[.=\]]"""
    r"""|(?m:^[ \t]*["']?tool["']?[ \t]*=[ \t]*\{.*selfreview)"""
)
#: Our header left unclosed (`[tool.selfreview`, `[tool.selfreview.x # y`): no TOML, ours
#: to place (`_writes_settings`); passed by in silence before round 79.
_UNCLOSED: Final = (
    r"""(?m:^[ \t]*\[[ \t]*["']?tool["']?[ \t]*\.[ \t]*["']?selfreview["']?"""
    r"""[ \t]*(?:\.[^\]\n#]*)?(?:#.*)?$)"""
)
_KEY: Final = r"""selfreview["']?[ \t]*[.=]"""


def _has_table(path: Path) -> bool:
    """Whether `path` holds `[tool.selfreview]`, read bounded through one descriptor
    (`bounded`). One larger than the limit, or no longer a regular file (swapped for a
    named pipe since the search's look), is not read to find out: it is taken as the
    settings' file, for `read_config` to refuse, naming it (a table past the limit would
    be missed, the defaults applied without a word). Before round 77 one that grew past
    the limit after its size was looked at was read whole, and a named pipe blocked."""
    try:
        found = bounded(path)
    except OSError:
        return False
    if refused(*found):
        return True
    try:  # as `read_text` read it, universal line ends; a stray byte-order mark
        text = found[2].decode("utf-8-sig")  # (`[tool\ufeff]`) is ours to place: as if not there
    except UnicodeDecodeError:
        return False
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if settings_header(text):
        return True
    if re.search(f"{_NAMED}|{_UNCLOSED}", text) is None and (
        tool_header(text) is None or re.search(_KEY, text) is None
    ):
        return False
    import tomllib

    try:
        tool = tomllib.loads(text).get("tool")
    except (ValueError, RecursionError):  # no TOML (a number too long), or nested too deep
        return _writes_settings(text)
    return isinstance(tool, dict) and "selfreview" in tool


def _writes_settings(text: str) -> bool:
    """Whether `text`, no TOML, writes the key `tool.selfreview` however TOML would (`tool =
    {selfreview = {...}}`, `[tool]` then `selfreview.policy`): its mistake is ours to place.
    Another tool's broken file, naming `selfreview` as a script or another key, is not."""
    return key_place(text, TOOL_SETTINGS) != (None, None)


def read_config(start: Path | None = None) -> Config:
    """The configuration that applies in `start` (the current directory), checked;
    `InvalidDocument` (located) for an unknown key or a value of the wrong type."""
    found = find_config(start)
    if found is None:
        return Config()
    path, kind = found
    file = os.fspath(path)
    import tomllib  # only when there is a file to read: not at every start

    text = settings_text(settings_bytes(path, file), file)  # at most as large as an input
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _not_toml(str(error), text, file) from None
    except ValueError:  # a whole number longer than Python reads: 4,300 digits
        line, column = long_number_place(text) or (None, None)
        raise InvalidDocument(
            f"invalid TOML: a whole number of more than {sys.get_int_max_str_digits():,} "
            "digits, too long to read",
            file=file,
            line=line,
            column=column,
            code="toml",
        ) from None
    except RecursionError:  # lists or tables nested some 300 deep: Python's stack
        line, column = nested_place(text) or (None, None)
        raise InvalidDocument(
            f"invalid TOML: lists or tables nested more than {NESTING} deep, too deep to read",
            file=file,
            line=line,
            column=column,
            code="toml",
        ) from None
    where: tuple[str, ...] = ()  # the table's path: `tool.selfreview` in a pyproject
    if kind == PYPROJECT:
        tool = data.get("tool")
        if not isinstance(tool, dict) or "selfreview" not in tool:  # a mark in its key
            raise _not_toml(marked_key(text), text, file)  # (`_has_table` passes marks by)
        table = tool["selfreview"]
        source, where = "pyproject.toml [tool.selfreview]", ("tool", "selfreview")
        if not isinstance(table, dict):
            line, column = tool_settings_position(text)
            said = _described(table, value_written(text, where, None, table))
            message = f"a table of settings, not {said}"
            refused = Diagnostic(message, file, line, column, "tool.selfreview", None, "type")
            raise InvalidDocument([refused])
    else:
        table, source = data, CONFIG_FILE
    problems: list[Diagnostic] = []
    values: dict[str, Any] = {}
    for key, value in table.items():
        written = (*where, key)
        at = format_path(written)  # `tool.selfreview["a.b"]`: the key `a.b`, quoted
        if key not in KEYS:
            from ..model.base import did_you_mean  # pydantic, only for a mistake

            hint = did_you_mean(key, KEYS) or f"the keys are {', '.join(KEYS)}"
            message = f"unknown key `{key}` for selfreview" if key else _EMPTY_KEY
            line, column = key_place(text, written)
            problems.append(Diagnostic(message, file, line, column, at, hint, "unknown-key"))
            continue
        spelt = partial(value_written, text, written)
        checked, wrong, item = _value(KEYS[key], value, path.parent, spelt)
        if wrong is not None:
            # At the value however it is written (`[tool.selfreview]`'s `policy = 3`,
            # `tool = {selfreview = {policy = 3}}`), else at its key (`[policy]`).
            line, column = value_place(text, written, item) or key_place(text, written)
            problems.append(Diagnostic(wrong, file, line, column, at, None, "type"))
            continue
        values[key] = checked
    if problems:
        raise InvalidDocument(problems)
    return Config(path, source, values)


#: `tomllib`'s words for a key (or a table) declared again, which it places after the
#: value, at the end of the line or lines later (`places.declared_place`).
_DECLARED: Final = (
    r"Cannot overwrite a value|Duplicate inline table key|Cannot declare .* twice"
    r"|Cannot mutate immutable namespace"
)
#: `tomllib`'s own place at the end of its message: the message is placed by its line and
#: column already (`toml_position`), so it is left out, said once.
_AT: Final = r" \((?:at line \d+, column \d+|at end of document)\)$"
_END: Final = " (at end of document)"


def _not_toml(said: str, text: str, file: str) -> InvalidDocument:
    """`tomllib`'s refusal (`said`) of `text`, placed, and its own place left out (before
    round 71 "file:1:10: error: invalid TOML: Invalid value (at line 1, column 10)"): a
    key declared again at that key, as every other mistake of a setting is (not after its
    value, where `tomllib` places it); a carriage return alone, a second byte-order mark
    (`STRAY`), each said so, at it; a text cut short said to end there."""
    line, column = toml_position(said, text)
    ended, said, hint = said.endswith(_END), re.sub(_AT, "", said), None
    if line is not None and column is not None and re.match(_DECLARED, said):
        line, column = declared_place(text, line, column) or (line, column)
    elif (stray := _character_at(text, line, column)) in STRAY:  # a CR alone, a BOM
        said, hint = STRAY[stray]
    elif ended:
        said = f"{said}: the file ends there"
    return InvalidDocument(
        f"invalid TOML: {_toml_words(said)}",
        file=file,
        line=line,
        column=column,
        code="toml",
        hint=hint,
    )


def _character_at(text: str, line: int | None, column: int | None) -> str:
    """The character of `text` at `line` and `column` (1-based, lines ended by LF, as
    TOML's), or "" where there is none."""
    if line is None or column is None:
        return ""
    lines = text.split("\n")
    return lines[line - 1][column - 1 : column] if 0 < line <= len(lines) and column > 0 else ""


#: The key of the settings in `pyproject.toml`.
TOOL_SETTINGS: Final = ("tool", "selfreview")
#: A key in `tomllib`'s messages: a tuple of its parts' `repr`s ("Cannot declare ('tool',
#: 'selfreview') twice"), or one `repr` ("Duplicate inline table key 'policy'").
_REPR: Final = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\""""
_PYTHON_KEY: Final = rf"\(((?:{_REPR})(?:, (?:{_REPR}))*),?\)|(?<=key )({_REPR})"


def _toml_words(message: str) -> str:
    """`tomllib`'s `message` with each key it names in Python's words (`('tool',
    'selfreview')`, `'policy'`) named as the file's messages name one: `tool.selfreview`."""
    import ast

    def said(found: re.Match[str]) -> str:
        parts = ast.literal_eval(f"({found[1] or found[2]},)")
        return f"`{format_path(parts)}`"

    return re.sub(_PYTHON_KEY, said, message)


#: `"" = 1`: an empty key named so, not as nothing in backticks.
_EMPTY_KEY: Final = "unknown key for selfreview: an empty key"


#: How the file writes a number, a date or a time (`places.value_written`): the
#: value, or the item of its list at a place, or None where it cannot be found so written.
Written = Callable[[int | None, object], str | None]


def _value(
    kind: str, value: Any, folder: Path, written: Written
) -> tuple[Any, str | None, int | None]:
    """(the value made ready, files absolute; None; None) or (None, what is wrong with it,
    the place in its list of the item that is, or None for the whole value), a number or
    a date named as `written` by the file."""
    if kind == "policy":
        if value not in POLICIES:
            said = _described(value, written(None, value))
            return None, f"`policy` is one of {', '.join(POLICIES)}, not {said}", None
        return value, None, None
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
        wanted = f"a {'file' if kind == 'files' else 'name'} or a list of them (strings)"
        if isinstance(value, list):
            at, wrong = next((n, i) for n, i in enumerate(value) if not (isinstance(i, str) and i))
            return None, f"{wanted}, not a list holding {_described(wrong, written(at, wrong))}", at
        return None, f"{wanted}, not {_described(value, written(None, value))}", None
    if kind == "names":
        return list(items), None, None
    files = [os.fspath(folder / item) for item in items]
    for at, (item, file) in enumerate(zip(items, files, strict=True)):
        if not os.path.isfile(file):
            return None, _no_file(item, file), at if isinstance(value, list) else None
    return files, None, None


def _no_file(item: str, file: str) -> str:
    """Why `item` (at `file`) is not read: missing, a folder, or a special file (never
    opened: it could block), said as every reader says it."""
    try:
        mode = os.stat(file).st_mode
    except (OSError, ValueError):
        return f"no such file: {item} (a path is relative to the configuration file)"
    if stat.S_ISDIR(mode):
        return f"{item} is a folder, not a file"
    from ..files.source import special_kind  # only for a mistake

    what = special_kind(mode)
    return f"{item} is {what}, not a regular file (selfreview reads files, not streams or devices)"


def _described(value: Any, written: str | None = None) -> str:
    """A TOML value as a message names what it got, in the words the file kinds' messages
    use (`the text `best``, `true`), never Python's `'best'`, `True` or `datetime.date(...)`:
    a number, a date or a time as the file writes it (`written`: `1e3`, not `1000.0`), or
    else as TOML would."""
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int | float):
        return f"the number {cut(written or str(value))}"
    if isinstance(value, str):
        return f"the text `{cut(value)}`" if value else "empty text"
    if isinstance(value, dt.datetime | dt.time):
        return f"the time {written or value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {written or value.isoformat()}"
    return "a list" if isinstance(value, list) else "a table"
