"""`cohort/file_reading.py`: a user's cohort files as DuckDB reads them. Before round 43 a
file damaged within, its footer intact (a data page flipped on a disk or in a download),
passed every check and then told an internal error with no file named ("ZSTD
Decompression failure", "TProtocolException: Invalid data"), whatever command read it; the
figures of `benchmark 'x[1].parquet'` were those of `x1.parquet` beside it (DuckDB read the
name as a pattern where the checks had read the file itself); and a row error named its
file twice ("bad.parquet: error: bad.parquet: judgement rows ...")."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.cli import cli
from selfreview_core.cohort.file_reading import duckdb_reason, literal_path, reading
from selfreview_core.errors import CohortFileError

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2025.yaml"
HINT = " (write it again with `selfreview collect`)\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of the examples' cohort file, as `collect` writes it."""
    out = tmp_path_factory.mktemp("whole") / "cohort.parquet"
    assert run("collect", str(ROOT / "examples" / "cohort"), "-o", str(out)).exit_code == 0
    return out.read_bytes()


def damaged(whole: bytes, path: Path, at: int = 4) -> Path:
    """`whole` with the byte at `at` flipped: at 4, the first data page's header (right
    after the leading `PAR1`), which DuckDB reads only with the rows."""
    data = bytearray(whole)
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["benchmark", "{file}"],
        ["benchmark", "{file}", "--format", "json", "-o", "{out}"],
        ["support", "{file}", "-o", "{out}"],
        ["benchmark", "{file}", "--format", "html", "-o", "{out}"],
        ["report", str(REVIEW), "--cohort", "{file}", "--format", "html", "-o", "{out}"],
    ],
    ids=["benchmark", "benchmark-json", "support", "dashboard", "report-cohort"],
)
def test_a_file_damaged_within_is_named_by_every_command(
    whole: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    file = damaged(whole, tmp_path / "cohort.parquet")
    given = file.read_bytes()
    out = tmp_path / "out.txt"
    monkeypatch.chdir(tmp_path)
    result = run(*(part.format(file="cohort.parquet", out=out) for part in command))
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1] + "\n" == (
        "cohort.parquet: error: the Parquet file is damaged: its contents cannot be decoded; "
        "DuckDB says: TProtocolException: Invalid data" + HINT
    )
    assert "internal error" not in result.output
    assert result.stdout == ""
    assert not out.exists()
    assert file.read_bytes() == given  # the user's file as it was: not mended, not removed


def test_a_damaged_file_among_several_is_told_with_them_all(
    whole: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB does not say which file a page header it cannot decode is in."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.parquet").write_bytes(whole)
    damaged(whole, tmp_path / "b.parquet")
    result = run("benchmark", "a.parquet", "b.parquet")
    assert result.exit_code == 1
    assert result.stderr == (
        "a.parquet, b.parquet: error: a Parquet file of these is damaged: its contents "
        "cannot be decoded; DuckDB says: TProtocolException: Invalid data" + HINT
    )


