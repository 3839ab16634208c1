"""Strands a migration could not judge: what an assessment keeps of them until a person does.

A split or merged strand, or a level the new scale lacks, is never given a level by a
migration. The assessment carries a `review` entry instead, saying why, what the old levels
were and what evidence came across, so the school can judge the new strand with it to hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import Field

from ._base import Model, Text, did_you_mean
from .checks import Finding

if TYPE_CHECKING:
    from .framework import Framework

__all__ = ["REASONS", "Reason", "Review", "review_findings"]

Reason = Literal["split", "merge", "scale"]
#: Why a strand is awaiting review, in the order they are explained in the docs.
REASONS: Final[tuple[Reason, ...]] = ("split", "merge", "scale")


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
        node = framework.find(strand_id)
        if node is not None and node.KIND == "strand":
            continue
        hint = did_you_mean(strand_id, framework.strand_ids) if node is None else None
        what = "not a strand" if node is None else f"an {node.KIND}, not a strand"
        findings.append(
            Finding(
                ("review", strand_id),
                f"`{strand_id}` is {what} of {framework.ref}",
                "unknown-strand",
                hint=hint,
                at_key=True,
            )
        )
    return findings
