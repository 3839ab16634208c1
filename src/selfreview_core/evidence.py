"""Evidence text kept out of a report: `report --no-evidence`.

SPEC section 7: "Evidence text leaves a report only where the format shows it to the reader
(`--no-evidence` drops it everywhere)". A school's evidence is free text that can name
pupils, staff or incidents; a report shared beyond the school may have to go without it.

The report is made first and the text dropped afterwards, so everything worked out from the
evidence stays right: an award that needs written evidence is met or not as before, and
says which strands lack it, but no word of the evidence itself is left in any format,
including the assessment echoed by JSON and JSON Lines, the previous review, and the
evidence a migration carried to strands awaiting review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model.base import EVIDENCE_WITHHELD

if TYPE_CHECKING:
    from .award_check import AwardResult
    from .model.assessment import Assessment
    from .report import Report

__all__ = ["without_evidence"]


def without_evidence(report: Report) -> Report:
    """`report` with every piece of evidence text removed (set to None), all else equal."""
    previous = None if report.previous is None else _stripped(report.previous)
    return report.model_copy(
        update={
            "assessment": _stripped(report.assessment),
            "previous": previous,
            "awards": tuple(_award_stripped(result) for result in report.awards),
        }
    )


def _award_stripped(result: AwardResult) -> AwardResult:
    """An award's result without the evidence of why a strand it names does not apply."""
    if not result.not_applicable:
        return result
    excused = tuple(
        entry.model_copy(update={"evidence": None, "text": f"{entry.id} is not applicable"})
        for entry in result.not_applicable
    )
    return result.model_copy(update={"not_applicable": excused})


def _stripped(assessment: Assessment) -> Assessment:
    judgements = {
        strand: judgement.model_copy(update={"evidence": None})
        for strand, judgement in assessment.judgements.items()
    }
    review = None
    if assessment.review is not None:
        review = {
            k: entry.model_copy(update={"evidence": None}) for k, entry in assessment.review.items()
        }
    # Validated anew, so the mappings get the model's own (read-only) types.
    fields = {name: getattr(assessment, name) for name in type(assessment).model_fields}
    return type(assessment).model_validate(
        {**fields, "judgements": judgements, "review": review}, context={EVIDENCE_WITHHELD: True}
    )
