"""What `report --cohort` and `report --history` (`cli/_report_extras.py`) do that their other
tests did not pin: found by the round-42 mutation pass over the module."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import Exporter
from selfreview_core.cli import cli
from test_engine import _EntryPoint, plugin_module

NEW = "examples/example-primary-2026.yaml"
OLD = "examples/example-primary-2025.yaml"


def test_history_cannot_be_added_to_a_plugins_table_in_bytes(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin's exporter of a built-in name (`table`) that renders bytes: `--history` is
    a usage error naming the format, not an internal error or `b'...'` printed."""
    monkeypatch.chdir(root)
    raw = Exporter("table", ".txt", "text/plain", lambda report: b"raw bytes\n")
    module = plugin_module("raw_table", selfreview_exporters=lambda: [raw])
    point = _EntryPoint("raw-table", "raw_table", target=module)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    target = tmp_path / "out.txt"
    result = CliRunner().invoke(
        cli,
        ["report", NEW, "--history", OLD, "--disable", "standard-exporters", "-o", str(target)],
        catch_exceptions=False,
    )
    assert result.exit_code == 2, result.output
    assert "Invalid value for --history: cannot add to table: it is not text" in result.stderr
    assert "Traceback" not in result.output
    assert not target.exists()


def test_history_carries_an_earlier_version_s_review_through_its_migration(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review of version 1 in `--history` beside one of version 2: it is migrated, and
    its levels stand in their own column (the split and merged strands, for review, not
    judged)."""
    monkeypatch.chdir(root)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])
    where = "examples/migration"
    result = CliRunner().invoke(
        cli,
        [
            "report",
            f"{where}/example-school-v2-2026.yaml",
            *("--history", f"{where}/example-school-v1.yaml"),
            *("--framework", f"{where}/example-srf-1.yaml"),
            *("--framework", f"{where}/example-srf-2.yaml"),
            *("--migration", f"{where}/example-srf-1-to-2.yaml"),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    table = result.stdout.split("Review by review\n\n", 1)[1].splitlines()
    assert table[0].split() == ["aspect", "title", "2025-06-20", "2026-06-19"]
    rows = {line.split()[0]: line.split()[-2:] for line in table[2:7]}
    assert rows == {
        "1a": ["2", "3"],
        "1b": ["-", "2"],
        "2a": ["-", "3"],
        "2b": ["2", "2"],
        "overall": ["2", "3"],
    }


@pytest.mark.parametrize("option", ["--history", "--cohort"])
@pytest.mark.parametrize(
    ("given", "said"), [("no-such.yaml", "does not exist"), ("examples", "is a directory")]
)
def test_a_missing_file_or_a_folder_is_a_usage_error_naming_the_option(
    option: str, given: str, said: str, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])
    target = tmp_path / "out.txt"
    result = CliRunner().invoke(
        cli, ["report", NEW, option, given, "-o", str(target)], catch_exceptions=False
    )
    assert result.exit_code == 2, result.output
    said += " (a cohort is one file" if (option, given) == ("--cohort", "examples") else "."
    assert f"Invalid value for '{option}': File '{given}' {said}" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("page", "placed"),
    [
        ("<html><main><h1>Mine</h1></main></html>\n", True),
        ("<html><body>no main</body></html>\n", False),
    ],
    ids=["main-only", "no-main"],
)
def test_a_plugin_s_html_page_has_the_history_at_its_main_s_end_or_is_refused(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str, placed: bool
) -> None:
    """A plugin's own `html` (standard-exporters disabled) has no strands section: the
    history goes at the end of its `<main>`; with no `<main>`, `--history` and `--cohort`
    are usage errors. Before round 43 the history was dropped with nothing said."""
    monkeypatch.chdir(root)
    mine = Exporter("html", ".html", "text/html", lambda report: page)
    module = plugin_module("own_html", selfreview_exporters=lambda: [mine])
    point = _EntryPoint("own-html", "own_html", target=module)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    target = tmp_path / "out.html"
    args = ["report", NEW, "--history", OLD, "--disable", "standard-exporters"]
    result = CliRunner().invoke(cli, [*args, "-o", str(target)], catch_exceptions=False)
    if placed:
        assert result.exit_code == 0, result.output
        written = target.read_text(encoding="utf-8")
        assert written.startswith('<html><main><h1>Mine</h1><section id="history">')
        assert written.endswith("</section>\n</main></html>\n")
        return
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --history: cannot add to html: the page has no <main>"
    )
    assert not target.exists()
