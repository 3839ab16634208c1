"""Behaviours of `batch.work` that a mutation pass (round 33) found no test pinned by the
batch's own tests (the `--jobs` ones are slow): what a worker writes and sends back for an
order (`work`), what the batch makes of it again (`received`), the first order, and a
report made without its evidence; and (round 38's whole pass) that the work orders hold every
unit in input order, the first alone."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfreview_core.batch.work as batch_work
from scaled import scaled
from selfreview_core import Engine, Framework
from selfreview_core.batch.reports import AssessmentStream
from selfreview_core.batch.work import STRAIGHT, Made, Maker, orders, received, work
from selfreview_core.errors import Diagnostic, Skipped
from selfreview_core.jobs.parallel import CHUNK
from selfreview_core.model.problem import Problem

LINE = (
    b'{"kind":"assessment","framework":"small","school":{"id":"1","name":"S"},'
    b'"assessed_on":"2025-01-01","judgements":{"A1.1":{"level":1,"evidence":"minutes"}}}\n'
)
PROBLEM = Problem(source="rules", message="something")
SKIPPED = Skipped("c.jsonl:2", (Diagnostic("bad", "c.jsonl", 2, 1),))


class Fake:
    """A worker's maker: each unit a report of its own text; one ending in `!` with a
    problem."""

    def __init__(self, name: str) -> None:
        self.name = name

    def units(self, what: list[object]) -> Iterator[object]:
        yield from what

    def __call__(self, unit: str) -> Made:
        return Made((PROBLEM,) if unit.endswith("!") else (), unit.encode(), "")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_work, "WORKER", [Fake("json")])


@pytest.mark.usefixtures("fake")
def test_a_worker_writes_its_reports_and_sends_back_runs_problems_and_skips(
    tmp_path: Path,
) -> None:
    """Reports in a row without problems are one run, a report with problems is alone, a
    skipped unit keeps its place; the bytes are in the order's file, one after another,
    and `received` makes each a `Made` whose bytes are where they lie."""
    sent = work((str(tmp_path), 4, ["ab", "c", "d!", SKIPPED, "e", "fg!", "h"]))
    path = os.path.join(tmp_path, "4")
    assert sent == [
        ((), path, 0, 3, 2, 0, None),
        ((PROBLEM,), path, 3, 2, 1, 0, None),
        SKIPPED,
        ((), path, 5, 1, 1, 0, None),
        ((PROBLEM,), path, 6, 3, 1, 0, None),
        ((), path, 9, 1, 1, 0, None),
    ]
    assert Path(path).read_bytes() == b"abcd!efg!h"
    assert received(sent[0]) == Made((), b"", "", (path, 0, 3), 2)
    assert received(sent[1]) == Made((PROBLEM,), b"", "", (path, 3, 2), 1)
    assert received(SKIPPED) is SKIPPED


def test_between_two_reports_of_a_table_format_is_a_page_break(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_work, "WORKER", [Fake("markdown")])
    sent = work((str(tmp_path), 0, ["a", "b"]))
    assert sent == [((), os.path.join(tmp_path, "0"), 0, 6, 2, 0, None)]
    assert (tmp_path / "0").read_bytes() == b"\f\na\f\nb"


@pytest.mark.usefixtures("fake")
def test_without_a_folder_the_reports_come_back_and_nothing_is_written(tmp_path: Path) -> None:
    sent = work((None, 0, ["a", SKIPPED, "b!"]))
    assert sent == [Made((), b"a", ""), SKIPPED, Made((PROBLEM,), b"b!", "")]
    assert received(sent[0]) is sent[0]


@pytest.mark.usefixtures("fake")
def test_an_order_of_skipped_units_alone_writes_no_file(tmp_path: Path) -> None:
    assert work((str(tmp_path), 0, [SKIPPED])) == [SKIPPED]
    assert list(tmp_path.iterdir()) == []


def test_the_first_order_is_one_line_then_spans_and_groups_follow(tmp_path: Path) -> None:
    """The batch makes the first order itself, before its workers start: one line, at
    place 0; the rest follow in order, files in groups of `CHUNK`."""
    lines = tmp_path / "c.jsonl"
    lines.write_bytes(b'{"a": 1}\n' * 5)
    files = [str(lines)] + [str(tmp_path / f"{n}.yaml") for n in range(CHUNK + 1)]
    made = list(orders(files, STRAIGHT, 2))
    assert [(spool, index) for spool, index, _ in made] == [(STRAIGHT, n) for n in range(len(made))]
    first = made[0][2]
    assert not isinstance(first, list)
    assert (first.offset, first.length, first.first) == (0, 9, 1)
    groups = [what for _, _, what in made if isinstance(what, list)]
    assert [len(group) for group in groups] == [CHUNK, 1]


def test_files_then_a_json_lines_file_are_orders_numbered_in_turn(tmp_path: Path) -> None:
    """Each order's number is its place in the output (`PLACEMENT`, or its file in the
    batch's folder): files before a JSON Lines file take 0 and 1, its lines 2 on, each
    number once, so that no order's reports land on another's."""
    lines = tmp_path / "c.jsonl"
    lines.write_bytes(b'{"a": 1}\n' * 3)
    files = [str(tmp_path / f"{n}.yaml") for n in range(2)] + [str(lines)]
    made = list(orders(files, STRAIGHT, 2))
    assert [index for _, index, _ in made] == list(range(len(made)))
    assert [what for _, _, what in made[:2]] == [[files[0]], [files[1]]]
    assert all(not isinstance(what, list) for _, _, what in made[2:])


def test_a_report_made_without_evidence_has_none(small_framework: Framework) -> None:
    engine = Engine(entry_points=False, frameworks=[small_framework])
    unit = ("c.jsonl", 1, LINE)
    kept = Maker(engine, "json", True, None, True)(unit)
    dropped = Maker(engine, "json", True, None, False)(unit)
    assert isinstance(kept, Made)
    assert isinstance(dropped, Made)
    assert b'"minutes"' in kept.data
    assert b'"minutes"' not in dropped.data


@pytest.mark.usefixtures("fake")
def test_an_order_written_straight_is_placed_in_the_output_at_its_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Written `STRAIGHT`, an order's reports go to the batch's placement (its place, its
    parts, their size), and where each lies is sent back as offsets within the order."""
    placed: list[tuple[int, list[bytes], int]] = []

    class Placement:
        def place(self, index: int, parts: list[bytes], size: int) -> None:
            placed.append((index, parts, size))

    monkeypatch.setattr(batch_work, "PLACEMENT", [Placement()])
    sent = work((STRAIGHT, 7, ["ab", "c!"]))
    assert sent == [((), STRAIGHT, 0, 2, 1, 0, None), ((PROBLEM,), STRAIGHT, 2, 2, 1, 0, None)]
    assert placed == [(7, [b"ab", b"c!"], 4)]


