"""School ids that look alike and differ, in a cohort (round 62): `café` composed on one
computer and decomposed on another was two schools to `benchmark` and `support`, without a
word, though `support` printed them alike in its table, CSV and page (a combining accent is
no control character to escape). They are still two schools; each set is said."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core.cli import cli
from selfreview_core.cohort.look_alike_schools import (
    look_alike_note,
    look_alike_notes,
    look_alike_schools,
    look_alike_staged,
)
from selfreview_core.model.questions import Terms

ROOT = Path(__file__).resolve().parents[2]
REVIEW = (ROOT / "examples" / "example-primary-2025.yaml").read_text(encoding="utf-8")
COMPOSED, DECOMPOSED = "caf\u00e9", "cafe\u0301"
SAID = (
    "warning: the schools `cafe\u0301`, `caf\u00e9` have ids that look alike (`cafe\u0301` "
    "holds U+0301; `caf\u00e9` holds U+00E9): each counts as a school of its own, with "
    "reviews of its own; give them one id if they are one school"
)


def _reviews(folder: Path, ids: list[str]) -> Path:
    folder.mkdir()
    for n, school in enumerate(ids):
        text = REVIEW.replace('id: "100000"', f"id: {json.dumps(school)}")
        (folder / f"school-{n}.yaml").write_text(text, encoding="utf-8")
    return folder


def _run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _cohort(
    ids: list[str], con: duckdb.DuckDBPyConnection | None = None
) -> duckdb.DuckDBPyConnection:
    """A cohort's table of `ids`, on `con` (its table replaced) or a new connection."""
    con = duckdb.connect() if con is None else con
    con.execute("CREATE OR REPLACE TABLE cohort_reviews (school_id VARCHAR)")
    con.executemany("INSERT INTO cohort_reviews VALUES (?)", [[i] for i in ids])
    return con


def test_the_sets_that_look_alike_each_in_order() -> None:
    """Composed and decomposed, a Cyrillic letter for a Latin one, an invisible character,
    letter case beside one of those, and (round 63) letter case alone, of ASCII ids in
    capitals and in small letters or in capitals alone; each id once however often
    reviewed."""
    odd = [COMPOSED, DECOMPOSED, COMPOSED, "1\u04301", "x\u200b", "Caf\u00e9", "z\u00e9"]
    plain = ["1a1", "ok", "x", "X", "AB", "ab", "AB", "Cd1", "CD1", "EF", "gh", "Ij"]
    assert look_alike_schools(_cohort([*odd, *plain])) == [
        ["1a1", "1\u04301"],
        ["AB", "ab"],
        ["CD1", "Cd1"],
        ["Caf\u00e9", DECOMPOSED, COMPOSED],
        ["X", "x", "x\u200b"],
    ]


def test_ids_unlike_each_other_are_no_set() -> None:
    ids = ["100000", "100001", "\u00e9cole", "ecole1", "AB1", "ab2", "Ab3", "ab-1"]
    assert look_alike_schools(_cohort(ids)) == []


CASE_SAID = (
    "warning: the schools `AB12`, `Ab12`, `ab12` have ids that look alike (they differ in "
    "letter case alone): each counts as a school of its own, with reviews of its own; give "
    "them one id if they are one school"
)


@pytest.mark.parametrize("command", ["support", "benchmark", "collect"])
def test_ids_that_differ_in_letter_case_alone_are_said(tmp_path: Path, command: str) -> None:
    """`AB12` and `ab12`: the shift key, which the "did you mean" of an unknown id takes as
    the same id; each still a school of its own (round 63: they were two without a word)."""
    folder = _reviews(tmp_path / "reviews", ["AB12", "ab12", "100000", "Ab12", "CD34"])
    out = ("-o", tmp_path / "cohort.parquet") if command == "collect" else ("--format", "json")
    result = _run(command, folder, *out)
    assert result.exit_code == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "look alike" in line] == [CASE_SAID]
    if command != "collect":
        for school in ("AB12", "Ab12", "ab12"):
            assert f'"{school}"' in result.stdout


def test_a_set_of_ascii_ids_and_one_outside_it_says_what_each_holds() -> None:
    """Letter case beside a Cyrillic letter is said as before: what the odd one holds."""
    assert look_alike_note(["AB", "ab", "\u0430b"], "school", "schools") == (
        "the schools `AB`, `ab`, `\u0430b` have ids that look alike (`\u0430b` holds U+0430): "
        "each counts as a school of its own, with reviews of its own; give them one id if "
        "they are one school"
    )


