"""`recommendation_json` (a recommendation's JSON from a kept frame around its own `targets`
and `rationale`) against pydantic's own dump, byte for byte: advice copied for many schools
by `with_reasons`, generated recommendations with hostile text in every field, and each
case that must go to pydantic whole (a subclass, values pydantic would not have made, a
model the shortcut does not know)."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.model import recommendation_json as module
from selfreview_core.model.recommendation import Recommendation
from selfreview_core.model.recommendation_json import recommendation_json, shared_fields
from selfreview_core.testing import frameworks, hostile_texts, ids, texts

_TEXT = st.one_of(
    texts(),
    hostile_texts(),
    st.sampled_from(['say "x"', "a\\b", 'x","targets":[]', "é\x7f", "\u2028", '"rationale":""']),
)


def _pydantic(rec: Recommendation) -> bytes:
    data: bytes = rec.__pydantic_serializer__.to_json(rec, by_alias=True)
    return data


def _advice(**given: Any) -> Recommendation:
    fields: dict[str, Any] = {
        "id": "lea-advice",
        "title": "Analyse the training needs",
        "action": 'Becta found that "the greatest inhibitor" is confidence',
        "audience": "local authority",
        "reference": "Becta (2003)",
        "source": "lea-support",
        "sources": ("lea-support",),
    }
    return Recommendation.model_validate({**fields, **given})


@settings(max_examples=scaled(60), deadline=None)
@given(
    framework=frameworks(),
    data=st.data(),
    title=_TEXT,
    action=_TEXT,
    reference=st.none() | _TEXT,
    audience=_TEXT,
    rationales=st.lists(st.one_of(st.just(""), _TEXT), min_size=1, max_size=4),
)
def test_copies_of_advice_are_written_as_pydantic_writes_them(
    framework: Any,
    data: st.DataObject,
    title: str,
    action: str,
    reference: str | None,
    audience: str,
    rationales: list[str],
) -> None:
    """Each school's copy (`with_reasons`, its own targets and rationale): the frame kept
    by the first serves the rest, and every copy is pydantic's bytes."""
    given_text = {"title": title, "action": action, "audience": audience}
    if not all(value.strip() for value in given_text.values()):
        return  # `Text` refuses blank text
    template = _advice(reference=reference, **given_text)
    node_ids = st.sampled_from(framework.ids)
    for rationale in rationales:
        targets = tuple(data.draw(st.lists(node_ids, max_size=4, unique=True)))
        copy = template.with_reasons(targets, rationale)
        assert recommendation_json(copy) == _pydantic(copy)
    assert recommendation_json(template) == _pydantic(template)


@settings(max_examples=scaled(40), deadline=None)
@given(
    rec_id=ids(),
    title=_TEXT,
    priority=st.sampled_from(["high", "medium", "low"]),
    links=st.lists(st.sampled_from(["https://e.org/a", 'mailto:"x"@e.org', "http://é.fr"])),
    sources=st.lists(ids(), max_size=3),
)
def test_any_recommendation_is_written_as_pydantic_writes_it(
    rec_id: str, title: str, priority: str, links: list[str], sources: list[str]
) -> None:
    if not title.strip():
        return
    rec = Recommendation.model_validate(
        {
            "id": rec_id,
            "title": title,
            "action": title,
            "priority": priority,
            "links": links,
            "sources": sources,
        }
    )
    assert recommendation_json(rec) == _pydantic(rec)


#: Without validation, so typed loosely: these are values a model's types refuse.
_construct: Any = Recommendation.model_construct


class _Subclass(Recommendation):
    pass


@pytest.mark.parametrize(
    "made",
    [
        # A subclass may serialise differently: never framed.
        lambda: _Subclass(id="a", title="t", action="x"),
        # Values pydantic's validation would not make (no validation): pydantic writes them
        # (and warns of them) itself.
        lambda: _construct(id="a", title="t", action="x", targets=["1a1"]),
        lambda: _construct(id="a", title="t", action="x", rationale=3),
        lambda: _construct(id="a", title="t", action="x", reference=3),
        lambda: _construct(id="a", title="t", action="x", sources=(1,)),
        # A field missing altogether (put behind pydantic's back).
        lambda: _construct(id="a", action="x"),
    ],
)
def test_what_pydantic_writes_whole_is_not_framed(made: Any) -> None:
    module._FRAMES.clear()
    with warnings.catch_warnings():  # pydantic warns of what it writes of these
        warnings.simplefilter("ignore")
        rec = made()
        assert recommendation_json(rec) == _pydantic(rec)
        assert recommendation_json(rec) == _pydantic(rec)
    assert not any(module._FRAMES.values())


