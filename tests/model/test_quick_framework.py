"""The quick check of a framework (`model.quick_framework`): what `selfreview validate`
runs before pydantic, and must never let an invalid framework through."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from selfreview_core import Framework
from selfreview_core.model.quick_framework import QuickOutline, quick_outline
from selfreview_core.testing import frameworks
from selfreview_core.validation.files import summarise, validate_files

ROOT = Path(__file__).resolve().parents[2]


def _plain(value: Any) -> Any:
    """The data a YAML file of this value parses to: mappings and lists, integer keys."""
    if isinstance(value, dict):  # FrozenDict included
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _data(framework: Framework) -> dict[str, Any]:
    data: dict[str, Any] = _plain(framework.model_dump(by_alias=True, exclude_defaults=True))
    data["kind"] = "framework"
    return data


def _outline(framework: Framework) -> QuickOutline:
    counts = (len(framework.elements), len(framework.aspects), len(framework))
    scale = framework.scale
    return QuickOutline(framework.ref, framework.title, *counts, scale.best, scale.worst)


def _accepted(data: Any) -> Framework | None:
    """The framework pydantic and every check make of `data`, or None if refused."""
    try:
        return Framework.model_validate(data)
    except ValidationError:
        return None


@given(frameworks())
def test_a_valid_framework_is_outlined_as_the_model_says(framework: Framework) -> None:
    """Frameworks of both scale directions: the quick outline, when there is one, says what
    the model says, and the summary line is the same either way."""
    outline = quick_outline(_data(framework))
    if outline is not None:
        assert outline == _outline(framework)
        assert outline.summary() == summarise(framework)


@given(frameworks(), st.sampled_from(("1a1", "strand-a", "S.1")))
def test_plain_ids_and_text_take_the_quick_path(framework: Framework, strand_id: str) -> None:
    """The quick path is taken for plain frameworks (ASCII ids), not only refused."""
    data = _data(framework)
    ids = iter(f"{strand_id}-{n}" for n in range(1000))
    for element in data["elements"]:
        element["id"] = next(ids)
        for aspect in element["aspects"]:
            aspect["id"] = next(ids)
            for strand in aspect["strands"]:
                strand["id"] = next(ids)
    data["id"], data["version"] = "fw", "1"
    outline = quick_outline(data)
    assert outline is not None
    assert outline.ref == "fw@1"
    assert outline.best == framework.scale.best
    assert outline.worst == framework.scale.worst


#: Values put anywhere in a framework: wrong types, blank text, edge cases of each type.
NASTY = st.sampled_from(
    [
        None,
        True,
        0,
        -1,
        2**63,
        1.0,
        "",
        " ",
        "x y",
        "a@b",
        "\ud800",
        "é",
        "1",
        [],
        {},
        {"id": "x"},
        ["x"],
        b"bytes",
    ]
)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in `data`."""
    found = [path] if path else []
    if isinstance(data, dict):
        for key, item in data.items():
            found += _paths(item, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            found += _paths(item, (*path, i))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """A framework's plain data with one thing changed: a value replaced, a key removed
    or added, an item copied (a duplicate id, a repeated strand)."""
    data = _data(draw(frameworks()))
    path = draw(st.sampled_from(_paths(data)))
    parent, last = _parent(data, path), path[-1]
    change = draw(st.sampled_from(("replace", "remove", "add", "copy", "rename")))
    if change == "replace":
        parent[last] = draw(NASTY)
    elif change == "remove":
        del parent[last]
    elif change == "add" and isinstance(parent, dict):
        parent[draw(st.sampled_from(("awards", "questions", "labels", "extra", 9, "9")))] = draw(
            NASTY
        )
    elif change == "copy" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    elif change == "rename" and isinstance(parent, dict):
        parent[draw(st.sampled_from(("ID", "titel", 0, True, "terms")))] = parent.pop(last)
    return data


@given(mutated())
def test_the_quick_path_never_passes_what_the_model_refuses(data: dict[str, Any]) -> None:
    """ "Never an invalid one the quick way": whatever `quick_outline` accepts, pydantic and
    every check accept, with the same outline."""
    outline = quick_outline(data)
    if outline is not None:
        framework = _accepted(data)
        assert framework is not None, data
        assert outline == _outline(framework)


def _strands(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for e in data["elements"] for a in e["aspects"] for s in a["strands"]]


def _scale(data: dict[str, Any], best: int, worst: int) -> None:
    """The scale `best .. worst`, every strand with a descriptor for each of its levels."""
    data["scale"] = {"best": best, "worst": worst}
    for strand in _strands(data):
        strand["levels"] = dict.fromkeys(range(min(best, worst), max(best, worst) + 1), "x")


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        (lambda d: d.update(id="école"), True),  # a valid id, but not plain ASCII
        (lambda d: d.update(id=""), False),
        (lambda d: d.pop("version"), False),
        (lambda d: d.pop("title"), False),
        (lambda d: d["elements"][0]["aspects"][0]["strands"][0].pop("title"), False),
        (lambda d: d.update(id="becta@srf"), False),
        (lambda d: d.update(version="2010\t"), False),
        (lambda d: _scale(d, 1, 1), False),
        (lambda d: _scale(d, 1, 101), False),
        (lambda d: d["scale"].update(labels={6: "six"}), False),
        (lambda d: d["scale"].update(labels={1: " "}), False),
        (lambda d: d["scale"].update(extra=1), False),
        (lambda d: d["scale"].pop("worst"), False),
        (lambda d: d["elements"][0]["aspects"][1].update(strands=[5]), False),
        (lambda d: d["elements"][0]["aspects"][1]["strands"][0].update(id=None), False),
        (lambda d: d.update(year=True), False),
        (lambda d: d.update(notes=7), False),
        (lambda d: d.update(title="  "), False),
        (lambda d: d.update(version="1 0"), False),
        (lambda d: d["scale"].update(worst=d["scale"]["best"]), False),
        (lambda d: d["elements"][0]["aspects"][0]["strands"][0]["levels"].pop(1), False),
        (lambda d: d["elements"][0]["aspects"][0]["strands"][0].update(id="1a"), False),
        (lambda d: d["elements"][0].update(extra="x"), False),
        (lambda d: d.update(policy="mean"), True),  # has a model of its own: the full path
    ],
)
def test_what_is_not_plain_goes_the_full_way(change: Any, valid: bool) -> None:
    data = copy.deepcopy(BECTA)
    change(data)
    assert quick_outline(data) is None
    assert (_accepted(data) is not None) is valid


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(notes="\ud800", title="a\ud800b"),  # what YAML's escapes can write
        lambda d: d.update(year=2**70),
        lambda d: _scale(d, 3, 0),
        lambda d: d["scale"].update(labels={1: "Best", 5: "Worst"}),
        lambda d: d.update(publisher=None, year=None),
    ],
)
def test_plain_frameworks_take_the_quick_path(change: Any) -> None:
    data = copy.deepcopy(BECTA)
    change(data)
    outline = quick_outline(data)
    framework = _accepted(data)
    assert outline is not None
    assert framework is not None
    assert outline == _outline(framework)


