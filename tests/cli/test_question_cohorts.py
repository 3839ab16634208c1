"""Cohorts of a question framework (SPEC sections 8 and 10): `collect` writes each strand's
score (equal to `Profile.score`), and `benchmark` and `support` take the framework's
`policy:` unless `--policy` says otherwise; a framework without one keeps median."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from selfreview_core import load_assessment, load_framework, score

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "examples" / "questions"
FRAMEWORK = str(QUESTIONS / "technology-standards.yaml")
SETTING = str(QUESTIONS / "example-setting.yaml")


def run(*args: str) -> Result:
    from selfreview_core.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_collect_writes_each_strand_score_as_the_profile_has_it(tmp_path: Path) -> None:
    out = tmp_path / "cohort.parquet"
    result = run("collect", SETTING, "--framework", FRAMEWORK, "-o", str(out))
    assert result.exit_code == 0, result.output
    found = dict(duckdb.execute(f"SELECT strand, score FROM read_parquet('{out}')").fetchall())
    framework = load_framework(FRAMEWORK)
    profile = score(framework, load_assessment(SETTING, framework=framework))
    expected = {s: profile.score(s) for s in framework.strand_ids if profile.score(s) is not None}
    assert found.pop("C-N-3") is None  # not applicable: its row has no score (round 51)
    assert found == expected
    assert found["L-G-1"] == 1.75  # answers 1 + 0.5 + 0.25, level 1


def test_a_becta_cohort_file_has_scores_equal_to_ranks(tmp_path: Path) -> None:
    out = tmp_path / "cohort.parquet"
    result = run("collect", str(ROOT / "examples" / "cohort"), "-o", str(out))
    assert result.exit_code == 0, result.output
    pairs = duckdb.execute(
        f"SELECT rank, score FROM read_parquet('{out}') WHERE strand IS NOT NULL"
    ).fetchall()
    assert pairs
    assert all(float(rank) == value for rank, value in pairs)


def test_benchmark_takes_the_framework_policy_unless_told(tmp_path: Path) -> None:
    args = ["benchmark", SETTING, "--framework", FRAMEWORK, "--format", "json"]
    assert json.loads(run(*args).stdout)["policy"] == "mean"
    told = json.loads(run(*args, "--policy", "weakest").stdout)
    assert told["policy"] == "weakest"


def test_benchmark_of_a_framework_without_policy_keeps_median() -> None:
    cohort = str(ROOT / "examples" / "cohort")
    data = json.loads(run("benchmark", cohort, "--format", "json").stdout)
    assert data["policy"] == "median"


def test_support_takes_the_framework_policy(tmp_path: Path) -> None:
    result = run("support", SETTING, "--framework", FRAMEWORK, "--reached", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["policy"] == "mean"


def test_support_speaks_the_framework_words() -> None:
    result = run("support", SETTING, "--framework", FRAMEWORK, "--reached", "2")
    assert result.exit_code == 0, result.output
    assert "Support needed: 1 setting on" in result.stdout
    assert "Settings not yet at level 2" in result.stdout
    assert "school" not in result.stdout.lower().replace("self-check", "")


def test_the_dashboard_names_the_framework_subjects() -> None:
    args = ["benchmark", SETTING, "--framework", FRAMEWORK, "--format", "html"]
    page = run(*args).stdout
    assert "<h2>Settings by need</h2>" in page
    assert "1 settings (each setting&#x27;s latest review)" in page
    assert "<title>level 1 Started: 1 setting</title>" in page  # the distributions too
    assert "Settings at each level, the worst level on the left" in page
    assert "school" not in page.lower()
    becta = run("benchmark", str(ROOT / "examples" / "cohort"), "--format", "html").stdout
    assert "<h2>Schools by need</h2>" in becta


def test_benchmark_levels_aspects_by_their_scores(tmp_path: Path) -> None:
    """Issue 19: the cohort's aspect and overall levels are those `score` gives, the level at
    ⌊aggregate score⌋, from a cohort file as from the assessment itself."""
    out = tmp_path / "cohort.parquet"
    assert run("collect", SETTING, "--framework", FRAMEWORK, "-o", str(out)).exit_code == 0
    framework = load_framework(FRAMEWORK)
    profile = score(framework, load_assessment(SETTING, framework=framework))
    from_file = run("benchmark", str(out), "--framework", FRAMEWORK, "--format", "json")
    from_review = run("benchmark", SETTING, "--framework", FRAMEWORK, "--format", "json")
    assert from_file.exit_code == 0, from_file.output
    assert json.loads(from_file.stdout) == json.loads(from_review.stdout)
    (school,) = json.loads(from_file.stdout)["schools"]
    assert {a: p["level"] for a, p in school["aspects"].items()} == dict(profile.aspects)
    assert school["overall"]["level"] == profile.overall


def test_a_cohort_file_without_scores_counts_ranks_as_scores(tmp_path: Path) -> None:
    """SPEC section 8's columns have no `score`: such a file of a question framework is read,
    each strand's score its rank (as for a strand judged by level)."""
    out = tmp_path / "cohort.parquet"
    assert run("collect", SETTING, "--framework", FRAMEWORK, "-o", str(out)).exit_code == 0
    bare = tmp_path / "bare.parquet"
    duckdb.execute(f"COPY (SELECT * EXCLUDE (score) FROM '{out}') TO '{bare}' (FORMAT parquet)")
    result = run("benchmark", str(bare), "--framework", FRAMEWORK, "--format", "json")
    assert result.exit_code == 0, result.output
    (school,) = json.loads(result.stdout)["schools"]
    ranks = dict(duckdb.execute(f"SELECT strand, rank FROM '{bare}'").fetchall())
    framework = load_framework(FRAMEWORK)
    assert {s: p["level"] for s, p in school["strands"].items() if p["level"] is not None} == {
        s: framework.scale.from_rank(r) for s, r in ranks.items() if r is not None
    }


