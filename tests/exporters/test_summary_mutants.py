"""The governors' page as a whole (`exporters/summary.py`): what its mutation pass (round 41)
found no test held. The layout either side of eight aspects is held in
`test_summary_sections_mutants.py`, beside the chart it goes with."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from exporters.extreme_summaries import Extreme, extreme_report
from exporters.test_summary import Page, assert_structure, example
from exporters.test_summary_budget import EXTREMES
from exporters.test_summary_sections_mutants import section
from selfreview_core.exporters import summary
from selfreview_core.exporters.common import review_name
from selfreview_core.exporters.summary import render
from selfreview_core.exporters.summary_sections import ACTIONS
from selfreview_core.model.problem import Problem


def test_problems_making_the_report_are_counted_and_sent_to_the_full_report() -> None:
    """The page names no problem (its text is for the full report) but says how many there
    were; a report without problems says nothing of them."""
    problems = (
        Problem(source="plugin lea", message="SECRET failure <b>\x1b[2J"),
        Problem(source="engine", message="no plugin named `x`", severity="warning"),
    )
    report = example().model_copy(update={"problems": problems})
    html = render(report)
    assert_structure(html, report)
    assert '<p class="meta">2 problem(s) while making the report: see the full report.</p>' in html
    assert "SECRET" not in html
    assert "problem" not in Page(render(example())).words


def _page_fitting(monkeypatch: pytest.MonkeyPatch, fits: Callable[[str], bool]) -> str:
    """The page of a report with every list long, where the page fits when `fits` says so
    of the HTML measured (in place of `summary_budget`'s estimate)."""
    monkeypatch.setattr(summary, "page_height", lambda page, known: 0 if fits(page) else 1e9)
    report, cohort = extreme_report(_EVERY_LIST_LONG)
    return render(report, with_evidence=True, cohort=cohort)


_EVERY_LIST_LONG = Extreme(aspects=12, awards=4, actions=7, voices=True, evidence=True)


def test_when_nothing_fits_every_list_keeps_its_first_item_and_counts_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The last resort: every list at its fewest, one item each, and still a page. No test
    reached it before round 47 (its mutation pass: a page of `None` went unnoticed)."""
    html = _page_fitting(monkeypatch, lambda page: False)
    assert html.startswith("<!DOCTYPE html>")
    assert html.endswith("</html>\n")
    assert re.findall(r'<th scope="row">(A\d+)', html) == ["A0"]
    assert "and 11 more aspect(s) in the full report" in html
    assert section(html, "actions").count("<li>") == 1
    assert "6 more recommendation(s) in the full report." in html
    assert section(html, "awards").count('<div class="award">') == 1
    assert "<p>and 3 more in the full report</p>" in html
    assert section(html, "progress").count("<li>") == 2  # one aspect, and the count
    assert "<li>and 11 more aspects that moved</li>" in html
    assert section(html, "voices").count("<li><strong>") == 1
    assert section(html, "evidence").count("<li><strong>") == 1
    assert "The evidence of 23 more strand(s) is in the full report." in html


def test_the_table_gives_way_to_eight_rows_before_the_actions_give_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where eight rows fit, the table keeps eight and all five actions stay; the rows give
    way to fewer only after the actions gave way to one."""
    html = _page_fitting(monkeypatch, lambda page: page.count('<th scope="row">') <= 8)
    assert len(re.findall(r'<th scope="row">', html)) == 8
    assert section(html, "actions").count("<li>") == ACTIONS
    html = _page_fitting(monkeypatch, lambda page: page.count('<th scope="row">') <= 5)
    assert len(re.findall(r'<th scope="row">', html)) == 5
    assert section(html, "actions").count("<li>") == 1


def test_the_table_keeps_the_most_rows_that_fit_not_fewer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Between eight rows and twelve the search tries ten (too many) and then nine, which
    fits: a search that stepped back two from ten kept eight."""
    html = _page_fitting(monkeypatch, lambda page: page.count('<th scope="row">') <= 9)
    assert len(re.findall(r'<th scope="row">', html)) == 9
    assert section(html, "actions").count("<li>") == ACTIONS


def test_the_pages_title_cuts_the_school_and_the_review_at_120_characters() -> None:
    """The browser's tab and a printed page's header show the title: its school name and
    a framework's own name for a review (`terms: review`) are cut as in the page. The
    name is one whose cut at 120 characters and at 121 differ by a word."""
    name = "a" * 115 + " bb cc dd ee ff gg hh"
    report, cohort = extreme_report(Extreme(terms=True))
    framework = report.framework
    assert framework.terms is not None
    terms = framework.terms.model_copy(update={"review": name})
    school = report.assessment.school.model_copy(update={"name": name})
    report = report.model_copy(
        update={
            "framework": framework.model_copy(update={"declared_terms": terms}),
            "assessment": report.assessment.model_copy(update={"school": school}),
        }
    )
    html = render(report, cohort=cohort)
    title = html[html.index("<title>") + 7 : html.index("</title>")]  # the page's, not the chart's
    assert review_name(report.framework) == name
    cut = "a" * 115 + " bb …"
    assert title == f"{cut} — {cut} summary for governors"


def test_the_footer_cuts_the_frameworks_name_at_120_characters() -> None:
    """The footer names the framework the page was made from (`id@version`), cut as the
    title's names are, at 120 characters: an id whose cut at 120 and at 121 differ."""
    report = example()
    framework = report.framework.model_copy(update={"id": "a" * 118 + "-b-c-d"})
    html = render(report.model_copy(update={"framework": framework}))
    footer = html[html.index("<footer>") : html.index("</footer>")]
    assert footer.startswith(
        "<footer>Made with selfreview-core from " + "a" * 118 + "-b … and the review of "
    )


#: The order the lists gave way in before round 48, when the actions were cut to three, and
#: then again to one: the most that fit is the same either way (the page grows with each
#: action kept), so one step to one does it.
ROUND_47_GIVE_WAY = (
    ("evidence", 1),
    ("flagged", 1),
    ("rows", 8),
    ("actions", 3),
    ("actions", 1),
    ("rows", 1),
    ("awards", 1),
    ("moved", 1),
)


@pytest.mark.parametrize("name", list(EXTREMES))
def test_the_actions_cut_at_once_to_as_few_as_one_keep_what_they_kept_before(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The same page, to the byte, on every extreme input: the ones that keep five actions,
    three, or one (the texts of 1,000 characters), and those where rows or awards give way
    after them."""
    report, cohort = extreme_report(EXTREMES[name])
    now = render(report, with_evidence=EXTREMES[name].evidence, cohort=cohort)
    monkeypatch.setattr(summary, "_GIVE_WAY", ROUND_47_GIVE_WAY)
    assert render(report, with_evidence=EXTREMES[name].evidence, cohort=cohort) == now
