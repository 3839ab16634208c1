"""`scoring.each_level.looked_up`: each strand's level looked up in a table of its own, by a
function written for the tables, gives exactly what `map(dict.__getitem__, ...)` gave (the
next-steps and lea-support hooks used that until round 78), errors included; a count of
levels other than the tables' is refused, where `map` stopped at the shorter."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core.default_plugins import next_steps
from selfreview_core.model.framework import Framework
from selfreview_core.scoring import each_level
from selfreview_core.scoring.each_level import MAX_WRITTEN, looked_up
from selfreview_core.testing import frameworks

_GET = dict.__getitem__


def _by_map(tables: list[dict[Any, Any]], levels: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(map(_GET, tables, levels))


def _outcome(call: Any, *args: Any) -> tuple[str, Any]:
    try:
        return "value", call(*args)
    except KeyError as error:
        return "KeyError", error.args


@st.composite
def _tables_and_levels(draw: st.DrawFn) -> tuple[Framework, list[dict[Any, Any]], tuple[Any, ...]]:
    """A generated framework (either scale direction), a table a strand of what each of its
    levels (and None) gives, some levels left out, and levels for its strands: mostly on
    the scale, now and then one off it or left out of its table."""
    framework = draw(frameworks())
    keys = [*framework.scale.levels, None]
    tables = [
        {key: draw(st.integers()) for key in draw(st.lists(st.sampled_from(keys), unique=True))}
        | {key: (strand.id, key) for key in keys if draw(st.booleans())}
        for strand in framework.strands
    ]
    off = st.integers(-20, 20)
    levels = tuple(draw(st.sampled_from(keys) | off) for _ in framework.strands)
    return framework, tables, levels


@given(_tables_and_levels())
def test_each_level_is_what_map_gave_for_any_framework(
    drawn: tuple[Framework, list[dict[Any, Any]], tuple[Any, ...]],
) -> None:
    # The same values in order, or the same KeyError (the first level missing from its
    # table, in strand order), for frameworks of either scale direction.
    _, tables, levels = drawn
    assert _outcome(looked_up(tables), levels) == _outcome(_by_map, tables, levels)


@given(frameworks(), st.data())
def test_next_steps_steps_are_each_strands_for_its_level(
    framework: Framework, data: st.DataObject
) -> None:
    # next-steps' tables of steps, looked up as written: each strand's step for its level.
    made = next_steps._steps(framework)
    levels = tuple(
        data.draw(st.sampled_from([*framework.scale.levels, None])) for _ in framework.strands
    )
    expected = tuple(
        None if level is None else next_steps._next_step(framework, strand, level)
        for strand, level in zip(framework.strands, levels, strict=True)
    )
    assert made[1](levels) == expected


def test_a_level_off_its_table_raises_the_first_missing_in_order() -> None:
    find = looked_up([{1: "a"}, {1: "b"}, {1: "c"}])
    with pytest.raises(KeyError) as raised:
        find((1, 7, 8))
    assert raised.value.args == (7,)


@pytest.mark.parametrize("levels", [(1,), (1, 1, 1), ()])
def test_another_count_of_levels_is_refused(levels: tuple[int, ...]) -> None:
    # `map` stopped at the shorter: a missing strand would have gone unseen.
    with pytest.raises(ValueError, match="values to unpack"):
        looked_up([{1: "a"}, {1: "b"}])(levels)


def test_no_tables_give_nothing_and_refuse_levels() -> None:
    assert looked_up([])(()) == ()
    with pytest.raises(ValueError, match="expected 0, got 1"):
        looked_up([])((1,))


def test_more_tables_than_written_are_looked_up_by_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(each_level, "MAX_WRITTEN", 2)
    tables: list[dict[Any, Any]] = [{1: "a", None: "n"}, {1: "b"}, {2: "c"}]
    find = looked_up(tables)
    assert find.__code__.co_filename != "<scoring.each_level>"
    assert find((None, 1, 2)) == ("n", "b", "c")
    with pytest.raises(KeyError):
        find((1, 1, 1))
    with pytest.raises(ValueError, match="expected 3 levels, got 2"):
        find((1, 1))
    with pytest.raises(ValueError, match="expected 3 levels, got 4"):
        find((1, 1, 2, 2))


def test_tables_up_to_the_limit_are_written_out() -> None:
    tables = [{0: i} for i in range(MAX_WRITTEN)]
    find = looked_up(tables)
    assert find.__code__.co_filename == "<scoring.each_level>"
    assert find((0,) * MAX_WRITTEN) == tuple(range(MAX_WRITTEN))


def test_only_plain_dicts_are_taken() -> None:
    class Table(dict[int, str]):
        def __getitem__(self, key: int) -> str:
            return "other"

    with pytest.raises(TypeError, match="plain dicts"):
        looked_up([{1: "a"}, Table({1: "b"})])


def test_the_tables_are_read_as_they_are_when_looked_up() -> None:
    # lea-support fills some codes after making its tables: a lookup sees the table as it
    # is then, not a copy made when the function was written.
    table = {1: 1}
    find = looked_up([table])
    table[1] = 5
    assert find((1,)) == (5,)
