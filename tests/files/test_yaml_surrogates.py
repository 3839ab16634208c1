"""Each escaped surrogate in a YAML document is told (round 77), at the line and column of
its escape and with its key's or text's document path: before, libyaml refused the stream
at the first ("found invalid Unicode character escape code") and every problem after it
was unseen. A pair (`\\ud83d\\ude00`, which JSON joins and YAML does not) is told as one,
with the escape to write instead; an escape outside a double-quoted scalar is text, not
told. At most `MOST_SURROGATES` one by one, then how many more from where; what else the
document holds (a duplicate key, a later syntax error, a tag) is told beside them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from fuzz.harness import check_error, check_yaml_readers_agree
from selfreview_core.cli import cli
from selfreview_core.errors import InvalidDocument
from selfreview_core.files.json_problems import MOST_SURROGATES
from selfreview_core.files.source import parse_text
from selfreview_core.testing.strategies import frameworks

LONE = "not valid Unicode text: the {} escapes a lone surrogate (`{}`), half of a UTF-16 pair"
LONE_HINT = "write the character itself, or its code point as `\\U` and 8 hex digits"


def _problems(text: str, file: str = "a.yaml") -> list[tuple[Any, ...]]:
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text, file)
    check_error(raised.value, file, text)
    check_yaml_readers_agree(text)
    return [(d.line, d.column, d.path, d.code, d.message, d.hint) for d in raised.value.diagnostics]


def test_each_escape_is_told_at_its_place_with_its_path() -> None:
    text = (
        "kind: assessment\n"
        'school: {id: "1", name: "A\\ud800"}\n'
        '"k\\udc00": ["fine", "x\\U0000DBFFy"]\n'
    )
    assert _problems(text) == [
        (2, 27, "school.name", "encoding", LONE.format("text", "\\ud800"), LONE_HINT),
        (3, 3, '["k\\udc00"]', "encoding", LONE.format("key", "\\udc00"), LONE_HINT),
        (3, 23, '["k\\udc00"][1]', "encoding", LONE.format("text", "\\U0000DBFF"), LONE_HINT),
    ]


def test_a_pair_is_told_once_with_the_escape_to_write() -> None:
    [problem] = _problems('kind: x\nname: "smile \\ud83d\\uDE00!"\n')
    assert problem == (
        2,
        14,
        "name",
        "encoding",
        "not valid Unicode text: the text escapes a surrogate pair (`\\ud83d\\uDE00`), which "
        "YAML does not join",
        "write it as one escape, `\\U0001F600`, or as the character itself",
    )
    # the wrong way round, or apart, they are two halves
    assert [p[:2] for p in _problems('kind: x\nname: "\\udc00\\ud800 \\ud83d"\n')] == [
        (2, 8),
        (2, 14),
        (2, 21),
    ]


def test_the_first_and_last_halves_make_a_pair_and_no_others() -> None:
    [problem] = _problems('kind: x\nname: "\\ud800\\udc00"\n')
    assert problem[5] == "write it as one escape, `\\U00010000`, or as the character itself"
    [problem] = _problems('kind: x\nname: "\\udbff\\udfff"\n')
    assert problem[5] == "write it as one escape, `\\U0010FFFF`, or as the character itself"
    assert len(_problems('kind: x\nname: "\\udc00\\udfff"\n')) == 2  # two second halves
    assert len(_problems('kind: x\nname: "\\ud800\\udbff"\n')) == 2  # two first halves
    problems = _problems('kind: x\nname: "\\ud800\\udc00 \\ud801 \\ud802\\udc02"\n')
    assert [p[1] for p in problems] == [8, 21, 28]  # a pair, a half, a pair


def test_an_escape_right_after_a_quoted_scalar_is_outside_it() -> None:
    """`["\\ud800"\\ud800]`: the second escape follows the scalar's closing quote, a
    syntax error, not a second surrogate in the scalar."""
    problems = _problems('kind: x\nl: ["\\ud800"\\ud800]\n')
    assert [p[:4] for p in problems] == [(2, 6, "l[0]", "encoding"), (2, 13, "", "yaml")]


def test_an_escape_in_plain_text_stays_as_the_file_writes_it() -> None:
    """Only the escapes in double-quoted scalars are mended for the reading again: a
    duplicate plain key holding `\\ud800` is named as the file writes it."""
    text = 'kind: x\nk\\ud800: 1\nk\\ud800: 2\na: "\\udc00"\n'
    assert [(*p[:3], p[4]) for p in _problems(text)] == [
        (3, 1, "", "duplicate key `k\\ud800` (first at line 2)"),
        (4, 5, "a", LONE.format("text", "\\udc00")),
    ]


def test_a_document_of_one_text_has_its_escape_told_at_no_path() -> None:
    [problem] = _problems('"a \\ud800"\n')
    assert problem[:5] == (1, 4, "", "encoding", LONE.format("text", "\\ud800"))


def test_an_escape_outside_a_double_quoted_scalar_is_text() -> None:
    """A plain or single-quoted scalar, a comment, an escaped backslash: none escapes."""
    text = (
        "kind: x\n"
        "plain: a\\ud800\n"
        "single: 'a\\ud800'\n"
        '# a comment "\\ud800"\n'
        'escaped: "a\\\\ud800"\n'  # a backslash, then the letters `ud800`
        'odd: "a\\\\\\ud800"\n'  # a backslash, then an escape
    )
    [problem] = _problems(text)
    assert problem[:3] == (6, 10, "odd")


def test_the_first_ones_are_told_then_how_many_more_from_where() -> None:
    items = ", ".join(['"\\ud800"'] * MOST_SURROGATES)
    assert len(_problems(f"kind: x\nl: [{items}]\n")) == MOST_SURROGATES  # no "0 more"
    items = ", ".join(['"\\ud800"'] * (MOST_SURROGATES + 3))
    problems = _problems(f"kind: x\nl: [{items}]\n")
    assert [p[2] for p in problems[:-1]] == [f"l[{n}]" for n in range(MOST_SURROGATES)]
    assert problems[-1] == (
        2,
        5 + 10 * MOST_SURROGATES + 1,
        "",
        "encoding",
        "3 more escaped surrogates from here, not shown",
        None,
    )
    items = ", ".join(['"\\ud800"'] * (MOST_SURROGATES + 1))
    said = _problems(f"kind: x\nl: [{items}]\n")[-1][4]
    assert said == "1 more escaped surrogate from here, not shown"


def test_what_else_the_document_holds_is_told_beside_them_in_order() -> None:
    text = 'kind: x\n"\\ud800": 1\n"\\ud800": 2\nb: "\\udfff"\n'  # a duplicate key
    assert [(*p[:3], p[4]) for p in _problems(text)] == [
        (2, 2, '["\\ud800"]', LONE.format("key", "\\ud800")),
        (3, 1, "", "duplicate key `\\ud800` (first at line 2)"),  # named as the file has it
        (3, 2, '["\\ud800"]', LONE.format("key", "\\ud800")),
        (4, 5, "b", LONE.format("text", "\\udfff")),
    ]


def test_a_problem_that_ends_the_reading_is_told_after_those_before_it() -> None:
    """A syntax error libyaml never reached, a tag that is not plain data: told, and the
    reading ends there (as it does without a surrogate: such a problem is told alone)."""
    text = 'kind: x\na: "\\ud800"\nb: "\\udfff"\nc: [1\nd: "\\udc01"\n'
    assert [p[:4] for p in _problems(text)] == [
        (2, 5, "a", "encoding"),
        (3, 5, "b", "encoding"),
        (5, 2, "", "yaml"),  # the flow list's `[1` read on, to `d:`
    ]
    text = 'kind: x\na: "\\ud800"\nb: !!python/name:os.system "\\udc00"\nc: "\\udc01"\n'
    assert [p[:4] for p in _problems(text)] == [
        (2, 5, "a", "encoding"),
        (3, 4, "b", "tag"),
        (3, 29, "b", "encoding"),  # in the text the tag stops at, told too
    ]
    text = 'kind: x\nm:\n  !!python/x "k\\udc00": 1\n'  # a key
    assert [p[:4] for p in _problems(text)] == [(3, 3, "m", "tag"), (3, 16, "m", "encoding")]


def test_placed_as_an_editor_counts_after_a_byte_order_mark_and_a_line_separator() -> None:
    text = '\ufeffkind: x\na: "\u2028 \\ud800"\nb: "\\udbff"\n'
    assert [p[:3] for p in _problems(text)] == [(2, 7, "a"), (3, 5, "b")]


def test_past_u10ffff_or_where_every_stand_in_is_held_libyaml_says_it() -> None:
    """An escape of no code point at all is not a surrogate; and a text holding every
    private-use character a surrogate's escape could stand in for is told as before."""
    [problem] = _problems('kind: x\na: "\\U00110000"\nb: "\\ud800"\n')
    assert problem[:2] == (2, 7)
    assert problem[4].startswith("invalid YAML: found invalid Unicode character escape code")
    [problem] = _problems('kind: x\na: "\\ue800\\ud800\ue000\uf000"\n')
    assert problem[:2] == (2, 13)
    assert problem[4].startswith("invalid YAML: found invalid Unicode character escape code")


