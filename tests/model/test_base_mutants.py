"""What the shared model types (model/base.py) promise that round 42's pass over it found no
test pinning, and the bug it found: a level key of digits followed by a line break (`"3\\n"`,
which JSON writes and a quoted YAML key holds) was read as that level, where `"3 "` and
`" 3"` are refused as the text they are (the check's `$` matched before a final newline)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from program import selfreview
from selfreview_core import Scale


def _framework(levels: dict[str, str], labels: dict[str, str]) -> dict[str, Any]:
    strand = {"id": "s", "title": "S", "levels": levels}
    aspect = {"id": "a", "title": "A", "strands": [strand]}
    return {
        "kind": "framework",
        "id": "t",
        "version": "1",
        "title": "T",
        "scale": {"best": 3, "worst": 0, "labels": labels},
        "elements": [{"id": "e", "title": "E", "aspects": [aspect]}],
    }


@pytest.mark.parametrize("key", ["3\n", "3 ", " 3", "3\r\n", "+3\n"], ids=ascii)
def test_a_level_key_is_its_digits_alone_not_digits_and_a_line_break(key: str) -> None:
    with pytest.raises(ValidationError, match=r"whole-number key|valid integer"):
        Scale.model_validate({"best": 3, "worst": 0, "labels": {key: "Top"}})


@pytest.mark.parametrize("key", ["3", "+3", "-0", "03"], ids=ascii)
def test_a_level_key_of_digits_as_text_is_that_level(key: str) -> None:
    """JSON's keys are always text: `"3"` in a file means level 3."""
    scale = Scale.model_validate({"best": 3, "worst": -3, "labels": {key: "Named"}})
    assert dict(scale.labels) == {int(key): "Named"}


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_validate_refuses_a_level_key_ending_in_a_line_break_where_it_is(
    tmp_path: Path, suffix: str
) -> None:
    """Before round 42, `"3\\n"` was taken as level 3 in a strand's levels and a scale's
    labels, and `validate` said the framework was valid."""
    levels = {"0": "a", "1": "b", "2": "c", "3\n": "d"}
    text = json.dumps(_framework(levels, {"3\n": "Top"}), indent=1)  # JSON is YAML
    (tmp_path / f"f{suffix}").write_text(text, encoding="utf-8")
    done = selfreview(["validate", f"f{suffix}"], cwd=tmp_path)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1, out + err
    assert "Traceback" not in err
    assert "internal error" not in out + err
    lines = [line for line in (out + err).splitlines() if ": error: " in line]
    assert [line.split(": error: ")[1] for line in lines] == [
        'scale.labels["3\\n"]: expected a whole-number key, got the text `3\\n`',
        'elements[0].aspects[0].strands[0].levels["3\\n"]: expected a whole-number key, got '
        "the text `3\\n`",
    ]
    assert all(line.startswith(f"f{suffix}:") and line.count(":") >= 4 for line in lines)
