"""Migration laws over generated frameworks of either scale direction, generated versions of
them and generated migrations between those (SPEC 3: "so old judgements and evidence carry
over and can be compared")."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import (
    Assessment,
    Framework,
    Migration,
    MigrationError,
    compose,
    migrate,
)
from selfreview_core.testing import (
    assessments,
    frameworks,
    inverse_migration,
    migrations,
    moved_version,
    versions,
)

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow

Lookup = dict[str, Framework]
#: Each example draws two or three frameworks and migrations between them, the slowest
#: strategies there are: 40 examples in CI, ten times as many in a deep run.
examples = settings(max_examples=scaled(40))


def lookup(*found: Framework) -> Lookup:
    return {f.ref: f for f in found}


@st.composite
def next_version(draw: st.DrawFn, framework: Framework) -> tuple[Framework, Migration]:
    """A later version and a migration onto it: a plain move half the time (so that levels
    travel the whole chain), else any reshaping."""
    if draw(st.booleans()):
        return draw(moved_version(framework))
    new = draw(versions(framework))
    return new, draw(migrations(framework, new))


def pinned(assessment: Assessment, framework: Framework) -> Assessment:
    """The assessment naming its framework's version, as a migrated one does."""
    return assessment.model_copy(update={"framework": framework.ref})


@examples
@given(st.data())
def test_a_one_to_one_migration_and_back_is_the_identity(data: st.DataObject) -> None:
    """Migrating along a one-to-one mapping and back gives the review it started from."""
    old = data.draw(frameworks(), label="old")
    new, forth = data.draw(moved_version(old), label="new")
    review = pinned(data.draw(assessments(old), label="review"), old)
    known = lookup(old, new)
    there = migrate(review, forth, frameworks=known).assessment
    back = migrate(there, inverse_migration(forth), frameworks=known).assessment
    assert back == review
    assert there.review is None  # nothing split or merged: nothing left to judge


@examples
@given(st.data())
def test_a_split_or_merge_is_never_given_a_level(data: st.DataObject) -> None:
    """Only a strand that continues exactly one old strand is judged; every split or merged
    strand with anything behind it is left for review, even when the old levels agree."""
    old = data.draw(frameworks(), label="old")
    new = data.draw(versions(old), label="new")
    migration = data.draw(migrations(old, new), label="migration")
    review = data.draw(assessments(old), label="review")
    result = migrate(review, migration, frameworks=lookup(old, new)).assessment
    for strand in new.strand_ids:
        sources = migration.sources(strand)
        if migration.one_to_one(strand) is None:
            assert strand not in result.judgements
            judged = [s for s in sources if s in review.judgements]
            assert (strand in result.awaiting_review) == bool(judged)
            if strand in result.awaiting_review:
                reason = result.awaiting_review[strand].reason
                assert reason == ("merge" if len(sources) > 1 else "split")
    assert set(result.judgements) <= set(new.strand_ids)


@examples
@given(st.data())
def test_carried_levels_are_the_originals(data: st.DataObject) -> None:
    """A one-to-one strand gets the judgement of its old strand, level, evidence and date."""
    old = data.draw(frameworks(), label="old")
    new = data.draw(versions(old), label="new")
    migration = data.draw(migrations(old, new), label="migration")
    review = data.draw(assessments(old), label="review")
    result = migrate(review, migration, frameworks=lookup(old, new))
    for strand, judgement in result.assessment.judgements.items():
        source = migration.one_to_one(strand)
        assert source is not None
        assert judgement == review.judgements[source]
    for strand in new.strand_ids:
        source = migration.one_to_one(strand)
        if source is not None and source in review.judgements:
            assert result.assessment.judgements[strand] == review.judgements[source]
    # Every old judgement is accounted for: carried, left for review, or dropped and listed.
    dropped = {d.strand for d in result.dropped}
    assert dropped == {s for s in migration.retired if s in review.judgements}


@examples
@given(st.data())
def test_a_changed_scale_carries_no_level(data: st.DataObject) -> None:
    """A level is never guessed: when the scale changes, nothing comes across as judged."""
    old = data.draw(frameworks(), label="old")
    new = data.draw(versions(old, same_scale=False), label="new")
    assume((new.scale.best, new.scale.worst) != (old.scale.best, old.scale.worst))
    migration = data.draw(migrations(old, new), label="migration")
    review = data.draw(assessments(old), label="review")
    result = migrate(review, migration, frameworks=lookup(old, new)).assessment
    assert result.judgements == {}


@examples
@given(st.data())
def test_a_chain_of_two_equals_the_composed_migration(data: st.DataObject) -> None:
    """Applying two migrations one after the other gives what their composition gives (when
    one migration can say it: `compose` refuses otherwise)."""
    first = data.draw(frameworks(), label="v1")
    middle, one = data.draw(next_version(first), label="v2")
    last, two = data.draw(next_version(middle), label="v3")
    assume(len({first.version, middle.version, last.version}) == 3)
    review = data.draw(assessments(first), label="review")
    known = lookup(first, middle, last)
    try:
        composed = compose(one, two)
    except MigrationError:
        return  # split and merged back, or joined with a new strand: applied step by step
    step_by_step = migrate(review, [one, two], frameworks=known).assessment
    at_once = migrate(review, composed, frameworks=known).assessment
    assert at_once.judgements == step_by_step.judgements
    assert set(at_once.awaiting_review) == set(step_by_step.awaiting_review)
    assert at_once.framework == step_by_step.framework == last.ref


@examples
@given(st.data())
def test_composing_one_to_one_migrations_always_succeeds(data: st.DataObject) -> None:
    """Moves compose into a move: a chain of one-to-one migrations is never refused."""
    first = data.draw(frameworks(), label="v1")
    middle, one = data.draw(moved_version(first), label="v2")
    last, two = data.draw(moved_version(middle), label="v3")
    assume(first.version != last.version)
    composed = compose(one, two)
    assert all(composed.one_to_one(s) is not None for s in last.strand_ids)
    review = data.draw(assessments(first), label="review")
    known = lookup(first, middle, last)
    assert (
        migrate(review, composed, frameworks=known).assessment
        == migrate(review, [one, two], frameworks=known).assessment
    )


def test_the_strategies_make_valid_migrations() -> None:
    """The shipped strategies give migrations that pass the file checks against both ends."""

    @examples
    @given(st.data())
    def check(data: st.DataObject) -> None:
        from selfreview_core.model.migration_checks import check_migration

        old = data.draw(frameworks())
        new = data.draw(versions(old))
        migration: Migration = data.draw(migrations(old, new))
        check_migration(migration, lookup(old, new).get)

    check()
