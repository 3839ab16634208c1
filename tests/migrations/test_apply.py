"""`migrate` (migrations/apply.py): a review carried across one migration or a chain of them,
step by step: a level and its evidence carried one to one, none for a split, a merge or a
changed scale, retired strands dropped and listed, and what is left for review said. Moved
from test_migration.py in round 77; the frameworks and migrations it uses are there."""

from __future__ import annotations

import datetime as dt

import pytest

from selfreview_core import Judgement, Migration, MigrationError, migrate
from selfreview_core.model.scale import Scale

from .test_migration import LOOKUP, ONE_TO_TWO, TWO_TO_THREE, make, review


def test_one_to_one_carries_level_evidence_and_date() -> None:
    judged = Judgement(level=2, evidence="Shared at INSET.", judged_on=dt.date(2025, 12, 1))
    old = review("small@1", {}).model_copy(
        update={"judgements": {"a1": judged, "b1": Judgement(level=0)}}
    )
    result = migrate(old, ONE_TO_TWO, frameworks=LOOKUP)
    assert result.assessment.framework == "small@2"
    assert result.assessment.judgements == {"a1": judged, "b1": Judgement(level=0)}
    assert result.carried == ("a1", "b1")
    assert result.review == ()
    assert result.assessment.review is None
    assert (result.source, result.target, result.steps) == ("small@1", "small@2", (ONE_TO_TWO,))
    assert result.assessment.school == old.school


def test_a_split_gets_no_level_and_each_part_the_evidence() -> None:
    result = migrate(review("small@1", {"a2": (1, "A plan exists.")}), ONE_TO_TWO)
    assert result.assessment.judgements == {}
    assert set(result.assessment.awaiting_review) == {"a2x", "a2y"}
    entry = result.assessment.awaiting_review["a2y"]
    assert (entry.reason, entry.evidence) == ("split", "A plan exists.")
    assert "`a2` (level 1) of small@1 was split into `a2x`, `a2y`" in entry.note
    items = {item.strand: item for item in result.review}
    assert items["a2y"].sources == {"a2": 1}
    assert items["a2y"].framework == "small@1"


def test_a_merge_gets_no_level_even_when_the_old_levels_agree() -> None:
    old = review("small@1", {"a3": (2, "Lessons."), "b2": (2, "Homework.")})
    result = migrate(old, ONE_TO_TWO, frameworks=LOOKUP)
    assert "m" not in result.assessment.judgements
    entry = result.assessment.awaiting_review["m"]
    assert entry.reason == "merge"
    assert entry.evidence == "a3: Lessons.\nb2: Homework."
    assert entry.note.startswith("Merged from `a3` (level 2), `b2` (level 2) of small@1")
    [item] = result.review
    assert item.sources == {"a3": 2, "b2": 2}


def test_a_merge_carries_no_evidence_of_what_prints_as_nothing() -> None:
    """Evidence of a zero-width space is none, as blank evidence is (round 72): it was
    carried as `a3: ` followed by nothing to see."""
    old = review("small@1", {"a3": (2, "\u200b\u2060"), "b2": (2, "Homework.")})
    entry = migrate(old, ONE_TO_TWO, frameworks=LOOKUP).assessment.awaiting_review["m"]
    assert entry.evidence == "b2: Homework."
    old = review("small@1", {"a3": (2, "\u200b"), "b2": (2, " ")})
    assert (
        migrate(old, ONE_TO_TWO, frameworks=LOOKUP).assessment.awaiting_review["m"].evidence is None
    )


def test_a_merge_with_one_side_unjudged_is_still_for_review() -> None:
    result = migrate(review("small@1", {"b2": 3}), ONE_TO_TWO)
    entry = result.assessment.awaiting_review["m"]
    assert "`a3` (not judged), `b2` (level 3)" in entry.note
    assert entry.evidence is None


def test_retired_strands_are_dropped_and_listed() -> None:
    result = migrate(review("small@1", {"gone": (3, "Old paper records."), "a1": 1}), ONE_TO_TWO)
    assert result.assessment.judgements == {"a1": Judgement(level=1)}
    [dropped] = result.dropped
    assert (dropped.strand, dropped.framework, dropped.level) == ("gone", "small@1", 3)
    assert dropped.evidence == "Old paper records."


