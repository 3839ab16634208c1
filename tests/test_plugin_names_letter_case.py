"""What the engine says tells plugin names apart by (round 66): "in letter case" was said of
names whose `str.casefold` is one, where the search for names that look alike
(`_lookalikes.looking_alike`) takes the lower case DuckDB writes (`folded`): `ß` is no
`SS`, `İ` is an `i` with its dot, a final sigma a sigma. The wording is said of ASCII names
alone, where the two agree; a name outside ASCII is named with its characters by code
point, which is what tells it apart. These hold the wording to the search's sets."""

from __future__ import annotations

import pytest

from selfreview_core.plugin_checks import look_alike_names

_END = (
    "the problems and advice of each would pass for the other's; rename or uninstall the "
    "one not meant (`--disable` takes each by its name)"
)


def test_ascii_names_differing_in_letter_case_alone() -> None:
    assert look_alike_names(["LEA-Support", "lea-support", "Lea-support"]) == [
        "the plugins `LEA-Support`, `Lea-support` and `lea-support` have names that look "
        f"alike (in letter case): {_END}"
    ]


def test_letter_case_and_letters_drawn_alike() -> None:
    assert look_alike_names(["Lea-support", "Iea-support"]) == [
        "the plugins `Iea-support` and `Lea-support` have names that look alike (in letters "
        f"drawn alike: I, l and 1; 0 and O; rn and m): {_END}"
    ]


def test_sharp_s_is_no_capital_ss() -> None:
    """`casefold` writes `ß` as `ss`; the search does not take them for one name."""
    assert look_alike_names(["stra\u00dfe", "STRASSE", "strasse"]) == [
        f"the plugins `STRASSE` and `strasse` have names that look alike (in letter case): {_END}"
    ]


@pytest.mark.parametrize(
    ("names", "odd"),
    [
        (["\u0130nfo", "Info"], "`\u0130nfo` holds U+0130"),
        (["\u03bb\u03bf\u03b3\u03bf\u03c2", "\u03bb\u03bf\u03b3\u03bf\u03c3"], None),
        (["\u039b\u039f\u0393\u039f\u03a3", "\u03bb\u03bf\u03b3\u03bf\u03c2"], None),
    ],
)
def test_a_name_outside_ascii_is_told_by_its_characters(names: list[str], odd: str | None) -> None:
    """A dotted capital I beside an I, a final sigma beside a sigma, Greek capitals beside small
    letters: each set is said, by the characters each name holds, never "in letter case"."""
    said = look_alike_names(names)
    assert len(said) == 1
    assert "(in letter case)" not in said[0]
    assert odd is None or f"({odd})" in said[0]
    assert all(f"`{n}` holds U+" in said[0] for n in names if not n.isascii())
