"""Fuzzing what plugins return: whatever each hook gives (junk of any shape, constructed
models with junk fields, generators that raise part-way, exceptions of any kind), the
engine never raises, every problem names the plugin, and the report exports in every
format (SPEC 4: "nothing a plugin returns can crash an exporter later")."""

from __future__ import annotations

import types
from functools import cache

import pytest
from hypothesis import given, settings

from fuzz.plugin_values import hostile_plugins
from selfreview_core import Assessment, Engine, Framework, SelfReviewError, load_assessment
from selfreview_core.plugins import DEFAULT_PLUGINS

from .harness import ROOT

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow

EXAMPLES = settings().max_examples
STANDARD = ("table", "json", "csv", "markdown", "html")
BUILT_IN = {name for name, _ in DEFAULT_PLUGINS}


@cache
def school() -> tuple[Framework, Assessment]:
    engine = Engine(entry_points=False)
    framework = engine.framework("becta-srf")
    path = ROOT / "examples" / "example-primary-2026.yaml"
    return framework, load_assessment(path, engine.framework_names())


def _encodable(output: str | bytes) -> None:
    if isinstance(output, str):
        output.encode("utf-8")


@settings(max_examples=EXAMPLES)
@given(hostile_plugins())
def test_the_engine_survives_anything_a_plugin_returns(plugin: types.ModuleType) -> None:
    framework, assessment = school()
    engine = Engine(entry_points=False, plugins=[plugin])
    engine.frameworks()
    engine.rule_packs()
    engine.migrations()
    exporters = engine.exporters()
    report = engine.report(assessment)
    assert report.framework == framework
    assert {p.source for p in report.problems} <= {"fuzzed", "engine"}
    assert any(r.source == "next-steps" for r in report.recommendations)  # others' work stands
    for name in STANDARD:
        _encodable(engine.export(report, name))
    for name, exporter in exporters.items():
        assert exporter.extension.startswith(".")
        if name in STANDARD:
            continue
        failed = None
        try:
            _encodable(engine.export(report, name))
        except SelfReviewError as error:  # a plugin's exporter may fail: it says whose
            failed = str(error)
        assert failed is None or f"exporter {name} (from fuzzed) " in failed
    report.model_dump_json()
    Engine(entry_points=False, plugins=[plugin], disable=["fuzzed"]).report(
        assessment, framework=framework
    )
