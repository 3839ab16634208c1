"""A cohort's refusal of a strand judged twice names the strand cut, as it names the school
(`errors.cut`: 37 characters and `...`), when the framework's strand id is long. The round
81 sweep over round 80's changed lines found the strand's cut pinned by no test: the
cohort test of a strand judged twice used becta-srf's `1a1`, which no cut changes. A strand
of another framework (a `--framework` file) may have an id of any length; a cohort judging
it twice printed it whole, once per example."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from selfreview_core import Assessment, Judgement, School, load_framework
from selfreview_core.testing.fixtures import _small_framework

from .test_standing import run

LONG = "q" + "z" * 10_000


def test_a_long_strand_judged_twice_is_named_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = _small_framework()
    text = json.dumps(small.model_dump(mode="json", exclude_none=True))
    (tmp_path / "fw.json").write_text(text.replace(f'"{small.strand_ids[0]}"', f'"{LONG}"'))
    framework = load_framework(tmp_path / "fw.json")
    level = framework.scale.from_rank(1)
    review = Assessment(
        framework=framework.ref,
        school=School(id="900001", name="A school"),
        assessed_on=dt.date(2025, 3, 4),
        judgements={strand: Judgement(level=level) for strand in framework.strand_ids},
    )
    (tmp_path / "a.json").write_text(review.model_dump_json(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("collect", "a.json", "--framework", "fw.json", "-o", "c.parquet").exit_code == 0
    duckdb.connect().execute(  # the long strand's row twice, as another tool might write it
        "COPY (WITH r AS (SELECT * FROM read_parquet('c.parquet')) SELECT * FROM r UNION ALL "
        f"(SELECT * FROM r WHERE strand = '{LONG}')) TO 'twice.parquet' (FORMAT parquet)"
    )
    given = (tmp_path / "twice.parquet").read_bytes()
    result = run("benchmark", "twice.parquet", "--framework", "fw.json", "-o", "out.txt")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith(
        "twice.parquet: error: a school's review of one date judges a strand more than once:"
        f" school 900001 on 2025-03-04: strand q{'z' * 36}... 2 times ("
    )
    assert len(result.stderr) < 1000
    assert not (tmp_path / "out.txt").exists()
    assert (tmp_path / "twice.parquet").read_bytes() == given
