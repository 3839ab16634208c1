"""A cohort read from files (`cohort/files.py`): what the mutation pass found no test for.

A JSON Lines file whose first line is too large still gives the cohort its framework from the
lines after it; `benchmark_files` keeps no evidence text unless asked; a `FilesBenchmark`
made by hand has read nothing, and takes no field it does not declare.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import Assessment, Framework, Judgement, School, benchmark_files
from selfreview_core.cli import cli
from selfreview_core.cohort.files import FilesBenchmark, first_framework
from selfreview_core.dump import dump_yaml
from selfreview_core.files.json_lines import line_too_large
from selfreview_core.files.limits import DEFAULT_LIMITS


def review(framework: Framework, school_id: str, evidence: str | None = None) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=School(id=school_id, name=f"Example School {school_id}"),
        assessed_on=dt.date(2025, 10, 1),
        judgements={"1a1": Judgement(level=2, evidence=evidence)},
    )


def test_a_json_lines_file_whose_first_line_is_too_large_still_names_the_cohort(
    tmp_path: Path, becta: Framework
) -> None:
    """The cohort's framework is that of the first usable assessment: a line over the size
    limit first in a JSON Lines file is passed over (staging reports it, at its line), not
    read as a document; the cohort is of the lines after it."""
    huge = '{"kind": "assessment", "notes": "' + "x" * DEFAULT_LIMITS.max_bytes + '"}'
    good = review(becta, "a").model_dump_json(exclude_none=True)
    lines = tmp_path / "reviews.jsonl"
    lines.write_text(f"{huge}\n{good}\n", encoding="utf-8")
    assert first_framework([str(lines)], {becta.ref: becta}) is becta
    result = CliRunner().invoke(
        cli, ["benchmark", str(lines), "--format", "json"], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    cohort = json.loads(result.stdout)
    assert (cohort["framework"], cohort["size"]) == ("becta-srf@2010", 1)
    too_large = line_too_large(str(lines), 1)
    assert f"{lines}:1:1: error: {too_large.message}" in result.stderr
    assert "1 of 2 documents skipped; the cohort is the other 1." in result.stderr


def test_benchmark_files_keeps_no_evidence_text_unless_asked(
    tmp_path: Path, becta: Framework
) -> None:
    """By default a cohort says only that a strand has evidence, never what it says; with
    `with_evidence` it carries the text."""
    (tmp_path / "a.yaml").write_text(dump_yaml(review(becta, "a", "Minutes of May")), "utf-8")
    cohort = benchmark_files([tmp_path], becta).cohort
    assert cohort is not None
    assert cohort.evidence is False
    position = cohort.position("a").get("1a1")
    assert (position.has_evidence, position.evidence) == (True, None)
    cohort = benchmark_files([tmp_path], becta, with_evidence=True).cohort
    assert cohort is not None
    assert cohort.evidence is True
    assert cohort.position("a").get("1a1").evidence == "Minutes of May"


def test_a_files_benchmark_made_by_hand_has_read_nothing_and_takes_no_other_field() -> None:
    """An embedder's own `FilesBenchmark` (a cohort from elsewhere) has read no file and
    skipped none, each with a list of its own; a misspelt field is an error, not a new
    attribute that nothing reads."""
    one, two = FilesBenchmark(None), FilesBenchmark(None)
    assert (one.files, one.skipped) == (0, [])
    assert one.skipped is not two.skipped
    with pytest.raises(AttributeError, match=r"^'FilesBenchmark' object has no attribute 'skiped'"):
        one.skiped = []  # type: ignore[attr-defined]
    assert not hasattr(one, "skiped")
