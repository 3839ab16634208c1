"""Anything a plugin might hand back, for fuzzing the engine's boundary (`plugin_results`).

`answers(hook)` draws what one implementation of `hook` does: return a value (junk of any
shape, constructed models with junk fields, half-valid recommendations, careless
exporters), return a generator that yields some of it and then raises, or raise at once.
Shared by `test_fuzz_plugins.py`; a plugin made of the drawn answers goes into an
`Engine` as any plugin would.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator
from typing import Any

from hypothesis import strategies as st

from selfreview_core import (
    Exporter,
    Framework,
    Migration,
    Recommendation,
    Report,
    RulePack,
    hookimpl,
)
from selfreview_core.model.unseen import says_something


class Sabotage(BaseException):
    """A plugin's own `BaseException`."""


#: What a plugin may raise: anything but the user's Ctrl-C.
ERRORS = st.sampled_from(
    [
        RuntimeError("boom"),
        SystemExit(0),
        SystemExit("bye"),
        Sabotage("mine"),
        GeneratorExit(),
        RecursionError("deep"),
        ValueError("half \ud800"),
    ]
)
#: Text, with what breaks writers and terminals well represented: lone surrogates,
#: control sequences, bidirectional overrides, markup.
TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["\ud800", "a\udfffb", "\x1b]52;c;aGk=\x07", "\x1b[2J", "\u202e", "<script>", "=1+1", ""]
    ),
)
IDS = st.sampled_from(["1a1", "1b1", "1", "1a", "2c3", "nowhere", "has space", "a@b", ""])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.binary(max_size=8),
)
JUNK = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(TEXT, inner, max_size=4),
    ),
    max_leaves=12,
)


def _field_values() -> st.SearchStrategy[Any]:
    return st.one_of(JUNK, TEXT, st.lists(IDS, max_size=3).map(tuple))


RECOMMENDATION_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(IDS, JUNK),
        "title": st.one_of(TEXT, JUNK),
        "action": st.one_of(TEXT, JUNK),
        "targets": st.one_of(st.lists(IDS, max_size=3).map(tuple), JUNK),
        "priority": st.one_of(st.sampled_from(["high", "medium", "low", "urgent"]), JUNK),
        "audience": TEXT,
        "links": st.one_of(
            st.lists(
                st.sampled_from(["https://example.org", "javascript:x", "mailto:a@b.c", "\ud800"]),
                max_size=2,
            ).map(tuple),
            JUNK,
        ),
        "reference": st.one_of(st.none(), TEXT),
        "rationale": TEXT,
        "junk": JUNK,
    },
)


@st.composite
def recommendations(draw: st.DrawFn) -> object:
    """A recommendation as a plugin might give it: valid, a mapping of any fields, or
    built with `model_construct` from them (no checks at all)."""
    fields = draw(RECOMMENDATION_FIELDS)
    kind = draw(st.sampled_from(["valid", "mapping", "constructed"]))
    if kind == "valid":
        return Recommendation(
            id=draw(st.sampled_from(["r1", "r2", "r3"])),
            # What the model takes: text that prints as something (a title of U+E0000 alone
            # is refused as empty, and made this "valid" branch raise while drawing).
            title=draw(st.text(min_size=1, max_size=8).filter(says_something)),
            action="Do it.",
            targets=tuple(draw(st.lists(st.sampled_from(["1a1", "1b", "2"]), max_size=2))),
            priority=draw(st.sampled_from(["high", "medium", "low"])),
        )
    if kind == "mapping":
        return fields
    return Recommendation.model_construct(**fields)


def _render_returning(value: object, error: BaseException | None) -> Callable[[Report], Any]:
    def render(report: Report) -> Any:
        if error is not None:
            raise error
        return value

    return render


@st.composite
def exporters(draw: st.DrawFn) -> object:
    """An exporter with careless fields and a `render` that returns junk or raises."""
    name = draw(st.one_of(st.sampled_from(["mine", "json", "two words", ""]), TEXT, JUNK))
    extension = draw(st.one_of(st.sampled_from(["txt", ".txt", "", "../x", "a/b"]), TEXT, JUNK))
    media_type = draw(st.one_of(st.just("text/plain"), JUNK))
    output = draw(st.one_of(st.just("fine\n"), st.just(b"bytes"), JUNK))
    error = draw(st.one_of(st.none(), ERRORS))
    render: Any = draw(st.sampled_from([_render_returning(output, error), "not callable"]))
    return Exporter(name, extension, media_type, render)


def _constructed(model: type[Any]) -> st.SearchStrategy[object]:
    return st.dictionaries(
        st.sampled_from(
            [
                "id",
                "framework",
                "version",
                "title",
                "scale",
                "elements",
                "rules",
                "strands",
                "retired",
            ]
        ),
        JUNK,
        max_size=4,
    ).map(lambda fields: _construct(model, fields))


def _construct(model: type[Any], fields: dict[str, Any]) -> object:
    try:
        return model.model_construct(**fields)
    except Exception:  # its own `model_post_init` may refuse junk: then it is junk itself
        return fields


#: What one hook's items may be, beside junk.
ITEMS: dict[str, st.SearchStrategy[object]] = {
    "selfreview_recommend": recommendations(),
    "selfreview_frameworks": st.one_of(
        _constructed(Framework), st.sampled_from(["/nonexistent.yaml", "", "\ud800.yaml"])
    ),
    "selfreview_rule_packs": _constructed(RulePack),
    "selfreview_migrations": _constructed(Migration),
    "selfreview_exporters": exporters(),
}


def _generator(items: list[object], error: BaseException) -> Iterator[object]:
    yield from items
    raise error


@st.composite
def answers(draw: st.DrawFn, hook: str) -> Callable[[], Any]:
    """What one implementation of `hook` does when called."""
    items = draw(st.lists(st.one_of(ITEMS[hook], JUNK), max_size=5))
    shape = draw(st.sampled_from(["list", "tuple", "generator", "raises", "junk", "one", "dict"]))
    error = draw(ERRORS)
    if shape == "raises":

        def hook_raises() -> Any:
            raise error

        return hook_raises
    value: Any = {
        "list": items,
        "tuple": tuple(items),
        "junk": draw(JUNK),
        "one": items[0] if items else None,
        "dict": {str(i): item for i, item in enumerate(items)},
    }.get(shape)
    if shape == "generator":
        return lambda: _generator(items, error)
    return lambda: value


@st.composite
def hostile_plugins(draw: st.DrawFn) -> types.ModuleType:
    """A plugin implementing some of the hooks, each answering as `answers` draws."""
    module = types.ModuleType("fuzzed")
    for hook in draw(st.sets(st.sampled_from(sorted(ITEMS)), min_size=1)):
        setattr(module, hook, hookimpl(draw(answers(hook))))
    return module
