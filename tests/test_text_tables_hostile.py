"""Round 76's attack on the text paths round 75 touched: headings wrapped with a
right-to-left name isolated in them (`fit_heading`), and the least width a flag keeps
(`_unbreakable`). Tables of right-to-left cells with combining marks, emoji with skin tones
and ZWJ, wide CJK and paths kept their columns and closed each isolate on its line in
3,000 drawn tables each (no finding there); these pin what was found."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.isolates import right_to_left
from selfreview_core.text_tables import _unbreakable, fit_heading, fitted_table, isolated

FSI, PDI = "\u2068", "\u2069"
NAME = "בית הספר היסודי על שם יצחק רבין בתל אביב יפו"
REST = " (100000), Self-review framework (becta-srf@2010), reviewed 2026-01-01"


def test_a_right_to_left_name_wrapped_in_a_heading_is_closed_and_opened_again() -> None:
    """The name's isolate was left open at the first line's end, and the next line began
    with Hebrew outside any: that line (the id, the framework) was laid out right to left."""
    assert fit_heading(f"{isolated(NAME)}{REST}", 40) == [
        f"{FSI}בית הספר היסודי על שם יצחק רבין בתל{PDI}",
        f"  {FSI}אביב יפו{PDI} (100000), Self-review",
        "  framework (becta-srf@2010), reviewed",
        "  2026-01-01",
    ]


def test_a_heading_without_isolates_is_wrapped_as_it_was() -> None:
    text = f"{NAME}{REST}"  # not isolated: left as textwrap gives it
    assert fit_heading(text, 30) == textwrap.wrap(
        text, 30, subsequent_indent="  ", break_on_hyphens=False
    )
    assert fit_heading(f"{isolated(NAME)}{REST}", None) == [f"{isolated(NAME)}{REST}"]


_WORDS = st.sampled_from(
    [
        "בית",
        "ספר",
        "مدرسة",
        "النور",
        "学校学校",
        "e\u0301cole",
        "👩🏽\u200d🏫",
        "🇬🇧",
        "School",
        "(1)",
        "x",
    ]
)
_TEXTS = st.lists(_WORDS, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=scaled(200))
@given(names=st.lists(_TEXTS, min_size=1, max_size=3), width=st.integers(8, 60))
def test_every_heading_line_closes_its_isolates_and_keeps_the_text(
    names: list[str], width: int
) -> None:
    text = ", ".join(isolated(name) for name in names) + REST
    lines = fit_heading(text, width)
    for line in lines:
        depth = 0
        for char in line:
            depth += (char == FSI) - (char == PDI)
            assert depth >= 0, line
        assert depth == 0, line
        outside = "".join(part.split(PDI)[-1] for part in line.split(FSI))
        assert right_to_left().search(outside) is None, line  # no letter left outside
    plain = [line.replace(FSI, "").replace(PDI, "") for line in lines]
    assert "".join(plain).replace(" ", "") == text.replace(FSI, "").replace(PDI, "").replace(
        " ", ""
    )


def test_a_flag_keeps_its_two_cells_not_four() -> None:
    """Each regional indicator is two cells alone, a flag of two of them two: weighed as
    one run, a flag kept a column four cells wide."""
    assert _unbreakable("🇬🇧") == 2
    assert _unbreakable("🇬🇧🇫🇷") == 2
    table = fitted_table([["🇬🇧 🇫🇷 🇩🇪 🇪🇸", "3"]], ["t", "level"], flexible=[0], width=16)
    assert table.split("\n")[2].startswith("🇬🇧")
