"""The csv, markdown, html and json exporters: on the example reviews, on generated reports,
and on hostile text from files and plugins (SPEC section 7). The csv exporter's own tests are
in test_csv.py and the markdown exporter's in test_markdown.py; the helpers here serve them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from functools import cache
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from program import decoded, python
from scaled import scaled
from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    Judgement,
    Recommendation,
    Report,
    School,
    load_assessment,
)
from selfreview_core import report as report_module
from selfreview_core._names import AUDIENCES, PRIORITIES
from selfreview_core.cli import cli
from selfreview_core.escaping import shown, shown_json
from selfreview_core.exporters.chart import profile_chart
from selfreview_core.exporters.csv import BOM
from selfreview_core.exporters.json import render_json
from selfreview_core.model.problem import Problem
from selfreview_core.report import read_report, report_json, report_line, report_line_bytes
from selfreview_core.schema import DIALECT, report_schema
from selfreview_core.testing import (
    TERMINAL_ATTACKS,
    assessment_pairs,
    frameworks,
    hostile_texts,
    ids,
    mirror_assessment,
    mirror_framework,
    texts,
)
from test_engine import plugin_module
from test_escaping import assert_terminal_safe

ROOT = Path(__file__).resolve().parents[2]
NEW = ROOT / "examples" / "example-primary-2026.yaml"
OLD = ROOT / "examples" / "example-primary-2025.yaml"
FORMATS = ("csv", "markdown", "html", "json", "table")

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
JS_LINK = "javascript:alert(1)"
HOSTILE = (SCRIPT, BREAKOUT, JS_LINK, "' onmouseover='alert(1)", "</textarea><svg onload=alert(1)>")
FORMULAS = ('=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\t=1+1", "\r=1+1", " =1")


# -- helpers ---------------------------------------------------------------------------------


@cache
def _engine() -> Engine:
    return Engine(entry_points=False)


@cache
def example_report() -> Report:
    """The made-up school's 2026 review compared with its 2025 one, built-in plugins only."""
    engine = _engine()
    names = engine.framework_names()
    return engine.report(load_assessment(NEW, names), load_assessment(OLD, names))


def export(report: Report, name: str) -> str:
    rendered = _engine().export(report, name)
    assert isinstance(rendered, str)
    return rendered


def csv_sections(text: str) -> tuple[list[list[str]], list[list[str]]]:
    """(strand rows, recommendation rows), each with its heading row first."""
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))
    blank = rows.index([])
    return rows[:blank], rows[blank + 1 :]


class Page(HTMLParser):
    """Every start tag with its attributes, and the text a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def assert_safe_html(html: str) -> Page:
    """No script, no event handler, no link but http(s)/mailto, nothing loaded from outside."""
    page = parse(html)
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<iframe" not in lowered
    assert len(page.named("svg")) == 1
    for tag, attrs in page.tags:
        assert tag not in {"script", "iframe", "object", "embed", "link", "img", "base", "form"}
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert name not in {"src", "srcset", "action", "formaction", "xlink:href"}
            if name == "href" and value is not None and re.fullmatch(r"#rec-\d+", value):
                continue  # a link within the page, to a card (the five to do first)
            if name == "href":
                assert value is not None
                assert re.match(r"^(https?://|mailto:)\S", value), value
                assert attrs.get("rel") == "noopener noreferrer"
    styles = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    assert styles
    for style in styles:
        assert "url(" not in style
        assert "@import" not in style
    return page


def printed(text: str) -> str:
    """What a terminal is sent, but for the CR of CSV's CRLF line ends (RFC 4180): a
    carriage return straight before a newline moves nothing that the newline does not."""
    return text.replace("\r\n", "\n")


# -- generated reports -----------------------------------------------------------------------

LINKS = ("https://example.org/a?b=1&c=(2)", "http://example.org/x y", "mailto:ict@example.org")


def hostile_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE + FORMULAS),
        texts(),
        st.tuples(texts(20), st.sampled_from(HOSTILE + FORMULAS)).map("".join),
        hostile_texts(),  # terminal control sequences
    )


def recommendations(framework: Framework) -> st.SearchStrategy[list[Recommendation]]:
    recommendation = st.builds(
        Recommendation,
        id=ids(),
        title=hostile_text(),
        action=hostile_text(),
        targets=st.lists(st.sampled_from(framework.ids), max_size=3).map(tuple),
        priority=st.sampled_from(PRIORITIES),
        audience=st.sampled_from(AUDIENCES) | hostile_text(),
        links=st.lists(st.sampled_from(LINKS), max_size=3).map(tuple),
        reference=st.none() | hostile_text(),
        source=hostile_text(),
        rationale=hostile_text(),
    )
    return st.lists(recommendation, max_size=5)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A report on a generated framework (any size, id style and scale direction), with or
    without a previous review, and with generated recommendations full of hostile text."""
    framework = draw(frameworks())
    first, second = draw(assessment_pairs(framework))
    previous = first if draw(st.booleans()) else None
    report = _engine().report(second, previous, framework=framework)
    extra = draw(recommendations(framework))
    return report.model_copy(update={"recommendations": report.recommendations + tuple(extra)})


