"""The parts of the governors' page (`summary`), top to bottom: the school, the key
figures, the aspects (a table and a chart), the most important actions, progress, awards,
the respondents' view and (when asked) the evidence. Each returns its HTML lines, every
text escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from ..award_check import NOTHING_JUDGED
from ..escaping import invisible_names, names_quoted, shown, shown_name
from ..escaping import shown_html as _e
from ..model.unseen import says_something
from ..report import Report
from ..scoring.profiles import Profile, score
from ..voices.views import flag_text
from .common import judged_counts, review_name
from .summary_levels import (
    change_mark,
    cut_cell,
    cut_shown,
    level_chip,
)

__all__ = [
    "ACTIONS",
    "ACTION_CHARACTERS",
    "ASPECT_ROWS",
    "AWARDS",
    "EVIDENCE_STRANDS",
    "FLAGGED",
    "MANY_ASPECTS",
    "MOVED",
    "actions_part",
    "aspects_part",
    "awards_part",
    "evidence_part",
    "figures_part",
    "header_part",
    "progress_part",
    "voices_part",
]

#: How many actions the page lists: the most important, in the report's order.
ACTIONS: Final = 5
#: An action's text is cut (at a word) after this many characters.
ACTION_CHARACTERS: Final = 280
_EVIDENCE_CHARACTERS: Final = 200
#: Strands whose evidence the page gives, at most, in framework order (the rest counted).
#: Eight, cut at 220 characters, kept the page on two A4 pages up to about 24 aspects of
#: ordinary titles (round 41); with every text at its longest, and cut as below, six cut at
#: 200 keep it there up to 20 aspects, where eight ran to three pages (WeasyPrint, round 42).
EVIDENCE_STRANDS: Final = 6
FLAGGED: Final = 4  # strands worth discussing, at most, listed on the page
AWARDS: Final = 3  # awards, at most, listed on the page (the rest counted)
_MISSING: Final = 2  # what is missing from an award, at most, listed (the rest counted)
MOVED: Final = 5  # aspects that moved, at most, listed under progress (the rest counted)
#: Any other text from a file (a name, a title, an id) is cut after this many characters:
#: the page is two A4 pages whatever a framework or an assessment says.
_TITLE_CHARACTERS: Final = 120
#: An aspect's id and title in the table: one line in print beside its level and change.
_ROW_CHARACTERS: Final = 72
#: The respondents' groups, and why a strand is worth discussing, are cut after this many.
_VOICES_CHARACTERS: Final = 200
#: Aspects, at most, whose rows the table gives, in framework order (the rest counted); fewer
#: when the page would run past two A4 pages (`summary_budget`).
ASPECT_ROWS: Final = 40
#: Above this many aspects the chart's axes are named by id only (the table has the titles),
#: and the table and the chart are stacked rather than side by side.
MANY_ASPECTS: Final = 8


def _cut(text: str, limit: int = _TITLE_CHARACTERS) -> str:
    """A text from a file or a plugin as the page shows it: escaped, and cut at a word."""
    return cut_shown(text, limit)


def _quoting(report: Report) -> Callable[[object], str]:
    """Text the engine or a plugin wrote (an action, an award's shortfall), each of the
    framework's ids it quotes shown as a name (`escaping.names_quoted`), before it is cut."""
    names = invisible_names(report.framework.ids)
    return lambda text: names_quoted(text, names, shown, shown_name)


def header_part(report: Report) -> list[str]:
    framework, assessment = report.framework, report.assessment
    school = assessment.school
    terms = framework.terms
    facts = [_cut(f"{terms.title(terms.subject)} {shown_name(school.id)}")]
    if says_something(school.authority):
        facts.append(_cut(school.authority, _ROW_CHARACTERS))  # one line of facts, or two
    facts.append(f"{_cut(framework.title, _ROW_CHARACTERS)} ({_cut(shown_name(framework.ref))})")
    facts.append(f"reviewed {assessment.assessed_on.isoformat()}")
    return [
        "<header>",
        f'<p class="kicker">{_cut(review_name(framework))}: summary for governors</p>',
        f"<h1>{_cut(school.name)}</h1>",
        f'<p class="meta">{" · ".join(facts)}</p>',
        "</header>",
    ]


def _score(report: Report, node_id: str | None) -> float | None:
    """The score shown beside a level: only in a framework with questions."""
    return report.profile.score(node_id) if report.profile.by_scores else None


def figures_part(report: Report) -> list[str]:
    framework, profile = report.framework, report.profile
    judged, of, absent = judged_counts(report)
    items = [
        (
            level_chip(framework, profile.overall, _score(report, None)),
            f"overall level ({_e(profile.policy)} of strands)",
        ),
        (f"{judged} of {of}", "strands judged"),
    ]
    if absent:  # not among those to judge (SPEC section 10), and said so
        items.append((str(absent), "not applicable"))
    comparison = report.comparison
    if comparison is not None:
        items.append(
            (
                f"{len(comparison.improved)} better, {len(comparison.regressed)} worse",
                f"strands since {_e(comparison.old_date.isoformat())}",
            )
        )
    if report.awards:
        met = sum(a.met for a in report.awards)
        items.append((f"{met} of {len(report.awards)}", "awards met"))
    body = "".join(
        f'<li><strong>{value}</strong><span class="key">{key}</span></li>' for value, key in items
    )
    return [f'<ul class="figures" aria-label="Key figures">{body}</ul>']


def aspects_part(
    report: Report,
    cohort: Mapping[str, int | None] | None,
    shown: int = ASPECT_ROWS,
    scored: Profile | None = None,
) -> list[str]:
    """The table of aspects: the first `shown` of them, in framework order, the rest counted;
    `scored`: the previous review's profile, if its caller has scored it already. An aspect
    none of whose strands applied then is `n/a` before, not a dash (never judged)."""
    framework, profile = report.framework, report.profile
    previous = scored
    if previous is None and report.previous is not None:
        previous = score(framework, report.previous, profile.policy)
    head = '<th scope="col">Aspect</th><th scope="col">This review</th>'
    if previous is not None:
        head += '<th scope="col">Before</th><th scope="col">Change</th>'
    if cohort is not None:
        head += '<th scope="col">Cohort median</th>'
    rows = []
    for aspect in framework.aspects[:shown]:
        level = profile.aspects.get(aspect.id)
        named = f"{shown_name(aspect.id)} {aspect.title}"
        cells = [
            f'<th scope="row">{cut_cell(named, _ROW_CHARACTERS)}</th>',
            f"<td>{level_chip(framework, level, _score(report, aspect.id))}</td>"
            if profile.applicable(aspect.id)
            else '<td><span class="same">not applicable</span></td>',
        ]
        if previous is not None:
            before = previous.aspects.get(aspect.id)
            absent = "–" if previous.applicable(aspect.id) else "n/a"
            cells.append(f"<td>{absent if before is None else _e(before)}</td>")
            cells.append(f'<td class="change">{change_mark(framework.scale, before, level)}</td>')
        if cohort is not None:
            median = cohort.get(aspect.id)
            cells.append(f"<td>{'–' if median is None else _e(median)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = len(framework.aspects) - shown
    if more > 0:
        rows.append(
            f'<tr><td colspan="{len(cells)}" class="more">and {more} more aspect(s) in the '
            "full report</td></tr>"
        )
    return [
        '<section id="aspects">',
        f"<h2>Where the {_cut(framework.terms.subject, _ROW_CHARACTERS)} stands</h2>",
        f"<table><thead><tr>{head}</tr></thead><tbody>",
        *rows,
        "</tbody></table>",
        "</section>",
    ]


def actions_part(report: Report, actions: int = ACTIONS) -> list[str]:
    """The first `actions` recommendations, in the report's order, the rest counted."""
    recommendations = report.recommendations
    shown = min(actions, len(recommendations))  # "The 5 ...", never five over a list of two
    heading = {0: "The most important actions", 1: "The most important action"}.get(
        shown, f"The {shown} most important actions"
    )
    out = ['<section id="actions">', f"<h2>{heading}</h2>"]
    if not recommendations:
        out += ["<p>No actions were recommended.</p>", "</section>"]
        return out
    out.append('<ol class="actions">')
    quoted = _quoting(report)
    for rec in recommendations[:actions]:
        priority = str(rec.priority)
        tone = priority if priority in ("high", "medium", "low") else "low"
        out.append(
            f"<li><strong>{_cut(quoted(rec.title))}</strong>"
            f'<span class="priority {tone}">{_e(priority)} priority</span>'
            f'<br><span class="meta">For {_cut(rec.audience)}</span>'
            f"<br>{_cut(quoted(rec.action), ACTION_CHARACTERS)}</li>"
        )
    out.append("</ol>")
    more = len(recommendations) - actions
    if more > 0:
        out.append(f'<p class="meta">{more} more recommendation(s) in the full report.</p>')
    out.append("</section>")
    return out


def progress_part(report: Report, listed: int = MOVED) -> list[str]:
    """Progress since the last review: the counts, and the first `listed` aspects that moved."""
    out = ['<section id="progress">', "<h2>Progress since the last review</h2>"]
    comparison = report.comparison
    if comparison is None:
        out += [
            "<p>This is the first review on record: there is nothing to compare with yet.</p>",
            "</section>",
        ]
        return out
    framework = report.framework
    out.append(
        f"<p>Since the review of {_e(comparison.old_date.isoformat())} ({comparison.days} "
        f"days): {len(comparison.improved)} strand(s) better, {len(comparison.regressed)} "
        f"worse, {len(comparison.unchanged)} the same"
        + (
            f", {len(comparison.newly_judged)} judged for the first time"
            if comparison.newly_judged
            else ""
        )
        + ".</p>"
    )
    if comparison.overall is not None:
        change = comparison.overall
        out.append(
            f"<p>Overall: level {_e(change.old)} then, level {_e(change.new)} now "
            f"({change_mark(framework.scale, change.old, change.new)}).</p>"
        )
    moved = [(a, c) for a, c in comparison.aspects.items() if c.change]
    if moved:
        out.append('<ul class="plain">')
        for aspect_id, change in moved[:listed]:
            node = framework.find(aspect_id)
            title = node.title if node is not None else ""
            out.append(
                f"<li>{_cut(f'{shown_name(aspect_id)} {title}', _ROW_CHARACTERS)}: "
                f"{_e(change.old)} → {_e(change.new)} "
                f"{change_mark(framework.scale, change.old, change.new)}</li>"
            )
        if len(moved) > listed:
            out.append(f"<li>and {len(moved) - listed} more aspects that moved</li>")
        out.append("</ul>")
    out.append("</section>")
    return out


def awards_part(report: Report, listed: int = AWARDS) -> list[str]:
    """The first `listed` awards, met or not, with what each misses; the rest counted."""
    out = ['<section id="awards">', "<h2>Awards</h2>"]
    quoted = _quoting(report)
    if not report.awards:
        out += ["<p>The framework declares no awards.</p>", "</section>"]
        return out
    for award in report.awards[:listed]:
        status = (
            '<span class="met">met</span>' if award.met else '<span class="unmet">not met</span>'
        )
        out.append(f'<div class="award"><strong>{_cut(award.title)}</strong>: {status}')
        if award.missing:
            shown_missing = award.missing[:_MISSING]
            out.append('<ul class="plain">')
            out += [f"<li>{_cut(quoted(s.text))}</li>" for s in shown_missing]
            if len(award.missing) > len(shown_missing):
                out.append(f"<li>and {len(award.missing) - len(shown_missing)} more</li>")
            out.append("</ul>")
        if not award.judged:
            out.append(f'<p class="plain">Met, but {NOTHING_JUDGED}.</p>')
        out.append("</div>")
    if len(report.awards) > listed:
        out.append(f"<p>and {len(report.awards) - listed} more in the full report</p>")
    out.append("</section>")
    return out


def voices_part(report: Report, listed: int = FLAGGED) -> list[str]:
    """The respondents' view: their groups, and the first `listed` strands worth discussing."""
    voices = report.voices
    if voices is None:
        return []
    framework = report.framework
    groups = ", ".join(f"{shown_name(g.group)} {g.respondents}" for g in voices.groups)
    out = [
        '<section id="voices">',
        "<h2>What staff, pupils and others said</h2>",
        f"<p>{voices.respondents} response(s) ({_cut(groups, _VOICES_CHARACTERS)}). A group shows "
        "a level only where "
        f"at least {voices.min_group} of it answered.</p>",
    ]
    flagged = voices.flagged
    if not flagged:
        out.append(
            "<p>The groups broadly agree with each other and with the school's judgement: no "
            "strand where they are two or more levels apart.</p>"
        )
    else:
        out.append(f"<p>Worth discussing ({len(flagged)}):</p>")
        out.append('<ul class="plain">')
        for strand in flagged[:listed]:
            node = framework.find(strand.strand)
            title = node.title if node is not None else ""
            reasons = "; ".join(flag_text(framework, strand, shown_name))
            named = f"{shown_name(strand.strand)} {title}"
            out.append(
                f"<li><strong>{_cut(named, _ROW_CHARACTERS)}</strong>: "
                f"{_cut(reasons, _VOICES_CHARACTERS)}</li>"
            )
        if len(flagged) > listed:
            out.append(f"<li>and {len(flagged) - listed} more in the full report</li>")
        out.append("</ul>")
    out.append("</section>")
    return out


def evidence_part(report: Report, strands: int = EVIDENCE_STRANDS) -> list[str]:
    """The evidence of the first `strands` strands that have some, the rest counted."""
    judged = [
        (strand, judgement.evidence)
        for strand in report.framework.strands
        if (judgement := report.assessment.judgements.get(strand.id)) is not None
        and judgement.evidence
    ]
    if not judged:
        return []
    out = [
        '<section id="evidence">',
        "<h2>Evidence behind the judgements</h2>",
        '<ul class="plain">',
    ]
    out += [
        f"<li><strong>{_cut(f'{shown_name(strand.id)} {strand.title}', _ROW_CHARACTERS)}</strong>: "
        f"{_cut(evidence or '', _EVIDENCE_CHARACTERS)}</li>"
        for strand, evidence in judged[:strands]
    ]
    out.append("</ul>")
    more = len(judged) - strands
    if more > 0:
        out.append(
            f'<p class="meta">The evidence of {more} more strand(s) is in the full report.</p>'
        )
    out.append("</section>")
    return out
