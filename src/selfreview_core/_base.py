"""Shared model configuration and the constrained string types used in every file kind."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ._hints import spend

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "Document",
    "FrameworkRef",
    "Id",
    "Level",
    "Model",
    "NamesFramework",
    "Text",
    "did_you_mean",
    "split_ref",
]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_text", "must not be empty")
    return value


#: An identifier: no whitespace, and no `@`, which separates a framework id from its version.
Id = Annotated[str, StringConstraints(min_length=1, pattern=r"^[^\s@]+$")]
_INTEGER = re.compile(r"^[-+]?[0-9]{1,18}$")


def _level_key(value: Any) -> Any:
    # JSON object keys are always strings, so `"5"` must mean level 5 there.
    return int(value) if isinstance(value, str) and _INTEGER.match(value) else value


#: A framework named by id, optionally with its version: `becta-srf@2010`.
FrameworkRef = Annotated[
    str,
    Field(
        pattern=r"^[^\s@]+(@[^\s@]+)?$",
        description="The framework's id, optionally with its version: `becta-srf@2010`.",
    ),
]
#: A level used as a mapping key: an integer, or its digits as text (JSON keys are strings).
Level = Annotated[StrictInt, BeforeValidator(_level_key)]
#: Human text that must say something (titles, descriptors, names).
Text = Annotated[
    str,
    AfterValidator(_not_blank),
    WithJsonSchema({"type": "string", "pattern": r"\S"}),  # editors flag blank text too
]


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidate, or None when nothing is close (or the document's
    budget for hints is spent: `_hints.hint_budget`)."""
    import difflib  # only on a mistake: not worth its import time at every start

    choices = list(candidates)
    if not spend(len(choices)):
        return None
    matches = difflib.get_close_matches(word, choices, n=5, cutoff=0.6)
    if not matches:
        return None
    # `1b9` is more likely a mistyped strand `1b1` than the aspect `1b`.
    same_length = [m for m in matches if len(m) == len(word)]
    return f"did you mean `{(same_length or matches)[0]}`?"


def split_ref(ref: str) -> tuple[str, str | None]:
    """`becta-srf@2010` -> (`becta-srf`, `2010`); `becta-srf` -> (`becta-srf`, None)."""
    framework_id, sep, version = ref.partition("@")
    return framework_id, (version if sep else None)


class Model(BaseModel):
    """Immutable and strict about keys: a misspelt key is an error, never silently dropped."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


class Document(Model):
    """A top-level file model, told apart from the others by its `kind`."""

    KIND: ClassVar[str]


class NamesFramework:
    """For documents that name their framework (`framework: id` or `id@version`)."""

    if TYPE_CHECKING:
        framework: str

    @property
    def framework_id(self) -> str:
        return split_ref(self.framework)[0]

    @property
    def framework_version(self) -> str | None:
        return split_ref(self.framework)[1]
