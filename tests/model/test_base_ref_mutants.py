"""`model.base.is_framework_ref`, a `TypeGuard[str]`: found by round 74's mutation pass over
round 73's lines, where its `strict=True` as False survived. Validated loosely, bytes of a
ref's form passed for one, and the readers that trust the guard (`split_ref`, the lookups)
failed on them with a `TypeError`."""

from __future__ import annotations

import pytest

from selfreview_core import Engine, Framework
from selfreview_core.model.base import is_framework_ref
from selfreview_core.model.migration_checks import migration_findings


@pytest.mark.parametrize("ref", [b"becta-srf@2010", bytearray(b"becta-srf"), b"becta-srf"])
def test_bytes_of_a_refs_form_are_not_a_framework_ref(ref: object) -> None:
    assert not is_framework_ref(ref)
    assert is_framework_ref(bytes(ref).decode())  # type: ignore[call-overload]


def test_a_migrations_data_naming_a_version_in_bytes_is_checked_as_any_other_non_ref() -> None:
    """A library caller's data, never a file's (YAML's `!!binary` is refused on loading):
    the version given as bytes is no ref, left to the model as a number there is, and only
    the other version is looked up."""
    engine = Engine(entry_points=False)
    asked: list[object] = []

    def resolve(ref: str) -> Framework | None:
        asked.append(ref)
        return engine.framework(ref)

    data = {"id": "m1", "from": b"becta-srf@2010", "to": "becta-srf@2010", "strands": {}}
    found = migration_findings(data, resolve)
    assert asked == ["becta-srf@2010"]
    assert found == migration_findings({**data, "from": 2010}, resolve)
