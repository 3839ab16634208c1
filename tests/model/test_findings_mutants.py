"""What the checks on a framework's plain data (model/findings.py) promise that round 41's
pass over it found no test pinning, and the bug it found: a level key that Python's
`str.isdigit` takes for digits but `int` cannot read (a superscript, `+-3`) stopped
`selfreview validate` with an internal error instead of a located one.

Pinned besides: which level keys the check reads as the level (as field validation does) and
which it leaves to field validation, levels that are not a mapping, the missing levels' plural
and hint in either direction, the scale it reads (up to the most levels allowed, never a
`true` end), items without an id never duplicates, and a frozen, hashable `Finding`."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from program import selfreview_here
from selfreview_core._names import MAX_LEVELS
from selfreview_core.model.findings import (
    Finding,
    duplicate_id_finding,
    framework_findings,
    scale_levels,
)
from selfreview_core.model.findings import Path as Path_


def _framework(levels: dict[str, str], *, best: int = 0, worst: int = 3) -> dict[str, Any]:
    strand = {"id": "s", "title": "S", "levels": levels}
    aspect = {"id": "a", "title": "A", "strands": [strand]}
    return {
        "kind": "framework",
        "id": "t",
        "version": "1",
        "title": "T",
        "scale": {"best": best, "worst": worst},
        "elements": [{"id": "e", "title": "E", "aspects": [aspect]}],
    }


LEVELS = {"0": "a", "1": "b", "2": "c", "3": "d"}


@pytest.mark.parametrize("key", ["\u00b2", "+-3", "--1", "\u00b9\u2070"], ids=ascii)
def test_a_level_key_of_digits_int_cannot_read_is_located_not_an_internal_error(
    tmp_path: Path, key: str
) -> None:
    """`"²".isdigit()` holds; `int("²")` raises. Before round 41 the check of a strand's
    levels read such a key as a number and `validate` said "internal error: ValueError",
    with no file, line or path."""
    text = json.dumps(_framework({**LEVELS, key: "e"}), ensure_ascii=False)
    (tmp_path / "f.json").write_text(text, encoding="utf-8")
    done = selfreview_here(["validate", "--strict", "f.json"], cwd=tmp_path)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1, err
    assert "internal error" not in err
    assert "Traceback" not in err
    column = text.index(json.dumps(key, ensure_ascii=False)) + 1
    path = f"elements[0].aspects[0].strands[0].levels[{json.dumps(key, ensure_ascii=False)}]"
    assert f"f.json:1:{column}: error: {path}: expected a whole-number key" in out
    assert "1 file checked: 0 valid, 1 invalid (1 error)" in err


@given(st.dictionaries(st.text(max_size=6), st.just("x"), max_size=6))
def test_the_level_check_reads_any_text_keys_without_failing(keys: dict[str, str]) -> None:
    findings = framework_findings(_framework(keys))
    assert all(
        f.code in {"level-outside-scale", "missing-level", "duplicate-level"} for f in findings
    )
    # Two keys of one number (`"1"`, `"01"`, `"+1"`): each after the first is told.
    numbers = [int(k) for k in keys if _level_number(k)]
    twice = len(numbers) - len(set(numbers))
    assert sum(f.code == "duplicate-level" for f in findings) == twice


def _level_number(key: str) -> bool:
    """Whether the model reads `key` as a level: a sign, then at most 18 ASCII digits."""
    return re.fullmatch(r"[-+]?[0-9]{1,18}", key) is not None


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [(1, "1", '`1` and `"1"`'), ("1", "01", '`"1"` and `"01"`'), ("1", "+1", '`"1"` and `"+1"`')],
)
def test_two_keys_of_one_level_are_refused_at_the_second(
    first: Any, second: Any, said: str
) -> None:
    """`1` and `"1"` (YAML), `"1"` and `"01"` (JSON) name one level: the model kept the
    last descriptor in silence before round 44, and `validate` said ok."""
    levels: dict[Any, str] = {0: "a", first: "b", second: "b again", 2: "c", 3: "d"}
    [found] = framework_findings(_framework(levels))
    assert (found.code, found.path, found.at_key) == (
        "duplicate-level",
        ("elements", 0, "aspects", 0, "strands", 0, "levels", second),
        True,
    )
    assert found.message == f"level {int(second)} is given twice: {said} name the same level"
    scale = _framework(LEVELS)
    scale["scale"]["labels"] = {first: "One", second: "Another"}
    [label] = framework_findings(scale)
    assert label.path == ("scale", "labels", second)
    assert label.code == "duplicate-level"


def test_two_keys_of_one_level_are_located_in_the_file(tmp_path: Path) -> None:
    text = json.dumps(_framework({**LEVELS, "01": "b again"}), indent=1)
    (tmp_path / "f.json").write_text(text, encoding="utf-8")
    done = selfreview_here(["validate", "f.json"], cwd=tmp_path)
    assert done.returncode == 1
    line = next(i for i, x in enumerate(text.splitlines(), 1) if '"01"' in x)
    column = text.splitlines()[line - 1].index('"01"') + 1
    assert (
        f"f.json:{line}:{column}: error: elements[0].aspects[0].strands[0].levels.01: level 1 "
        'is given twice: `"1"` and `"01"` name the same level (give each level once)'
    ) in done.stdout.decode()


@pytest.mark.parametrize("key", ["\u0663", "\uff13", " 3"], ids=ascii)
def test_a_level_key_int_reads_is_refused_once_not_also_as_a_missing_level(key: str) -> None:
    """Field validation refuses Arabic-Indic or full-width digits, or spaces, in a key; the
    level check reads them as `int` does, so the level is not said to be missing as well."""
    levels = {k: v for k, v in LEVELS.items() if k != "3"}
    assert framework_findings(_framework({**levels, key: "d"})) == []


def _codes(levels: dict[Any, str], *, best: Any = 0, worst: Any = 3) -> list[tuple[str, str]]:
    return [
        (f.code, f.message) for f in framework_findings(_framework(levels, best=best, worst=worst))
    ]


@pytest.mark.parametrize("key", [True, 1.5, None, ("1",)], ids=repr)
def test_a_level_key_that_is_neither_a_whole_number_nor_text_is_left_to_field_validation(
    key: Any,
) -> None:
    """`true` is not level 1, and a float or null key does not stop the check."""
    levels = {k: v for k, v in LEVELS.items() if k != "1"}
    assert _codes({**levels, key: "b"}) == [("missing-level", "no descriptor for level 1")]


@pytest.mark.parametrize("key", ["+3", " 3", "-0"], ids=repr)
def test_a_signed_or_padded_level_key_is_read_as_its_number(key: str) -> None:
    """Field validation reads `+3` as level 3: the check must not call it missing."""
    number = int(key)
    levels = {k: v for k, v in LEVELS.items() if int(k) != number}
    assert _codes({**levels, key: "x"}) == []


def test_a_level_key_of_twenty_characters_is_not_read_as_a_level() -> None:
    levels = {k: v for k, v in LEVELS.items() if k != "3"}
    assert _codes({**levels, "0" * 19 + "3": "d"}) == [
        ("missing-level", "no descriptor for level 3")
    ]


@pytest.mark.parametrize("given", [5, "abc", ["a", "b", "c", "d"], None], ids=repr)
def test_levels_that_are_not_a_mapping_are_left_to_field_validation(given: Any) -> None:
    data = _framework(LEVELS)
    data["elements"][0]["aspects"][0]["strands"][0]["levels"] = given
    assert framework_findings(data) == []


@pytest.mark.parametrize(("best", "worst"), [(3, 0), (0, 3)], ids=["best-3", "best-0"])
def test_missing_levels_are_named_in_the_plural_with_the_scale_in_the_hint(
    best: int, worst: int
) -> None:
    findings = framework_findings(_framework({"2": "c"}, best=best, worst=worst))
    assert [(f.message, f.hint) for f in findings] == [
        (
            f"no descriptor for levels {best}, 1, {worst}",
            f"every strand needs one descriptor per level, {best} .. {worst}",
        )
    ]
    one = framework_findings(
        _framework({"2": "c", "1": "b", str(best): "a"}, best=best, worst=worst)
    )
    assert [f.message for f in one] == [f"no descriptor for level {worst}"]
    two = framework_findings(_framework({"2": "c", "1": "b"}, best=best, worst=worst))
    assert [f.message for f in two] == [f"no descriptor for levels {best}, {worst}"]


@pytest.mark.parametrize(
    ("best", "worst", "levels"),
    [
        (1, MAX_LEVELS, tuple(range(1, MAX_LEVELS + 1))),
        (MAX_LEVELS, 1, tuple(range(MAX_LEVELS, 0, -1))),
        (10, 9 + MAX_LEVELS, tuple(range(10, 10 + MAX_LEVELS))),
        (-5, -5 - MAX_LEVELS + 1, tuple(range(-5, -5 - MAX_LEVELS, -1))),
        (1, MAX_LEVELS + 1, None),
        (MAX_LEVELS + 1, 1, None),
        (2, 2, None),
        (True, 0, None),
        (3, False, None),
        ("3", 0, None),
    ],
    ids=repr,
)
def test_the_scale_the_level_check_uses_is_best_first_up_to_the_most_levels_allowed(
    best: Any, worst: Any, levels: tuple[int, ...] | None
) -> None:
    assert scale_levels({"best": best, "worst": worst}) == levels


def test_items_without_an_id_are_never_duplicates_of_each_other() -> None:
    first_at: dict[str, Path_] = {}
    for i in range(3):
        assert duplicate_id_finding(("rules", i), None, first_at, "rule", "a pack") is None
    assert first_at == {}
    assert duplicate_id_finding(("rules", 3), "r", first_at, "rule", "a pack") is None
    again = duplicate_id_finding(("rules", 4), "r", first_at, "rule", "a pack")
    assert again is not None
    assert again.message == "duplicate rule id `r`: already used at rules[3]"
    assert again.related == ("rules", 3, "id")


def test_a_finding_is_frozen_and_hashable() -> None:
    finding = Finding(("a",), "m", "c")
    assert hash(finding) == hash(Finding(("a",), "m", "c"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.message = "changed"  # type: ignore[misc]


def test_an_empty_id_given_twice_is_no_duplicate_and_a_number_id_is_left_to_validation() -> None:
    """Round 46: two empty ids were "duplicate id ``" besides each being "must not be
    empty"; an id that is no text is field validation's, never compared here."""
    data = _framework(LEVELS)
    aspects = data["elements"][0]["aspects"]
    aspects[0]["id"] = aspects[0]["strands"][0]["id"] = ""
    aspects.append({"id": 5, "title": "B", "strands": [{"id": 5, "title": "T", "levels": LEVELS}]})
    assert framework_findings(data) == []
    assert duplicate_id_finding(("rules", 1), "", {"": ("rules", 0)}, "rule", "a pack") is None


@pytest.mark.parametrize(
    ("scale", "said"),
    [
        ([0, 3], "f.json:6:11: error: scale: expected a mapping, got a list"),
        ("0..3", "f.json:6:11: error: scale: expected a mapping, got the text `0..3`"),
        (None, "f.json:1:1: error: missing required key `scale`"),
    ],
    ids=repr,
)
def test_a_scale_that_is_not_a_mapping_is_located_not_an_internal_error(
    tmp_path: Path, scale: Any, said: str
) -> None:
    """The level checks read a framework's scale before field validation has refused it:
    a list, a text or no scale at all is field validation's to locate (round 66's pass:
    without the check that the scale is a mapping, "internal error: AttributeError")."""
    data = _framework(LEVELS)
    if scale is None:
        del data["scale"]
    else:
        data["scale"] = scale
    (tmp_path / "f.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    done = selfreview_here(["validate", "f.json"], cwd=tmp_path)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1, err
    assert "internal error" not in err
    assert out.splitlines()[0].startswith(said), out
