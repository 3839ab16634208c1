"""Strands a migration could not judge: what an assessment keeps of them until a person does.

A split or merged strand, or a level the new scale lacks, is never given a level by a
migration. The assessment carries a `review` entry instead, saying why, what the old levels
were and what evidence came across, so the school can judge the new strand with it to hand.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Model, Text

__all__ = ["Reason", "Review"]

#: Why a strand is awaiting review.
Reason = Literal["split", "merge", "scale", "questions"]


class Review(Model):
    """A new strand to judge after a migration, and what came across from the old version."""

    reason: Reason = Field(
        description="split: one old strand became several; merge: several became one; "
        "scale: the old level is not one the new version's scale can take as it is; "
        "questions: the old answers are not ones the new version's questions take."
    )
    note: Text = Field(description="What happened, with the old strands and their levels.")
    evidence: str | None = Field(
        default=None,
        description="Evidence carried from the old strands (for a merge, each line starts "
        "with the old strand's id).",
    )
