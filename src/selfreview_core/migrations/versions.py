"""What the engine needs of the migration code at start-up: `to_version`, an assessment as
of a framework's version (migrated there only when it is of another one), and `find_path`
(re-exported from `path`).

Apart from `apply` because the engine asks it for every report: an assessment already of
its framework's version, as every school of a batch usually is, needs none of the rest,
and a command reading assessments (`report`) starts without it: `apply`'s dataclasses and
the `Migration` model are imported on the first assessment of another version (or the
first migration loaded)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..errors import NoMigrationPathError, UnknownFrameworkError
from ..model.assessment import check_built
from .path import find_path

if TYPE_CHECKING:
    from ..model.assessment import Assessment
    from ..model.framework import Framework

    # For the engine's annotations too, as it imports this module rather than `apply`.
    from ..model.migration import Migration as Migration
    from .apply import Frameworks
    from .apply import Migrated as Migrated

__all__ = ["find_path", "to_version"]


def to_version(
    assessment: Assessment,
    framework: Framework,
    migrations: Iterable[Migration],
    *,
    frameworks: Frameworks = None,
    resolve: Callable[[str], Framework] | None = None,
) -> Assessment:
    """`assessment` as of `framework`'s version: as it is when it already is (or names no
    version), else carried along the shortest chain of `migrations`. One of another
    framework that no chain reaches is returned as it is, for the caller to refuse.

    Levels are checked against the scales of `frameworks` (by `id@version`; by default
    `framework` alone). With `resolve` (by id or `id@version`, raising
    `UnknownFrameworkError` for one not available, as `Engine.framework` does), the chain
    runs between the versions it finds for the assessment's framework and `framework`; one
    of another framework that it does not find is returned as it is too."""
    check_built(assessment)
    if assessment.framework_id == framework.id and assessment.framework_version in (
        None,
        framework.version,
    ):
        return assessment
    from .apply import migrate

    source, target = assessment.framework, framework.ref
    try:
        if resolve is not None:
            source, target = resolve(source).ref, resolve(target).ref
        chain = find_path(migrations, source, target)
    except (NoMigrationPathError, UnknownFrameworkError):
        if assessment.framework_id != framework.id:
            return assessment
        raise
    if frameworks is None:
        frameworks = {framework.ref: framework}
    return migrate(assessment, chain, frameworks=frameworks).assessment
