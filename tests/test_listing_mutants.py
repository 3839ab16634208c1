"""`listing`, what the command tests did not hold (round 42's mutation pass): `selfreview
frameworks` wraps titles and publishers to the terminal, and `selfreview plugins` shows
versions, ids and messages as written (never as numbers: `1.10` is not `1.1`) and each
plugin's hooks, `-` when it has none."""

from __future__ import annotations

import pytest

from selfreview_core import Framework, RulePack
from selfreview_core.catalogue import FrameworkEntry, RulePackEntry
from selfreview_core.listing import frameworks_table, plugins_tables
from selfreview_core.model.problem import Problem
from selfreview_core.plugins import PluginInfo


def test_the_frameworks_table_wraps_titles_and_publishers_to_the_terminal(
    small_framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    framework = small_framework.model_copy(
        update={"title": "A title of many words " * 3, "publisher": "A publisher of many words"}
    )
    lines = frameworks_table([FrameworkEntry(framework, "given")]).splitlines()
    assert max(len(line) for line in lines) == 70
    assert lines[2:5] == [
        "small  1          A title of     A publisher  4          given",
        "                  many words A   of many",
        "                  title of many  words",
    ]


def test_the_plugins_tables_show_what_is_written_and_each_plugins_hooks() -> None:
    plugins = [
        PluginInfo(
            "has-hooks", "1.10", ("selfreview_recommend", "selfreview_exporters"), "entry point"
        ),
        PluginInfo("no-hooks", "2.0", (), "registered", serves=("007",)),
    ]
    pack = RulePack.model_validate(
        {
            "id": "007",
            "framework": "small@1.0",
            "rules": [
                {
                    "id": "r",
                    "when": {"strand": "A1.1", "level": [2]},
                    "recommend": {"title": "T", "action": "A"},
                }
            ],
        }
    )
    problems = [Problem(source="0123", message="1.50", severity="warning")]
    out = plugins_tables(plugins, [RulePackEntry(pack, "1e3")], problems)
    assert out[1::2] == ["", ""]  # a blank line between the tables
    listed, packs, found = out[::2]
    assert listed.splitlines()[2:] == [
        "has-hooks  1.10       selfreview_recommend, selfreview_exporters  entry point  all",
        "no-hooks   2.0        -                                           registered   007",
    ]
    assert packs.splitlines()[2:] == ["007          small@1.0    1        1e3"]
    assert found.splitlines()[2:] == ["0123          warning     1.50"]


def test_every_name_in_the_tables_shows_its_invisible_characters(
    small_framework: Framework,
) -> None:
    """Ids, plugins' names, the frameworks a plugin serves and who provides a framework or a
    pack are names (`escaping.shown_name`): `a` and `a` with a zero-width space after it
    read alike in both tables before round 46. A title keeps its joiner."""
    z = "\u200b"
    framework = small_framework.model_copy(update={"id": f"small{z}", "title": f"T{z}itle"})
    [row] = frameworks_table([FrameworkEntry(framework, f"given{z}")]).splitlines()[2:]
    assert row.split() == ["small\\u200b", "1", f"T{z}itle", "4", "given\\u200b"]
    plugins = [PluginInfo(f"p{z}", f"1{z}", (), "registered", serves=(f"s{z}", "t"))]
    pack = RulePack.model_validate(
        {
            "id": f"007{z}",
            "framework": f"small{z}",
            "rules": [
                {
                    "id": "r",
                    "when": {"strand": "A1.1", "level": [2]},
                    "recommend": {"title": "T", "action": "A"},
                }
            ],
        }
    )
    problems = [Problem(source=f"q{z}", message=f"m{z}", severity="warning")]
    listed, _, packs, _, found = plugins_tables(plugins, [RulePackEntry(pack, f"x{z}")], problems)
    assert listed.splitlines()[2].split() == [
        "p\\u200b",
        f"1{z}",  # a version is text
        "-",
        "registered",
        "s\\u200b,",
        "t",
    ]
    assert packs.splitlines()[2].split() == ["007\\u200b", "small\\u200b", "1", "x\\u200b"]
    assert found.splitlines()[2].split() == ["q\\u200b", "warning", f"m{z}"]
