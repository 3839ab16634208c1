"""The `html` exporter: one self-contained page to read in a browser or print on A4.

The school and framework header, the key figures, the profile as an inline SVG chart
(`chart.profile_chart`, which marks each award's threshold), the awards the framework
declares (met or not, and what is missing), a strand-by-strand table, the recommendations
grouped by audience
(senior leadership, governors, parents, local authority, then any other) and within each
by priority, and any problems the plugins had.

Safety: every piece of text from a file or a plugin goes through `html.escape(quote=True)`,
in text and in attributes alike (ids too: the id pattern allows `< > & "`), after
`escaping.shown`, so a control character shows as `\\x1b` and never reaches a terminal the
page is printed to. Links are written only when `recommendation.safe_link`
allows them (http, https and mailto), with `rel="noopener noreferrer"`; any other link is
left out and counted. The page loads nothing: no script, no external style sheet, font or
image, and a Content-Security-Policy that forbids them all, so even a mistake here could
not run a script or call out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from ..award_check import NOTHING_JUDGED
from ..escaping import invisible_names, names_quoted, quotes_shown
from ..escaping import shown_html as _e
from ..escaping import shown_html_name as _n
from ..model.framework import Framework
from ..model.recommendation import Recommendation
from ..model.unseen import said, says_something
from ..report import Report
from .chart import profile_chart
from .common import (
    StrandRow,
    by_audience,
    by_priority,
    change_mark,
    judged_counts,
    level_name,
    review_name,
    safe_links,
    standing,
    strand_rows,
)
from .html_style import STYLE
from .shell import CONTENT_SECURITY_POLICY, html_page
from .voices_html import voices_section

__all__ = ["CONTENT_SECURITY_POLICY", "render"]

# `low` is left unstyled (html_style): a low card and badge look as every card does.
_PRIORITY_CLASSES: Final = {"high": "high", "medium": "medium", "low": "low"}
#: How many actions the page puts first, in full; the others are folded.
FIRST: Final = 5


def _quoting(framework: Framework) -> Callable[[object], str]:
    """Text the engine or a plugin wrote (a title, an action, a reason, an award's
    requirement) for the page, each of the framework's ids it quotes shown as a name."""
    names = invisible_names(framework.ids)
    return lambda text: names_quoted(text, names, _e, _n)


def _change(row: StrandRow) -> str:
    mark = change_mark(row)
    if mark is None:
        return ""
    text, tone = mark
    return f'<span class="{tone}">{_e(text)}</span>'


def _header(report: Report) -> list[str]:
    framework, assessment = report.framework, report.assessment
    school = assessment.school
    out = [
        "<header>",
        f'<p class="kicker">{_e(review_name(framework))} report</p>',
        f"<h1>{_e(school.name)}</h1>",
        f'<p class="school">{_e(framework.terms.title(framework.terms.subject))} '
        + _n(school.id)
        + (f" · {_e(school.authority)}" if says_something(school.authority) else "")
        + "</p>",
        '<dl class="facts">',
    ]
    byline = ", ".join(map(_e, said(framework.publisher, framework.year)))
    out.append(
        f"<dt>Framework</dt><dd>{_e(framework.title)} ({_n(framework.ref)})"
        + (f", {byline}" if byline else "")
        + "</dd>"
    )
    reviewed = _e(assessment.assessed_on.isoformat())
    if says_something(assessment.assessor):
        reviewed += f" by {_e(assessment.assessor)}"
    out.append(f"<dt>Reviewed</dt><dd>{reviewed}</dd>")
    if report.previous is not None:
        days = (assessment.assessed_on - report.previous.assessed_on).days
        out.append(
            f"<dt>Compared with</dt><dd>the review of "
            f"{_e(report.previous.assessed_on.isoformat())} ({days} days earlier)</dd>"
        )
    out.append(f"<dt>Scale</dt><dd>{_e(framework.scale.describe())}</dd>")
    out.append("</dl>")
    attribution = []
    if says_something(framework.source):
        attribution.append(f"Source: {_e(framework.source)}")
    if says_something(framework.licence):
        attribution.append(f"Licence: {_e(framework.licence)}")
    if attribution:
        out.append(f'<p class="attribution">{". ".join(attribution)}</p>')
    out.append("</header>")
    return out


def _figures(report: Report) -> list[str]:
    framework, profile = report.framework, report.profile
    judged, of, absent = judged_counts(report)
    figures = [
        (standing(framework, profile, None), f"overall level ({profile.policy})"),
        (f"{judged} of {of}", "strands judged"),
    ]
    if absent:
        figures.append((str(absent), "not applicable"))
    comparison = report.comparison
    if comparison is not None:
        figures += [
            (str(len(comparison.improved)), "strands improved"),
            (str(len(comparison.regressed)), "strands fell back"),
        ]
    high = sum(1 for r in report.recommendations if r.priority == "high")
    figures.append((str(len(report.recommendations)), f"recommendations, {high} high priority"))
    items = "".join(f"<li><strong>{_e(v)}</strong><span>{_e(k)}</span></li>" for v, k in figures)
    return [f'<ul class="figures" aria-label="Key figures">{items}</ul>']


