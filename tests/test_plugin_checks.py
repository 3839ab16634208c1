"""Plugins whose names look alike and differ (round 62): an entry point named `lea-supp`
Greek-omicron `rt` printed as `lea-support` in every problem (`error: plugin lea-support:
selfreview_recommend raised ...`) and in its advice's `source`; a user who then disabled
`lea-support` disabled the real one and kept the other. Each set is said, by the engine,
with the characters outside ASCII each name holds; both plugins are loaded as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


#: Characters drawn as ASCII's hyphen or low line that round 65 did not read so in a
#: plugin's name: Unicode's confusables.txt (UTS #39) maps each but the two soft hyphens to
#: `-` or `_`; a terminal draws a soft hyphen (U+00AD) as a hyphen, and the Mongolian one
#: is a hyphen's shape.
DASH_LIKE = [
    ("lea\u02d7support", "U+02D7"),
    ("lea\u00adsupport", "U+00AD"),
    ("lea\u1806support", "U+1806"),
    ("lea\u06d4support", "U+06D4"),
    ("lea\u2043support", "U+2043"),
    ("lea\u2796support", "U+2796"),
    ("lea\u2cbasupport", "U+2CBA"),
]


@pytest.mark.parametrize(("impostor", "code"), DASH_LIKE)
def test_a_name_with_a_dash_drawn_as_a_hyphen_looks_like_the_one_with_the_hyphen(
    impostor: str, code: str
) -> None:
    said = look_alike_names(["lea-support", impostor, "parental-engagement"])
    assert said == [
        f"the plugins `lea-support` and `{impostor}` have names that look alike "
        f"(`{impostor}` holds {code}): the problems and advice of each would pass for the "
        "other's; rename or uninstall the one not meant (`--disable` takes each by its name)"
    ]
    engine = Engine(entry_points=False, plugins=[_Named("lea-support"), _Named(impostor)])
    assert [(p.source, p.message, p.severity) for p in engine.problems] == [
        ("engine", said[0], "warning")
    ]
    assert [p.name for p in engine.plugins()][-2:] == ["lea-support", impostor]


@pytest.mark.parametrize(
    ("names", "alike"),
    [
        # Low lines drawn as `_` (confusables.txt): NKo lajanyalan, and the dashed low
        # line (its compatibility form is one).
        (["lea_support", "lea\u07fasupport", "lea\ufe4dsupport"], ["U+07FA", "U+FE4D"]),
        # A soft hyphen where no hyphen is: drawn as nothing (a browser) or as one (a
        # terminal), it looks like either name.
        (["lea-support", "lea-sup\u00adport"], ["U+00AD"]),
        (["leasupport", "lea\u00adsupport"], ["U+00AD"]),
    ],
)
def test_low_lines_and_soft_hyphens_either_way(names: list[str], alike: list[str]) -> None:
    [said] = look_alike_names(names)
    for name, code in zip(names[1:], alike, strict=True):
        assert f"`{name}` holds {code}" in said
    assert all(f"`{name}`" in said for name in names)


@pytest.mark.parametrize(
    ("names", "alike"),
    [
        (["pii-check", "PII-check"], ["PII-check", "pii-check"]),
        (["Info", "info"], ["Info", "info"]),
        (["Ilea", "ilea", "llea"], ["Ilea", "ilea", "llea"]),
    ],
)
def test_names_that_differ_in_the_case_of_an_i_look_alike(
    names: list[str], alike: list[str]
) -> None:
    """A capital I is drawn like an l, and is the capital of an i: `PII-check` looks like
    both `pll-check` and `pii-check` (before round 66 it was read as an l alone, so `Info`
    and `info`, differing in letter case as `Next-Steps` and `next-steps` do, were not
    said to look alike)."""
    [said] = look_alike_names(names)
    listed = ", ".join(f"`{n}`" for n in alike[:-1]) + f" and `{alike[-1]}`"
    assert said.startswith(f"the plugins {listed} have names that look alike (")
