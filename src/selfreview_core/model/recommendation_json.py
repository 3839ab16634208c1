"""A recommendation's JSON, exactly as pydantic writes it (`model_dump_json(by_alias=True)`),
made from a frame written once for every school that is given the same advice.

A JSON Lines batch writes, for nearly every school, one or two recommendations made for it
alone: lea-support's advice, copied by `Recommendation.with_reasons` with the school's own
`targets` and `rationale` (`OWN`), every other value the template's. Pydantic serialises
each whole, about 26,000 instructions for 1.5 kB, most of them on the long texts every copy
shares (the seeds' words: title, action, reference). Here the copy's JSON is the frame
(pydantic's JSON of the recommendation with empty `targets` and `rationale`, kept by the
shared values, `_FRAMES`) with pydantic's JSON of the two values in their places, by
pydantic's own string and tuple-of-strings serializers: about 13,000 instructions.

Sure by construction: the frame is pydantic's own dump, cut where the two empty values
stand (a key is found by its quotes, which no string inside JSON holds unescaped, led by
`{` or `,`: never inside a string); the fields are the model's (`shared_fields`), so a
serializer of its own, or a field of `OWN` gone or moved, turns the shortcut off. The
shared values are strings, None or tuples of strings (equal ones write the same JSON), and
the two values exactly a tuple and a string, else pydantic writes the whole, as before.
tests/model/test_recommendation_json.py compares the two over generated recommendations.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Final

from pydantic_core import SchemaSerializer, core_schema

from .recommendation import Recommendation

__all__ = ["OWN", "recommendation_json", "shared_fields"]

#: The values `Recommendation.with_reasons` gives each school's copy of a piece of advice,
#: in model order: the rest are the template's own objects.
OWN: Final = ("targets", "rationale")

_STRING: Final = SchemaSerializer(core_schema.str_schema())
_STRINGS: Final = SchemaSerializer(
    core_schema.tuple_schema([core_schema.str_schema()], variadic_item_index=0)
)


def shared_fields() -> tuple[str, ...] | None:
    """The fields other than `OWN`, in model order; None when the shortcut cannot hold:
    a field of `OWN` missing or out of order, or the model has a serializer of its own."""
    decorators = Recommendation.__pydantic_decorators__
    names = tuple(Recommendation.model_fields)
    if decorators.field_serializers or decorators.model_serializers:
        return None
    if tuple(name for name in names if name in OWN) != OWN:
        return None
    return tuple(name for name in names if name not in OWN)


#: `itemgetter` of `shared_fields()`, made on first use (empty: not yet; None: the shortcut
#: is off).
_SHARED: list[itemgetter[tuple[object, ...]] | None] = []


#: Frames by their shared values (each a string, None or a tuple of strings, whose equals
#: write the same JSON), None for values met once: a frame costs two of pydantic's dumps,
#: and advice met once (each level's next step, the first time) is not framed. Started
#: again when full.
_FRAMES: dict[tuple[object, ...], tuple[bytes, bytes, bytes] | None] = {}
_ONLY_PLAIN: Final = frozenset({str, tuple, type(None)})
_ONLY_STR: Final = frozenset({str})
_MAX_FRAMES: Final = 1024
_TARGETS: Final = b'"targets":[]'
_RATIONALE: Final = b'"rationale":""'


def recommendation_json(rec: Recommendation) -> bytes:
    """Exactly `rec.__pydantic_serializer__.to_json(rec, by_alias=True)`: its frame (the
    JSON of the values it shares with the advice it was made from, kept) around pydantic's
    JSON of its own `targets` and `rationale`, when those are exactly a tuple of strings
    and a string; else pydantic's whole dump."""
    if not _SHARED:
        shared = shared_fields()
        _SHARED.append(None if shared is None else itemgetter(*shared))
    shared_of = _SHARED[0]
    if shared_of is None or type(rec) is not Recommendation:
        return _whole(rec)
    fields = rec.__dict__
    try:
        targets, rationale = fields["targets"], fields["rationale"]
        values = shared_of(fields)
    except KeyError:  # a field missing (a model built without validation)
        return _whole(rec)
    if type(targets) is not tuple or type(rationale) is not str:
        return _whole(rec)
    try:
        frame = _FRAMES.get(values)
    except TypeError:  # a value no frame can be kept by (a list, put behind pydantic's back)
        return _whole(rec)
    if frame is None:
        if values not in _FRAMES:  # met first: written whole, framed if met again
            _kept(values, None)
            return _whole(rec)
        frame = _framed(rec, values)
        if frame is None:
            return _whole(rec)
    head, middle, tail = frame
    return b"".join((head, _STRINGS.to_json(targets), middle, _STRING.to_json(rationale), tail))


def _framed(rec: Recommendation, values: tuple[object, ...]) -> tuple[bytes, bytes, bytes] | None:
    """`rec`'s frame: its JSON with empty `targets` and `rationale` (pydantic's own), cut
    where the two go; kept. None if a shared value is not a string, None or a tuple of
    strings, or the JSON does not hold the two keys once each, in order."""
    empty = rec.model_copy(update={"targets": (), "rationale": ""})
    data = _whole(empty)
    targets, rationale = data.find(_TARGETS), data.find(_RATIONALE)
    if not _ONLY_PLAIN.issuperset(map(type, values)) or not all(
        _ONLY_STR.issuperset(map(type, value)) for value in values if type(value) is tuple
    ):
        return None
    if not 0 < targets < rationale or data.count(_TARGETS) + data.count(_RATIONALE) != 2:
        return None
    if data[targets - 1] not in b"{," or data[rationale - 1] not in b"{,":
        return None
    middle = targets + len(_TARGETS) - 2
    end = rationale + len(_RATIONALE) - 2
    frame = (data[:middle], data[middle + 2 : end], data[end + 2 :])
    _kept(values, frame)
    return frame


def _kept(values: tuple[object, ...], frame: tuple[bytes, bytes, bytes] | None) -> None:
    if len(_FRAMES) >= _MAX_FRAMES:
        _FRAMES.clear()
    _FRAMES[values] = frame


def _whole(rec: Recommendation) -> bytes:
    data: bytes = rec.__pydantic_serializer__.to_json(rec, by_alias=True)
    return data
