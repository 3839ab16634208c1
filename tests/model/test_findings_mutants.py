"""What the checks on a framework's plain data (model/findings.py) promise that round 41's
pass over it found no test pinning, and the bug it found: a level key that Python's
`str.isdigit` takes for digits but `int` cannot read (a superscript, `+-3`) stopped
`selfreview validate` with an internal error instead of a located one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from program import selfreview
from selfreview_core.model.findings import framework_findings


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
    done = selfreview(["validate", "--strict", "f.json"], cwd=tmp_path)
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
    assert all(f.code in {"level-outside-scale", "missing-level"} for f in findings)


@pytest.mark.parametrize("key", ["\u0663", "\uff13", " 3"], ids=ascii)
def test_a_level_key_int_reads_is_refused_once_not_also_as_a_missing_level(key: str) -> None:
    """Field validation refuses Arabic-Indic or full-width digits, or spaces, in a key; the
    level check reads them as `int` does, so the level is not said to be missing as well."""
    levels = {k: v for k, v in LEVELS.items() if k != "3"}
    assert framework_findings(_framework({**levels, key: "d"})) == []
