"""Values worked out once for an object and kept while it lives, found by its identity.

Frameworks and assessments are frozen models, immutable all the way down, so what is
derived from one never changes; but pydantic hashes a frozen model by its fields (the whole
framework, descriptors and all, on every lookup) and finds two equal models the same key,
so a `WeakKeyDictionary` will not do. These tables key on `id()` and hold a weak reference
that drops the entry when the object goes, so that an id reused later finds nothing. A
table that must not be fooled by an object changed behind its back (`object.__setattr__`)
keeps what it derived from, as `model.assessment_checks._FITS` and `model.framework._CHECKED`
do.
"""

from __future__ import annotations

import weakref
from typing import Generic, TypeVar

__all__ = ["ByIdentity"]

K = TypeVar("K")
V = TypeVar("V")


class ByIdentity(Generic[K, V]):
    """A table from live objects (by identity) to values; an entry goes with its object."""

    __slots__ = ("__weakref__", "_entries")

    def __init__(self) -> None:
        self._entries: dict[int, tuple[weakref.ReferenceType[K], V]] = {}

    def get(self, key: K) -> V | None:
        entry = self._entries.get(id(key))
        if entry is not None and entry[0]() is key:
            return entry[1]
        return None

    def set(self, key: K, value: V) -> V:
        """Remember `value` for `key` while `key` lives; returns `value`."""
        table = weakref.ref(self)  # not `self`: no cycle through the callback
        number = id(key)

        def forget(_: object) -> None:
            alive = table()
            if alive is not None:
                alive._entries.pop(number, None)

        self._entries[number] = (weakref.ref(key, forget), value)
        return value

    def __len__(self) -> int:
        return len(self._entries)
