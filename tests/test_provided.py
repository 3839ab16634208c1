"""`provided.told_twice`: a second item of a name already taken is told by whoever gave it,
naming the caller's files. Before round 43 a user who gave two `--migration` files between
the same versions (or two `--rules` files of one pack id) was told `plugin given: ... is
given twice by this plugin; using the first`: no plugin was involved, and no file named."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import Engine, Framework
from selfreview_core.cli import cli
from selfreview_core.exporters.base import Exporter
from selfreview_core.provided import ENGINE, GIVEN, ExporterEntry, FrameworkEntry, told_twice

ROOT = Path(__file__).resolve().parents[1]
REVIEW = ROOT / "examples" / "example-primary-2025.yaml"
MIGRATION = ROOT / "examples" / "migration"
PACK = ROOT / "plugins" / "becta-leadership" / "src" / "selfreview_becta_leadership"


class Entry:
    def __init__(self, provider: str, path: str | None = None) -> None:
        self.provider, self.path = provider, path


@pytest.mark.parametrize(
    ("first", "later", "source", "said"),
    [
        (Entry("p"), Entry("p"), "p", "is given twice by this plugin; using the first"),
        (Entry("p"), Entry("q", "x.yaml"), "q", "is also provided by p; using p's"),
        (
            Entry("p"),
            Entry(GIVEN, "a.yaml"),
            ENGINE,
            "in a.yaml is also provided by plugin p; using plugin p's",
        ),
        (Entry("p"), Entry(GIVEN), ENGINE, "is also provided by plugin p; using plugin p's"),
        (
            Entry(GIVEN, "a.yaml"),
            Entry("p"),
            "p",
            "is also provided by the file a.yaml; using the file a.yaml's",
        ),
        (Entry(GIVEN), Entry("p"), "p", "is also provided by the caller; using the caller's"),
        (
            Entry(GIVEN, "a.yaml"),
            Entry(GIVEN, "b.yaml"),
            ENGINE,
            "is given twice, in a.yaml and b.yaml; using a.yaml",
        ),
        (
            Entry(GIVEN, "a.yaml"),
            Entry(GIVEN, "a.yaml"),
            ENGINE,
            "is given twice, in a.yaml; using it once",
        ),
        (Entry(GIVEN, "a.yaml"), Entry(GIVEN), ENGINE, "is given twice; using the one in a.yaml"),
        (
            Entry(GIVEN),
            Entry(GIVEN, "b.yaml"),
            ENGINE,
            "is given twice; using the first, not the one in b.yaml",
        ),
        (Entry(GIVEN), Entry(GIVEN), ENGINE, "is given twice; using the first"),
        # A plugin's two files of one name are named, the one used first (round 45).
        (
            Entry("p", "aa.yaml"),
            Entry("p", "p.yaml"),
            "p",
            "is given twice by this plugin, in aa.yaml and p.yaml; using aa.yaml",
        ),
        (
            Entry("p", "p.yaml"),
            Entry("p", "p.yaml"),
            "p",
            "is given twice by this plugin, in p.yaml; using it once",
        ),
        (
            Entry("p", "p.yaml"),
            Entry("p"),
            "p",
            "is given twice by this plugin; using the one in p.yaml",
        ),
        (
            Entry("p"),
            Entry("p", "p.yaml"),
            "p",
            "is given twice by this plugin; using the first, not the one in p.yaml",
        ),
    ],
)
def test_the_later_provider_is_told_and_the_caller_s_files_named(
    first: Entry, later: Entry, source: str, said: str
) -> None:
    assert told_twice("rule pack", "x", first, later) == (source, f"rule pack x {said}")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stderr


def test_two_migration_files_between_the_same_versions_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(MIGRATION / "example-srf-1-to-2.yaml", "a.yaml")
    shutil.copy(MIGRATION / "example-srf-1-to-2.yaml", "b.yaml")
    code, err = _run(
        "migrate", str(MIGRATION / "example-school-v1.yaml"), "--to", "example-srf@2",
        "--framework", str(MIGRATION / "example-srf-1.yaml"),
        "--framework", str(MIGRATION / "example-srf-2.yaml"),
        "--migration", "a.yaml", "--migration", "b.yaml", "-o", "out.yaml",
    )  # fmt: skip
    assert code == 0, err
    assert err.splitlines()[0] == (
        "warning: a migration example-srf@1 -> example-srf@2 is given twice, in a.yaml and "
        "b.yaml; using a.yaml"
    )
    assert Path("out.yaml").exists()


def test_a_rule_pack_file_of_a_plugin_s_pack_id_is_named_and_the_plugin_s_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(PACK / "becta-leadership.yaml", "mine.yaml")
    code, err = _run("report", str(REVIEW), "--rules", "mine.yaml", "-o", "report.md")
    assert code == 0, err
    assert err.splitlines()[0] == (
        "warning: rule pack becta-leadership in mine.yaml is also provided by plugin "
        "becta-leadership; using plugin becta-leadership's"
    )
    code, err = _run(
        "report", str(REVIEW), "--rules", "mine.yaml", "--rules", "mine.yaml",
        "--disable", "becta-leadership", "-o", "report.md",
    )  # fmt: skip
    assert code == 0, err
    assert err.splitlines()[0] == (
        "warning: rule pack becta-leadership is given twice, in mine.yaml; using it once"
    )


def test_what_a_catalogue_holds_is_frozen(small_framework: Framework) -> None:
    """An embedder given the catalogue's entries cannot swap what a plugin provided."""
    entries: list[FrameworkEntry | ExporterEntry] = [
        FrameworkEntry(small_framework, "p"),
        ExporterEntry(Exporter("x", ".x", "text/plain", str), "p"),
    ]
    for entry in entries:
        with pytest.raises(dataclasses.FrozenInstanceError):
            entry.provider = GIVEN  # type: ignore[misc]