@pytest.mark.slow
@settings(max_examples=scaled(25))
@given(reports())
def test_no_exporter_fails_on_any_generated_report(report: Report) -> None:
    for name in FORMATS:
        assert export(report, name)


@pytest.mark.slow
@settings(max_examples=scaled(25))
@given(reports())
def test_no_exporter_lets_a_control_character_through(report: Report) -> None:
    """SPEC 7: text from files or plugins printed to a terminal or written to Markdown has
    its control characters shown escaped. Every format may be printed (no `-o`)."""
    for name in FORMATS:
        assert_terminal_safe(printed(export(report, name)))


@pytest.mark.slow
@settings(max_examples=scaled(25))
@given(reports())
def test_a_json_lines_line_is_the_reports_json_on_one_line(report: Report) -> None:
    """`report_line` writes the parts one by one (each recommendation's once, reused):
    exactly the whole report's JSON, escaped, on one line."""
    line = report_line(report)
    assert line == shown_json(report_json(report, indent=None))
    assert report_line(report) == line  # the second time, from what was kept
    assert report_line_bytes(report) == line.encode("utf-8")
    assert report_line_bytes(report, b"\n") == line.encode("utf-8") + b"\n"  # as a batch writes
    assert "\n" not in line


def test_a_json_lines_line_of_a_hostile_report_is_escaped_and_reads_back() -> None:
    report = hostile_report(ATTACK)
    line = report_line(report)
    assert line == shown_json(report_json(report, indent=None))
    # The bytes a batch writes are escaped too: none of pydantic's raw output gets through.
    assert report_line_bytes(report) == line.encode("utf-8")
    assert not ({"\x7f", "\x9b", "\u202e", "\u2028"} & set(line))
    assert_terminal_safe(printed(line))
    assert read_report(line, framework_of(report)) == report


@pytest.mark.parametrize(
    "text", ["plain ASCII but a DEL \x7f", "a \u2028 separator", "em\u2014dash"]
)
def test_a_json_lines_line_escapes_what_pydantic_leaves_raw(text: str) -> None:
    """Pydantic writes DEL and non-ASCII characters raw: a line escapes the unsafe ones
    (DEL among otherwise plain ASCII included) and keeps printable ones (a dash) as they are."""
    report = hostile_report(text)
    line = report_line_bytes(report)
    assert line == shown_json(report_json(report, indent=None)).encode("utf-8")
    assert b"\x7f" not in line
    assert "\u2028".encode() not in line
    assert ("\u2014".encode() in line) == ("\u2014" in text)  # printable: kept as it is
    assert read_report(line, framework_of(report)) == report


@pytest.mark.slow
@settings(max_examples=scaled(25))
@given(reports())
def test_json_round_trips_to_an_equal_generated_report(report: Report) -> None:
    assert read_report(export(report, "json"), framework_of(report)) == report


@pytest.mark.slow
@settings(max_examples=scaled(25))
@given(reports())
def test_html_of_a_generated_report_parses_with_one_chart_and_is_safe(report: Report) -> None:
    page = assert_safe_html(export(report, "html"))
    assert "".join(page.text).count(shown(report.assessment.school.name)) >= 1
    current = [r for r in page.named("rect") if r.get("class") == "bar now"]
    assert len(current) == len(report.profile.judged)


# -- the example reviews ---------------------------------------------------------------------


def test_the_standard_exporters_are_registered_with_their_extensions() -> None:
    found = {
        e.name: (e.extension, e.media_type.split(";")[0]) for e in _engine().exporters().values()
    }
    assert found["csv"] == (".csv", "text/csv")
    assert found["markdown"] == (".md", "text/markdown")
    assert found["html"] == (".html", "text/html")


