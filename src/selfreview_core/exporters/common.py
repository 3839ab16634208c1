"""What the CSV, Markdown and HTML exporters share: a report's strands as rows, level names,
and the order recommendations are grouped in. No formatting or escaping happens here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .._names import AUDIENCES, PRIORITIES
from ..facts import score_text
from ..model.assessment import Judgement
from ..model.framework import Aspect, Element, Framework, Strand
from ..model.recommendation import Recommendation, safe_link
from ..report import Report
from ..scoring.profiles import Profile

__all__ = [
    "StrandRow",
    "by_audience",
    "by_priority",
    "change_mark",
    "judged_counts",
    "judged_text",
    "level_name",
    "previously_not_applicable",
    "review_name",
    "safe_links",
    "standing",
    "strand_rows",
]


@dataclass(frozen=True, slots=True)
class StrandRow:
    """One strand of the framework and where the school stands on it.

    `change` counts steps towards the best level (positive is better, in either scale
    direction); it is None unless both reviews judged the strand. `previous_applicable` is
    False where the previous review judged the strand not applicable: its `previous` is None
    then, as for a strand it left unjudged, and the formats tell the two apart.
    """

    element: Element
    aspect: Aspect
    strand: Strand
    level: int | None
    judgement: Judgement | None
    next_level: int | None
    previous: int | None
    change: int | None
    previous_applicable: bool = True

    @property
    def descriptor(self) -> str | None:
        return None if self.level is None else self.strand.levels.get(self.level)

    @property
    def next_descriptor(self) -> str | None:
        return None if self.next_level is None else self.strand.levels.get(self.next_level)


def strand_rows(report: Report) -> list[StrandRow]:
    """Every strand in framework order, judged or not. A strand judged by answers has the
    level its answers lead to (the profile's), here and for the previous review."""
    framework = report.framework
    scale = framework.scale
    strand_levels = report.profile.strands
    earlier = report.comparison.strands if report.comparison is not None else {}
    rows = []
    for element in framework.elements:
        for aspect in element.aspects:
            for strand in aspect.strands:
                judgement = report.assessment.judgements.get(strand.id)
                level = None if judgement is None else judgement.level
                if level is None:
                    level = strand_levels.get(strand.id)
                previous = None if report.previous is None else report.previous.level(strand.id)
                if previous is None and strand.id in earlier:
                    previous = earlier[strand.id].old
                change = None
                if level is not None and previous is not None:
                    change = scale.change(previous, level)
                rows.append(
                    StrandRow(
                        element=element,
                        aspect=aspect,
                        strand=strand,
                        level=level,
                        judgement=judgement,
                        next_level=None if level is None else scale.next_level(level),
                        previous=previous,
                        change=change,
                        previous_applicable=not previously_not_applicable(report, strand.id),
                    )
                )
    return rows


def standing(
    framework: Framework, profile: Profile, node_id: str | None, *, unjudged: str = "not judged"
) -> str:
    """Where the school stands on an id (None: overall), in words: `3 Embedded` as
    `level_name` says it; in a framework with questions the score with it, `1.75 (level 1
    Started)`; `not applicable` for a strand (or all of an aspect) that does not apply."""
    level = profile.overall if node_id is None else profile.level(node_id)
    if level is None and node_id is not None and not profile.applicable(node_id):
        return "not applicable"
    name = level_name(framework, level, unjudged=unjudged)
    value = profile.score(node_id)
    if not profile.by_scores or value is None:
        return name
    return f"{score_text(value)} (level {name})"


def previously_not_applicable(report: Report, strand_id: str) -> bool:
    """Whether the previous review (if any) judged the strand not applicable. Only the
    review itself says so: its comparison keeps the strands judged in both, and a strand
    not applicable then must not read as one left unjudged (`-`)."""
    previous = report.previous
    if previous is None:
        return False
    judgement = previous.judgements.get(strand_id)
    return judgement is not None and not judgement.is_applicable


def judged_counts(report: Report) -> tuple[int, int, int]:
    """The strands judged, those to judge and those not applicable, as every format counts
    them: a strand not applicable is not one to judge (SPEC section 10: it leaves
    coverage's denominator), and is counted apart."""
    profile = report.profile
    strands = report.framework.strand_ids
    absent = sum(s in profile.not_applicable for s in strands)
    return len(profile.judged), len(strands) - absent, absent


def judged_text(report: Report) -> str:
    """`7 of 8 strands judged`, with `, 1 not applicable` when one is."""
    judged, of, absent = judged_counts(report)
    return f"{judged} of {of} strands judged" + (f", {absent} not applicable" if absent else "")


def review_name(framework: Framework) -> str:
    """What the review is called in a report's headings: `ICT self-review` for a framework
    that says nothing (Becta's words, as always), else its `terms:` review."""
    return "ICT self-review" if framework.declared_terms is None else framework.terms.review


def level_name(framework: Framework, level: int | None, *, unjudged: str = "not judged") -> str:
    """`3`, or `3 Embedded` when the scale names the level."""
    if level is None:
        return unjudged
    label = framework.scale.labels.get(level)
    return f"{level} {label}" if label else str(level)


def change_mark(row: StrandRow) -> tuple[str, str] | None:
    """The change since the previous review, as text and a tone (`better`, `worse` or
    `same`): `new` when only this review judged the strand; None when this one did not."""
    change = row.change
    if change is None:
        return None if row.level is None else ("new", "same")
    if change > 0:
        return f"▲ +{change}", "better"
    if change < 0:
        return f"▼ −{-change}", "worse"
    return "= 0", "same"


def safe_links(recommendation: Recommendation) -> tuple[list[str], int]:
    """The links a report may show as links, and how many others were left out.

    Validation already refuses other schemes; this guards recommendations made without it
    (`model_construct`) or changed after it.
    """
    shown: list[str] = []
    withheld = 0
    for link in recommendation.links:
        if isinstance(link, str) and safe_link(link):
            shown.append(link)
        else:
            withheld += 1
    return shown, withheld


def _audience_key(audience: object) -> str:
    return " ".join(str(audience).split()).casefold()


def by_audience(
    recommendations: Iterable[Recommendation],
) -> list[tuple[str, list[Recommendation]]]:
    """Grouped by audience: senior leadership, governors, parents, local authority, then any
    other audience in the order it first appears. Audiences differing only in case or
    spacing share a group. Order within a group is kept."""
    groups: dict[str, tuple[str, list[Recommendation]]] = {
        key: (key, []) for key in map(_audience_key, AUDIENCES)
    }
    for rec in recommendations:
        key = _audience_key(rec.audience)
        if key not in groups:
            groups[key] = (" ".join(str(rec.audience).split()), [])
        groups[key][1].append(rec)
    return [(name, recs) for name, recs in groups.values() if recs]


def by_priority(
    recommendations: Sequence[Recommendation],
) -> list[tuple[str, list[Recommendation]]]:
    """Grouped by priority: high, medium, low (then anything else a recommendation made
    without validation carries). Order within a group is kept."""
    groups: dict[str, list[Recommendation]] = {p: [] for p in PRIORITIES}
    for rec in recommendations:
        groups.setdefault(str(rec.priority), []).append(rec)
    return [(priority, recs) for priority, recs in groups.items() if recs]
