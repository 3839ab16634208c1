"""A review of many strands is staged as several lines of `staged_lines.LINE_JUDGEMENTS`
judgements, each with the review's place (`q`) and the same head (round 53): DuckDB's JSON
reader parses a whole chunk of lines at once, and a thousand schools of a thousand strands
(a line of 38 KB each) ran it out of memory. Every reader groups a review's lines by `q`,
so the figures are the defined ones (`cohort.benchmarking.benchmark`), and `collect`'s rows
and duplicates are those of the review staged on one line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Framework, Policy
from selfreview_core.cohort import staged_lines
from selfreview_core.cohort.benchmarking import benchmark
from selfreview_core.cohort.parquet import staged_duplicates, write_parquet
from selfreview_core.cohort.sql import benchmark_sql
from selfreview_core.cohort.staged_lines import LINE_JUDGEMENTS, record, staged_text

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework, wide_school  # noqa: E402

#: Framework shapes (elements, aspects, strands) of 65, 128 and 129 strands, and 64.
SHAPES = {64: (1, 1, 64), 65: (1, 1, 65), 128: (1, 2, 64), 129: (1, 3, 43)}


def _framework(shape: tuple[int, int, int]) -> tuple[dict[str, Any], Framework]:
    document = wide_framework(*shape)
    return document, Framework.model_validate(document)


def _review(
    document: dict[str, Any], n: int, school: int | None = None, *, gaps: bool = True
) -> dict[str, Any]:
    """School `n`'s wide review, with a strand in seven not applicable and evidence on a
    strand in five (so the split cuts the lists `p` and `t` too), and with `gaps` one in
    eleven unjudged (without, a judgement for every strand)."""
    review = wide_school(document, n)
    judgements = review["judgements"]
    for i, strand in enumerate(list(judgements)):
        if gaps and (i + n) % 11 == 3:
            del judgements[strand]
        elif (i + n) % 7 == 2:
            judgements[strand] = {"applicable": False, "evidence": f"Not here {i}"}
        elif (i + n) % 5 == 1:
            value = judgements[strand]
            judgements[strand] = {
                **(value if isinstance(value, dict) else {"level": value}),
                "evidence": f"Seen {i}",
            }
    if school is not None:
        review["school"] = {"id": f"W{school:06d}", "name": f"Wide school {school}"}
    return review


def _reviews(document: dict[str, Any], count: int) -> list[Assessment]:
    """`count` reviews, every other one judging every strand."""
    return [Assessment.model_validate(_review(document, n, gaps=n % 2 == 1)) for n in range(count)]


def _lists(line: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in line.items() if key in "sxylrectp"}


@pytest.mark.parametrize("strands", sorted(SHAPES))
@pytest.mark.parametrize("evidence", [False, True])
def test_a_review_is_staged_in_lines_of_at_most_64_judgements_with_one_head(
    strands: int, evidence: bool
) -> None:
    document, framework = _framework(SHAPES[strands])
    review = Assessment.model_validate(_review(document, 0, gaps=False))
    text = staged_text(framework, review, "in.jsonl:7", 41, evidence=evidence)
    whole = json.loads(record(framework, review, "in.jsonl:7", evidence=evidence))
    judged = len(whole["s"])
    assert judged == strands  # 64, 65, 128, 129 judgements
    assert whole["p"].count(False) > 0
    assert not evidence or whole["t"].count(None) < judged
    assert text.endswith("\n")
    lines = text.splitlines()
    assert len(lines) == {64: 1, 65: 2, 128: 2, 129: 3}[strands] == -(-judged // LINE_JUDGEMENTS)
    one = record(framework, review, "in.jsonl:7", evidence=evidence)
    head = '{"q":41,' + one[1 : one.index(',"s":')]
    parsed = [json.loads(line) for line in lines]
    for line, made in zip(lines, parsed, strict=True):
        assert line.startswith(head + ',"s":')  # one head: the metadata cannot differ
        assert {len(value) for value in _lists(made).values()} == {len(made["s"])}
        assert 0 < len(made["s"]) <= LINE_JUDGEMENTS
        assert list(made) == ["q", *whole]  # the keys, in the order of one line
    assert [len(made["s"]) for made in parsed[:-1]] == [LINE_JUDGEMENTS] * (len(lines) - 1)
    for key, value in _lists(whole).items():
        assert [item for made in parsed for item in made[key]] == value
    if judged <= LINE_JUDGEMENTS:  # one line, as before the split
        assert text == '{"q":41,' + one[1:] + "\n"


def test_a_review_judging_nothing_is_one_placeholder_line() -> None:
    document, framework = _framework(SHAPES[129])
    empty = Assessment.model_validate({**_review(document, 0), "judgements": {}})
    text = staged_text(framework, empty, "e.yaml", 3, evidence=True)
    assert text.count("\n") == 1
    assert json.loads(text)["s"] == [None]


@pytest.mark.parametrize(("strands", "policy"), [(65, "mean"), (128, "median"), (129, "weakest")])
def test_split_reviews_give_the_defined_figures(strands: int, policy: Policy) -> None:
    """(Each policy over any split: the property test below.)"""
    document, framework = _framework(SHAPES[strands])
    reviews = _reviews(document, 5)
    for latest_only in (True, False):
        found = benchmark_sql(framework, reviews, policy=policy, latest_only=latest_only)
        assert found == benchmark(framework, reviews, policy=policy, latest_only=latest_only)
    assert found.size == 5


@settings(max_examples=scaled(10), deadline=None)
@given(
    shape=st.tuples(st.integers(1, 2), st.integers(1, 3), st.integers(1, 9)),
    schools=st.integers(1, 4),
    line=st.integers(1, 8),
    policy=st.sampled_from(["mean", "median", "weakest"]),
    evidence=st.booleans(),
)
def test_reviews_split_at_any_size_give_the_defined_cohort(
    shape: tuple[int, int, int], schools: int, line: int, policy: Policy, evidence: bool
) -> None:
    document, framework = _framework(shape)
    reviews = _reviews(document, schools)
    with mock.patch.object(staged_lines, "LINE_JUDGEMENTS", line):
        found = benchmark_sql(framework, reviews, policy=policy, with_evidence=evidence)
    assert found == benchmark(framework, reviews, policy=policy, with_evidence=evidence)


def _stage(path: Path, framework: Framework, reviews: list[Assessment], *, split: bool) -> Path:
    """The reviews staged with evidence: split (`staged_text`) or each on one line."""
    with path.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            if split:
                out.write(staged_text(framework, review, f"#{n}", n, evidence=True))
            else:
                whole = record(framework, review, f"#{n}", evidence=True)
                out.write(f'{{"q":{n},{whole[1:]}\n')
    return path


@pytest.mark.parametrize("strands", [128, 129])
def test_collect_writes_the_rows_and_finds_the_duplicates_of_one_line_reviews(
    tmp_path: Path, strands: int
) -> None:
    document, framework = _framework(SHAPES[strands])
    # schools 0, 1, 0, 2, 1: two schools reviewed twice on one date
    reviews = [
        Assessment.model_validate(_review(document, n, school))
        for n, school in enumerate([0, 1, 0, 2, 1])
    ]
    split = _stage(tmp_path / "split.jsonl", framework, reviews, split=True)
    whole = _stage(tmp_path / "whole.jsonl", framework, reviews, split=False)
    assert len(split.read_text().splitlines()) > len(reviews)
    found = {}
    for name, staged in (("split", split), ("whole", whole)):
        target = tmp_path / f"{name}.parquet"
        written = write_parquet(str(staged), str(target), evidence=True, leave_out=[2])
        con = duckdb.connect()
        try:
            rows = con.execute(f"SELECT * FROM read_parquet('{target}')").fetchall()
        finally:
            con.close()
        assert written == len(rows)
        found[name] = (rows, staged_duplicates(str(staged)))
    assert found["split"] == found["whole"]
    rows, duplicates = found["split"]
    assert [(d.school, d.places) for d in duplicates] == [("W000000", (0, 2)), ("W000001", (1, 4))]
    assert [d.sources for d in duplicates] == [("#0", "#2"), ("#1", "#4")]
    assert {row[0] for row in rows} == {"W000000", "W000001", "W000002"}
    assert sum(row[0] == "W000000" for row in rows) == len(reviews[0].judgements)
