"""Pydantic's validation errors in the words of the file format: "unknown key `strnds`
(did you mean `strands`?)", "expected a whole number, got the text `three`", each at its
place in the file.

Pydantic names the model's fields and its own error types; a person editing a YAML file
thinks in keys, values and the document's own words. Each error becomes a `Diagnostic`
located by the `Source` it was read from, with a hint where one helps.
"""

from __future__ import annotations

import math
import re
import types
import typing
from collections.abc import Iterable
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from ._frozen import FrozenDict
from .errors import Diagnostic, PathPart, Spelled, cut, named_key, quoted_key
from .files.positions import spelled
from .files.source import Source
from .files.written import number_written
from .model.base import MERGE_KEY_HINT, did_you_mean, unseen_hint, unseen_only
from .model.conditions import TAG_MODELS, TAGS
from .model.id_form import ID_RULE, REF_RULE

if typing.TYPE_CHECKING:
    from pydantic_core import ErrorDetails

__all__ = ["validation_diagnostics"]

#: The hint for a number where text belongs; the number follows as the file spells it.
_QUOTE = "write it in quotes"


def _spelling(value: float, yaml: bool, written: str | None) -> str:
    """A number as the file writes it (`written`: `0o12`, `+12`, `-1e999`, `.INF`,
    `-Infinity`, as the hint beside it quotes it), or where that is not found as read, a
    number that is not finite as the file's syntax writes one (`.inf`, `-Infinity`, `.nan`),
    never Python's `inf` or `nan`."""
    if written is not None:
        return cut(written)
    if type(value) is int or math.isfinite(value):  # an int past a float's range: no inf
        return cut(str(value))
    shown = ("NaN" if math.isnan(value) else "Infinity") if not yaml else None
    shown = shown or (".nan" if math.isnan(value) else ".inf")
    return f"{'-' if value < 0 else ''}{shown}"


def _describe(value: Any, yaml: bool, written: str | None = None) -> str:
    """`value` as a message names what it got: a number as the file writes it (`0x0A`, not
    the `10` it reads as, which the reader would not find there; see `_spelling`)."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int | float):
        return f"the number {_spelling(value, yaml, written)}"
    if isinstance(value, str):  # not "the text ``": nothing to see between the backticks
        return f"the text `{cut(value)}`" if value else "empty text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _unseen(value: Any) -> bool:
    """Whether `value` is text that is not blank to Python and prints as nothing (a
    zero-width space as an id: `model.base.unseen_only`): said to be empty, with why."""
    return isinstance(value, str) and bool(value.strip()) and unseen_only(value)


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation may hold (through Annotated and unions)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], parts: Iterable[PathPart]) -> type[BaseModel] | None:
    """The model class found by following `parts` from `model`, if any."""
    current: list[Any] = [model]
    for part in parts:
        if part in TAGS:  # a tagged union: the tag says which member
            current = [TAG_MODELS[str(part)]]
            continue
        following: list[Any] = []
        for candidate in current:
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                field = candidate.model_fields.get(str(part))
                if field is not None:
                    following.extend(_unwrap(field.annotation))
            else:
                origin, args = typing.get_origin(candidate), typing.get_args(candidate)
                if origin in (list, tuple) and args:
                    following.extend(_unwrap(args[0]))
                elif origin in (dict, FrozenDict) and len(args) == 2:
                    following.extend(_unwrap(args[1]))
        current = following
    for candidate in current:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _choices(model: type[BaseModel], loc: tuple[PathPart, ...]) -> list[Any]:
    """The values a field of choices (`status: planned|doing|done|dropped`) allows."""
    parent = _model_at(model, loc[:-1])
    field = parent.model_fields.get(str(loc[-1])) if parent is not None and loc else None
    if field is None:
        return []
    return [c for t in _unwrap(field.annotation) for c in typing.get_args(t)]


def _literal_words(allowed: list[Any], msg: str) -> str:
    """What a field of choices expects, in the project's words ("expected `planned`,
    `doing`, `done` or `dropped`"), not pydantic's ("Input should be 'planned', ...")."""
    choices = [f"`{c}`" for c in allowed]
    if not choices:  # not found on the model: pydantic's list, quoted as ours
        return "expected " + re.sub(r"'([^']*)'", r"`\1`", msg.removeprefix("Input should be "))
    listed = choices[0] if len(choices) == 1 else f"{', '.join(choices[:-1])} or {choices[-1]}"
    return f"expected {listed}"


