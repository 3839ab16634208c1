"""Whether an assessment fits its framework, checked once.

An assessment is checked against its framework when it is loaded with it, and again by
every report, comparison, cohort and plan that receives one built in Python. The check
reads plain data (judged strands and their levels, the strands awaiting review), so the
loader can locate each problem in the file; and an assessment that passed it is not
checked again against the same framework while what it holds is what was checked
(`_fit_key`): a report costs what scoring costs, not what checking costs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from operator import attrgetter
from typing import Any, Final

from .._hints import hint_budget
from .._memo import ByIdentity
from ..errors import Diagnostic, InvalidDocument, SelfReviewError, format_path, quoted_key
from .assessment import Assessment, Judgement
from .base import did_you_mean
from .checks import raise_findings, strand_finding, version_findings
from .findings import Finding, Path, scale_finding
from .framework import Framework, Strand
from .questions import score_text
from .review import Review

__all__ = [
    "answer_findings",
    "assessment_findings",
    "check_assessment",
    "check_group",
    "check_well_formed",
    "fit_findings",
    "fits_as_written",
    "remember_fit",
    "review_findings",
    "surely_fits",
]


def assessment_findings(framework: Framework, data: Any) -> list[Finding]:
    """Judgements of strands the framework lacks, and levels outside its scale."""
    if not isinstance(data, Mapping):
        return []
    findings = version_findings(framework, data, "assessment")
    judgements = data.get("judgements")
    if not isinstance(judgements, Mapping):
        return findings
    scale = framework.scale
    strand_ids: tuple[str, ...] | None = None  # the hints' candidates, made once if needed
    for strand_id, judgement in judgements.items():
        path: Path = ("judgements", strand_id)
        if not isinstance(strand_id, str):
            continue  # reported by field validation
        if strand_ids is None and strand_id not in framework:
            strand_ids = framework.strand_ids
        wrong = strand_finding(
            framework, path, strand_id, such_as="judge each of its strands", strand_ids=strand_ids
        )
        if wrong is not None:
            findings.append(wrong)
            continue
        level = judgement.get("level") if isinstance(judgement, Mapping) else judgement
        level_path = (*path, "level") if isinstance(judgement, Mapping) else path
        outside = scale_finding(scale, level_path, level)
        if outside is not None:
            findings.append(outside)
        if isinstance(judgement, Mapping) and isinstance(judgement.get("answers"), Mapping):
            findings.extend(
                answer_findings(
                    framework, path, framework.strand(strand_id), judgement["answers"], level
                )
            )
    return findings


def answer_findings(
    framework: Framework, path: Path, strand: Strand, answers: Mapping[Any, Any], level: Any
) -> list[Finding]:
    """Answers to a strand without questions, to questions it lacks, or outside a question's
    answer set; and a level that is not the level the answers lead to."""
    if not strand.questions:
        return [
            Finding(
                (*path, "answers"),
                f"`{strand.id}` has no questions to answer",
                "no-questions",
                hint="give its `level` instead",
            )
        ]
    findings: list[Finding] = []
    question_ids = [q.id for q in strand.questions]
    for question_id, answer_id in answers.items():
        if not isinstance(question_id, str) or not isinstance(answer_id, str):
            continue  # reported by field validation
        question = strand.question(question_id)
        where: Path = (*path, "answers", question_id)
        if question is None:
            findings.append(
                Finding(
                    where,
                    f"{quoted_key(question_id)} is not a question of `{strand.id}`",
                    "unknown-question",
                    hint=did_you_mean(question_id, question_ids)
                    or f"its questions: {', '.join(question_ids)}",
                    at_key=True,
                )
            )
            continue
        offered = [a.id for a in framework.answer_set(question.answers)]
        if answer_id not in offered:
            findings.append(
                Finding(
                    where,
                    f"{quoted_key(answer_id, 'an empty id')} is not an answer to `{question_id}`",
                    "unknown-answer",
                    hint=did_you_mean(answer_id, offered) or f"answer one of: {', '.join(offered)}",
                )
            )
    if findings or not isinstance(level, int) or isinstance(level, bool):
        return findings
    score = framework.answers_score(strand, answers)
    implied = framework.level_at(score)
    if level in framework.scale and level != implied:
        findings.append(
            Finding(
                (*path, "level"),
                f"level {level} disagrees with the answers, which score {score_text(score)} "
                f"(level {implied})",
                "level-disagrees",
                hint=f"give level {implied}, or leave `level` out: the answers decide it",
                number=level,
            )
        )
    return findings


def review_findings(framework: Framework, data: Any) -> list[Finding]:
    """`review` entries for ids that are not strands of the framework."""
    review = data.get("review") if isinstance(data, Mapping) else None
    if not isinstance(review, Mapping):
        return []
    findings = []
    for strand_id in review:
        if not isinstance(strand_id, str):
            continue  # reported by field validation
        found = strand_finding(framework, ("review", strand_id), strand_id)
        if found is not None:
            findings.append(found)
    return findings


#: What `check_assessment` reads of an assessment, as plain values (`_fit_key`).
_FitKey = tuple[
    str,
    tuple[str, ...],
    tuple[type, ...],
    tuple[int | None, ...],
    tuple[type, ...],
    tuple[tuple[str, Review], ...],
    tuple[Any, ...],
    tuple[bool | None, ...],
]
_LEVEL = attrgetter("level")
_ANSWERS = attrgetter("answers")
_APPLICABLE = attrgetter("applicable")
#: Assessments known to fit a framework (loaded with it, or checked), while they live, with
#: what was checked: the check is skipped only while that is what the assessment holds.
_FITS: ByIdentity[Assessment, tuple[Framework, _FitKey]] = ByIdentity()


def fit_findings(framework: Framework, data: Any) -> list[Finding]:
    """Judgements, and strands left for review by a migration, that do not fit."""
    return [*assessment_findings(framework, data), *review_findings(framework, data)]


def remember_fit(assessment: Assessment, framework: Framework) -> None:
    """Note that `assessment`, as it is now, fits `framework` (it was loaded with it, and
    checked): `check_assessment` need not check it again while it holds what it holds."""
    _FITS.set(assessment, (framework, _fit_key(assessment)))


def _fit_key(assessment: Assessment) -> _FitKey:
    """Everything `check_assessment` reads, as plain values compared by equality: the
    framework named, the judged strands, each judgement's type, level and level's type, the
    strands awaiting review with their entries, and each judgement's answers and whether
    it applies.

    An assessment changed after its check, by the ways round deep immutability
    (`object.__setattr__` on it or on a judgement, `dict.__setitem__` on its judgements),
    is never taken for the one that was checked. C-level loops only: it runs for every
    report. Raises `AttributeError` or `TypeError` for judgements that are not judgements
    (an object built without validation).
    """
    judgements, review = assessment.judgements, assessment.review
    levels = tuple(map(_LEVEL, judgements.values()))
    return (
        assessment.framework,
        tuple(judgements),
        tuple(map(type, judgements.values())),
        levels,
        tuple(map(type, levels)),
        tuple(review.items()) if review else (),
        tuple(map(_ANSWERS, judgements.values())),
        tuple(map(_APPLICABLE, judgements.values())),
    )


def _malformed(assessment: Assessment) -> InvalidDocument | None:
    """What validation would have refused in the judgements of an assessment built without
    it (`model_construct`, `object.__setattr__`), or None."""
    judgements = getattr(assessment, "judgements", None)
    review = getattr(assessment, "review", None)
    if not isinstance(judgements, Mapping) or not isinstance(review, Mapping | None):
        return InvalidDocument(
            [Diagnostic("judgements or review is not a mapping (built without validation?)")]
        )
    wrong = [
        Diagnostic(
            "not a judgement with a whole-number level (built without validation?)",
            path=format_path(("judgements", str(strand_id))),
        )
        for strand_id, judgement in judgements.items()
        if not isinstance(strand_id, str)
        or not isinstance(judgement, Judgement)
        or (judgement.level is not None and type(judgement.level) is not int)
        or not isinstance(judgement.answers, Mapping | None)
        or (judgement.level is None and not judgement.answers and judgement.is_applicable)
    ]
    wrong += [
        Diagnostic(
            "not a review entry (built without validation?)",
            path=format_path(("review", str(strand_id))),
        )
        for strand_id, entry in (review or {}).items()
        if not isinstance(strand_id, str) or not isinstance(entry, Review)
    ]
    return InvalidDocument(wrong) if wrong else None


def check_well_formed(assessment: Assessment) -> None:
    """Raise what validation would have refused in the judgements of an assessment built
    without it (`_malformed`), if anything: for `score`, once reading them has failed."""
    malformed = _malformed(assessment)
    if malformed is not None:
        raise malformed


def check_assessment(framework: Framework, assessment: Assessment) -> None:
    """Raise `InvalidDocument` if the assessment does not fit the framework (for built objects).

    An assessment judged by levels alone is told to fit by sets, as it is now (`surely_fits`);
    any other is checked once: again only against another framework, or when what it holds
    has changed since (`_fit_key`)."""
    if surely_fits(framework, assessment):
        return
    try:
        key = _fit_key(assessment)
    except (AttributeError, TypeError):
        key = None
    fits = _FITS.get(assessment)
    if key is not None and fits is not None and fits[0] is framework and fits[1] == key:
        return
    _check_assessment(framework, assessment, key)


#: Each framework's strand ids and levels, as sets, and the two names an assessment may
#: give it (`id`, `id@version`) (`surely_fits`).
_KNOWN: ByIdentity[Framework, tuple[frozenset[str], frozenset[int], str, str]] = ByIdentity()


def surely_fits(framework: Framework, assessment: Assessment) -> bool:
    """Whether `check_assessment` certainly finds nothing wrong, told by sets in C as the
    assessment is now (so nothing done to it behind its back is missed): of the framework,
    at its version; every judgement a `Judgement` of a whole-number level on the scale,
    without answers (their check reads the strand's questions), of one of its strands;
    every strand awaiting review one of its strands, with a `Review`. False means "not
    sure": the full check decides, and says what is wrong. It runs for every report."""
    try:
        ref, judgements, review = assessment.framework, assessment.judgements, assessment.review
        strands, levels, framework_id, framework_ref = _known(framework)
        if type(ref) is not str or (ref != framework_ref and ref != framework_id):
            return False
        if not strands.issuperset(judgements):
            return False
        if review is not None and (
            not strands.issuperset(review)
            or not _ONLY_REVIEWS.issuperset(map(type, review.values()))
        ):
            return False
        values = judgements.values()
        if not _ONLY_JUDGEMENTS.issuperset(map(type, values)):
            return False
        if not _ONLY_NONE.issuperset(map(_ANSWERS, values)):
            return False  # answers (even none: `{}`), checked against the questions
        given = tuple(map(_LEVEL, values))
        # Whole numbers only (a set takes `True` for 1, and `3.0` for 3).
        return _ONLY_INTS.issuperset(map(type, given)) and levels.issuperset(given)
    except (AttributeError, TypeError):  # fields missing, or not of their types (a mapping
        # without `values`, a judgement without `answers`, answers not hashable): not sure
        return False


def fits_as_written(framework: Framework, assessment: Assessment) -> bool:
    """`surely_fits` for an assessment its reader has just validated from a line as
    pydantic writes it with levels of `framework`'s scale (`assessment_json.canonical_text`
    given the scale's levels), before anything else has seen it: there, by the pattern,
    every judgement is a `Judgement` of one of those levels (a JSON integer, validated
    strictly: an `int`), without answers, and nothing awaits review, so what is left to
    tell is the framework named and the strands. The four other passes over the judgements
    cost about 3 µs a line in a batch (docs/performance.md, rounds 29 and 81)."""
    try:
        ref, judgements = assessment.framework, assessment.judgements
        strands, _, framework_id, framework_ref = _known(framework)
        if ref != framework_ref and ref != framework_id:
            return False
        return strands.issuperset(judgements)
    except (AttributeError, TypeError):  # not as its reader made it: not sure
        return False


def _known(framework: Framework) -> tuple[frozenset[str], frozenset[int], str, str]:
    known = _KNOWN.get(framework)
    if known is None:
        known = _KNOWN.set(
            framework,
            (
                frozenset(framework.strand_ids),
                frozenset(framework.scale.levels),
                framework.id,
                framework.ref,
            ),
        )
    return known


_ONLY_JUDGEMENTS: Final = frozenset({Judgement})
_ONLY_REVIEWS: Final = frozenset({Review})
_ONLY_INTS: Final = frozenset({int})
_ONLY_NONE: Final = frozenset({None})


@hint_budget
def _check_assessment(framework: Framework, assessment: Assessment, key: _FitKey | None) -> None:
    check_well_formed(assessment)
    if key is None:  # what `_malformed` does not look at: a missing field, say
        raise InvalidDocument(
            [Diagnostic("the assessment is malformed (built without validation?)")]
        )
    data = {
        "framework": assessment.framework,
        "judgements": {
            strand_id: level if answers is None else {"level": level, "answers": answers}
            for strand_id, level, answers in zip(key[1], key[3], key[6], strict=True)
        },
        "review": dict.fromkeys(strand_id for strand_id, _ in key[5]),
    }
    raise_findings(fit_findings(framework, data), "assessment", assessment.framework, framework)
    _FITS.set(assessment, (framework, key))


def check_group(path: os.PathLike[str] | str, assessment: Assessment, group: str | None) -> None:
    """Refuse to go on with a file of another group (or the school's own review) when
    `--group` is given: the answers would be counted in the wrong group."""
    has = assessment.respondent.group if assessment.respondent else None
    if group is None or has == group:
        return
    if has is None:
        what = "the school's own review, not a respondent's answers"
        hint = "leave out --group to continue it, or give another file"
    else:
        what = f"the answers of a respondent of group `{has}`, not `{group}`"
        hint = f"give --group {has} to continue it, or give another file"
    raise SelfReviewError(
        f"{path} holds {what}",
        file=os.fspath(path),
        path="respondent",
        hint=hint,
        code="wrong-group",
    )
