"""A draft of the school's review from its respondents' answers, for the leadership to confirm.

Each strand's draft level is the median of the respondents' answers (between two middle
answers, the worse, as scoring does), so every law of SPEC section 6 holds for it: it lies
between the worst and the best answer (bounded), is the level everyone gave when they agree
(unanimous), does not depend on the order of the responses (symmetric), is never made worse
by a better answer (monotone), and mirrors with the scale (mirrored).

Anonymity decides which answers count: those of the groups that show levels on the strand
(`voices`: at least `min_group` of them answered it). The answers of a smaller group are
counted, named by group, and left out of the level: were they in it, the draft could give
one pupil's or one governor's answer away to those who know the others' (five teachers who
answered 1, 1, 3, 5, 5 on a scale from 1, the worst, to 5, and one pupil: the median of all
six is the pupil's own answer whenever that is 1, 2 or 3). With `min_group=1` every answer
counts. A strand no shown group answered is left unjudged.

The draft's evidence says where each level came from, in groups and counts only (no
respondent's words are copied); it carries no `respondent` (it is the school's own review
now) and no assessor: the leadership confirms it with `selfreview assess FRAMEWORK -o DRAFT
--all`, where each level and this evidence can be kept or changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .._words import LINE_NAMES, plural, some
from ..errors import SelfReviewError
from ..files.limits import too_large_to_read
from ..model.assessment import Assessment, Judgement
from ..model.framework import Framework
from ..model.voices import DEFAULT_MIN_GROUP, Response
from ..scoring.profiles import aggregate
from .groups import (
    answers_by_group,
    check_responses,
    group_named,
    response_diagnostic,
    school_of,
    voices,
)

__all__ = ["apart", "check_readable", "combine", "draft_evidence", "left_out"]


def draft_evidence(
    framework: Framework,
    by_group: dict[str, list[int]],
    order: Sequence[str],
    min_group: int,
    level: int | None,
) -> str:
    """Where a strand's draft level came from: each shown group's count and median, then
    the groups under the minimum with their counts only (`LINE_NAMES` of them, the rest
    and their answers counted)."""
    scale = framework.scale
    shown = [g for g in order if len(by_group.get(g, ())) >= min_group]
    hidden = [g for g in order if 0 < len(by_group.get(g, ())) < min_group]
    counted = sum(len(by_group[g]) for g in shown)
    parts = []
    if level is not None:
        parts.append(f"Draft from the responses: median {level} of {counted} answers.")
        parts += [
            f"{g}: {len(by_group[g])} answered, median {aggregate(scale, by_group[g], 'median')}."
            for g in shown
        ]
    if hidden:
        folded = some([f"{g} {len(by_group[g])}" for g in hidden], LINE_NAMES, noun="groups")
        if len(hidden) > LINE_NAMES:
            folded += f" ({plural(sum(len(by_group[g]) for g in hidden[LINE_NAMES:]), 'answer')})"
        parts.append(
            f"Not counted (fewer than {min_group} answered, so no level is shown): {folded}."
        )
    parts.append("Confirm or change the level, and write the evidence for it.")
    return " ".join(parts)


def combine(
    framework: Framework,
    responses: Sequence[Assessment | Response],
    *,
    on: dt.date | None = None,
    min_group: int = DEFAULT_MIN_GROUP,
) -> Assessment:
    """The school's draft review from its respondents (see the module), dated `on` (today).

    Raises `ComparisonError` for responses of different schools, frameworks or versions,
    and `SelfReviewError` for none or for a school's own review among them (the draft is
    made from respondents only).
    """
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    named = [
        r if not isinstance(r, Assessment) else (f"response {i}", r)
        for i, r in enumerate(responses, start=1)
    ]
    check_responses(framework, named)
    assessments = [a for _, a in named]
    totals, answers = answers_by_group(framework, assessments)
    judgements: dict[str, Judgement] = {}
    for strand_id, by_group in answers.items():
        counted = [
            level
            for group in totals
            if len(by_group.get(group, ())) >= min_group
            for level in by_group[group]
        ]
        if not counted:
            continue
        level = aggregate(framework.scale, counted, "median")
        assert level is not None  # some answers count
        evidence = draft_evidence(framework, by_group, list(totals), min_group, level)
        judgements[strand_id] = Judgement(level=level, evidence=evidence)
    return Assessment(
        framework=framework.ref,
        school=school_of(assessments),
        assessed_on=on or dt.date.today(),
        judgements=judgements,
    )


def left_out(
    framework: Framework, responses: Sequence[Assessment], min_group: int = DEFAULT_MIN_GROUP
) -> dict[str, tuple[tuple[str, ...], int]]:
    """Each group whose answers some strand's draft level leaves out (fewer than
    `min_group` of the group answered that strand), with those strands in the framework's
    order and how many strands the group answered: what `selfreview combine` says beside
    the draft, so that "drafted from 23 responses" is not read as every answer counted."""
    totals, answers = answers_by_group(framework, responses)
    out: dict[str, tuple[tuple[str, ...], int]] = {}
    for group in totals:
        sizes = [len(by_group.get(group, ())) for by_group in answers.values()]
        left = tuple(s for s, n in zip(answers, sizes, strict=True) if 0 < n < min_group)
        if left:
            out[group] = (left, sum(n > 0 for n in sizes))
    return out


def apart(
    framework: Framework,
    responses: Sequence[Assessment | Response],
    min_group: int = DEFAULT_MIN_GROUP,
) -> tuple[str, ...]:
    """The strands, in the framework's order, where two groups' medians are `DISAGREEMENT`
    or more levels apart, as `selfreview voices` flags them: what `selfreview combine` says
    beside the draft, whose one level hides that groups disagree (in the examples, 1b5:
    the teachers' median 3, the pupils' 5, the draft 3). Before round 80 only `voices` told
    it, and a leader confirming the draft with `assess --all` saw one level, the groups'
    medians only in each strand's evidence."""
    view = voices(framework, responses, min_group=min_group)
    return tuple(strand.strand for strand in view.strands if strand.disagreement)


def check_readable(
    size: int, output: str, draft: Assessment, responses: Sequence[Response]
) -> None:
    """Refuse (`SelfReviewError`, nothing written) a `draft` of `size` bytes that no
    command could read back (`limits.too_large_to_read`): `combine` said "Wrote" and
    "confirm it with assess --all", and `assess` then refused the file for its size (before
    round 68: a group named by a million characters, which each strand's evidence names,
    made a draft of 12 MB). Where the longest group's name, as often as the evidence names
    it, is half the draft or more, the refusal is at that group in its first response
    (`respondent.group`); else at the output."""
    error = too_large_to_read(size, "the draft")
    if error is None:
        return
    over = error.strerror
    source, longest = max(
        ((source, r.respondent.group) for source, r in responses if r.respondent is not None),
        key=lambda found: len(found[1]),
        default=(output, ""),
    )
    named = sum(longest in (j.evidence or "") for j in draft.judgements.values())
    if not longest or 2 * len(longest.encode("utf-8")) * named < size:
        raise SelfReviewError(f"{over}; nothing was written", file=output, code="draft-too-large")
    raise SelfReviewError(
        [
            response_diagnostic(
                source,
                f"{over}: the group {group_named(longest, quoted=True)} is named"
                f" in the evidence of {plural(named, 'strand')}; nothing was written",
                "respondent.group",
                "draft-too-large",
                "give the group a short name, a word or two, in each of its responses",
            )
        ]
    )
