"""Twins of framework and rule pack files: the bundled documents loaded without YAML and
without building their validators.

Every engine loads the bundled framework (`becta-srf.yaml`) and, on its first report, the
rule packs the installed plugins ship (`becta-leadership.yaml`, ...). Read as YAML that
meant importing PyYAML (its reader compiles a large pattern at import), parsing each file in
Python, running its checks and building pydantic's validators of `Framework` and `RulePack`
(about 40 million instructions of a JSON Lines batch's start-up, which validates neither
kind again): paid by every command, for files that never change between releases. A file's
twin (its name and `.twin`, beside it, made by `scripts/twins.py`) holds the model that
loading the file gives, pickled: unpickling it builds no validator.

A twin's first line is the SHA-256 of the file's bytes it was made from; the twin is used
only while the file still has exactly those bytes, so an edited file is never answered by a
stale twin: it is read as it always was, and so is a file without a twin, with a twin that
does not unpickle, or with one whose models do not hold exactly the fields their classes
have now (made before a field was added or removed). A rule pack's twin also keeps the data
its parser gave, so that it is checked against its framework by the very checks its file
is. A twin is made only of a file that loads without a problem, and only when unpickling it
gives the same model (`same`: types, values and fields set). `tests/test_twins.py` checks
the bundled twins against their files, and twins of every such file in the repository.
A twin is a file of the package, as trusted as its code: nothing is written at run time.
Only the files plugins give (code the user installed) are read through their twins; a
framework or rule pack file a caller names is read itself, whatever lies beside it:
unpickling runs code, and the folder of such a file may be writable by others.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ._hints import hint_budget
from .loader import FrameworkLookup, PathLike, framework_fit, load, load_framework, load_rules
from .model.checks import rule_findings
from .model.framework import Framework
from .model.rules import RulePack

__all__ = [
    "TWIN_SUFFIX",
    "framework_with_twin",
    "is_current",
    "rules_with_twin",
    "same",
    "twin_bytes",
    "twin_path",
]

#: Appended to a file's name; not one of `FILE_SUFFIXES`, so no listing of documents by
#: suffix (the `bundled-frameworks` plugin's, `validate DIR`'s) takes a twin for one.
TWIN_SUFFIX = ".twin"

_M = TypeVar("_M", bound=BaseModel)


def twin_path(path: PathLike) -> Path:
    return Path(os.fspath(path) + TWIN_SUFFIX)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def twin_bytes(path: PathLike) -> bytes:
    """The twin of the framework or rule pack file `path`: the SHA-256 of its bytes, then
    the pickled model (with a rule pack's data). `InvalidDocument` for a file that does not
    load; `ValueError` for one whose twin would not give the same model and data."""
    with open(path, "rb") as file:
        raw = file.read()
    model = load(path, text=raw)
    if not isinstance(model, Framework | RulePack):
        raise ValueError(f"{os.fspath(path)}: only frameworks and rule packs have twins")
    from .files.source import parse_text

    data = parse_text(raw, os.fspath(path)).data if isinstance(model, RulePack) else None
    twin = f"{_digest(raw)}\n".encode() + pickle.dumps((model, data), protocol=5)
    if not same(_read(twin, raw, type(model)), (model, data)):
        raise ValueError(f"{os.fspath(path)}: its twin would not give the same document")
    return twin


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


def _read(twin: bytes, raw: bytes, model: type[_M]) -> tuple[_M, Any] | None:
    """What `twin` holds when it is the twin of a file of the bytes `raw` and holds a
    `model` of the fields its class has now, else None."""
    digest, _, pickled = twin.partition(b"\n")
    if digest.strip() != _digest(raw).encode():
        return None
    try:  # a file of the package, as trusted as its modules
        found, data = pickle.loads(pickled)
    except Exception:  # whatever does not unpickle (a class renamed...): the file is read
        return None
    return (found, data) if type(found) is model and _current(found) else None


def _current(value: object) -> bool:
    """Whether every model in `value` holds exactly the fields its class has now (a twin
    made before a field was added or removed does not)."""
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return value.__dict__.keys() == fields.keys() and all(
            _current(value.__dict__[name]) for name in fields
        )
    if isinstance(value, Mapping):
        return all(_current(item) for item in value.values())
    if isinstance(value, tuple | list):
        return all(_current(item) for item in value)
    return True


def _from_twin(path: PathLike, model: type[_M]) -> tuple[_M, Any] | None:
    """The `model` from `path`'s twin and the data it keeps, or None: no twin, a twin of
    other bytes or of other models, or one that does not read (then the file itself is
    read, and says what is wrong)."""
    try:
        with open(path, "rb") as file:
            raw = file.read()
        with open(twin_path(path), "rb") as file:
            twin = file.read()
    except OSError:
        return None
    return _read(twin, raw, model)


def is_current(path: PathLike) -> bool:
    """Whether `path` has a twin that gives what loading it gives (pickles of one model
    need not be the same bytes: a set's order changes with the hash seed)."""
    slow = load(path)
    found = _from_twin(path, type(slow)) if isinstance(slow, Framework | RulePack) else None
    return found is not None and same(found[0], slow)


def framework_with_twin(path: PathLike) -> Framework:
    """`load_framework(path)`, from its twin when it has an up-to-date one."""
    found = _from_twin(path, Framework)
    return found[0] if found is not None else load_framework(path)


@hint_budget  # its checks' hints, like the file's (`loader.rules_from`)
def rules_with_twin(path: PathLike, lookup: FrameworkLookup | None) -> RulePack:
    """`load_rules(path, lookup)`, from its twin when it has an up-to-date one that fits
    its framework as `load_rules` checks it (else the file says what does not fit)."""
    found = _from_twin(path, RulePack)
    if found is not None:
        pack, data = found
        if isinstance(data, Mapping) and not framework_fit(data, "rules", lookup, rule_findings):
            return pack
    return load_rules(path, lookup)