def test_validate_tells_each_exits_1_and_checks_the_next_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('kind: assessment\nassessor: "\\ud800"\nschool: "\\udc00"\n', "ascii")
    good = tmp_path / "good.yaml"
    good.write_text("kind: assessment\n", "ascii")
    result = CliRunner().invoke(cli, ["validate", str(bad), str(good)])
    assert result.exit_code == 1
    said = LONE.format("text", "\\ud800")
    assert f"{bad}:2:12: error: assessor: {said} ({LONE_HINT})" in result.output
    said = LONE.format("text", "\\udc00")
    assert f"{bad}:3:10: error: school: {said} ({LONE_HINT})" in result.output
    assert f"{good}:1:1: error: missing required key" in result.output
    assert "Traceback" not in result.output


#: A pair of surrogates `json.dumps` escapes (after an even number of backslashes).
_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _joined(found: re.Match[str]) -> str:
    high, low = int(found.group(2), 16), int(found.group(3), 16)
    return found.group(1) + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _strings(node: Any) -> list[tuple[Any, Any]]:
    """Each (container, key or index) holding text, in the order of the text."""
    found: list[tuple[Any, Any]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        if isinstance(value, str):
            found.append((node, key))
        elif isinstance(value, dict | list):
            found += _strings(value)
    return found


@given(frameworks(), st.data())
def test_yaml_tells_the_texts_json_tells(framework: Any, data: st.DataObject) -> None:
    """A framework (of either scale direction) written as JSON, which YAML reads too, with
    lone surrogates in some of its texts (escaped by `json.dumps`): read as YAML, every
    problem is an escaped surrogate's, at its escape, naming the texts the JSON reader names,
    in the same order; the two YAML readers agree."""
    document = {"kind": "framework", **framework.model_dump(mode="json")}
    slots = _strings(document)
    chosen = data.draw(st.sets(st.sampled_from(range(len(slots))), min_size=1, max_size=8))
    for n in chosen:
        holder, key = slots[n]
        text = holder[key]
        at = data.draw(st.integers(0, len(text)))
        half = data.draw(st.characters(categories=["Cs"]))
        holder[key] = text[:at] + half + text[at:]
    # JSON's escaped pairs written as their characters: `\\ud800\\udc00` is U+10000 to
    # JSON, two halves to YAML (`test_a_pair_is_told_once_with_the_escape_to_write`)
    text = _PAIR.sub(_joined, json.dumps(document, indent=1))
    yaml_told = _problems(text, "f.yaml")
    json_told = _problems(text, "f.json")
    lines = text.splitlines()
    for line, column, _, code, message, _ in yaml_told:
        assert code == "encoding"
        assert lines[line - 1][column - 1 : column + 1] == "\\u", message
    assert [p[2] for p in yaml_told] == [p[2] for p in json_told]
