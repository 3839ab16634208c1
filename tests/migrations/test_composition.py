"""`compose` (migrations/composition.py): two migrations as one that does what the two do,
refused where one migration cannot say it or where the two do not meet. Moved from
test_migration.py in round 77; the frameworks and migrations it uses are there."""

from __future__ import annotations

import pytest

from selfreview_core import Migration, MigrationError, compose, migrate

from .test_migration import LOOKUP, ONE_TO_TWO, TWO_TO_THREE, V2, review


def test_compose_does_what_the_two_do() -> None:
    onwards = Migration.model_validate(
        {
            "from": "small@2",
            "to": "small@3",
            "strands": {"a1": "a1", "a2x": "a2", "a2y": "new", "m": "m", "b1": "b1", "new": "new"},
        }
    )
    composed = compose(ONE_TO_TWO, onwards)
    assert (composed.from_, composed.to) == ("small@1", "small@3")
    assert composed.strands == {
        "a1": ("a1",),
        "a2": ("a2", "new"),
        "a3": ("m",),
        "b2": ("m",),
        "b1": ("b1",),
    }
    assert composed.retired == ("gone",)
    old = review("small@1", {"a1": 1, "a2": 2, "a3": 3, "b1": 0, "gone": 1})
    step_by_step = migrate(old, [ONE_TO_TWO, onwards], frameworks=LOOKUP).assessment
    at_once = migrate(old, composed, frameworks=LOOKUP).assessment
    assert at_once.judgements == step_by_step.judgements
    assert set(at_once.awaiting_review) == set(step_by_step.awaiting_review) == {"a2", "new", "m"}


def test_compose_refuses_what_one_migration_cannot_say() -> None:
    """a2 was split into a2x and a2y, which were merged back into a2: composed, `a2: a2`
    would read as one-to-one and carry a level that the two steps never give."""
    with pytest.raises(MigrationError, match="`a2` -> `a2` would read as one-to-one"):
        compose(ONE_TO_TWO, TWO_TO_THREE)


def test_compose_refuses_migrations_that_do_not_meet() -> None:
    with pytest.raises(MigrationError, match="the first ends at small@2, the second starts at"):
        compose(ONE_TO_TWO, ONE_TO_TWO)
    back = Migration.model_validate(
        {"from": "small@2", "to": "small@1", "strands": {s: s for s in V2.strand_ids}}
    )
    with pytest.raises(MigrationError, match="lead back to small@1"):
        compose(ONE_TO_TWO, back)
