"""What the shared model types (model/base.py) promise that round 42's pass over it found no
test pinning, and the bug it found: a level key of digits followed by a line break (`"3\\n"`,
which JSON writes and a quoted YAML key holds) was read as that level, where `"3 "` and
`" 3"` are refused as the text they are (the check's `$` matched before a final newline)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import Field, PrivateAttr, ValidationError

from program import selfreview
from selfreview_core import Scale
from selfreview_core.model.assessment import Judgement
from selfreview_core.model.base import Model, did_you_mean


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


def test_the_fields_set_are_those_given() -> None:
    judgement = Judgement(level=3, evidence="Seen")
    assert judgement.model_fields_set == frozenset({"level", "evidence"})


def test_a_trusted_instance_takes_the_defaults_of_the_fields_left_out() -> None:
    judgement = Judgement.trusted(level=3)
    assert (judgement.level, judgement.evidence, judgement.answers) == (3, None, None)
    assert judgement == Judgement(level=3)


class _Made(Model):
    name: str
    tags: tuple[str, ...] = ()
    made: dict[str, int] = Field(default_factory=lambda: {"n": 1})


class _Private(Model):
    name: str
    _kept: int = PrivateAttr(default=7)


def test_a_trusted_maker_gives_what_trusted_fields_gives() -> None:
    """For a class with a default made per instance, one with private attributes, and
    fields it does not have: the general path, never an instance missing a default."""
    made = _Made.trusted_maker(["name"])({"name": "a"})
    assert (made.name, made.tags, made.made) == ("a", (), {"n": 1})
    private = _Private.trusted_maker(["name"])({"name": "b"})
    assert (private.name, private._kept) == ("b", 7)
    assert Judgement.trusted_maker(["level", "nope"]) == Judgement.trusted_fields
    quick = Judgement.trusted_maker(["level"])({"level": 2})
    assert quick == Judgement(level=2)
    assert quick.model_fields_set == frozenset({"level"})


def test_a_near_miss_of_the_same_length_is_named_before_a_closer_shorter_one() -> None:
    """`1b9` is more likely a mistyped strand `1b1` than the aspect `1b`."""
    assert did_you_mean("1b9", ["1b", "1b1"]) == "did you mean `1b1`?"
