"""What each strand's level gives, each strand's from a table of its own, by a function
compiled once for the tables: for the plugins that read a school's levels as the scorer
read them (`plan.LAST_SCORED`) and look each one up (next-steps' step, lea-support's code).

`tuple(map(dict.__getitem__, tables, levels))` makes an iterator and calls the method once
a strand from C, about 290 instructions each; written out for the tables (as `source`
writes the scorer), each lookup is a subscript of a dict the interpreter specialises:
about a fifth of that for a framework of 12 strands, the call included (round 78).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

__all__ = ["MAX_WRITTEN", "looked_up"]

#: Tables beyond this many are looked up by `map` (no function of that size is written).
MAX_WRITTEN: Final = 1000

_GET: Final = dict.__getitem__


def looked_up(tables: Sequence[dict[Any, Any]]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """A function of `levels`, as many as `tables`, that gives `tables[i][levels[i]]` for
    each `i`, in order, as a tuple: what `tuple(map(dict.__getitem__, tables, levels))`
    gives (each table an exact `dict`), raising `KeyError` where that raises. Levels of
    another count are refused (`ValueError`), where `map` would stop at the shorter."""
    tables = tuple(tables)
    if any(type(table) is not dict for table in tables):
        raise TypeError("looked_up takes plain dicts")
    count = len(tables)
    if not count:
        return _none
    if count > MAX_WRITTEN:
        return _by_map(tables)
    # Our own source: only numbered names, no value of the tables.
    places = range(count)
    text = (
        f"def make({', '.join(f'T{i}' for i in places)}):\n"
        "    def each(levels):\n"
        f"        ({', '.join(f'l{i}' for i in places)},) = levels\n"
        f"        return ({', '.join(f'T{i}[l{i}]' for i in places)},)\n"
        "    return each\n"
    )
    namespace: dict[str, Any] = {}
    exec(compile(text, "<scoring.each_level>", "exec"), namespace)
    made: Callable[[Sequence[Any]], tuple[Any, ...]] = namespace["make"](*tables)
    return made


def _none(levels: Sequence[Any]) -> tuple[Any, ...]:
    """`looked_up(())`: nothing to look up."""
    if len(levels):
        raise ValueError(f"too many levels to unpack (expected 0, got {len(levels)})")
    return ()


def _by_map(tables: tuple[dict[Any, Any], ...]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """`looked_up` for more tables than a function is written for."""

    def each(levels: Sequence[Any]) -> tuple[Any, ...]:
        if len(levels) != len(tables):
            raise ValueError(f"expected {len(tables)} levels, got {len(levels)}")
        return tuple(map(_GET, tables, levels))

    return each
