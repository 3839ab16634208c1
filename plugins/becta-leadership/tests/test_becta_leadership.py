"""The becta-leadership rule pack: what fires for a school, what never fires, and the pack
itself (every strand covered, valid, shipped in the wheel, found through its entry point)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import selfreview_becta_leadership as plugin
from hypothesis import given, settings
from hypothesis import strategies as st

from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    Judgement,
    Recommendation,
    RulePack,
    School,
    load_rules,
)
from selfreview_core._names import AUDIENCES
from selfreview_core.model import conditions as rule_model
from selfreview_core.testing import assessments

PACK_ID = "becta-leadership"
ARCHIVED_TOOL = "selfreview.becta.org.uk"
ROOT = Path(__file__).resolve().parents[1]
BECTA = Engine(entry_points=False).framework("becta-srf")


def school(framework: Framework, levels: dict[str, int]) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=School(id="T1", name="Test School", authority="Test Authority"),
        assessed_on=dt.date(2026, 10, 1),
        judgements={strand: Judgement(level=level) for strand, level in levels.items()},
    )


def recommend(framework: Framework, levels: dict[str, int]) -> list[Recommendation]:
    """The pack's recommendations for a school with these levels (next steps left out)."""
    engine = Engine(plugins=[plugin], entry_points=False, disable=["next-steps"])
    report = engine.report(school(framework, levels), framework=framework)
    assert report.problems == ()
    return list(report.recommendations)


def by_id(recommendations: list[Recommendation]) -> dict[str, Recommendation]:
    return {rec.id: rec for rec in recommendations}


def pack(framework: Framework) -> RulePack:
    return load_rules(plugin.PACK, framework)


# -- the mission's example ------------------------------------------------------------------


@pytest.mark.parametrize("level", [4, 5])
def test_involve_slt_when_ict_leadership_is_left_to_individuals(
    becta: Framework, level: int
) -> None:
    rec = by_id(recommend(becta, {"1b1": level}))["involve-slt"]
    assert rec.title == "Bring ICT leadership into the senior leadership team"
    assert rec.priority == "high"
    assert rec.audience == "senior leadership"
    assert rec.source == PACK_ID
    assert rec.targets == ("1b1",)
    assert rec.rationale == f"1b1 is at level 4 or 5 (it is at {level})"
    assert "not part of the senior leadership team" in rec.action


@pytest.mark.parametrize("level", [1, 2, 3])
def test_involve_slt_not_once_the_senior_leadership_team_leads_ict(
    becta: Framework, level: int
) -> None:
    assert "involve-slt" not in by_id(recommend(becta, {"1b1": level}))


# -- a hand-written weak school ------------------------------------------------------------

WEAK_SCHOOL = {
    "1a1": 4,
    "1a2": 5,
    "1b1": 4,
    "1b2": 4,
    "1b3": 5,
    "1b4": 4,
    "1b5": 4,
    "1b6": 5,
    "1c1": 4,
    "1c2": 4,
    "1c3": 5,
    "1c4": 4,
}


def test_a_weak_school_gets_advice_on_every_strand(becta: Framework) -> None:
    found = recommend(becta, WEAK_SCHOOL)
    ids = {rec.id for rec in found}
    assert {
        "vision-clarify-expectations",
        "review-vision-include-ict",
        "involve-slt",
        "define-ict-strategy",
        "plan-ict-budget",
        "link-spending-to-outcomes",
        "coordinate-esafety",
        "communication-strategy",
        "managing-information-consistently",
    } <= ids
    assert {t for rec in found for t in rec.targets} >= set(becta.strand_ids)
    assert all(rec.source == PACK_ID for rec in found)
    # Level 5 comes first: high priority, then medium.
    priorities = [rec.priority for rec in found]
    assert priorities == sorted(priorities, key=("high", "medium", "low").index)


@pytest.mark.parametrize("level", [4, 5])
@pytest.mark.parametrize("strand", BECTA.strand_ids)
def test_every_strand_has_advice_at_each_weak_level(
    becta: Framework, strand: str, level: int
) -> None:
    found = recommend(becta, {strand: level})
    assert any(strand in rec.targets for rec in found), f"nothing for {strand} at {level}"
    if level == 5:
        assert any(rec.priority == "high" for rec in found if strand in rec.targets)


def test_nothing_fires_at_the_best_level(becta: Framework) -> None:
    best = becta.scale.best
    assert recommend(becta, dict.fromkeys(becta.strand_ids, best)) == []


@pytest.mark.parametrize("strand", BECTA.strand_ids)
def test_nothing_fires_for_a_strand_at_the_best_level(becta: Framework, strand: str) -> None:
    assert recommend(becta, {strand: becta.scale.best}) == []


