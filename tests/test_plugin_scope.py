"""Plugins scoped to the frameworks they were written for (SPEC 10): `SELFREVIEW_SERVES`, the
engine calling `selfreview_recommend` only for served frameworks, the first-party plugins'
declarations, and `selfreview plugins` showing them."""

from __future__ import annotations

import json
import types
from typing import Any

import pytest
import selfreview_lea_support as lea_support
from click.testing import CliRunner

from selfreview_core import (
    Engine,
    Framework,
    Recommendation,
    hookimpl,
    load_assessment,
    load_framework,
)
from selfreview_core.cli import cli
from selfreview_core.model.assessment import Assessment
from test_scores import EXAMPLES


def advising(name: str, serves: object = None, *, declare: bool = True) -> types.ModuleType:
    """A plugin that gives one recommendation, for the strand it is given first."""
    module = types.ModuleType(name)

    @hookimpl
    def selfreview_recommend(framework: Framework) -> list[Recommendation]:
        target = framework.strand_ids[0]
        return [
            Recommendation(id=f"{name}-advice", title="Advice", action="Act.", targets=(target,))
        ]

    module.selfreview_recommend = selfreview_recommend  # type: ignore[attr-defined]
    if declare:
        module.SELFREVIEW_SERVES = serves  # type: ignore[attr-defined]
    return module


def sources(engine: Engine, assessment: Assessment, framework: Framework) -> set[str]:
    report = engine.report(assessment, framework=framework)
    return {rec.source for rec in report.recommendations}


@pytest.fixture
def school(becta: Framework) -> Assessment:
    return Assessment.model_validate(
        {
            "framework": becta.id,
            "school": {"id": "s", "name": "S"},
            "assessed_on": "2026-01-01",
            "judgements": {becta.strand_ids[0]: 4},
        }
    )


@pytest.mark.parametrize(
    ("serves", "called"),
    [
        (("becta-srf",), True),
        (["becta-srf@2010"], True),
        ("becta-srf", True),
        (("subject:school",), True),
        (("other-framework",), False),
        (("becta-srf@1999",), False),
        (("subject:organisation",), False),
        ((), False),
    ],
)
def test_a_plugin_is_called_only_for_the_frameworks_it_serves(
    becta: Framework, school: Assessment, serves: Any, called: bool
) -> None:
    engine = Engine(plugins=[advising("scoped", serves)], entry_points=False)
    assert ("scoped" in sources(engine, school, becta)) is called
    assert engine.report(school, framework=becta).problems == ()
    [info] = [p for p in engine.plugins() if p.name == "scoped"]
    expected = (serves,) if isinstance(serves, str) else tuple(serves)
    assert info.serves == expected


def test_a_plugin_that_declares_nothing_serves_every_framework(
    becta: Framework, school: Assessment
) -> None:
    engine = Engine(plugins=[advising("open", declare=False)], entry_points=False)
    assert "open" in sources(engine, school, becta)
    [info] = [p for p in engine.plugins() if p.name == "open"]
    assert info.serves is None


@pytest.mark.parametrize("serves", [42, [1, 2], ["ok", ""], {"becta-srf": True}])
def test_a_malformed_declaration_is_a_problem_and_the_plugin_serves_all(
    becta: Framework, school: Assessment, serves: object
) -> None:
    engine = Engine(plugins=[advising("odd", serves)], entry_points=False)
    report = engine.report(school, framework=becta)
    assert "odd" in {rec.source for rec in report.recommendations}
    [problem] = [p for p in report.problems if p.source == "odd"]
    assert problem.message.startswith("`SELFREVIEW_SERVES` must be a list of framework ids")
    assert problem.message.endswith("it is called for every framework")


def test_a_declaration_that_raises_is_a_problem(becta: Framework, school: Assessment) -> None:
    class Hostile:
        name = "hostile-serves"

        @property
        def SELFREVIEW_SERVES(self) -> tuple[str, ...]:
            raise RuntimeError("no")

        @hookimpl
        def selfreview_recommend(self, framework: Framework) -> list[Recommendation]:
            return [
                Recommendation(id="h", title="H", action="A.", targets=(framework.strand_ids[0],))
            ]

    engine = Engine(plugins=[Hostile()], entry_points=False)
    report = engine.report(school, framework=becta)
    assert "hostile-serves" in {rec.source for rec in report.recommendations}
    [problem] = [p for p in report.problems if p.source == "hostile-serves"]
    assert "`SELFREVIEW_SERVES` cannot be read" in problem.message
    assert "RuntimeError" in problem.message


def test_lea_support_gives_no_school_advice_to_an_organisation() -> None:
    """The issue: lea-support advised a software organisation to analyse its teachers'
    training needs. A framework whose `terms` speak of settings is not about schools."""
    engine = Engine(plugins=[lea_support], entry_points=False, disable=["next-steps"])
    framework = load_framework(EXAMPLES / "technology-standards.yaml")
    assert framework.terms.subject == "setting"
    assessment = load_assessment(EXAMPLES / "example-setting.yaml", framework=framework)
    report = engine.report(assessment, framework=framework)
    assert not [r for r in report.recommendations if r.source == "lea-support"]
    assert report.problems == ()
    # and the plugin checks for itself, when called directly
    direct = lea_support.selfreview_recommend(
        framework=framework, profile=report.profile, previous=None
    )
    assert direct == []


def test_the_first_party_plugins_declare_their_frameworks() -> None:
    import selfreview_becta_leadership
    import selfreview_parental_engagement

    assert lea_support.SELFREVIEW_SERVES == ("becta-srf", "subject:school")
    assert selfreview_becta_leadership.SELFREVIEW_SERVES == ("becta-srf",)
    assert selfreview_parental_engagement.SELFREVIEW_SERVES == ("becta-srf",)


def test_plugins_shows_which_frameworks_each_serves() -> None:
    runner = CliRunner()
    table = runner.invoke(cli, ["plugins"])
    assert table.exit_code == 0, table.output
    header = table.output.splitlines()[0]
    assert header.split() == ["plugin", "version", "hooks", "from", "frameworks"]
    rows = {line.split()[0]: line for line in table.output.splitlines()[2:] if line.strip()}
    assert rows["lea-support"].endswith("becta-srf, subject:school")
    assert rows["next-steps"].endswith("all")
    data = json.loads(runner.invoke(cli, ["plugins", "--format", "json"]).output)
    serves = {p["name"]: p["serves"] for p in data["plugins"]}
    assert serves["lea-support"] == ["becta-srf", "subject:school"]
    assert serves["becta-leadership"] == ["becta-srf"]
    assert serves["next-steps"] is None


def test_the_plugins_serving_one_framework_are_not_kept_for_the_next(
    becta: Framework, school: Assessment
) -> None:
    """The engine keeps the last framework's recommenders (round 54) while the plugins do
    not change (round 55): a report of another framework between two of this one gets its
    own, not the last one's (a mutant comparing the frameworks the wrong way round kept
    them and survived every other test)."""
    other = becta.model_copy(update={"id": "other-framework"})
    theirs = school.model_copy(update={"framework": other.id})
    engine = Engine(plugins=[advising("scoped", ("becta-srf",))], entry_points=False)
    assert "scoped" in sources(engine, school, becta)
    assert "scoped" not in sources(engine, theirs, other)
    assert "scoped" in sources(engine, school, becta)
    assert "scoped" not in sources(engine, theirs, other)
