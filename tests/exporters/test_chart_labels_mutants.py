"""How the profile chart sets a level's name above its column (`chart._label_lines`), held
where round 42's own mutation pass over it found nothing that would notice a change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.exporters.chart import _label_lines, _label_width, _two_lines
from selfreview_core.exporters.text_measure import text_width

WORDS = st.lists(
    st.sampled_from(["a", "an", "the", "level", "established", "wide", "W"]),
    min_size=1,
    max_size=16,
)


TWELVE = [
    *("one", "two", "three", "four", "five", "six"),
    *("seven", "eight", "nine", "ten", "eleven", "twelve"),
]


def test_a_name_that_fits_its_room_is_one_line_whatever_its_words() -> None:
    assert _label_lines("Not yet", 100) == ["Not yet"]
    assert _label_lines("  Not   yet ", 100) == ["Not yet"]
    room = text_width("Established well", 10)
    assert _label_lines("Established well", room) == ["Established well"]  # exactly fits


def test_a_longer_name_takes_its_two_most_even_lines_not_the_first_full_one() -> None:
    """A column may be wider than a name needs (another level's name sized it): the name is
    still split evenly, "aaaa bbbb" over "cccc dddd", not "aaaa bbbb cccc" over "dddd"."""
    name = "aaaa bbbb cccc dddd"
    room = text_width("aaaa bbbb cccc", 10)
    assert _label_lines(name, room) == ["aaaa bbbb", "cccc dddd"]
    assert _two_lines(name.split()) == ("aaaa bbbb", "cccc dddd")
    assert _label_width(name) == text_width("aaaa bbbb", 10)
    assert _label_width("single") == text_width("single", 10)


def test_a_cut_name_keeps_every_word_that_fits_and_only_marks_the_cut() -> None:
    words = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
    ]
    room = text_width("one two three four", 10)
    first, second = _label_lines(" ".join(words), room)
    assert first == "one two three four"  # the next word would not fit
    assert second.endswith(" …")
    kept = second.removesuffix(" …").split()
    assert kept == words[4 : 4 + len(kept)]
    assert text_width(second, 10) <= room
    longer = " ".join([*kept, words[4 + len(kept)], "…"])
    assert text_width(longer, 10) > room  # one more word would not have fitted


@settings(max_examples=scaled(200))
@given(WORDS, st.floats(min_value=20, max_value=400))
def test_any_name_is_two_lines_at_most_each_within_its_room_or_one_word(
    words: list[str], room: float
) -> None:
    lines = _label_lines(" ".join(words), room)
    assert 1 <= len(lines) <= 2
    for line in lines:
        assert len(line.split()) == 1 or text_width(line, 10) <= room
    shown = " ".join(lines).split()
    if shown[-1] == "…" and words[-1] != "…":
        assert shown[:-1] == words[: len(shown) - 1]
    else:
        assert shown == words
    if len(lines) == 2 and shown[-1] != "…":  # whole on two lines: the most even split
        assert tuple(lines) == _two_lines(words)
    if len(lines) == 2 and shown[-1] == "…" and len(shown) - 1 < len(words):
        # Cut: as many words as fit, and not one more.
        kept = lines[1].split()[:-1]
        following = words[len(lines[0].split()) + len(kept)]
        assert text_width(" ".join([*kept, following, "…"]), 10) > room


def test_an_even_split_that_just_fits_is_kept_whichever_line_is_the_wider() -> None:
    for name in ("aaaa bbbbbb cc", "cc bbbbbb aaaa"):
        first, second = _two_lines(name.split())
        room = max(text_width(first, 10), text_width(second, 10))
        assert _label_lines(name, room) == [first, second]


def test_two_words_that_do_not_fit_one_line_take_two() -> None:
    assert _label_lines("aaaa bbbb", text_width("aaaa", 10)) == ["aaaa", "bbbb"]
    assert _label_width("aaaa bbbbbb") == text_width("bbbbbb", 10)


def test_the_rest_of_a_cut_name_that_just_fits_is_whole_and_one_long_word_is_kept() -> None:
    """Past the first line, the rest is kept whole when it fits exactly; a single word too
    wide for the line is kept whole too (the column grows for the widest word)."""
    room = text_width("bb ccc", 10)
    assert _label_lines("ggggggg bb ccc", room) == ["ggggggg", "bb ccc"]
    assert _label_lines("aaaa " + "b" * 30, text_width("aaaa", 10)) == ["aaaa", "b" * 30]


def test_the_split_is_the_most_even_measured_alike_on_both_lines() -> None:
    """Both lines are measured in the one size they are drawn in: a split chosen with one
    line measured larger is another split."""
    assert _two_lines(["bb", "a", "iiii", "dddd"]) == ("bb a iiii", "dddd")
    assert _two_lines(["dddd", "iiii", "eeeee", "mmmm"]) == ("dddd iiii", "eeeee mmmm")


def test_a_cut_keeps_as_many_words_as_fit_whatever_the_room() -> None:
    words = TWELVE
    for width in range(60, 200, 7):
        first, second = _label_lines(" ".join(words), float(width))
        if not second.endswith(" …"):
            continue
        kept = second.removesuffix(" …").split()
        following = words[len(first.split()) + len(kept)]
        assert text_width(second, 10) <= width
        assert text_width(" ".join([*kept, following, "…"]), 10) > width, width
