"""Which of the files on a command line are frameworks, told without parsing them.

SPEC section 5: `report` and `benchmark` look for an assessment's framework first among
the files on the same command line (`selfreview report FRAMEWORK.yaml SCHOOL.yaml`), as
`validate` does. Those commands read assessments by the thousand, so a file is not parsed
twice to learn its kind: its text is searched for a top-level `kind: framework` (YAML, at
the start of a line) or `"kind": "framework"` (JSON). A file that says so is loaded as a
framework, and a framework that is invalid is reported as one, located, by its loader.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Final

from .._names import JSON_LINES
from ..errors import SelfReviewError
from .limits import DEFAULT_LIMITS
from .source import read_bytes
from .stdin import is_stdin

#: Opening never waits (a named pipe with no writer would block `open` itself); no newline
#: translation on Windows. As `source.open_regular` opens a file.
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_O_BINARY: Final = getattr(os, "O_BINARY", 0)

__all__ = [
    "PARQUET_SUFFIXES",
    "found_in_folders",
    "is_parquet",
    "kind_said",
    "says_framework",
    "split_frameworks",
]


@cache
def _kinds() -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """What a framework or rule pack file says, compiled on first use (a batch of JSON Lines
    files, `report X.jsonl`, asks no file its kind): YAML's top-level key, matched where a
    line starts with `kind:`, and JSON's, where `"kind"` is. Each is matched only where
    `kind` is found (`_said`): searched for over a whole file, an alternation starting
    with no fixed text tried every position, ten times as long on a school's file."""
    return (
        re.compile(rb"""kind:[ \t]*(["']?)(framework|rules)\1[ \t]*(?:\#[^\n]*)?\r?(?:\n|$)"""),
        re.compile(rb"""kind"\s*:\s*"(framework|rules)\""""),
    )


def _said(data: bytes) -> str | None:
    """`framework` or `rules`, where `data` says it is one; else None."""
    yaml_kind, json_kind = _kinds()
    at = data.find(b"kind")
    while at >= 0:
        before = data[at - 1 : at]
        if before in (b"", b"\n") and (found := yaml_kind.match(data, at)):
            return found.group(2).decode("ascii")
        if before == b'"' and (found := json_kind.match(data, at)):
            return found.group(1).decode("ascii")
        at = data.find(b"kind", at + 4)
    return None


#: The suffixes of a cohort file (Parquet, SPEC section 8).
PARQUET_SUFFIXES: Final = (".parquet",)


def is_parquet(path: str) -> bool:
    """Whether a path names a cohort file (by its suffix). Here, with the other kinds of
    file, so that telling one needs no cohort module (they import DuckDB)."""
    return path.lower().endswith(PARQUET_SUFFIXES)


def says_framework(file: str) -> bool:
    """Whether `file` (a file, not a folder or a JSON Lines file) declares itself a
    framework. False for what cannot be read: its reader will say why."""
    return kind_said(file) == "framework"


def kind_said(file: str) -> str | None:
    """`framework` or `rules` when `file` (a file, not a folder or a JSON Lines file) says
    it is one at the top level; else None, and for what cannot be read: its reader will
    say why."""
    if file.lower().endswith(JSON_LINES):
        return None
    if is_stdin(file):
        try:
            return _said(read_bytes(file))
        except SelfReviewError:
            return None
    data = _regular_bytes(file)
    return None if data is None else _said(data)


def _regular_bytes(file: str) -> bytes | None:
    """The bytes of `file` if it is a regular file within the size limit, read the short way,
    else None. Every file a batch walks is asked its kind before it is read: `read_bytes`,
    with its checks and its words for each refusal (which the file's reader gives), took
    twice as long. Never blocks: a pipe or device is refused on `os.stat`, before it is
    opened, and again (in case one took its place) on `os.fstat`."""
    try:
        if not stat.S_ISREG(os.stat(file).st_mode):
            return None
        descriptor = os.open(file, os.O_RDONLY | _NONBLOCK | _O_BINARY)
    except (OSError, ValueError):  # `ValueError`: a NUL, or a name no file can have
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > DEFAULT_LIMITS.max_bytes:
            return None
        chunks: list[bytes] = []
        left = status.st_size
        while left > 0 and (chunk := os.read(descriptor, left)):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def split_frameworks(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """(the frameworks among `paths`, the rest), each in the order given."""
    frameworks: list[str] = []
    rest: list[str] = []
    for path in paths:
        (frameworks if says_framework(path) else rest).append(path)
    return frameworks, rest


def found_in_folders(
    paths: Sequence[str], files: Iterable[str], *, rules: bool
) -> tuple[list[str], list[str], list[str]]:
    """(the frameworks among `files` that a walk of the folders among `paths` found, with
    `rules` the rule packs, the rest), each in order. A framework file in a folder given is
    a framework file given (SPEC section 5), looked for after the files named themselves,
    and a rule pack one given where the command takes rule packs; a file `paths` names
    itself is its command's to tell (`split_frameworks`), and is not read again here."""
    named = set(paths)
    found: dict[str, list[str]] = {"framework": [], "rules": []}
    rest: list[str] = []
    for file in files:
        kind = None if file in named else kind_said(file)
        if kind == "framework" or (kind == "rules" and rules):
            found[kind].append(file)
        else:
            rest.append(file)
    return found["framework"], found["rules"], rest
