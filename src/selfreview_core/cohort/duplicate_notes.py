"""The warning about two or more reviews of one school on one date (SPEC section 7: reported,
not dropped): which files they are, and which of them count. Said by `benchmark` and the
other cohort commands on standard error (`cli._cohort`); `--anonymise` counts them instead,
naming no school (`unnamed_notes`). Out of `views` since round 74 (views.py was at its 400
lines): a warning, not a table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import cut
from ..model.questions import Terms

if TYPE_CHECKING:
    from .positions import Duplicate

__all__ = ["duplicate_note"]


def duplicate_note(duplicate: Duplicate, terms: Terms | None = None) -> str:
    """Two or more reviews of one school on one date, by file (anonymised: none, and no
    withheld year), and which of them count, in the framework's `terms` (default: school).
    The school's id cut as a refusal cuts it (`errors.cut`): an id of a million
    characters was said whole (before round 81), once for each date it had two reviews."""
    subject, files = (terms or Terms()).subject, duplicate.sources
    n = len(files) or duplicate.reviews
    when = duplicate.assessed_on.isoformat() if duplicate.assessed_on else duplicate.year
    named, last, others = ":", "the one read last", "the other" if n == 2 else "the others"
    if files:
        named = f": {', '.join(files[:-1])} and {files[-1]};"
        last, others = f"{files[-1]} (read last)", ", ".join(files[:-1])
    which = {
        "last": f"{last} counts; {others} {'is' if n == 2 else 'are'} left out",
        "all": "each counts as a review of its own (--all-reviews)",
        "none": f"none of them counts: a later review of the {subject} does",
    }[duplicate.counted]
    return (
        f"{subject} {cut(duplicate.school)} has {n} reviews "
        f"{'on one date' if when is None else f'dated {when}'}{named} {which}"
    )