@settings(deadline=None, max_examples=settings().max_examples // 2)
@given(assessments(BECTA))
def test_every_recommendation_is_about_something_not_yet_at_the_best_level(
    assessment: Assessment,
) -> None:
    engine = Engine(plugins=[plugin], entry_points=False, disable=["next-steps"])
    report = engine.report(assessment, framework=BECTA)
    assert report.problems == ()
    for rec in report.recommendations:
        levels = [report.profile.level(target) for target in rec.targets]
        assert any(level is not None and level != BECTA.scale.best for level in levels), rec.id


# -- the compound and the aspect rule -------------------------------------------------------


def test_strategy_lagging_a_clear_vision(becta: Framework) -> None:
    rec = by_id(recommend(becta, {"1a1": 3, "1b2": 4}))["align-strategy-with-vision"]
    assert rec.targets == ("1a1", "1b2")
    assert "1a1 has reached level 3 (it is at 3)" in rec.rationale
    assert "1b2 is not yet at level 3 (it is at 4)" in rec.rationale
    for levels in ({"1a1": 4, "1b2": 4}, {"1a1": 2, "1b2": 3}, {"1a1": 2}):
        assert "align-strategy-with-vision" not in by_id(recommend(becta, levels))


def test_managing_information_as_a_whole(becta: Framework) -> None:
    rec = by_id(recommend(becta, {"1c1": 4, "1c2": 4, "1c3": 3}))[
        "managing-information-consistently"
    ]
    assert rec.targets == ("1c",)
    assert "aspect 1c is not yet at level 3 (it is at 4, the median" in rec.rationale
    found = by_id(recommend(becta, {"1c1": 3, "1c2": 2, "1c3": 4}))
    assert "managing-information-consistently" not in found


def test_governors_and_parents_where_the_descriptors_name_them(becta: Framework) -> None:
    found = by_id(recommend(becta, {"1a1": 3, "1b5": 3, "1c2": 3}))
    assert found["vision-governors-and-pupils"].audience == "governors"
    assert found["embed-safeguarding-policies"].audience == "governors"
    assert found["esafety-parents-carers"].audience == "parents"
    assert found["report-online-to-parents"].audience == "parents"


# -- the pack itself ------------------------------------------------------------------------


def test_the_pack_names_its_source_document_and_no_dead_link(becta: Framework) -> None:
    the_pack = pack(becta)
    assert the_pack.id == PACK_ID
    assert the_pack.framework == "becta-srf"
    assert the_pack.publisher == "Becta"
    assert the_pack.reference is not None
    assert "Becta (2010)" in the_pack.reference
    assert '"Self-review: Leadership and management"' in the_pack.reference
    for rule in the_pack.rules:
        advice = rule.recommend
        assert advice.reference is None  # every rule takes the pack's reference
        assert advice.links == ()  # Becta's site is no longer online: no dead link
        assert advice.audience in AUDIENCES


def test_every_recommendation_carries_the_reference(becta: Framework) -> None:
    for rec in recommend(becta, WEAK_SCHOOL) + recommend(becta, dict.fromkeys(becta.strand_ids, 3)):
        assert rec.reference is not None
        assert "Becta (2010)" in rec.reference
        assert "Self-review: Leadership and management" in rec.reference
        assert rec.links == ()
        assert f"{ARCHIVED_TOOL}, is an archived source, no longer online" in rec.reference


def test_every_strand_is_covered_by_a_rule(becta: Framework) -> None:
    named = {
        node_id
        for rule in pack(becta).rules
        for kind, node_id in rule_model.subjects_of(rule.when)
        if kind == "strand"
    }
    assert named == set(becta.strand_ids)


def test_the_pack_has_an_aspect_rule_and_a_compound_rule(becta: Framework) -> None:
    rules = pack(becta).rules
    assert any(kind == "aspect" for rule in rules for kind, _ in rule_model.subjects_of(rule.when))
    assert any(not isinstance(rule.when, rule_model.Test) for rule in rules)


def test_rules_for_level_five_are_high_priority(becta: Framework) -> None:
    for rule in pack(becta).rules:
        if isinstance(rule.when, rule_model.Test) and rule.when.levels == (5,):
            assert rule.recommend.priority == "high", rule.id


def test_quotations_are_the_descriptors_verbatim(becta: Framework) -> None:
    """Every quotation of a whole sentence or more is found in some descriptor."""
    text = " ".join(" ".join(strand.levels.values()) for strand in becta.strands)
    for rule in pack(becta).rules:
        for quote in rule.recommend.action.split('"')[1::2]:
            if "..." in quote:
                continue
            assert quote in text or quote[:1].lower() + quote[1:] in text, (rule.id, quote)


def test_the_pack_validates_from_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "selfreview_core", "validate", str(plugin.PACK)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "becta-leadership" in result.stdout


# -- installation ----------------------------------------------------------------------------


def test_the_installed_entry_point_provides_the_pack() -> None:
    engine = Engine()
    assert PACK_ID in [p.name for p in engine.plugins()]
    assert any(
        entry.pack.id == PACK_ID and entry.provider == PACK_ID for entry in engine.rule_packs()
    )
    assert not [p for p in engine.problems if p.source == PACK_ID]


def test_the_wheel_ships_the_pack(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    wheel = next(
        iter(WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"]))
    )
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "selfreview_becta_leadership/becta-leadership.yaml" in names
    assert "selfreview_becta_leadership/py.typed" in names
    assert any(name.endswith("entry_points.txt") for name in names)


@given(st.sampled_from(BECTA.strand_ids), st.sampled_from(BECTA.scale.levels))
@settings(deadline=None, max_examples=settings().max_examples // 3)
def test_a_single_judgement_never_raises_and_stays_in_the_pack(strand: str, level: int) -> None:
    for rec in recommend(BECTA, {strand: level}):
        assert rec.source == PACK_ID
        assert rec.rationale
