"""Many voices: one school's respondents compared group by group, strand by strand.

A self-review is more honest when more than the headteacher answers (SPEC section 9). Each
respondent's answers are an assessment with `respondent: {group: NAME}`; `voices` shows,
per strand and group, how many answered, the median and the spread, and flags the strands
where two groups' medians are `DISAGREEMENT` (two) or more levels apart.

What is shown, and why:

- **median**: the middle answer; between two middle answers, the worse (as scoring does:
  `scoring.aggregate`), so a group split down the middle is not flattered.
- **spread**: the worst and the best level the group gave (its range), and the steps between
  them. A range is read at a glance ("from 4 to 2") and says whether anyone in the group saw
  things very differently; with groups of five or more it names no one.
- **anonymity**: a group with fewer than `min_group` answers on a strand (default 5) shows
  its count only, never a level, and takes no part in any figure, flag or draft: changing
  the answer of someone in such a group changes nothing that is shown. No respondent is
  named (a response carries a group, never a person), no date of a response is shown (a
  date can tell who answered), and no respondent's evidence text is ever copied.
- **the school's own review**, when given (`own`), stands beside the groups as the school's
  judgement, not as a group: it is the school's published view, not one person's answer.
  Strands where a shown group's median is two or more levels from it are flagged too.

Responses of different schools, or of different frameworks or versions, are refused
(`ComparisonError`, one diagnostic per file that does not fit, naming it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction

from ..errors import ComparisonError, Diagnostic, SelfReviewError, cut
from ..escaping import shown_name
from ..model.assessment import RESPONDENT_GROUPS, Assessment, Judgement, School
from ..model.assessment_checks import check_assessment
from ..model.framework import Framework
from ..model.questions import score_float
from ..model.unseen import says_something
from ..model.voices import (
    DEFAULT_MIN_GROUP,
    DISAGREEMENT,
    GroupTotal,
    GroupView,
    Response,
    StrandView,
    Voices,
)
from ..scoring.profiles import aggregate, aggregate_score, judged_level

__all__ = [
    "ResponseSource",
    "answers_by_group",
    "check_responses",
    "group_named",
    "group_order",
    "response_diagnostic",
    "school_of",
    "scores_by_group",
    "voices",
]


def group_order(groups: Iterable[str]) -> list[str]:
    """Each group once: the conventional ones in SPEC order, then the others by name."""
    found = set(groups)
    known = [g for g in RESPONDENT_GROUPS if g in found]
    return known + sorted(found.difference(RESPONDENT_GROUPS))


def group_named(group: str, quoted: bool = False, name: Callable[[str], str] = shown_name) -> str:
    """A group as a message names it: as a name is shown (`name`: `shown_name`; Markdown
    escapes it), in backticks if `quoted`, cut after 37 characters as a key or a value is
    (`errors.cut`) with its length after it: `ggg...` (1,000,000 characters). Any id may be
    a group (SPEC section 9), and before round 69 one of a million characters was said
    whole by each message naming it (combine's groups left out, the groups that look alike:
    2 MB of warning); the views did so until round 71 (3 MB of Markdown, 4 MB of HTML).

    A group cut ends with a tag of six hex digits of its whole name's SHA-256 (`#3f9a0c`),
    the same in every view and message: two long groups alike in their first 37 characters
    and their length read alike until round 72, in the table's columns, Markdown's and the
    warnings, and now differ (as two hashes of six digits almost always do)."""
    kept = cut(group)
    said = f"`{name(kept)}`" if quoted else name(kept)
    if len(kept) == len(group):
        return said
    import hashlib  # only for a group cut: most are short

    tag = hashlib.sha256(group.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{said} ({len(group):,} characters, #{tag})"


def school_of(assessments: Sequence[Assessment]) -> School:
    """The school the responses name: every one has its id (`check_responses`); its name and
    authority are the ones most responses give (the first in sorted order on a tie), so the
    order of the inputs never changes what is shown."""
    counts = Counter((a.school.name, a.school.authority or "") for a in assessments)
    (name, authority), _ = min(counts.items(), key=lambda item: (-item[1], item[0]))
    return School(
        id=assessments[0].school.id,
        name=name,
        authority=authority if says_something(authority) else None,
    )


class ResponseSource(str):
    """Where a response was read: reads `file`, or `file:line` for a line of a JSON Lines
    file, as every source is a plain string (`Response`), and keeps the two apart, so that
    a file whose own name ends in `:2` is never taken for line 2 of another."""

    file: str
    line: int | None

    def __new__(cls, file: str, line: int | None = None) -> ResponseSource:
        made = super().__new__(cls, file if line is None else f"{file}:{line}")
        made.file, made.line = file, line
        return made


def response_diagnostic(source: str, message: str, path: str, code: str, hint: str) -> Diagnostic:
    """A refusal about the response from `source`: a file, or a line of a JSON Lines file,
    located at that line. A plain string (an embedder's own label) is read as `file:line`
    when it ends in `:` and digits; `ResponseSource` says which it is."""
    if isinstance(source, ResponseSource):
        return Diagnostic(
            message, file=source.file, line=source.line, path=path, hint=hint, code=code
        )
    file, _, line = source.rpartition(":")
    if file and line.isascii() and line.isdigit():  # `file:line` of a JSON Lines file
        return Diagnostic(message, file=file, line=int(line), path=path, hint=hint, code=code)
    return Diagnostic(message, file=source, path=path, hint=hint, code=code)


def check_responses(
    framework: Framework, responses: Sequence[Response], own: Response | None = None
) -> None:
    """Refuse (`ComparisonError`) responses of another school than most inputs name, of
    another framework or version, and (`SelfReviewError`) a response without a respondent
    or an `own` review with one, naming every file that does not fit."""
    everything = ([own] if own is not None else []) + list(responses)
    subject = framework.terms.subject
    if not responses:
        raise SelfReviewError(
            "no responses to compare: give files of respondents (with `respondent: {group: "
            "NAME}`, as `selfreview assess --group NAME` writes them)",
            code="no-responses",
        )
    # The school most inputs name is the one compared (the first input's on a tie: `max`
    # keeps the first of equals, and a Counter its keys' first order), so that a stray file
    # is the one named, not every other.
    schools = Counter(a.school.id for _, a in everything)
    school_id = max(schools, key=schools.__getitem__)
    first_source, first = next(r for r in everything if r[1].school.id == school_id)
    wrong: list[Diagnostic] = []
    for source, assessment in everything:
        if assessment.framework_id != framework.id or assessment.framework_version not in (
            None,
            framework.version,
        ):
            wrong.append(
                response_diagnostic(
                    source,
                    f"a response to {assessment.framework}, not {framework.ref}: the "
                    "responses compared must all answer one framework version",
                    "framework",
                    "different-frameworks",
                    f"compare the responses to {framework.ref} on their own",
                )
            )
        elif assessment.school.id != first.school.id:
            others = schools[school_id] - 1
            named = f"{first_source} and {others} other(s) are" if others else f"{first_source} is"
            wrong.append(
                response_diagnostic(
                    source,
                    f"a response for {subject} {assessment.school.id}, but {named} for "
                    f"{subject} {first.school.id}: the responses compared must be one "
                    f"{subject}'s",
                    "school.id",
                    "different-schools",
                    f"compare each {subject}'s responses on their own",
                )
            )
    if wrong:
        raise ComparisonError(wrong)
    unnamed = [
        response_diagnostic(
            source,
            f"no `respondent`: this is {framework.terms.a(subject)}'s own review, not one "
            "respondent's answers",
            "respondent",
            "not-a-response",
            f"give it as the {subject}'s own review, or add `respondent: {{group: NAME}}`",
        )
        for source, assessment in responses
        if assessment.respondent is None
    ]
    if own is not None and own[1].respondent is not None:
        unnamed.append(
            response_diagnostic(
                own[0],
                f"one respondent's answers (group {group_named(own[1].respondent.group)}), not the "
                f"{subject}'s own review: it cannot stand beside the groups as the {subject}'s "
                "judgement",
                "respondent",
                "not-own-review",
                f"give the {subject}'s own review, or this file among the responses",
            )
        )
    if unnamed:
        raise SelfReviewError(unnamed)
    for _, assessment in everything:
        check_assessment(framework, assessment)


def answers_by_group(
    framework: Framework, responses: Iterable[Assessment]
) -> tuple[dict[str, int], dict[str, dict[str, list[int]]]]:
    """(respondents per group, strand id -> group -> the levels given), groups in
    `group_order`. Raw answers: for working out what is shown, never to be shown."""
    totals: Counter[str] = Counter()
    answers: dict[str, dict[str, list[int]]] = {s: {} for s in framework.strand_ids}
    for response in responses:
        group = response.respondent.group if response.respondent else ""
        totals[group] += 1
        for strand_id, judgement in response.judgements.items():
            level = judged_level(framework, strand_id, judgement) if strand_id in answers else None
            if level is not None:  # a strand not applicable gives no level to count
                answers[strand_id].setdefault(group, []).append(level)
    order = group_order(totals)
    return {g: totals[g] for g in order}, answers


def judged_score(framework: Framework, strand_id: str, judgement: Judgement) -> Fraction | None:
    """The score one judgement gives its strand, as `scoring.score` has it (its answers'
    sum, or its level's rank); None for a strand not applicable."""
    if not judgement.is_applicable:
        return None
    if judgement.answers is not None:
        return framework.answers_score(framework.strand(strand_id), judgement.answers)
    return None if judgement.level is None else Fraction(framework.scale.rank(judgement.level))


def scores_by_group(
    framework: Framework, responses: Iterable[Assessment]
) -> dict[str, dict[str, list[Fraction]]]:
    """Strand id -> group -> the scores given (SPEC section 10), as `answers_by_group` gives
    the levels: for the middle score of a group in a framework with questions. Raw
    answers, never to be shown."""
    scores: dict[str, dict[str, list[Fraction]]] = {s: {} for s in framework.strand_ids}
    for response in responses:
        group = response.respondent.group if response.respondent else ""
        for strand_id, judgement in response.judgements.items():
            if strand_id in scores:
                found = judged_score(framework, strand_id, judgement)
                if found is not None:
                    scores[strand_id].setdefault(group, []).append(found)
    return scores


def _view(
    framework: Framework,
    group: str,
    levels: list[int],
    min_group: int,
    scores: Sequence[Fraction] = (),
) -> GroupView:
    if len(levels) < min_group or not levels:
        return GroupView(group=group, count=len(levels))
    scale = framework.scale
    worst, best = scale.worst_of(levels), scale.best_of(levels)
    middle = aggregate_score(scores, "median")  # the lower middle: its level is the median's
    return GroupView(
        group=group,
        count=len(levels),
        median=aggregate(scale, levels, "median"),
        worst=worst,
        best=best,
        spread=scale.change(worst, best),
        score=None if middle is None else score_float(middle),
    )


def _strand(
    framework: Framework,
    strand_id: str,
    views: list[GroupView],
    school: int | None,
    school_score: float | None,
    not_applicable: bool,
) -> StrandView:
    scale = framework.scale
    medians = [(v.group, v.median) for v in views if v.median is not None]
    gap = apart = None
    if len(medians) >= 2:
        # The first in group order among equals: `min` and `max` keep the first they meet.
        low = min(medians, key=lambda pair: scale.rank(pair[1]))
        high = max(medians, key=lambda pair: scale.rank(pair[1]))
        gap = scale.change(low[1], high[1])
        if gap >= DISAGREEMENT:
            apart = (low[0], high[0])
    school_apart: tuple[str, ...] = ()
    if school is not None:
        school_apart = tuple(
            group for group, median in medians if abs(scale.change(school, median)) >= DISAGREEMENT
        )
    return StrandView(
        strand=strand_id,
        groups=tuple(views),
        school=school,
        school_score=school_score,
        school_not_applicable=not_applicable,
        gap=gap,
        disagreement=apart is not None,
        apart=apart,
        school_apart=school_apart,
    )


def voices(
    framework: Framework,
    responses: Sequence[Assessment | Response],
    *,
    own: Assessment | Response | None = None,
    min_group: int = DEFAULT_MIN_GROUP,
) -> Voices:
    """The respondents of one school compared group by group (see the module).

    `responses` are assessments with a `respondent`, or (source, assessment) pairs so that
    a refusal names the file; `own` is the school's own review, shown beside them. Raises
    `ComparisonError` for responses of another school, framework or version, and
    `SelfReviewError` for none, or for one without a respondent.
    """
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    named = [_named(r, i) for i, r in enumerate(responses, start=1)]
    own_named = (
        None if own is None else _named(own, 0, f"the {framework.terms.subject}'s own review")
    )
    check_responses(framework, named, own_named)
    assessments = [a for _, a in named]
    totals, answers = answers_by_group(framework, assessments)
    own_review = None if own_named is None else own_named[1]
    scored: Mapping[str, Mapping[str, list[Fraction]]] = (
        scores_by_group(framework, assessments) if framework.has_questions else {}
    )
    strands = []
    for strand_id, by_group in answers.items():
        given_scores = scored.get(strand_id, {})
        views = [
            _view(framework, g, by_group.get(g, []), min_group, given_scores.get(g, ()))
            for g in totals
        ]
        given = None if own_review is None else own_review.judgements.get(strand_id)
        school = None if given is None else judged_level(framework, strand_id, given)
        own_score = None
        if given is not None and framework.has_questions:
            found = judged_score(framework, strand_id, given)
            own_score = None if found is None else score_float(found)
        not_applicable = given is not None and not given.is_applicable
        strands.append(_strand(framework, strand_id, views, school, own_score, not_applicable))
    return Voices(
        framework=framework.ref,
        school=own_review.school if own_review is not None else school_of(assessments),
        min_group=min_group,
        respondents=len(assessments),
        groups=tuple(GroupTotal(group=g, respondents=n) for g, n in totals.items()),
        own_review=own_review is not None,
        strands=tuple(strands),
    )


def _named(item: Assessment | Response, number: int, label: str = "") -> Response:
    if isinstance(item, Assessment):
        return (label or f"response {number}", item)
    return item
