"""The governors' page as a whole (`exporters/summary.py`): what its mutation pass (round 41)
found no test held. The layout either side of eight aspects is held in
`test_summary_sections_mutants.py`, beside the chart it goes with."""

from __future__ import annotations

from exporters.test_summary import Page, assert_structure, example
from selfreview_core.exporters.summary import render
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
