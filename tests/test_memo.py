"""`_memo.ByIdentity`: values kept for an object while it lives, found by identity only."""

from __future__ import annotations

import gc

from selfreview_core import Framework
from selfreview_core._memo import ByIdentity


class Thing:
    """Anything weakly referable; frozen models such as `Framework` are too."""


def test_a_value_is_found_for_its_object_only() -> None:
    table: ByIdentity[Thing, str] = ByIdentity()
    one, two = Thing(), Thing()
    assert table.set(one, "one") == "one"
    assert table.get(one) == "one"
    assert table.get(two) is None


def test_an_entry_goes_with_its_object_and_a_reused_id_finds_nothing() -> None:
    table: ByIdentity[Thing, str] = ByIdentity()
    thing = Thing()
    table.set(thing, "kept")
    del thing
    gc.collect()
    assert len(table) == 0
    again = [Thing() for _ in range(100)]  # one may well reuse the id
    assert all(table.get(t) is None for t in again)


def test_equal_models_are_told_apart(small_framework: Framework) -> None:
    """Pydantic finds two equal frozen models equal; a table by identity does not."""
    copy = small_framework.model_copy()
    table: ByIdentity[Framework, int] = ByIdentity()
    table.set(small_framework, 1)
    assert copy == small_framework
    assert table.get(copy) is None
    assert table.get(small_framework) == 1