def test_the_dashboard_view_of_one_setting_shows_its_scores(tmp_path: Path) -> None:
    """Issue 19: `benchmark --format html --school ID` draws the school's aspects at their
    scores, "1.75 (level 1)", the same scores its report gives, from the reviews or from a
    cohort file; a framework without questions keeps levels alone."""
    framework = load_framework(FRAMEWORK)
    profile = score(framework, load_assessment(SETTING, framework=framework))
    out = tmp_path / "cohort.parquet"
    assert run("collect", SETTING, "--framework", FRAMEWORK, "-o", str(out)).exit_code == 0
    assert any(profile.score(a.id) not in (0, 1, 2, 3) for a in framework.aspects)
    for source in (SETTING, str(out)):
        args = ["benchmark", source, "--framework", FRAMEWORK, "--format", "html"]
        result = run(*args, "--school", "SET-001")
        assert result.exit_code == 0, result.output
        for aspect in framework.aspects:
            value, level = profile.score(aspect.id), profile.aspects[aspect.id]
            assert value is not None
            assert f"this setting: {value:g} (level {level})" in result.stdout
        assert f"this setting: {profile.score():g} (level {profile.overall})" in result.stdout
    becta = ["benchmark", str(ROOT / "examples" / "cohort"), "--format", "html"]
    page = run(*becta, "--school", "900004").stdout
    assert "this school: level " in page
    assert "(level " not in page


def test_the_table_of_one_setting_shows_its_scores_and_percentiles_by_score() -> None:
    """Issue 19: `benchmark --school ID` in a terminal says "1.75 (level 1)" beside each
    strand and overall, as the report does, and that percentiles are then by score."""
    framework = load_framework(FRAMEWORK)
    profile = score(framework, load_assessment(SETTING, framework=framework))
    result = run("benchmark", SETTING, "--framework", FRAMEWORK, "--school", "SET-001")
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    for strand, level in profile.strands.items():
        value = profile.score(strand)
        if level is not None and value is not None:
            assert f" {value:g} (level {level}) " in rows[strand], rows[strand]
    assert f" {profile.score():g} (level {profile.overall}) " in rows["overall"]
    assert "a lower score, counting those at the same score as half" in " ".join(
        result.stdout.split()
    )
    becta = run("benchmark", str(ROOT / "examples" / "cohort"), "--school", "900004").stdout
    assert "(level " not in becta
    assert "at a worse level, counting those at the same level as half" in " ".join(becta.split())


def test_report_cohort_as_a_table_shows_the_settings_scores(tmp_path: Path) -> None:
    """Issue 19: `report --cohort` in a terminal ends with the setting against the cohort
    at its scores, as `benchmark --school` shows it."""
    framework = load_framework(FRAMEWORK)
    profile = score(framework, load_assessment(SETTING, framework=framework))
    out = tmp_path / "cohort.parquet"
    assert run("collect", SETTING, "--framework", FRAMEWORK, "-o", str(out)).exit_code == 0
    args = ["report", SETTING, "--framework", FRAMEWORK, "--cohort", str(out)]
    result = run(*args, "--format", "table")
    assert result.exit_code == 0, result.output
    standing = result.stdout.split("In the cohort", 1)[1]
    rows = {line.split()[0]: line for line in standing.splitlines() if line.strip()}
    assert f" {profile.score('L-G-1'):g} (level 1) " in rows["L-G-1"]
    assert f" {profile.score():g} (level {profile.overall}) " in rows["overall"]