def test_importing_the_engine_does_not_import_the_renderers() -> None:
    code = (
        "import sys, selfreview_core.engine\n"
        "print(sorted(m for m in sys.modules if m.startswith('selfreview_core.exporters.')))"
    )
    done = decoded(python(["-c", code]))
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.strip()
    assert loaded == "['selfreview_core.exporters.base', 'selfreview_core.exporters.json']"


def test_json_of_the_examples_round_trips_and_matches_the_documented_schema() -> None:
    report = example_report()
    text = export(report, "json")
    assert text == render_json(report)
    assert read_report(text, framework_of(report)) == report
    schema = json.loads((ROOT / "docs" / "schema" / "report.json").read_text())
    jsonschema.validate(json.loads(text), schema, cls=jsonschema.Draft202012Validator)


def test_the_python_snippet_in_the_reports_guide_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    guide = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    [snippet] = re.findall(r"```python\n(.*?)```", guide, flags=re.DOTALL)
    namespace: dict[str, Any] = {}
    exec(compile(snippet, "reports.md", "exec"), namespace)
    assert_safe_html(namespace["html"])


def test_the_report_schema_in_docs_is_current() -> None:
    """Regenerate docs/schema/report.json as docs/reports.md says when the models change."""
    from selfreview_core.exporters.json import report_json_schema

    committed = json.loads((ROOT / "docs" / "schema" / "report.json").read_text())
    assert committed == report_schema() == report_json_schema()
    assert committed["properties"]["framework"] == {"$ref": "#/$defs/FrameworkReference"}
    assert committed["$schema"] == DIALECT
    assert committed["$id"] == "urn:selfreview-core:schema:report"


def test_html_of_the_examples_has_header_chart_table_and_audiences() -> None:
    report = example_report()
    html = export(report, "html")
    page = assert_safe_html(html)
    text = "".join(page.text)
    assert "Example Primary School" in text
    assert "Self-review framework (becta-srf@2010), Becta, 2010" in text
    assert "Source: Becta" in text
    assert "@page{size:A4" in html
    assert len(page.named("tr")) > len(report.framework.strands)
    rects = page.named("rect")
    assert len([r for r in rects if r.get("class") == "bar now"]) == 12
    assert len([r for r in rects if r.get("class") == "bar before"]) == 11  # 1b4 was not judged
    # The first five in full, the others folded (a click opens one; no script).
    assert len(page.named("article")) == 5
    assert len(page.named("details")) == len(report.recommendations) - 5
    assert len(page.named("summary")) == len(report.recommendations) - 5
    first = re.search(r'<section class="first" id="first">(.*?)</section>', html, re.S)
    assert first is not None
    assert "5 things to do first" in first.group(1)
    links = re.findall(r'<a href="#rec-(\d+)">(.*?)</a>', first.group(1))
    assert [int(n) for n, _ in links] == [1, 2, 3, 4, 5]
    for (number, title), rec in zip(links, report.recommendations[:5], strict=True):
        assert title == html_escape(rec.title)
        assert f'<article class="rec {rec.priority}" id="rec-{number}">' in html
    assert html.index('id="first"') < html.index('id="profile"')  # before the chart
    assert "@media (max-width:40rem)" in html  # one column on a phone


def _bar_widths(svg: str, kind: str) -> list[float]:
    page = parse(svg)
    return [float(r["width"] or 0) for r in page.named("rect") if r.get("class") == kind]


def _ticks(svg: str) -> list[str]:
    return re.findall(r'class="tick">([^<]*)</text>', svg)


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
def test_the_chart_reads_the_same_in_either_scale_direction(
    small_framework: Framework, mirrored: bool
) -> None:
    framework = small_framework
    old = Assessment(
        framework=framework.ref,
        school=School(id="T1", name="Test School"),
        assessed_on=dt.date(2025, 10, 1),
        judgements={"A1.1": Judgement(level=0), "A1.2": Judgement(level=3)},
    )
    new = old.model_copy(
        update={
            "assessed_on": old.assessed_on.replace(year=2026),
            "judgements": {"A1.1": Judgement(level=2), "A1.2": Judgement(level=1)},
        }
    )
    if mirrored:
        old, new = mirror_assessment(framework, old), mirror_assessment(framework, new)
        framework = mirror_framework(framework)
    svg = profile_chart(_engine().report(new, old, framework=framework))
    current, previous = _bar_widths(svg, "bar now"), _bar_widths(svg, "bar before")
    # The worst level is the shortest bar and the best the longest, whichever its number.
    assert previous[0] < current[0] < previous[1]
    assert current[1] < previous[1]
    levels_worst_first = [str(level) for level in reversed(framework.scale.levels)]
    # The axis above the bars and the one below them, each from the worst to the best.
    assert _ticks(svg)[0::2] == _ticks(svg)[1::2] == levels_worst_first
    assert "▲ +2" in svg
    assert "▼ −2" in svg
    assert "not judged" in svg
    unmirrored = profile_chart(
        _engine().report(
            mirror_assessment(framework, new) if mirrored else new,
            mirror_assessment(framework, old) if mirrored else old,
            framework=mirror_framework(framework) if mirrored else framework,
        )
    )
    assert _bar_widths(unmirrored, "bar now") == current


