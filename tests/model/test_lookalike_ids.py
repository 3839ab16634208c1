"""A framework whose ids look alike but differ (`café` composed and decomposed, `1a1` with
a Cyrillic a, `S` and `s`): `show` prints them the same and an assessment typed on another
keyboard judges the other one. `validate` warns of each at its line and column, naming the
id it looks like and what differs; `--strict` fails on it; a framework without them is
still read by the quick path, with no warning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from program import selfreview_here
from selfreview_core.model.findings import lookalike_id_findings

LEVELS = {"1": "a", "2": "b"}


def framework(strand_ids: list[str], aspect_id: str = "as-1") -> dict[str, Any]:
    strands = [
        {"id": s, "title": f"Strand {n}", "levels": LEVELS} for n, s in enumerate(strand_ids)
    ]
    aspect = {"id": aspect_id, "title": "Aspect", "strands": strands}
    return {
        "kind": "framework",
        "id": "la",
        "version": "1",
        "title": "Look-alikes",
        "scale": {"best": 2, "worst": 1},
        "elements": [{"id": "el-1", "title": "Element", "aspects": [aspect]}],
    }


def test_ids_that_look_alike_are_each_warned_of_at_their_place(tmp_path: Path) -> None:
    ids = ["caf\u00e9", "cafe\u0301", "1a1", "1\u0430\u0031", "S", "s"]
    text = json.dumps(framework(ids), ensure_ascii=False)
    (tmp_path / "f.json").write_text(text, encoding="utf-8")
    done = selfreview_here(["validate", "f.json"], cwd=tmp_path)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 0, err  # a warning: the framework is valid
    warned = [line for line in out.splitlines() if ": warning: " in line]
    strand = "elements[0].aspects[0].strands"
    expected = [
        (ids[1], ids[0], 0, 1, "U+0301, U+00E9"),
        (ids[3], ids[2], 2, 3, "U+0430"),
        (ids[5], ids[4], 4, 5, "letter case"),
    ]
    assert len(warned) == len(expected)
    for line, (other, first, at_first, at_other, differs) in zip(warned, expected, strict=True):
        column = text.index(json.dumps(other, ensure_ascii=False)) + 1
        assert line == (
            f"f.json:1:{column}: warning: {strand}[{at_other}].id: `{other}` looks like "
            f"`{first}` (at {strand}[{at_first}].id) but is another id (what differs: {differs})"
        )
    assert "1 file checked: 1 valid, 0 invalid (3 warnings)" in out + err
    strict = selfreview_here(["validate", "--strict", "f.json"], cwd=tmp_path)
    assert strict.returncode == 1


def test_an_aspect_and_a_strand_that_look_alike_are_warned_of_too() -> None:
    [found] = lookalike_id_findings(framework(["a1"], aspect_id="A1"))
    assert found.path == ("elements", 0, "aspects", 0, "strands", 0, "id")
    assert found.code == "look-alike-id"


def test_a_framework_of_distinct_ids_is_valid_without_a_word(tmp_path: Path) -> None:
    (tmp_path / "f.json").write_text(json.dumps(framework(["1a1", "1a2"])), encoding="utf-8")
    done = selfreview_here(["validate", "--strict", "f.json"], cwd=tmp_path)
    assert done.returncode == 0
    assert "warning" not in done.stdout.decode() + done.stderr.decode()


@given(
    st.lists(
        st.text(st.characters(codec="ascii", categories=["Ll", "Nd"]), min_size=1, max_size=4),
        unique=True,
        max_size=6,
    )
)
def test_ascii_ids_that_differ_other_than_by_case_are_never_said_to_look_alike(
    ids: list[str],
) -> None:
    """Only what a reader could not tell apart is warned of: distinct lower-case ASCII ids
    never are."""
    assert lookalike_id_findings(framework(ids)) == []


def test_ids_of_any_kind_in_raw_data_are_left_to_field_validation() -> None:
    """The check reads raw data: an id that is a list, a number or missing is not its to
    refuse (and a list, unhashable, must not end it)."""
    data = framework(["x", "X"])
    strands = data["elements"][0]["aspects"][0]["strands"]
    strands += [{"id": ["x"]}, {"id": 5}, {"title": "no id"}, "not a mapping"]
    [found] = lookalike_id_findings(data)
    assert found.path == ("elements", 0, "aspects", 0, "strands", 1, "id")
