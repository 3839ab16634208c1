"""What `selfreview_core.testing`'s migration strategies draw: other versions of a
framework, and migrations of every kind they name (moves, splits, merges, retirements, a
bijection), each valid between its two versions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Framework
from selfreview_core.model.migration import Migration
from selfreview_core.testing import frameworks, migrations, moved_version, versions
from testing.test_strategies import SCALES, first
from testing.test_strategies_draws import never

ALWAYS = settings(max_examples=scaled(30))


@pytest.fixture(autouse=True, scope="module")
def _found_before_drawing() -> None:
    """`old()` and `same_size()` found before the module's first test, outside any test's
    drawing: a hypothesis `find` run inside a `@given` test's drawing (through
    `st.deferred`) is reported as a failure it discovered, a patch file written and
    "git apply ... to add failing test cases" printed after a suite that passed."""
    same_size()


@cache
def old() -> Framework:
    """The framework whose versions are drawn: found when a test first asks (some seconds of
    drawing), not as the module is collected by every worker (round 82)."""
    return first(frameworks(scale=SCALES[0], max_strands=2), lambda f: len(f.strand_ids) >= 3)


@ALWAYS
@given(st.deferred(lambda: versions(old())))
def test_a_version_has_the_same_id_another_version_and_the_same_scale(new: Framework) -> None:
    assert new.id == old().id
    assert new.version != old().version
    assert new.scale == old().scale


def test_a_version_on_another_scale_is_drawn_when_asked() -> None:
    other = first(versions(old(), same_scale=False), lambda f: f.scale != old().scale)
    assert other.scale != old().scale


def _targets(migration: Migration) -> Counter[str]:
    return Counter(t for targets in migration.strands.values() for t in targets)


@ALWAYS
@given(st.data())
def test_a_migration_maps_or_retires_every_old_strand(data: st.DataObject) -> None:
    new = data.draw(versions(old()))
    migration = data.draw(migrations(old(), new))
    assert migration.from_ == old().ref
    assert migration.to == new.ref
    assert set(migration.strands) | set(migration.retired) == set(old().strand_ids)
    assert not set(migration.strands) & set(migration.retired)
    assert set(_targets(migration)) <= set(new.strand_ids)
    for targets in migration.strands.values():
        assert 1 <= len(targets) <= 3
        assert len(set(targets)) == len(targets)


@pytest.mark.parametrize(
    ("what", "wanted"),
    [
        ("a move", lambda m: any(len(t) == 1 for t in m.strands.values())),
        ("a split", lambda m: any(len(t) >= 2 for t in m.strands.values())),
        ("a split in three", lambda m: any(len(t) == 3 for t in m.strands.values())),
        ("a retirement", lambda m: bool(m.retired)),
        ("a merge", lambda m: any(n > 1 for n in _targets(m).values())),
        ("nothing retired", lambda m: not m.retired),
    ],
)
def test_migrations_of_every_kind_are_drawn(what: str, wanted: Callable[[Migration], bool]) -> None:
    new = first(versions(old(), max_strands=3), lambda f: len(f.strand_ids) >= 4)
    assert wanted(first(migrations(old(), new), wanted)), what


def test_a_strand_is_never_split_over_more_than_three() -> None:
    """However many strands the new version has: a property over splits (a plugin's
    carried evidence, the migration's report) meets splits in two and in three, no wider."""
    new = first(versions(old(), max_strands=3), lambda f: len(f.strand_ids) >= 6)
    never(migrations(old(), new), lambda m: any(len(t) > 3 for t in m.strands.values()))


def test_a_version_of_one_strand_is_only_moved_to_or_retired_from() -> None:
    one = first(versions(old(), max_elements=1, max_aspects=1, max_strands=1), lambda f: True)
    drawn = migrations(old(), one)
    assert first(drawn, lambda m: bool(m.retired)).retired
    found = first(drawn, lambda m: bool(m.strands))
    assert all(targets == tuple(one.strand_ids) for targets in found.strands.values())


@cache
def same_size() -> Framework:
    """A version with as many strands as `old()`, for one-to-one migrations (found once:
    drawn with a filter, most versions would be thrown away, which hypothesis rightly
    refuses)."""
    return first(versions(old()), lambda f: len(f.strand_ids) == len(old().strand_ids))


@ALWAYS
@given(st.deferred(lambda: migrations(old(), same_size(), one_to_one=True)))
def test_a_one_to_one_migration_is_a_bijection(migration: Migration) -> None:
    new = same_size()
    assert not migration.retired
    assert set(migration.strands) == set(old().strand_ids)
    assert sorted(t for (t,) in migration.strands.values()) == sorted(new.strand_ids)


def test_a_one_to_one_migration_between_versions_of_other_sizes_is_refused() -> None:
    new = first(versions(old()), lambda f: len(f.strand_ids) != len(old().strand_ids))
    with pytest.raises(ValueError, match="needs as many strands in each version"):
        first(migrations(old(), new, one_to_one=True), lambda m: True)


@ALWAYS
@given(st.deferred(lambda: moved_version(old())))
def test_a_moved_version_shuffles_the_strand_ids_and_keeps_the_rest(
    pair: tuple[Framework, Migration],
) -> None:
    new, migration = pair
    assert new.id == old().id
    assert new.version != old().version
    assert sorted(new.strand_ids) == sorted(old().strand_ids)
    assert not new.awards
    for old_strand in old().strands:
        (moved,) = migration.strands[old_strand.id]
        assert new.strand(moved).levels == old_strand.levels
        assert new.strand(moved).title == old_strand.title
    assert [s.id for s in new.strands] == [migration.strands[s][0] for s in old().strand_ids]


def test_a_moved_version_that_moves_a_strand_is_drawn() -> None:
    new, _ = first(moved_version(old()), lambda p: any(k != v[0] for k, v in p[1].strands.items()))
    assert new.strand_ids != old().strand_ids


def test_a_version_of_two_strands_is_split_into() -> None:
    two = first(
        versions(old(), max_elements=1, max_aspects=1, max_strands=2),
        lambda f: len(f.strand_ids) == 2,
    )
    found = first(migrations(old(), two), lambda m: any(len(t) == 2 for t in m.strands.values()))
    assert any(sorted(t) == sorted(two.strand_ids) for t in found.strands.values())
