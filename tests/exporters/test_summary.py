"""The governors' page (`report --format summary`, SPEC section 9): its structure everywhere,
and two A4 pages at most where Chromium can print it."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings

from chromium import needs_chromium, pdf_pages, print_to_pdf
from exporters.test_exporters import (
    ATTACK,
    HOSTILE,
    assert_safe_html,
    hostile_report,
    printed,
    reports,
)
from scaled import scaled
from selfreview_core import (
    Aspect,
    Assessment,
    Element,
    Engine,
    Framework,
    Judgement,
    Recommendation,
    Report,
    School,
    Strand,
    load_assessment,
)
from selfreview_core.cli import cli
from selfreview_core.exporters.summary import render
from selfreview_core.exporters.summary_levels import aspect_thresholds, level_colour, level_words
from selfreview_core.exporters.summary_sections import ACTION_CHARACTERS, ACTIONS
from selfreview_core.model.assessment import Respondent
from selfreview_core.model.conditions import AllOf, Test
from selfreview_core.model.framework import Award
from selfreview_core.model.scale import Scale
from selfreview_core.testing import hostile_texts
from selfreview_core.voices.groups import voices
from test_escaping import assert_terminal_safe

ROOT = Path(__file__).resolve().parents[2]
NEW = ROOT / "examples" / "example-primary-2026.yaml"
OLD = ROOT / "examples" / "example-primary-2025.yaml"
RESPONDENTS = ROOT / "examples" / "respondents"
AWARDS = ROOT / "examples" / "awards"
SECTIONS = ("aspects", "chart", "actions", "progress", "awards")


class Page(HTMLParser):
    """Tags with their attributes and classes, the text, and each `span.level`'s text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.levels: list[tuple[str, str]] = []  # (style, text) of each coloured level
        self._level_depth = 0
        self._depth = 0
        self._level_text: list[str] = []
        self._style = ""
        self.section_ids: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        self._depth += 1
        if tag == "section" and found.get("id"):
            self.section_ids.append(str(found["id"]))
        if tag == "span" and "level" in (found.get("class") or "").split():
            self._level_depth = self._depth
            self._level_text = []
            self._style = found.get("style") or ""

    def handle_endtag(self, tag: str) -> None:
        if self._level_depth and self._depth == self._level_depth and tag == "span":
            self.levels.append((self._style, " ".join("".join(self._level_text).split())))
            self._level_depth = 0
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._level_depth:
            self._level_text.append(data + " ")

    def count(self, tag: str, css_class: str | None = None) -> int:
        return sum(
            1
            for name, attrs in self.tags
            if name == tag and (css_class is None or css_class in (attrs.get("class") or ""))
        )

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).split())


@cache
def engine() -> Engine:
    return Engine(entry_points=False)


def example(*, previous: bool = True, with_voices: bool = True) -> Report:
    names = engine().framework_names()
    current = load_assessment(NEW, names)
    made = engine().report(current, load_assessment(OLD, names) if previous else None)
    if with_voices:
        from selfreview_core.voices.responses import read_responses, response_files

        found = read_responses(response_files([str(RESPONDENTS)]), names)
        view = voices(made.framework, found.responses, own=current)
        made = made.model_copy(update={"voices": view})
    return made


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def assert_structure(html: str, report: Report) -> Page:
    """What every summary has: the sections, no script, nothing loaded, at most five
    actions, and words beside every coloured level."""
    page = Page(html)
    assert html.startswith("<!DOCTYPE html>")
    assert page.count("script") == 0
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    [csp] = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert "default-src 'none'" in (csp.get("content") or "")
    assert any(a.get("name") == "viewport" for t, a in page.tags if t == "meta")
    assert not [a for t, a in page.tags if t in ("img", "link", "iframe", "object")]
    for section in SECTIONS:
        assert section in page.section_ids, section
    assert page.count("li", None) >= 0
    actions = page.count("ol", "actions") and sum(
        1 for i, (t, a) in enumerate(page.tags) if t == "li" and _inside_actions(page, i)
    )
    listed = min(ACTIONS, len(report.recommendations))
    if actions != listed:  # fewer, to stay on two pages (summary_budget), and said so
        assert 1 <= actions < listed, actions
        more = len(report.recommendations) - actions
        assert f"{more} more recommendation(s) in the full report" in html
    assert page.levels or report.profile.overall is None, "no coloured level"
    for style, text in page.levels:
        assert "border-color:#" in style
        assert re.fullmatch(r"Level -?\d+( .+)? (lowest|2nd|middle|highest|\d+ of).*", text), text
    return page