@pytest.mark.parametrize("command", ["support", "benchmark"])
@pytest.mark.parametrize("format", ["json", "csv"])
def test_benchmark_and_support_say_them_and_keep_both(
    tmp_path: Path, command: str, format: str
) -> None:
    folder = _reviews(tmp_path / "reviews", [COMPOSED, DECOMPOSED, "100000"])
    result = _run(command, folder, "--format", format)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [SAID]
    assert COMPOSED in result.stdout
    assert DECOMPOSED in result.stdout  # both still schools of their own


def test_a_cohort_file_says_them_too_and_an_id_is_shown_as_a_name(tmp_path: Path) -> None:
    """From a cohort file (`collect`), as from its files; a zero-width space in an id is
    shown escaped, where it would print as nothing."""
    folder = _reviews(tmp_path / "reviews", ["x\u200b", "x"])
    cohort = tmp_path / "cohort.parquet"
    assert _run("collect", folder, "-o", cohort).exit_code == 0
    result = _run("support", cohort, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "warning: the schools `x`, `x\\u200b` have ids that look alike (`x\\u200b` holds "
        "U+200B): each counts as a school of its own, with reviews of its own; give them one "
        "id if they are one school"
    ]


def test_the_first_ten_sets_are_named_and_the_rest_counted(tmp_path: Path) -> None:
    ids = [f"s{n:02}{accent}" for n in range(12) for accent in ("\u00e9", "e\u0301")]
    result = _run("benchmark", _reviews(tmp_path / "reviews", ids), "--format", "json")
    assert result.exit_code == 0, result.stderr
    said = result.stderr.splitlines()
    assert len(said) == 11
    assert [line.split("`")[1] for line in said[:10]] == [f"s{n:02}e\u0301" for n in range(10)]
    assert said[10] == (
        "warning: 2 more sets of school ids look alike, not named here: each id counts as its own"
    )


def test_a_set_of_many_names_its_first_five_and_what_each_holds() -> None:
    ids = ["x", *(f"x{chr(0x200B + n)}" for n in range(3)), "x\u2060", "x\u00ad", "x\ufeff"]
    assert look_alike_note(ids, "setting", "settings") == (
        "the settings `x`, `x\\u200b`, `x\\u200c`, `x\\u200d`, `x\\u2060`, and 2 more settings "
        "have ids that look alike (`x\\u200b` holds U+200B; `x\\u200c` holds U+200C; "
        "`x\\u200d` holds U+200D; `x\\u2060` holds U+2060): each counts as a setting of its "
        "own, with reviews of its own; give them one id if they are one setting"
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_collect_says_them_as_it_writes_the_cohort_file(tmp_path: Path, jobs: str) -> None:
    """`collect` says each set as `benchmark` and `support` say it of the file it writes
    (attack62 found it silent), any `--jobs`; both schools are in the file, the exit is
    unchanged."""
    folder = _reviews(tmp_path / "reviews", [COMPOSED, DECOMPOSED, "100000"])
    cohort = tmp_path / "cohort.parquet"
    result = _run("collect", folder, "-o", cohort, "--jobs", jobs)
    assert result.exit_code == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("warning")] == [SAID]
    query = f"SELECT DISTINCT school_id FROM '{cohort}' ORDER BY 1"
    kept = duckdb.connect().execute(query).fetchall()
    assert kept == [("100000",), (DECOMPOSED,), (COMPOSED,)]


def test_collect_says_nothing_of_ids_unlike_each_other(tmp_path: Path) -> None:
    folder = _reviews(tmp_path / "reviews", ["\u00e9cole", "ecole1", "100000"])
    result = _run("collect", folder, "-o", tmp_path / "cohort.parquet")
    assert result.exit_code == 0, result.stderr
    assert "look alike" not in result.stderr


def test_collect_says_them_in_the_frameworks_words(tmp_path: Path) -> None:
    """Reviews of one framework whose terms name a setting: the sets are said of settings
    (a mutation pass, round 62: said of schools whatever the framework)."""
    example = ROOT / "examples" / "questions" / "example-setting.yaml"
    folder = tmp_path / "reviews"
    folder.mkdir()
    for n, setting in enumerate([COMPOSED, DECOMPOSED]):
        text = example.read_text(encoding="utf-8").replace("SET-001", setting)
        (folder / f"setting-{n}.yaml").write_text(text, encoding="utf-8")
    framework = ROOT / "examples" / "questions" / "technology-standards.yaml"
    result = _run("collect", folder, "--framework", framework, "-o", tmp_path / "c.parquet")
    assert result.exit_code == 0, result.stderr
    [said] = [line for line in result.stderr.splitlines() if "look alike" in line]
    assert said.startswith("warning: the settings `cafe\u0301`, `caf\u00e9` have ids")
    assert said.endswith(
        "each counts as a setting of its own, with reviews of its own; give them one id if "
        "they are one setting"
    )


