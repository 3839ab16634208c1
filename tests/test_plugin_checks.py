"""Plugins whose names look alike and differ (round 62): an entry point named `lea-supp`
Greek-omicron `rt` printed as `lea-support` in every problem (`error: plugin lea-support:
selfreview_recommend raised ...`) and in its advice's `source`; a user who then disabled
`lea-support` disabled the real one and kept the other. Each set is said, by the engine,
with the characters outside ASCII each name holds; both plugins are loaded as before."""

from __future__ import annotations

import json
from pathlib import Path

from program import selfreview, with_plugin
from selfreview_core import Engine, Recommendation, hookimpl
from selfreview_core.plugin_checks import look_alike_names

OMICRON = "lea-supp\u03bfrt"
SAID = (
    f"the plugins `lea-support` and `{OMICRON}` have names that look alike (`{OMICRON}` "
    "holds U+03BF): the problems and advice of each would pass for the other's; rename or "
    "uninstall the one not meant (`--disable` takes each by its name)"
)


class _Named:
    """A plugin of a given name that recommends nothing."""

    def __init__(self, name: str) -> None:
        self.name = name

    @hookimpl
    def selfreview_recommend(self) -> list[Recommendation]:
        return []


def test_the_sets_of_names_that_look_alike() -> None:
    assert look_alike_names(["next-steps", "Next-Steps", "lea-support", OMICRON, "x"]) == [
        "the plugins `Next-Steps` and `next-steps` have names that look alike (in letter "
        "case): the problems and advice of each would pass for the other's; rename or "
        "uninstall the one not meant (`--disable` takes each by its name)",
        SAID,
    ]
    assert look_alike_names(["lea-support", "parental-engagement"]) == []


def test_the_engine_says_them_and_loads_both() -> None:
    engine = Engine(entry_points=False, plugins=[_Named("lea-support"), _Named(OMICRON)])
    assert [(p.source, p.message, p.severity) for p in engine.problems] == [
        ("engine", SAID, "warning")
    ]
    assert [p.name for p in engine.plugins()][-2:] == ["lea-support", OMICRON]


def test_report_says_it_before_the_impostors_problem(root: Path, tmp_path: Path) -> None:
    """Installed beside the real `lea-support`, a plugin of the look-alike name that
    raises: the warning comes first, the report is whole, the exit is 0."""
    env = with_plugin(tmp_path / "site", OMICRON, "selfreview_hostile.raises")
    school = root / "examples" / "example-primary-2025.yaml"
    done = selfreview(["report", str(school), "--format", "json"], cwd=tmp_path, env=env)
    told = done.stderr.decode()
    assert done.returncode == 0, told
    assert told.splitlines()[:2] == [
        f"warning: {SAID}",
        f"error: plugin {OMICRON}: selfreview_recommend raised RuntimeError: the database is down",
    ]
    report = json.loads(done.stdout)
    assert "lea-support" in {r["source"] for r in report["recommendations"]}
    listed = selfreview(["plugins", "--strict"], cwd=tmp_path, env=env)
    assert listed.returncode == 1
    assert SAID in listed.stdout.decode()  # in its table of problems
