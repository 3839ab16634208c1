"""The parental-engagement rule pack: each rule against hand-written schools, the documents
it names, and the pack as shipped and installed."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import selfreview_parental_engagement as plugin
from hypothesis import given, settings

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
from selfreview_core.testing import assessments

PACK_ID = "parental-engagement"
ROOT = Path(__file__).resolve().parents[1]
BECTA = Engine(entry_points=False).framework("becta-srf")

IET = 'IET Associates, "ICT and Parental Engagement – it DOES make a difference!"'
PLA = "peer learning activity (PLA) on leadership in ICT and parental involvement"
CONCLUSIONS = '"Conclusions: Policy and Community"'
#: The document each rule's advice is quoted from.
DOCUMENTS = {
    "parents-technology-in-pockets": IET,
    "parents-see-progress": IET,
    "parents-security-taken-seriously": PLA,
    "esafety-resources-for-home": CONCLUSIONS,
    "parents-language-needs": PLA,
    "vision-supported-by-parents": PLA,
}


def school(framework: Framework, levels: dict[str, int]) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=School(id="T1", name="Test School"),
        assessed_on=dt.date(2026, 10, 1),
        judgements={strand: Judgement(level=level) for strand, level in levels.items()},
    )


def recommend(framework: Framework, levels: dict[str, int]) -> dict[str, Recommendation]:
    engine = Engine(plugins=[plugin], entry_points=False, disable=["next-steps"])
    report = engine.report(school(framework, levels), framework=framework)
    assert report.problems == ()
    return {rec.id: rec for rec in report.recommendations}


def pack(framework: Framework) -> RulePack:
    return load_rules(plugin.PACK, framework)


# -- each rule -----------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "fires"), [(5, True), (4, True), (3, True), (2, False)])
def test_technology_parents_carry_while_communication_is_short_of_level_2(
    becta: Framework, level: int, fires: bool
) -> None:
    found = recommend(becta, {"1c3": level})
    assert ("parents-technology-in-pockets" in found) is fires
    if fires:
        rec = found["parents-technology-in-pockets"]
        assert rec.audience == "parents"
        assert rec.source == PACK_ID
        assert rec.targets == ("1c3",)
        assert "technology parents have in their pockets" in rec.action
        assert rec.rationale == f"1c3 is not yet at level 2 (it is at {level})"


@pytest.mark.parametrize(("level", "fires"), [(5, True), (4, True), (3, False), (1, False)])
def test_reporting_to_parents_and_their_language_needs(
    becta: Framework, level: int, fires: bool
) -> None:
    found = recommend(becta, {"1c2": level})
    assert ("parents-see-progress" in found) is fires
    assert ("parents-language-needs" in found) is fires


def test_language_needs_from_either_communication_or_reporting(becta: Framework) -> None:
    rec = recommend(becta, {"1c2": 2, "1c3": 4})["parents-language-needs"]
    assert rec.targets == ("1c3", "1c2")
    assert "language issues" in rec.action
    assert "parents-language-needs" not in recommend(becta, {"1c2": 2, "1c3": 3})


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (5, {"parents-security-taken-seriously", "esafety-resources-for-home"}),
        (4, {"parents-security-taken-seriously", "esafety-resources-for-home"}),
        (3, {"esafety-resources-for-home"}),
        (2, set()),
        (1, set()),
    ],
)
def test_esafety_with_parents(becta: Framework, level: int, expected: set[str]) -> None:
    assert set(recommend(becta, {"1b5": level})) == expected


@pytest.mark.parametrize("level", [5, 4, 3, 2])
def test_a_vision_not_yet_supported_by_parents(becta: Framework, level: int) -> None:
    rec = recommend(becta, {"1a1": level})["vision-supported-by-parents"]
    assert rec.priority == "low"
    assert rec.audience == "senior leadership"
    assert "Leave room for parental discussions" in rec.action


def test_nothing_fires_at_the_best_level(becta: Framework) -> None:
    assert recommend(becta, dict.fromkeys(becta.strand_ids, becta.scale.best)) == {}


def test_a_weak_school_gets_every_rule(becta: Framework) -> None:
    found = recommend(becta, dict.fromkeys(becta.strand_ids, 4))
    assert set(found) == set(DOCUMENTS)


# -- documents and links -----------------------------------------------------------------


def test_every_recommendation_names_its_document(becta: Framework) -> None:
    for rec in recommend(becta, dict.fromkeys(becta.strand_ids, 5)).values():
        assert rec.reference is not None
        assert DOCUMENTS[rec.id] in rec.reference
        assert "undated" in rec.reference  # none of the three gives a date
        assert rec.links == ()  # none of the three gives a web address
        assert rec.audience in AUDIENCES


def test_every_rule_gives_its_own_reference(becta: Framework) -> None:
    the_pack = pack(becta)
    assert the_pack.reference is None
    assert {rule.id for rule in the_pack.rules} == set(DOCUMENTS)
    for rule in the_pack.rules:
        assert rule.recommend.reference is not None
        assert all(link.startswith(("http://", "https://")) for link in rule.recommend.links)


@settings(deadline=None, max_examples=settings().max_examples // 2)
@given(assessments(BECTA))
def test_well_formed_and_only_short_of_the_best(assessment: Assessment) -> None:
    engine = Engine(plugins=[plugin], entry_points=False, disable=["next-steps"])
    report = engine.report(assessment, framework=BECTA)
    assert report.problems == ()
    for rec in report.recommendations:
        assert rec.source == PACK_ID
        assert rec.reference is not None
        assert DOCUMENTS[rec.id] in rec.reference
        levels = [report.profile.level(target) for target in rec.targets]
        assert any(level is not None and level != BECTA.scale.best for level in levels)


# -- the pack as shipped and installed ----------------------------------------------------


def test_the_pack_validates_from_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "selfreview_core", "validate", str(plugin.PACK)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_installed_entry_point_provides_the_pack() -> None:
    engine = Engine()
    assert PACK_ID in [p.name for p in engine.plugins()]
    assert any(e.pack.id == PACK_ID and e.provider == PACK_ID for e in engine.rule_packs())
    assert not [p for p in engine.problems if p.source == PACK_ID]


def test_the_wheel_ships_the_pack(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    wheel = next(
        iter(WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"]))
    )
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "selfreview_parental_engagement/parental-engagement.yaml" in names
    assert "selfreview_parental_engagement/py.typed" in names