def test_html_groups_recommendations_by_audience_then_priority() -> None:
    report = example_report()
    mixed = [
        Recommendation(id="a", title="A", action="x", audience="Trust board", priority="low"),
        Recommendation(id="b", title="B", action="x", audience="parents", priority="low"),
        Recommendation(id="c", title="C", action="x", audience="Governors", priority="low"),
        Recommendation(id="d", title="D", action="x", audience="governors", priority="high"),
        Recommendation(id="e", title="E", action="x", audience="local authority"),
        Recommendation(id="f", title="F", action="x", audience="senior  leadership"),
    ]
    html = export(report.model_copy(update={"recommendations": tuple(mixed)}), "html")
    page = parse(html)
    audiences = re.findall(r"<h3>For (.*?) \(\d+\)</h3>", html)
    assert audiences == [
        "senior leadership",
        "governors",
        "parents",
        "local authority",
        "Trust board",
    ]
    titles = re.findall(r"<h5>(.*?)</h5>", html)
    assert titles == ["F", "D", "C", "B", "E", "A"]
    assert len(page.named("article")) + len(page.named("details")) == 6


def framework_of(report: Report) -> Callable[[str], Framework | None]:
    """The lookup `read_report` needs: the report's own framework, by its `id@version`."""
    return {report.framework.ref: report.framework}.get


# -- hostile input (SPEC section 7) ----------------------------------------------------------


def hostile_report(text: str = " ".join(HOSTILE)) -> Report:
    """The example report with `text` in every field a file or a plugin fills in."""
    data: dict[str, Any] = example_report().model_dump(mode="json")
    framework = data["framework"]
    framework.update(title=text, publisher=text, source=text, licence=text)
    labels = {str(level): f"{text} {level}" for level in range(1, 6)}  # the overall's too
    framework["scale"]["labels"] = labels
    data["profile"]["scale"]["labels"] = labels
    element = framework["elements"][0]
    element["title"] = text
    element["aspects"][0]["title"] = text
    strand = element["aspects"][0]["strands"][0]
    strand["title"] = text
    strand["levels"]["3"] = text
    school = data["assessment"]["school"]
    school.update(name=text, authority=text)
    data["assessment"]["assessor"] = text
    data["assessment"]["judgements"]["1a1"]["evidence"] = text
    for rec in data["recommendations"][:3]:
        rec.update(title=text, action=text, rationale=text, reference=text, source=text)
        rec["audience"] = text
        rec["sources"] = [text]
    data["problems"] = [{"source": text, "message": text, "severity": "error"}]
    return Report.model_validate(data)