def test_a_frame_is_kept_by_the_shared_values() -> None:
    module._FRAMES.clear()
    template = _advice()
    first = template.with_reasons(("1a1",), "weak")
    second = template.with_reasons(("1b2", "1c1"), 'a "second" school')
    assert recommendation_json(first) == _pydantic(first)
    assert list(module._FRAMES.values()) == [None]  # met once: written whole
    assert recommendation_json(second) == _pydantic(second)
    (frame,) = module._FRAMES.values()
    assert frame is not None  # met again: framed
    third = template.with_reasons((), "")
    assert recommendation_json(third) == _pydantic(third)
    assert list(module._FRAMES.values()) == [frame]  # the same frame served the third
    other = _advice(audience="governors").with_reasons(("1a1",), "weak")
    assert recommendation_json(other) == _pydantic(other)
    assert len(module._FRAMES) == 2


def test_the_frames_start_again_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    module._FRAMES.clear()
    monkeypatch.setattr(module, "_MAX_FRAMES", 2)
    recs = [_advice(audience=f"group {i}").with_reasons((), "r") for i in range(3)]
    for rec in recs:
        assert recommendation_json(rec) == _pydantic(rec)
        assert recommendation_json(rec) == _pydantic(rec)
    assert len(module._FRAMES) == 1
    assert all(module._FRAMES.values())


def test_the_shortcut_knows_the_model() -> None:
    """The fields shared, in model order, all but the school's own two: what the frame is
    kept by."""
    shared = shared_fields()
    assert shared == tuple(f for f in Recommendation.model_fields if f not in module.OWN)
    assert len(shared) == len(Recommendation.model_fields) - 2


def test_a_model_it_does_not_know_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "OWN", ("rationale", "targets"))  # out of model order
    assert shared_fields() is None
    monkeypatch.setattr(module, "OWN", ("targets", "reasons"))  # a field gone
    assert shared_fields() is None
    monkeypatch.setattr(module, "_SHARED", [None])
    rec = _advice().with_reasons(("1a1",), "weak")
    module._FRAMES.clear()
    assert recommendation_json(rec) == _pydantic(rec)
    assert module._FRAMES == {}


def test_a_model_serializer_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    decorators = Recommendation.__pydantic_decorators__
    monkeypatch.setattr(decorators, "model_serializers", {"x": object()})
    assert shared_fields() is None
    monkeypatch.setattr(decorators, "model_serializers", {})
    monkeypatch.setattr(decorators, "field_serializers", {"x": object()})
    assert shared_fields() is None


@pytest.mark.parametrize(
    ("targets", "rationale"),
    [
        (b'"elsewhere":[]', b'"rationale":""'),  # a key not found
        (b'"rationale":""', b'"targets":[]'),  # out of order
        (b'":""', b'"rationale":""'),  # found more than once
        (b'targets":[]', b'"rationale":""'),  # not led by `{` or `,`: not a key
        (b'"targets":[]', b'rationale":""'),
    ],
)
def test_a_frame_not_cut_cleanly_is_not_kept(
    monkeypatch: pytest.MonkeyPatch, targets: bytes, rationale: bytes
) -> None:
    """Where the two values go is found in pydantic's own dump; a dump where they cannot be
    told (a model changed) leaves the recommendation to pydantic whole."""
    module._FRAMES.clear()
    monkeypatch.setattr(module, "_TARGETS", targets)
    monkeypatch.setattr(module, "_RATIONALE", rationale)
    rec = _advice().with_reasons(("1a1",), "weak")
    assert recommendation_json(rec) == _pydantic(rec)
    assert recommendation_json(rec) == _pydantic(rec)
    assert not any(module._FRAMES.values())
