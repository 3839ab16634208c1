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
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Final

from .._names import JSON_LINES
from ..errors import SelfReviewError
from .source import read_bytes

__all__ = [
    "PARQUET_SUFFIXES",
    "found_in_folders",
    "is_parquet",
    "kind_said",
    "says_framework",
    "split_frameworks",
]


@cache
def _kind() -> re.Pattern[bytes]:
    """What a framework or rule pack file says, compiled on first use: a batch of JSON Lines
    files (`report X.jsonl`) asks no file its kind."""
    return re.compile(
        rb"""(?m)^kind:[ \t]*(["']?)(framework|rules)\1[ \t]*(?:\#.*)?\r?$"""
        rb"""|"kind"\s*:\s*"(framework|rules)\""""
    )


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
    if os.path.isdir(file) or file.lower().endswith(JSON_LINES):
        return None
    try:
        found = _kind().search(read_bytes(file))
    except SelfReviewError:
        return None
    return None if found is None else (found.group(2) or found.group(3)).decode("ascii")


def split_frameworks(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """(the frameworks among `paths`, the rest), each in the order given."""
    frameworks: list[str] = []
    rest: list[str] = []
    for path in paths:
        (frameworks if says_framework(path) else rest).append(path)
    return frameworks, rest


def found_in_folders(
    paths: Sequence[str], files: Iterable[str], *, rules: bool = False
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
