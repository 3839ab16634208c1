"""`_lookalikes.compatible`, the table SQL reads at every id of a cohort
(`cohort.look_alike_schools`), on what round 70's mutation pass found no test holding: it
holds the characters with a compatibility form and no other. A letter with only a
canonical form (`é`, U+00E9: an `e` and a combining acute) is read by SQL's
`strip_accents`; in this table it is one more entry of a `translate` a cohort's every id
goes through (`_compatible`'s `bool(decomposition) and ...` as `or` put in every such
letter)."""

from __future__ import annotations

import unicodedata

from selfreview_core._lookalikes import compatible


def test_no_character_with_only_a_canonical_form_is_in_the_table() -> None:
    forms = compatible()
    assert "\u00e9" not in forms  # e with an acute: canonical alone
    assert "\u00c5" not in forms  # A with a ring above
    assert "\u1e9b" in forms  # a long s with a dot above: a compatibility form, an s
    assert all(
        unicodedata.normalize("NFKD", char) != unicodedata.normalize("NFD", char) for char in forms
    )
