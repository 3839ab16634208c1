"""The hooks plugins implement. All are optional; an implementation may take a subset
of the arguments (pluggy matches them by name)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

from ._names import PROJECT

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    from .exporters.base import Exporter
    from .model.assessment import Assessment
    from .model.framework import Framework
    from .model.migration import Migration
    from .model.recommendation import Recommendation
    from .model.rules import RulePack
    from .scoring.profiles import Profile

__all__ = ["PROJECT", "hookimpl", "hookspec"]

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def selfreview_frameworks() -> Iterable[str | os.PathLike[str] | Framework]:
    """Frameworks this plugin provides.

    :return: paths of framework files (YAML or JSON), or `Framework` objects. A file that
        does not load is reported as a problem of this plugin; other frameworks still load.
    """
    raise NotImplementedError  # pragma: no cover - a specification, never called


@hookspec
def selfreview_rule_packs() -> Iterable[str | os.PathLike[str] | RulePack]:
    """Rule packs this plugin provides.

    :return: paths of rule-pack files (`kind: rules`), or `RulePack` objects. Each pack is
        checked against its framework; one that does not fit is reported as a problem.
        Recommendations from a pack name the pack's id as their source.
    """
    raise NotImplementedError  # pragma: no cover


@hookspec
def selfreview_recommend(
    framework: Framework,
    assessment: Assessment,
    profile: Profile,
    previous: Assessment | None,
) -> Iterable[Recommendation]:
    """Recommendations for one school.

    :param framework: the framework the assessment is of.
    :param assessment: the school's judgements, already checked against the framework.
    :param profile: the assessment scored (levels per strand, aspect, element, overall).
    :param previous: the school's earlier review, when one is given; else None.
    :return: `Recommendation` objects (mappings with the same keys are accepted). The
        engine sets `source` to this plugin's name; anything malformed (a model built with
        `model_construct` that breaks its rules, text with a lone surrogate, a target not in
        the framework) is reported as a problem of this plugin and the rest of its
        recommendations are kept.
    """
    raise NotImplementedError  # pragma: no cover


@hookspec
def selfreview_exporters() -> Iterable[Exporter]:
    """Output formats this plugin provides.

    :return: `Exporter(name, extension, media_type, render)` objects; `render(report)`
        returns str or bytes (text UTF-8 can encode). `name` is what `--format` takes (no
        spaces); `extension` is what `-o` and batch file names use: `txt` becomes `.txt`,
        and none, or one with a path separator, is refused as a problem of this plugin. A
        later plugin cannot replace a name already taken.
    """
    raise NotImplementedError  # pragma: no cover


@hookspec
def selfreview_migrations() -> Iterable[str | os.PathLike[str] | Migration]:
    """Migrations between framework versions this plugin provides.

    :return: paths of migration files (`kind: migration`), or `Migration` objects. Each is
        checked against its two versions, which must be available; one that does not fit
        is reported as a problem of this plugin. The caller's own migrations come first.
    """
    raise NotImplementedError  # pragma: no cover
