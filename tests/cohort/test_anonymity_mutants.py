"""What a mutation pass over `cohort/anonymity.py` found untested (round 35), pinned by what
a user sees: `benchmark --anonymise`'s output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
COHORT = ROOT / "examples" / "cohort"


def _with_twin(folder: Path, day: str) -> Path:
    """The example cohort and two more reviews of school 900003 dated `day`, its twins."""
    for review in COHORT.glob("*.yaml"):
        shutil.copy(review, folder)
    twin = (COHORT / "primary-3-2025.yaml").read_text(encoding="utf-8")
    twin = twin.replace("assessed_on: 2025-06-18", f"assessed_on: {day}")
    assert day in twin
    for name in ("primary-3-twin-a.yaml", "primary-3-twin-b.yaml"):
        (folder / name).write_text(twin, encoding="utf-8")
    return folder


def _anonymised(folder: Path, *args: str) -> tuple[str, dict[str, Any]]:
    result = CliRunner().invoke(
        cli, ["benchmark", str(folder), "--anonymise", "--format", "json", *args]
    )
    return result.stdout, json.loads(result.stdout)


def test_a_duplicate_in_a_year_no_row_shares_does_not_show_its_year(tmp_path: Path) -> None:
    """Two reviews of one school on one day in 2021, and a later one that counts instead:
    no row is of 2021, so the duplicate's year would be a year of one school, and anyone who
    knew that school reviewed twice then could put its name back on its label (a bug: the
    year was shown, as it never is for a year of 1 to `--min-group - 1` schools)."""
    text, data = _anonymised(_with_twin(tmp_path, "2021-03-01"))
    [duplicate] = data["duplicates"]
    assert duplicate["counted"] == "none"
    assert duplicate["reviews"] == 2
    assert duplicate["year"] is None
    assert "2021" not in text
    assert {row["year"] for row in data["schools"]} == {2025}


def test_a_duplicate_in_a_year_of_exactly_min_group_schools_shows_its_year(
    tmp_path: Path,
) -> None:
    """The ten schools' latest reviews are all of 2025, one of them twice on its day: with
    `--min-group 10` the year describes ten schools, so it is shown, on the rows and on
    the duplicate alike."""
    _, data = _anonymised(_with_twin(tmp_path, "2025-06-18"), "--min-group", "10")
    [duplicate] = data["duplicates"]
    assert duplicate["counted"] == "last"
    assert duplicate["year"] == 2025
    assert {row["year"] for row in data["schools"]} == {2025}