def _table(report: Report, rows: list[StrandRow]) -> list[str]:
    framework = report.framework
    compared = report.previous is not None
    headers = ["Strand", "Level", f"Where the {_e(framework.terms.subject)} is", "Evidence"]
    out = ['<section id="strands">', "<h2>Strand by strand</h2>", '<table class="strands">']
    out.append("<colgroup>")
    names = ["strand", "level", "descriptor", "evidence"] + (
        ["before", "change"] if compared else []
    )
    out += [f'<col class="{name}">' for name in names]
    out += ["</colgroup>", "<thead><tr>"]
    out += [f'<th scope="col">{h}</th>' for h in headers]
    if compared:
        out += [
            '<th scope="col" class="num">Before</th>',
            '<th scope="col" class="num">Change</th>',
        ]
    out.append("</tr></thead><tbody>")
    columns = len(headers) + (2 if compared else 0)
    aspect_id = None
    for row in rows:
        if row.aspect.id != aspect_id:
            aspect_id = row.aspect.id
            level = report.profile.aspects.get(aspect_id)
            said = standing(framework, report.profile, aspect_id)
            word = "aspect " if report.profile.by_scores else "aspect level "
            summary = "" if level is None else f" — {word}{_e(said)}"
            out.append(
                f'<tr class="group"><th colspan="{columns}" scope="colgroup">'
                f"{_n(row.aspect.id)} {_e(row.aspect.title)}{summary}</th></tr>"
            )
        evidence = None if row.judgement is None else row.judgement.evidence
        said = standing(framework, report.profile, row.strand.id)
        level_cell = f'<span class="none">{_e(said)}</span>' if row.level is None else _e(said)
        cells = [
            f'<th scope="row">{_n(row.strand.id)} {_e(row.strand.title)}</th>',
            f'<td class="num" data-label="Level">{level_cell}</td>',
            f"<td>{_e(row.descriptor or '')}</td>",
            f'<td data-label="Evidence">{_e(evidence or "")}</td>',
        ]
        if compared:
            before = (
                f'<span class="none">{"–" if row.previous_applicable else "n/a"}</span>'
                if row.previous is None
                else _e(level_name(framework, row.previous))
            )
            cells += [
                f'<td class="num" data-label="Before">{before}</td>',
                f'<td class="num" data-label="Change">{_change(row)}</td>',
            ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody></table>", "</section>"]
    return out


def _targets(framework: Framework, targets: tuple[str, ...]) -> str:
    names = []
    for target in targets:
        node = framework.find(target) if isinstance(target, str) else None
        names.append(_n(target) + (f" {_e(node.title)}" if node is not None else ""))
    return "; ".join(names)


def _recommendation(
    framework: Framework, rec: Recommendation, number: int, *, folded: bool
) -> list[str]:
    """One card, `id="rec-N"` (N its place in the report). A `folded` card is a
    `<details>` showing its title, opened with a click (no script)."""
    quoted = _quoting(framework)
    priority = _PRIORITY_CLASSES.get(str(rec.priority), "other")
    badge = f'<span class="badge {priority}">{_e(rec.priority)}</span>'
    about = f"About: {_targets(framework, rec.targets)}" if rec.targets else ""
    if folded:  # the badge by the title, which is all a folded card shows
        out = [
            f'<details class="rec {priority}" id="rec-{number}">',
            f"<summary><h5>{quoted(rec.title)}</h5> {badge}</summary>",
        ]
        meta = [about] if about else []
    else:
        out = [
            f'<article class="rec {priority}" id="rec-{number}">',
            f"<h5>{quoted(rec.title)}</h5>",
        ]
        meta = [badge, *([about] if about else [])]
    if meta:
        out.append(f'<p class="meta">{" · ".join(meta)}</p>')
    out.append(f"<p>{quoted(rec.action)}</p>")
    if says_something(rec.rationale):
        out.append(f"<p><strong>Why:</strong> {quoted(rec.rationale)}</p>")
    credits = ", ".join(_n(s) for s in (rec.sources or (rec.source,)) if s)
    reference = _e(rec.reference) if says_something(rec.reference) else ""
    source = "; ".join(p for p in (credits, reference) if p)
    if source:
        out.append(f'<p class="meta"><strong>Source:</strong> {source}</p>')
    shown, withheld = safe_links(rec)
    if shown or withheld:
        out.append('<ul class="links">')
        out += [
            f'<li><a href="{_e(url)}" rel="noopener noreferrer">'
            f"{_e(url.removeprefix('mailto:'))}</a></li>"
            for url in shown
        ]
        if withheld:
            out.append(
                f'<li class="none">{withheld} link(s) left out: only http(s) and mailto '
                "links are shown</li>"
            )
        out.append("</ul>")
    out.append("</details>" if folded else "</article>")
    return out


def _first(report: Report) -> list[str]:
    """The five most important actions, at the top of the page: the report's first five
    (its order is by priority, then the framework's order), each a link to its card."""
    first = report.recommendations[:FIRST]
    if not first:
        return []
    quoted = _quoting(report.framework)
    out = ['<section class="first" id="first">', f"<h2>{len(first)} things to do first</h2>"]
    out.append("<ol>")
    for number, rec in enumerate(first, start=1):
        priority = _PRIORITY_CLASSES.get(str(rec.priority), "other")
        targets = f" ({', '.join(map(_n, rec.targets))})" if rec.targets else ""
        out.append(
            f'<li><a href="#rec-{number}">{quoted(rec.title)}</a>{targets} '
            f'<span class="badge {priority}">{_e(rec.priority)}</span></li>'
        )
    more = len(report.recommendations) - len(first)
    out.append("</ol>")
    if more:
        out.append(f'<p class="meta">{more} more below, folded: open any to read it.</p>')
    out.append("</section>")
    return out


def _recommendations(report: Report) -> list[str]:
    """Every recommendation by audience, then priority: the first five in full, the others
    (the per-strand next steps among them) folded."""
    framework = report.framework
    numbers = {rec.id: n for n, rec in enumerate(report.recommendations, start=1)}
    out = ['<section id="recommendations">', "<h2>What to do next</h2>"]
    if not report.recommendations:
        out.append("<p>No recommendations.</p>")
    for audience, recs in by_audience(report.recommendations):
        out.append('<section class="audience">')  # unstyled: audience (its h3 is)
        out.append(f"<h3>For {_e(audience)} ({len(recs)})</h3>")
        for priority, group in by_priority(recs):
            out.append(f"<h4>{_e(priority.capitalize())} priority</h4>")
            for rec in group:
                number = numbers[rec.id]
                out += _recommendation(framework, rec, number, folded=number > FIRST)
        out.append("</section>")
    out.append("</section>")
    return out


def _awards(report: Report) -> list[str]:
    if not report.awards:
        return []
    quoted = _quoting(report.framework)
    out = ['<section id="awards">', "<h2>Awards</h2>"]
    for award in report.awards:
        status = (
            '<span class="better">met</span>' if award.met else '<span class="worse">not met</span>'
        )
        out.append(f'<article class="award{" met" if award.met else ""}">')
        out.append(f"<h3>{_e(award.title)}: {status}</h3>")
        out.append(f'<p class="meta">Requires: {quoted(award.requirement)}</p>')
        if award.missing:
            out.append("<ul>")
            out += [f"<li>{quoted(shortfall.text)}</li>" for shortfall in award.missing]
            out.append("</ul>")
        if award.not_applicable:
            out.append('<ul class="not-applicable">')  # unstyled: not-applicable, as any list
            out += [f"<li>Not applicable: {quoted(n.text)}</li>" for n in award.not_applicable]
            out.append("</ul>")
        if not award.judged:
            out.append(f"<p>Met, but {NOTHING_JUDGED}.</p>")
        out.append("</article>")
    out.append("</section>")
    return out


def _problems(report: Report) -> list[str]:
    if not report.problems:
        return []
    out = [
        '<section id="problems">',
        "<h2>Problems</h2>",
        "<p>Met while making the report (it stands without any plugin's work that failed):</p>",
        '<ul class="problems">',
    ]
    out += [
        f"<li><strong>{_e(p.severity)}</strong> {_n(p.source)}: "
        f"{quotes_shown(p.message, _e, _n)}</li>"
        for p in report.problems
    ]
    out += ["</ul>", "</section>"]
    return out


def render(report: Report) -> str:
    """The whole page."""
    framework = report.framework
    school = report.assessment.school
    rows = strand_rows(report)
    caption = (
        "Each bar reaches the strand's level, on an axis from the worst level (left) to the "
        "best (right)."
    )
    if report.previous is not None:
        caption += (
            " The thinner, lighter bar is the previous review; ▲ and ▼ count the steps moved."
        )
    if report.framework.awards:
        caption += " A dashed mark is an award's threshold for the strand (hover for which)."
    body = [
        *_header(report),
        "<main>",
        *_figures(report),
        *_first(report),
        '<section id="profile">',
        f"<h2>Where the {_e(framework.terms.subject)} stands</h2>",
        '<figure class="chart-box">',
        profile_chart(report, rows),
        f"<figcaption>{_e(caption)}</figcaption>",
        "</figure>",
        "</section>",
        *_awards(report),
        *_table(report, rows),
        *([] if report.voices is None else voices_section(framework, report.voices)),
        *_recommendations(report),
        *_problems(report),
        "</main>",
        f"<footer>Made with selfreview-core from {_n(framework.ref)} and the review of "
        f"{_e(report.assessment.assessed_on.isoformat())}.</footer>",
    ]
    title = f"{school.name} — {review_name(framework)}, {framework.title}"
    return html_page(title, body, STYLE)
