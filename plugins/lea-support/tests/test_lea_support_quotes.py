"""Every quotation in `lea-support`'s advice is Becta's 2003 report word for word: checked
against the copy of the report the advice was taken from, beside the repository in CI
(`../shared/seeds`), so that no edit puts words in the report's mouth; and every reference
names the report's sections the advice quotes."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_lea_support import BECTA, recommend

from selfreview_core.testing import misquoted

#: Becta (2003), the report for LEA leadership teams on ICT in schools.
REPORT = Path(__file__).resolve().parents[4] / "shared" / "seeds" / "001_dfd8f04cfe4aee72.txt"
#: A school for which every rule gives its advice: every strand weak but the vision, which
#: is at the best level (good practice) and four levels ahead of the strategy.
EVERY_RULE = dict.fromkeys(BECTA.strand_ids, 5) | {"1a1": 1}


def test_one_school_gets_every_piece_of_advice() -> None:
    assert set(recommend(BECTA, EVERY_RULE)) == {
        "lea-training-needs-analysis",
        "lea-share-good-practice",
        "lea-contingency-plan",
        "lea-vision-ahead-of-strategy",
        "lea-procurement-tco",
        "lea-monitoring-evaluation",
    }


IN_CI = "the seed documents are beside the repository in CI"


@pytest.mark.skipif(not REPORT.exists(), reason=IN_CI)
def test_every_quotation_is_the_reports_own_words() -> None:
    report = REPORT.read_text(encoding="utf-8")
    quoted = 0
    for rec in recommend(BECTA, EVERY_RULE).values():
        assert misquoted(rec.action, report) == [], rec.id
        quoted += rec.action.count('"') // 2
    assert quoted >= 15  # the advice does quote the report throughout (17 passages)


def test_each_reference_names_the_section_or_sections_quoted() -> None:
    found = recommend(BECTA, EVERY_RULE)
    training = found["lea-training-needs-analysis"].reference
    contingency = found["lea-contingency-plan"].reference
    assert training is not None
    assert contingency is not None
    assert ', section "Implementation: Training"; further information at' in training
    assert (
        ', sections "Vision and Strategic Planning" and "Implementation: Support and guidance"; '
        "further information at www.becta.org.uk/leas (archived source, no longer online)"
    ) in contingency
