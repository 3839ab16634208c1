"""When `--format` and `-o`'s name disagree (round 81's warning,
tests/cli/test_format_unlike_name.py): a plugin format that writes the same extension in
another case, or without its dot, is no other format; and a hidden name such as `.html` has
no extension, as `report -o .html` without `--format` is told, so it names no format either
(matched by its whole path, not its name, it was warned of as "its `` names the html
format")."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.default_plugins.standard_exporters import selfreview_exporters
from selfreview_core.exporters.base import Exporter
from selfreview_core.exporters.choosing import named_otherwise

STANDARD = {exporter.name: exporter for exporter in selfreview_exporters()}
SCHOOL = str(Path(__file__).resolve().parents[2] / "examples" / "example-primary-2026.yaml")


def _exporter(name: str, extension: str) -> Exporter:
    return Exporter(name, extension, "text/html", lambda report: "")


def test_a_plugin_format_writing_the_same_extension_in_any_case_or_dot_is_not_another() -> None:
    exporters = {**STANDARD, "page": _exporter("page", ".HTML"), "web": _exporter("web", "html")}
    assert [named_otherwise(exporters, chosen, "r.html") for chosen in ("page", "web")] == [
        None,
        None,
    ]
    assert named_otherwise(exporters, "json", "r.html") == "html"  # another: still said


def test_a_hidden_name_in_a_folder_names_no_format_and_is_written_as_asked(
    tmp_path: Path,
) -> None:
    output = tmp_path / "reports" / ".html"
    output.parent.mkdir()
    result = CliRunner().invoke(cli, ["report", SCHOOL, "--format", "json", "-o", str(output)])
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    assert result.stderr == f"Wrote {output} (json).\n"
    json.loads(output.read_text(encoding="utf-8"))