#: What pydantic's type errors expected, in the file's words: "expected a whole number,
#: got the text `three`". A refused member of a union says it so too (`_EXPECTED`).
_TYPES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "`true` or `false`",
    "bool_parsing": "`true` or `false`",
    "float_type": "a number",
    "float_parsing": "a number",
    "model_type": "a mapping",
    "dict_type": "a mapping",
    "model_attributes_type": "a mapping",
    "list_type": "a list",
    "tuple_type": "a list",
}

#: A message, its hint, its code, and whether it is told at the key rather than the value.
Told = tuple[str, str | None, str, bool]


def _message(
    error: ErrorDetails,
    model: type[BaseModel],
    last: PathPart | None,
    yaml: bool,
    written: str | None = None,
) -> Told:
    """(message, hint, code, at_key) for one pydantic error, whose place in the file ends
    in `last` (a key that is not text is named as the file writes it, `true`, not `1`), in
    a YAML file or not (JSON: `"<<"` is only a key), its value a number that is not finite
    spelled `written` there."""
    kind, loc, value = error["type"], error["loc"], error.get("input")
    name = last.spelling if isinstance(last, Spelled) else str(loc[-1]) if loc else ""
    got = _describe(value, yaml, written)
    if kind == "missing":
        return f"missing required key `{name}`", None, "missing-key", False
    if kind in ("extra_forbidden", "invalid_key"):  # invalid_key: not text, so unknown too
        return _unknown_key(model, loc, last, name, yaml)
    if loc and loc[-1] == "[key]":
        return _refused_key(kind, value, yaml, got)
    expected = _TYPES.get(kind)
    if expected is not None:
        if expected == "a mapping" and len(loc) == 2 and loc[0] == "judgements":
            expected = "a level or a mapping with `level`"
        number = isinstance(value, int | float) and not isinstance(value, bool)
        hint = _QUOTE if kind == "string_type" and number else None
        return f"expected {expected}, got {got}", hint, "type", False
    if kind.startswith(("date_", "datetime_")):
        reason = error["msg"].split(", ", 1)[1] if ", " in error["msg"] else None
        if kind == "date_from_datetime_inexact":  # "... should have zero time ..."
            reason = "it has a time of day"
        said = f"{got} is not a valid date" + ("" if reason is None else f": {reason}")
        return said, "write dates as YYYY-MM-DD", "date", False
    if kind == "string_pattern_mismatch" and _unseen(value):  # `base.Id`: as if empty
        return "must not be empty", unseen_hint(value, got), "empty-text", False
    if kind == "string_pattern_mismatch":
        if name == "framework":
            return f"{got} is not a framework id", REF_RULE, "id", False
        return f"{got} is not a valid id", ID_RULE, "id", False
    if kind in ("string_too_short", "empty_text"):
        # Text that is not blank to Python and prints as nothing (a zero-width space as a
        # respondent's group: `model.assessment.unseen_only`) is said to be that.
        hint = unseen_hint(value, got) if _unseen(value) else None
        return "must not be empty", hint, "empty-text", False
    if kind in _BOUNDS:  # an answer's value (`model.questions`): 0 .. 1
        words, limit = _BOUNDS[kind]
        expected = f"expected a number {words} {error.get('ctx', {}).get(limit)}"
        if isinstance(value, float) and math.isnan(value):  # no bound holds, none is broken
            got = f"`{_spelling(value, yaml, written)}`, which is not a number"
        return f"{expected}, got {got}", None, kind, False
    if kind == "finite_number":  # a plan's score (`model.plan`)
        return f"expected a finite number, got {got}", None, kind, False
    if kind == "value_error":
        return error["msg"].removeprefix("Value error, "), None, "invalid", False
    if kind == "literal_error":
        allowed = _choices(model, loc)
        texts = [c for c in allowed if isinstance(c, str)]
        hint = did_you_mean(value, texts) if isinstance(value, str) else None
        expected = _literal_words(allowed, error["msg"])
        return f"{got} is not allowed here: {expected}", hint, "invalid", False
    return error["msg"], None, kind, False


