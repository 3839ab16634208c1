"""Transforms for properties: the same framework and review with the scale written the other
way round (every result must mirror), a judgement moved towards the best, a one-to-one
migration undone."""

from __future__ import annotations

from ..model.assessment import Assessment
from ..model.conditions import AllOf, AnyOf, Condition, NotOf, Test
from ..model.framework import Aspect, Element, Framework, Strand
from ..model.migration import Migration
from ..model.scale import Scale

__all__ = [
    "improve",
    "inverse_migration",
    "mirror_assessment",
    "mirror_condition",
    "mirror_framework",
]


def mirror_framework(framework: Framework) -> Framework:
    """The same framework with its scale written the other way round.

    Best and worst swap (`Scale.mirrored`) and every strand's descriptors and questions
    move with their level (`l` becomes `best + worst - l`), so the best level is still the
    best and each descriptor and question keeps its meaning. Mirroring twice gives back an
    equal framework.
    """
    scale = framework.scale

    def strand(old: Strand) -> Strand:
        levels = {scale.mirror_level(level): text for level, text in old.levels.items()}
        questions = None
        if old.questions is not None:
            questions = tuple(
                q.model_copy(update={"level": scale.mirror_level(q.level)}) for q in old.questions
            )
        return Strand(id=old.id, title=old.title, levels=levels, questions=questions)

    elements = tuple(
        Element(
            id=element.id,
            title=element.title,
            aspects=tuple(
                Aspect(id=aspect.id, title=aspect.title, strands=tuple(map(strand, aspect.strands)))
                for aspect in element.aspects
            ),
        )
        for element in framework.elements
    )
    awards = tuple(
        award.model_copy(update={"require": mirror_condition(scale, award.require)})
        for award in framework.awards
    )
    data = framework.model_dump(exclude={"scale", "elements", "awards"})
    return Framework.model_validate(
        {**data, "scale": scale.mirrored(), "elements": elements, "awards": awards}
    )


def mirror_condition(scale: Scale, condition: Condition) -> Condition:
    """`condition` (on `scale`) rewritten for the mirrored scale: every level it names moves
    to `scale.mirror_level(level)`, so it holds for the mirrored school exactly when the
    original holds for the original school."""
    if isinstance(condition, Test):
        name, value = condition.operator
        if name == "level" and isinstance(value, tuple):
            return condition.model_copy(update={"level": tuple(map(scale.mirror_level, value))})
        if name in ("level", "below", "reached"):  # one level, kept one (not a tuple of one)
            return condition.model_copy(update={name: scale.mirror_level(value)})
        return condition
    if isinstance(condition, AllOf):
        return AllOf(all=tuple(mirror_condition(scale, c) for c in condition.all))
    if isinstance(condition, AnyOf):
        return AnyOf(any=tuple(mirror_condition(scale, c) for c in condition.any))
    return NotOf.model_validate({"not": mirror_condition(scale, condition.not_)})


def mirror_assessment(framework: Framework, assessment: Assessment) -> Assessment:
    """`assessment` (of `framework`) rewritten for `mirror_framework(framework)`.

    Every judged level `l` becomes `framework.scale.mirror_level(l)`; evidence, dates and
    the school stay as they were.
    """
    scale = framework.scale
    judgements = {
        strand_id: judgement
        if judgement.level is None  # answers and not applicable stay as they are
        else judgement.model_copy(update={"level": scale.mirror_level(judgement.level)})
        for strand_id, judgement in assessment.judgements.items()
    }
    return assessment.model_copy(update={"judgements": judgements})


def improve(
    framework: Framework, assessment: Assessment, strand_id: str, steps: int = 1
) -> Assessment:
    """`assessment` with the judged strand `strand_id` moved `steps` levels towards the best.

    Raises `ValueError` if the strand is not judged or the move would leave the scale.
    """
    judgement = assessment.judgements.get(strand_id)
    if judgement is None or judgement.level is None:
        raise ValueError(f"strand {strand_id!r} is not judged by level")
    scale = framework.scale
    rank = scale.rank(judgement.level) + steps
    if not 0 <= rank < scale.size:
        raise ValueError(f"cannot move level {judgement.level} by {steps} on {scale.describe()}")
    judgements = dict(assessment.judgements)
    judgements[strand_id] = judgement.model_copy(update={"level": scale.from_rank(rank)})
    return assessment.model_copy(update={"judgements": judgements})


def inverse_migration(migration: Migration) -> Migration:
    """The migration back, for one that maps each old strand to its own new strand and
    retires none (`ValueError` for any other)."""
    back = {news[0]: old for old, news in migration.strands.items() if len(news) == 1}
    if migration.retired or len(back) != len(migration.strands):  # a split, merge or retired
        raise ValueError(f"{migration.describe()} is not one-to-one: it has no inverse")
    return Migration.model_validate({"from": migration.to, "to": migration.from_, "strands": back})
