"""JSON twins of framework and rule pack files: the bundled documents read without YAML.

Every engine loads the bundled framework (`becta-srf.yaml`) and, on its first report, the
rule packs the installed plugins ship (`becta-leadership.yaml`, ...). Read as YAML that
meant importing PyYAML (its reader compiles a large pattern at import), parsing each file in
Python and running its checks: paid by every command, for files that never change between
releases. A file's twin (its name and `.twin`, beside it, made by `scripts/twins.py`)
holds the same document as JSON, read by pydantic's own JSON validator.

A twin's first line is the SHA-256 of the file's bytes it was made from; the twin is used
only while the file still has exactly those bytes, so an edited file is never answered by a
stale twin: it is read as it always was, and so is a file without a twin or with one that
is not JSON or not a valid document of its kind (the file then says what is wrong). A twin
is made only of a file that loads without a problem, and only when its JSON gives exactly
the same model, fields set included (`same`); for a rule pack also exactly the data its
parser gave (types, keys and their order), so that its twin is checked against its
framework by the very checks its file is (a framework's data is not checked again once it
is a model: its level keys are numbers in YAML, text in JSON). Checked by
`tests/test_twins.py` for the bundled twins and every such file in the repository.
Nothing is ever written at run time: a twin is a file of the package.

Why JSON and not the pickled model (tried: it also spared building the `Framework` and
`RulePack` validators, about 32 million instructions more): unpickling runs code, and a
plugin may give a file in a folder others can write to, where a planted `.twin` would run
at every start-up. A JSON twin is validated as it is read: at worst it gives a valid
document. Even so only the files plugins give are read through their twins; a framework or
rule pack file a caller names is read itself, whatever lies beside it (simpler to reason
about: what a user names is what is read).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ._hints import hint_budget
from .errors import InvalidDocument
from .files.source import open_regular
from .loader import FrameworkLookup, PathLike, framework_fit, load, load_framework, load_rules
from .model.base import SKIP_CHECKS
from .model.checks import framework_file_findings, rule_findings
from .model.framework import Framework, checked_on_loading
from .model.rules import RulePack

__all__ = [
    "TWIN_SUFFIX",
    "framework_with_twin",
    "rules_with_twin",
    "same",
    "twin_path",
    "twin_text",
]

#: Appended to a file's name; not one of `FILE_SUFFIXES`, so no listing of documents by
#: suffix (the `bundled-frameworks` plugin's, `validate DIR`'s) takes a twin for one.
TWIN_SUFFIX = ".twin"

_M = TypeVar("_M", Framework, RulePack)


def twin_path(path: PathLike) -> Path:
    return Path(os.fspath(path) + TWIN_SUFFIX)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def twin_text(path: PathLike) -> str:
    """The twin of the framework or rule pack file `path`: the SHA-256 of its bytes, then its
    document as JSON. `InvalidDocument` for a file that does not load; `ValueError` for one
    whose JSON would not give the same data and model (JSON has no keys but strings)."""
    with open(path, "rb") as file:
        raw = file.read()
    model = load(path, text=raw)
    if not isinstance(model, Framework | RulePack):
        raise ValueError(f"{os.fspath(path)}: only frameworks and rule packs have twins")
    from .files.source import parse_text

    data = parse_text(raw, os.fspath(path)).data
    document = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Read back as a twin is read.
    read: tuple[Framework | RulePack, Any] | None = (
        _read(document.encode(), Framework)
        if isinstance(model, Framework)
        else _read(document.encode(), RulePack)
    )
    # A rule pack's data is checked against its framework when loaded: it must be the same.
    if (
        read is None
        or not same(read[0], model)
        or (isinstance(model, RulePack) and not same(read[1], data))
    ):
        raise ValueError(f"{os.fspath(path)}: its JSON twin would not give the same document")
    return f"{_digest(raw)}\n{document}\n"


def same(one: object, other: object) -> bool:
    """Whether two values are equal and of the same types throughout, each model with the
    same fields set (which `exclude_unset` dumps and `model_fields_set` show)."""
    if type(one) is not type(other):
        return False
    if isinstance(one, BaseModel):
        assert isinstance(other, BaseModel)
        return one.model_fields_set == other.model_fields_set and all(
            same(getattr(one, name), getattr(other, name)) for name in type(one).model_fields
        )
    if isinstance(one, Mapping):
        assert isinstance(other, Mapping)
        return len(one) == len(other) and all(
            same(key, key_of_other) and same(one[key], other[key_of_other])
            for key, key_of_other in zip(one, other, strict=False)
        )
    if isinstance(one, list | tuple):
        assert isinstance(other, list | tuple)
        return len(one) == len(other) and all(map(same, one, other))
    return one == other


def _from_twin(path: PathLike, model: type[_M]) -> tuple[_M, Any] | None:
    """The `model` from `path`'s twin and the twin's data, or None: no twin, a twin of
    other bytes, or one that does not read or validate (then the file itself is read, and
    says what is wrong)."""
    try:
        # Twin first (most files have none); each opened as the loader opens a file, so
        # that a named pipe or device a plugin names is refused, never waited on.
        with open_regular(os.fspath(twin_path(path))) as file:
            twin = file.read()
        with open_regular(os.fspath(path)) as file:
            raw = file.read()
    except (OSError, InvalidDocument):
        return None
    digest, _, document = twin.partition(b"\n")
    if digest.strip() != _digest(raw).encode():
        return None
    return _read(document, model)


def _read(document: bytes, model: type[_M]) -> tuple[_M, Any] | None:
    """The `model` a twin's JSON `document` holds, and its data; None when it is not JSON
    (nested too deep included) or not a valid `model`."""
    try:
        data = _interned(json.loads(document))
        return model.model_validate(data, context={SKIP_CHECKS: True}), data
    except (ValueError, RecursionError):
        return None


def _interned(value: Any) -> Any:
    """`value`, JSON data, with every text in it interned (`sys.intern`): validated as
    Python data, a model keeps these very objects, so that a framework's ids are the very
    objects the tables reports look them up in are keyed by (a profile's keys are the
    scorer's code constants, which are interned): found by identity, not compared character
    by character. Measured in round 31 (callgrind, around 300 reports): the framework and
    rule packs read from twins without this cost about 3,200 instructions a report more.
    """
    if type(value) is str:
        return sys.intern(value)
    if type(value) is dict:
        return {sys.intern(key): _interned(item) for key, item in value.items()}
    if type(value) is list:
        return [_interned(item) for item in value]
    return value


def framework_with_twin(path: PathLike) -> Framework:
    """`load_framework(path)`, from its twin when it has an up-to-date one that passes the
    checks its file would (validated with `SKIP_CHECKS`, as the loader validates the file:
    a planted twin is never trusted unchecked)."""
    found = _from_twin(path, Framework)
    if found is not None and not framework_file_findings(found[1]):
        return checked_on_loading(found[0])
    return load_framework(path)


@hint_budget  # its checks' hints, like the file's (`loader.rules_from`)
def rules_with_twin(path: PathLike, lookup: FrameworkLookup | None) -> RulePack:
    """`load_rules(path, lookup)`, from its twin when it has an up-to-date one that fits
    its framework as `load_rules` checks it (else the file says what does not fit)."""
    found = _from_twin(path, RulePack)
    if found is not None:
        pack, data = found
        if not framework_fit(data, "rules", lookup, rule_findings):
            return pack
    return load_rules(path, lookup)
