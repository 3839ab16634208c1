"""A caller's own model, built without validation, checked before the library uses it.

`model_construct` and `model_copy(update=...)` give objects pydantic never validated: a
framework without an id, a rule pack whose rules are dicts. Given to the library (to
`Engine`, or as the framework a file is loaded against) each raised `AttributeError` or
`TypeError` from deep inside it, or went on with a value of the wrong type. `given` refuses
such an object as bad input, `InvalidDocument` at each field's path (SPEC section 6)."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import Diagnostic, InvalidDocument, format_path
from .findings import a_or_an
from .framework import Framework
from .id_form import in_words

__all__ = ["given"]

M = TypeVar("M", bound=BaseModel)


def given(item: M, what: str) -> M:
    """`item` itself when it is what validation makes of its fields, else as validation
    makes it; `InvalidDocument` where validation refuses it."""
    if isinstance(item, Framework) and item.is_checked():
        return item  # validated, and no field swapped since: the common case, free
    try:
        data = item.model_dump(by_alias=True, round_trip=True, warnings=False)
        checked = type(item).model_validate(data)  # a caller's subclass, by its own rules
    except ValidationError as error:
        raise InvalidDocument([_unvalidated(e, what) for e in error.errors()]) from None
    except Exception as error:  # a field no dump can read
        message = f"{a_or_an(what)} that cannot be read: {type(error).__name__}: {error}"
        raise InvalidDocument([Diagnostic(f"{message} (built without validation?)")]) from None
    if item.__dict__ != checked.__dict__:
        return checked  # valid, but not as built (a list where validation makes a tuple)
    if isinstance(item, Framework) and isinstance(checked, Framework):
        item.checked_as(checked)  # the next document loaded against it: the free case
    return item


def _unvalidated(error: ErrorDetails, what: str) -> Diagnostic:
    """One field validation refuses, as loading words it: a missing key at the mapping
    that lacks it."""
    loc, message = error["loc"], in_words(error)
    if error["type"] == "missing":
        loc, message = loc[:-1], f"missing required key `{loc[-1]}`"
    message = f"{message} (in {a_or_an(what)} built without validation?)"
    return Diagnostic(message, path=format_path(loc), code="malformed")
