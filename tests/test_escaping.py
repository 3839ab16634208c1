"""`escaping.shown`: the one function text from files and plugins goes through on its way to
a terminal or a Markdown file (SPEC section 7)."""

from __future__ import annotations

import html
import json
import re
import shlex
import sys
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.escaping import (
    BIDI_CONTROLS,
    quotes_shown,
    shown,
    shown_argument,
    shown_html,
    shown_html_name,
    shown_json,
    shown_line,
    shown_name,
    unsafe,
)
from selfreview_core.isolates import RIGHT_TO_LEFT_CLASS
from selfreview_core.testing import TERMINAL_ATTACKS, hostile_texts
from unseen_characters import UNSEEN

#: The characters that print as a blank or as nothing and are no format character: the
#: Hangul fillers and the Braille pattern blank (round 63), the variation selectors and the
#: rest of Unicode's Default_Ignorable_Code_Point (round 64), written out apart.
BLANK = UNSEEN
#: The bidirectional controls, written out as SPEC section 7 and the brief list them.
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def forbidden(char: str) -> bool:
    """SPEC section 7's rule, from Unicode's own categories (independent of the module):
    C0 but tab and newline, DEL and C1 (category Cc), bidirectional controls, and what
    cannot be printed at all (lone surrogates, line and paragraph separators), and the
    noncharacters (Unicode's definition: U+FDD0..U+FDEF, each plane's last two; round 67)."""
    category = unicodedata.category(char)
    if category == "Cc":
        return char not in "\t\n"
    code = ord(char)
    noncharacter = 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
    return category in ("Cs", "Zl", "Zp") or char in BIDI or noncharacter


#: The one shape of bidirectional control the program prints itself (round 75): an isolate
#: round a line of right-to-left text in a table or heading (`text_tables.isolated`),
#: closed on its line, holding no other bidirectional control. Its text is still checked.
_OWN_ISOLATE = re.compile(
    "\u2068([^\n\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*"
    f"[{RIGHT_TO_LEFT_CLASS}]"
    "[^\n\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*)\u2069"
)


def assert_terminal_safe(text: str, *, one_line: bool = False) -> None:
    text = _OWN_ISOLATE.sub(lambda match: match[1], text)
    bad = [c for c in text if forbidden(c) or (one_line and c in "\t\n")]
    assert not bad, f"raw control characters {bad!r} in {text!r}"


# -- the rule --------------------------------------------------------------------------------


def test_exactly_the_forbidden_code_points_are_unsafe() -> None:
    """Every code point, checked against Unicode's categories: nothing more, nothing less."""
    wrong = [
        hex(code) for code in range(sys.maxunicode + 1) if unsafe(chr(code)) != forbidden(chr(code))
    ]
    assert wrong == []
    assert frozenset(BIDI) == BIDI_CONTROLS


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("\x1b]52;c;aGFja2Vk\x07", "\\x1b]52;c;aGFja2Vk\\x07"),  # OSC 52: the clipboard
        (
            "\x1b]8;;https://evil.example/\x1b\\here\x1b]8;;\x1b\\",  # OSC 8: a link
            "\\x1b]8;;https://evil.example/\\x1b\\here\\x1b]8;;\\x1b\\",
        ),
        ("\x1b[2J", "\\x1b[2J"),  # CSI: clear the screen
        ("\x9b2J", "\\x9b2J"),  # the 8-bit CSI (C1)
        ("\x9d0;title\x9c", "\\x9d0;title\\x9c"),  # the 8-bit OSC and ST
        ("bell\x07", "bell\\x07"),
        ("\u202eexe.txt", "\\u202eexe.txt"),  # right-to-left override
        ("\u2066a\u2069 \u200e\u200f\u061c", "\\u2066a\\u2069 \\u200e\\u200f\\u061c"),
        ("\x00\x08\x7f\x85", "\\x00\\x08\\x7f\\x85"),  # NUL, backspace, DEL, NEL
        ("line\roverwritten", "line\\roverwritten"),
        ("a\u2028b\u2029c", "a\\u2028b\\u2029c"),
        ("name\udcff.yaml", "name\\udcff.yaml"),  # a file name that is not UTF-8
    ],
)
def test_control_characters_are_shown_escaped(text: str, escaped: str) -> None:
    assert shown(text) == escaped
    assert shown(text, newline=False) == escaped


