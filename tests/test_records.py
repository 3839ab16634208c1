"""Records (`_records.Record`) behave as the frozen, slotted dataclasses they replaced in
round 74 (the catalogue's entries, `PluginInfo`, `FolderFrameworks`): the same `==`,
`hash`, repr, refusals to set or delete a field, positional patterns, copies and pickles."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from selfreview_core._records import Record
from selfreview_core.cli._folder_frameworks import FolderFrameworks
from selfreview_core.plugins import PluginInfo
from selfreview_core.provided import ExporterEntry, FrameworkEntry, MigrationEntry, RulePackEntry

#: Each record class, the values of one instance and of another that differs in its last
#: field only (any value will do: a record checks no type).
_CASES: list[tuple[type[Record], tuple[Any, ...], tuple[Any, ...]]] = [
    (FrameworkEntry, ("becta", "given", None), ("becta", "given", "a.yaml")),
    (RulePackEntry, ("pack", "lea-support", "r.yaml"), ("pack", "lea-support", None)),
    (MigrationEntry, ("m", "given"), ("m", "given", "m.yaml")),
    (ExporterEntry, ("csv", "standard-exporters", None, True), ("csv", "standard-exporters")),
    (PluginInfo, ("p", "1.0", ("h",), "built-in"), ("p", "1.0", ("h",), "built-in", ("x",))),
    (FolderFrameworks, (("a.yaml",), ("f.yaml",)), (("a.yaml",), ("f.yaml",), (), ("r.yaml",))),
]


def _dataclass_of(record: type[Record]) -> type[Any]:
    """The frozen, slotted dataclass `record` was before round 74, defaults and all."""
    defaults: dict[str, Any] = {"path": None, "trusted": False, "serves": None}
    defaults |= {"frameworks": (), "broken": (), "rule_packs": ()}
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = [
        (name, Any, dataclasses.field(default=defaults[name])) if name in defaults else (name, Any)
        for name in record.__slots__
    ]
    return dataclasses.make_dataclass(record.__name__, fields, frozen=True, slots=True)


@pytest.mark.parametrize(
    ("record", "values", "other"), _CASES, ids=lambda c: getattr(c, "__name__", "")
)
def test_a_record_behaves_as_the_dataclass_it_was(
    record: type[Record], values: tuple[Any, ...], other: tuple[Any, ...]
) -> None:
    before = _dataclass_of(record)
    one, was = record(*values), before(*values)
    assert repr(one) == repr(was)
    assert repr(record(*other)) == repr(before(*other))
    assert one == record(*values)
    assert hash(one) == hash(record(*values)) == hash(was)
    assert one != record(*other)
    assert (one == record(*other)) is False
    assert one != was  # another class is not equal, as before
    assert one.__eq__(values) is NotImplemented
    assert len({one, record(*values), record(*other)}) == 2
    name = record.__slots__[0]
    said = []
    for instance in (one, was):
        with pytest.raises(dataclasses.FrozenInstanceError) as raised:
            setattr(instance, name, 1)
        said.append(str(raised.value))
        with pytest.raises(dataclasses.FrozenInstanceError) as raised:
            delattr(instance, name)
        said.append(str(raised.value))
    assert said[:2] == said[2:]
    assert getattr(one, name) == values[0]
    with pytest.raises(AttributeError):
        one.__dict__  # noqa: B018  # slots only, as before
    assert record.__match_args__ == before.__match_args__
    match one:
        case record(first):
            assert first == values[0]
        case _:
            pytest.fail("no positional pattern")
    for kept in (copy.copy(one), copy.deepcopy(one), pickle.loads(pickle.dumps(one))):
        assert kept == one
        assert repr(kept) == repr(one)
