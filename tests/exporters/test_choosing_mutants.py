"""Which format `report` writes (`exporters.choosing`): as named (or by its old name), else
from the output file's extension in any case, else the table; and which formats a batch
can write as one stream. Held where round 44's own mutation pass found nothing to notice."""

from __future__ import annotations

import pytest

from selfreview_core.default_plugins.standard_exporters import selfreview_exporters
from selfreview_core.errors import SelfReviewError, UnknownIdError
from selfreview_core.exporters.base import Exporter
from selfreview_core.exporters.choosing import FROM_NAME, check_stream_format, choose_format

STANDARD = {exporter.name: exporter for exporter in selfreview_exporters()}


def _exporter(name: str, extension: str) -> Exporter:
    return Exporter(name, extension, "text/plain", lambda report: "")


def test_no_file_or_standard_output_is_the_table() -> None:
    assert choose_format(STANDARD, None, None) == "table"
    assert choose_format(STANDARD, None, "-") == "table"


@pytest.mark.parametrize(
    ("output", "chosen"),
    [
        ("r.json", "json"),
        ("r.jsonl", "json"),
        ("out/r.JSONL", "json"),
        ("r.csv", "csv"),
        ("r.Md", "markdown"),
        ("r.txt", "table"),
        ("r.HTML", "html"),  # the first of the two formats written as .html
        ("a.b/r.csv", "csv"),
    ],
)
def test_the_extension_names_the_format_in_any_case(output: str, chosen: str) -> None:
    assert choose_format(STANDARD, None, output) == chosen


def test_json_lines_are_json_only_where_a_json_exporter_is_in_use() -> None:
    table = {"table": STANDARD["table"]}
    with pytest.raises(SelfReviewError, match=r"cannot tell the format from `\.jsonl`") as caught:
        choose_format(table, None, "r.jsonl")
    assert caught.value.first.code == FROM_NAME
    lines = {"lines": _exporter("lines", ".jsonl"), **STANDARD}
    assert choose_format(lines, None, "r.jsonl") == "json"


def test_a_plugin_extension_is_matched_with_or_without_its_dot() -> None:
    exporters = {**STANDARD, "sheet": _exporter("sheet", "xlsx"), "doc": _exporter("doc", ".Docx")}
    assert choose_format(exporters, None, "r.XLSX") == "sheet"
    assert choose_format(exporters, None, "r.docx") == "doc"
    with pytest.raises(SelfReviewError, match=r"from `\.lsx`"):
        choose_format(exporters, None, "r.lsx")


@pytest.mark.parametrize(("output", "named"), [("report", "report"), ("x/-", "x/-"), ("r.", ".")])
def test_a_name_that_names_no_format_is_said_with_every_format_to_choose(
    output: str, named: str
) -> None:
    with pytest.raises(SelfReviewError) as caught:
        choose_format(STANDARD, None, output)
    assert str(caught.value) == (
        f"cannot tell the format from `{named}`; give --format "
        "(table, json, csv, markdown, html, summary)"
    )
    assert caught.value.first.code == FROM_NAME


def test_a_named_format_is_used_whatever_the_file_and_text_is_the_table() -> None:
    assert choose_format(STANDARD, "csv", "r.json") == "csv"
    assert choose_format(STANDARD, "summary", None) == "summary"
    assert choose_format(STANDARD, "text", "r.json") == "table"
    own = {**STANDARD, "text": _exporter("text", ".text")}
    assert choose_format(own, "text", None) == "text"  # a plugin's own `text` is kept


def test_an_unknown_format_is_refused_with_a_hint_or_the_choices() -> None:
    with pytest.raises(UnknownIdError) as caught:
        choose_format(STANDARD, "jsn", "r.json")
    assert str(caught.value) == "no exporter `jsn` (did you mean `json`?)"
    assert caught.value.first.code == "unknown-exporter"
    with pytest.raises(UnknownIdError, match=r"\(choose from table, json, csv, markdown"):
        choose_format(STANDARD, "zzzzzz", None)
    with pytest.raises(UnknownIdError, match=r"^no exporter `text` \(choose from csv\)$"):
        choose_format({"csv": STANDARD["csv"]}, "text", None)  # no table to be `text`


def test_only_json_and_the_table_can_follow_one_another_in_one_stream() -> None:
    check_stream_format("json")
    check_stream_format("table")
    for name in ("csv", "markdown", "html", "summary", "sheet"):
        with pytest.raises(SelfReviewError) as caught:
            check_stream_format(name)
        assert str(caught.value) == f"{name} makes one file per school: give --output-dir"
        assert caught.value.first.code == "format-needs-folder"


def test_a_format_name_in_capitals_is_told_the_alias_it_means() -> None:
    """`--format TEXT` was told to choose from the exporters, `text` (an alias of the
    table) not among them; the aliases are offered by the same rule as the names."""
    from selfreview_core import Engine

    exporters = Engine(entry_points=False).exporters()
    with pytest.raises(UnknownIdError) as raised:
        choose_format(exporters, "TEXT", None)
    assert str(raised.value) == "no exporter `TEXT` (did you mean `text`?)"


@pytest.mark.parametrize("output", [".html", "out/.json"])
def test_a_hidden_name_is_said_to_have_no_extension(output: str) -> None:
    """`-o .html` read as if `.html` named no format: it is a name with no extension."""
    with pytest.raises(SelfReviewError) as caught:
        choose_format(STANDARD, None, output)
    assert str(caught.value).startswith(
        f"cannot tell the format from `{output}`, a name with no extension; give --format ("
    )