def test_a_file_without_scores_leaves_another_file_s_scores_as_they_are(tmp_path: Path) -> None:
    """A cohort file written before `collect` wrote scores is read at its ranks; before
    round 43 one such file among several made every file's strands read at their ranks, so
    a setting's 1.75 became 1 (and its aspects and percentiles moved with it)."""
    scored = tmp_path / "scored.parquet"
    assert run("collect", SETTING, "--framework", FRAMEWORK, "-o", str(scored)).exit_code == 0
    unscored = tmp_path / "unscored.parquet"
    duckdb.execute(
        f"COPY (SELECT * EXCLUDE (score) REPLACE ('OTHER-1' AS school_id) FROM '{scored}') "
        f"TO '{unscored}' (FORMAT parquet)"
    )
    alone = run("benchmark", str(scored), "--framework", FRAMEWORK, "--school", "SET-001")
    for files in ([scored, unscored], [unscored, scored]):
        both = run("benchmark", *map(str, files), "--framework", FRAMEWORK, "--school", "SET-001")
        assert both.exit_code == 0, both.output
        assert "L-G-1    Someone answers for        1.75 (level 1)" in both.stdout
        assert both.stdout.count("(level") == alone.stdout.count("(level")
        for line in alone.stdout.splitlines()[5:]:
            if "(level" in line:  # each score as alone; the percentile counts the other
                assert line.rsplit(maxsplit=5)[0] in both.stdout
        other = run("benchmark", *map(str, files), "--framework", FRAMEWORK, "--school", "OTHER-1")
        assert "L-G-1    Someone answers for            1 (level 1)" in other.stdout


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2.9", "2.9"),  # the next level's score
        ("0.5", "0.5"),  # the level below's
        ("-1.0", "-1.0"),
        ("99.0", "99.0"),  # beyond the best level
        ("NULL", "None"),
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        ["benchmark", "cohort.parquet"],
        ["benchmark", "cohort.parquet", "--school", "SET-001", "--format", "json"],
        ["support", "cohort.parquet"],
        ["report", SETTING, "--cohort", "cohort.parquet"],
    ],
    ids=["benchmark", "school", "support", "report-cohort"],
)
def test_a_score_that_is_not_its_rank_s_is_refused_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, shown: str, command: list[str]
) -> None:
    """SPEC section 10: a strand's level is the level at rank ⌊score⌋. A cohort file written
    by another tool whose `score` says otherwise (L-G-1 is 1.75, rank 1) is refused, the
    row named; before round 49 it was read as it stood, exit 0: a score of 99 made the
    setting's overall level 3, the best, and a null one left the strand out of every
    aggregate while its level was counted."""
    given = tmp_path / "given.parquet"
    assert run("collect", SETTING, "--framework", FRAMEWORK, "-o", str(given)).exit_code == 0
    duckdb.execute(
        f"COPY (SELECT * REPLACE (CASE WHEN strand = 'L-G-1' THEN {value} ELSE score END "
        f"AS score) FROM read_parquet('{given}')) TO '{tmp_path / 'cohort.parquet'}' "
        "(FORMAT parquet)"
    )
    monkeypatch.chdir(tmp_path)
    result = run(*command, "--framework", FRAMEWORK, "-o", "out.txt")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1] == (
        "cohort.parquet: error: judgement rows do not fit example-tech-standards@1 (strands "
        "of another framework, or a level and rank off its scale 3 (best) .. 0 (worst), or a "
        "score whose whole part is not the rank, or no has_evidence, or a level for a strand "
        "marked not applicable): school SET-001 on "
        f"2026-11-01: strand L-G-1 with level 1, rank 1, score {shown}"
    )
    assert "internal error" not in result.output
    assert result.stdout == ""
    assert not (tmp_path / "out.txt").exists()


def test_a_score_at_the_best_level_s_rank_fits(tmp_path: Path) -> None:
    """The best level's score is its rank exactly (3 on a 0..3 scale): read, as collect
    writes it; and the same file with that score only a hair above is refused."""
    given = tmp_path / "given.parquet"
    assert run("collect", SETTING, "--framework", FRAMEWORK, "-o", str(given)).exit_code == 0
    for value, code in (("3.0", 0), ("3.0000001", 1)):
        out = tmp_path / f"cohort-{code}.parquet"
        duckdb.execute(
            f"COPY (SELECT * REPLACE (CASE WHEN strand = 'L-G-1' THEN {value} ELSE score END "
            "AS score, CASE WHEN strand = 'L-G-1' THEN 3 ELSE rank END AS rank, CASE WHEN "
            f"strand = 'L-G-1' THEN 3 ELSE level END AS level) FROM read_parquet('{given}')) "
            f"TO '{out}' (FORMAT parquet)"
        )
        result = run("benchmark", str(out), "--framework", FRAMEWORK, "--school", "SET-001")
        assert result.exit_code == code, result.output
        if code == 0:
            assert "L-G-1    Someone answers for            3 (level 3)" in result.stdout
