"""What a mutation pass over `cohort/anonymity.py` found untested (round 35), pinned by what
a user sees: `benchmark --anonymise`'s output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.cli import cli
from selfreview_core.cohort.anonymity import _quantile_range
from selfreview_core.cohort.positions import quantile

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


def _fills(spare: int, gaps: int) -> list[tuple[int, ...]]:
    """Every way `gaps` hidden cells, each of at least one school, hold `gaps + spare`."""
    if gaps == 1:
        return [(spare + 1,)]
    return [(1 + n, *rest) for n in range(spare + 1) for rest in _fills(spare - n, gaps - 1)]


@settings(max_examples=scaled(200))
@given(
    shown=st.lists(st.one_of(st.none(), st.integers(0, 6)), min_size=1, max_size=5),
    hidden=st.lists(st.integers(1, 4), min_size=5, max_size=5),
    quarters=st.sampled_from([1, 2, 3]),
)
def test_a_quantiles_range_is_every_rank_the_hidden_cells_could_give_it(
    shown: list[int | None], hidden: list[int], quarters: int
) -> None:
    """`_quantile_range(counts, judged, q)`: the best and worst rank the quantile takes over
    every filling of the hidden cells (None) that leaves each at least one school and all of
    them the judged the shown ones do not hold: a quantile is shown only when these agree,
    so a range too narrow would show what a hidden cell could move (round 54: both
    subtractions of the spare survived every test)."""
    gaps = [rank for rank, n in enumerate(shown) if n is None]
    judged = sum(n for n in shown if n is not None) + sum(hidden[: len(gaps)])
    if judged == 0:
        return
    found = _quantile_range(shown, judged, quarters)
    spare = judged - sum(n for n in shown if n is not None) - len(gaps)
    ranks: set[int] = set()
    for fill in _fills(spare, len(gaps)) if gaps else [()]:
        counts = [0 if n is None else n for n in shown]
        for rank, n in zip(gaps, fill, strict=True):
            counts[rank] = n
        rank_ = quantile(counts, quarters)
        assert rank_ is not None  # some school is judged
        ranks.add(rank_)
    assert found == (min(ranks), max(ranks))


def test_a_quantile_the_hidden_cells_cannot_move_is_decided() -> None:
    """Two hidden cells around a shown 6, of 8 judged: one school each, so the lower
    quartile is rank 1 whatever; of 10, they hold 4 between them, and it may be rank 0.
    With nothing hidden the range is the quantile, an empty cell counted as none."""
    assert _quantile_range([None, 6, None], 8, 1) == (1, 1)
    assert _quantile_range([None, 6, None], 10, 1) == (0, 1)
    assert _quantile_range([None, 6, None], 10, 2) == (1, 1)
    assert _quantile_range([2, None, 3, None], 9, 2) == (1, 2)
    # Nothing hidden: the quantile itself, an empty cell holding no school.
    assert _quantile_range([0, 3], 3, 1) == (1, 1)


def test_an_anonymised_cohort_carries_no_evidence_made_with_it() -> None:
    """The library's `anonymise` of a cohort made `with_evidence`: the command line refuses
    `--anonymise --with-evidence`, the library drops the texts, and says it has none, so
    that its CSV has no `evidence` column (SPEC 7: evidence leaves only where shown)."""
    from selfreview_core import load_assessment, load_framework
    from selfreview_core.cohort.anonymity import anonymise
    from selfreview_core.cohort.benchmarking import benchmark
    from selfreview_core.cohort.positions import Cohort
    from selfreview_core.cohort.views import EVIDENCE_COLUMN, cohort_csv

    root = Path(__file__).resolve().parents[2]
    framework = load_framework(root / "frameworks" / "becta-srf.yaml")
    reviews = [
        load_assessment(path) for path in sorted((root / "examples" / "cohort").glob("*.yaml"))
    ]
    cohort = benchmark(framework, reviews, with_evidence=True)
    assert cohort.evidence

    def columns(made: Cohort) -> list[str]:
        return cohort_csv(made).split("\r\n", 1)[0].lstrip("\ufeff").split(",")

    assert columns(cohort)[-1] == EVIDENCE_COLUMN
    hidden = anonymise(cohort, min_group=1).cohort
    assert hidden.evidence is False
    assert columns(hidden)[-1] == "has_evidence"
    assert all(p.evidence is None for e in hidden.schools for p in e.strands.values())
