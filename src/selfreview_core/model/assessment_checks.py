"""Whether an assessment fits its framework, checked once.

An assessment is checked against its framework when it is loaded with it, and again by
every report, comparison, cohort and plan that receives one built in Python. The check
reads plain data (judged strands and their levels, the strands awaiting review), so the
loader can locate each problem in the file; and an assessment that passed it is not
checked again against the same framework while what it holds is what was checked
(`_fit_key`): a report costs what scoring costs, not what checking costs.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import attrgetter
from typing import Any

from .._hints import hint_budget
from .._memo import ByIdentity
from ..errors import Diagnostic, InvalidDocument, format_path
from .assessment import Assessment, Judgement
from .checks import raise_findings, strand_finding, version_findings
from .findings import Finding, Path, scale_finding
from .framework import Framework
from .review import Review

__all__ = [
    "assessment_findings",
    "check_assessment",
    "fit_findings",
    "remember_fit",
    "review_findings",
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
        if isinstance(judgement, Mapping):
            path = (*path, "level")
        outside = scale_finding(scale, path, level)
        if outside is not None:
            findings.append(outside)
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
    tuple[int, ...],
    tuple[type, ...],
    tuple[tuple[str, Review], ...],
]
_LEVEL = attrgetter("level")
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
    framework named, the judged strands, each judgement's type, level and level's type, and
    the strands awaiting review with their entries.

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
        or type(judgement.level) is not int
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


def check_assessment(framework: Framework, assessment: Assessment) -> None:
    """Raise `InvalidDocument` if the assessment does not fit the framework (for built objects).

    Checked once: again only against another framework, or when what the assessment holds
    has changed since (`_fit_key`)."""
    try:
        key = _fit_key(assessment)
    except (AttributeError, TypeError):
        key = None
    fits = _FITS.get(assessment)
    if key is not None and fits is not None and fits[0] is framework and fits[1] == key:
        return
    _check_assessment(framework, assessment, key)


@hint_budget
def _check_assessment(framework: Framework, assessment: Assessment, key: _FitKey | None) -> None:
    malformed = _malformed(assessment)
    if malformed is not None:
        raise malformed
    if key is None:  # what `_malformed` does not look at: a missing field, say
        raise InvalidDocument(
            [Diagnostic("the assessment is malformed (built without validation?)")]
        )
    data = {
        "framework": assessment.framework,
        "judgements": dict(zip(key[1], key[3], strict=True)),
        "review": dict.fromkeys(strand_id for strand_id, _ in key[5]),
    }
    raise_findings(fit_findings(framework, data), "assessment", assessment.framework, framework)
    _FITS.set(assessment, (framework, key))