@settings(
    max_examples=scaled(20),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(place=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_a_byte_flipped_anywhere_is_read_or_named_never_an_internal_error(
    whole: bytes, tmp_path: Path, place: float
) -> None:
    """Any byte of the file. A scan of each once (the examples' cohort file): of the
    1,980 bytes of its rows 1,348 flipped still read, the rest are told in seven of DuckDB's
    reasons or as rows off the framework; of the 1,701 of its footer 453 read and the rest
    are told, 123 of them an internal error before round 43 (`inventory`)."""
    at = 4 + int(place * (len(whole) - 8))
    file = damaged(whole, tmp_path / f"flip-{at}.parquet", at)
    result = run("benchmark", str(file))
    assert result.exit_code in (0, 1), result.output
    if result.exit_code:
        assert result.stderr.startswith(f"{file}: error: "), result.stderr
        assert "internal error" not in result.stderr
        assert result.stdout == ""
        said = result.stderr.removeprefix(f"{file}: error: ")
        if said.startswith("the Parquet file"):  # in our words first, then DuckDB's
            assert said.startswith(OUR_WORDS), said
            assert said.endswith(HINT), said


#: How a cohort file DuckDB cannot read is told (since round 51; before, "the Parquet file
#: cannot be read: " and DuckDB's reason alone, with the hint or not by where it failed).
OUR_WORDS = (
    "the Parquet file is damaged: its contents cannot be decoded; DuckDB says: ",
    "the Parquet file is cut short: it does not end as a Parquet file does",
)
CUT_SHORT = (
    "cohort.parquet: error: the Parquet file is cut short: it does not end as a Parquet "
    "file does (copy it again whole, or write it again with `selfreview collect`)\n"
)


@pytest.mark.parametrize(
    "command",
    [
        ["benchmark", "{file}"],
        ["benchmark", "{file}", "--format", "html", "-o", "{out}"],
        ["support", "{file}", "-o", "{out}"],
        ["report", str(REVIEW), "--cohort", "{file}", "--format", "html", "-o", "{out}"],
    ],
    ids=["benchmark", "dashboard", "support", "report-cohort"],
)
@pytest.mark.parametrize("cut", [0.5, 0.9999, 0.0], ids=["half", "last-bytes", "first-bytes"])
def test_a_file_cut_short_is_said_so_by_every_command(
    whole: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    cut: float,
) -> None:
    """A copy or download that stopped part-way. Before round 51: "the Parquet file cannot
    be read: Invalid Input Error: No magic bytes found at end of file '/abs/cohort.parquet'",
    DuckDB's words, with the file named as DuckDB opened it and no way forward."""
    file = tmp_path / "cohort.parquet"
    file.write_bytes(whole[: max(12, int(cut * len(whole)))])  # the magic and 8 bytes, or more
    given = file.read_bytes()
    out = tmp_path / "out.txt"
    monkeypatch.chdir(tmp_path)
    result = run(*(part.format(file="cohort.parquet", out=out) for part in command))
    assert result.exit_code == 1, result.output
    assert result.stderr == CUT_SHORT
    assert result.stdout == ""
    assert not out.exists()
    assert file.read_bytes() == given


def test_a_damaged_footer_is_told_in_our_words_with_the_way_forward(
    whole: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A footer DuckDB cannot decode fails before any row is read (`check_columns`):
    before round 51 it said DuckDB's reason alone, without the hint the rows' errors had."""
    monkeypatch.chdir(tmp_path)
    length = int.from_bytes(whole[-8:-4], "little")
    damaged(whole, tmp_path / "cohort.parquet", len(whole) - 8 - length)
    result = run("benchmark", "cohort.parquet")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"cohort.parquet: error: {OUR_WORDS[0]}"), result.stderr
    assert result.stderr.endswith(HINT)


@pytest.mark.parametrize(
    ("name", "neighbour"),
    [("x[1].parquet", "x1.parquet"), ("y*.parquet", "y-2.parquet"), ("z?.parquet", "zz.parquet")],
)
def test_the_figures_are_the_named_file_s_not_a_neighbour_s(
    whole: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, neighbour: str
) -> None:
    """The checks read the file itself since round 42; its rows were still read by pattern,
    so the figures were another file's (or a damaged neighbour's internal error)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plain.parquet").write_bytes(whole)
    (tmp_path / name).write_bytes(whole)
    damaged(whole, tmp_path / neighbour)
    result = run("benchmark", name)
    assert result.exit_code == 0, result.output
    assert result.stdout == run("benchmark", "plain.parquet").stdout


def test_one_review_in_two_files_named_as_given_whatever_the_names(
    whole: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a[1].parquet", "b*.parquet", "a1.parquet", "b-x.parquet"):
        (tmp_path / name).write_bytes(whole)
    result = run("benchmark", "a[1].parquet", "b*.parquet")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "b*.parquet: error: a school's review of one date is in more than one cohort file: "
        "school 900001 on 2024-11-12: a[1].parquet and b*.parquet; "
    ), result.stderr


def test_a_row_error_names_its_file_once(
    whole: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "source.parquet"
    source.write_bytes(whole)
    con = duckdb.connect()
    try:
        con.execute(
            "COPY (SELECT * REPLACE (CASE WHEN strand = '1a1' THEN 'zz9' ELSE strand END "
            f"AS strand) FROM '{source}') TO 'bad.parquet' (FORMAT parquet)"
        )
    finally:
        con.close()
    result = run("benchmark", "bad.parquet")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "bad.parquet: error: judgement rows do not fit becta-srf@2010 (strands of another "
    ), result.stderr


def test_literal_path_is_absolute_with_each_pattern_character_a_class(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert literal_path("a[1]*?.parquet") == f"{tmp_path}/a[[]1][*][?].parquet"
    assert literal_path("http://x.parquet") == f"{tmp_path}/http:/x.parquet"
    assert literal_path("/plain/b.parquet") == "/plain/b.parquet"


def test_duckdb_s_reason_names_each_file_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    names = ["one.parquet", "t[w]o\nlines.parquet"]
    error = duckdb.InvalidInputException(
        f'Invalid Input Error: Failed to read file "{literal_path(names[1])}": ZSTD\nmore'
    )
    assert duckdb_reason(error, names) == (
        'Invalid Input Error: Failed to read file "t[w]o\nlines.parquet": ZSTD',
        names[1],
    )
    opened = duckdb.IOException(f'IO Error: cannot open "{tmp_path / names[0]}"')
    assert duckdb_reason(opened, names) == ('IO Error: cannot open "one.parquet"', names[0])
    assert duckdb_reason(duckdb.Error("TProtocolException: x"), names) == (
        "TProtocolException: x",
        None,
    )


def test_reading_names_the_file_duckdb_names_and_leaves_a_staging_file_s_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CohortFileError) as caught, reading(["a.parquet", "b.parquet"]):
        raise duckdb.IOException(f'IO Error: "{tmp_path}/b.parquet" went away')
    assert caught.value.file == "b.parquet"
    assert caught.value.first.message == (
        'the Parquet file cannot be read from the disk; DuckDB says: IO Error: "b.parquet" '
        "went away"
    )
    assert caught.value.first.hint is None  # the file may be whole: not written again
    assert caught.value.first.code == "not-parquet"
    with pytest.raises(duckdb.IOException), reading([]):
        raise duckdb.IOException("a staging file of our own")
    with reading(["a.parquet"]):
        pass  # nothing raised, nothing told


@pytest.mark.parametrize(
    "ours",
    [
        duckdb.BinderException('Values list "r" does not have a column named "score"'),
        duckdb.ParserException("syntax error at or near"),
        duckdb.CatalogException("Table with name x does not exist"),
        duckdb.InternalException("INTERNAL Error"),
        duckdb.OutOfRangeException("Overflow in addition of INT8 (127 + 7)!"),
        duckdb.OutOfMemoryException("could not allocate block of size 256 KiB"),
    ],
    ids=["binder", "parser", "catalog", "internal", "overflow", "memory"],
)
def test_an_error_in_the_sql_itself_is_never_blamed_on_the_file(ours: duckdb.Error) -> None:
    """A bug of ours stays one (an internal error asking for a report), not "the Parquet
    file cannot be read ... write it again", which would send a user to rewrite a good file."""
    with pytest.raises(type(ours)), reading(["a.parquet"]):
        raise ours


def test_a_cohort_file_s_evidence_text_is_read_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`benchmark FILE --with-evidence` of a file written `--with-evidence`: each strand's
    text as the review gives it (the round-43 pass found no test reading it from a file)."""
    monkeypatch.chdir(tmp_path)
    assert run("collect", str(REVIEW), "--with-evidence", "-o", "ev.parquet").exit_code == 0
    result = run("benchmark", "ev.parquet", "--with-evidence", "--format", "json")
    assert result.exit_code == 0, result.output
    (school,) = json.loads(result.stdout)["schools"]
    texts = {k: v["evidence"] for k, v in school["strands"].items() if v["evidence"]}
    assert len(texts) == 5
    assert texts["1a1"] == (
        "The vision mentions ICT once; staff survey shows few could say what it means for teaching."
    )
