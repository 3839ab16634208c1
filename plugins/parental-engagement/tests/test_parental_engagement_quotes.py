"""Every quotation in the parental-engagement pack's advice is its document's own words:
checked against the copies the advice was taken from, beside the repository in CI
(`../shared/seeds`), each rule against the document its reference names."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_parental_engagement import CONCLUSIONS, DOCUMENTS, IET, PLA, recommend

from selfreview_core import Framework
from selfreview_core.testing import misquoted

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
#: The copy of each document the pack quotes.
COPIES = {
    PLA: SEEDS / "000_077eb54c0bb4ac14.txt",
    IET: SEEDS / "002_bb10e659fec88038.txt",
    CONCLUSIONS: SEEDS / "003_319863c5fe241719.txt",
}
IN_CI = "the seed documents are beside the repository in CI"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=IN_CI)
def test_every_quotation_is_its_documents_own_words(becta: Framework) -> None:
    found = recommend(becta, dict.fromkeys(becta.strand_ids, 4))
    assert set(found) == set(DOCUMENTS)
    for rec in found.values():
        copy = COPIES[DOCUMENTS[rec.id]].read_text(encoding="utf-8")
        assert misquoted(rec.action, copy) == [], rec.id
        assert rec.action.count('"') >= 2, rec.id  # each rule's advice quotes its document