def test_html_escapes_hostile_text_everywhere() -> None:
    html = export(hostile_report(), "html")
    page = assert_safe_html(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    text = "".join(page.text)
    assert text.count(SCRIPT) >= 10  # shown to the reader as the words they are
    assert BREAKOUT in text


def test_html_escapes_hostile_text_from_a_plugin() -> None:
    hostile = Recommendation(
        id='x"><script>alert(1)</script>',
        title=SCRIPT,
        action=BREAKOUT,
        targets=("1b1",),
        audience=BREAKOUT,
        rationale=JS_LINK,
        reference=SCRIPT,
        links=('https://example.org/?q="><script>alert(1)</script>',),
    )
    refused = Recommendation(
        id="refused", title="T", action="A", targets=('"><svg/onload=alert(1)>',)
    )
    plugin = plugin_module("hostile", selfreview_recommend=lambda: [hostile, refused])
    engine = Engine(plugins=[plugin], entry_points=False)
    names = engine.framework_names()
    report = engine.report(load_assessment(NEW, names))
    assert hostile.model_copy(update={"source": "hostile", "sources": ("hostile",)}) in (
        report.recommendations
    )
    assert any("svg/onload" in p.message for p in report.problems)  # the refused one's target
    html = engine.export(report, "html")
    assert isinstance(html, str)
    page = assert_safe_html(html)
    [href] = [a["href"] for a in page.named("a") if "example.org" in (a["href"] or "")]
    assert href == 'https://example.org/?q="><script>alert(1)</script>'  # escaped in the tag
    assert "".join(page.text).count(SCRIPT) >= 3
    assert "svg/onload" in "".join(page.text)
    markdown = engine.export(report, "markdown")
    assert isinstance(markdown, str)
    assert "<" not in markdown
    assert "svg/onload" in markdown


def unsafe_link_report() -> Report:
    rec = Recommendation.model_construct(
        id="unsafe",
        title="Read this",
        action="Click.",
        targets=(),
        priority="high",
        audience="governors",
        links=(JS_LINK, "JAVASCRIPT:alert(2)", " https://example.org/", "https://example.org/ok"),
        reference=None,
        source="evil",
        sources=("evil",),
        rationale="",
    )
    return example_report().model_copy(update={"recommendations": (rec,)})


def test_html_does_not_link_what_is_not_http_or_mailto() -> None:
    html = export(unsafe_link_report(), "html")
    page = assert_safe_html(html)
    hrefs = [a["href"] for a in page.named("a")]
    assert [h for h in hrefs if not (h or "").startswith("#rec-")] == ["https://example.org/ok"]
    assert "javascript" not in html.lower()
    assert "3 link(s) left out" in "".join(page.text)


# -- the command line ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "start"),
    [
        (".html", "<!DOCTYPE html>"),
        (".csv", BOM + "school_id,assessed_on,"),
        (".md", "# ICT self-review: Example Primary School"),
    ],
)
def test_report_writes_the_format_its_file_extension_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, start: str
) -> None:
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])
    monkeypatch.chdir(ROOT)
    target = tmp_path / f"out{suffix}"
    result = CliRunner().invoke(
        cli,
        ["report", str(NEW), "--previous", str(OLD), "-o", str(target)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_bytes().decode("utf-8").startswith(start)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left
    if suffix == ".html":
        assert_safe_html(target.read_text(encoding="utf-8"))


# -- terminal control characters (SPEC section 7) --------------------------------------------

ATTACK = " ".join(TERMINAL_ATTACKS)


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_shows_control_characters_escaped(name: str) -> None:
    text = export(hostile_report(ATTACK), name)
    assert_terminal_safe(printed(text))
    if name == "json":  # escaped as JSON does, so it reads back to the very same text
        assert read_report(text, framework_of(report := hostile_report(ATTACK))) == report
    else:
        assert text.count("\\x9b2J") >= 10
        assert text.count("\\u202egnp.exe") >= 10


def hostile_ids_report() -> Report:
    """The small framework with `<`, `>`, `&` and `"` in its element, aspect and strand ids
    (the id pattern allows them), judged, compared, awarded and recommended on."""
    data: dict[str, Any] = _small_framework_data()
    element = data["elements"][0]
    element["id"] = 'E<b>&"'
    aspect = element["aspects"][0]
    aspect["id"] = 'A"<i>&amp;'
    strand = aspect["strands"][0]
    strand["id"] = 'S<&>"1'
    data["awards"] = [
        {"id": "mark", "title": "Mark", "require": {"all": [{"strand": 'S<&>"1', "reached": 2}]}}
    ]
    framework = Framework.model_validate(data)
    school = School(id="T1", name="Test School")
    old = Assessment(
        framework=framework.ref,
        school=school,
        assessed_on=dt.date(2025, 10, 1),
        judgements={'S<&>"1': Judgement(level=1)},
    )
    new = old.model_copy(
        update={"assessed_on": dt.date(2026, 10, 1), "judgements": {'S<&>"1': Judgement(level=2)}}
    )
    report = _engine().report(new, old, framework=framework)
    rec = Recommendation(id="r", title="T", action="A", targets=('S<&>"1', 'A"<i>&amp;', 'E<b>&"'))
    return report.model_copy(update={"recommendations": (rec,)})


def _small_framework_data() -> dict[str, Any]:
    from selfreview_core.testing.fixtures import _small_framework

    data: dict[str, Any] = _small_framework().model_dump(mode="json")
    return data


HOSTILE_IDS = ('E<b>&"', 'A"<i>&amp;', 'S<&>"1')


def test_html_escapes_element_aspect_and_strand_ids_everywhere() -> None:
    """In the table, the chart (text and `<title>`), the award marks and the targets."""
    html = export(hostile_ids_report(), "html")
    page = assert_safe_html(html)
    assert not {"b", "i"} & {tag for tag, _ in page.tags}  # no id became markup
    for raw in HOSTILE_IDS:
        assert raw not in html
        assert raw.replace("&", "&amp;") not in html.replace("&amp;amp;", "")  # not half-done
    text = "".join(page.text)
    assert text.count('S<&>"1 Vision') >= 3  # table row, chart label and its title
    assert text.count('A"<i>&amp; Vision') >= 3  # table group, chart heading and its title
    assert 'E<b>&" Leadership' in text  # the chart's element heading
    assert 'About: S<&>"1 Vision; A"<i>&amp; Vision; E<b>&" Leadership' in text
    assert 'Mark: S<&>"1 needs level 2' in text  # the award mark's title


def test_the_chart_escapes_ids_in_its_own_svg() -> None:
    svg = profile_chart(hostile_ids_report())
    for raw in HOSTILE_IDS:
        assert raw not in svg
    assert svg.count("S&lt;&amp;&gt;&quot;1") >= 2
    assert svg.count("A&quot;&lt;i&gt;&amp;amp;") >= 2
    assert "E&lt;b&gt;&amp;&quot;" in svg


# -- found by mutation passes ----------------------------------------------------------------


def test_text_a_plugin_built_without_validation_is_escaped_too() -> None:
    """A priority or severity outside its choices (`model_construct`) is still text."""
    broken: dict[str, Any] = {"priority": f"<b>{ATTACK}", "severity": f"<i>{ATTACK}"}
    rec = Recommendation.model_construct(
        id="r",
        title="T",
        action="A",
        targets=(),
        priority=broken["priority"],
        audience="governors",
        links=(),
        reference=None,
        source="evil",
        sources=("evil",),
        rationale="",
    )
    problem = Problem.model_construct(source="evil", message="M", severity=broken["severity"])
    report = example_report().model_copy(update={"recommendations": (rec,), "problems": (problem,)})
    for name in FORMATS:
        assert_terminal_safe(printed(export(report, name)))
    page = assert_safe_html(export(report, "html"))
    assert not {"b", "i"} & {tag for tag, _ in page.tags}
    text = "".join(page.text)
    assert "<b>\\x1b]52;c;aGFja2Vk\\x07" in text  # the badge
    assert "<b>\\x1b]52;c;aGFja2Vk\\x07".capitalize() in text  # the group's heading
    assert "<i>\\x1b]52;c;aGFja2Vk\\x07" in text  # the problem's severity


def test_a_json_lines_line_never_takes_another_recommendations_kept_json(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each recommendation's JSON is kept by the object's identity: with both tables (met
    once, and kept) full and started again over and over, objects made and dropped in turn
    (whose ids Python reuses) each get their own JSON, never one kept for an object gone
    before them; one met twice is kept, one met once is not held past its table."""
    monkeypatch.setattr(report_module, "_MAX_LINES", 3)
    monkeypatch.setattr(report_module, "_MAX_SEEN", 3)
    monkeypatch.setattr(report_module, "_LINES", {})
    monkeypatch.setattr(report_module, "_SEEN", {})
    report = hostile_report("plain")
    twice: list[object] = []  # every object met twice
    for number in range(40):
        fresh = tuple(
            rec.model_copy(update={"title": f"{rec.title} {number}-{i}"})
            for i, rec in enumerate(report.recommendations * 2)
        )
        for recommendations in (fresh, fresh[:2] * 2):  # the second: each met twice
            changed = report.model_copy(update={"recommendations": recommendations})
            line = report_line_bytes(changed)
            assert line == shown_json(report_json(changed, indent=None)).encode("utf-8")
            assert len(report_module._LINES) <= 3
            assert len(report_module._SEEN) <= 3
        assert len(fresh) > 3
        twice += fresh[:2]
        held = [entry.held for entry in report_module._LINES.values()]
        assert held[-1] is fresh[1]  # met twice: kept
        assert all(any(one is kept for kept in twice) for one in held)
        # Each entry holds its own object, under that object's id.
        assert all(key == id(entry.held) for key, entry in report_module._LINES.items())
