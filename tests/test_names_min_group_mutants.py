"""`_names.DEFAULT_MIN_GROUP`: an anonymised cohort needs 5 schools by default (SPEC section
7, "suppresses any group of fewer than 5 schools"); round 70's mutation pass found no test
holding the default itself (5 as 6 refused a cohort of 5)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[1]
COHORT = ROOT / "examples" / "cohort"
SCHOOLS = ("infant-4-2025", "junior-5-2025", "primary-1-2025", "primary-10-2025", "primary-2-2025")


@pytest.mark.parametrize("schools", [5, 4])
def test_an_anonymised_cohort_needs_five_schools_by_default(tmp_path: Path, schools: int) -> None:
    for name in SCHOOLS[:schools]:
        shutil.copy(COHORT / f"{name}.yaml", tmp_path)
    result = CliRunner().invoke(
        cli, ["benchmark", str(tmp_path), "--anonymise", "--format", "json"]
    )
    if schools == 5:
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["min_group"] == 5
        assert data["size"] == 5
        assert [row["school"]["id"] for row in data["schools"]] == [
            f"school-{n}" for n in range(1, 6)
        ]
    else:
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == (
            "error: the cohort has 4 schools, fewer than the 5 an anonymised cohort needs: "
            "each would stand out\n"
        )
