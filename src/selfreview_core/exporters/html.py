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

from html import escape
from typing import Final

from ..escaping import shown
from ..model.framework import Framework
from ..model.recommendation import Recommendation
from ..report import Report
from .chart import profile_chart
from .common import (
    StrandRow,
    by_audience,
    by_priority,
    change_mark,
    level_name,
    safe_links,
    strand_rows,
)
from .voices_html import voices_section

__all__ = ["CONTENT_SECURITY_POLICY", "render"]

#: Nothing may load or run: inline styles only.
CONTENT_SECURITY_POLICY: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)

_PRIORITY_CLASSES: Final = {"high": "high", "medium": "medium", "low": "low"}

STYLE: Final = """
:root{--ink:#1d2329;--muted:#5f6b76;--rule:#d5dbe1;--accent:#1f5f8b;--soft:#f3f6f9;
--high:#b42318;--medium:#b54708;--low:#1f5f8b;--better:#1a7f37;--worse:#b42318}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;max-width:60rem;padding:1.5rem 1.25rem 3rem;color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1,h2,h3,h4{line-height:1.25;margin:1.6em 0 .5em}
h1{font-size:1.9rem;margin-top:.2em}
h2{font-size:1.35rem;border-bottom:2px solid var(--accent);padding-bottom:.2em}
h3{font-size:1.15rem}
h4{font-size:1rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.kicker{margin:0;color:var(--accent);font-weight:600;text-transform:uppercase;
letter-spacing:.06em;font-size:.8rem}
.school{margin:.2em 0 1em;color:var(--muted)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.attribution{font-size:.85rem;color:var(--muted);margin:.8em 0 0}
.figures{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.2rem 0 0;padding:0;list-style:none}
.figures li{flex:1 1 9rem;background:var(--soft);border-radius:6px;padding:.6rem .8rem}
.figures strong{display:block;font-size:1.35rem}
.figures span{font-size:.85rem;color:var(--muted)}
figure{margin:0}
svg.chart{width:100%;height:auto;display:block}
figcaption{font-size:.85rem;color:var(--muted);margin-top:.4rem}
table{border-collapse:collapse;width:100%;font-size:.88rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .45rem;border-bottom:1px solid var(--rule)}
thead th{border-bottom:2px solid var(--ink)}
tr.group th{background:var(--soft);font-weight:600}
td.num,th.num{text-align:center;white-space:nowrap}
.better{color:var(--better);font-weight:600}
.worse{color:var(--worse);font-weight:600}
.same,.none{color:var(--muted)}
.rec{border:1px solid var(--rule);border-left:5px solid var(--low);border-radius:4px;
padding:.6rem .9rem;margin:.7rem 0;break-inside:avoid;page-break-inside:avoid}
.rec.high{border-left-color:var(--high)}
.rec.medium{border-left-color:var(--medium)}
.rec h5{font-size:1rem;margin:0 0 .3rem}
.rec p{margin:.35rem 0}
.meta{font-size:.82rem;color:var(--muted)}
.badge{display:inline-block;font-size:.72rem;font-weight:700;text-transform:uppercase;
letter-spacing:.04em;padding:.05rem .4rem;border-radius:3px;color:#fff;background:var(--low)}
.badge.high{background:var(--high)}
.badge.medium{background:var(--medium)}
.links{margin:.35rem 0 0;padding-left:1.2rem;font-size:.88rem}
a{color:var(--accent);overflow-wrap:anywhere}
.problems li{margin:.2rem 0}
.award{border:1px solid var(--rule);border-left:5px solid var(--worse);border-radius:4px;
padding:.5rem .9rem;margin:.6rem 0;break-inside:avoid;page-break-inside:avoid}
.award.met{border-left-color:var(--better)}
.award h3{font-size:1rem;margin:0 0 .3rem}
.award p,.award ul{margin:.3rem 0}
footer{margin-top:2.5rem;font-size:.8rem;color:var(--muted);border-top:1px solid var(--rule);
padding-top:.5rem}
@page{size:A4;margin:16mm 14mm 18mm}
col.strand{width:21%}col.level{width:8%}col.descriptor{width:37%}col.evidence{width:22%}
col.before,col.change{width:6%}
@media print{
body{max-width:none;padding:0;font-size:9.5pt}
h1{font-size:20pt}
h2{font-size:14pt;margin-top:1.2em}
.figures{flex-wrap:nowrap;gap:.5rem;margin-top:.8rem}
.figures li{flex:1 1 0;padding:.35rem .55rem}
.figures strong{font-size:13pt}
table{font-size:8.5pt}
h2,h3,h4,h5{break-after:avoid;page-break-after:avoid}
figure,tr,.figures li{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
#strands{break-before:page;page-break-before:always}
tr.group{break-after:avoid;page-break-after:avoid}
a{color:inherit;text-decoration:none}
}
"""


def _e(text: object) -> str:
    """Text for HTML, in an element or an attribute: markup escaped, control characters
    shown (`escaping.shown`), since the page may be printed to a terminal too."""
    return escape(shown(text), quote=True)


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
        '<p class="kicker">ICT self-review report</p>',
        f"<h1>{_e(school.name)}</h1>",
        '<p class="school">School '
        + _e(school.id)
        + (f" · {_e(school.authority)}" if school.authority else "")
        + "</p>",
        '<dl class="facts">',
    ]
    byline = ", ".join(_e(p) for p in (framework.publisher, framework.year) if p)
    out.append(
        f"<dt>Framework</dt><dd>{_e(framework.title)} ({_e(framework.ref)})"
        + (f", {byline}" if byline else "")
        + "</dd>"
    )
    reviewed = _e(assessment.assessed_on.isoformat())
    if assessment.assessor:
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
    if framework.source:
        attribution.append(f"Source: {_e(framework.source)}")
    if framework.licence:
        attribution.append(f"Licence: {_e(framework.licence)}")
    if attribution:
        out.append(f'<p class="attribution">{". ".join(attribution)}</p>')
    out.append("</header>")
    return out


