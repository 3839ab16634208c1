"""The records every command imports (`errors.Record`: `Diagnostic`, `Spelled`, `Skipped`,
`provided`'s entries, `facts.Facts`) behave as the frozen, slotted dataclasses `dataclass`
would write, though their methods are written once instead of compiled at each start
(round 77): each is held here to a twin that `dataclass` makes."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from program import WAIT
from selfreview_core.cli._folder_frameworks import FolderFrameworks
from selfreview_core.errors import Diagnostic, Skipped, Spelled
from selfreview_core.exporters.base import Exporter
from selfreview_core.facts import Facts
from selfreview_core.model.findings import Finding
from selfreview_core.plugins import PluginInfo
from selfreview_core.provided import ExporterEntry, FrameworkEntry, MigrationEntry, RulePackEntry

RECORDS: list[type[Any]] = [
    Diagnostic,
    Spelled,
    Skipped,
    FrameworkEntry,
    RulePackEntry,
    MigrationEntry,
    ExporterEntry,
    Facts,
    Finding,
    Exporter,
    PluginInfo,
    FolderFrameworks,
]


def _twin(record: type[Any]) -> type[Any]:
    """`record` as `dataclass` writes it: the same fields, frozen and slotted."""
    made = [
        (f.name, f.type, dataclasses.field(default=f.default, compare=f.compare, repr=f.repr))
        for f in dataclasses.fields(record)
    ]
    return dataclasses.make_dataclass(record.__name__, made, frozen=True, slots=True)


_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(["", "a", "b"]))


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
def test_a_record_is_the_frozen_slotted_dataclass_it_declares(record: type[Any]) -> None:
    twin = _twin(record)
    assert dataclasses.is_dataclass(record)
    assert record.__match_args__ == twin.__match_args__  # type: ignore[attr-defined]
    assert record.__slots__ == twin.__slots__  # type: ignore[attr-defined]
    assert record.__dataclass_params__.frozen  # type: ignore[attr-defined]
    ours = [(f.name, f.default, f.compare, f.repr) for f in dataclasses.fields(record)]
    assert ours == [(f.name, f.default, f.compare, f.repr) for f in dataclasses.fields(twin)]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
@given(data=st.data())
def test_a_record_is_shown_compared_and_hashed_as_its_twin(
    record: type[Any], data: st.DataObject
) -> None:
    names = [f.name for f in dataclasses.fields(record)]
    twin = _twin(record)
    first, second = ({n: data.draw(_VALUES, label=n) for n in names} for _ in range(2))
    one, other = record(**first), record(**second)
    twin_one, twin_other = twin(**first), twin(**second)
    assert repr(one) == repr(twin_one)
    assert (one == other) is (twin_one == twin_other)
    assert (one != other) is (twin_one != twin_other)
    assert one == record(*first.values())
    assert hash(one) == hash(record(**first))
    assert one != twin_one  # another class, as for two dataclasses
    assert one.__eq__(first) is NotImplemented
    assert dataclasses.asdict(one) == dataclasses.asdict(twin_one)
    assert dataclasses.replace(one, **second) == other
    assert dataclasses.astuple(one) == tuple(first.values())
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(one, names[0], 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(one, names[-1])
    assert pickle.loads(pickle.dumps(one)) == one
    assert copy.copy(one) == one


#: The modules of `RECORDS`, each made again below with `dataclass` watched.
_MODULES = [
    *("errors", "provided", "facts", "model.findings", "exporters.base", "plugins"),
    "cli._folder_frameworks",
]


def test_only_the_frozen_methods_are_compiled_when_the_records_are_made() -> None:
    """`dataclass` compiles `__setattr__` and `__delattr__` of each (what makes it frozen);
    `__init__`, `__repr__`, `__eq__` and `__hash__` are the records' own."""
    mine = [f"selfreview_core.{name}" for name in _MODULES]
    run = (
        f"import dataclasses, sys, {', '.join(mine)}\n"  # what they import, made first
        f"for name in {mine}: del sys.modules[name]\n"
        "made = []\n"
        "create = dataclasses._create_fn\n"
        "def counted(name, *args, **kwargs):\n"
        "    made.append(name)\n"
        "    return create(name, *args, **kwargs)\n"
        "dataclasses._create_fn = counted\n"
        f"import {', '.join(mine)}\n"
        "print(' '.join(sorted(set(made))), len(made))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", run], capture_output=True, text=True, timeout=WAIT, check=True
    )
    assert done.stdout.split() == ["__delattr__", "__setattr__", str(2 * len(RECORDS))]