def _unknown_key(
    model: type[BaseModel],
    loc: tuple[PathPart, ...],
    last: PathPart | None,
    name: str,
    yaml: bool,
) -> Told:
    """A key the model has no field for, with the keys it has as the hint (a close one, the
    model's own `UNKNOWN_KEY_HINT`, or all of them where they are few): told at the key."""
    parent = _model_at(model, loc[:-1])
    hint = None
    if name == "<<" and yaml:  # YAML 1.1's merge key: these files are read as YAML 1.2
        hint = MERGE_KEY_HINT
    elif parent is not None:
        keys = [f.alias or n for n, f in parent.model_fields.items()]
        hint = did_you_mean(name, keys) or getattr(parent, "UNKNOWN_KEY_HINT", None)
        if hint is None and len(keys) <= 10:
            hint = "expected one of: " + ", ".join(f"`{k}`" for k in keys)
    said = f"unknown key {quoted_key(name)}" if isinstance(last, Spelled) else None
    return said or named_key("unknown key", name), hint, "unknown-key", True


def _refused_key(kind: str, value: Any, yaml: bool, got: str) -> Told:
    """A key of a mapping of ids or levels that is not one (pydantic's `[key]`): told at it."""
    if kind == "string_type":  # an id: `1: 3` among judgements
        hint = _QUOTE if type(value) is int else None
        return f"expected a text key (an id), got {got}", hint, "type", True
    unseen = kind == "string_pattern_mismatch" and _unseen(value)  # `base.unseen_only`
    if kind == "string_too_short" or unseen:  # an id key of answer sets, answers, plans
        hint = unseen_hint(value, got) if unseen else None
        return "an empty key is not a valid id", hint, "id", True
    if kind == "string_pattern_mismatch":
        return f"{got} is not a valid id", ID_RULE, "id", True
    hint = MERGE_KEY_HINT if value == "<<" and yaml else None  # among a strand's levels
    return f"expected a whole-number key, got {got}", hint, "type", True


#: Pydantic's bounds of a number: how a message says each, and the name of its limit.
_BOUNDS = {
    "greater_than_equal": ("of at least", "ge"),
    "less_than_equal": ("of at most", "le"),
    "greater_than": ("above", "gt"),
    "less_than": ("below", "lt"),
}


def validation_diagnostics(
    source: Source, error: ValidationError, model: type[BaseModel]
) -> list[Diagnostic]:
    told: list[tuple[tuple[PathPart, ...], bool, str, str, str | None, bool]] = []
    for detail in error.errors(include_url=False):
        # Drop pydantic's markers: dict keys, the tags of the condition union, and the name
        # of a union's member (`int`, `tuple[int, ...]`), which is no key of the file.
        missing = detail["type"] == "missing"  # located at the mapping that lacks it
        where = detail["loc"][:-1] if missing else detail["loc"]
        loc, member = _file_path(source, where, detail.get("input"))
        last = loc[-1] if loc else None
        written = _number_written(source, loc, detail["loc"], detail.get("input"))
        message, hint, code, at_key = _message(
            detail, model, last, source.syntax == "yaml", written
        )
        if hint == _QUOTE:
            written = _as_written(source, loc, at_key, detail.get("input"))
            # A key is cut as its path names it; a value's number is quoted whole, to copy.
            hint = f'{_QUOTE}: "{cut(written) if at_key else written}"'
        told.append((loc, member, message, code, hint, at_key))
    return [
        source.diagnostic(loc, message, code=code, hint=hint, key=at_key)
        for loc, message, code, hint, at_key in _unions_told_once(told)
    ]


