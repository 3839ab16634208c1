"""Read-only mappings for model fields, so that a model is immutable all the way down.

Pydantic's `frozen=True` stops `model.field = x`, but a `dict` field stays a `dict`: a
plugin given an assessment could write `assessment.judgements["1a1"] = ...` and every other
plugin, the report and the next school's report would see it. Every mapping field of every
model is a `FrozenDict` instead (and every sequence a tuple).

`FrozenDict` is a `dict` subclass, so reading it costs what reading a dict costs (scoring and
reports read these on every school), JSON encoders and `isinstance(x, dict)` take it as it
is, and the only copy is the one the field's validator makes anyway. Its mutating methods
raise `TypeError`. mypy sees a `Mapping`: code that wants to change one builds a new dict.
Validated as a dict of the given key and value types and dumped as a plain dict, so JSON
Schemas and every dump are exactly those of a `dict` field.

What it cannot stop is Python's own back doors (`dict.__setitem__(frozen, k, v)`,
`object.__setattr__`, `gc`): those are deliberate, and the checks that must not be
bypassed (`check_assessment`) look at the data again instead of trusting identity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, get_args

from pydantic_core import core_schema

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler

__all__ = ["FrozenDict", "freeze", "frozen_value"]

K = TypeVar("K")
V_co = TypeVar("V_co", covariant=True)

_new = dict.__new__
_fill = dict.update


class _ReadOnlyDict(dict[Any, Any]):
    """The runtime class of `FrozenDict` (named so where it shows)."""

    __slots__ = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> _ReadOnlyDict:
        # Filled here, not in `__init__`: `frozen.__init__(other)` must not refill it.
        self = _new(cls)
        _fill(self, *args, **kwargs)
        return self

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError(
            f"{type(self).__name__} is read-only: build a new dict (`dict(mapping)`) to change it"
        )

    __setitem__ = __delitem__ = _refuse
    update = pop = popitem = clear = setdefault = _refuse
    __ior__ = _refuse

    @classmethod
    def fromkeys(cls, iterable: Iterable[Any], value: Any = None, /) -> _ReadOnlyDict:
        return cls(dict.fromkeys(iterable, value))

    def __hash__(self) -> int:  # type: ignore[override]  # dict sets it to None
        return hash(frozenset(self.items()))

    def __copy__(self) -> _ReadOnlyDict:
        return self  # immutable: a copy would be the same in every way

    def __reduce__(self) -> tuple[Callable[..., _ReadOnlyDict], tuple[dict[Any, Any]]]:
        # Pickle and `deepcopy` would otherwise fill an empty one item by item.
        return type(self), (dict(self),)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Validate as `dict[K, V]` (same errors, same JSON Schema), then wrap; dump the
        plain dict that the inner schema dumps."""
        key, value = get_args(source) or (Any, Any)
        return core_schema.no_info_after_validator_function(
            freeze,
            handler.generate_schema(dict[key, value]),  # type: ignore[valid-type]
        )


_ReadOnlyDict.__name__ = _ReadOnlyDict.__qualname__ = "FrozenDict"


def freeze(mapping: Mapping[K, V_co]) -> FrozenDict[K, V_co]:
    """`mapping` as a `FrozenDict`: a dict is copied once, a `FrozenDict` is returned as it is."""
    if type(mapping) is _ReadOnlyDict:
        return mapping  # type: ignore[return-value]  # it is one: mypy knows it as a Mapping
    frozen = _new(_ReadOnlyDict)
    _fill(frozen, mapping)
    return frozen  # type: ignore[return-value]  # the runtime class of `FrozenDict`


def frozen_value(value: Any) -> Any:
    """`value` with every dict in it a `FrozenDict` and every list a tuple (for values that
    reach a model without validation: `model_copy(update=...)`). Values already frozen, and
    models (immutable themselves), are returned as they are."""
    kind = type(value)
    if kind is dict:
        return freeze({k: frozen_value(v) for k, v in value.items()})
    if kind is list:
        return tuple(frozen_value(v) for v in value)
    return value


if TYPE_CHECKING:

    class FrozenDict(Mapping[K, V_co]):
        """A read-only dict (what mypy sees: the runtime class is a `dict` subclass)."""

        def __init__(
            self, items: Mapping[K, V_co] | Iterable[tuple[K, V_co]] = ..., /, **kwargs: V_co
        ) -> None: ...
        def __getitem__(self, key: K, /) -> V_co: ...
        def __iter__(self) -> Iterator[K]: ...
        def __len__(self) -> int: ...
        def __hash__(self) -> int: ...
        # Equal to a dict with the same items: declared so that mypy's strict equality
        # lets `profile.strands == {...}` be written.
        def __eq__(self, other: object, /) -> bool: ...

else:
    FrozenDict = _ReadOnlyDict
