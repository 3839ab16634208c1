"""`cohort.chunks`: a JSON Lines file changed while its spans are read gives only its own
lines, each at its own line number, and a located error for every span it could not give
(round 76).

The lines of a JSON Lines file are counted once (`line_spans`), and each span of them read
later by opening the file again. Here the spans are counted on one file, and the file is
changed before any span hypothesis picks is read: replaced by another (the same schools
with one more at the top, or others), or cut short at any byte. Whatever the cut of spans
and the change, every review staged is a whole line of the file counted, at its line, in
order, and every line of it not staged is inside a span said to be changed (`file-changed`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Engine
from selfreview_core.cohort import chunks, staging
from selfreview_core.loader import FrameworkLookup

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"
SCHOOLS = 12


@pytest.fixture(scope="module")
def names() -> FrameworkLookup:
    return Engine(entry_points=False).framework_names()


def line(school: int) -> bytes:
    review = yaml.safe_load((COHORT / "primary-1-2025.yaml").read_text(encoding="utf-8"))
    review["assessed_on"] = dt.date.isoformat(review["assessed_on"])
    review["school"] = {**review["school"], "id": str(1_000_000 + school)}
    return json.dumps(review).encode() + b"\n"


@settings(max_examples=scaled(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    span=st.integers(1, 3000),
    when=st.integers(0, SCHOOLS),
    change=st.sampled_from(["shifted", "others", "cut"]),
    cut=st.integers(0, SCHOOLS * 700),
)
def test_a_changed_file_gives_only_its_own_lines_or_says_where_it_could_not(
    names: FrameworkLookup, span: int, when: int, change: str, cut: int
) -> None:
    counted = [line(n) for n in range(SCHOOLS)]
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        file = os.path.join(folder, "cohort.jsonl")
        Path(file).write_bytes(b"".join(counted))
        patch.setattr(chunks, "span_size", lambda left, workers: span)
        cut_up = list(chunks.chunks([file], 1))
        run = staging._work(staging.Reader(names), None, dt.date(2100, 1, 1))
        staged: list[dict[str, object]] = []
        said: list[tuple[int, int]] = []  # each span said changed: its first line, its bytes
        for number, chunk in enumerate(cut_up):
            if number == when:
                if change == "cut":
                    os.truncate(file, min(cut, os.path.getsize(file)))
                else:
                    other = os.path.join(folder, "new.jsonl")
                    first = 9_000 if change == "others" else 0
                    lines = [line(n + first) for n in range(SCHOOLS)]
                    if change == "shifted":
                        lines.insert(0, line(99))
                    Path(other).write_bytes(b"".join(lines))
                    os.replace(other, file)
            done = run(chunk)
            staged += [json.loads(text) for text in done.text.decode().splitlines()]
            for skipped in done.skipped:
                [diagnostic] = skipped.diagnostics
                assert diagnostic.code == "file-changed", diagnostic
                assert diagnostic.file == file
                assert chunk.span is not None
                assert diagnostic.line == chunk.span.first
                said.append((chunk.span.first, chunk.span.length))
    lines_staged = [int(str(review["o"]).rsplit(":", 1)[1]) for review in staged]
    assert lines_staged == sorted(lines_staged)  # in order, each once
    for review, at in zip(staged, lines_staged, strict=True):
        assert review["i"] == str(1_000_000 + at - 1)  # the line counted, at its place
    offsets = [sum(map(len, counted[:n])) for n in range(SCHOOLS)]
    for at in set(range(1, SCHOOLS + 1)) - set(lines_staged):  # in a span said changed
        start = offsets[at - 1]
        assert any(
            offsets[first - 1] <= start < offsets[first - 1] + length for first, length in said
        ), at
