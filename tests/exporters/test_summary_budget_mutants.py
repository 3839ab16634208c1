"""The governors' page's height estimate: behaviour round 70's mutation pass found no test
held. `summary` measures a page again after each list it cuts (SPEC section 10's two A4
pages), and the blocks' heights it keeps between measures are what make that cheap."""

from __future__ import annotations

from exporters.extreme_summaries import Extreme
from exporters.test_summary_budget import page_of
from selfreview_core.exporters.summary_budget import FULL, Heights, page_height, part_height


def test_a_page_measured_with_a_cache_of_heights_fills_it_and_reads_it_back() -> None:
    """The caller's `known` is filled by the first measure and used by the next: the same
    height from an empty cache, a filled one and none."""
    page = page_of(Extreme(aspects=12, voices=True, cohort=True, evidence=True))
    known: Heights = {}
    first = page_height(page, known)
    assert known  # every block measured is kept for the next measure
    kept = dict(known)
    assert page_height(page, known) == first == page_height(page)
    assert known == kept  # nothing new to measure the second time


def test_a_part_measured_alone_needs_no_cache_and_fills_one_given() -> None:
    part = "<h2>Next steps</h2><p>Bring ICT into the senior leadership team.</p>"
    known: Heights = {}
    height = part_height(part, FULL, known)
    assert height > 0
    assert part_height(part, FULL) == height
    assert {tag for tag, _, _ in known} == {"h2", "p"}