def _inside_actions(page: Page, index: int) -> bool:
    """Whether the tag at `index` comes after `<ol class="actions">` and before the next
    section."""
    start = next(
        i for i, (t, a) in enumerate(page.tags) if t == "ol" and a.get("class") == "actions"
    )
    ends = [i for i, (t, _) in enumerate(page.tags) if t == "section" and i > start]
    end = ends[0] if ends else len(page.tags)
    return start < index < end


# -- structure ---------------------------------------------------------------------------------


def test_the_examples_summary_has_every_part() -> None:
    report = example()
    html = render(report)
    page = assert_structure(html, report)
    assert "voices" in page.section_ids
    words = page.words
    assert "Example Primary School" in words
    assert page.levels[0][1] == "Level 3 middle of 5 levels"  # overall: words beside it
    assert "8 better, 0 worse" in words
    assert "Since the review of 2025-10-06 (364 days)" in words
    assert "1b5 Safeguarding: pupils (median 5) and teachers (median 3)" in words
    assert f"{len(report.recommendations) - ACTIONS} more recommendation(s)" in words
    assert "The framework declares no awards." in words


def test_no_evidence_text_unless_asked() -> None:
    report = example()
    evidence = [j.evidence for j in report.assessment.judgements.values() if j.evidence]
    assert evidence
    html = render(report)
    for text in evidence:
        assert text[:30] not in html
    assert "evidence" not in Page(html).section_ids
    shown = render(report, with_evidence=True)
    assert "evidence" in Page(shown).section_ids
    assert evidence[0][:30] in shown


def test_the_first_review_says_there_is_nothing_to_compare() -> None:
    report = example(previous=False, with_voices=False)
    page = assert_structure(render(report), report)
    assert "This is the first review on record" in page.words
    assert "voices" not in page.section_ids
    assert "Before" not in page.words


def test_award_status_and_what_is_missing() -> None:
    framework = Engine(
        entry_points=False, frameworks=[AWARDS / "illustrative-award-framework.yaml"]
    )
    names = framework.framework_names()
    school = load_assessment(AWARDS / "example-school.yaml", names)
    report = framework.report(school)
    page = assert_structure(render(report), report)
    assert "Illustrative mark (made up, not a real award): not met" in page.words
    assert "aspect 1a is at level 1" in page.words
    assert "and 2 more" in page.words  # four things missing, the first two listed
    # The award's aspect threshold is a series of the chart.
    assert aspect_thresholds(report.framework) == [
        ("Illustrative mark (made up, not a real award)", {"1a": 2})
    ]
    assert "Illustrative mark (made up, not a real award): threshold" in page.words


def test_a_cohort_median_is_drawn_when_given() -> None:
    report = example()
    cohort = {"1a": 3, "1b": 4, "1c": None}
    page = Page(render(report, cohort=cohort))
    assert "Cohort median" in page.words
    assert page.count("g", "series cohort") == 1
    assert "Cohort median" not in Page(render(report)).words


def test_actions_are_the_first_five_in_the_reports_order_and_cut_short() -> None:
    report = example()
    long = report.recommendations[0].model_copy(update={"action": "word " * 200})
    made = report.model_copy(update={"recommendations": (long, *report.recommendations[1:])})
    page = Page(render(made))
    titles = [r.title for r in report.recommendations[:ACTIONS]]
    words = page.words
    positions = [words.index(t) for t in titles]
    assert positions == sorted(positions)
    assert report.recommendations[ACTIONS].title not in words
    cut = words[words.index("word") :].split(" …")[0]
    assert len(cut) <= ACTION_CHARACTERS


