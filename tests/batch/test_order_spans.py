"""The spans of a JSON Lines file a report batch's workers are given (`batch.work.orders`):
larger than a cohort's chunks while much of the file is left (`ORDER_SPAN`: fewer orders
crossing to the workers, each costing the command's process its pool's wake-ups), cut as
before once the file runs out, so that the workers end together; every line in one order,
in input order, whatever the sizes."""

from __future__ import annotations

from pathlib import Path

from selfreview_core.batch.work import ORDER_SPAN, STRAIGHT, orders
from selfreview_core.spool import Span, span_size

#: Lines of 300 to 2,999 bytes, as reviews of a few strands to a whole framework are.
SIZES = [300 + (number * 7919) % 2700 for number in range(4000)]
LONGEST = max(SIZES)


def _file(tmp_path: Path) -> tuple[Path, list[bytes]]:
    lines = [b'{"a": "' + b"x" * (size - 9) + b'"}\n' for size in SIZES]
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"".join(lines))
    return path, lines


def _spans(path: Path) -> list[Span]:
    made = list(orders([str(path)], STRAIGHT, 2))
    assert [index for _, index, _ in made] == list(range(len(made)))
    spans = [what for _, _, what in made]
    assert all(isinstance(span, Span) for span in spans)
    return [span for span in spans if isinstance(span, Span)]


def test_every_line_is_in_one_order_in_input_order(tmp_path: Path) -> None:
    path, lines = _file(tmp_path)
    spans = _spans(path)
    assert spans[0] == Span(str(path), 0, len(lines[0]), 1)  # the batch's own, one line
    at, first = 0, 1
    for span in spans:
        assert (span.file, span.offset, span.first) == (str(path), at, first)
        at, first = at + span.length, first + path.read_bytes()[at : at + span.length].count(b"\n")
    assert (at, first - 1) == (path.stat().st_size, len(lines))


def test_orders_are_larger_than_a_cohorts_chunks_while_much_is_left(tmp_path: Path) -> None:
    """About 5.7 MB for two workers: spans of up to `ORDER_SPAN` (whole lines), above the
    256 KB a cohort's chunk holds at most, so fewer orders cross to the workers."""
    path, _ = _file(tmp_path)
    sizes = [span.length for span in _spans(path)[1:]]
    assert span_size(path.stat().st_size, 2) == 256 << 10  # a cohort's, unchanged
    assert ORDER_SPAN == 512 << 10
    assert max(sizes) >= ORDER_SPAN
    assert max(sizes) < ORDER_SPAN + LONGEST


def test_the_last_two_megabytes_are_cut_as_a_cohorts_are(tmp_path: Path) -> None:
    """Once the file runs out the spans shrink as before (a quarter of each worker's share
    of what is left, 16 KB at least), whole lines each: the workers end together."""
    path, _ = _file(tmp_path)
    size = path.stat().st_size
    tail = [span for span in _spans(path) if size - span.offset <= 2 << 20]
    assert len(tail) > 10
    for span in tail:
        wanted = span_size(size - span.offset, 2)
        assert wanted <= span.length < wanted + LONGEST or span.offset + span.length == size
