"""`-o FILE` chooses the exporter whose extension ends the file's name, the longest that
does: a plugin's extension of several parts (`.report.html`) is chosen for
`x.report.html`, and `x.html` still picks the built-in `html`. Before round 45 only the
last part was looked at (`os.path.splitext`), and `-o x.report.html` wrote the built-in
HTML page."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import Exporter, Report
from selfreview_core.cli import cli
from selfreview_core.default_plugins.standard_exporters import selfreview_exporters
from selfreview_core.errors import SelfReviewError
from selfreview_core.exporters.choosing import FROM_NAME, choose_format
from test_engine import _EntryPoint, plugin_module

STANDARD = {exporter.name: exporter for exporter in selfreview_exporters()}
NEW = "examples/example-primary-2026.yaml"


def _page(report: Report) -> str:
    return f"<p>page of {report.assessment.school.name}</p>\n"


def _exporter(name: str, extension: str) -> Exporter:
    return Exporter(name, extension, "text/html", _page)


@pytest.mark.parametrize("before", [False, True])
@pytest.mark.parametrize(
    ("output", "chosen"),
    [
        ("x.report.html", "page"),
        ("out/X.Report.HTML", "page"),  # in any case, as a one-part extension
        ("x.old.report.html", "page"),
        ("x.html", "html"),
        ("xreport.html", "html"),  # `.report.html` begins with its dot
        ("x.report", "table-ish"),
        ("x.report.htm", "html"),  # `.htm` is `.html`; the plugin's `.report.htm.x` is longer
        (".report.html", "html"),  # a hidden file: `.report.html` is its name, not an extension
        ("x.report.jsonl", "json"),
        ("x.json", "json"),
    ],
)
def test_the_longest_extension_the_name_ends_with_chooses_the_exporter(
    output: str, chosen: str, before: bool
) -> None:
    """Whether the plugin's exporters come before the built-ins or after."""
    plugin = {
        "page": _exporter("page", ".report.html"),
        "table-ish": _exporter("table-ish", "report"),  # without its dot: `.report`
        "sheet": _exporter("sheet", ".report.htm.x"),
    }
    exporters = {**plugin, **STANDARD} if before else {**STANDARD, **plugin}
    assert choose_format(exporters, None, output) == chosen


def test_json_lines_of_several_parts_are_a_plugins_where_it_says_so() -> None:
    """`.jsonl` is JSON whatever a plugin says of it; a plugin's `.report.jsonl` is longer."""
    lines = {**STANDARD, "lines": _exporter("lines", ".report.jsonl"), "l": _exporter("l", "jsonl")}
    assert choose_format(lines, None, "x.report.jsonl") == "lines"
    assert choose_format(lines, None, "x.jsonl") == "json"
    assert choose_format(lines, None, "x.other.jsonl") == "json"


def test_of_two_exporters_of_one_extension_the_first_is_chosen() -> None:
    assert choose_format(STANDARD, None, "x.html") == "html"  # not the summary, also .html
    twice = {"a": _exporter("a", ".report.html"), "b": _exporter("b", ".Report.HTML")}
    assert choose_format(twice, None, "x.report.html") == "a"


def test_report_o_with_a_plugins_extension_of_several_parts_writes_its_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root: Path
) -> None:
    monkeypatch.chdir(root)
    page = Exporter("page", ".report.html", "text/html", _page)
    module = plugin_module("page_exporter", selfreview_exporters=lambda: [page])
    point = _EntryPoint("page-exporter", "page_exporter", target=module)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    target = tmp_path / "x.report.html"
    result = CliRunner().invoke(cli, ["report", NEW, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == "<p>page of Example Primary School</p>\n"
    assert result.stderr == f"Wrote {target} (page).\n"
    plain = tmp_path / "x.html"
    result = CliRunner().invoke(cli, ["report", NEW, "-o", str(plain)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {plain} (html).\n"
    assert plain.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_extension_given_without_its_dot_is_one_still_and_never_a_names_tail() -> None:
    """A plugin's `pln` is `.pln`: `r.pln` picks it, `rpln` has no extension at all."""
    exporters = {**STANDARD, "plain": _exporter("plain", "pln")}
    assert choose_format(exporters, None, "r.pln") == "plain"
    with pytest.raises(SelfReviewError, match=r"cannot tell the format from `rpln`") as caught:
        choose_format(exporters, None, "rpln")
    assert caught.value.first.code == FROM_NAME


@pytest.mark.parametrize("extension", [".r", "r"])
def test_an_extension_of_one_letter_is_chosen_too(extension: str) -> None:
    exporters = {**STANDARD, "short": _exporter("short", extension)}
    assert choose_format(exporters, None, "x.r") == "short"
    assert choose_format(exporters, None, "x.R") == "short"
