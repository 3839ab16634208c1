"""A score written beside its level (SPEC section 10: "1.75 (level 1)", the level at rank
⌊score⌋) never reads as the next level's rank. Before round 50 a score within 0.0005 below a
whole number was rounded up to it: a strand whose answers were worth 2.9999 on a 1 (best) ..
4 (worst) scale read `3 (level 2 Good)` in every report, the plan's status and the cohort's
views, and `validate` said answers scoring 0.9999999999999999 "score 1 (level 4)"."""

from __future__ import annotations

import math
import re
from fractions import Fraction
from pathlib import Path

import duckdb
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Framework, load_assessment, load_framework, score
from selfreview_core.cli import cli
from selfreview_core.cohort.rows import Layout
from selfreview_core.model.questions import score_float, score_text

FRAMEWORK = """\
kind: framework
id: rev-q
version: "1"
title: Reversed questions
policy: mean
scale: {best: 1, worst: 4, labels: {1: Top, 2: Good, 3: Fair, 4: Poor}}
answer_sets:
  g:
    - {id: "no", text: "No", value: 0}
    - {id: third, text: "A third", value: 0.3333333333333333}
    - {id: almost, text: "Almost", value: 0.9999}
    - {id: "yes", text: "Yes", value: 1}
elements:
  - id: E
    title: Element
    aspects:
      - id: A
        title: Aspect A
        strands:
          - id: A1
            title: Strand A1
            levels: {1: l1, 2: l2, 3: l3, 4: l4}
            questions:
              - {id: A1-3, level: 3, text: "q3", answers: g}
              - {id: A1-2, level: 2, text: "q2", answers: g}
              - {id: A1-1, level: 1, text: "q1", answers: g}
"""

ASSESSMENT = """\
kind: assessment
framework: rev-q
school: {id: S1, name: School One}
assessed_on: 2026-10-01
judgements:
  A1: {answers: {A1-3: "yes", A1-2: "yes", A1-1: almost}, evidence: Seen}
"""


