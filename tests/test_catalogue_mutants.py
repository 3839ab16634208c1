"""Behaviours of what plugins provide (`catalogue.py`) that its first whole mutation pass
(round 40) and the probes beside it found no test pinned: versions in natural order whatever
they are written with, and a named pipe, device or folder a plugin names as a framework or
rule pack file (or beside one, as its twin) refused, never waited on."""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Assessment, Engine, Framework, RulePack
from selfreview_core.catalogue import framework_named
from selfreview_core.errors import UnknownFrameworkError
from selfreview_core.testing import mirror_assessment, mirror_framework
from test_engine import plugin_module


def _version(framework: Framework, version: str) -> Framework:
    return framework.model_copy(update={"version": version})


def _giving(*items: Any) -> Engine:
    return Engine(
        entry_points=False, plugins=[plugin_module("giver", selfreview_frameworks=lambda: items)]
    )


@pytest.mark.parametrize(
    ("versions", "latest"),
    [
        (("2", "10", "9"), "10"),
        (("1.9", "1.10", "1.2"), "1.10"),
        (("2008", "2010-rc", "2010"), "2010-rc"),
        (("0010", "9"), "0010"),
        (("1" * 5000, "9" * 4999), "1" * 5000),
        (("²", "1"), "²"),
        (("1.²", "1.1"), "1.²"),
        (("①", "٣"), "①"),
        (("100", "b"), "b"),
    ],
    ids=[
        "whole-numbers",
        "dotted",
        "suffixed",
        "leading-zeros",
        "5000-digits",
        "superscript",
        "dotted-superscript",
        "circled-and-arabic",
        "words-after-numbers",
    ],
)
def test_a_framework_by_id_is_its_latest_version_whatever_digits_the_versions_use(
    small_framework: Framework, versions: tuple[str, ...], latest: str
) -> None:
    engine = _giving(*(_version(small_framework, v) for v in versions))
    assert engine.framework(small_framework.id).version == latest
    for version in versions:
        assert engine.framework(f"{small_framework.id}@{version}").version == version
    assert engine.framework("becta-srf").ref == "becta-srf@2010"  # the others are kept
    assert engine.problems == []


def _unblock_after(path: Path, seconds: float) -> list[bool]:
    """Opens `path`, a named pipe, for writing after `seconds` (so that a reader waiting on
    it ends instead of hanging the suite); the list says whether it had to."""
    needed: list[bool] = []

    def unblock() -> None:
        time.sleep(seconds)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # nobody is reading: nothing to unblock
            return
        needed.append(True)
        os.close(descriptor)

    threading.Thread(target=unblock, daemon=True).start()
    return needed


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_a_plugin_gives_as_a_framework_file_is_refused_at_once(
    tmp_path: Path, small_framework: Framework
) -> None:
    pipe = tmp_path / "framework.yaml"
    os.mkfifo(pipe)
    needed = _unblock_after(pipe, 5)
    engine = _giving(str(pipe), small_framework)
    assert {e.framework.ref for e in engine.frameworks()} == {
        "becta-srf@2010",
        small_framework.ref,
    }
    [problem] = engine.problems
    assert (problem.source, problem.severity) == ("giver", "error")
    assert problem.message.startswith("framework file does not load:\n")
    assert "is a named pipe (FIFO), not a regular file" in problem.message
    assert str(pipe) in problem.message  # the file named
    assert needed == []  # never waited on


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_beside_a_plugins_file_as_its_twin_is_not_waited_on(
    tmp_path: Path, data: Path
) -> None:
    good = tmp_path / "framework.yaml"
    good.write_bytes((data / "good" / "tiny-framework.yaml").read_bytes())
    twin = tmp_path / "framework.yaml.twin"
    os.mkfifo(twin)
    needed = _unblock_after(twin, 5)
    engine = _giving(str(good))
    assert [e.path for e in engine.frameworks() if e.provider == "giver"] == [str(good)]
    assert engine.problems == []
    assert needed == []


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="a device that never ends")
def test_a_device_a_plugin_gives_as_a_rule_pack_file_is_refused_unread() -> None:
    plugin = plugin_module("giver", selfreview_rule_packs=lambda: ["/dev/zero"])
    engine = Engine(entry_points=False, plugins=[plugin])
    assert [e.provider for e in engine.rule_packs()] == []
    [problem] = engine.problems
    assert problem.message.startswith("rule pack does not load:\n")
    assert "is a character device, not a regular file" in problem.message


def test_a_version_not_available_names_the_versions_that_are_in_their_order(
    small_framework: Framework,
) -> None:
    engine = _giving(*(_version(small_framework, v) for v in ("9", "10", "2", "1.10", "1.9")))
    with pytest.raises(UnknownFrameworkError) as raised:
        engine.framework(f"{small_framework.id}@7")
    assert raised.value.hint == "available versions: 1.9, 1.10, 2, 9, 10"
    assert raised.value.first.code == "unknown-framework"