def test_tab_and_newline_stay_in_text_and_are_escaped_on_one_line() -> None:
    text = "first\tcolumn\nsecond line"
    assert shown(text) is text
    assert shown(text, newline=False) == "first\\tcolumn\\nsecond line"
    # A file name cannot start a line of its own, such as a forged "ok".
    assert "\n" not in shown("a\nb.yaml: ok: fake", newline=False)


def test_plain_text_is_returned_as_it_is() -> None:
    for text in ("Example Primary School", "École Saint-Éloi — 中文 ✓ 🙂", "", "C:\\x1b"):
        assert shown(text) is text
        assert shown(text, newline=False) is text


def test_anything_but_text_is_made_text_first() -> None:
    assert shown(3) == "3"
    assert shown(None) == "None"
    assert shown(ValueError("bad\x1b[2J")) == "bad\\x1b[2J"


@pytest.mark.parametrize("attack", TERMINAL_ATTACKS)
def test_every_attack_in_the_testing_module_is_made_harmless(attack: str) -> None:
    assert_terminal_safe(shown(attack))
    assert_terminal_safe(shown(attack, newline=False), one_line=True)


# -- names: ids and file names ----------------------------------------------------------------

#: Text that needs its invisible format characters to be written at all: an emoji ZWJ
#: sequence, Persian with a zero-width non-joiner, Thai with zero-width spaces between its
#: words, a soft hyphen in a long German word, and a tag sequence (the flag of Scotland).
WRITTEN_WITH_JOINERS = (
    "\U0001f469\u200d\U0001f4bb ICT lead",
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    "\u0e20\u0e32\u0e29\u0e32\u200b\u0e44\u0e17\u0e22",
    "Schul\u00adentwicklung",
    "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
)


def test_a_name_shows_exactly_the_format_characters_and_what_one_line_text_does() -> None:
    """Every code point: `shown_name` escapes what one-line text escapes (SPEC section 7),
    every format character (category Cf) and those that print as a blank or as nothing
    (`UNSEEN`, rounds 63 and 64), nothing else. A code point this Python's Unicode does
    not assign yet may be escaped (Unicode 15 added Cf characters)."""
    wrong = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        expected = forbidden(char) or char in "\t\n" or category == "Cf" or char in BLANK
        escaped = shown_name(char) != char
        if escaped != expected and not (escaped and category == "Cn"):
            wrong.append(hex(code))
    assert wrong == []


@pytest.mark.parametrize("text", WRITTEN_WITH_JOINERS)
def test_text_keeps_the_joiners_its_script_needs_and_a_name_shows_them(text: str) -> None:
    assert shown(text) is text
    assert shown(text, newline=False) is text
    escaped = shown_name(text)
    assert escaped != text
    assert_terminal_safe(escaped, one_line=True)
    assert all(unicodedata.category(c) != "Cf" for c in escaped)


def test_names_that_look_the_same_are_shown_apart() -> None:
    names = ["1a1", "1a1\u200b", "\u20601a1", "1a\ufeff1", "1a\u00ad1", "1a1\u200d"]
    assert [shown_name(n) for n in names] == [
        "1a1",
        "1a1\\u200b",
        "\\u20601a1",
        "1a\\ufeff1",
        "1a\\xad1",
        "1a1\\u200d",
    ]
    assert shown_name("a\nb\x1b\udcff") == "a\\nb\\x1b\\udcff"  # as one-line text
    assert shown_name(7) == "7"
    # Beyond the first plane, Python's eight-digit escape: `\\ue0001` would read as U+E000.
    assert shown_name("a\U000e0001\U0001d173") == "a\\U000e0001\\U0001d173"
    plain = "école-1 ✓"
    assert shown_name(plain) is plain