def _figures(report: Report) -> list[str]:
    framework, profile = report.framework, report.profile
    figures = [
        (level_name(framework, profile.overall), f"overall level ({profile.policy})"),
        (f"{len(profile.judged)} of {len(framework)}", "strands judged"),
    ]
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
    headers = ["Strand", "Level", "Where the school is", "Evidence"]
    out = ['<section id="strands">', "<h2>Strand by strand</h2>", "<table>", "<colgroup>"]
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
            summary = "" if level is None else f" — aspect level {_e(level_name(framework, level))}"
            out.append(
                f'<tr class="group"><th colspan="{columns}" scope="colgroup">'
                f"{_e(row.aspect.id)} {_e(row.aspect.title)}{summary}</th></tr>"
            )
        evidence = None if row.judgement is None else row.judgement.evidence
        level_cell = (
            '<span class="none">not judged</span>'
            if row.level is None
            else _e(level_name(framework, row.level))
        )
        cells = [
            f'<th scope="row">{_e(row.strand.id)} {_e(row.strand.title)}</th>',
            f'<td class="num">{level_cell}</td>',
            f"<td>{_e(row.descriptor or '')}</td>",
            f"<td>{_e(evidence or '')}</td>",
        ]
        if compared:
            before = (
                '<span class="none">–</span>'
                if row.previous is None
                else _e(level_name(framework, row.previous))
            )
            cells += [f'<td class="num">{before}</td>', f'<td class="num">{_change(row)}</td>']
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody></table>", "</section>"]
    return out


def _targets(framework: Framework, targets: tuple[str, ...]) -> str:
    names = []
    for target in targets:
        node = framework.find(target) if isinstance(target, str) else None
        names.append(_e(target) + (f" {_e(node.title)}" if node is not None else ""))
    return "; ".join(names)


def _recommendation(framework: Framework, rec: Recommendation) -> list[str]:
    priority = _PRIORITY_CLASSES.get(str(rec.priority), "other")
    meta = [f'<span class="badge {priority}">{_e(rec.priority)}</span>']
    if rec.targets:
        meta.append(f"About: {_targets(framework, rec.targets)}")
    out = [
        f'<article class="rec {priority}">',
        f"<h5>{_e(rec.title)}</h5>",
        f'<p class="meta">{" · ".join(meta)}</p>',
        f"<p>{_e(rec.action)}</p>",
    ]
    if rec.rationale:
        out.append(f"<p><strong>Why:</strong> {_e(rec.rationale)}</p>")
    credits = ", ".join(_e(s) for s in (rec.sources or (rec.source,)) if s)
    source = "; ".join(p for p in (credits, _e(rec.reference or "")) if p)
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
    out.append("</article>")
    return out


def _recommendations(report: Report) -> list[str]:
    framework = report.framework
    out = ['<section id="recommendations">', "<h2>What to do next</h2>"]
    if not report.recommendations:
        out.append("<p>No recommendations.</p>")
    for audience, recs in by_audience(report.recommendations):
        out.append('<section class="audience">')
        out.append(f"<h3>For {_e(audience)} ({len(recs)})</h3>")
        for priority, group in by_priority(recs):
            out.append(f"<h4>{_e(priority.capitalize())} priority</h4>")
            for rec in group:
                out += _recommendation(framework, rec)
        out.append("</section>")
    out.append("</section>")
    return out


def _awards(report: Report) -> list[str]:
    if not report.awards:
        return []
    out = ['<section id="awards">', "<h2>Awards</h2>"]
    for award in report.awards:
        status = (
            '<span class="better">met</span>' if award.met else '<span class="worse">not met</span>'
        )
        out.append(f'<article class="award{" met" if award.met else ""}">')
        out.append(f"<h3>{_e(award.title)}: {status}</h3>")
        out.append(f'<p class="meta">Requires: {_e(award.requirement)}</p>')
        if award.missing:
            out.append("<ul>")
            out += [f"<li>{_e(shortfall.text)}</li>" for shortfall in award.missing]
            out.append("</ul>")
        out.append("</article>")
    out.append("</section>")
    return out


def _problems(report: Report) -> list[str]:
    if not report.problems:
        return []
    out = [
        '<section id="problems">',
        "<h2>Problems</h2>",
        "<p>The report stands without the plugins' work that failed:</p>",
        '<ul class="problems">',
    ]
    out += [
        f"<li><strong>{_e(p.severity)}</strong> {_e(p.source)}: {_e(p.message)}</li>"
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
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(school.name)} — ICT self-review, {_e(framework.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        *_header(report),
        "<main>",
        *_figures(report),
        '<section id="profile">',
        "<h2>Where the school stands</h2>",
        "<figure>",
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
        f"<footer>Made with selfreview-core from {_e(framework.ref)} and the review of "
        f"{_e(report.assessment.assessed_on.isoformat())}.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"
