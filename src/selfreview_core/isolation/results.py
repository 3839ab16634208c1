"""What a plugin gives, checked at the boundary: only our own valid objects go further.

A plugin can hand back anything: `None`, numbers, a model built with `model_construct` that
breaks the model's rules, a subclass with odd properties, text with lone surrogates that no
file or terminal can take. Each function here either returns a fresh object of our own,
validated (so nothing a plugin returns can crash an exporter later, in any format), or
raises `Refused` with a message for the problem. They run inside `PluginCall.run`, because
even reading a plugin's object runs its code. Built-in plugins' results (`trusted`) are our
own code's and skip the second validation.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticSerializationError

from ..errors import Refused, format_path
from ..exporters.base import Exporter
from ..model.base import Document
from ..model.framework import Framework
from ..model.id_form import in_words
from ..model.recommendation import Recommendation, validated
from .calls import describe
from .interrupts import the_users

if TYPE_CHECKING:
    from .calls import PluginCall

__all__ = [
    "exporter",
    "items",
    "lone_surrogate",
    "model",
    "path",
    "recommendation",
    "recommendation_items",
    "rendered",
    "writable_fields",
    "writable_values",
]

M = TypeVar("M", bound=BaseModel)

#: An exporter's name: what `--format NAME` is given, so no spaces or control characters.
_NAME: Final = re.compile(r"[\w][\w.+-]{0,63}")
#: An extension, dot included: word characters in one or more parts (`.txt`, `.tar.gz`);
#: never a path separator, `..` or nothing, which would break `-o` and batch file names.
_EXTENSION: Final = re.compile(r"(\.[\w+-]+){1,4}")


def type_name(value: object) -> str:
    """The name of `value`'s class as plain `str`: a class can be given a `str` subclass
    for a name, whose own methods (formatting it into a message) may fail."""
    return str.__str__(type(value).__name__)


def items(result: object) -> Iterable[object]:
    """What a collecting hook gave, as items: None is none, a single path or document is
    one, a mapping gives its values, anything else iterable its items."""
    if result is None:
        return ()
    if isinstance(result, str | os.PathLike | Document | Exporter) or not isinstance(
        result, Iterable
    ):
        return (result,)
    if isinstance(result, Mapping):
        return tuple(result.values())
    return result


def recommendation_items(result: object) -> Iterable[object]:
    """What `selfreview_recommend` gave, as items; it must be a list (or any iterable but
    text, bytes, a mapping or a single recommendation)."""
    if type(result) is list or result is None:
        return result or ()
    if isinstance(result, str | bytes | Mapping | Recommendation) or not isinstance(
        result, Iterable
    ):
        raise Refused(f"selfreview_recommend returned {type_name(result)}, not a list")
    return result


def lone_surrogate(data: object) -> str | None:
    """Where in `data` (plain data: mappings, sequences, text) text holds a lone
    surrogate, which UTF-8 cannot encode; None if nowhere. Iterative: any depth."""
    stack: list[tuple[tuple[str | int, ...], object]] = [((), data)]
    while stack:
        where, value = stack.pop()
        if value is None:
            continue
        if isinstance(value, str):
            if not value.isascii() and _unencodable(value):
                return format_path(where) or "the text"
        elif isinstance(value, tuple | list | set | frozenset):
            stack.extend(((*where, i), inner) for i, inner in enumerate(value))
        elif isinstance(value, Mapping):
            for key, inner in value.items():
                if isinstance(key, str) and not key.isascii() and _unencodable(key):
                    return format_path(where) or "a key"
                stack.append(((*where, key if isinstance(key, str | int) else str(key)), inner))
    return None


def writable_fields(flat: BaseModel) -> bool:
    """Whether UTF-8 can encode every text of `flat`, a model of text, tuples of text and
    None (a recommendation): checked in Python, quicker than serialising it. A field of
    any other type is left to serialising."""
    return writable_values(flat, vars(flat).values())


def writable_values(flat: BaseModel, values: Iterable[object]) -> bool:
    """`writable_fields` for these of `flat`'s values (the rest known writable)."""
    for value in values:
        if type(value) is str:
            if not value.isascii() and _unencodable(value):
                return False
        elif type(value) is tuple:
            for text in value:
                if type(text) is not str:
                    return _serialises(flat)
                if not text.isascii() and _unencodable(text):
                    return False
        elif value is not None:
            return _serialises(flat)
    return True


def _serialises(model: BaseModel) -> bool:
    try:
        model.model_dump_json()
    except PydanticSerializationError:
        return False
    return True


def _unencodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _details(error: ValidationError) -> str:
    return "; ".join(
        f"{where}: {in_words(e)}" if (where := format_path(e["loc"])) else in_words(e)
        for e in error.errors(include_url=False)
    )


def model(model_type: type[M], item: BaseModel, what: str) -> M:
    """`item` validated again as exactly `model_type`: built from its data, so that
    `model_construct`, a subclass or a changed field cannot carry broken values past us."""
    try:
        data = item.model_dump(by_alias=True, round_trip=True, warnings=False)
    except Exception as error:
        raise Refused(f"malformed {what}: it cannot be read ({describe(error)})") from None
    try:
        checked = model_type.model_validate(data)
    except ValidationError as error:
        raise Refused(f"malformed {what}: {_details(error)}") from None
    _writable(checked, data, what)
    return checked