@given(st.text(st.characters(), max_size=40))
def test_a_name_is_one_line_text_with_only_its_format_characters_escaped_more(text: str) -> None:
    """Idempotent, and the same as one-line text wherever the text has no Cf character
    and none of the blanks."""
    name = shown_name(text)
    assert shown_name(name) == name
    assert_terminal_safe(name, one_line=True)
    if not any(unicodedata.category(c) == "Cf" or c in BLANK for c in text):
        assert name == shown(text, newline=False)


# -- laws ------------------------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(), max_size=60) | hostile_texts()


@given(ANY_TEXT)
def test_no_forbidden_code_point_survives(text: str) -> None:
    """SPEC 7: control characters are "shown escaped, never passed through"."""
    assert_terminal_safe(shown(text))
    assert_terminal_safe(shown(text, newline=False), one_line=True)


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=60).filter(str.isprintable))
def test_printable_text_passes_unchanged(text: str) -> None:
    """Plain text needs no unescaping to be read: it is the very same string."""
    assert shown(text) is text
    assert shown(text, newline=False) is text


@given(ANY_TEXT)
def test_idempotence(text: str) -> None:
    once = shown(text)
    assert shown(once) == once
    line = shown(text, newline=False)
    assert shown(line, newline=False) == line
    assert shown(line) == line


@given(ANY_TEXT)
def test_escaping_only_inserts_visible_text_where_controls_were(text: str) -> None:
    """What is not a control character is kept in order: remove the escapes' text and the
    plain characters are what they were."""
    plain = "".join(c for c in text if not forbidden(c) and c not in "\t\n")
    escaped = shown(text, newline=False)
    assert len(escaped) >= len(text)
    it = iter(escaped)
    assert all(c in it for c in plain)  # a subsequence


@settings(max_examples=scaled(50))  # nested documents: slower to draw than text
@given(st.recursive(ANY_TEXT, lambda inner: st.lists(inner) | st.dictionaries(ANY_TEXT, inner)))
def test_json_keeps_its_meaning_and_loses_its_controls(data: object) -> None:
    text = shown_json(json.dumps(data, ensure_ascii=False, indent=2))
    assert_terminal_safe(text)
    assert json.loads(text) == data


def test_json_without_controls_is_returned_as_it_is() -> None:
    text = json.dumps({"name": "École ✓"}, ensure_ascii=False)
    assert shown_json(text) is text
    assert shown_json('"\u202e"') == '"\\u202e"'
    assert shown_json('"\x9b"') == '"\\u009b"'


MARKUP = st.text(st.sampled_from("&<>\"'a;#x27 \u202e\x1b"), max_size=30) | ANY_TEXT


@given(MARKUP)
def test_html_text_is_what_the_standard_escape_makes_of_the_shown_text(text: str) -> None:
    """`shown_html` escapes as `html.escape(..., quote=True)` does (imported when first
    needed, not at start-up): `&` first, so an entity in the text is shown, not interpreted;
    both quotes, so the text is safe inside an attribute."""
    assert shown_html(text) == html.escape(shown(text), quote=True)


def test_html_escapes_each_markup_character_once() -> None:
    assert shown_html("a & b") == "a &amp; b"
    assert shown_html("&amp;") == "&amp;amp;"
    assert shown_html("<b title=\"x\" alt='y'>") == (
        "&lt;b title=&quot;x&quot; alt=&#x27;y&#x27;&gt;"
    )
    assert shown_html("\u202e<") == "\\u202e&lt;"


@given(MARKUP | st.text(st.sampled_from('\u200b\u200c\ufeff\u00ad<&"a\t'), max_size=20))
def test_a_name_on_a_page_is_the_standard_escape_of_the_name_shown(text: str) -> None:
    """`shown_html_name` is what the terminal shows of a name (`shown_name`), markup
    escaped: the page reads `1a1\\u200b` where the terminal does."""
    assert shown_html_name(text) == html.escape(shown_name(text), quote=True)


def test_a_name_on_a_page_shows_its_invisible_characters_and_text_keeps_them() -> None:
    assert shown_html_name('<1a1\u200b & "x"\x1b') == ("&lt;1a1\\u200b &amp; &quot;x&quot;\\x1b")
    assert shown_html_name(7) == "7"
    assert shown_html("می\u200cخواهم") == "می\u200cخواهم"  # text keeps its joiner
    assert shown_html_name("می\u200cخواهم") == "می\\u200cخواهم"


