"""Carrying an assessment to another framework version through one or more migrations.

The rules, step by step along the chain:

- **one-to-one** (an old strand continues as exactly one new strand, which nothing else maps
  to): the judgement comes across whole, level, evidence and date;
- **split** (one old strand becomes several) and **merge** (several become one): the new
  strand gets no level, even when the old levels agree; it gets a `review` entry with the
  old levels and the evidence (for a merge, each part headed by its old strand's id);
- **scale**: a one-to-one level the new version's scale cannot take as it is (the scale
  changed, or the level is not on it) is left for review too;
- **retired** strands' judgements are dropped, and listed.

Nothing is ever guessed: a level in the result is always a level the school gave.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from .._frozen import freeze
from ..errors import MigrationError
from ..model.assessment import Assessment, Judgement
from ..model.assessment_checks import answer_findings, check_assessment
from ..model.base import split_ref
from ..model.framework import Framework
from ..model.migration import Migration
from ..model.review import Reason, Review
from ..model.unseen import says_something

__all__ = ["Dropped", "ForReview", "Migrated", "migrate"]

#: A framework by `id@version` (exactly) or None: a mapping, a callable, or nothing.
Frameworks = Mapping[str, Framework] | Callable[[str], Framework | None] | None


@dataclass(frozen=True, slots=True)
class ForReview:
    """A new strand left for the school to judge, and why (see `Review`)."""

    strand: str
    reason: Reason
    #: The old strands it comes from and their levels (None: not judged there); read-only.
    sources: Mapping[str, int | None]
    #: The version `sources` are strands of.
    framework: str
    review: Review

    def __post_init__(self) -> None:
        # Frozen all the way down, like the models: whoever receives it cannot change it.
        object.__setattr__(self, "sources", freeze(self.sources))


@dataclass(frozen=True, slots=True)
class Dropped:
    """A judged (or awaiting-review) strand of a retired old strand: nothing carries it."""

    strand: str
    framework: str
    level: int | None
    evidence: str | None


@dataclass(frozen=True, slots=True)
class Migrated:
    """The assessment carried to `target`, and what happened on the way."""

    assessment: Assessment
    source: str
    target: str
    steps: tuple[Migration, ...]
    #: Strands of the final version judged: each continues one judged old strand one-to-one
    #: (level, evidence and date as the school gave them).
    carried: tuple[str, ...]
    #: Strands of the final version left for review, last step's reasons.
    review: tuple[ForReview, ...]
    dropped: tuple[Dropped, ...]


def _find(frameworks: Frameworks, ref: str) -> Framework | None:
    if frameworks is None:
        return None
    found = frameworks.get(ref) if isinstance(frameworks, Mapping) else frameworks(ref)
    return found if found is not None and found.ref == ref else None


def _level(judgement: Judgement | None) -> str:
    if judgement is None:
        return "not judged"
    if not judgement.is_applicable:
        return "not applicable"
    return "answered" if judgement.level is None else f"level {judgement.level}"


def _scale_problem(level: int, old: Framework | None, new: Framework | None) -> str | None:
    """Why `level` cannot come across as it is, or None when it can."""
    if new is None:
        return None
    scale = new.scale
    if old is not None and (old.scale.best, old.scale.worst) != (scale.best, scale.worst):
        return (
            f"the scale changed from {old.scale.describe()} to {scale.describe()}, so level "
            f"{level} may not mean what it did"
        )
    if level not in scale:
        return f"level {level} is not on the scale {scale.describe()}"
    return None


def _answers_problem(strand_id: str, judgement: Judgement, new: Framework | None) -> str | None:
    """Why a judgement's answers cannot come across to `strand_id` of the new version (it has
    no questions, not these, or they lead there to another level than the one given), or
    None: carried answers are checked against the new version's questions, never dropped
    in silence nor refused at the end as the whole migration."""
    if new is None or not judgement.answers or strand_id not in new.strand_ids:
        return None
    strand = new.strand(strand_id)
    findings = answer_findings(new, (), strand, judgement.answers, judgement.level)
    return findings[0].message.rstrip(".") if findings else None


@dataclass(slots=True)
class _State:
    """Judgements and review entries of one version, as the chain goes along."""

    ref: str
    judgements: dict[str, Judgement]
    review: dict[str, Review]


def _evidence(parts: list[tuple[str, str | None]], prefix: bool) -> str | None:
    # Evidence of only what prints as nothing (a zero-width space) is none, as blank
    # evidence is (`says_something`, round 72): not carried as `a3: ` and nothing to see.
    texts = [(old, text) for old, text in parts if text and says_something(text)]
    if not texts:
        return None
    if not prefix:
        return "\n".join(text for _, text in texts)
    return "\n".join(f"{old}: {text}" for old, text in texts)


def _step(
    state: _State,
    step: Migration,
    old_framework: Framework | None,
    new_framework: Framework | None,
    dropped: list[Dropped],
) -> tuple[_State, list[ForReview]]:
    held = dict.fromkeys((*state.judgements, *state.review))  # ordered, as a set is not
    lost = [s for s in held if s not in step.strands and s not in step.retired]
    if lost:
        raise MigrationError(
            f"{step.describe()} does not say where {', '.join(f'`{s}`' for s in lost)} "
            f"of {step.from_} {'go' if len(lost) > 1 else 'goes'}",
            hint="map every old strand, or list it under `retired`",
            code="unmapped-strand",
        )
    for old in step.retired:
        if old in held:
            judgement = state.judgements.get(old)
            evidence = judgement.evidence if judgement else state.review[old].evidence
            level = judgement.level if judgement else None
            dropped.append(Dropped(old, step.from_, level, evidence))
    judgements: dict[str, Judgement] = {}
    review: dict[str, Review] = {}
    items: list[ForReview] = []
    order = step.new_ids
    if new_framework is not None:  # framework order; ids it lacks last, for the check to find
        place = {strand: i for i, strand in enumerate(new_framework.strand_ids)}
        order = tuple(sorted(order, key=lambda strand: place.get(strand, len(place))))
    for new in order:
        sources = step.sources(new)
        if not any(s in held for s in sources):
            continue
        levels = {s: (j.level if (j := state.judgements.get(s)) else None) for s in sources}
        single = step.one_to_one(new)
        reason: Reason
        if single is not None:
            judgement = state.judgements.get(single)
            if judgement is None:  # awaiting review already: the entry comes along as it is
                review[new] = state.review[single]
                items.append(ForReview(new, review[new].reason, levels, step.from_, review[new]))
                continue
            unfit = _answers_problem(new, judgement, new_framework)
            problem = (
                None
                if judgement.level is None
                else _scale_problem(judgement.level, old_framework, new_framework)
            )
            if unfit is None and problem is None:  # answers and not applicable too: as they are
                judgements[new] = judgement
                continue
            if unfit is not None:  # answers the new version's questions cannot take
                reason = "questions"
                note = f"`{single}` of {step.from_} was judged by its answers, but in {step.to} "
                note += f"{unfit}."
            else:
                reason = "scale"
                note = f"`{single}` of {step.from_} was at level {judgement.level}, but {problem}."
            evidence = judgement.evidence
        else:
            reason, note, evidence = _split_or_merge(state, step, new)
        review[new] = Review(reason=reason, note=note, evidence=evidence)
        items.append(ForReview(new, reason, levels, step.from_, review[new]))
    return _State(step.to, judgements, review), items


def _split_or_merge(state: _State, step: Migration, new: str) -> tuple[Reason, str, str | None]:
    """Why `new` (a split or merged strand) is left for review, and the evidence it gets."""
    sources = step.sources(new)
    reason: Reason = "merge" if len(sources) > 1 else "split"
    described = []
    for old in sources:
        awaiting = state.review.get(old) if old not in state.judgements else None
        shown = _level(state.judgements.get(old))
        if awaiting is not None:
            shown = f"awaiting review: {awaiting.note.rstrip('.')}"
        described.append(f"`{old}` ({shown})")
    if reason == "split":
        parts = ", ".join(f"`{n}`" for n in step.strands[sources[0]])
        note = f"{described[0]} of {step.from_} was split into {parts}"
    else:
        note = f"Merged from {', '.join(described)} of {step.from_}"
    pieces = [
        (old, j.evidence if (j := state.judgements.get(old)) else state.review[old].evidence)
        for old in sources
        if old in state.judgements or old in state.review
    ]
    return reason, f"{note}; judge `{new}` afresh.", _evidence(pieces, prefix=reason == "merge")


def migrate(
    assessment: Assessment,
    migrations: Migration | Iterable[Migration],
    *,
    frameworks: Frameworks = None,
) -> Migrated:
    """`assessment` carried through `migrations` (one, or a chain applied in order).

    With `frameworks` (by `id@version`), levels are checked against each new version's scale
    and the result is checked against the last version. Raises `MigrationError` when the
    chain does not start at the assessment's version or does not join up, or a migration
    does not say where a judged strand goes.
    """
    steps = (migrations,) if isinstance(migrations, Migration) else tuple(migrations)
    if not steps:
        raise MigrationError("no migration to apply", code="migration-chain")
    first = steps[0].from_
    first_id, first_version = split_ref(first)
    if assessment.framework_id != first_id or assessment.framework_version not in (
        None,
        first_version,
    ):
        raise MigrationError(
            f"the assessment is of {assessment.framework}, but {steps[0].describe()} starts "
            f"at {first}",
            code="migration-chain",
        )
    for before, after in pairwise(steps):
        if before.to != after.from_:
            raise MigrationError(
                f"{before.describe()} ends at {before.to}, but the next, {after.describe()}, "
                f"starts at {after.from_}",
                code="migration-chain",
            )
    state = _State(first, dict(assessment.judgements), dict(assessment.awaiting_review))
    dropped: list[Dropped] = []
    items: list[ForReview] = []
    for step in steps:
        state, items = _step(
            state, step, _find(frameworks, step.from_), _find(frameworks, step.to), dropped
        )
    result = assessment.model_copy(
        update={
            "framework": state.ref,
            "judgements": freeze(state.judgements),
            "review": freeze(state.review) if state.review else None,
        }
    )
    target = _find(frameworks, state.ref)
    if target is not None:
        check_assessment(target, result)
    carried = tuple(state.judgements)
    return Migrated(result, first, state.ref, steps, carried, tuple(items), tuple(dropped))
