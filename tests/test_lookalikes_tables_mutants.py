"""`_lookalikes.compatible`, the table SQL reads at every id of a cohort
(`cohort.look_alike_schools`), on what round 70's mutation pass found no test holding: it
holds the characters with a compatibility form and no other. A letter with only a
canonical form (`é`, U+00E9: an `e` and a combining acute) is read by SQL's
`strip_accents`; in this table it is one more entry of a `translate` a cohort's every id
goes through (`_compatible`'s `bool(decomposition) and ...` as `or` put in every such
letter).

And ASCII drawn alike (`I`, `l`, `1`; `0`, `O`) is told alike in the names of plugins
alone (`ascii_alike`), never in an id's hint, which holds digits of its own; a plugin name
with a soft hyphen joins the sets of the names with and without a hyphen there."""

from __future__ import annotations

import unicodedata

from selfreview_core._lookalikes import compatible, look_alike, looking_alike
from selfreview_core.model.base import did_you_mean


def test_no_character_with_only_a_canonical_form_is_in_the_table() -> None:
    forms = compatible()
    assert "\u00e9" not in forms  # e with an acute: canonical alone
    assert "\u00c5" not in forms  # A with a ring above
    assert "\u1e9b" in forms  # a long s with a dot above: a compatibility form, an s
    assert all(
        unicodedata.normalize("NFKD", char) != unicodedata.normalize("NFD", char) for char in forms
    )


def test_an_id_is_not_read_with_ascii_drawn_alike() -> None:
    """`l`, Cyrillic a, `l` is drawn as `lal`, not as the id `1a1` (mutant 26, the default
    of `ascii_alike` as True, named `1a1`)."""
    typed = "l\u0430l"
    assert look_alike(typed, ["1a1"]) is None
    assert did_you_mean(typed, ["1a1", "lal"]) == (
        "did you mean `lal`? What was typed holds U+0430 CYRILLIC SMALL LETTER A"
    )
    assert look_alike(typed, ["1a1"], ascii_alike=True) == (
        "did you mean `1a1`? What was typed holds U+0430 CYRILLIC SMALL LETTER A"
    )


def test_a_plugin_name_with_a_soft_hyphen_joins_both_sets() -> None:
    """Mutant 29 (`if ascii_alike:` for `if not ascii_alike:`) left two sets apart."""
    names = ["a-b", "ab", "a\u00adb"]
    assert looking_alike(names, ascii_alike=True) == [names]
    assert looking_alike(names) == [["ab", "a\u00adb"]]