def test_names_quoted_shows_only_the_names_holding_an_invisible_character() -> None:
    from selfreview_core.escaping import invisible_names, names_quoted

    names = invisible_names(("1a1", "1a1\u200b", "1b\u2060", "x\u200c\x1b"))
    assert names == ("1a1\u200b", "1b\u2060", "x\u200c\x1b")
    text = "1a1 and 1a1\u200b, 1b\u2060 in می\u200cخواهم; x\u200c\x1b\n"
    assert names_quoted(text, names) == (
        "1a1 and 1a1\\u200b, 1b\\u2060 in می\u200cخواهم; x\\u200c\\x1b\n"
    )
    assert names_quoted(text, ()) == shown(text)  # no name: the text as `shown` shows it
    assert names_quoted("a\u200b\n", ["a\u200b"], lambda t: f"<{t}>", lambda t: f"[{t}]") == (
        "<a\u200b\n>"  # each way of showing applied to the name as to the text
    )
    assert names_quoted("<a\u200b>", ["a\u200b"], lambda t: str(t), lambda t: "N") == "<N>"


@pytest.mark.parametrize(
    ("text", "terminal", "page"),
    [
        ("no `1a1\u200b` here", "no `1a1\\u200b` here", "no `1a1\\u200b` here"),
        ("`a\u200b` & `b&\ufeff`", "`a\\u200b` & `b&\\ufeff`", "`a\\u200b` &amp; `b&amp;\\ufeff`"),
        ("x\u200cy `1a1`", "x\u200cy `1a1`", "x\u200cy `1a1`"),  # prose keeps its joiner
        ("`open \u200b", "`open \u200b", "`open \u200b"),  # no closing quote: prose
        ("`a\n\u200b`", "`a\n\u200b`", "`a\n\u200b`"),  # a quote ends with its line
        ("`\u200b` <`\x1b`>", "`\\u200b` <`\\x1b`>", "`\\u200b` &lt;`\\x1b`&gt;"),
    ],
)
def test_a_span_a_message_quotes_is_shown_as_a_name(text: str, terminal: str, page: str) -> None:
    assert quotes_shown(text) == terminal
    assert quotes_shown(text, shown_html, shown_html_name) == page


def test_a_line_is_shown_with_its_tab_and_newline_escaped() -> None:
    assert shown_line("a\tb\nc\x1b\u200b") == "a\\tb\\nc\\x1b\u200b"
    assert quotes_shown("`a\u200b`\nb", shown_line) == "`a\\u200b`\\nb"


#: Unicode's 66 noncharacters, from its definition (U+FDD0..U+FDEF; U+nFFFE and U+nFFFF).
NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [
    chr(plane + last) for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)
]


def test_every_noncharacter_is_shown_escaped_wherever_a_control_character_is() -> None:
    """In a terminal, a Markdown file, a name, a page: `\\ufffe`, `\\U0010ffff`, as `shown`
    writes what it escapes (before round 67 a terminal got them raw, and only a page
    escaped U+FFFE and U+FFFF, which XML forbids); in JSON as `\\uXXXX` (two surrogates
    beyond the first plane), which reads back to the same text. Their neighbours are kept."""
    assert len(NONCHARACTERS) == 66
    for char in NONCHARACTERS:
        code = ord(char)
        escaped = f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
        assert shown(f"a{char}b") == f"a{escaped}b"
        assert shown_line(char) == escaped
        assert shown_name(f"1a1{char}") == f"1a1{escaped}"
        assert shown_html(f"<{char}") == f"&lt;{escaped}"
        assert shown_html_name(char) == escaped
        assert unsafe(char)
        assert shown_json(f'"{char}"') == json.dumps(char)
        assert json.loads(shown_json(f'"{char}"')) == char
    assert shown("\ufdcf\ufdf0\ufffd\U0001fffd") == "\ufdcf\ufdf0\ufffd\U0001fffd"


_SAFE_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"),
        blacklist_characters=BLANK,  # shown escaped, as format characters are (round 63)
    ),
    min_size=1,
)


