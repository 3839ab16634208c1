"""Strands a migration could not judge: what an assessment keeps of them until a person does.

A split or merged strand, or a level the new scale lacks, is never given a level by a
migration. The assessment carries a `review` entry instead, saying why, what the old levels
were and what evidence came across, so the school can judge the new strand with it to hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ._base import Model, Text
from .checks import Finding, strand_finding

if TYPE_CHECKING:
    from .framework import Framework

__all__ = ["Reason", "Review", "review_findings"]

#: Why a strand is awaiting review.
Reason = Literal["split", "merge", "scale"]


class Review(Model):
    """A new strand to judge after a migration, and what came across from the old version."""

    reason: Reason = Field(
        description="split: one old strand became several; merge: several became one; "
        "scale: the old level is not one the new version's scale can take as it is."
    )
    note: Text = Field(description="What happened, with the old strands and their levels.")
    evidence: str | None = Field(
        default=None,
        description="Evidence carried from the old strands (for a merge, each line starts "
        "with the old strand's id).",
    )


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