def test_exactly_ten_sets_are_all_named_and_none_counted() -> None:
    found = [[f"s{n}e\u0301", f"s{n}\u00e9"] for n in range(10)]
    notes = look_alike_notes(found, None)
    assert len(notes) == 10
    assert all("look alike (" in note for note in notes)
    terms = Terms(subject="setting", subjects="settings")
    assert look_alike_notes(found[:1], terms)[0].startswith("the settings `s0e")
    academy = look_alike_note(found[0], "academy", "academies")
    assert "each counts as an academy of its own" in academy


def test_collect_of_two_versions_says_every_warning_in_the_words_they_share(
    tmp_path: Path,
) -> None:
    """Reviews of two versions of a framework whose terms name a setting: the look-alike
    ids are said of settings, as the reviews dated after today beyond the first ten are
    (round 63: said of schools unless the reviews were of one version, where the dates'
    warning took the words the versions share)."""
    questions = ROOT / "examples" / "questions"
    framework = (questions / "technology-standards.yaml").read_text(encoding="utf-8")
    assert '\nversion: "1"\n' in framework
    v2 = tmp_path / "technology-standards-2.yaml"
    v2.write_text(framework.replace('\nversion: "1"\n', '\nversion: "2"\n'), encoding="utf-8")
    example = (questions / "example-setting.yaml").read_text(encoding="utf-8")
    assert "assessed_on: 2026-11-01\n" in example
    folder = tmp_path / "reviews"
    folder.mkdir()
    settings = [(COMPOSED, "1", "2026-11-01"), (DECOMPOSED, "2", "2026-11-01")]
    settings += [(f"S{n}", "2", "2999-01-01") for n in range(11)]
    for n, (setting, version, day) in enumerate(settings):
        text = example.replace("SET-001", setting).replace("@1", f"@{version}")
        text = text.replace("assessed_on: 2026-11-01", f"assessed_on: {day}")
        (folder / f"setting-{n}.yaml").write_text(text, encoding="utf-8")
    frameworks = ("--framework", questions / "technology-standards.yaml", "--framework", v2)
    result = _run("collect", folder, *frameworks, "-o", tmp_path / "c.parquet")
    assert result.exit_code == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "warning: " in line]
    assert len(said) == 12  # ten reviews dated after today, the rest counted, one set
    assert said[10].endswith(
        "warning: 1 more review is dated after today, not named here: each counts as newer "
        "than every real review of its setting (a typing slip? give the day the review was "
        "made)"
    )
    assert said[11].startswith("warning: the settings `cafe\u0301`, `caf\u00e9` have ids")
    assert said[11].endswith("give them one id if they are one setting")


#: Letters in either case, a hyphen, a digit, Cyrillic letters drawn as Latin ones, a
#: zero-width space, accents composed and not; dashes drawn as a hyphen (a modifier letter
#: minus, Coptic dialect-P ni in either case) and a low line, and NKo lajanyalan.
ALPHABET = "aAbB1-\u0430\u0410\u200b\u00e9\u00c9\u0301\u02d7\u2cba\u2cbb_\u07fa"


#: What Unicode's confusables.txt (UTS #39) maps to `-` or `_` beyond the hyphens, dashes
#: and minus sign read so before round 67.
DRAWN_AS_HYPHEN = "\u02d7\u06d4\u1806\u2043\u2796\u2cba"


@pytest.mark.parametrize(
    ("odd", "meant"), [*((f"SCH{c}1", "SCH-1") for c in DRAWN_AS_HYPHEN), ("SCH\u07fa1", "SCH_1")]
)
def test_ids_that_differ_in_a_dash_drawn_as_a_hyphen_look_alike(odd: str, meant: str) -> None:
    """As plugin names have since round 66 (`lea\u02d7support`): before round 67 `SCH`
    U+02D7 `1` beside `SCH-1` was two schools no command said looked alike. SQL's shape and
    Python's (the "did you mean" of an unknown id) agree."""
    from selfreview_core._lookalikes import look_alike, shape

    assert look_alike_schools(_cohort([odd, meant, "SCH1"])) == [sorted([odd, meant])]
    assert shape(odd) == shape(meant)
    assert look_alike(odd, ["SCH1", meant]) == (
        f"did you mean `{meant}`? What was typed holds U+{ord(odd[3]):04X} "
        + unicodedata.name(odd[3])
    )