@pytest.mark.usefixtures("fake")
def test_a_run_after_a_report_with_problems_ends_at_a_skipped_unit(tmp_path: Path) -> None:
    path = os.path.join(tmp_path, "0")
    assert work((str(tmp_path), 0, ["a!", "bc", "d", SKIPPED])) == [
        ((PROBLEM,), path, 0, 2, 1, 0, None),
        ((), path, 2, 3, 2, 0, None),
        SKIPPED,
    ]


def test_a_makers_units_are_an_orders_list_or_a_spans_lines(
    small_framework: Framework, tmp_path: Path
) -> None:
    lines = tmp_path / "c.jsonl"
    lines.write_bytes(LINE + b"\n" + LINE)
    maker = Maker(
        Engine(entry_points=False, frameworks=[small_framework]), "json", True, None, True
    )
    assert list(maker.units(["a.yaml", SKIPPED])) == ["a.yaml", SKIPPED]
    [span] = list(orders([str(lines)], None, 1))[1:]  # after the first line, alone
    assert list(maker.units(span[2])) == [(str(lines), 3, LINE)]


@pytest.mark.parametrize(("name", "stream"), [("json", False), ("markdown", True)])
def test_a_report_is_rendered_as_its_format_exports_it_unless_a_json_lines_stream(
    small_framework: Framework, name: str, stream: bool
) -> None:
    """Only JSON into one stream is a compact line; JSON into a folder, and every other
    format, is what the format's exporter gives."""
    engine = Engine(entry_points=False, frameworks=[small_framework])
    made = Maker(engine, name, stream, None, True)(("c.jsonl", 1, LINE))
    assert isinstance(made, Made)
    line = Maker(engine, "json", True, None, True)(("c.jsonl", 1, LINE))
    assert isinstance(line, Made)
    assert made.data != line.data
    assert line.data.count(b"\n") == 1


@cache
def _reader() -> Maker:
    """A maker, only to read the units of an order (`Maker.units`)."""
    return Maker(Engine(entry_points=False), "json", True, None, True)


@settings(max_examples=scaled(15))
@given(
    kinds=st.lists(st.integers(min_value=-1, max_value=3), min_size=1, max_size=6),
    workers=st.integers(min_value=1, max_value=3),
)
def test_work_orders_hold_every_unit_in_input_order_the_first_alone(
    kinds: list[int], workers: int
) -> None:
    """Whatever the mix of files and JSON Lines files (-1 a YAML file, else a JSON Lines file
    of that many lines), the orders, numbered from 0, hold every unit one reader of the
    whole input gives, in its order (files before a JSON Lines file before its lines); the
    first order, made by the batch before its workers start, holds one unit alone."""
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for number, lines in enumerate(kinds):
            if lines < 0:
                files.append(os.path.join(folder, f"{number}.yaml"))
                continue
            path = Path(folder, f"{number}.jsonl")
            path.write_bytes(b"".join(b'{"n": %d}\n' % line for line in range(lines)))
            files.append(str(path))
        made = list(orders(files, None, workers))
        assert [index for _, index, _ in made] == list(range(len(made)))
        units = [list(_reader().units(what)) for _, _, what in made]
        expected = list(AssessmentStream(files, {}).units())
        assert [unit for order in units for unit in order] == expected
        assert not expected or len(units[0]) == 1


class _WithEngineProblems(Fake):
    def __call__(self, unit: str) -> Made:
        return Made((PROBLEM, PROBLEM), unit.encode(), "", shared=1)


def test_a_report_sent_back_keeps_how_many_of_its_problems_are_the_engines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch says the engine's own problems once (`batch.work.to_tell`): how many of a
    report's are the engine's crosses the pipe with them."""
    monkeypatch.setattr(batch_work, "WORKER", [_WithEngineProblems("json")])
    sent = work((str(tmp_path), 0, ["a"]))
    path = os.path.join(tmp_path, "0")
    assert [received(s) for s in sent] == [Made((PROBLEM, PROBLEM), b"", "", (path, 0, 1), 1, 1)]
