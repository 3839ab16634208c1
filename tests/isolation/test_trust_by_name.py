"""A plugin that registers an object of its own under a built-in plugin's name is not
trusted as the built-in (`PluginHost.trust`): trust follows the object the engine
registered, not the name.

Built-in plugins' answers are taken on their word (`PluginCall.trusted`: our own code's,
not validated again). Before round 56 trust went by name: `hostile-impostor`
(tests/plugins/selfreview_hostile/impostor.py), which finds the engine's plugin manager,
unregisters `next-steps` and registers its own object under that name, had its recommendation
that breaks the model's rules taken unchecked (the hook then failed, "selfreview_recommend
raised KeyError: 'urgent'", its good recommendation lost with it); under
`standard-exporters`' name, an exporter whose name `--format` cannot take was listed, and
`--format "bad name"` printed the report's Python `repr`.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pluggy
import pytest

from program import selfreview, selfreview_alone, with_plugin
from selfreview_core import hookimpl
from selfreview_core.default_plugins import next_steps
from selfreview_core.engine import Engine
from selfreview_core.plugins import PluginHost

EXAMPLE = "example-primary-2025.yaml"
REFUSED = "malformed recommendation: priority: Input should be 'high', 'medium' or 'low'"


def _impostor(tmp_path: Path, when: str) -> dict[str, str]:
    env = with_plugin(tmp_path / "site", "hostile-impostor", "selfreview_hostile.impostor")
    return dict(env, SELFREVIEW_HOSTILE_IMPOSTOR=when)


def _ids(report: dict[str, Any]) -> set[str]:
    return {rec["id"] for rec in report["recommendations"]}


@pytest.mark.parametrize("when", ["import", "hook"])
def test_an_impostors_bad_recommendation_is_refused_and_the_rest_kept(
    when: str, root: Path, tmp_path: Path
) -> None:
    """Refused as any plugin's would be, in the report's problems and on standard error,
    naming the plugin by the name it took; its good recommendation and everyone else's
    kept; `--strict` exits 1 with the report written whole."""
    example = str(root / "examples" / EXAMPLE)
    env = _impostor(tmp_path, when)
    done = selfreview(["report", example, "--format", "json"], cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode() == f"error: plugin next-steps: {REFUSED}\n"
    report = json.loads(done.stdout)
    assert report["problems"] == [{"source": "next-steps", "message": REFUSED, "severity": "error"}]
    without = selfreview_alone(
        ["report", example, "--format", "json", "--disable", "next-steps"], cwd=tmp_path
    )
    assert without.returncode == 0, without.stderr
    expected = json.loads(without.stdout)
    assert report["assessment"] == expected["assessment"]
    assert _ids(report) == _ids(expected) | {"hostile-impostor-kept"}
    strict = selfreview(["report", example, "--format", "json", "--strict"], cwd=tmp_path, env=env)
    assert strict.returncode == 1
    assert strict.stdout == done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # nothing else written


def test_an_impostors_exporter_is_checked_as_any_plugins(root: Path, tmp_path: Path) -> None:
    """Its exporter whose name `--format` cannot take is refused, named; the built-in
    exporters it gives are kept, and `--format "bad name"` is a usage error, exit 2,
    nothing written."""
    example = str(root / "examples" / EXAMPLE)
    env = _impostor(tmp_path, "exporters")
    done = selfreview(["report", example, "--format", "json"], cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    refused = (
        "exporter name 'bad name' is not a name `--format` can take (letters, digits, `.`,"
        " `+`, `-`, `_`; no spaces)"
    )
    assert done.stderr.decode() == f"error: plugin standard-exporters: {refused}\n"
    assert json.loads(done.stdout)["problems"] == [
        {"source": "standard-exporters", "message": refused, "severity": "error"}
    ]
    bad = selfreview(
        ["report", example, "--format", "bad name", "-o", "out.txt"], cwd=tmp_path, env=env
    )
    assert bad.returncode == 2
    assert bad.stderr.decode().splitlines()[-1] == (
        "Error: Invalid value for --format: no exporter `bad name` (choose from table, json,"
        " csv, markdown, html, summary)"
    )
    assert bad.stdout == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# In the library: what the host trusts.


class _Other:
    @hookimpl
    def selfreview_recommend(self) -> list[object]:
        return []


def _trusted(host: PluginHost) -> dict[str, bool]:
    return {name: trusted for name, _, _, trusted in host.implementations("selfreview_recommend")}


def test_the_built_in_object_is_trusted_and_another_under_its_name_is_not() -> None:
    host = Engine(entry_points=False)._host
    assert _trusted(host) == {"next-steps": True}
    assert host.trust("next-steps")
    builtin = host.pm.unregister(name="next-steps")
    host.pm.register(_Other(), name="next-steps")
    assert _trusted(host) == {"next-steps": False}
    assert not host.trust("next-steps")
    host.pm.unregister(name="next-steps")
    host.pm.register(builtin, name="next-steps")  # the built-in back: trusted again
    assert _trusted(host) == {"next-steps": True}
    assert host.trust("next-steps")


def test_an_impostor_registered_past_the_hosts_manager_is_not_trusted() -> None:
    """pluggy's own `register`, which the host's count of changes does not see: the
    implementations worked out before stand (the built-in's own function, still called),
    and once anything changes the impostor is seen, untrusted."""
    host = Engine(entry_points=False)._host
    assert _trusted(host) == {"next-steps": True}
    pluggy.PluginManager.unregister(host.pm, name="next-steps")
    pluggy.PluginManager.register(host.pm, _Other(), name="next-steps")
    assert [f for _, f, _, _ in host.implementations("selfreview_recommend")] == [
        next_steps.selfreview_recommend
    ]
    host.pm.register(SimpleNamespace(), name="anything")  # a change the host sees
    assert _trusted(host) == {"next-steps": False}
    assert not host.trust("next-steps")


def test_a_name_never_registered_as_a_built_in_is_not_trusted() -> None:
    """A built-in disabled was never registered: an object under its name (once it is no
    longer blocked) is not it."""
    host = PluginHost([], disable=["next-steps"])
    host.register(next_steps, "next-steps", "built-in")  # disabled: not registered
    host.pm.unblock("next-steps")
    host.pm.register(_Other(), name="next-steps")
    assert not host.trust("next-steps")
    assert _trusted(host) == {"next-steps": False}


def test_plugins_lists_the_impostor_as_registered_not_built_in(tmp_path: Path) -> None:
    done = selfreview(
        ["plugins", "--format", "json"], cwd=tmp_path, env=_impostor(tmp_path, "import")
    )
    assert done.returncode == 0, done.stderr
    origins = {p["name"]: p["origin"] for p in json.loads(done.stdout)["plugins"]}
    assert origins["next-steps"] == "registered"
    assert origins["bundled-frameworks"] == origins["standard-exporters"] == "built-in"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_plugin_registered_by_plugin_code_during_support_is_checked_as_any(
    jobs: str, root: Path, tmp_path: Path
) -> None:
    """`hostile-impostor` registers `hostile-newcomer` in its first recommendations call: the
    newcomer is called for the schools after, untrusted: its bad recommendation refused,
    named, once; its good one listed; the same list with `--jobs 2`."""
    cohort = str(root / "examples" / "cohort")
    env = _impostor(tmp_path, "newcomer")
    done = selfreview(
        ["support", cohort, "--format", "json", "--jobs", jobs], cwd=tmp_path, env=env
    )
    assert done.returncode == 0, done.stderr
    message = f"plugin hostile-newcomer: {REFUSED}"
    assert done.stderr.decode() == f"warning: {message}\n"
    listed = json.loads(done.stdout)
    assert listed["problems"] == [message]
    assert "hostile-newcomer-kept" in {rec["id"] for rec in listed["recommendations"]}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
