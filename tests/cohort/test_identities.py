"""`cohort/identities.py`: a cohort file's reviews named as an assessment names them. Before
round 49 a file written by another tool with a null `school_id` or `assessed_on` was
benchmarked with exit 0 and wrong figures (the school counted, or its levels dropped to "not
judged", and left out of the list of schools), and a null, empty or spaced id, or a null or
blank school name, ended `benchmark --format json`, `--school` and `support` in an internal
error (a `ValidationError` of `School`); `report --cohort` compared a school with such a
cohort, exit 0."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from pydantic import ValidationError

from selfreview_core import School
from selfreview_core.cohort.identities import not_an_id, not_text, unseen_values

from . import test_standing
from .test_standing import run

cohort_file = test_standing.cohort_file  # the example cohort, collected as test_standing.py does

ROOT = Path(__file__).resolve().parents[2]
HINT = (
    " (a cohort file names the school (its id and name) and the date of every review, as "
    "`selfreview collect` writes them)\n"
)
ID_OR_DATE = "cohort.parquet: error: reviews with no school id (or not an id) or date: "
NAME = "cohort.parquet: error: reviews with no school name: "
#: Each way of writing school 900004's review (or every review) wrong, as SQL over the rows
#: `collect` writes, and the line that says so.
CASES = {
    "null id": ("school_id", "NULL", ID_OR_DATE + "school with no id on 2025-03-04"),
    "empty id": ("school_id", "''", ID_OR_DATE + "school '' on 2025-03-04"),
    "id with a space": ("school_id", "'a b'", ID_OR_DATE + "school 'a b' on 2025-03-04"),
    "id with a no-break space": (
        "school_id",
        "'a' || chr(160) || 'b'",
        ID_OR_DATE + "school 'a\\xa0b' on 2025-03-04",
    ),
    "id with an at": ("school_id", "'a@b'", ID_OR_DATE + "school 'a@b' on 2025-03-04"),
    # Ids that print as nothing, refused in every other file since round 70 (`model.base.Id`):
    # taken here before round 71, a school listed with no id to see.
    "id of a zero-width space": (
        "school_id",
        "chr(8203)",
        ID_OR_DATE + "school '\\u200b' on 2025-03-04",
    ),
    "id of a byte order mark": (
        "school_id",
        "chr(65279) || chr(65279)",
        ID_OR_DATE + "school '\\ufeff\\ufeff' on 2025-03-04",
    ),
    "id of a mark on nothing": (  # the mark as the file has it, drawn on the quote before it
        "school_id",
        "chr(769)",
        ID_OR_DATE + "school '\u0301' on 2025-03-04",
    ),
    "null date": ("assessed_on", "NULL", ID_OR_DATE + "school '900004' on no date"),
    # A year no Python date holds (a flipped byte gave it): an internal error before round 60.
    "a date past 9999": (
        "assessed_on",
        "DATE '47780-03-07'",
        ID_OR_DATE + "school '900004' on 47780-03-07",
    ),
    # DuckDB's endless dates, which Python is handed as 9999-12-31 and 0001-01-01, real days
    # in range: named so, the refusal contradicted itself (round 61). Named as written.
    "an endless date": (
        "assessed_on",
        "DATE 'infinity'",
        ID_OR_DATE + "school '900004' on infinity",
    ),
    "an endless past": (
        "assessed_on",
        "DATE '-infinity'",
        ID_OR_DATE + "school '900004' on -infinity",
    ),
    "a year before 1": (
        "assessed_on",
        "DATE '0044-03-15 (BC)'",
        ID_OR_DATE + "school '900004' on 0044-03-15 (BC)",
    ),
    "null name": ("school_name", "NULL", NAME + "school '900004' on 2025-03-04"),
    "blank name": ("school_name", "' ' || chr(8232)", NAME + "school '900004' on 2025-03-04"),
    # Names that print as nothing, refused in every other file since round 72
    # (`model.base.Text`): taken here before, a school listed under nothing to see.
    "name of a zero-width space": (
        "school_name",
        "chr(8203)",
        NAME + "school '900004' on 2025-03-04",
    ),
    "name of a mark on nothing and a word joiner": (
        "school_name",
        "chr(769) || chr(8288) || ' '",
        NAME + "school '900004' on 2025-03-04",
    ),
}


def rewritten(source: Path, target: Path, column: str, value: str, school: str = "900004") -> Path:
    """`source` with `column` set to the SQL `value` in the rows of `school` (all: `%`), as
    another tool would write it."""
    duckdb.sql(
        f"COPY (SELECT * REPLACE (CASE WHEN school_id LIKE '{school}' THEN {value} "
        f"ELSE {column} END AS {column}) FROM read_parquet('{source}')) "
        f"TO '{target}' (FORMAT parquet)"
    )
    return target


COMMANDS = {
    "benchmark": ["benchmark", "cohort.parquet", "-o", "out.txt"],
    "benchmark-json": ["benchmark", "cohort.parquet", "--format", "json", "-o", "out.txt"],
    "benchmark-school": ["benchmark", "cohort.parquet", "--school", "900001", "-o", "out.txt"],
    "dashboard": ["benchmark", "cohort.parquet", "--format", "html", "-o", "out.html"],
    "support": ["support", "cohort.parquet", "-o", "out.txt"],
    "report-cohort": [
        "report",
        str(ROOT / "examples" / "cohort" / "primary-1-2025.yaml"),
        "--cohort",
        "cohort.parquet",
        "--format",
        "summary",
        "-o",
        "out.html",
    ],
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_review_without_its_school_or_date_is_refused_by_name(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, command: str
) -> None:
    column, value, said = CASES[case]
    file = rewritten(cohort_file, tmp_path / "cohort.parquet", column, value)
    given = file.read_bytes()
    monkeypatch.chdir(tmp_path)
    result = run(*COMMANDS[command])
    if column == "school_name" and command == "benchmark":
        # The table of figures names no school: it is whole and right, and it is not made to
        # read every name again to refuse it (`cohort/identities.py`'s notes: its speed).
        assert result.exit_code == 0, result.output
        assert (tmp_path / "out.txt").read_text("utf-8") == _figures(cohort_file, tmp_path)
        return
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1] + "\n" == said + HINT
    assert "internal error" not in result.output
    assert result.stdout == ""
    assert not list(tmp_path.glob("out.*"))
    assert file.read_bytes() == given


def _figures(source: Path, tmp_path: Path) -> str:
    """The table `benchmark` makes of the file as `collect` wrote it."""
    out = tmp_path / "whole.txt"
    assert run("benchmark", str(source), "-o", str(out)).exit_code == 0
    return out.read_text("utf-8")


def test_every_date_missing_is_said_as_such_not_as_strands_judged_twice(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every date null, every review of a school read as one: the check of the dates
    comes first, naming the first three schools."""
    rewritten(cohort_file, tmp_path / "cohort.parquet", "assessed_on", "NULL", school="%")
    monkeypatch.chdir(tmp_path)
    result = run("benchmark", "cohort.parquet")
    assert result.exit_code == 1
    assert result.stderr == (
        ID_OR_DATE + "school '900001' on no date; school '900002' on no date; "
        "school '900003' on no date" + HINT
    )


