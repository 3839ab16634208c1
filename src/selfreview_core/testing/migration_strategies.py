"""Hypothesis strategies for revised frameworks: other versions of a framework, and valid
migrations between two versions (splits, merges, retired strands, or one-to-one moves)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from ..model.framework import Framework
from ..model.migration import Migration
from .strategies import frameworks, ids

__all__ = ["migrations", "moved_version", "versions"]


@st.composite
def versions(
    draw: st.DrawFn, /, framework: Framework, *, same_scale: bool = True, **framework_options: Any
) -> Framework:
    """Another version of `framework`: the same id, another version, strands of any shape
    and ids, on the same scale (any scale with `same_scale=False`)."""
    scale = framework.scale if same_scale else None
    other = draw(frameworks(scale=scale, **framework_options))
    version = draw(ids().filter(lambda v: v != framework.version))
    return Framework.model_validate({**other.model_dump(), "id": framework.id, "version": version})


@st.composite
def migrations(
    draw: st.DrawFn, /, old: Framework, new: Framework, *, one_to_one: bool = False
) -> Migration:
    """Valid migrations from `old` to `new` (two different versions): each old strand maps
    to one new strand or is split over several, or is retired; merges happen wherever old
    strands share a new one. With `one_to_one`, a bijection (both need as many strands)."""
    old_ids, new_ids = old.strand_ids, new.strand_ids
    strands: dict[str, tuple[str, ...]] = {}
    retired: list[str] = []
    if one_to_one:
        if len(old_ids) != len(new_ids):
            raise ValueError("a one-to-one migration needs as many strands in each version")
        order = draw(st.permutations(new_ids))
        strands = {o: (n,) for o, n in zip(old_ids, order, strict=True)}
    else:
        ways = ("one", "one", "split", "retire") if len(new_ids) > 1 else ("one", "retire")
        unused = list(new_ids)
        for old_id in old_ids:
            way = draw(st.sampled_from(ways))
            if way == "retire":
                retired.append(old_id)
                continue
            size = 1 if way == "one" else draw(st.integers(2, min(3, len(new_ids))))
            # Mostly strands nothing maps to yet, so that one-to-one moves are common too.
            fresh = draw(st.sampled_from((True, True, True, False)))
            pool = unused if fresh and len(unused) >= size else new_ids
            chosen = st.lists(st.sampled_from(pool), min_size=size, max_size=size, unique=True)
            strands[old_id] = tuple(draw(chosen))
            unused = [n for n in unused if n not in strands[old_id]]
    return Migration.model_validate(
        {"from": old.ref, "to": new.ref, "strands": strands, "retired": retired}
    )


@st.composite
def moved_version(draw: st.DrawFn, /, framework: Framework) -> tuple[Framework, Migration]:
    """A new version of `framework` with the same elements, aspects, titles and descriptors
    but its strand ids shuffled (each strand moves to another's id), and the one-to-one
    migration onto it."""
    old_ids = framework.strand_ids
    shuffled = draw(st.permutations(old_ids))
    renamed = dict(zip(old_ids, shuffled, strict=True))
    data = framework.model_dump()
    for element in data["elements"]:
        for aspect in element["aspects"]:
            for strand in aspect["strands"]:
                strand["id"] = renamed[strand["id"]]
    version = draw(ids().filter(lambda v: v != framework.version))
    new = Framework.model_validate({**data, "version": version, "awards": ()})
    migration = Migration.model_validate({"from": framework.ref, "to": new.ref, "strands": renamed})
    return new, migration
