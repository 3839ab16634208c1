"""The markdown exporter (exporters/markdown.py): the example reviews' header, profile and
recommendations; hostile text escaped, links only to http and mailto, a table row kept on
its line and control characters kept out (SPEC section 7). Moved from test_exporters.py in
round 77; the helpers it shares with the other exporters' tests are there."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from exporters.test_exporters import (
    ATTACK,
    example_report,
    export,
    hostile_report,
    reports,
    unsafe_link_report,
)
from scaled import scaled
from selfreview_core import Report
from selfreview_core._names import PRIORITIES
from selfreview_core.exporters.markdown import escape as md_escape
from selfreview_core.exporters.markdown import link as md_link


@pytest.mark.slow
@settings(max_examples=scaled(25))
@given(reports())
def test_markdown_of_a_generated_report_has_no_raw_html(report: Report) -> None:
    text = export(report, "markdown")
    assert "<" not in text
    assert ">" not in text
    assert "](javascript" not in text.lower()
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(report.framework.strands)


def test_markdown_of_the_examples_has_the_header_profile_and_grouped_recommendations() -> None:
    report = example_report()
    text = export(report, "markdown")
    assert text.startswith("# ICT self-review: Example Primary School\n")
    assert "**School:** Example Primary School (100000), Example LEA" in text
    assert "| 1a1 | The vision | 3 |" in text
    assert "| 4 | up one level, 4 → 3 |" in text  # in the scale's words: 1 is the best
    headings = [line.split(" ")[1] for line in text.splitlines() if line.startswith("### ")]
    present = {r.priority for r in report.recommendations}
    assert headings == [p.capitalize() for p in PRIORITIES if p in present]
    assert text.count("\n#### ") == len(report.recommendations)


def test_markdown_does_not_link_what_is_not_http_or_mailto() -> None:
    text = export(unsafe_link_report(), "markdown")
    assert "javascript" not in text.lower()
    assert "[https://example.org/ok](https://example.org/ok)" in text
    assert text.count("](") == 1
    assert "3 link(s) left out" in text


def test_markdown_escapes_html_and_markdown_in_hostile_text() -> None:
    text = export(hostile_report(), "markdown")
    assert "<" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert md_escape("**bold** [x](javascript:alert(1)) a|b `c`") == (
        "\\*\\*bold\\*\\* \\[x\\](javascript:alert(1)) a\\|b \\`c\\`"
    )
    assert md_escape("# heading\n\n- item\n1. one") == "\\# heading - item 1. one"
    assert md_escape("1. one") == "1\\. one"
    assert md_escape("=====") == "\\====="
    assert md_escape("AT&T &amp;") == "AT&amp;T &amp;amp;"


def test_markdown_keeps_a_table_row_on_one_line_whatever_the_evidence() -> None:
    data: dict[str, Any] = example_report().model_dump(mode="json")
    data["assessment"]["judgements"]["1a1"]["evidence"] = "first | line\n\nsecond\r\nthird"
    text = export(Report.model_validate(data), "markdown")
    [row] = [line for line in text.splitlines() if line.startswith("| 1a1 |")]
    assert "first \\| line second third" in row
    assert row.count(" | ") == 6  # seven cells with the previous review


def test_markdown_keeps_every_control_character_out_of_text_and_links() -> None:
    text = export(hostile_report(ATTACK), "markdown")
    assert "\\x1b\\]52;c;aGFja2Vk\\x07" in text  # Markdown's `\\]`, then the shown ESC
    assert md_escape("\u202ehello\x1b[2J") == "\\u202ehello\\x1b\\[2J"
    url = "https://example.org/\x1b]8;;x\x07/\u202e/\udcff"
    assert md_link(url) == (
        "[https://example.org/\\x1b\\]8;;x\\x07/\\u202e/\\udcff]"
        "(https://example.org/%1B]8;;x%07/%E2%80%AE/%5Cudcff)"
    )