def test_a_misspelt_framework_with_a_version_is_told_the_id_meant() -> None:
    engine = Engine(entry_points=False)
    with pytest.raises(UnknownFrameworkError) as raised:
        engine.framework("becta-srff@2010")
    assert raised.value.hint == "did you mean `becta-srf`?"


def test_a_framework_file_given_without_a_known_suffix_is_found_by_its_path(
    tmp_path: Path, data: Path, small_framework: Framework
) -> None:
    path = tmp_path / "tiny-framework"  # no `.yaml`: named by the path it has
    path.write_bytes((data / "good" / "tiny-framework.yaml").read_bytes())
    engine = Engine(entry_points=False, frameworks=[small_framework, path])
    assert framework_named(engine, str(path)).ref == "tiny@1"
    assert framework_named(engine, "tiny").ref == "tiny@1"


def test_a_rule_pack_for_a_framework_not_available_is_refused_by_name() -> None:
    pack = RulePack.model_validate(
        {
            "id": "elsewhere",
            "framework": "nowhere",
            "rules": [
                {
                    "id": "r",
                    "when": {"strand": "A1.1", "level": [2]},
                    "recommend": {"title": "T", "action": "A"},
                }
            ],
        }
    )
    with pytest.raises(UnknownFrameworkError) as raised:
        Engine(entry_points=False, rule_packs=[pack])
    assert raised.value.first.message == (
        "rule pack elsewhere is for `nowhere`, which is not available"
    )
    engine = Engine(
        entry_points=False, plugins=[plugin_module("giver", selfreview_rule_packs=lambda: [pack])]
    )
    assert [e.pack.id for e in engine.rule_packs()] == []
    assert [(p.source, p.message) for p in engine.problems] == [
        (
            "giver",
            "rule pack does not load:\n"
            "rule pack elsewhere is for `nowhere`, which is not available",
        )
    ]


def test_what_an_engine_lists_cannot_be_changed_and_can_be_kept_in_a_set(root: Path) -> None:
    migration = root / "examples" / "migration"
    engine = Engine(
        frameworks=[migration / "example-srf-1.yaml", migration / "example-srf-2.yaml"],
        migrations=[migration / "example-srf-1-to-2.yaml"],
    )
    entries: list[Any] = [*engine.frameworks(), *engine.rule_packs(), *engine.migrations()]
    assert {type(e).__name__ for e in entries} == {
        "FrameworkEntry",
        "RulePackEntry",
        "MigrationEntry",
    }
    for entry in entries:
        with pytest.raises(dataclasses.FrozenInstanceError):
            entry.provider = "me"
    assert len(set(entries)) == len(entries)
    assert "me" not in {e.provider for e in engine.frameworks()}


def test_a_framework_of_the_same_ref_with_other_levels_gets_rules_compiled_for_it(
    small_framework: Framework, assessment: Assessment
) -> None:
    """`Engine.report(..., framework=F)` with F not the catalogue's own (here its mirror:
    the same ref, the scale written the other way): the rules are those of a fresh engine
    of F, never the ones compiled for the framework of that ref before."""
    pack = RulePack.model_validate(
        {
            "id": "below-two",
            "framework": small_framework.id,
            "rules": [
                {
                    "id": f"below-two-{strand}",
                    "when": {"strand": strand, "below": 2},
                    "recommend": {"title": "T", "action": "A"},
                }
                for strand in ("A1.1", "A1.2", "A2.1")
            ],
        }
    )
    mirror = mirror_framework(small_framework)
    mirrored = mirror_assessment(small_framework, assessment)

    def fired(engine: Engine, framework: Framework, judged: Assessment) -> list[str]:
        report = engine.report(judged, framework=framework)
        return sorted(r.id for r in report.recommendations if r.source == "below-two")

    engine = Engine(entry_points=False, frameworks=[small_framework], rule_packs=[pack])
    assert fired(engine, small_framework, assessment) == ["below-two-A1.2", "below-two-A2.1"]
    fresh = Engine(entry_points=False, frameworks=[mirror], rule_packs=[pack])
    expected = fired(fresh, mirror, mirrored)
    assert fired(engine, mirror, mirrored) == expected


def test_a_framework_a_plugin_gives_twice_is_said_to_be_given_twice(
    small_framework: Framework,
) -> None:
    """Before round 40 the warning named the plugin as if another had given it ("is also
    provided by giver; using giver's")."""
    engine = _giving(small_framework, small_framework)
    assert [(p.source, p.message, p.severity) for p in engine.problems] == []
    assert engine.framework(small_framework.ref) == small_framework
    assert [(p.source, p.message, p.severity) for p in engine.problems] == [
        (
            "giver",
            f"framework {small_framework.ref} is given twice by this plugin; using the first",
            "warning",
        )
    ]