def test_level_words_and_colours_follow_the_scale() -> None:
    becta = Scale(best=1, worst=5)
    assert [level_words(becta, level) for level in (5, 4, 3, 2, 1)] == [
        "lowest of 5 levels",
        "2nd lowest of 5 levels",
        "middle of 5 levels",
        "2nd highest of 5 levels",
        "highest of 5 levels",
    ]
    six = Scale(best=0, worst=5)
    assert level_words(six, 2) == "3 of 5 steps up from the lowest level"
    four = Scale(best=3, worst=0)
    assert [level_words(four, level) for level in (0, 1, 2, 3)] == [
        "lowest of 4 levels",
        "2nd lowest of 4 levels",
        "2nd highest of 4 levels",
        "highest of 4 levels",
    ]
    assert level_colour(becta, 5)[0] == "#b42318"  # red at the worst
    assert level_colour(becta, 1)[0] == "#1a7f37"  # green at the best
    assert level_colour(becta, 3)[0] == "#b7791f"  # amber in the middle
    mirrored = becta.mirrored()
    for level in becta.levels:
        assert level_colour(becta, level) == level_colour(mirrored, becta.mirror_level(level))
    assert len({level_colour(becta, level) for level in becta.levels}) == 5
    # On a long scale every colour lies between red, amber and green, greener as it rises.
    anchors = [(0xB4, 0x23, 0x18), (0xB7, 0x79, 0x1F), (0x1A, 0x7F, 0x37)]
    long = Scale(best=10, worst=0)
    greens = []
    for level in range(11):
        colour = level_colour(long, level)[0]
        rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        for channel in range(3):
            values = [a[channel] for a in anchors]
            assert min(values) <= rgb[channel] <= max(values), (level, colour)
        greens.append(rgb[1])
    assert greens == sorted(greens)


def test_few_aspects_fall_back_to_a_bar_chart() -> None:
    strand = Strand(id="s1", title="One", levels={0: "a", 1: "b", 2: "c"})
    framework = Framework(
        id="tiny",
        version="1",
        title="Tiny",
        scale=Scale(best=2, worst=0),
        elements=(
            Element(id="e", title="E", aspects=(Aspect(id="a", title="A", strands=(strand,)),)),
        ),
    )
    school = Assessment(
        framework="tiny@1",
        school=School(id="T", name="T"),
        assessed_on=dt.date(2026, 1, 1),
        judgements={"s1": Judgement(level=1)},
    )
    report = Engine(entry_points=False, frameworks=[framework]).report(school)
    html = render(report)
    assert_structure(html, report)
    assert "Longer is better" in html


@settings(max_examples=scaled(25))
@given(hostile_texts(), hostile_texts(), hostile_texts())
def test_any_text_is_escaped(name: str, title: str, action: str) -> None:
    report = example()
    school = report.assessment.school.model_copy(update={"name": name})
    rec = Recommendation(id="x", title=title, action=action, priority="high")
    made = report.model_copy(
        update={
            "assessment": report.assessment.model_copy(update={"school": school}),
            "recommendations": (rec,),
        }
    )
    html = render(made)
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", html) is None
    page = assert_structure(html, made)
    assert page.count("script") == 0


# -- the command -------------------------------------------------------------------------------


