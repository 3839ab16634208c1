"""`support` of a framework of many strands, read in long form (`sql_support`).

Round 53: all 1,100 ids of a 1,000-strand framework in one query ran DuckDB out of memory
for a single school. Round 54: a few ids a query still compiled the 1,111-column query of
the entries again for each consumer, and each strand's evidence text was a column of its own
(one school: 28 s of CPU and 2.3 GB; a thousand did not finish in 25 minutes). The entries
are now tables of a row per judged strand, made once; each text is read from the rows.
These tests hold the lists and the rebuilt reviews to the plain definition (`score` of
each school's own review), on reviews staged as several lines each (`LINE_JUDGEMENTS`).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from selfreview_core import Assessment, Engine, Framework, Judgement, score
from selfreview_core.cli import cli
from selfreview_core.cohort import sql_support
from selfreview_core.cohort.rows import connect, staged_rows
from selfreview_core.cohort.sql import SqlCohort
from selfreview_core.cohort.staged_lines import LINE_JUDGEMENTS, staged_text
from selfreview_core.cohort.support import EVIDENCE_NOT_KEPT, Reported, support

ROOT = Path(__file__).resolve().parents[2]
if os.fspath(ROOT) not in sys.path:
    sys.path.insert(0, os.fspath(ROOT))

from bench.wide import wide_framework, wide_school, write_wide  # noqa: E402


def _reviews(document: dict[str, Any], schools: int) -> list[Assessment]:
    """`schools` wide reviews, a strand in seven given evidence, one in thirteen not
    applicable."""
    out = []
    for n in range(schools):
        review = Assessment.model_validate(wide_school(document, n))
        judgements = dict(review.judgements)
        for k, strand in enumerate(judgements):
            if (k + n) % 13 == 0:
                judgements[strand] = Judgement(applicable=False, evidence=f"Not here {k}")
            elif (k + n) % 7 == 0:
                given = judgements[strand].model_copy(update={"evidence": f"Seen {n}.{k}"})
                judgements[strand] = given
        out.append(review.model_copy(update={"judgements": judgements}))
    return out


def _defined(
    framework: Framework, reviews: list[Assessment], rank: int
) -> dict[str, tuple[int, list[str]]]:
    """Per strand and aspect: the schools with a level there, and those below `rank`."""
    scale = framework.scale
    profiles = {r.school.id: score(framework, r, policy="mean") for r in reviews}
    ids = [*framework.strand_ids, *(a.id for a in framework.aspects)]
    out = {}
    for node in ids:
        levels = {school: p.level(node) for school, p in profiles.items()}
        judged = sorted(s for s, level in levels.items() if level is not None)
        below = [s for s in judged if scale.rank(levels[s]) < rank]  # type: ignore[arg-type]
        out[node] = (len(judged), below)
    return out


@pytest.mark.parametrize("rows", [sql_support.REVIEW_ROWS, 250, 1])
def test_support_of_a_wide_framework_is_the_defined_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int
) -> None:
    """Read a few entries a query (`REVIEW_ROWS`: every one, two, one), the same."""
    monkeypatch.setattr(sql_support, "REVIEW_ROWS", rows)
    document = wide_framework(1, 3, 40)  # 120 strands: each review staged as two lines
    framework = Framework.model_validate(document)
    reviews = _reviews(document, 5)
    staged = tmp_path / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, review in enumerate(reviews):
            out.write(staged_text(framework, review, f"#{n}", n, evidence=True))
    assert len(staged.read_text(encoding="utf-8").splitlines()) == 5 * -(-120 // LINE_JUDGEMENTS)
    seen: list[Assessment] = []

    def report(rebuilt: Iterable[Assessment]) -> Iterator[Reported]:
        for review in rebuilt:
            seen.append(review)
            yield review.school.id, (), ()

    con = connect(tmp_path)
    try:
        staging = staged_rows(str(staged), evidence=True, scores=True)
        cohort = SqlCohort(con, staging, framework, "mean", with_evidence=False)
        found = support(cohort, report, 2)
    finally:
        con.close()
    expected = _defined(framework, reviews, framework.scale.rank(2))
    assert {s.id: (s.judged, list(s.schools)) for s in found.shortfalls} == expected
    assert len(found.shortfalls) == 123
    needing = sorted({school for _, below in expected.values() for school in below})
    assert [r.school.id for r in seen] == needing
    assert (found.size, found.needing) == (5, len(needing))
    own = {r.school.id: r for r in reviews}
    ids = [*framework.strand_ids, *(a.id for a in framework.aspects), "E0"]
    for review in seen:
        want, got = own[review.school.id], review
        assert list(got.judgements) == list(want.judgements)
        for strand, judgement in want.judgements.items():
            rebuilt = got.judgements[strand]
            if judgement.is_applicable:
                assert (rebuilt.level, rebuilt.evidence) == (
                    score(framework, want, policy="mean").level(strand),
                    judgement.evidence,
                )
            else:
                assert (rebuilt.is_applicable, rebuilt.evidence) == (False, EVIDENCE_NOT_KEPT)
        mine, theirs = score(framework, want, policy="mean"), score(framework, got, policy="mean")
        assert [(mine.level(i), mine.score(i)) for i in ids] == [
            (theirs.level(i), theirs.score(i)) for i in ids
        ]


@pytest.mark.slow
def test_support_of_eighty_wide_schools_lists_them_as_defined(tmp_path: Path) -> None:
    """The whole command over 80 schools of the 1,000-strand benchmark framework
    (`bench.wide`), which ran out of memory before round 54 (for one school): exit 0, and
    the lists of the plain definition, and each school's advice as its own report gives it.
    80 schools, where 200 were until round 81 (34 s of processor time, the command 25 of
    them): more than the 65 reviews a query of `REVIEW_ROWS` rows holds at 1,000 strands,
    and 80,000 strands' rows, more than a read of `PLACES_READ`, so the command still reads
    in several steps, as it did at 200."""
    framework_path, schools_path = write_wide(tmp_path, 80)
    before = schools_path.read_bytes()
    result = CliRunner().invoke(
        cli,
        ["support", "--framework", str(framework_path), str(schools_path), "--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    document = json.loads(framework_path.read_text(encoding="utf-8"))
    framework = Framework.model_validate(document)
    reviews = [Assessment.model_validate(wide_school(document, n)) for n in range(80)]
    expected = _defined(framework, reviews, framework.scale.rank(found["reached"]))
    assert {s["id"]: (s["judged"], s["schools"]) for s in found["shortfalls"]} == expected
    needing = {school for _, below in expected.values() for school in below}
    assert (found["size"], found["needing"]) == (80, len(needing))
    strands = len(framework.strand_ids)
    assert len(needing) > sql_support.REVIEW_ROWS // strands  # the reviews read in two steps
    assert 80 * strands > sql_support.PLACES_READ
    engine = Engine(frameworks=[framework_path])
    for review in reviews[:3]:  # each school's advice is what its own report makes
        made = engine.report(review, framework=framework, policy="mean").recommendations
        listed = {a["id"] for a in found["recommendations"] if review.school.id in a["schools"]}
        assert listed == {rec.id for rec in made}
    assert schools_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schools.jsonl", "wide.yaml"]
