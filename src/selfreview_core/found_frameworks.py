"""The framework files found in the folders given (SPEC section 5), loaded: one rule for the
command line (`cli._folder_frameworks`) and the library (`engine_inputs`).

A framework file found by walking a folder given is a framework file given: it is taken out
of the files read as assessments and loaded, in the walk's order. A file found that is one
given already (named, or the engine's own), or found before by another name (a link), is
that file, not a second one. One that does not load is a bad input, located (file, line,
column): raised, or kept with its diagnostics for the caller to tell and skip.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import SelfReviewError, Skipped
from .files.walk import once_key
from .loader import load_framework
from .model.framework import Framework

__all__ = ["alone", "fresh", "load_found"]


def alone(frameworks: bool) -> str:
    """What paths that hold framework files (`frameworks`) or else rule packs, and nothing
    else to read, are told: the command line's usage error, the library's error."""
    return f"give the assessments as well as their {'framework' if frameworks else 'rule pack'}"


def load_found(
    found: Iterable[str], seen: set[object], *, refuse: bool = False
) -> tuple[list[tuple[str, Framework]], list[Skipped]]:
    """(each framework file of `found` not `seen` with what it holds, those that do not
    load with their diagnostics), each in order; `refuse`: one that does not load raises,
    located. Each file loaded is added to `seen`."""
    loaded: list[tuple[str, Framework]] = []
    broken: list[Skipped] = []
    for file in fresh(found, seen):
        try:
            loaded.append((file, load_framework(file)))
        except SelfReviewError as error:
            if refuse:
                raise
            broken.append(Skipped(file, error.diagnostics))
    return loaded, broken


def fresh(files: Iterable[str], seen: set[object]) -> list[str]:
    """`files` but those `seen` (each added to it): each file once, however named."""
    out = []
    for file in files:
        key = once_key(file)
        if key not in seen:
            seen.add(key)
            out.append(file)
    return out
