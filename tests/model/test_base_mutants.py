"""What the shared model types (model/base.py) promise that round 42's pass over it found no
test pinning, and the bug it found: a level key of digits followed by a line break (`"3\\n"`,
which JSON writes and a quoted YAML key holds) was read as that level, where `"3 "` and
`" 3"` are refused as the text they are (the check's `$` matched before a final newline)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import Field, PrivateAttr, ValidationError

from program import selfreview_here
from selfreview_core import Scale
from selfreview_core.model.assessment import Judgement, School
from selfreview_core.model.base import Model, did_you_mean
from selfreview_core.model.plan import Action, Plan


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
    with pytest.raises(ValidationError, match=r"whole-number key|valid integer") as told:
        Scale.model_validate({"best": 3, "worst": 0, "labels": {key: "Top"}})
    [error] = told.value.errors()  # the key, and only the key, refused
    assert error["loc"] == ("labels", key, "[key]")


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
    done = selfreview_here(["validate", f"f{suffix}"], cwd=tmp_path)
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


class _Factory(Model):
    name: str
    made: dict[str, int] = Field(default_factory=lambda: {"n": 1})


def test_a_trusted_maker_makes_each_default_that_comes_from_a_factory() -> None:
    """Every field left out made by a factory: its default is made, never left None."""
    made = _Factory.trusted_maker(["name"])({"name": "a"})
    assert (made.name, made.made) == ("a", {"n": 1})


def test_a_near_miss_of_the_same_length_is_named_before_a_closer_shorter_one() -> None:
    """`1b9` is more likely a mistyped strand `1b1` than the aspect `1b`."""
    assert did_you_mean("1b9", ["1b", "1b1"]) == "did you mean `1b1`?"


# -- round 42, second wave: the rest of the module's mutants ---------------------------------


@pytest.mark.parametrize("blank", ["", " ", "\n\t ", "\u3000"], ids=ascii)
def test_text_that_says_nothing_is_refused(blank: str) -> None:
    with pytest.raises(ValidationError, match="must not be empty"):
        Action(id="a", recommendation="r", title=blank)


def test_text_and_ids_are_kept_as_written_never_trimmed() -> None:
    """A title keeps its spaces; an id with a space around it is refused, not trimmed into
    another id."""
    action = Action(id="a", recommendation="r", title="  Do it  ", notes=" n\n")
    assert (action.title, action.notes) == ("  Do it  ", " n\n")
    for spaced in (" a", "a ", "a\n"):
        with pytest.raises(ValidationError, match="pattern") as told:
            Action(id=spaced, recommendation="r", title="t")
        assert [(e["type"], e["loc"]) for e in told.value.errors()] == [
            ("string_pattern_mismatch", ("id",))
        ]


def test_an_id_typed_with_the_wrong_case_is_named_whatever_else_is_closer() -> None:
    """difflib counts a changed case as a changed letter: `ABD` is closer to `ABC` than
    `abc` is, but `ABC` is `abc` typed with the shift key."""
    assert did_you_mean("ABC", ["ABD", "abc"]) == "did you mean `abc`?"


def test_an_id_with_a_letter_that_only_looks_latin_is_named_with_the_letter() -> None:
    """`1` Cyrillic-a `1` is as close to `1c1` as to `1a1` for difflib; the id meant is
    the one it looks like, and the hint says which character is not what it seems."""
    assert did_you_mean("1\u04301", ["1c1", "1a1"]) == (
        "did you mean `1a1`? What was typed holds U+0430 CYRILLIC SMALL LETTER A"
    )
    assert did_you_mean("1a\u200b1", ["1a1"]) == (
        "did you mean `1a1`? What was typed holds U+200B ZERO WIDTH SPACE"
    )


def test_nothing_is_suggested_when_nothing_is_close() -> None:
    assert did_you_mean("zzz", ["1a1", "1b"]) is None
    assert did_you_mean("z\u0430z", ["1a1"]) is None
    assert did_you_mean("1a1", []) is None


def test_a_same_length_id_is_preferred_only_among_the_five_closest() -> None:
    """Beyond the five closest matches a same-length candidate is too far off to win."""
    close = ["abcdefg", "abcdefX", "Xabcdef", "abcde", "abcdefgh"]
    assert did_you_mean("abcdef", [*close, "abcdeX"]) == "did you mean `abcdefg`?"
    assert did_you_mean("abcdef", [*close[:4], "abcdeX"]) == "did you mean `abcdeX`?"


@pytest.mark.parametrize(
    ("ref", "split"), [("f@2", ("f", "2")), ("f", ("f", None)), ("f@2010-a", ("f", "2010-a"))]
)
def test_a_document_names_its_framework_and_version_apart(
    ref: str, split: tuple[str, str | None]
) -> None:
    plan = Plan(
        framework=ref,
        school=School(id="s", name="S"),
        created_on=dt.date(2025, 1, 1),
        actions=(),
    )
    assert (plan.framework_id, plan.framework_version) == split


class _Listed(Model):
    name: str
    seen: list[int] = []  # noqa: RUF012  # a mutable default, which pydantic copies


def test_a_mutable_default_is_made_afresh_for_each_trusted_instance() -> None:
    first = _Listed.trusted(name="a")
    first.seen.append(1)
    assert _Listed.trusted(name="b").seen == []
    assert _Listed(name="c").seen == []


def test_equal_models_are_one_key_of_a_dict_and_one_member_of_a_set() -> None:
    """Models are values (round 66's pass: with `frozen` off in the shared configuration
    every model raised "unhashable type"): equal ones hash alike, so a caller can key advice
    by school, or keep each recommendation once in a set."""
    school = School(id="100001", name="Primary")
    advice = {school: 1, School(id="100001", name="Primary"): 2}
    assert advice == {school: 2}
    assert len({Judgement(level=3), Judgement(level=3), Judgement(level=2)}) == 2
    assert len({Action(id="a", recommendation="r", title="T") for _ in range(2)}) == 1


@pytest.mark.parametrize(("written", "said"), [("[2025]", "a list"), ("{year: 2025}", "a mapping")])
def test_a_date_written_as_a_list_or_mapping_is_refused_as_what_it_is(
    tmp_path: Path, root: Path, written: str, said: str
) -> None:
    """Round 66's pass: handed on as nothing, the refusal named no list or mapping."""
    text = (root / "examples" / "example-primary-2026.yaml").read_text(encoding="utf-8")
    lines = [
        f"assessed_on: {written}" if x.startswith("assessed_on:") else x for x in text.splitlines()
    ]
    (tmp_path / "a.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = selfreview_here(["validate", "a.yaml"], cwd=tmp_path)
    line = next(i for i, x in enumerate(lines, 1) if x.startswith("assessed_on:"))
    assert done.returncode == 1
    assert done.stdout.decode().startswith(
        f"a.yaml:{line}:14: error: assessed_on: {said} is not a valid date (write dates as "
        "YYYY-MM-DD)"
    )