def test_a_level_the_new_scale_lacks_is_left_for_review() -> None:
    wider = make("2", {"A": {"A1": ["a1"]}}, Scale(best=3, worst=0))
    narrower = make("1", {"A": {"A1": ["a1"]}}, Scale(best=2, worst=0))
    up = Migration.model_validate({"from": "small@2", "to": "small@1", "strands": {"a1": "a1"}})
    old = review("small@2", {"a1": (3, "Embedded."), "b1": 1})
    old = old.model_copy(update={"judgements": {"a1": old.judgements["a1"]}})
    # Only the new version known: level 3 is off its scale.
    result = migrate(old, up, frameworks={narrower.ref: narrower})
    assert result.assessment.judgements == {}
    entry = result.assessment.awaiting_review["a1"]
    assert entry.reason == "scale"
    assert "level 3 is not on the scale 2 (best) .. 0 (worst)" in entry.note
    assert entry.evidence == "Embedded."
    # Both known: the scale itself changed, so no level comes across, not even level 1.
    both = {wider.ref: wider, narrower.ref: narrower}
    low = old.model_copy(update={"judgements": {"a1": Judgement(level=1)}})
    entry = migrate(low, up, frameworks=both).assessment.awaiting_review["a1"]
    assert "the scale changed from 3 (best) .. 0 (worst) to 2 (best) .. 0 (worst)" in entry.note


def test_a_changed_scale_carries_no_level_even_one_on_both() -> None:
    """Level 1 means something else once best and worst change: never guessed."""
    becta_like = make("2", {"A": {"A1": ["a1"]}}, Scale(best=1, worst=5))
    upward = make("1", {"A": {"A1": ["a1"]}}, Scale(best=5, worst=1))
    step = Migration.model_validate({"from": "small@1", "to": "small@2", "strands": {"a1": "a1"}})
    frameworks = {becta_like.ref: becta_like, upward.ref: upward}
    result = migrate(review("small@1", {"a1": 1}), step, frameworks=frameworks)
    assert result.assessment.judgements == {}
    assert "the scale changed" in result.assessment.awaiting_review["a1"].note


def test_a_judged_strand_the_migration_does_not_place_is_an_error() -> None:
    partial = Migration.model_validate(
        {"from": "small@1", "to": "small@2", "strands": {"a1": "a1"}}
    )
    with pytest.raises(MigrationError, match="does not say where `b1` of small@1 goes") as raised:
        migrate(review("small@1", {"a1": 1, "b1": 2}), partial)
    assert raised.value.first.code == "unmapped-strand"


def test_the_chain_must_start_at_the_assessments_version_and_join_up() -> None:
    with pytest.raises(MigrationError, match="is of small@2, but migration small-1-to-2"):
        migrate(review("small@2", {}), ONE_TO_TWO)
    with pytest.raises(MigrationError, match="ends at small@2, but the next"):
        migrate(review("small@1", {}), [ONE_TO_TWO, ONE_TO_TWO])
    with pytest.raises(MigrationError, match="no migration to apply"):
        migrate(review("small@1", {}), [])


def test_review_entries_travel_on_and_judged_ones_are_settled() -> None:
    first = migrate(review("small@1", {"a2": 1, "a1": 2}), ONE_TO_TWO).assessment
    # The school judges a2x since; a2y is still waiting.
    judged = {**first.judgements, "a2x": Judgement(level=3)}
    settled = first.model_copy(update={"judgements": judged})
    second = migrate(settled, TWO_TO_THREE, frameworks=LOOKUP)
    # a2x and a2y merge into a2: a2x's level is one side of it, a2y's waiting note the other.
    entry = second.assessment.awaiting_review["a2"]
    assert entry.reason == "merge"
    assert "`a2x` (level 3)" in entry.note
    assert "`a2y` (awaiting review: `a2` (level 1) of small@1 was split" in entry.note
    assert second.assessment.judgements == {"a1": Judgement(level=2)}


def test_a_review_entry_moves_with_a_one_to_one_strand() -> None:
    first = migrate(review("small@1", {"a3": 1, "b2": 2}), ONE_TO_TWO).assessment
    second = migrate(first, TWO_TO_THREE, frameworks=LOOKUP).assessment
    assert second.awaiting_review == first.awaiting_review  # m -> m: the note comes along


def test_a_chain_is_applied_step_by_step() -> None:
    old = review("small@1", {"a1": (2, "Vision."), "a3": 1, "b1": 0})
    result = migrate(old, [ONE_TO_TWO, TWO_TO_THREE], frameworks=LOOKUP)
    assert result.assessment.framework == "small@3"
    assert result.assessment.judgements == {
        "a1": Judgement(level=2, evidence="Vision."),
        "b1": Judgement(level=0),
    }
    assert set(result.assessment.awaiting_review) == {"m"}
