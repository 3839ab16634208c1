"""What a mutation pass over `cohort/anonymity.py` found untested (round 35), pinned by what
a user sees: `benchmark --anonymise`'s output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
COHORT = ROOT / "examples" / "cohort"


def test_a_duplicate_in_a_year_no_row_shares_does_not_show_its_year(tmp_path: Path) -> None:
    """Two reviews of one school on one day in 2021, and a later one that counts instead:
    no row is of 2021, so the duplicate's year would be a year of one school, and anyone who
    knew that school reviewed twice then could put its name back on its label (a bug: the
    year was shown, as it never is for a year of 1 to `--min-group - 1` schools)."""
    for review in COHORT.glob("*.yaml"):
        shutil.copy(review, tmp_path)
    early = (COHORT / "primary-3-2025.yaml").read_text(encoding="utf-8")
    early = early.replace("assessed_on: 2025-06-18", "assessed_on: 2021-03-01")
    assert "2021-03-01" in early
    for name in ("primary-3-2021-a.yaml", "primary-3-2021-b.yaml"):
        (tmp_path / name).write_text(early, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["benchmark", str(tmp_path), "--anonymise", "--format", "json"]
    )
    data = json.loads(result.stdout)
    [duplicate] = data["duplicates"]
    assert duplicate["counted"] == "none"
    assert duplicate["reviews"] == 2
    assert duplicate["year"] is None
    assert "2021" not in result.stdout
    assert {row["year"] for row in data["schools"]} == {2025}
