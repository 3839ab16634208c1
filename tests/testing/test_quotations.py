"""`misquoted`: every quotation held to its source's words, and only what a copy changes
without changing the words forgiven."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core.testing import misquoted

SOURCE = (
    "LEAs that had a successful **Ofsted inspection** have some common\n"
    "characteristics. \u201cThe greatest inhibitor  is the confidence of staff.\u201d "
    "Schools say \u201cwe work with the technology parents have\u201d."
)


@pytest.mark.parametrize(
    "text",
    [
        'The report: "LEAs that had a successful Ofsted inspection".',  # emphasis dropped
        'It found "some common characteristics".',  # a line break in the source
        'It says "the greatest inhibitor is the confidence of staff."',  # inside a sentence
        "Schools \"say 'we work with the technology parents have'\".",  # nested, single marks
        'It found "LEAs that had ... common characteristics".',  # words left out
        'It found "LEAs that had \u2026 common characteristics".',
        'It found "LEAs that had [...] common characteristics".',
        "No quotation at all, and an apostrophe's fine.",
        'An empty one: "".',
    ],
)
def test_a_faithful_quotation_passes(text: str) -> None:
    assert misquoted(text, SOURCE) == []


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ('It says "the greatest barrier is the confidence of staff".', "barrier"),
        ('It found "some common characteristic".', "a word's ending"),
        ('It found "LEAs that had ... uncommon characteristics".', "a part after an ellipsis"),
        ('"Ofsted inspection" and "a quotation from memory".', "the second of two"),
        ('It found "LEAs that had a successful Ofsted', "a quotation never closed"),
    ],
)
def test_a_changed_or_invented_quotation_is_named(text: str, wrong: str) -> None:
    found = misquoted(text, SOURCE)
    assert len(found) == 1, wrong
    assert found[0] in text


def test_each_misquotation_is_named_as_the_advice_writes_it() -> None:
    text = 'First "Ofsted inspection", then "an invented  line", then "common\ncharacteristics".'
    assert misquoted(text, SOURCE) == ["an invented  line"]


@given(st.text(alphabet=st.characters(blacklist_characters='"'), min_size=1).filter(str.strip))
def test_any_passage_of_a_source_quoted_from_it_passes(passage: str) -> None:
    """Whatever the source says, quoting it exactly is never a misquotation."""
    source = f"Before. {passage} After."
    assert misquoted(f'It says "{passage}".', source) == []


@given(st.text(alphabet="abcdefghij ", min_size=3).filter(lambda s: s.strip()))
def test_words_the_source_lacks_are_always_named(passage: str) -> None:
    source = "KLMNOPQRST"  # none of the passage's letters
    assert misquoted(f'"{passage}"', source) == [passage]


def test_a_quotation_may_change_the_case_of_its_first_letter_either_way() -> None:
    """A quotation that starts a sentence capitalises its first word, or one quoted mid-
    sentence lowers it: either is the source's words (a mutation pass, round 44)."""
    assert misquoted('"Good practice is identified"', "where good practice is identified") == []
    assert misquoted('as "the greatest inhibitor"', "The greatest inhibitor to use") == []
    assert misquoted('"GOod practice"', "good practice") == ["GOod practice"]


def test_words_left_out_at_the_end_of_a_quotation_of_one_word_are_held() -> None:
    """`"characteristic ..."` quotes a source of that one word: the part after the ellipsis
    is empty, and held."""
    assert misquoted('"characteristic ..."', "characteristic") == []


def test_an_unclosed_quotation_is_reported_from_its_mark_to_the_end() -> None:
    text = 'it says "held words" and then "a passage never closed'
    assert misquoted(text, "held words") == ["a passage never closed"]


def test_every_closed_passage_before_an_unclosed_one_is_checked() -> None:
    text = 'a "held" b "not held" c "held too" d "open'
    assert misquoted(text, "held; held too") == ["not held", "open"]
