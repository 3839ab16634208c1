"""The `summary` exporter: the governors' page (SPEC section 9).

A governing body acts on a review but needs two pages, not twelve. One self-contained HTML
page, no script, nothing loaded (the report's Content-Security-Policy), that prints on at
most two A4 pages and reads on a phone (one column on a narrow screen):

- the school, the framework and the date; the overall level and each aspect's level,
  coloured in the scale's direction (from red at the worst level, through amber, to green
  at the best) and always labelled in words beside the colour ("Level 3 Established,
  middle of 5 levels"), so no reader depends on the colour;
- a radar chart of the aspects (`radar`): this review, the previous one, the cohort's
  median when one is given, and each award's thresholds (a bar chart under three aspects);
- the five most important actions, in the report's own order (priority, then framework
  order), each action cut to `ACTION_CHARACTERS` characters so that the page stays short;
- progress since the last review, the award status, and (with `report --voices`) what the
  respondents said and where their views differ;
- no evidence text, unless asked (`with_evidence`; `report --format summary
  --with-evidence`): a school's evidence can name pupils and staff, and this page is
  handed out.

The cohort's median (`cohort`: aspect id -> level) comes from whoever has the cohort
(`report --cohort`); this module only draws it. Every piece of text from files and plugins
is escaped as in the HTML report (`html.escape` after `escaping.shown`); no link is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING, Final

from .escaping import shown
from .export_html import CONTENT_SECURITY_POLICY
from .exporters import render_summary
from .framework import Framework
from .radar import Series, radar_chart
from .report import Report
from .rules import AllOf, Condition, Test
from .scale import Scale
from .scoring import score
from .voices_views import flag_text

if TYPE_CHECKING:
    from .engine import Engine

__all__ = [
    "ACTIONS",
    "ACTION_CHARACTERS",
    "MANY_ASPECTS",
    "aspect_thresholds",
    "export",
    "level_colour",
    "level_words",
    "render",
]

#: How many actions the page lists: the most important, in the report's order.
ACTIONS: Final = 5
#: An action's text is cut (at a word) after this many characters.
ACTION_CHARACTERS: Final = 280
_EVIDENCE_CHARACTERS: Final = 220
_FLAGGED: Final = 4  # strands worth discussing, at most, listed on the page
_AWARDS: Final = 3  # awards, at most, listed on the page (the rest counted)
_MISSING: Final = 2  # what is missing from an award, at most, listed (the rest counted)
_MOVED: Final = 5  # aspects that moved, at most, listed under progress (the rest counted)
_TITLE_CHARACTERS: Final = 120
#: Above this many aspects the chart's axes are named by id only (the table has the titles),
#: and the table and the chart are stacked rather than side by side.
MANY_ASPECTS: Final = 8

_WORST, _MIDDLE, _BEST = (0xB4, 0x23, 0x18), (0xB7, 0x79, 0x1F), (0x1A, 0x7F, 0x37)

STYLE: Final = """
:root{--ink:#1d2329;--muted:#5f6b76;--rule:#d5dbe1;--accent:#1f5f8b;--soft:#f3f6f9}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;max-width:62rem;padding:1.2rem 1rem 2rem;color:var(--ink);
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:1.7em;margin:.1em 0 .1em;line-height:1.2}
h2{font-size:1.12em;margin:1.1em 0 .45em;border-bottom:2px solid var(--accent);
padding-bottom:.15em;break-after:avoid;page-break-after:avoid}
p{margin:.35em 0}
.kicker{margin:0;color:var(--accent);font-weight:700;text-transform:uppercase;
letter-spacing:.06em;font-size:.78em}
.meta{color:var(--muted);font-size:.88em}
.figures{display:flex;flex-wrap:wrap;gap:.6rem;margin:.9rem 0 0;padding:0;list-style:none}
.figures li{flex:1 1 11rem;background:var(--soft);border-radius:6px;padding:.5rem .7rem}
.figures strong{display:block;font-size:1.05em}
.figures .key{display:block;font-size:.82em;color:var(--muted)}
.figures .level{font-size:1em}
.level{display:inline-block;border-left:.45rem solid;border-radius:4px;padding:.05rem .45rem;
font-weight:600;line-height:1.3}
.level small{display:block;font-weight:400;color:var(--ink);font-size:.78em}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,19rem),1fr));gap:1rem;
align-items:start}
table{border-collapse:collapse;width:100%;font-size:.88em}
th,td{text-align:left;vertical-align:top;padding:.3rem .4rem;border-bottom:1px solid var(--rule)}
thead th{border-bottom:2px solid var(--ink);font-size:.8em}
td.change{white-space:nowrap}
.better{color:#1a7f37;font-weight:600}.worse{color:#b42318;font-weight:600}.same{color:var(--muted)}
figure{margin:0}
svg.radar{width:100%;height:auto;max-height:24rem;display:block}
.stack svg.radar{max-height:30rem}
figcaption{font-size:.8em;color:var(--muted)}
ol.actions{margin:.2rem 0;padding-left:1.3rem}
ol.actions li{margin:.35rem 0;break-inside:avoid;page-break-inside:avoid}
.priority{font-size:.72em;font-weight:700;text-transform:uppercase;letter-spacing:.04em;
padding:.02rem .35rem;border-radius:3px;border:1px solid currentColor;margin-left:.3rem}
.priority.high{color:#b42318}.priority.medium{color:#b54708}.priority.low{color:var(--accent)}
ul.plain{margin:.2rem 0;padding-left:1.1rem}
.award{margin:.3rem 0}
.met{color:#1a7f37;font-weight:700}.unmet{color:#b42318;font-weight:700}
footer{margin-top:1.2rem;font-size:.75em;color:var(--muted);border-top:1px solid var(--rule);
padding-top:.4rem}
@page{size:A4;margin:12mm 13mm 13mm}
@media (max-width:36rem){body{padding:.8rem .7rem;font-size:14px}h1{font-size:1.4em}
.figures li{flex-basis:100%}table{font-size:.82em}}
@media print{body{max-width:none;padding:0;font-size:8.6pt;line-height:1.35}
h1{font-size:15pt}h2{font-size:10.5pt;margin:.7em 0 .25em}
.figures{flex-wrap:nowrap;gap:.4rem;margin-top:.5rem}.figures li{padding:.3rem .45rem}
.figures strong{font-size:9.5pt}table{font-size:8pt}th,td{padding:.15rem .3rem}
.grid{grid-template-columns:1fr 1fr;gap:.8rem}
.level{padding:0 .3rem;white-space:nowrap}.level small{display:inline;margin-left:.3em}
svg.radar{max-height:82mm}.stack svg.radar{max-height:72mm}
section{break-inside:auto}
}
"""


def _e(text: object) -> str:
    return escape(shown(text), quote=True)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def level_colour(scale: Scale, level: int) -> tuple[str, str]:
    """(the colour, a pale tint of it for a background) of `level`: red at the worst level,
    amber in the middle, green at the best, whichever way the scale's numbers run."""
    progress = scale.progress(level)
    rgb = (
        _mix(_WORST, _MIDDLE, progress * 2)
        if progress <= 0.5
        else _mix(_MIDDLE, _BEST, (progress - 0.5) * 2)
    )
    return _hex(rgb), _hex(_mix(rgb, (255, 255, 255), 0.86))


def level_words(scale: Scale, level: int) -> str:
    """Where `level` stands, in words: "lowest of 5 levels", "2nd lowest of 5 levels",
    "middle of 5 levels", "2 of 6 steps up from the lowest level", "highest of 5 levels"."""
    rank, top, size = scale.rank(level), scale.size - 1, scale.size
    if rank == 0:
        return f"lowest of {size} levels"
    if rank == top:
        return f"highest of {size} levels"
    if 2 * rank == top:
        return f"middle of {size} levels"
    if rank == 1:
        return f"2nd lowest of {size} levels"
    if rank == top - 1:
        return f"2nd highest of {size} levels"
    return f"{rank} of {top} steps up from the lowest level"


def _level(framework: Framework, level: int | None) -> str:
    """A level's chip: colour, number and name, and its place in words."""
    if level is None:
        return '<span class="same">not judged</span>'
    scale = framework.scale
    colour, tint = level_colour(scale, level)
    label = scale.labels.get(level)
    name = f"Level {level}" + (f" {label}" if label else "")
    return (
        f'<span class="level" style="border-color:{colour};background:{tint}">{_e(name)}'
        f"<small>{_e(level_words(scale, level))}</small></span>"
    )


def _change(scale: Scale, old: int | None, new: int | None) -> str:
    if old is None or new is None:
        return '<span class="same">–</span>'
    steps = scale.change(old, new)
    if steps > 0:
        return f'<span class="better">▲ {steps} better</span>'
    if steps < 0:
        return f'<span class="worse">▼ {-steps} worse</span>'
    return '<span class="same">= the same</span>'


def _reached(condition: Condition) -> list[Test]:
    if isinstance(condition, Test):
        return [condition] if condition.operator[0] == "reached" else []
    if isinstance(condition, AllOf):
        return [t for child in condition.all for t in _reached(child)]
    return []  # `any` and `not` set no single threshold


def aspect_thresholds(framework: Framework) -> list[tuple[str, dict[str, int]]]:
    """(award title, aspect id -> the level it needs) for each award that names aspects in
    `reached` tests its requirement needs (not inside `any` or `not`)."""
    out = []
    for award in framework.awards:
        needs: dict[str, int] = {}
        for test in _reached(award.require):
            kind, node_id = test.subject
            if kind == "aspect":
                needs[node_id] = test.operator[1]
        if needs:
            out.append((award.title, needs))
    return out


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _header(report: Report) -> list[str]:
    framework, assessment = report.framework, report.assessment
    school = assessment.school
    facts = [f"School {school.id}"]
    if school.authority:
        facts.append(school.authority)
    facts.append(f"{framework.title} ({framework.ref})")
    facts.append(f"reviewed {assessment.assessed_on.isoformat()}")
    return [
        "<header>",
        '<p class="kicker">ICT self-review: summary for governors</p>',
        f"<h1>{_e(school.name)}</h1>",
        f'<p class="meta">{" · ".join(_e(f) for f in facts)}</p>',
        "</header>",
    ]


def _figures(report: Report) -> list[str]:
    framework, profile = report.framework, report.profile
    items = [
        (_level(framework, profile.overall), f"overall level ({_e(profile.policy)} of strands)"),
        (f"{len(profile.judged)} of {len(framework)}", "strands judged"),
    ]
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


def _aspects(report: Report, cohort: Mapping[str, int | None] | None) -> list[str]:
    framework, profile = report.framework, report.profile
    previous = None
    if report.previous is not None:
        previous = score(framework, report.previous, profile.policy).aspects
    head = '<th scope="col">Aspect</th><th scope="col">This review</th>'
    if previous is not None:
        head += '<th scope="col">Before</th><th scope="col">Change</th>'
    if cohort is not None:
        head += '<th scope="col">Cohort median</th>'
    rows = []
    for aspect in framework.aspects:
        level = profile.aspects.get(aspect.id)
        cells = [
            f'<th scope="row">{_e(aspect.id)} {_e(aspect.title)}</th>',
            f"<td>{_level(framework, level)}</td>",
        ]
        if previous is not None:
            before = previous.get(aspect.id)
            cells.append(f"<td>{'–' if before is None else _e(before)}</td>")
            cells.append(f'<td class="change">{_change(framework.scale, before, level)}</td>')
        if cohort is not None:
            median = cohort.get(aspect.id)
            cells.append(f"<td>{'–' if median is None else _e(median)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return [
        '<section id="aspects">',
        "<h2>Where the school stands</h2>",
        f"<table><thead><tr>{head}</tr></thead><tbody>",
        *rows,
        "</tbody></table>",
        "</section>",
    ]


def _chart(report: Report, cohort: Mapping[str, int | None] | None) -> list[str]:
    framework, profile = report.framework, report.profile
    aspects = framework.aspects
    scale = framework.scale
    series = [
        Series(
            f"This review ({report.assessment.assessed_on.isoformat()})",
            tuple(profile.aspects.get(a.id) for a in aspects),
        )
    ]
    if report.previous is not None:
        before = score(framework, report.previous, profile.policy).aspects
        series.append(
            Series(
                f"Previous review ({report.previous.assessed_on.isoformat()})",
                tuple(before.get(a.id) for a in aspects),
                "previous",
            )
        )
    if cohort is not None:
        values = tuple(cohort.get(a.id) for a in aspects)
        series.append(
            Series("Cohort median", tuple(v if v in scale else None for v in values), "cohort")
        )
    for title, needs in aspect_thresholds(framework)[:2]:
        series.append(
            Series(f"{title}: threshold", tuple(needs.get(a.id) for a in aspects), "threshold")
        )
    many = len(aspects) > MANY_ASPECTS
    svg = radar_chart(
        scale,
        [a.id if many else f"{a.id} {a.title}" for a in aspects],
        series,
        title=f"Aspects of {report.assessment.school.name}",
        css_class="radar",
    )
    return [
        '<section id="chart">',
        "<h2>The aspects at a glance</h2>",
        "<figure>",
        svg,
        "<figcaption>Each aspect's level: further from the centre is better."
        + (" Axes are named by aspect id (see the table)." if many else "")
        + "</figcaption>",
        "</figure>",
        "</section>",
    ]


def _actions(report: Report) -> list[str]:
    recommendations = report.recommendations
    out = ['<section id="actions">', f"<h2>The {ACTIONS} most important actions</h2>"]
    if not recommendations:
        out += ["<p>No actions were recommended.</p>", "</section>"]
        return out
    out.append('<ol class="actions">')
    for rec in recommendations[:ACTIONS]:
        priority = str(rec.priority)
        tone = priority if priority in ("high", "medium", "low") else "low"
        out.append(
            f"<li><strong>{_e(_cut(str(rec.title), _TITLE_CHARACTERS))}</strong>"
            f'<span class="priority {tone}">{_e(priority)} priority</span>'
            f'<br><span class="meta">For {_e(rec.audience)}</span>'
            f"<br>{_e(_cut(str(rec.action), ACTION_CHARACTERS))}</li>"
        )
    out.append("</ol>")
    more = len(recommendations) - ACTIONS
    if more > 0:
        out.append(f'<p class="meta">{more} more recommendation(s) in the full report.</p>')
    out.append("</section>")
    return out


def _progress(report: Report) -> list[str]:
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
            f"({_change(framework.scale, change.old, change.new)}).</p>"
        )
    moved = [(a, c) for a, c in comparison.aspects.items() if c.change]
    if moved:
        out.append('<ul class="plain">')
        for aspect_id, change in moved[:_MOVED]:
            node = framework.find(aspect_id)
            title = node.title if node is not None else ""
            out.append(
                f"<li>{_e(aspect_id)} {_e(title)}: {_e(change.old)} → {_e(change.new)} "
                f"{_change(framework.scale, change.old, change.new)}</li>"
            )
        if len(moved) > _MOVED:
            out.append(f"<li>and {len(moved) - _MOVED} more aspects that moved</li>")
        out.append("</ul>")
    out.append("</section>")
    return out


def _awards(report: Report) -> list[str]:
    out = ['<section id="awards">', "<h2>Awards</h2>"]
    if not report.awards:
        out += ["<p>The framework declares no awards.</p>", "</section>"]
        return out
    for award in report.awards[:_AWARDS]:
        status = (
            '<span class="met">met</span>' if award.met else '<span class="unmet">not met</span>'
        )
        out.append(f'<div class="award"><strong>{_e(award.title)}</strong>: {status}')
        if award.missing:
            shown_missing = award.missing[:_MISSING]
            out.append('<ul class="plain">')
            out += [f"<li>{_e(_cut(s.text, _TITLE_CHARACTERS))}</li>" for s in shown_missing]
            if len(award.missing) > len(shown_missing):
                out.append(f"<li>and {len(award.missing) - len(shown_missing)} more</li>")
            out.append("</ul>")
        out.append("</div>")
    if len(report.awards) > _AWARDS:
        out.append(f"<p>and {len(report.awards) - _AWARDS} more in the full report</p>")
    out.append("</section>")
    return out


def _voices(report: Report) -> list[str]:
    voices = report.voices
    if voices is None:
        return []
    framework = report.framework
    groups = ", ".join(f"{g.group} {g.respondents}" for g in voices.groups)
    out = [
        '<section id="voices">',
        "<h2>What staff, pupils and others said</h2>",
        f"<p>{voices.respondents} response(s) ({_e(groups)}). A group shows a level only where "
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
        for strand in flagged[:_FLAGGED]:
            node = framework.find(strand.strand)
            title = node.title if node is not None else ""
            reasons = "; ".join(flag_text(framework, strand))
            out.append(f"<li><strong>{_e(strand.strand)} {_e(title)}</strong>: {_e(reasons)}</li>")
        if len(flagged) > _FLAGGED:
            out.append(f"<li>and {len(flagged) - _FLAGGED} more in the full report</li>")
        out.append("</ul>")
    out.append("</section>")
    return out


def _evidence(report: Report) -> list[str]:
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
        f"<li><strong>{_e(strand.id)} {_e(strand.title)}</strong>: "
        f"{_e(_cut(evidence or '', _EVIDENCE_CHARACTERS))}</li>"
        for strand, evidence in judged
    ]
    out += ["</ul>", "</section>"]
    return out


def render(
    report: Report,
    *,
    with_evidence: bool = False,
    cohort: Mapping[str, int | None] | None = None,
) -> str:
    """The governors' page. `cohort` maps aspect ids to the cohort's median level (drawn in
    the chart and the table); `with_evidence` adds the evidence, each cut short."""
    framework = report.framework
    school = report.assessment.school
    problems = ""
    if report.problems:
        problems = (
            f'<p class="meta">{len(report.problems)} plugin problem(s) while making the report: '
            "see the full report.</p>"
        )
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(school.name)} — ICT self-review summary for governors</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        *_header(report),
        "<main>",
        *_figures(report),
        f'<div class="{"stack" if len(framework.aspects) > MANY_ASPECTS else "grid"}">',
        *_aspects(report, cohort),
        *_chart(report, cohort),
        "</div>",
        *_actions(report),
        '<div class="grid">',
        *_progress(report),
        *_awards(report),
        "</div>",
        *_voices(report),
        *(_evidence(report) if with_evidence else []),
        problems,
        "</main>",
        f"<footer>Made with selfreview-core from {_e(framework.ref)} and the review of "
        f"{_e(report.assessment.assessed_on.isoformat())}. Levels are coloured from red (the "
        "lowest) to green (the highest) and always named in words. The full report "
        "(<code>selfreview report --format html</code>) has every strand and recommendation."
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(line for line in out if line) + "\n"


def export(engine: Engine, report: Report, name: str, *, with_evidence: bool) -> str | bytes:
    """`engine.export(report, name)`, except that the built-in summary (which leaves the
    evidence out, whatever the report carries) shows it `with_evidence`: what `report
    --format summary --with-evidence` asks for. A plugin's exporter of the same name is
    left to itself."""
    if name == "summary" and with_evidence and engine.exporter(name).render is render_summary:
        return render(report, with_evidence=True)
    return engine.export(report, name)
