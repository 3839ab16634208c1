"""`benchmark --school` with an id typed as bytes that are not UTF-8 (a shell's `$'x\\xffy'`,
which Python reads as a lone surrogate): no cohort holds such an id, as every reader refuses
one, so it is an unknown school, exit 2, its id shown escaped, with the hint of a cohort's id
it differs from. DuckDB cannot take it as a query's parameter: it was an internal error,
exit 1 (round 68's attacker's pass)."""

from __future__ import annotations

from pathlib import Path

import pytest

from program import selfreview_here

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"


@pytest.mark.parametrize("form", ["table", "json", "csv", "html"])
def test_a_school_id_that_is_not_utf8_is_an_unknown_school(form: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{form}"
    done = selfreview_here(
        ["benchmark", str(COHORT), "--school", "900001\udcff", "--format", form, "-o", str(out)]
    )
    said = done.stderr.decode()
    assert done.returncode == 2, said
    assert said.endswith(
        "Error: Invalid value for --school: no school `900001\\udcff` in the cohort"
        " (did you mean `900001`?)\n"
    )
    assert "internal error" not in said
    assert not out.exists()


def test_anonymised_it_names_neither_the_id_nor_another() -> None:
    done = selfreview_here(["benchmark", str(COHORT), "--school", "x\udcffy", "--anonymise"])
    assert done.returncode == 2
    assert done.stderr.decode().endswith(
        "Error: Invalid value for --school: no school with the id given in the cohort\n"
    )
    assert done.stdout == b""