def test_the_becta_framework_is_plain() -> None:
    assert quick_outline([BECTA]) is None
    assert quick_outline("kind: framework") is None
    outline = quick_outline(BECTA)
    assert outline == QuickOutline("becta-srf@2010", "Self-review framework", 1, 3, 12, 1, 5)


def test_a_quick_framework_serves_the_documents_after_it(tmp_path: Path) -> None:
    """An assessment of a framework checked the quick way is checked against its model
    (built when the assessment needs it): known strands pass, unknown ones are located."""
    framework = tmp_path / "fw.yaml"
    framework.write_text(
        "kind: framework\nid: fw\nversion: '1'\ntitle: F\nscale: {best: 2, worst: 1}\n"
        "elements:\n- id: e\n  title: E\n  aspects:\n  - id: a\n    title: A\n    strands:\n"
        "    - id: s\n      title: S\n      levels: {1: one, 2: two}\n"
    )
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    head = (
        "kind: assessment\nframework: fw@1\nschool: {id: '1', name: One}\nassessed_on: 2026-01-01\n"
    )
    good.write_text(head + "judgements: {s: 2}\n")
    bad.write_text(head + "judgements: {s: 2, t: 1}\n")
    again = tmp_path / "again.yaml"
    again.write_text(head.replace("2026-01-01", "2026-02-01") + "judgements: {s: 1}\n")
    first, ok, wrong, ok_again = validate_files([framework, good, bad, again])
    assert first.outline is not None
    assert first.document is None
    assert (
        first.summary
        == 'framework fw@1 "F": 1 element, 1 aspect, 1 strand, levels 2 (best) .. 1 (worst)'
    )
    assert ok.ok
    assert ok.summary == "assessment of fw@1 for One (1) on 2026-01-01: 1 of 1 strands judged"
    assert ok.framework is not None
    assert ok.framework.ref == "fw@1"
    assert ok_again.framework is ok.framework  # its model built once, for the first that needed it
    [problem] = wrong.diagnostics
    assert (problem.file, problem.line, problem.path) == (str(bad), 5, "judgements.t")
    assert "`t` is not a strand of fw@1" in problem.message


def _becta() -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load((ROOT / "frameworks" / "becta-srf.yaml").read_text())
    return data


BECTA = _becta()


def _constraints(schema: Any) -> Any:
    """`schema` without its words (descriptions, titles): what a document must be, only."""
    if isinstance(schema, dict):
        return {
            k: _constraints(v)
            for k, v in schema.items()
            if k not in {"description", "title", "examples"}
        }
    if isinstance(schema, list):
        return [_constraints(v) for v in schema]
    return schema


#: The constraints of the plain parts of a framework that `quick_outline` re-states by hand.
#: When this test fails, the model changed: make `model/quick_framework.py` agree with it
#: (or send the changed part the full way), then record the new fingerprint here.
QUICK_PARTS_FINGERPRINT = "b7dc5fb63a32170a0b3dbe63664fc503cbff52e07c067a0227815558a8e4d0c3"


def test_the_quick_check_is_revisited_when_the_model_changes() -> None:
    import hashlib
    import json

    schema = Framework.model_json_schema()
    plain = {
        "properties": {k: v for k, v in schema["properties"].items() if k != "awards"},
        "required": schema.get("required"),
        "defs": {k: schema["$defs"][k] for k in ("Element", "Aspect", "Strand", "Scale")},
    }
    text = json.dumps(_constraints(plain), sort_keys=True).encode()
    assert hashlib.sha256(text).hexdigest() == QUICK_PARTS_FINGERPRINT, (
        "Framework's schema changed: check model/quick_framework.py still passes only what "
        "the model accepts, then update QUICK_PARTS_FINGERPRINT"
    )
