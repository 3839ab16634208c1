"""Framework models: immutable, looked up by id, iterated in framework order."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from program import selfreview_here
from selfreview_core import (
    Aspect,
    Assessment,
    Element,
    Engine,
    Framework,
    Judgement,
    Scale,
    School,
    SelfReviewError,
    Strand,
    UnknownIdError,
)

BECTA = Path(__file__).resolve().parents[2] / "frameworks" / "becta-srf.yaml"


def test_lookups_by_id(becta: Framework) -> None:
    assert becta.ref == "becta-srf@2010"
    assert isinstance(becta.get("1"), Element)
    assert isinstance(becta.get("1b"), Aspect)
    assert becta.strand("1b1").title == "Strategic leadership of ICT across the whole school"
    assert becta.kind_of("1c") == "aspect"
    assert "1c4" in becta
    assert "1c5" not in becta
    assert becta.find("1c5") is None


def test_unknown_ids_raise_with_a_hint(becta: Framework) -> None:
    with pytest.raises(UnknownIdError) as raised:
        becta.get("1b9")
    # Equally close; a strand of the same shape beats the aspect `1b`.
    assert raised.value.hint in {f"did you mean `1b{n}`?" for n in range(1, 7)}
    with pytest.raises(UnknownIdError, match="`1b` is aspect of becta-srf@2010, not strand"):
        becta.strand("1b")


def test_iteration_is_in_framework_order(becta: Framework) -> None:
    ids = [strand.id for strand in becta]
    assert ids == [
        "1a1",
        "1a2",
        "1b1",
        "1b2",
        "1b3",
        "1b4",
        "1b5",
        "1b6",
        "1c1",
        "1c2",
        "1c3",
        "1c4",
    ]
    assert len(becta) == 12
    assert becta.ids[:3] == ("1", "1a", "1a1")
    assert [s.id for s in becta.strands_under("1c")] == ["1c1", "1c2", "1c3", "1c4"]
    assert len(becta.strands_under("1")) == 12
    assert becta.parents("1b5") == ("1b", "1")
    assert becta.parents("1") == ()


def test_models_are_immutable(becta: Framework) -> None:
    with pytest.raises(ValidationError, match="frozen"):
        becta.title = "Changed"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        becta.strand("1a1").title = "Changed"  # type: ignore[misc]


def test_descriptors_ids_and_lookups_cannot_be_changed_in_place(becta: Framework) -> None:
    """What one plugin could change here every other plugin, and the next school, would see."""
    strand: Any = becta.strand("1a1")
    with pytest.raises(TypeError, match="read-only"):
        strand.levels[5] = "Changed"
    with pytest.raises(TypeError, match="read-only"):
        strand.levels.update({5: "Changed"})
    elements: Any = becta.elements
    with pytest.raises(AttributeError):
        elements.append(elements[0])
    assert isinstance(becta.strands, tuple)
    assert isinstance(becta.ids, tuple)
    assert isinstance(becta.parents("1a1"), tuple)
    assert becta.strand("1a1").levels[5] == "The school's overall vision takes no account of ICT."


def test_private_lookup_tables_cannot_be_set_deleted_or_changed(becta: Framework) -> None:
    """Pydantic lets private attributes be set even on a frozen model; ours refuse."""
    target: Any = becta
    for name in ("_nodes", "_parents", "_strands"):
        with pytest.raises(AttributeError, match=f"Framework is immutable: cannot set `{name}`"):
            setattr(target, name, {})
        with pytest.raises(AttributeError, match=f"cannot delete `{name}`"):
            delattr(target, name)
    with pytest.raises(TypeError, match="read-only"):
        target._nodes["1a1"] = becta.strand("1b1")
    with pytest.raises(TypeError, match="read-only"):
        target._parents.clear()
    assert becta.get("1a1").title == "The vision"
    assert len(becta) == 12


def test_model_fields_set_is_a_frozen_copy(becta: Framework) -> None:
    fields_set: Any = becta.model_fields_set
    unset = next(name for name in Framework.model_fields if name not in fields_set)
    with pytest.raises(AttributeError):
        fields_set.add(unset)
    assert isinstance(fields_set, frozenset)
    assert unset not in becta.model_fields_set
    assert unset not in becta.model_dump(exclude_unset=True)


def test_a_copy_with_other_elements_looks_up_and_scores_its_own(becta: Framework) -> None:
    """`model_copy` carried the tables of ids over: a framework cut to one aspect still
    held, looked up and scored every strand of the others (a report of it counted twelve
    strands, and a KeyError came out of the engine for a framework with no elements)."""
    [element] = becta.elements
    vision = becta.aspect("1a")
    cut = becta.model_copy(
        update={"elements": (element.model_copy(update={"aspects": (vision,)}),)}
    )
    assert cut.strand_ids == ("1a1", "1a2") == tuple(s.id for s in cut.strands)
    assert cut.ids == ("1", "1a", "1a1", "1a2")
    assert "1b" not in cut
    assert cut.find("1b1") is None
    assert cut.parents("1a2") == ("1a", "1")
    assert len(cut) == 2
    engine = Engine(entry_points=False)
    school = Assessment(
        framework=becta.id,
        school=School(id="1", name="A School"),
        assessed_on=dt.date(2026, 1, 5),
        judgements={"1a1": Judgement(level=2), "1b1": Judgement(level=4)},
    )
    with pytest.raises(SelfReviewError) as refused:
        engine.report(school, framework=cut)
    assert str(refused.value) == (
        "judgements.1b1: `1b1` is not a strand of becta-srf@2010 (did you mean `1a1`?)"
    )
    only = school.model_copy(update={"judgements": {"1a1": Judgement(level=2)}})
    profile = engine.report(only, framework=cut).profile
    assert tuple(profile.strands) == ("1a1", "1a2")
    assert profile.coverage == 0.5
    assert becta.strand_ids[2:4] == ("1b1", "1b2")  # the original kept its own
    empty = becta.model_copy(update={"elements": ()})
    assert empty.strand_ids == ()
    with pytest.raises(SelfReviewError, match=r"^judgements\.1a1: `1a1` is not a strand of"):
        engine.report(school, framework=empty)


def test_a_copy_is_checked_as_a_new_framework_is(becta: Framework) -> None:
    """A scale its descriptors do not fit is refused, as the constructor refuses it, and a
    copy keeps the fields set of the original (what `exclude_unset` dumps)."""
    with pytest.raises(ValidationError) as refused:
        becta.model_copy(update={"scale": Scale(best=3, worst=0)})
    assert "level 5 is outside the scale 3 (best) .. 0 (worst)" in str(refused.value)
    retitled = becta.model_copy(update={"title": "Renamed"})
    assert retitled.title == "Renamed"
    assert retitled.model_fields_set == becta.model_fields_set
    assert retitled.model_dump(exclude_unset=True) == {
        **becta.model_dump(exclude_unset=True),
        "title": "Renamed",
    }


def test_cross_field_checks_apply_to_objects_built_in_python() -> None:
    strand = Strand(id="x", title="X", levels={1: "a", 2: "b"})
    with pytest.raises(ValidationError) as raised:
        Framework(
            id="f",
            version="1",
            title="F",
            scale={"best": 1, "worst": 3},
            elements=(
                Element(id="x", title="E", aspects=(Aspect(id="a", title="A", strands=(strand,)),)),
            ),
        )
    message = str(raised.value)
    assert "duplicate id `x`" in message
    assert "no descriptor for level 3" in message


def test_unknown_keys_are_refused_in_python_too() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Strand(id="x", title="X", levels={1: "a"}, colour="red")  # type: ignore[call-arg]


def test_small_framework_runs_the_other_way(small_framework: Framework) -> None:
    assert small_framework.scale.levels == (3, 2, 1, 0)
    assert small_framework.scale.label(0) == "Not started"
    assert small_framework.scale.label(2) == "Level 2"


@pytest.mark.parametrize("key", ["3\n", " 3", "3 ", "\t3", "3\r\n"], ids=ascii)
def test_a_level_key_with_a_space_or_line_break_about_its_digits_is_refused_at_its_place(
    tmp_path: Path, key: str
) -> None:
    """JSON keys are text, so `"3"` is level 3. Before round 42 `"3\\n"` was too (a regular
    expression's `$` matches before a final line break), while `" 3"` was refused: a level
    key is its digits and nothing else, whichever space surrounds them."""
    framework = yaml.safe_load(BECTA.read_text(encoding="utf-8"))
    levels = framework["elements"][0]["aspects"][0]["strands"][0]["levels"]
    levels[key] = levels.pop(3)
    text = json.dumps(framework, indent=1)
    (tmp_path / "f.json").write_text(text, encoding="utf-8")
    done = selfreview_here(["validate", "f.json"], cwd=tmp_path)
    out = done.stdout.decode()
    assert done.returncode == 1, done.stderr
    line = text[: text.index(json.dumps(key))].count("\n") + 1
    path = f"elements[0].aspects[0].strands[0].levels[{json.dumps(key)}]"
    assert f"f.json:{line}:9: error: {path}: expected a whole-number key" in out
    assert "Traceback" not in done.stderr.decode()
