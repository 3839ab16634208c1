"""The report's style sheet (`exporters/html_style.py`) against the pages that carry it: the
report (`--format html`, with `--voices` too) and the respondents' page (`voices --format
html`). Every class and element it styles is on one of those pages, every class a page uses
is styled (by the sheet or by its chart's own scoped `<style>`) or named in `UNSTYLED` with
the reason, and the print rules the page relies on are there and work in a browser."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from chromium import dump_dom, needs_chromium, pdf_pages, print_to_pdf
from exporters.test_exporters import NEW, OLD, ROOT, example_report, export, parse
from program import selfreview_here
from selfreview_core import Engine, Judgement, load_assessment
from selfreview_core.exporters.html_style import STYLE
from selfreview_core.loader import load_framework
from selfreview_core.model.problem import Problem

AWARDS = ROOT / "examples" / "awards"
RESPONDENTS = ROOT / "examples" / "respondents"

#: Classes a page sets that no rule styles, on purpose; each is said so where it is set.
UNSTYLED = {
    # A low priority looks as every card and badge does (`.rec`, `.badge`): only high and
    # medium differ from it. The class is there for a reader's own style sheet.
    "low": "exporters/html.py",
    "audience": "exporters/html.py",  # a section per audience: its h2 is styled
    "flag": "exporters/voices_html.py",  # the words beside the ▲ say it (SPEC 9)
    # The bar chart's parts, drawn by attributes (fill, stroke) in the SVG itself.
    "label": "exporters/chart.py",
    "bar": "exporters/chart.py",
    "now": "exporters/chart.py",
    "award-mark": "exporters/chart.py",
    "not-applicable": "exporters/html.py",  # a list under an award, as the others
}


@dataclass(frozen=True)
class _Read:
    """A page's classes (each with the elements that carry it), its elements, and the text
    of every `<style>` in it (the page's own, and each chart's scoped one)."""

    classes: dict[str, set[str]]
    elements: set[str]
    styles: list[str]


def _read(html: str) -> _Read:
    page = parse(html)
    classes: dict[str, set[str]] = {}
    for tag, attrs in page.tags:
        for css_class in (attrs.get("class") or "").split():
            classes.setdefault(css_class, set()).add(tag)
    styles = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    return _Read(classes, {tag for tag, _ in page.tags}, styles)


def selectors(css: str) -> str:
    """`css` without its declarations: only the selectors (and at-rules) are left."""
    return re.sub(r"\{[^{}]*\}", "{}", css)


def classes_in(css: str) -> set[str]:
    return set(re.findall(r"\.([A-Za-z_][\w-]*)", selectors(css)))


def elements_in(css: str) -> set[str]:
    """The element names in `css`'s selectors (not at-rules, classes, ids or attributes)."""
    text = re.sub(r"@[\w-]+[^{]*\{", "{", selectors(css))  # `@media print{` opens a block
    text = re.sub(r"[.#][\w-]+|\[[^\]]*\]|::?[\w-]+(\([^)]*\))?", " ", text)
    return set(re.findall(r"(?<![\w-])([a-z][a-z0-9]*)(?![\w-])", text))


@cache
def pages() -> dict[str, str]:
    """Every page that carries `STYLE`, between them using every part of it: the report
    with a previous review, respondents, a plugin's problem and a link; a report with one
    award met and one not (with a strand that does not apply); the respondents' page."""
    args = ["report", str(NEW), "--previous", str(OLD), "--voices", str(RESPONDENTS)]
    done = selfreview_here([*args, "--format", "html"])
    assert done.returncode == 0, done.stderr.decode()
    voices = selfreview_here(["voices", str(RESPONDENTS), str(NEW), "--format", "html"])
    assert voices.returncode == 0, voices.stderr.decode()
    engine = Engine(entry_points=False)
    names = engine.framework_names()
    report = engine.report(load_assessment(NEW, names), load_assessment(OLD, names))
    first = report.recommendations[0]
    with_link = first.model_copy(update={"links": ("https://example.org/guide",)})
    problem = Problem(source="a-plugin", message="could not read its table")
    report = report.model_copy(
        update={"recommendations": (with_link, *report.recommendations[1:]), "problems": (problem,)}
    )
    framework = load_framework(AWARDS / "illustrative-award-framework.yaml")
    school = load_assessment(AWARDS / "example-school.yaml", {framework.ref: framework})
    not_applicable = Judgement(applicable=False, evidence="No pupils")
    school = school.model_copy(update={"judgements": {**school.judgements, "1b1": not_applicable}})
    awarded = engine.report(school, framework=framework)
    met = awarded.awards[0].model_copy(update={"met": True, "missing": ()})
    awarded = awarded.model_copy(update={"awards": (met, *awarded.awards)})
    return {
        "report with voices": done.stdout.decode("utf-8"),
        "report with a link and a problem": export(report, "html"),
        "report with awards": export(awarded, "html"),
        "respondents' page": voices.stdout.decode("utf-8"),
    }


