"""The support list as `selfreview support` holds it: each school id once, and each list of
schools as their places in the cohort, 4 bytes a school.

SPEC section 8 promises a cohort of 1,000,000 schools "in well under 400 MB". `support`'s
list held every school id of every shortfall and every recommendation as Python text (some
60 to 100 bytes each, 17 recommendations and 6 shortfalls a school in Becta's cohort of
`bench.cohort`), then the whole output as one string: 2 GB at a million (round 60). Here:

- `SchoolIds`: the cohort's ids in cohort order (by id: `SupportEntries` numbers its
  entries so), all in one string with where each ends, some 15 bytes a school;
- `Listed`: the schools of one shortfall or recommendation, their places in it
  (`array('I')`), read as ids one at a time when an output is written, never all held;
- `Found`, `FoundShortfall`, `FoundAdvice`: `support.SupportList`, `Shortfall`, `Advice` with
  their schools so listed. `support.support` makes one, and gives the library its
  `SupportList` of tuples; the command writes it as it is (`support_views`, each format from
  either), a part at a time.

A place per school keeps the list in cohort order, which is the order of the ids (DuckDB
orders text by its bytes, which in UTF-8 is Python's order of code points) and so the order
`SupportList` gives (`sorted`).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from itertools import accumulate, islice
from typing import Final, TypeVar, overload

from .._names import Policy
from ..errors import cut
from ..escaping import shown_name

__all__ = [
    "DENSE",
    "Found",
    "FoundAdvice",
    "FoundShortfall",
    "Listed",
    "Members",
    "Places",
    "SchoolIds",
]


class SchoolIds:
    """The cohort's school ids, each entry's at its place: one string and where each id
    ends in it (an id may hold any character, so none can stand between them)."""

    __slots__ = ("_ends", "_text")

    def __init__(self, batches: Iterable[Sequence[str]]) -> None:
        """The ids in `batches` (as a cursor's `fetchmany` reads a few at a time), in order."""
        pieces: list[str] = []
        ends = array("Q")
        for batch in batches:
            start = ends[-1] if ends else 0
            ends.extend(islice(accumulate(map(len, batch), initial=start), 1, None))
            pieces.append("".join(batch))
        self._text = "".join(pieces)
        self._ends = ends

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, place: int) -> str:
        ends = self._ends
        return self._text[ends[place - 1] if place else 0 : ends[place]]


class Members:
    """The places of one list's schools (ascending, each once, however often added): an
    array of them while they are few, 4 bytes each; a bitmap of the cohort (a bit an
    entry) once more than one entry in `DENSE` is in it. Becta's cohort of `bench.cohort`
    lists about 17 recommendations a school, most of them for a fifth of the schools or
    more: 8 MB a million schools as bitmaps, where places took 70."""

    __slots__ = ("_bits", "_count", "_places", "_size")

    def __init__(self, size: int, places: Iterable[int] = ()) -> None:
        """Members of a cohort of `size` entries: `places`, to begin with."""
        self._size = size
        self._places = array("I")
        self._bits: bytearray | None = None
        self._count = 0
        for place in places:
            self.add(place)

    def add(self, place: int) -> None:
        """`place` a member (at or after the last added)."""
        bits = self._bits
        if bits is not None:
            byte, bit = place >> 3, 1 << (place & 7)
            if not bits[byte] & bit:
                bits[byte] |= bit
                self._count += 1
            return
        places = self._places
        if places and places[-1] == place:
            return
        places.append(place)
        self._count += 1
        if len(places) * DENSE > self._size:
            bits = self._bits = bytearray((self._size + 7) >> 3)
            for member in places:
                bits[member >> 3] |= 1 << (member & 7)
            self._places = array("I")

    def __len__(self) -> int:
        return self._count

    def __eq__(self, other: object) -> bool:
        """The same places, however held."""
        return isinstance(other, Members) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __iter__(self) -> Iterator[int]:
        bits = self._bits
        if bits is None:
            return iter(self._places)
        return _set(bits)