def test_report_format_summary_drops_evidence_by_default(tmp_path: Path) -> None:
    target = tmp_path / "summary.html"
    result = run("report", str(NEW), "--format", "summary", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {target} (summary).\n"
    html = target.read_text(encoding="utf-8")
    evidence = [j.evidence for j in load_assessment(NEW).judgements.values() if j.evidence]
    assert not [e for e in evidence if e and e[:30] in html]
    with_it = run("report", str(NEW), "--format", "summary", "--with-evidence", "-o", str(target))
    assert with_it.exit_code == 0
    assert any(e and e[:30] in target.read_text(encoding="utf-8") for e in evidence)
    # Other formats keep the evidence by default, as before.
    html_report = run("report", str(NEW), "--format", "html")
    assert any(e and e[:30] in html_report.stdout for e in evidence)


def test_report_summary_with_voices_and_previous(tmp_path: Path) -> None:
    target = tmp_path / "summary.html"
    result = run(
        "report", str(NEW), "--previous", str(OLD), "--voices", str(RESPONDENTS),
        "--format", "summary", "-o", str(target),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "carried" not in result.stderr  # the previous review was not migrated
    page = Page(target.read_text(encoding="utf-8"))
    assert {"voices", "progress", "chart"} <= set(page.section_ids)


def test_a_batch_of_summaries_goes_to_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("report", str(NEW), str(OLD), "--format", "summary", "--output-dir", str(out))
    assert result.exit_code == 0, result.output
    pages = sorted(out.glob("*.html"))
    assert [p.name for p in pages] == ["100000-2025-10-06.html", "100000-2026-10-05.html"]
    assert all(Page(p.read_text(encoding="utf-8")).count("ol", "actions") for p in pages)


# -- two A4 pages --------------------------------------------------------------------------------


def big_report() -> Report:
    """A framework of 24 aspects with long titles, a previous review, five long actions, two
    awards with much missing, and respondents of six groups who disagree everywhere: as
    much as the page is asked to hold."""
    scale = Scale(best=5, worst=1, labels={1: "Not yet", 3: "Established", 5: "Embedding"})

    def strand(sid: str) -> Strand:
        return Strand(id=sid, title=f"Strand {sid} with a title of some length", levels={
            level: f"Descriptor {level}" for level in scale.levels
        })  # fmt: skip

    elements = tuple(
        Element(
            id=f"E{e}",
            title=f"Element {e}",
            aspects=tuple(
                Aspect(
                    id=f"E{e}A{a}",
                    title=f"Aspect {e}.{a}: planning and reviewing this area",
                    strands=(strand(f"E{e}A{a}S1"), strand(f"E{e}A{a}S2")),
                )
                for a in range(1, 5)
            ),
        )
        for e in range(1, 7)
    )
    require = AllOf(
        all=tuple(Test.model_validate({"aspect": f"E{e}A1", "reached": 4}) for e in range(1, 7))
    )
    awards = tuple(Award(id=f"mark-{i}", title=f"Mark {i}", require=require) for i in range(2))
    framework = Framework(id="big", version="1", title="A big framework", scale=scale,
                          elements=elements, awards=awards)  # fmt: skip
    school = School(id="B1", name="Big School", authority="Big Authority")
    strands = framework.strand_ids

    def review(day: int, shift: int) -> Assessment:
        return Assessment(
            framework="big@1",
            school=school,
            assessed_on=dt.date(2026, 1, day),
            judgements={s: Judgement(level=1 + (i + shift) % 5, evidence="e " * 50)
                        for i, s in enumerate(strands)},
        )  # fmt: skip

    old, new = review(1, 0), review(2, 1)
    made = Engine(entry_points=False, frameworks=[framework]).report(new, old)
    recs = tuple(
        Recommendation(id=f"r{i}", title="A long title for an action " * 3,
                       action="A long action that goes on. " * 30, priority="high",
                       audience="governors")
        for i in range(9)
    )  # fmt: skip
    groups = ("leaders", "teachers", "support-staff", "governors", "pupils", "parents")
    # Groups alternately at levels 1 and 5 on every other strand: disagreement everywhere.
    responses = [
        Assessment(
            framework="big@1",
            school=school,
            respondent=Respondent(group=g),
            assessed_on=dt.date(2026, 1, 1),
            judgements={
                s: Judgement(level=1 + (4 * (n % 2) if k % 2 else 2)) for k, s in enumerate(strands)
            },
        )
        for n, g in enumerate(groups)
        for _ in range(5)
    ]
    view = voices(framework, responses, own=new)
    return made.model_copy(update={"recommendations": recs, "voices": view})


def test_the_big_report_keeps_its_shape() -> None:
    report = big_report()
    page = assert_structure(render(report), report)
    assert len(report.framework.aspects) == 24
    assert "and 2" not in page.words or "more in the full report" in page.words


@needs_chromium
@pytest.mark.chromium
@pytest.mark.parametrize("which", ["examples", "examples-with-evidence", "big"])
def test_the_summary_prints_on_at_most_two_a4_pages(tmp_path: Path, which: str) -> None:
    if which == "big":
        html = render(big_report())
    else:
        html = render(example(), with_evidence=which.endswith("evidence"))
    page = tmp_path / "summary.html"
    page.write_text(html, encoding="utf-8")
    pages = pdf_pages(print_to_pdf(page, tmp_path))
    assert 1 <= pages <= 2, pages


# -- any report, and hostile text (SPEC section 7) ---------------------------------------------


@settings(max_examples=scaled(15))
@given(reports())
def test_the_summary_of_any_generated_report_is_safe(report: Report) -> None:
    html = render(report)
    assert_safe_html(html)
    assert_terminal_safe(printed(html))
    assert_structure(html, report)


@pytest.mark.parametrize("text", [" ".join(HOSTILE), ATTACK], ids=["markup", "terminal"])
def test_hostile_text_everywhere_stays_text(text: str) -> None:
    report = hostile_report(text)
    html = render(report, with_evidence=True)
    page = assert_safe_html(html)
    assert_terminal_safe(printed(html))
    assert_structure(html, report)
    assert "<script>alert(1)</script>" not in html
    if text == ATTACK:
        assert "\\x9b2J" in "".join(page.text)
