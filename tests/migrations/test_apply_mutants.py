"""Behaviours of `migrations.apply` that a mutation pass (round 39) found no test pinned:
how a not-applicable strand reads in a split's note, that a judgement without a level is
carried whatever the scales, that the result follows the new version's strand order, and
how an error names several strands a migration does not place."""

from __future__ import annotations

import datetime as dt

import pytest

from selfreview_core import (
    Assessment,
    Judgement,
    Migration,
    MigrationError,
    dump_yaml,
    migrate,
)
from selfreview_core.model.scale import Scale

from .test_migration import LOOKUP, ONE_TO_TWO, SCHOOL, V2, make

NOT_APPLICABLE = Judgement(applicable=False, evidence="No sixth form.")


def judged(framework: str, judgements: dict[str, Judgement]) -> Assessment:
    return Assessment(
        framework=framework, school=SCHOOL, assessed_on=dt.date(2026, 1, 5), judgements=judgements
    )


def test_a_split_of_a_not_applicable_strand_says_so_in_its_note() -> None:
    result = migrate(judged("small@1", {"a2": NOT_APPLICABLE}), ONE_TO_TWO, frameworks=LOOKUP)
    entry = result.assessment.awaiting_review["a2x"]
    assert entry.reason == "split"
    assert entry.note == (
        "`a2` (not applicable) of small@1 was split into `a2x`, `a2y`; judge `a2x` afresh."
    )
    assert entry.evidence == "No sixth form."
    assert {item.strand: dict(item.sources) for item in result.review} == {
        "a2x": {"a2": None},
        "a2y": {"a2": None},
    }


def test_a_not_applicable_strand_is_carried_even_when_the_scale_changes() -> None:
    """No level, so nothing a new scale could change the meaning of: it comes across whole,
    with both versions known (the scale changed) or only the new one."""
    upward = make("1", {"A": {"A1": ["a1"]}}, Scale(best=5, worst=1))
    downward = make("2", {"A": {"A1": ["a1"]}}, Scale(best=1, worst=5))
    step = Migration.model_validate({"from": "small@1", "to": "small@2", "strands": {"a1": "a1"}})
    old = judged("small@1", {"a1": NOT_APPLICABLE})
    for frameworks in ({upward.ref: upward, downward.ref: downward}, {downward.ref: downward}):
        result = migrate(old, step, frameworks=frameworks)
        assert result.assessment.judgements == {"a1": NOT_APPLICABLE}
        assert result.assessment.review is None
        assert result.carried == ("a1",)
        assert result.review == ()


def test_with_the_new_version_known_strands_come_in_its_order_not_the_files() -> None:
    """A migration file may map strands in any order; the migrated assessment (as written)
    and the strands left for review follow the new version's own order."""
    shuffled = Migration.model_validate(
        {
            "from": "small@1",
            "to": "small@2",
            "strands": {"b1": "b1", "b2": "m", "a3": "m", "a2": ["a2y", "a2x"], "a1": "a1"},
        }
    )
    old = judged(
        "small@1",
        {name: Judgement(level=level) for name, level in (("a1", 1), ("a2", 2), ("a3", 3))}
        | {"b1": Judgement(level=0)},
    )
    result = migrate(old, shuffled, frameworks={V2.ref: V2})
    assert result.carried == ("a1", "b1")
    assert list(result.assessment.judgements) == ["a1", "b1"]
    assert [item.strand for item in result.review] == ["a2x", "a2y", "m"]
    assert list(result.assessment.awaiting_review) == ["a2x", "a2y", "m"]
    written = dump_yaml(result.assessment)
    assert written.index("\n  a1:") < written.index("\n  b1:")
    assert written.index("\n  a2x:") < written.index("\n  a2y:") < written.index("\n  m:")
    # Without the new version, the file's own order is all there is.
    assert migrate(old, shuffled).carried == ("b1", "a1")


def test_strands_a_migration_does_not_place_are_all_named_in_the_assessments_order() -> None:
    """The same message every run (not in the order of a set, which changes from run to
    run), with the verb agreeing with how many there are."""
    partial = Migration.model_validate(
        {"from": "small@1", "to": "small@2", "strands": {"a1": "a1"}}
    )
    old = judged("small@1", {name: Judgement(level=1) for name in ("b2", "a1", "gone", "b1")})
    with pytest.raises(MigrationError) as raised:
        migrate(old, partial)
    assert raised.value.first.message == (
        "migration small@1 -> small@2 does not say where `b2`, `gone`, `b1` of small@1 go"
    )
    assert raised.value.first.code == "unmapped-strand"
    two = judged("small@1", {name: Judgement(level=1) for name in ("b2", "a1", "b1")})
    with pytest.raises(MigrationError) as raised:
        migrate(two, partial)
    assert raised.value.first.message == (
        "migration small@1 -> small@2 does not say where `b2`, `b1` of small@1 go"
    )