def test_two_framework_files_of_one_ref_keep_the_first_and_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As for migrations and rule packs. Before round 43 the last was kept in silence: a
    report of `--framework a.yaml --framework b.yaml` was scored on b's descriptors."""
    monkeypatch.chdir(tmp_path)
    first = (MIGRATION / "example-srf-1.yaml").read_text(encoding="utf-8")
    Path("a.yaml").write_text(first, encoding="utf-8")
    Path("b.yaml").write_text(
        first.replace("title: Example self-review", "title: Another copy of the"),
        encoding="utf-8",
    )
    engine = Engine(frameworks=["a.yaml", "b.yaml"])
    assert engine.framework("example-srf@1").title.startswith("Example self-review")
    assert engine.framework("example-srf").title.startswith("Example self-review")  # by id too
    assert [(p.source, p.message, p.severity) for p in engine.problems if p.source == ENGINE] == [
        (
            ENGINE,
            "framework example-srf@1 is given twice, in a.yaml and b.yaml; using a.yaml",
            "warning",
        )
    ]
    code, err = _run(
        "report", str(MIGRATION / "example-school-v1.yaml"),
        "--framework", "a.yaml", "--framework", "b.yaml", "-o", "report.md",
    )  # fmt: skip
    assert code == 0, err
    assert (
        "warning: framework example-srf@1 is given twice, in a.yaml and b.yaml; using a.yaml\n"
        in err
    )
    assert "Example self-review framework (made up), version 1" in Path("report.md").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(("provider", "source"), [(GIVEN, ENGINE), ("p", "p")])
def test_each_file_named_stays_on_the_one_line_of_its_warning(provider: str, source: str) -> None:
    """A line break, ESC or bidi override in a file's name is shown escaped, so that the
    warning stays one line (the command line prints each line of a problem as its own);
    two names that differ only in that are still two files."""
    first, later = Entry(provider, "a\nb\x1b.yaml"), Entry(provider, "a\\nb\\x1b.yaml")
    said = told_twice("framework", "x@1", first, later)
    assert said == (
        source,
        f"framework x@1 is given twice{'' if provider == GIVEN else ' by this plugin'}, "
        "in a\\nb\\x1b.yaml and a\\nb\\x1b.yaml; using a\\nb\\x1b.yaml",
    )
    between = told_twice("rule pack", "x", Entry("p"), Entry(GIVEN, "c\u202e\n.yaml"))
    assert between == (
        ENGINE,
        "rule pack x in c\\u202e\\n.yaml is also provided by plugin p; using plugin p's",
    )
    kept = told_twice("rule pack", "x", Entry(GIVEN, "c\n.yaml"), Entry("p"))
    assert kept == (
        "p",
        "rule pack x is also provided by the file c\\n.yaml; using the file c\\n.yaml's",
    )
