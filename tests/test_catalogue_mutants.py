"""Behaviours of what plugins provide (`catalogue.py`) that its first whole mutation pass
(round 40) and the probes beside it found no test pinned: versions in natural order whatever
they are written with, and a named pipe, device or folder a plugin names as a framework or
rule pack file (or beside one, as its twin) refused, never waited on."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Engine, Framework
from selfreview_core.errors import UnknownFrameworkError
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
