"""SPEC section 8: "`benchmark` and `support` compute on DuckDB ... from assessment files,
directories, JSON Lines or cohort Parquet." Whichever way a cohort is given, the figures are
the same: generated frameworks of either scale direction and reviews of a few schools, each
given as the files one by one, their folder, one JSON Lines file and the Parquet file
`collect` writes of them, through the program itself, give the same `benchmark` and
`support` output (JSON: every figure, each school's levels and the advice counted)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Framework
from selfreview_core.cli import cli
from selfreview_core.dump import dump_json, dump_yaml
from selfreview_core.testing import assessments, frameworks

Draw = Callable[[st.SearchStrategy[Any]], Any]
DAYS = (dt.date(2024, 9, 1), dt.date(2025, 3, 1), dt.date(2025, 9, 1))


@st.composite
def cohorts(draw: Draw) -> tuple[Framework, list[Assessment]]:
    """A framework (either direction) and partial or complete reviews of a few schools, one
    review of a school on a date (no duplicates: `collect` settles those itself)."""
    framework = draw(frameworks(max_elements=2, max_aspects=2, max_strands=3))
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from("abcd"), st.sampled_from(DAYS)),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    reviews = []
    for school, day in keys:
        review = draw(assessments(framework))
        update = {"id": school, "name": f"School {school}"}
        reviews.append(
            review.model_copy(
                update={"school": review.school.model_copy(update=update), "assessed_on": day}
            )
        )
    return framework, reviews


def _out(*args: str) -> tuple[int, Any]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout) if result.stdout else result.output


@settings(max_examples=scaled(12), suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.sampled_from(["benchmark", "support"]), st.booleans())
def test_files_a_folder_json_lines_and_a_cohort_file_give_the_same_figures(
    tmp_path_factory: pytest.TempPathFactory,
    case: tuple[Framework, list[Assessment]],
    command: str,
    every: bool,
) -> None:
    framework, reviews = case
    work = tmp_path_factory.mktemp("inputs")
    given = work / "framework.yaml"
    given.write_text(dump_yaml(framework), encoding="utf-8")
    folder = work / "reviews"
    folder.mkdir()
    files = []
    for n, review in enumerate(reviews):
        files.append(folder / f"{n:02}.yaml")
        files[-1].write_text(dump_yaml(review), encoding="utf-8")
    lines = work / "reviews.jsonl"
    lines.write_text("".join(dump_json(r, indent=None) + "\n" for r in reviews), "utf-8")
    cohort = work / "cohort.parquet"
    fixed = ("--framework", str(given))
    collected = CliRunner().invoke(cli, ["collect", str(folder), *fixed, "-o", str(cohort)])
    options = [*fixed, "--format", "json"]
    if command == "benchmark" and every:
        options.append("--all-reviews")
    assert collected.exit_code == 0, collected.output
    ways = [tuple(map(str, files)), (str(folder),), (str(lines),), (str(cohort),)]
    found = [_out(command, *way, *options) for way in ways]
    assert found[0][0] == 0
    assert isinstance(found[0][1], dict)
    assert all(one == found[0] for one in found), found
