"""The `summary` exporter: the governors' page (SPEC section 9).

A governing body acts on a review but needs two pages, not twelve. One self-contained HTML
page, no script, nothing loaded (the report's Content-Security-Policy), that prints on at
most two A4 pages and reads on a phone (one column on a narrow screen):

- the school, the framework and the date; the overall level and each aspect's level,
  coloured in the scale's direction (from red at the worst level, through amber, to green
  at the best) and always labelled in words beside the colour ("Level 3 Established,
  middle of 5 levels"), so no reader depends on the colour;
- a radar chart of the aspects (`radar`): this review, the previous one, the cohort's
  median when one is given, and the aspect thresholds of the framework's first two awards
  (a bar chart under three aspects; the first `summary_chart.RADAR_SPOKES` aspects, said so
  in its caption, where more could not be read);
- the five most important actions, in the report's own order (priority, then framework
  order), each action cut to `ACTION_CHARACTERS` characters so that the page stays short;
- progress since the last review, the award status, and (with `report --voices`) what the
  respondents said and where their views differ;
- every list shorter when the page would still run past two A4 pages (`summary_budget`
  measures it as it is made), each saying how many more the full report has;
- no evidence text, unless asked (`with_evidence`; `report --format summary
  --with-evidence`): a school's evidence can name pupils and staff, and this page is
  handed out.

The cohort's median (`cohort`: aspect id -> level) comes from whoever has the cohort
(`report --cohort`); this module only draws it. Every piece of text from files and plugins
is escaped as in the HTML report (`html.escape` after `escaping.shown`); no link is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from ..escaping import shown_html as _e
from ..escaping import shown_name
from ..report import Report
from ..scoring.profiles import score
from .common import review_name
from .shell import html_page
from .summary_budget import BUDGET, Heights, page_height
from .summary_chart import chart_part
from .summary_levels import cut_shown, cut_text
from .summary_sections import (
    ACTIONS,
    ASPECT_ROWS,
    AWARDS,
    EVIDENCE_STRANDS,
    FLAGGED,
    MANY_ASPECTS,
    MOVED,
    actions_part,
    aspects_part,
    awards_part,
    evidence_part,
    figures_part,
    header_part,
    progress_part,
    voices_part,
)

__all__ = ["STYLE", "render"]

STYLE: Final = """
:root{--ink:#1d2329;--muted:#5f6b76;--rule:#d5dbe1;--accent:#1f5f8b;--soft:#f3f6f9}
*{box-sizing:border-box}
h1,h2,p,li,figcaption,footer{overflow-wrap:anywhere}
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
.level.long{white-space:normal}.level.long small{display:block;margin-left:0}
svg.radar{max-height:82mm}.stack svg.radar{max-height:72mm}
section{break-inside:auto}
}
"""


def render(
    report: Report,
    *,
    with_evidence: bool = False,
    cohort: Mapping[str, int | None] | None = None,
) -> str:
    """The governors' page. `cohort` maps aspect ids to the cohort's median level (drawn in
    the chart and the table); `with_evidence` adds the evidence, each cut short.

    Made with every list at its cap, then, while `summary_budget` finds it longer than two
    A4 pages, with one list shorter, in the order of `_GIVE_WAY` (each says how many it
    left out): SPEC section 9's two pages hold for any framework and any text."""
    parts = _Parts(report, cohort, with_evidence=with_evidence)
    limits = {
        "evidence": EVIDENCE_STRANDS,
        "flagged": FLAGGED,
        "actions": ACTIONS,
        "rows": min(ASPECT_ROWS, len(report.framework.aspects)),
        "awards": AWARDS,
        "moved": MOVED,
    }
    known: Heights = {}  # the blocks measured in one trial, the same in the next

    def made(**changed: int) -> str | None:
        """The page with `changed` limits, if it fits."""
        chosen = {**limits, **changed}
        return (
            _page(parts, chosen) if page_height(_measured(parts, chosen), known) <= BUDGET else None
        )

    page = made()
    for name, floor in _GIVE_WAY:
        if page is not None:
            return page
        if limits[name] <= floor:
            continue
        # The most that fits, between the floor (which may not) and what did not fit: the
        # height grows with each item kept.
        low, high = floor, limits[name] - 1
        page = made(**{name: low})
        while page is not None and low < high:
            middle = (low + high + 1) // 2
            if (bigger := made(**{name: middle})) is None:
                high = middle - 1
            else:
                low, page = middle, bigger
        limits[name] = low
    return page or _page(parts, limits)