def test_every_page_here_carries_the_style_sheet() -> None:
    for name, html in pages().items():
        assert STYLE in "".join(_read(html).styles), name


def test_every_class_the_style_sheet_styles_is_used_on_a_page() -> None:
    used = {css_class for html in pages().values() for css_class in _read(html).classes}
    assert classes_in(STYLE) - used == set()


def test_every_element_the_style_sheet_styles_is_on_a_page() -> None:
    drawn = {tag for html in pages().values() for tag in _read(html).elements}
    styled = elements_in(STYLE)
    assert {"body", "table", "details", "col", "figcaption", "footer", "a"} <= styled
    assert styled - drawn == set()


@pytest.mark.parametrize("name", ["report with voices", "report with awards", "respondents' page"])
def test_every_class_a_page_uses_is_styled_or_said_to_be_unstyled(name: str) -> None:
    """The report with `--voices` once showed the respondents' table and charts unstyled:
    their rules were only on the respondents' own page."""
    page = _read(pages()[name])
    styled = classes_in("".join(page.styles))
    assert set(page.classes) - styled - set(UNSTYLED) == set()


def test_the_unstyled_classes_are_used_and_said_to_be_unstyled_where_they_are_set() -> None:
    used = {css_class for html in pages().values() for css_class in _read(html).classes}
    for css_class, module in UNSTYLED.items():
        assert css_class in used, css_class
        assert css_class not in classes_in(STYLE), css_class
        source = (ROOT / "src" / "selfreview_core" / module).read_text(encoding="utf-8")
        assert re.search(rf"unstyled\b.*\b{re.escape(css_class)}\b", source), (css_class, module)


def test_the_respondents_rules_reach_the_report_that_shows_them() -> None:
    """A table of respondents in the report: its empty cells muted, a flagged strand's row
    marked, and each aspect's chart kept whole on a printed page, as on the respondents'
    own page."""
    styles = "".join(_read(pages()["report with voices"]).styles)
    for rule in (
        "table.voices td.none{color:var(--muted)}",
        "tr.flagged th{background:#fff4e5}",
        ".voices-aspect{margin:1rem 0;break-inside:avoid;page-break-inside:avoid}",
    ):
        assert rule in styles


def test_the_print_rules_are_there() -> None:
    """A4 with margins, the page's own colours printed, folded cards kept folded and their
    markers hidden, no card, row or chart split across pages, headings kept with what
    follows, the table's header repeated, and the strand table on a page of its own."""
    assert "@page{size:A4;margin:16mm 14mm 18mm}" in STYLE
    assert "print-color-adjust:exact" in STYLE
    printed = STYLE[STYLE.index("@media print{") :]
    for rule in (
        "details.rec summary{list-style:none;margin-left:0}",
        "body{max-width:none;padding:0;font-size:9.5pt}",
        "h2,h3,h4,h5{break-after:avoid;page-break-after:avoid}",
        "figure,tr,.figures li{break-inside:avoid;page-break-inside:avoid}",
        "thead{display:table-header-group}",
        "#strands{break-before:page;page-break-before:always}",
        "tr.group{break-after:avoid;page-break-after:avoid}",
        "a{color:inherit;text-decoration:none}",
    ):
        assert rule in printed, rule
    assert printed.count("{") == printed.count("}")  # the block closes where the sheet ends


def _page_size(pdf: bytes) -> tuple[float, float]:
    [box, *_] = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return float(box[0]), float(box[1])


@needs_chromium
@pytest.mark.chromium
def test_the_report_prints_on_a4_with_the_strands_on_a_page_of_their_own(tmp_path: Path) -> None:
    """A4 is 595 by 842 points; the example report prints the figures and the five actions
    first, then the strand table from a new page, and its folded cards stay folded: a few
    pages, not one per card."""
    page = tmp_path / "report.html"
    page.write_text(export(example_report(), "html"), encoding="utf-8")
    pdf = print_to_pdf(page, tmp_path)
    width, height = _page_size(pdf)
    assert (round(width), round(height)) == (595, 842)
    assert 2 <= pdf_pages(pdf) <= 7  # 6 in Chromium 156; 8 without the print rules