@settings(max_examples=scaled(200))
@given(_SAFE_TEXT)
def test_an_argument_shown_is_the_one_word_a_shell_reads_back(text: str) -> None:
    """What a command suggests (`combine`'s "Confirm it: selfreview assess FRAMEWORK -o
    DRAFT --all") is copied into a shell: each name is one word there, read back as itself
    (`./` before a leading `-`, which would be an option), whatever spaces, quotes, `$(...)`
    or globs it holds; round 59's attack found `-o my draft.yaml` shown unquoted."""
    expected = f"./{text}" if text.startswith("-") else text
    assert shlex.split(shown_argument(text)) == [expected]


def test_an_argument_shown_is_quoted_only_where_a_shell_needs_it_and_never_acts() -> None:
    assert shown_argument("becta-srf@2010") == "becta-srf@2010"
    assert shown_argument("drafts/draft.yaml") == "drafts/draft.yaml"
    assert shown_argument("my draft $(id).yaml") == "'my draft $(id).yaml'"
    assert shown_argument("it's.yaml") == "'it'\"'\"'s.yaml'"
    assert shown_argument("-d.yaml") == "./-d.yaml"
    # What a name shows escaped is written as its bytes in `$'...'` (round 69), a hex digit
    # after them too: shown safely, on one line, and read back by a shell as the name.
    assert shown_argument("a\nb\u200b\x1b]52;c;x\x07.yaml") == (
        "$'a\\x0a\\x62\\xe2\\x80\\x8b\\x1b]52;c;x\\x07.yaml'"
    )
    assert shown_argument("-d\udcff 'q' \\.yaml") == "$'./-d\\xff \\'q\\' \\\\.yaml'"


def test_the_programs_own_isolates_round_right_to_left_text_are_terminal_safe() -> None:
    """Round 75's isolates (`text_tables.isolated`) pass; any other is still caught."""
    assert_terminal_safe("\u2068שלום\u2069 (100000)")
    for text in ("\u2068abc\u2069", "\u2068שלום", "\u2068ש\u202eם\u2069", "\u2068ש\nם\u2069"):
        with pytest.raises(AssertionError):
            assert_terminal_safe(text)


# -- printable text, without the patterns (round 75) ------------------------------------------


@given(
    ANY_TEXT | st.text(st.sampled_from("a \t\n\x7f\x85\u200b\u3164\u2800\ufe0f\ufffe"), max_size=8)
)
@example("\u3164")  # printable (Lo), and a name shows it escaped
@example("a\u2800b\ufe0f")  # the Braille blank (So), a variation selector (Mn): printable
@example("caf\u00e9 \t\n")
def test_shown_and_shown_name_are_what_their_patterns_make(text: str) -> None:
    """The shortcut for printable text (no pattern compiled) gives what the patterns give,
    for text with and without what they find (controls, format characters, the blanks
    that print, noncharacters)."""
    from selfreview_core.escaping import _escape, _name_pattern, _pattern

    assert shown(text) == _pattern(True).sub(_escape, text)
    assert shown(text, newline=False) == _pattern(False).sub(_escape, text)
    assert shown_name(text) == _name_pattern().sub(_escape, text)


def test_printable_names_and_text_compile_no_pattern() -> None:
    """Every command shows a path or a name or a line of text: a printable ASCII name, or
    printable text, is shown without compiling the classes (about 5 to 6 million
    instructions each, a few percent of `validate`'s whole run)."""
    from selfreview_core.escaping import _name_pattern, _pattern

    _name_pattern.cache_clear()
    _pattern.cache_clear()
    assert shown_name("reports/out.jsonl") == "reports/out.jsonl"
    assert shown("Self-review framework: 12 strands, réussi") == (
        "Self-review framework: 12 strands, réussi"
    )
    assert shown("two\tlines\n") == "two\tlines\n"
    assert shown("one line", newline=False) == "one line"
    assert _name_pattern.cache_info().currsize == 0
    assert _pattern.cache_info().currsize == 0
    assert shown_name("caf\u00e9") == "caf\u00e9"  # beyond ASCII: the pattern decides
    assert _name_pattern.cache_info().currsize == 1
