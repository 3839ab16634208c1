"""What the mutation pass over `exporters/csv.py` showed no test pinned (docs/testing.md,
"The project's own mutation pass"): each test names the behaviour a reader of the CSV relies
on, asserted on the file they open."""

from __future__ import annotations

import csv
import enum
import io
from pathlib import Path, PurePosixPath

from selfreview_core import Engine, Judgement, load_assessment
from selfreview_core.exporters.csv import BOM, csv_text

ROOT = Path(__file__).resolve().parents[2]
NEW = ROOT / "examples" / "example-primary-2026.yaml"
OLD = ROOT / "examples" / "example-primary-2025.yaml"


def test_a_strand_that_got_worse_shows_its_change_as_a_plain_negative_number() -> None:
    """SPEC: `change` is a plain integer (`-1`) that sorts and sums as a number. A negative
    number starts with `-`, a formula's sign, yet it is written by the exporter itself from
    an integer, so it gets no leading quote (a text cell `-1` from a file does)."""
    engine = Engine(entry_points=False)
    names = engine.framework_names()
    new = load_assessment(NEW, names)
    old = load_assessment(OLD, names)
    assert old.judgements["1a1"].level == 4
    worse = new.model_copy(
        update={"judgements": {**new.judgements, "1a1": Judgement(level=5, evidence="Slipped")}}
    )
    text = engine.export(engine.report(worse, old), "csv")
    assert isinstance(text, str)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))
    vision = dict(zip(rows[0], next(r for r in rows if r[4:5] == ["1a1"]), strict=True))
    assert (vision["level"], vision["previous_level"], vision["change"]) == ("5", "4", "-1")


def test_numbers_are_written_as_numbers_and_text_that_looks_like_one_is_neutralised() -> None:
    """`csv_text`, which every CSV selfreview writes goes through: an integer or a float the
    command computed (a negative change, a score) stands as it is; the same characters as
    text (from a file or a plugin) could start a formula and get a quote; None is empty."""
    text = csv_text([["change", "score", "note", "empty"], [-1, -2.5, "-1", None], None])
    assert text == BOM + "change,score,note,empty\r\n-1,-2.5,'-1,\r\n\r\n"


class _Label(str):
    """A plugin's own kind of text (`markupsafe.Markup` is one)."""

    __slots__ = ()


class _Sum(enum.StrEnum):
    TOTAL = "=SUM(A1:A9)"


def test_a_plugins_cell_of_another_kind_of_text_is_neutralised_and_escaped_as_text_is() -> None:
    """`csv_text` is for plugins too (docs/reports.md): a cell that is text of a type other
    than `str` itself (a subclass, an enum's member, a path) can start a formula or hold a
    control character as any text can, and is written as `csv_cell` writes text, never raw
    by `str`; numbers and `True` stand as they are (round 66: `str(value)` for every cell
    that was not `str` itself passed every other test)."""
    row = [_Label("=1+1"), _Label("a\x1bb"), PurePosixPath("@cmd"), _Sum.TOTAL, 3, 2.5, True]
    text = csv_text([row, row, None])
    line = "'=1+1,a\\x1bb,'@cmd,'=SUM(A1:A9),3,2.5,True\r\n"
    assert text == BOM + line + line + "\r\n"