def _unions_told_once(
    told: list[tuple[tuple[PathPart, ...], bool, str, str, str | None, bool]],
) -> list[tuple[tuple[PathPart, ...], str, str, str | None, bool]]:
    """Each value a union's members all refused, told once: `level: "5"` is "expected a
    whole number or a list, got the text `5`", not one error a member; and where a member
    looked inside the value (`level: [a]`: its item), only what it found there."""
    inside = {loc[:n] for loc, member, *_ in told if member for n in range(len(loc))}
    merged: dict[tuple[tuple[PathPart, ...], str], list[str]] = {}
    kept: list[tuple[tuple[PathPart, ...], str, str, str | None, bool]] = []
    for loc, member, message, code, hint, at_key in told:
        found = re.fullmatch(_EXPECTED, message, re.DOTALL) if member else None
        if found is None:
            kept.append((loc, message, code, hint, at_key))
            continue
        if loc in inside:  # another member took the value for its own and looked inside
            continue
        expected, given = found.groups()
        members = merged.setdefault((loc, given), [])
        members.append(expected)
        if len(members) == 1:
            kept.append((loc, message, code, hint, at_key))
            continue
        at = next(i for i, k in enumerate(kept) if k[0] == loc and k[1].endswith(given))
        named = [m for m in members if not (m == "a whole number" and "a number" in members)]
        said = f"expected {' or '.join(named)}, got {given}"  # `int | float`: "a number"
        kept[at] = (loc, said, code, hint, at_key)
    return kept


#: What a refused member of a union says (`_message`): what it expects, and what was given.
#: Compiled by `re` on first use (a refused union), not at every command's start-up.
_EXPECTED = r"expected (.+?), got (.+)"


def _file_path(
    source: Source, loc: tuple[PathPart, ...], given: Any = None
) -> tuple[tuple[PathPart, ...], bool]:
    """Pydantic's `loc` as a path in the file, and whether it named a union's member: a
    text part that is no key of the value it is below (pydantic names there the member
    that refused the value: `level.int`, `level["tuple[int, ...]"]`). A key that is not
    text is named as the file writes it (`true`, `0o12`), not as pydantic does (`1`, `10`).
    A key that is refused (`[key]` follows it) is `given`, pydantic's input: the float key
    `1.5`, which pydantic names `"1.5"`, is not the text key `"1.5"` beside it."""
    data = source.data
    path: list[PathPart] = []
    member = False
    for n, part in enumerate(loc):
        if (part in TAGS or part == "[key]") and not (isinstance(data, dict) and part in data):
            continue  # pydantic's marker of a key or a tag, not a key of the file named so
        key = _key_of(data, part) if isinstance(data, dict) else _GONE
        if loc[n + 1 :] == ("[key]",) and isinstance(data, dict):  # the last: the key refused
            key = next((k for k in data if k == given and type(k) is type(given)), key)
        if isinstance(part, str) and data is not _GONE and key is _GONE:
            member = True
            continue
        if key is not _GONE and type(key) is not str:
            part = source.tree.written.get((*path, spelled(key))) or spelled(key)
        path.append(part)
        if isinstance(data, dict):
            data = _GONE if key is _GONE else data[key]
        elif isinstance(data, list) and isinstance(part, int) and -len(data) <= part < len(data):
            data = data[part]
        else:
            data = _GONE
    return tuple(path), member


def _key_of(mapping: dict[Any, Any], part: PathPart) -> Any:
    """The key of `mapping` pydantic names `part`: itself (`true` where pydantic says `1`),
    or a key that is no text (`1.5`, `null`), which pydantic names by its text (`"1.5"`,
    `"None"`); else `_GONE`."""
    if part in mapping:
        if type(part) is int and part in (0, 1):  # `false` and `true` are named so too
            return next(k for k in mapping if k == part)
        return part
    return next((k for k in mapping if not isinstance(k, str) and str(k) == part), _GONE)


#: No value in the file at a path (a default, or a place the file does not reach).
_GONE: Any = object()


def _as_written(source: Source, loc: tuple[PathPart, ...], key: bool, value: Any) -> str:
    """The number at `loc` as the file spells it, for quoting: `0012345` is read as 12345, and
    "12345" in quotes would lose the zeros that make it an id. As read where not found."""
    return number_written(source, loc, value, key=key) or str(value)


def _number_written(
    source: Source, loc: tuple[PathPart, ...], raw: tuple[PathPart, ...], value: Any
) -> str | None:
    """How the file spells `value` at `loc` (a key where pydantic's place `raw` ends in
    `[key]`) if it is a number: `0o12`, `+12` and `-1e999` read as `10`, `12` and `-.inf`, and
    a message naming those would not be the text the reader finds there."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    return number_written(source, loc, value, key=bool(raw) and raw[-1] == "[key]")
