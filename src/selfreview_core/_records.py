"""Immutable records of named fields, for classes made as every command starts.

What `@dataclass(frozen=True, slots=True)` gives (fields in `__slots__`, `==` and `hash` by
class and fields, the repr `Name(field=value, ...)`, `FrozenInstanceError` on setting or
deleting a field, `__match_args__`, copying and pickling), without the methods
`dataclasses` compiles from source for each class as it is made: about 3.4 M instructions
a class of three or four fields, each command paying it for every class it imports (round
74: the catalogue's four entries and `PluginInfo`, 16.9 M of the JSON Lines command's
start-up). Not `dataclasses.fields`, `replace` or `asdict`: a class any of them is used on
stays a dataclass.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any, ClassVar, Final

__all__ = ["Record"]

#: Sets a slot past the record's own `__setattr__`, which refuses every field.
_SET: Final = object.__setattr__


class Record:
    """A record whose fields are its class's `__slots__`, in order. A subclass writes
    `__slots__` and an `__init__` that gives every field to `_fill`, in that order."""

    __slots__: tuple[str, ...] = ()
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.__match_args__ = tuple(cls.__slots__)  # type: ignore[misc]  # set once, as made

    def _fill(self, *values: object) -> None:
        """Set the fields to `values`, in the order of `__slots__` (all of them)."""
        for name, value in zip(self.__slots__, values, strict=True):
            _SET(self, name, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[Any, ...]:
        return self._values()

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._fill(*state)