Made = TypeVar("Made")

#: A list is held as a bitmap once more than one entry of the cohort in this many is in it.
DENSE: Final = 32
#: The bits set in each byte, lowest first.
_BITS: Final = tuple(tuple(b for b in range(8) if byte >> b & 1) for byte in range(256))


def _set(bits: bytearray) -> Iterator[int]:
    """The places whose bits are set, ascending."""
    for at, byte in enumerate(bits):
        if byte:
            start = at << 3
            for bit in _BITS[byte]:
                yield start + bit


class Listed(Sequence[str]):
    """The ids of the schools that are `members` of `ids`, read one at a time: what a
    table's cell shows (the first few, and how many) and what a CSV's cell or JSON's list
    writes (every one) come from it without a string per school held."""

    __slots__ = ("_ids", "_members")

    def __init__(self, ids: SchoolIds, members: Members) -> None:
        self._ids = ids
        self._members = members

    def __len__(self) -> int:
        return len(self._members)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        """An id, or a list of them: from the start, read only as far as asked (the first
        few a table shows; the next `IDS_AT_ONCE` a JSON writes reads on with `iter`)."""
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step == 1:
                return list(islice(self, start, stop))
            return list(self)[index]
        if not -len(self) <= index < len(self):
            raise IndexError("Listed index out of range")
        return next(islice(self, index % len(self), None))

    def __iter__(self) -> Iterator[str]:
        return map(self._ids.__getitem__, self._members)


class Places:
    """The place of each school reported on, in cohort order (`report` keeps the order of
    the reviews, which is the cohort's): found by walking on from the last one found, so
    that a school's entries (two reviews of one date) are all at its first place."""

    __slots__ = ("ids", "place")

    def __init__(self, ids: SchoolIds) -> None:
        self.ids = ids
        self.place = 0

    def of(self, school_id: str) -> int:
        """`school_id`'s place, at or after the last found; a school not there was not
        reported on in the cohort's order (or is not in it): refused, naming it."""
        ids = self.ids
        for place in range(self.place, len(ids)):
            if ids[place] == school_id:
                self.place = place
                return place
        raise ValueError(  # the id as every message shows one: cut, and escaped
            f"school {shown_name(cut(school_id))} was reported on out of the cohort's order, "
            "or is not in it"
        )


@dataclass(frozen=True, slots=True)
class FoundShortfall:
    """`support.Shortfall`, its schools `Listed`."""

    kind: str
    id: str
    title: str
    judged: int
    schools: Listed

    @property
    def count(self) -> int:
        return len(self.schools)


@dataclass(frozen=True, slots=True)
class FoundAdvice:
    """`support.Advice`, its schools `Listed`."""

    id: str
    title: str
    action: str
    priority: str
    audience: str
    source: str
    targets: tuple[str, ...]
    schools: Listed

    @property
    def count(self) -> int:
        return len(self.schools)


@dataclass(frozen=True, slots=True)
class Found:
    """`support.SupportList`, its schools `Listed` (see the module's notes)."""

    framework: str
    policy: Policy
    reached: int
    reached_from: str
    size: int
    needing: int
    shortfalls: tuple[FoundShortfall, ...]
    recommendations: tuple[FoundAdvice, ...]
    problems: tuple[str, ...]


def copied(kind: Callable[..., Made], source: object, **given: object) -> Made:
    """A `kind` (a model, or one of the dataclasses here) of `source`'s values of its fields,
    but those `given`: `support.SupportList` of a `Found`, a `FoundAdvice` of a
    recommendation, each field named once (in its class)."""
    model_fields: dict[str, object] | None = getattr(kind, "model_fields", None)
    names = model_fields if model_fields is not None else [f.name for f in fields(kind)]  # type: ignore[arg-type]
    taken = {name: getattr(source, name) for name in names if name not in given}
    return kind(**taken, **given)
