"""How wide `text_measure` says a text is, and how it wraps and cuts a chart's label: held
where round 44's own mutation pass over it found nothing that would notice a change; and
that a line breaks, and a cut ends, between whole characters (a bug that pass found)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.exporters.text_measure import text_width, wrap_text

#: One em at 10 px, with the margin the measure leaves for wider fonts.
EM_AT_10 = 10 * 1.15


def test_the_default_size_is_the_charts_twelve_pixels_in_the_regular_weight() -> None:
    assert text_width("Leadership") == text_width("Leadership", 12)
    assert text_width("Leadership") < text_width("Leadership", 13)
    line = "Leadership and management"
    room = text_width(line, 12)  # exactly the line, at 12 px and regular
    assert wrap_text(line, room) == [line]
    assert wrap_text(line, room, 13) == wrap_text(line, room, bold=True) != [line]


def test_dashes_ellipses_and_wide_characters_are_measured_at_their_own_width() -> None:
    """An em dash and the ellipsis a cut label ends in are one em wide, with the margin for
    wider fonts; a Chinese or Japanese character one em exactly, as every CJK font draws it
    (with the margin, pages of such text left out rows that fit); an en dash as wide as a
    figure; `~`, the last printable ASCII character, as wide as `+`."""
    for char in "—…":
        assert text_width(char, 10) == pytest.approx(EM_AT_10)
    for wide in ("情", "ワ", "学校情報技術の自己評価"):
        assert text_width(wide, 10) == pytest.approx(10 * len(wide))
        assert text_width(wide, 10, bold=True) == pytest.approx(11 * len(wide))
    assert text_width("–") == text_width("0")
    assert text_width("~") == text_width("+")


def test_a_mark_or_an_invisible_character_adds_no_width() -> None:
    assert text_width("Cafe\u0301") == text_width("Cafe")
    for invisible in ("\u200b", "\u2060", "\u200d", "\ufe0f"):
        assert text_width(f"a{invisible}b") == text_width("ab")


def test_an_accented_letter_is_as_wide_as_its_letter() -> None:
    """A Latin letter with an accent is measured as the letter; one of another script, with
    an accent or not, as a wide Latin letter (and no accented letter is an error)."""
    for accented, letter in [("Á", "A"), ("í", "i"), ("ñ", "n"), ("Ü", "U"), ("ç", "c")]:
        assert text_width(accented) == text_width(letter)
    assert text_width("й") == text_width("и") == text_width("ῷ") == text_width("ж")
    assert text_width("ж") > text_width("n")


def test_a_control_character_is_measured_as_its_escape_is_printed() -> None:
    assert text_width("a\tb") == text_width("a\\tb")
    assert text_width("a\nb") == text_width("a\\nb")
    assert text_width("\u202e") == text_width("\\u202e")


def test_a_tab_or_a_line_break_in_a_label_is_shown_escaped_within_its_word() -> None:
    """A line break in a title never breaks the chart's line: it is shown, as a table
    shows it."""
    assert wrap_text("Tab\there\nnow", 500) == ["Tab\\there\\nnow"]


def test_a_word_or_a_line_exactly_as_wide_as_the_room_is_kept_whole() -> None:
    word = "Supercalifragilistic"
    assert wrap_text(word, text_width(word)) == [word]
    assert wrap_text(word, text_width(word) - 0.01) == ["Supercalifragilisti", "c"]
    line = "Leadership and management"
    assert wrap_text(line, text_width(line)) == [line]
    assert wrap_text(line, text_width(line) - 0.01) == ["Leadership and", "management"]


def test_a_cut_line_keeps_every_character_that_fits_before_its_ellipsis() -> None:
    """ "abcdefghij" is as wide as "abcdefg…" in Helvetica: cut to that room, the line keeps
    exactly "abcdefg", not a character fewer."""
    room = text_width("abcdefg…")
    assert wrap_text("abcdefghij klm", room, max_lines=1) == ["abcdefg…"]
    assert wrap_text("abcdefghij klm", room - 0.01, max_lines=1) == ["abcdef…"]
    assert wrap_text("abcdefghij klm", room, max_lines=2) == ["abcdefghij", "klm"]
    assert wrap_text("a b c d", 0.5, max_lines=1) == ["…"]  # not even one letter fits


# A character as drawn, in what `shown` prints for it: a letter and its accents, a flag, a
# family of emoji joined, a control character's escape, a spacing mark on its letter.
DRAWN = {
    "e\u0301\u0323": "e\u0301\u0323",
    "\U0001f1ec\U0001f1e7": "\U0001f1ec\U0001f1e7",
    "\U0001f469\u200d\U0001f4bb": "\U0001f469\u200d\U0001f4bb",
    "\U0001f44d\U0001f3fd": "\U0001f44d\U0001f3fd",
    "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f": (
        "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    ),
    "\u0915\u093f": "\u0915\u093f",
    "\u202e": "\\u202e",
    "\t": "\\t",
    "\x1b": "\\x1b",
    "情": "情",
    "W": "W",
}


@settings(max_examples=scaled(200), deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(sorted(DRAWN)), min_size=1, max_size=12), min_size=1),
    st.floats(5, 200),
    st.integers(1, 4),
)
def test_a_line_breaks_and_a_cut_ends_between_whole_characters(
    words: list[list[str]], room: float, max_lines: int
) -> None:
    """A label is wrapped and cut between the characters a reader sees: never between a
    letter and its accent, inside a flag or a joined emoji, or inside the escape shown for
    a control character (a long title on the governors' page ended in half a flag, or in
    `\\u20…` for a right-to-left override)."""
    drawn = [DRAWN[char] for word in words for char in word]
    lines = wrap_text(" ".join("".join(word) for word in words), room, max_lines=max_lines)
    assert len(lines) <= max_lines
    at = 0
    for n, line in enumerate(lines):
        kept = line.removesuffix("…") if n == len(lines) - 1 else line
        kept = kept.replace(" ", "")
        end = at
        while "".join(drawn[at:end]) != kept:
            end += 1
            assert end <= len(drawn), f"{line!r} ends inside a character"
        at = end


def test_a_flag_or_an_escape_too_wide_for_the_room_is_cut_whole() -> None:
    flags = "\U0001f1ec\U0001f1e7" * 40
    for line in wrap_text(flags, 130, max_lines=2):
        assert len(line.removesuffix("…")) % 2 == 0
    assert wrap_text("\u202e" * 40, 130, max_lines=2) == [
        "\\u202e\\u202e\\u202e",
        "\\u202e\\u202e…",
    ]


def test_with_no_room_each_line_is_one_character_as_drawn() -> None:
    """The first and last of each kind: flags of A and of Z, the lightest and the darkest
    skin tone, a tag flag ended by its cancel tag (and one holding the tag space)."""
    drawn = [
        "\U0001f1e6\U0001f1fa",  # 🇦🇺
        "\U0001f1ff\U0001f1e6",  # 🇿🇦
        "\U0001f44d\U0001f3fb",
        "\U0001f44d\U0001f3ff",
        "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",  # Wales
        "\U0001f3f4\U000e0020\U000e007f",
        "e\u0301",
    ]
    assert wrap_text("".join(drawn), 0.5) == drawn


def test_a_control_character_after_a_joiner_or_a_mark_after_a_space_stands_alone() -> None:
    """A joiner never carries a control character into the text raw (it is shown escaped),
    and an accent after a space starts the next word, as a space never joins a word."""
    assert wrap_text("\U0001f469\u200d\tx\u200d\u202e", 500) == [
        "\U0001f469\u200d\\tx\u200d\\u202e"
    ]
    room = text_width("ab")
    assert wrap_text("ab \u0301cd", room) == ["ab", "\u0301cd"]


#: Helvetica's advance widths, in thousandths of an em, as Adobe's metrics for it give them
#: (Helvetica.afm, one of the PDF core fonts; Arial's are the same), for every printable
#: ASCII character and the others the measure knows, grouped by width; and the arrows a
#: chart draws (▲ ▼ ◂ ▸), which Helvetica lacks, one em, as wider fonts draw them.
HELVETICA = {
    191: "'",
    222: "ijl‘’",
    260: "|",
    278: " !,./:;I[\\]ft·",
    333: "()-`r“”",
    334: "{}",
    350: "•",
    355: '"',
    389: "*",
    400: "°",
    469: "^",
    500: "Jcksvxyz",
    556: "#$0123456789?L_abdeghnopqu–€£",
    584: "+<=>~×",
    611: "FTZ",
    667: "&ABEKPSVXY",
    722: "CDHNRUw",
    778: "GOQ",
    833: "Mm",
    889: "%",
    944: "W",
    1000: "—…▲▼◂▸",
    1015: "@",
}


def test_every_printable_ascii_character_is_as_wide_as_helvetica_draws_it() -> None:
    """A label is placed, wrapped and cut by these widths: one a thousandth of an em off
    is a label a pixel off every seventy characters at 12 px, and a cut that keeps a
    character that does not fit. At the size where an em is 1000 units as measured (with
    the margin for wider fonts), each character measures its own width."""
    em = 1000 / 1.15
    measured = set()
    for width, characters in HELVETICA.items():
        for character in characters:
            assert text_width(character, em) == pytest.approx(width), character
            measured.add(character)
    assert {chr(code) for code in range(32, 127)} <= measured


def test_a_letter_the_measure_has_no_width_for_is_as_wide_as_a_wide_latin_capital() -> None:
    """A Cyrillic or Greek letter, say, is measured as Helvetica's wide capitals (A, B, E:
    667), better too wide than clipped."""
    em = 1000 / 1.15
    for letter in ("ж", "Ж", "λ", "ῷ"):
        assert text_width(letter, em) == pytest.approx(667), letter
