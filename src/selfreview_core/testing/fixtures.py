"""Pytest fixtures: a small framework whose best level is the highest number, the bundled
Becta framework (the other way round), an assessment, and an engine with only the built-in
plugins. Loaded with `pytest_plugins = ["selfreview_core.testing"]`."""

from __future__ import annotations

import datetime as dt

import pytest

from ..engine import Engine
from ..model.assessment import Assessment, Judgement, School
from ..model.framework import Aspect, Element, Framework, Strand
from ..model.scale import Scale

__all__ = ["assessment", "becta", "engine", "small_framework"]


def _small_framework() -> Framework:
    """Two elements on a 0 (worst) .. 3 (best) scale: the other direction from Becta's."""

    def strand(strand_id: str, title: str) -> Strand:
        return Strand(
            id=strand_id,
            title=title,
            levels={
                0: f"{title}: not started.",
                1: f"{title}: beginning.",
                2: f"{title}: established.",
                3: f"{title}: embedded.",
            },
        )

    return Framework(
        id="small",
        version="1",
        title="A small test framework",
        scale=Scale(best=3, worst=0, labels={0: "Not started", 3: "Embedded"}),
        elements=(
            Element(
                id="A",
                title="Leadership",
                aspects=(
                    Aspect(
                        id="A1",
                        title="Vision",
                        strands=(strand("A1.1", "Vision"), strand("A1.2", "Review")),
                    ),
                    Aspect(id="A2", title="Strategy", strands=(strand("A2.1", "Strategy"),)),
                ),
            ),
            Element(
                id="B",
                title="Learning",
                aspects=(Aspect(id="B1", title="Teaching", strands=(strand("B1.1", "Teaching"),)),),
            ),
        ),
    )


@pytest.fixture
def small_framework() -> Framework:
    """A four-strand framework whose best level is the highest number (3)."""
    return _small_framework()


@pytest.fixture
def becta() -> Framework:
    """The bundled Becta framework (best 1, worst 5)."""
    return Engine(entry_points=False).framework("becta-srf")


@pytest.fixture
def assessment(small_framework: Framework) -> Assessment:
    """A partial assessment of `small_framework`: three of its four strands judged."""
    return Assessment(
        framework=small_framework.ref,
        school=School(id="T1", name="Test School", authority="Test Authority"),
        assessed_on=dt.date(2026, 10, 1),
        judgements={
            "A1.1": Judgement(level=2, evidence="Vision shared with staff."),
            "A1.2": Judgement(level=0),
            "A2.1": Judgement(level=1),
        },
    )


@pytest.fixture
def engine() -> Engine:
    """A fresh engine with only the built-in plugins: no entry points from the environment."""
    return Engine(entry_points=False)