@pytest.fixture(scope="module")
def two_connections() -> Iterator[tuple[duckdb.DuckDBPyConnection, duckdb.DuckDBPyConnection]]:
    """A connection for the cohort's table and one for the staged ids, kept for every
    example: a new connection costs a search some 40 ms of processor time over the 70 of
    the search itself. The staged ids' stays without a table, as each search leaves it."""
    with duckdb.connect() as cohort, duckdb.connect() as staged:
        yield cohort, staged


@given(st.lists(st.text(ALPHABET, max_size=3), min_size=1, max_size=12))
def test_the_sets_are_every_shape_two_ids_or_more_are_drawn_in(
    two_connections: tuple[duckdb.DuckDBPyConnection, duckdb.DuckDBPyConnection], ids: list[str]
) -> None:
    """Whatever the ids (ASCII alone or not, in capitals or not): the sets are exactly the
    ids grouped by `_lookalikes`'s shape (its skeleton in lower case), each group of two or more, in
    order (the SQL finds ASCII ids alike by hashes: round 63); in a cohort's table and in
    `collect`'s staged file alike. One draw for both: each search costs DuckDB a tenth of a
    second of processor time whatever the ids (planning the query of shapes), and the staged
    ids' test had searched four times an example, the cohort's own sets its reference."""
    from selfreview_core._lookalikes import shape

    shapes: dict[str, set[str]] = {}
    for school in ids:
        shapes.setdefault(shape(school), set()).add(school)
    expected = sorted(sorted(same) for same in shapes.values() if len(same) > 1)
    cohort, staged = two_connections
    assert look_alike_schools(_cohort(ids, cohort)) == expected
    _collects_staged_ids_give_the_same_sets_and_leave_no_table(staged, ids, expected)


def _collects_staged_ids_give_the_same_sets_and_leave_no_table(
    con: duckdb.DuckDBPyConnection, ids: list[str], expected: list[list[str]]
) -> None:
    """`collect` reads its staged file's ids once, into a table of their own (round 63:
    read four times, they cost it a tenth at 100,000 schools): the sets are the cohort's
    own, and the table is gone after (a second search, which makes it again:
    `test_a_second_search_of_staged_ids_makes_its_table_again`)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        staging = Path(folder) / "staged.jsonl"
        staging.write_text("".join(json.dumps({"i": i}) + "\n" for i in ids), encoding="utf-8")
        assert look_alike_staged(con, str(staging)) == expected
        tables = con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        assert tables == []


def test_a_second_search_of_staged_ids_makes_its_table_again(tmp_path: Path) -> None:
    """The staged ids' table is made by each search and gone after it: a second search on
    the same connection finds the same sets, and leaves no table either."""
    ids = ["AB", "ab", "x", "X", "caf\u00e9", "cafe\u0301", "y"]
    staging = tmp_path / "staged.jsonl"
    staging.write_text("".join(json.dumps({"i": i}) + "\n" for i in ids), encoding="utf-8")
    con = duckdb.connect()
    sets = [["AB", "ab"], ["X", "x"], ["cafe\u0301", "caf\u00e9"]]
    assert look_alike_staged(con, str(staging)) == sets
    assert look_alike_staged(con, str(staging)) == sets
    assert con.execute("SELECT table_name FROM duckdb_tables()").fetchall() == []


@pytest.mark.parametrize("temporary", ["TEMP ", ""])
def test_a_callers_table_named_as_the_staged_ids_were_is_left_as_it_was(
    tmp_path: Path, temporary: str
) -> None:
    """Round 63's `look_alike_ids`, a name any caller of the library might give a table:
    the search refused to make its own where the caller's was temporary ("already
    exists"). The search's table is now its own, and the caller's keeps its rows (one in
    the database was kept before too: a pin)."""
    staging = tmp_path / "staged.jsonl"
    staging.write_text("".join(json.dumps({"i": i}) + "\n" for i in ["AB", "ab", "x"]))
    con = duckdb.connect()
    con.execute(f"CREATE {temporary}TABLE look_alike_ids (school_id VARCHAR, n INTEGER)")
    con.execute("INSERT INTO look_alike_ids VALUES ('mine', 1), ('MINE', 2)")
    assert look_alike_staged(con, str(staging)) == [["AB", "ab"]]
    assert con.execute("FROM look_alike_ids ORDER BY n").fetchall() == [("mine", 1), ("MINE", 2)]
    assert [
        name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    ] == ["look_alike_ids"]


def test_the_shapes_sql_names_the_id_column_once() -> None:
    """`SHAPE` is made from tables of characters and their forms; the query reads the id
    by replacing `ID` in it, so a table whose text held `ID` (an `I` beside a `D` among
    the forms) would turn into a column read in its place (round 65's review)."""
    from selfreview_core.cohort.look_alike_schools import SHAPE

    assert SHAPE.count("ID") == 1