#: The lists that give way when the page is too long, in turn, and the fewest each keeps:
#: the evidence and the strands worth discussing first (the full report has them), then
#: the aspects' rows to eight, the actions to one, the rows to one, and at last the awards
#: and the aspects that moved to one each. (The actions were once cut to three first, then
#: to one: the most that fit is found between the floor and the cap, so it was the same.)
_GIVE_WAY: Final = (
    ("evidence", 1),
    ("flagged", 1),
    ("rows", 8),
    ("actions", 1),
    ("rows", 1),
    ("awards", 1),
    ("moved", 1),
)


class _Parts:
    """The page's parts, each made once: those that never give way at once, and those that
    do once for each length of their list a trial asks for. A 2,000-strand page was made
    nine times over (1.7 s), its previous review scored again for each table."""

    def __init__(
        self, report: Report, cohort: Mapping[str, int | None] | None, *, with_evidence: bool
    ) -> None:
        self.report, self.cohort, self.with_evidence = report, cohort, with_evidence
        self.header = header_part(report)
        self.figures = figures_part(report)
        self.chart = chart_part(report, cohort)
        #: The chart as `summary_budget` measures it: at its print size, whatever it draws.
        self.chart_measured = [
            "<svg></svg>" if line.startswith("<svg") else line for line in self.chart
        ]
        previous = report.previous
        self.before = (
            None if previous is None else score(report.framework, previous, report.profile.policy)
        )
        self._made: dict[tuple[str, int], list[str]] = {}

    def __call__(self, name: str, listed: int) -> list[str]:
        """The part whose list `name` gives way, with `listed` of its items."""
        if (part := self._made.get((name, listed))) is None:
            part = self._made[name, listed] = self._make(name, listed)
        return part

    def _make(self, name: str, listed: int) -> list[str]:
        report = self.report
        if name == "rows":
            return aspects_part(report, self.cohort, listed, self.before)
        if name == "actions":
            return actions_part(report, listed)
        if name == "moved":
            return progress_part(report, listed)
        if name == "awards":
            return awards_part(report, listed)
        if name == "flagged":
            return voices_part(report, listed)
        return evidence_part(report, listed) if self.with_evidence else []


def _body(parts: _Parts, limits: dict[str, int], chart: list[str]) -> list[str]:
    report = parts.report
    framework = report.framework
    problems = ""
    if report.problems:
        problems = (
            f'<p class="meta">{len(report.problems)} problem(s) while making the report: '
            "see the full report.</p>"
        )
    body = [
        *parts.header,
        "<main>",
        *parts.figures,
        f'<div class="{"stack" if len(framework.aspects) > MANY_ASPECTS else "grid"}">',
        *parts("rows", limits["rows"]),
        *chart,
        "</div>",
        *parts("actions", limits["actions"]),
        '<div class="grid">',
        *parts("moved", limits["moved"]),
        *parts("awards", limits["awards"]),
        "</div>",
        *parts("flagged", limits["flagged"]),
        *parts("evidence", limits["evidence"]),
        problems,
        "</main>",
        "<footer>Made with selfreview-core from "
        f"{cut_shown(shown_name(framework.ref), 120)} and the review of "
        f"{_e(report.assessment.assessed_on.isoformat())}. Levels are coloured from red (the "
        "lowest) to green (the highest) and always named in words. The full report "
        "(<code>selfreview report --format html</code>) has every strand and recommendation."
        "</footer>",
    ]
    return [line for line in body if line]


def _measured(parts: _Parts, limits: dict[str, int]) -> str:
    """What `summary_budget.page_height` reads of the page `_page` makes (from its body),
    but with an empty chart, which it leaves out."""
    return "\n".join(
        ["<body>", *_body(parts, limits, parts.chart_measured), "</body>", "</html>\n"]
    )


def _page(parts: _Parts, limits: dict[str, int]) -> str:
    framework = parts.report.framework
    title = (
        f"{cut_text(parts.report.assessment.school.name, 120)} — "
        f"{cut_text(review_name(framework), 120)} summary for governors"
    )
    return html_page(title, _body(parts, limits, parts.chart), STYLE)