def test_a_word_longer_than_the_line_breaks_where_it_must() -> None:
    """Every element that holds a file's or a plugin's text breaks a word too long for the
    line (the browser check below needs Chromium, which CI has not)."""
    [rule] = re.findall(r"\n([^{}\n]*)\{overflow-wrap:anywhere\}", STYLE)
    assert set(rule.split(",")) == {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "p",
        "li",
        "dd",
        "td",
        "th",
        "figcaption",
    }


#: Run in a copy of a page (the page itself forbids scripts): how far the page runs past
#: the window's width, in CSS pixels, written where `dump_dom` reads it.
_OVERFLOW = (
    "<script>addEventListener('load',()=>{const root=document.documentElement;"
    "document.body.setAttribute('data-overflow',String(root.scrollWidth-root.clientWidth))})"
    "</script>"
)


@needs_chromium
@pytest.mark.chromium
def test_a_school_named_by_a_thousand_letters_without_a_space_stays_within_the_page(
    tmp_path: Path,
) -> None:
    """The name, in the heading and the header's line, breaks where it must: before round
    46 the page ran 24,000 pixels past the window's right edge (a phone scrolled the whole page
    sideways to read it; print cut it off)."""
    name = "Long" * 300
    school = example_report().assessment.school.model_copy(update={"name": name})
    assessment = example_report().assessment.model_copy(update={"school": school})
    html = export(example_report().model_copy(update={"assessment": assessment}), "html")
    assert name in html
    page = tmp_path / "long.html"
    head = html.index('<meta http-equiv="Content-Security-Policy"')
    html = html[:head] + html[html.index(">", head) + 1 :]
    page.write_text(html.replace("</body>", _OVERFLOW + "</body>"), encoding="utf-8")
    overflow = re.search(r'data-overflow="(-?\d+)"', dump_dom(page, tmp_path))
    assert overflow is not None
    assert int(overflow.group(1)) <= 0


def test_the_phone_rules_are_there() -> None:
    """Below 40rem, as the module says: one column of facts, the key figures two a row, the
    chart scrolling sideways at a readable size, and the strand table one block per strand,
    each cell labelled by its column (`data-label`) and empty cells hidden."""
    start = STYLE.index("@media (max-width:40rem){")
    phone = STYLE[start : STYLE.index("\n}\n", start)]
    for rule in (
        "dl.facts{grid-template-columns:1fr}",
        ".figures li{flex:1 1 40%}",
        "svg.chart{min-width:36rem}",
        "table.strands,table.strands tbody,table.strands tr,table.strands th,table.strands td{\n"
        "display:block;width:auto}",
        "table.strands thead,table.strands colgroup{display:none}",
        'table.strands td[data-label]::before{content:attr(data-label) ": ";font-weight:600;',
        "table.strands td:empty{display:none}",
    ):
        assert rule in phone, rule
    assert ".chart-box{overflow-x:auto}" in STYLE
    report = pages()["report with a link and a problem"]
    assert '<table class="strands">' in report
    assert '<figure class="chart-box">' in report
    table = report[report.index('<table class="strands">') :]
    labels = set(re.findall(r'<td[^>]*data-label="([^"]+)"', table))
    assert labels == {"Level", "Evidence", "Before", "Change"}  # the descriptor reads alone


def test_the_colours_that_mean_something_are_there_beside_their_words() -> None:
    """A high or medium priority's card and badge, and a change for the better or the
    worse, each in its own colour; the page says the same in words (the badge's text,
    `▲ +1`, `▼ -1`), so colour is never alone (SPEC 9)."""
    for rule in (
        ".rec.high{border-left-color:var(--high)}",
        ".rec.medium{border-left-color:var(--medium)}",
        ".badge.high{background:var(--high)}",
        ".badge.medium{background:var(--medium)}",
        ".better{color:var(--better);font-weight:600}",
        ".worse{color:var(--worse);font-weight:600}",
        ".same,.none{color:var(--muted)}",
    ):
        assert rule in STYLE, rule
    colours = dict(re.findall(r"--(high|medium|low|better|worse):(#[0-9a-f]{6})", STYLE))
    assert len({colours[k] for k in ("high", "medium", "low", "better")}) == 4
    assert colours["worse"] == colours["high"]  # the same red
    report = pages()["report with voices"]
    assert '<span class="badge high">high</span>' in report
    assert '<span class="better">▲ +1</span>' in report