def test_ids_and_names_an_assessment_may_have_are_taken(
    cohort_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Letters beyond ASCII, punctuation and a name with spaces and a control character
    (escaped when shown) are an assessment's: read, and the school listed under them."""
    first = rewritten(cohort_file, tmp_path / "first.parquet", "school_id", "'école-4/β'")
    rewritten(first, tmp_path / "cohort.parquet", "school_name", "'Ecole\tB \x1b'", "école-4/β")
    monkeypatch.chdir(tmp_path)
    result = run("benchmark", "cohort.parquet", "--school", "école-4/β", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"id": "école-4/β"' in result.stdout
    assert '"name": "Ecole\\tB \\u001b"' in result.stdout


def refused(values: list[str], check: Callable[[str, str], str]) -> list[bool]:
    """Whether the cohort's SQL `check` (`not_an_id`, `not_text`) refuses each of `values`,
    as a table of reviews holds them."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t AS SELECT * FROM unnest(?::VARCHAR[]) WITH ORDINALITY t(v, i)", [values]
    )
    unseen = unseen_values(con, "t", "v")
    return [
        row[0] for row in con.execute(f"SELECT {check('v', unseen)} FROM t ORDER BY i").fetchall()
    ]


def _valid(**fields: str) -> bool:
    try:
        School(**{"id": "a", "name": "A", **fields})
    except ValidationError:
        return False
    return True


def test_an_id_and_a_name_are_refused_exactly_where_an_assessment_s_would_be() -> None:
    """Every character of the Basic Multilingual Plane (and a few beyond) in an id, alone
    as an id, and alone as a name: the SQL refuses exactly those the model's `School`
    refuses (an id's space is what `str.isspace` takes, Unicode's White_Space and
    U+001C..U+001F, since round 73, and an id needs a character that does not print as
    nothing, round 71; a name is blank by `str.isspace` and needs a character that does not
    print as nothing, round 72)."""
    beyond = [0x1F600, 0xE0020, 0xE0100, 0x1D173, 0x110BD, 0x1BCA0]
    chars = [chr(c) for c in [*range(0xD800), *range(0xE000, 0x10000), *beyond]]
    # Alone: those this Python's Unicode assigns (every code point, alone or not: since
    # round 80, tests/cohort/test_identities_one_table.py).
    alone = [c for c in chars if unicodedata.category(c) != "Cn"]
    ids = [f"a{c}b" for c in chars] + [*alone, "", "@", "a", "\u200b\u0301", "\u200be\u0301"]
    ids += ["\x1c", " \x1f", "1\x1d2"]
    names = [*alone, "", "  ", " \x1c\u3000", "\u200b\u0301", "\u200be\u0301", "a\ufeff"]
    refused_ids = refused(ids, not_an_id)
    refused_names = refused(names, not_text)
    assert [v for v, no in zip(ids, refused_ids, strict=True) if no == _valid(id=v)] == []
    assert [v for v, no in zip(names, refused_names, strict=True) if no == _valid(name=v)] == []
    assert sum(refused_ids) > 2 * 20 + 1000  # white space twice; alone, marks and such
    assert sum(refused_names) > 1000  # and, since round 72, what prints as nothing
