"""Behaviours of `isolation.results` that a whole mutation pass (round 37) found no test
pinned, each fed to a plugin through `Engine` and checked in the report."""

from __future__ import annotations

import pytest

from selfreview_core import Assessment, Engine, Framework, Recommendation
from test_engine import plugin_module

LINK = "https://example.org/écoles/café"


@pytest.mark.parametrize("shape", ["model", "mapping"])
def test_text_beyond_ascii_in_a_recommendations_links_is_kept(
    small_framework: Framework, assessment: Assessment, shape: str
) -> None:
    """Only a lone surrogate makes text unwritable: accented letters in a link are text
    like any other, taken as they are."""
    fields = {"id": "accents", "title": "T", "action": "A", "targets": ("A1",), "links": (LINK,)}
    given: object = Recommendation(**fields) if shape == "model" else dict(fields)
    plugin = plugin_module("accents", selfreview_recommend=lambda: [given])
    report = Engine(entry_points=False, plugins=[plugin]).report(
        assessment, framework=small_framework
    )
    assert report.problems == ()
    [kept] = [r for r in report.recommendations if r.source == "accents"]
    assert kept.links == (LINK,)
    assert LINK in report.model_dump_json()
