"""`migrations.versions.to_version`: an assessment as of a framework's version, taken as it
is when it already is (or names no version), else carried along a chain of migrations
between the versions the caller's lookup finds."""

from __future__ import annotations

from collections.abc import Callable

from selfreview_core import Framework, Migration
from selfreview_core.migrations.versions import to_version
from selfreview_core.model.scale import Scale

from .test_migration import ONE_TO_TWO, TWO_TO_THREE, V1, V3, make, review

#: A framework of another id, with V1's strands, that one migration carries to `small@3`.
OLD = Framework.model_validate({**V1.model_dump(), "id": "old"})
OLD_TO_THREE = Migration.model_validate(
    {"from": "old@1", "to": "small@3", "strands": {"a1": "a1", "a2": "a2", "a3": "m", "b1": "b1"}}
)


def lookup(*frameworks: Framework) -> Callable[[str], Framework]:
    """By id (the latest given) or `id@version`, as `Engine.framework` finds them."""
    found = {f.ref: f for f in frameworks} | {f.id: f for f in frameworks}
    return found.__getitem__


def test_an_assessment_naming_no_version_is_taken_as_it_is() -> None:
    """Of the framework's id with no version: as of the framework's version already, the
    very object (no chain looked for, none needed)."""
    school = review("small", {"a1": 1})
    assert school.framework_version is None
    assert to_version(school, V3, []) is school
    assert to_version(school, V3, [ONE_TO_TWO, TWO_TO_THREE], resolve=lookup(V1, V3)) is school


def test_the_chain_runs_between_the_versions_the_lookup_finds() -> None:
    """An assessment naming another framework by id alone: with `resolve`, carried from
    the version it finds (`old@1`) to the framework's; without, no chain starts at `old`
    and it is returned as it is, for the caller to refuse."""
    school = review("old", {"a1": 1, "a3": 2})
    moved = to_version(
        school,
        V3,
        [OLD_TO_THREE],
        frameworks={OLD.ref: OLD, V3.ref: V3},
        resolve=lookup(OLD, V3),
    )
    assert moved.framework == "small@3"
    assert {s: j.level for s, j in moved.judgements.items()} == {"a1": 1, "m": 2}
    assert to_version(school, V3, [OLD_TO_THREE]) is school


def test_levels_are_checked_against_the_scales_of_the_frameworks_given() -> None:
    """With `frameworks` naming the assessment's own version, a level on a scale that
    differs from the framework's is never carried (left for review); by default only the
    framework itself is known: a level is carried when its scale has it, else left for
    review."""
    upward = make("1", {"A": {"A1": ["a1"]}}, Scale(best=5, worst=1))
    other = Framework.model_validate({**upward.model_dump(), "id": "old"})
    step = Migration.model_validate({"from": "old@1", "to": "small@3", "strands": {"a1": "a1"}})
    school = review("old@1", {"a1": 1})
    given = to_version(school, V3, [step], frameworks={other.ref: other, V3.ref: V3})
    assert given.judgements == {}
    assert "the scale changed" in given.awaiting_review["a1"].note
    assert {s: j.level for s, j in to_version(school, V3, [step]).judgements.items()} == {"a1": 1}
    beyond = to_version(review("old@1", {"a1": 5}), V3, [step])
    assert beyond.judgements == {}
    assert beyond.awaiting_review["a1"].reason == "scale"
