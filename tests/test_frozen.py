"""`_frozen.FrozenDict`: the read-only mapping every mapping field of every model holds."""

from __future__ import annotations

import copy
import importlib
import json
import pickle
import pkgutil
import typing
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import selfreview_core
from selfreview_core import Assessment, Framework, Judgement
from selfreview_core._frozen import FrozenDict, freeze, frozen_value
from selfreview_core.model.base import Level, Model

#: Every way a dict can be changed in place through its own methods.
MUTATIONS: dict[str, Callable[[Any], object]] = {
    "__setitem__": lambda d: d.__setitem__("b", 2),
    "the class's __setitem__": lambda d: type(d).__setitem__(d, "b", 2),
    "__delitem__": lambda d: d.__delitem__("a"),
    "update": lambda d: d.update({"b": 2}),
    "update with keywords": lambda d: d.update(b=2),
    "pop": lambda d: d.pop("a"),
    "pop with a default": lambda d: d.pop("missing", None),
    "popitem": lambda d: d.popitem(),
    "clear": lambda d: d.clear(),
    "setdefault": lambda d: d.setdefault("b", 2),
    "setdefault of a key it has": lambda d: d.setdefault("a", 2),
    "__ior__": lambda d: d.__ior__({"b": 2}),
}


@pytest.mark.parametrize("mutate", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_every_mutating_method_raises_type_error_and_changes_nothing(
    mutate: Callable[[Any], object],
) -> None:
    frozen = FrozenDict({"a": 1})
    with pytest.raises(TypeError, match="FrozenDict is read-only: build a new dict"):
        mutate(frozen)
    assert frozen == {"a": 1}


def test_the_statement_forms_are_refused_too() -> None:
    frozen: Any = FrozenDict({"a": 1})
    with pytest.raises(TypeError):
        frozen["a"] = 2
    with pytest.raises(TypeError):
        del frozen["a"]
    with pytest.raises(TypeError):
        frozen |= {"b": 2}
    assert frozen == {"a": 1}


def test_calling_init_again_does_not_refill_it() -> None:
    """`dict.__init__` merges into a dict that has items; ours is filled once, in `__new__`."""
    frozen: Any = FrozenDict({"a": 1})
    frozen.__init__({"b": 2}, c=3)
    empty: Any = FrozenDict()
    empty.__init__({"b": 2})
    assert frozen == {"a": 1}
    assert empty == {}


def test_it_reads_and_compares_as_the_dict_it_was_made_from() -> None:
    frozen = FrozenDict({"a": 1, "b": 2})
    assert frozen == {"a": 1, "b": 2}
    assert {"a": 1, "b": 2} == frozen  # noqa: SIM300 - a plain dict on the left, on purpose
    assert frozen != {"a": 1}
    assert isinstance(frozen, dict)
    assert isinstance(frozen, Mapping)
    assert list(frozen.items()) == [("a", 1), ("b", 2)]  # insertion order kept
    assert frozen["a"] == 1
    assert frozen.get("z") is None
    assert len(frozen) == 2
    assert repr(frozen) == "{'a': 1, 'b': 2}"  # reprs and messages read as before
    assert type(frozen).__name__ == "FrozenDict"
    assert FrozenDict([("x", 1)], y=2) == {"x": 1, "y": 2}


def test_changing_it_means_building_a_new_dict() -> None:
    frozen = FrozenDict({"a": 1})
    changed = {**frozen, "b": 2}
    assert type(frozen.copy()) is dict  # type: ignore[attr-defined]
    assert type(frozen | {"b": 2}) is dict  # type: ignore[operator]
    assert changed == {"a": 1, "b": 2}
    assert frozen == {"a": 1}


def test_fromkeys_builds_a_frozen_one() -> None:
    made = FrozenDict.fromkeys("ab", 0)  # type: ignore[attr-defined]
    assert made == {"a": 0, "b": 0}
    assert type(made) is FrozenDict


def test_equal_ones_hash_alike_and_unhashable_values_refuse() -> None:
    assert hash(FrozenDict({"a": 1, "b": 2})) == hash(FrozenDict({"b": 2, "a": 1}))
    assert len({FrozenDict({"a": 1}), FrozenDict({"a": 1})}) == 1
    with pytest.raises(TypeError, match="unhashable"):
        hash(FrozenDict({"a": [1]}))


def test_copies_pickles_and_deep_copies_stay_frozen() -> None:
    frozen = FrozenDict({"a": (1, 2)})
    assert copy.copy(frozen) is frozen  # nothing to gain from a copy
    copies: list[Any] = [pickle.loads(pickle.dumps(frozen)), copy.deepcopy(frozen)]
    for again in copies:
        assert again == frozen
        assert type(again) is FrozenDict
        with pytest.raises(TypeError):
            MUTATIONS["clear"](again)


def test_json_encodes_it_as_an_object() -> None:
    assert json.dumps(FrozenDict({"a": 1})) == '{"a": 1}'


def test_freeze_copies_a_dict_once_and_returns_a_frozen_one_as_it_is() -> None:
    plain = {"a": 1}
    frozen = freeze(plain)
    plain["b"] = 2
    assert frozen == {"a": 1}  # a copy: later changes to the dict do not reach it
    assert type(frozen) is FrozenDict
    assert freeze(frozen) is frozen


def test_frozen_value_freezes_nested_dicts_and_lists_and_leaves_the_rest() -> None:
    value = frozen_value({"a": [1, {"b": [2]}], "c": (3,), "d": "text"})
    assert value == {"a": (1, {"b": (2,)}), "c": (3,), "d": "text"}
    assert type(value) is FrozenDict
    assert type(value["a"]) is tuple
    assert type(value["a"][1]) is FrozenDict
    assert type(value["a"][1]["b"]) is tuple
    already = FrozenDict({"x": 1})
    assert frozen_value(already) is already
    assert frozen_value(None) is None


class Labels(Model):
    labels: FrozenDict[Level, str]
    maybe: FrozenDict[str, int] | None = None


class PlainLabels(BaseModel):
    labels: dict[Level, str]
    maybe: dict[str, int] | None = None


def test_a_field_validates_as_a_dict_of_its_types_and_holds_a_frozen_one() -> None:
    model = Labels.model_validate({"labels": {"1": "one", 2: "two"}, "maybe": {"x": 1}})
    assert model.labels == {1: "one", 2: "two"}  # JSON's "1" is level 1, as for a dict
    assert type(model.labels) is FrozenDict
    assert type(model.maybe) is FrozenDict
    with pytest.raises(TypeError):
        model.labels[3] = "three"  # type: ignore[index]


def test_a_field_dumps_plain_dicts_and_its_json_schema_is_a_dicts() -> None:
    model = Labels(labels={1: "one"})
    dumped = model.model_dump()
    assert dumped == {"labels": {1: "one"}, "maybe": None}
    assert type(dumped["labels"]) is dict
    assert model.model_dump_json() == '{"labels":{"1":"one"},"maybe":null}'
    frozen_schema = Labels.model_json_schema()
    plain_schema = PlainLabels.model_json_schema()
    assert frozen_schema["properties"] == plain_schema["properties"]
    assert (
        Labels.model_json_schema(mode="serialization")["properties"]
        == (PlainLabels.model_json_schema(mode="serialization")["properties"])
    )


def test_a_field_refuses_what_a_dict_field_refuses_at_the_same_place() -> None:
    bad = {"labels": {"x": "one", 2: 3}, "maybe": []}
    with pytest.raises(ValidationError) as frozen_error:
        Labels.model_validate(bad)
    with pytest.raises(ValidationError) as plain_error:
        PlainLabels.model_validate(bad)
    assert [(e["loc"], e["type"]) for e in frozen_error.value.errors()] == [
        (e["loc"], e["type"]) for e in plain_error.value.errors()
    ]
    assert {e["loc"] for e in frozen_error.value.errors()} == {
        ("labels", "x", "[key]"),
        ("labels", 2),
        ("maybe",),
    }


def test_a_model_with_frozen_fields_round_trips_through_json_and_pickle() -> None:
    model = Labels(labels={1: "one"}, maybe={"x": 1})
    assert Labels.model_validate_json(model.model_dump_json()) == model
    again = pickle.loads(pickle.dumps(model))
    assert again == model
    assert type(again.labels) is FrozenDict
    assert hash(again) == hash(model)  # hashable now that nothing inside is a dict


def _mutable_parts(annotation: Any) -> list[str]:
    """Where in a field's type a mutable container could sit."""
    origin = typing.get_origin(annotation)
    if annotation in (dict, list, set) or origin in (dict, list, set):
        return [str(annotation)]
    if origin is Mapping or annotation is Mapping:
        return [f"{annotation} (a plain dict would pass)"]
    return [part for arg in typing.get_args(annotation) for part in _mutable_parts(arg)]


def _every_model() -> list[type[BaseModel]]:
    for module in pkgutil.walk_packages(selfreview_core.__path__, "selfreview_core."):
        if module.name != "selfreview_core.__main__":  # that one runs the command line
            importlib.import_module(module.name)
    found: list[type[BaseModel]] = []
    stack: list[type[BaseModel]] = [Model]
    while stack:
        model = stack.pop()
        if model.__module__.startswith("selfreview_core."):  # not the tests' own
            found.append(model)
        stack.extend(model.__subclasses__())
    return found


def test_no_field_of_any_model_can_hold_a_mutable_container() -> None:
    """SPEC section 4: every model a plugin receives is immutable all the way down. A new
    model with a `dict` or `list` field fails here (use `FrozenDict` and tuples)."""
    models = _every_model()
    assert len(models) > 30  # every module's models were found
    mutable = {
        f"{model.__name__}.{name}": parts
        for model in models
        for name, field in model.model_fields.items()
        if (parts := _mutable_parts(field.annotation))
    }
    assert mutable == {}


def test_model_copy_freezes_the_dicts_and_lists_it_is_given(
    assessment: Assessment,
) -> None:
    """`model_copy` does not validate: what it is given is frozen on the way in."""
    judgement = Judgement(level=2)
    copied: Any = assessment.model_copy(update={"judgements": {"A1.1": judgement}})
    with pytest.raises(TypeError, match="read-only"):
        copied.judgements["A1.2"] = judgement
    assert type(copied.judgements) is FrozenDict
    assert copied.judgements == {"A1.1": judgement}
    assert len(assessment.judgements) == 3  # the original is untouched
    deep: Any = assessment.model_copy(deep=True)
    assert deep == assessment
    assert type(deep.judgements) is FrozenDict


def test_model_copy_refuses_a_name_that_is_not_a_field(
    becta: Framework, assessment: Assessment
) -> None:
    """A copy meant to change something never silently changes nothing: pydantic keeps an
    unknown name beside the fields, where nothing reads it (a framework's `terms` is read
    from its field `declared_terms`)."""
    organisation = becta.terms.model_copy(update={"subject": "organisation"})
    with pytest.raises(TypeError) as refused:
        becta.model_copy(update={"terms": organisation, "colour": "red"})
    assert str(refused.value) == (
        "cannot update Framework: no field 'terms' (its field is 'declared_terms'), 'colour'"
    )
    assert becta.model_copy(update={"declared_terms": organisation}).terms.subject == (
        "organisation"
    )
    with pytest.raises(TypeError, match=r"^cannot update Assessment: no field 'level'$"):
        assessment.model_copy(update={"level": 3})