def _files(
    tmp_path: Path, assessment: str = ASSESSMENT, framework: str = FRAMEWORK
) -> tuple[str, str]:
    (tmp_path / "f.yaml").write_text(framework, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(assessment, encoding="utf-8")
    return str(tmp_path / "f.yaml"), str(tmp_path / "a.yaml")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_score_just_below_a_whole_number_is_not_rounded_up_to_it() -> None:
    assert score_text(2.9999) == "2.999"
    assert score_text(Fraction(9999999999999999, 10**16)) == "0.999"
    assert score_text(1.9995) == "1.999"
    assert score_text(Fraction(3, 1) - Fraction(1, 10**300)) == "2.999"


def test_other_scores_are_rounded_to_three_places_as_before() -> None:
    assert [score_text(s) for s in (1.75, 2, 2.0, 0, 0.0, 1 / 3, 2 / 3, 0.0625, 3.0001)] == [
        "1.75",
        "2",
        "2",
        "0",
        "0",
        "0.333",
        "0.667",
        "0.062",
        "3",
    ]
    assert score_text(Fraction(1, 3)) == "0.333"
    assert score_text(1e-300) == "0"
    assert score_text(999999.5) == "999999.5"  # no sixth significant digit lost to `g`


@settings(max_examples=scaled(200))
@given(
    st.one_of(
        st.floats(min_value=0, max_value=1000, allow_nan=False),
        st.fractions(min_value=0, max_value=1000),
        st.integers(0, 1000).map(lambda n: n - Fraction(1, 10**6)).map(abs),
    )
)
def test_a_shown_score_has_the_level_of_the_score_and_is_near_it(value: float | Fraction) -> None:
    text = score_text(value)
    assert re.fullmatch(r"\d+(\.\d{1,3})?", text), text
    shown, exact = Fraction(text), Fraction(value)
    assert math.floor(shown) == math.floor(exact)  # the same level, whichever way the scale runs
    assert abs(shown - exact) <= Fraction(1, 1000)
    if math.floor(round(exact, 3)) == math.floor(exact):
        assert shown == round(exact, 3)  # rounded as before where that keeps the level


def test_every_view_of_a_score_just_below_a_level_shows_it_below(tmp_path: Path) -> None:
    framework, assessment = _files(tmp_path)
    for fmt in ("table", "markdown", "html", "summary"):
        code, out, err = _run("report", assessment, "--framework", framework, "--format", fmt)
        assert (code, err) == (0, ""), fmt
        out = out.replace("\\.", ".")  # Markdown writes `2\.999`
        assert "2.999 (level 2" in out, fmt
        assert "3 (level 2" not in out, fmt
        assert "Strand A1" in out, fmt  # the rest of the report kept
        assert "School One" in out, fmt
    plan = str(tmp_path / "plan.yaml")
    assert _run("plan", assessment, "--framework", framework, "-o", plan)[0] == 0
    code, out, err = _run(
        "plan", "--status", plan, "--framework", framework, "--review", assessment
    )
    assert (code, err) == (0, "")
    assert "2.999 (level 2)" in out
    assert "3 (level 2)" not in out
    code, out, err = _run("benchmark", assessment, "--framework", framework, "--school", "S1")
    assert (code, err) == (0, "")
    assert "2.999 (level 2)" in out
    assert "3 (level 2)" not in out


def test_validate_names_a_score_below_a_whole_number_as_below_it(tmp_path: Path) -> None:
    text = ASSESSMENT.replace(
        'A1: {answers: {A1-3: "yes", A1-2: "yes", A1-1: almost}',
        "A1: {answers: {A1-3: third, A1-2: third, A1-1: third}, level: 3",
    )
    framework, assessment = _files(tmp_path, text)
    code, out, err = _run("validate", framework, assessment)
    column = text.splitlines()[5].index("level: 3") + 8  # at the level given
    assert code == 1
    assert out.splitlines()[1:] == [
        f"{assessment}:6:{column}: error: judgements.A1.level: level 3 disagrees with the answers, "
        "which score 0.999 (level 4) (give level 4, or leave `level` out: the answers decide "
        "it)"
    ]
    assert out.startswith(f"{framework}: ok: framework rev-q@1")
    assert err == "2 files checked: 1 valid, 1 invalid (1 error)\n"


# -- a score as a float: never the next whole number up ------------------------------------

ALMOST = FRAMEWORK.replace("value: 0.9999}", "value: 0.9999999999999999}").replace(
    '    - {id: "yes"',
    '    - {id: tiny, text: "A trace", value: 1e-300}\n    - {id: "yes"',
)


def test_a_float_score_stays_below_the_whole_number_its_exact_score_is_below() -> None:
    assert score_float(Fraction(3) - Fraction(1, 10**16)) == math.nextafter(3.0, 0)
    assert score_float(Fraction(3) - Fraction(1, 10**300)) == math.nextafter(3.0, 0)
    assert score_float(Fraction(7, 4)) == 1.75
    assert score_float(Fraction(3)) == 3.0
    assert score_float(Fraction(1, 3)) == 1 / 3
    assert score_float(Fraction(1, 10**300)) == 1e-300


@settings(max_examples=scaled(200))
@given(
    st.integers(0, 1000),
    st.one_of(st.integers(1, 10**6), st.integers(10**15, 10**30)),
    st.integers(1, 10**40),
)
def test_a_float_score_has_the_level_of_the_exact_score(whole: int, gap: int, scale: int) -> None:
    exact = whole + 1 - Fraction(gap, gap * scale + 1)  # just below, or well below, whole + 1
    found = score_float(exact)
    assert math.floor(found) == math.floor(exact) == whole
    assert abs(Fraction(found) - exact) <= Fraction(1, 2**40)


def test_a_score_just_below_a_level_is_below_it_in_the_profile_and_every_cohort_view(
    tmp_path: Path,
) -> None:
    """Before round 50 answers worth 2 + 0.9999999999999999 gave `Profile.score` 3.0 beside
    level 2 (rank 2): reports read `3 (level 2 Good)`, the progress 1.0 as at the best level,
    and `collect` wrote a row of rank 2 and score 3.0 that `report --cohort` then refused
    (`judgement rows do not fit`) and `benchmark` counted as not judged."""
    framework_path, assessment = _files(tmp_path, framework=ALMOST)
    framework = load_framework(framework_path)
    profile = score(framework, load_assessment(assessment, framework=framework))
    assert profile.level("A1") == 2
    assert profile.score("A1") == math.nextafter(3.0, 0)
    assert profile.progress("A1") == math.nextafter(1.0, 0)
    cohort = str(tmp_path / "cohort.parquet")
    code, out, err = _run("collect", assessment, "--framework", framework_path, "-o", cohort)
    assert (code, err) == (0, f"Collected 1 review (1 row) into {cohort}.\n")
    rows = duckdb.execute(f"SELECT strand, rank, score FROM read_parquet('{cohort}')").fetchall()
    assert rows == [("A1", 2, math.nextafter(3.0, 0))]
    code, out, err = _run("report", assessment, "--framework", framework_path, "--cohort", cohort)
    assert (code, err) == (0, "")
    assert "2.999 (level 2 Good)" in out
    code, out, err = _run("benchmark", cohort, "--framework", framework_path, "--school", "S1")
    assert (code, err) == (0, "")
    assert re.search(r"A1 +Strand A1 +2\.999 \(level 2\) +2 +2 +2 +50", out), out


TRACE = ASSESSMENT.replace("S1, name: School One", "S2, name: School Two").replace(
    'A1-2: "yes", A1-1: almost}, evidence: Seen', 'A1-2: tiny, A1-1: "no"}'
)


def test_an_answer_worth_1e_300_is_counted_by_every_cohort_command(tmp_path: Path) -> None:
    """Before round 50 `benchmark` and `support` stopped with an internal error (a score
    times 10**300 does not fit SQL's BIGINT) and `report --cohort` said the cohort file could
    not be read, naming DuckDB's conversion error."""
    framework, one = _files(tmp_path, framework=ALMOST)
    two = tmp_path / "two.yaml"
    two.write_text(TRACE, encoding="utf-8")
    code, out, err = _run("benchmark", one, str(two), "--framework", framework)
    assert (code, err) == (0, "")
    assert re.search(r"A1 +Strand A1 +0 +1 +1 +0 +0 ", out), out  # one at level 3, one at 2
    code, out, err = _run("support", one, str(two), "--framework", framework, "--reached", "2")
    assert (code, err) == (0, "")
    assert re.search(r"strand +A1 +Strand A1 +1 +2 +S2\n", out), out
    cohort = str(tmp_path / "cohort.parquet")
    assert _run("collect", one, str(two), "--framework", framework, "-o", cohort)[0] == 0
    code, out, err = _run("report", str(two), "--framework", framework, "--cohort", cohort)
    assert (code, err) == (0, "")
    assert "School Two" in out


def test_a_cohort_s_unit_of_score_fits_sql_however_fine_the_answers() -> None:
    """Thirds written `0.3333333333333333` are tenths of 10**16: over a thousand strands of
    a 0..3 scale their sum needs 3 * 10**19 units, more than BIGINT holds (before round 50,
    `Overflow in multiplication of INT64 (1000 * 10000000000000000)`)."""
    framework = Framework.model_validate(_many_strands(1000))
    assert Layout(framework, "mean").denominator == 10**15  # 2**62 // 3000 is 1.5e15
    assert Layout(Framework.model_validate(_many_strands(10)), "mean").denominator == 10**16


def test_the_unit_of_score_is_exact_while_a_strand_s_best_fits_in_its_share() -> None:
    """The room is 2**62 shared by each strand's best score: 4 * 10**18 units (an answer
    worth 2.5e-19) fit beside one strand of a 0..1 scale; 10**18 do not beside one of a
    0..5 scale (5 * 10**18), which counts in 10**17."""
    one = Framework.model_validate(_many_strands(1, 1, 2.5e-19))
    assert Layout(one, "mean").denominator == 4 * 10**18
    five = Framework.model_validate(_many_strands(1, 5, 1e-18))
    assert Layout(five, "mean").denominator == 10**17


def _many_strands(count: int, top: int = 3, value: float = 0.3333333333333333) -> dict[str, object]:
    answers = [
        {"id": "no", "text": "No", "value": 0},
        {"id": "third", "text": "A part", "value": value},
    ]
    strands = [
        {
            "id": f"S{i}",
            "title": "S",
            "levels": {n: f"level {n}" for n in range(top + 1)},
            "questions": [
                {"id": f"S{i}-{n}", "level": n, "text": "q", "answers": "t"}
                for n in range(1, top + 1)
            ],
        }
        for i in range(count)
    ]
    return {
        "kind": "framework",
        "id": "many",
        "version": "1",
        "title": "Many",
        "scale": {"best": top, "worst": 0},
        "answer_sets": {"t": answers},
        "elements": [
            {"id": "E", "title": "E", "aspects": [{"id": "A", "title": "A", "strands": strands}]}
        ],
    }


def test_respondents_median_score_just_below_a_level_is_shown_below_it(tmp_path: Path) -> None:
    """Before round 50 five teachers answering 2 + 0.9999999999999999 had the median score
    3.0, and the school's own review the score 3.0: `voices` read `3 (level 2)` for both."""
    framework, _ = _files(tmp_path, framework=ALMOST)
    given = ASSESSMENT.replace("judgements:", "respondent: {group: teachers}\njudgements:")
    paths = []
    for n in range(5):
        path = tmp_path / f"teacher{n}.yaml"
        path.write_text(given.replace(", evidence: Seen", ""), encoding="utf-8")
        paths.append(str(path))
    own = tmp_path / "own.yaml"  # the school's own review, beside its respondents'
    own.write_text(ASSESSMENT, encoding="utf-8")
    code, out, err = _run("voices", *paths, str(own), "--framework", framework)
    assert code == 0
    (warning,) = err.splitlines()  # five copies: said (tests/voices/test_copies.py)
    assert warning.startswith("warning: 4 responses the same as an earlier one in every answer")
    assert re.search(r"A1 +Strand A1 +2\.999 \(level 2\) \[2\] n=5 +2\.999 \(level 2\)\n", out)
