"""An assessment carried to another version of its framework with a catalogue's
migrations: to the version asked for (`migrate`, `selfreview migrate`), or to the version
of the framework a report is made with (`as_version`, a `previous` review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .catalogue import Catalogue, framework_named
from .migrations.versions import find_path, to_version
from .model.assessment import Assessment
from .model.framework import Framework

if TYPE_CHECKING:
    from .migrations.versions import Migrated

__all__ = ["as_version", "migrate"]


def migrate(catalogue: Catalogue, assessment: Assessment, to: str) -> Migrated:
    """`assessment` carried to the version `to` (`id@version`, or an id for its latest)
    along the shortest chain of `catalogue`'s migrations (`Engine.migrate`)."""
    from .migrations.apply import ForReview, Migrated
    from .migrations.apply import migrate as carried

    source = catalogue.framework(assessment.framework).ref
    target = framework_named(catalogue, to).ref  # an id alone: its latest version
    chain = find_path((e.migration for e in catalogue.migrations()), source, target)
    if chain:
        return carried(assessment, chain, frameworks=catalogue.framework_names())
    same = assessment.model_copy(update={"framework": target})
    waiting = tuple(
        ForReview(strand, entry.reason, {}, target, entry)
        for strand, entry in same.awaiting_review.items()
    )
    return Migrated(same, source, target, (), tuple(same.judgements), waiting, ())


def as_version(catalogue: Catalogue, assessment: Assessment, framework: Framework) -> Assessment:
    """`assessment` as of `framework`'s version: migrated there when it is of another
    version; as it is when it is of another framework (`check_assessment` says so)."""
    return to_version(
        assessment,
        framework,
        catalogue._known_migrations(),  # collected only if a chain is looked for
        frameworks=lambda ref: catalogue.framework_names().get(ref),
        resolve=catalogue.framework,
    )