def _writable(checked: BaseModel, data: object, what: str) -> None:
    """Raise `Refused` unless `checked` can be written as JSON (and so in any format): text
    with a lone surrogate, which UTF-8 cannot encode, cannot. Serialising is the quick
    test; the walk finds where."""
    try:
        checked.model_dump_json(by_alias=True)
    except PydanticSerializationError as error:
        where = lone_surrogate(data)
        if where is None:
            raise Refused(f"{what} cannot be written: {describe(error)}") from None
        raise Refused(f"{what}: {where} holds a lone surrogate, which cannot be written") from None


def path(item: object, hook: str, expected: str) -> str:
    """A path a plugin gave (text or path-like), as text; `Refused` for anything else."""
    if isinstance(item, str | os.PathLike):
        found = os.fspath(item)
        if isinstance(found, str):
            return str.__str__(found)  # not a subclass with methods of its own
    raise Refused(f"{hook} gave {type_name(item)}, not {expected}")


def recommendation(call: PluginCall, item: object, framework: Framework) -> Recommendation:
    """One recommendation (or a mapping of its fields), valid, writable, and targeting
    only ids of `framework`."""
    if call.trusted and isinstance(item, Recommendation):
        found = item
    else:
        if isinstance(item, Recommendation) and validated(item):
            # Valid as it stands; copied (its values are immutable: text and tuples of
            # text), so that a report never shares an object its plugin still holds.
            found = Recommendation.trusted(**vars(item))
        else:
            found = _validate(item)
        if not writable_fields(found):
            where = lone_surrogate(vars(found))
            raise Refused(
                f"recommendation {found.id}: {where} holds a lone surrogate, "
                "which cannot be written"
            )
    unknown = [t for t in found.targets if t not in framework]
    if unknown:
        raise Refused(
            f"recommendation {found.id} targets {', '.join(unknown)}, not in {framework.ref}"
        )
    return found


def _validate(item: object) -> Recommendation:
    """`item` validated as exactly a `Recommendation`."""
    if isinstance(item, Recommendation):
        # What it holds, not what its class claims: `model_construct` and subclasses
        # are validated like a mapping (a flat model, so its fields are its data).
        data = dict(vars(item))
    elif isinstance(item, Mapping):
        data = dict(item)
    else:
        raise Refused(f"gave {type_name(item)}, not a Recommendation")
    try:
        return Recommendation.model_validate(data)
    except ValidationError as error:
        raise Refused(f"malformed recommendation: {_details(error)}") from None


def exporter(call: PluginCall, item: object) -> Exporter:
    """A fresh `Exporter` from what a plugin gave: a name `--format` can take, an extension
    with its leading dot (`txt` becomes `.txt`; none, or one with a path separator, is
    refused), a media type, and a callable `render`. Its text is made plain `str`: a
    subclass's own methods (`lower`, `__str__`) would run later, outside any guard. A field
    that raises when read (a subclass's property) is that exporter's problem, named."""
    if not issubclass(type(item), Exporter):  # `isinstance` would ask the item's `__class__`
        raise Refused(f"selfreview_exporters gave {type_name(item)}, not Exporter")
    assert isinstance(item, Exporter)
    if call.trusted:
        return item
    name = _field(item, "name", None)
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        shown = repr(str.__str__(name)) if isinstance(name, str) else _plain_repr(name)
        raise Refused(
            f"exporter name {shown} is not a name `--format` can take "
            "(letters, digits, `.`, `+`, `-`, `_`; no spaces)"
        )
    name = str.__str__(name)
    extension, media_type, render = (
        _field(item, field, name) for field in ("extension", "media_type", "render")
    )
    if not isinstance(extension, str):
        raise Refused(f"exporter {name}: its extension is {type_name(extension)}, not text")
    given = extension = str.__str__(extension)
    if extension and not extension.startswith("."):
        extension = f".{extension}"
    if not _EXTENSION.fullmatch(extension):
        raise Refused(
            f"exporter {name}: extension {given!r} cannot end a file name (give one such as "
            "`.txt`, without spaces or path separators)"
        )
    if not isinstance(media_type, str) or lone_surrogate(media_type) is not None:
        raise Refused(f"exporter {name}: its media type is not text")
    if not callable(render):
        raise Refused(f"exporter {name}: its render is {type_name(render)}, not callable")
    return Exporter(name, extension, str.__str__(media_type), render)


def _plain_repr(value: object) -> str:
    """`repr(value)` where it runs no plugin code (a number, None), else its type's name."""
    plain = type(value) in (int, float, bool, type(None))
    return repr(value) if plain else f"of type {type_name(value)}"


def _field(item: Exporter, field: str, name: str | None) -> object:
    """`item.field`, read: a subclass's property runs the plugin's code, which may raise
    anything (but a user's Ctrl-C): `Refused`, naming the exporter (when its name could be
    read) and the field, not the hook that gave it."""
    try:
        return getattr(item, field)
    except BaseException as error:  # SPEC 4: all but a user's Ctrl-C is a problem
        if isinstance(error, KeyboardInterrupt) and the_users():
            raise
        who = "an exporter" if name is None else f"exporter {name}"
        raise Refused(
            f"{who}: reading its {field.replace('_', ' ')} raised {describe(error)}; "
            "the exporter is left out"
        ) from None


def rendered(output: object) -> str | bytes:
    """What an exporter's `render` returned, if a file can hold it: `bytes`, or text that
    UTF-8 can encode. Raises `Refused` otherwise."""
    if isinstance(output, bytes):
        return bytes(output)
    if not isinstance(output, str):
        raise Refused(f"returned {type_name(output)}, not str or bytes")
    text = str.__str__(output)
    if not text.isascii() and _unencodable(text):
        position = next(i for i, c in enumerate(text) if _unencodable(c))
        raise Refused(
            f"returned text with a lone surrogate at character {position}, which cannot be written"
        )
    return text
