"""docs/authorities.md works exactly as written: its commands run and print what it shows,
and its DuckDB (and, where installed, Polars) snippets give the support list's counts.

Issue 17: "docs/authorities.md works exactly as written (tested like
docs/improvement-cycle.md)".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from test_docs import blocks, run_as_written

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "authorities.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every command of the page, run in order in a fresh directory beside the examples."""
    folder = tmp_path_factory.mktemp("authority")
    (folder / "examples").symlink_to(ROOT / "examples")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        patch.setenv("COLUMNS", "100")
        assert run_as_written(PAGE) >= 8
    return folder


def test_the_page_works_exactly_as_written(walked: Path) -> None:
    for name in ("dashboard.html", "dashboard-900003.html", "support.html", "report-2026.html"):
        assert (walked / name).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    shared = (walked / "dashboard-shared.html").read_text(encoding="utf-8")
    assert "900003" not in shared
    summary = (walked / "summary-2026.html").read_text(encoding="utf-8")
    assert '<g class="series cohort"><title>Cohort median</title>' in summary
    assert '<th scope="col">Cohort median</th>' in summary


def _support_counts(folder: Path) -> dict[str, int]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = CliRunner().invoke(
            cli, ["support", "cohort-2025.parquet", "--format", "json"], catch_exceptions=False
        )
    data = json.loads(result.stdout)
    return {s["id"]: len(s["schools"]) for s in data["shortfalls"] if s["kind"] == "strand"}


def _run_snippet(index: int, folder: Path) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        exec(compile(blocks(PAGE, "python")[index], f"authorities.md[{index}]", "exec"), namespace)
    return namespace


def test_duckdb_counts_what_support_counts(walked: Path) -> None:
    below = _run_snippet(0, walked)["below"]
    assert below == _support_counts(walked)


def test_polars_counts_what_support_counts(walked: Path) -> None:
    pytest.importorskip("polars")
    counts = _run_snippet(1, walked)["counts"]
    assert dict(counts.iter_rows()) == _support_counts(walked)


def test_the_pictures_are_of_the_real_dashboard() -> None:
    for name in ("dashboard.png", "dashboard-school.png", "dashboard-anonymised.png"):
        assert (ROOT / "docs" / "images" / name).stat().st_size > 10_000
    assert "(images/dashboard.png)" in PAGE


def test_the_note_quoted_for_report_cohort_is_the_one_written() -> None:
    """The page quotes the first sentence of the note under a report's withheld figures."""
    from selfreview_core.cohort.standing import withheld_note

    quoted = PAGE.split("figures (the JSON in `cohort.notes`):\n\n```text\n", 1)[1].split("\n")[0]
    assert withheld_note({"1a1": 5}, 5).startswith(quoted + " A cohort figure")
