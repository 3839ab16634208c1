"""One key, one name, one place in the readers (round 45, second pass): a tree of positions
tells a list's place (`int`), a text key (`str`) and a key that is not text (`Spelled`)
apart, so a text key of digits is no list's place and `"5":` and `5:` have two places; and
`Source.locate` finds a place by any reading of a path a caller gives (pydantic and the
checks name YAML's `5:` and JSON's `"5"` alike, `5`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core.errors import Spelled, format_path, named_key, quoted_key
from selfreview_core.files.json_text import parse_json
from selfreview_core.files.source import parse_text
from selfreview_core.files.yaml_events import parse_events

_DIGITS = st.text("0123456789", min_size=1, max_size=6)


@given(key=_DIGITS, depth=st.integers(0, 3), json=st.booleans())
def test_a_text_key_of_digits_is_named_as_text_by_the_readers(
    key: str, depth: int, json: bool
) -> None:
    """`a.7` where the key is the text `"7"`: the reader's name is the one `format_path`
    gives validation's path (`a[7]` named a list's place before)."""
    outer = ["a"] + [f"k{n}" for n in range(depth)]
    if json:
        text = "".join(f'{{"{o}": ' for o in outer) + f'{{"{key}": {{"b": 1, "b": 2}}}}'
        (problem,) = parse_json(text + "}" * len(outer), "f.json")[1]
    else:
        lines = [f"{'  ' * n}{o}:" for n, o in enumerate(outer)]
        inner = "  " * len(outer)
        text = "\n".join([*lines, f'{inner}"{key}":', f"{inner}  b: 1", f"{inner}  b: 2", ""])
        (problem,) = parse_events(text, "f.yaml")[1]
    assert problem.path == format_path((*outer, key))
    assert problem.path.endswith(f".{key}")


def test_a_list_place_is_still_named_as_one() -> None:
    (problem,) = parse_events("a:\n  - x\n  - {b: 1, b: 2}\n", "f.yaml")[1]
    assert problem.path == "a[1]"
    (problem,) = parse_json('{"a": ["x", {"b": 1, "b": 2}]}', "f.json")[1]
    assert problem.path == "a[1]"


@pytest.mark.parametrize(
    ("text_key", "other", "name"),
    [('"True"', "true", "[true]"), ('"1.5"', "1.5", "[1.5]"), ('"5"', "5", "[5]")],
)
@pytest.mark.parametrize("text_first", [True, False])
def test_a_text_key_and_a_look_alike_each_have_their_own_place(
    text_key: str, other: str, name: str, text_first: bool
) -> None:
    first, second = (text_key, other) if text_first else (other, text_key)
    text = f"m:\n  {first}: {{b: 1, b: 2}}\n  {second}: {{c: 1, c: 2}}\n"
    problems = parse_events(text, "f.yaml")[1]
    plain = text_key.strip('"')
    text_name = f"m.{plain}" if plain.isalnum() else f'm["{plain}"]'
    names = (text_name, f"m{name}") if text_first else (f"m{name}", text_name)
    assert [(p.line, p.path) for p in problems] == [(2, names[0]), (3, names[1])]
    source = parse_text(text, "f.yaml")
    key = {"true": True, "1.5": 1.5, "5": 5}[other]
    spelled = Spelled(other, str(key))
    text_line, other_line = (2, 3) if text_first else (3, 2)
    assert source.locate(("m", plain), key=True) == (text_line, 3)
    assert source.locate(("m", spelled), key=True) == (other_line, 3)
    inner = "c" if text_first else "b"
    assert source.locate(("m", spelled, inner)) == (other_line, len(other) + 9)
    assert source.locate(("m", plain, "b" if text_first else "c")) == (text_line, len(text_key) + 9)


def test_a_number_in_a_path_finds_yamls_number_key_and_jsons_text_key() -> None:
    """The checks and pydantic name a strand's level `5` in both; the tree holds `5:` as a
    key that is not text and JSON's `"5"` as text. A list's place given as text is found
    too, and a path of no place falls back to its nearest ancestor."""
    yaml_source = parse_text("levels:\n  5: x\n  6: y\nlist: [a, b]\n", "f.yaml")
    json_source = parse_text('{"levels": {"5": "x",\n "6": "y"}, "list": ["a", "b"]}', "f.json")
    assert yaml_source.locate(("levels", 6)) == (3, 6)
    assert yaml_source.locate(("levels", 6), key=True) == (3, 3)
    assert json_source.locate(("levels", 6)) == (2, 7)
    assert json_source.locate(("levels", "6"), key=True) == (2, 2)
    assert yaml_source.locate(("list", "1")) == (4, 11)
    assert yaml_source.locate(("list", 1)) == (4, 11)
    assert yaml_source.locate(("levels", 7)) == (2, 3)
    assert yaml_source.locate(("levels", "9" * 5_000)) == (2, 3)  # no int of 5,000 digits


def test_a_fatal_problem_in_a_duplicated_keys_value_names_the_key() -> None:
    """It named Python's `object()` the reader marks a duplicate with:
    `a["<object object at 0x7f...>"].c`."""
    (problem,) = parse_events("a:\n  b: 1\n  b: {c: !!python/object x}\n", "f.yaml")[1]
    assert (problem.line, problem.column, problem.path) == (3, 10, "a.b.c")
    assert problem.message == "tag `!!python/object` is not allowed"
    (problem,) = parse_events("a:\n  1: 1\n  true: [!!python/object x]\n", "f.yaml")[1]
    assert (problem.line, problem.path) == (3, "a[true][0]")


@pytest.mark.parametrize(
    ("key", "path", "said"),
    [
        ("k" * 40, "a." + "k" * 40, "`" + "k" * 40 + "`"),
        ("k" * 41, 'a["' + "k" * 37 + '..."]', "`" + "k" * 37 + "...`"),
        ('"' * 41, 'a["' + '\\"' * 37 + '..."]', "`" + '"' * 37 + "...`"),
        ("\\" * 50, 'a["' + "\\\\" * 37 + '..."]', "`" + "\\" * 37 + "...`"),
        ("", 'a[""]', "an empty key"),
    ],
)
def test_a_key_is_cut_after_40_characters_as_a_value_is(key: str, path: str, said: str) -> None:
    """Its first 37 characters and `...`, escaped after it is cut (no half of an escape)."""
    assert format_path(("a", key)) == path
    assert quoted_key(key) == said
    assert named_key("unknown key", key) == (
        "unknown key: an empty key" if not key else f"unknown key {said}"
    )
    assert quoted_key("", "an empty id") == "an empty id"


def test_a_key_that_is_not_text_is_equal_to_any_spelling_of_it_and_to_no_text() -> None:
    assert Spelled("0o12", "10") == Spelled("10", "10")
    assert hash(Spelled("0o12", "10")) == hash(Spelled("10", "10"))
    text: object = "10"
    assert Spelled("10", "10") != text
    places: dict[object, int] = {Spelled("10", "10"): 1}
    assert places.get(text) is None
    assert format_path(("a", Spelled("0o12", "10"))) == "a[0o12]"


def test_a_long_key_that_is_not_text_is_cut_too() -> None:
    """A float key may be written as long as one likes (an integer, up to 500 digits)."""
    zeros = "0" * 100
    (problem,) = parse_events(f"m:\n  1: x\n  1.{zeros}: y\n", "f.yaml")[1]
    cut = "1." + "0" * 35 + "..."
    assert problem.message == f"duplicate key `{cut}`: read as the key `1` (first at line 2)"
    assert (problem.line, problem.column, problem.path) == (3, 3, "m")
    (problem,) = parse_events(f"m:\n  1.{zeros}: {{a: 1, a: 2}}\n", "f.yaml")[1]
    assert problem.path == f"m[{cut}]"
    assert format_path(("m", Spelled("9" * 41, "9" * 41))) == f"m[{'9' * 37}...]"
    assert format_path(("m", Spelled("9" * 40, "9" * 40))) == f"m[{'9' * 40}]"


@pytest.mark.parametrize(
    ("key", "hint"), [(".nan", '".nan"'), (".NaN", '".NaN"'), ("!!float .NAN", '".NAN"')]
)
def test_a_nan_key_is_named_as_written_with_the_hint_to_quote_it(key: str, hint: str) -> None:
    """Round 46: "mapping keys must be plain text or numbers", naming no key, for a key that
    is a number to YAML; now named as written, at its own line, with how to keep it."""
    (problem,) = parse_events(f"a: 1\nm:\n  x: 1\n  {key}: 2\n", "f.yaml")[1]
    spelling = key.removeprefix("!!float ")
    assert problem.message == f"`{spelling}` (not a number) cannot be a key"
    assert problem.hint == f"write it in quotes: {hint}"
    assert (problem.line, problem.column, problem.path, problem.code) == (4, 3, "m", "key")


def test_a_diagnostic_names_each_number_key_of_its_path_as_the_file_writes_it() -> None:
    """A check names YAML's `0x7:` by its number, `7`; the diagnostic's path is the file's
    spelling, wherever in the path the key is (round 46: `m[7].a`)."""
    source = parse_text("m:\n  0x7:\n    +8: [a, b]\n", "f.yaml")
    found = source.diagnostic(("m", 7, 8, 1), "x", code="c")
    assert (found.path, found.line, found.column) == ("m[0x7][+8][1]", 3, 13)
    assert source.diagnostic(("m", 7), "x", code="c", key=True).path == "m[0x7]"
    assert source.diagnostic(("m", 9), "x", code="c").path == "m[9]"  # no key: as given
