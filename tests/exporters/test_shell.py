"""`exporters/shell.py`: the one shell around every HTML page the project writes.

SPEC section 7: a page loads nothing and runs nothing. That rests on the head every page
shares (the Content-Security-Policy above all), so each page the command line writes is
held to the shell here, and the shell itself to its exact text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.exporters.shell import CONTENT_SECURITY_POLICY, html_page, html_page_lines

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
UNCHANGED = ROOT / "tests" / "data" / "unchanged"
RESPONSES = sorted(str(p) for p in (EXAMPLES / "respondents").iterdir() if p.suffix != ".md")

#: Every command that writes a page, and its arguments before `-o`.
PAGES: dict[str, list[str]] = {
    "report": ["report", str(EXAMPLES / "example-primary-2026.yaml"), "--format", "html"],
    "summary": ["report", str(EXAMPLES / "example-primary-2026.yaml"), "--format", "summary"],
    "voices": ["voices", *RESPONSES, "--format", "html"],
    "dashboard": ["benchmark", str(EXAMPLES / "cohort"), "--format", "html"],
    "support": ["support", str(EXAMPLES / "cohort"), "--format", "html"],
}


def test_the_shell_is_the_head_the_escaped_title_the_style_and_the_body() -> None:
    page = html_page('A <b> & "c"\x1b[2J\u202e', ["<p>one</p>", "<p>two</p>"], "p{margin:0}")
    assert page == (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'\">\n"
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>A &lt;b&gt; &amp; &quot;c&quot;\\x1b[2J\\u202e</title>\n"
        "<style>p{margin:0}</style>\n"
        "</head>\n"
        "<body>\n"
        "<p>one</p>\n"
        "<p>two</p>\n"
        "</body>\n"
        "</html>\n"
    )


@pytest.mark.parametrize(
    ("title", "body"),
    [("A <b>\x1b", ["<p>one</p>", "", "<p>two\n</p>"]), ("", []), ("t", ["x" * 10_000])],
)
def test_the_page_a_piece_at_a_time_is_the_page_whole(title: str, body: list[str]) -> None:
    """What `support` writes a piece at a time (`html_page_lines`) is the page, byte for byte."""
    assert "".join(html_page_lines(title, body, "p{margin:0}")) == html_page(
        title, body, "p{margin:0}"
    )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_the_command_line_writes_has_the_shells_head_and_ending(
    name: str, tmp_path: Path
) -> None:
    out = tmp_path / f"{name}.html"
    result = CliRunner().invoke(cli, [*PAGES[name], "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    head = html_page("", [], "").split("<title>")[0]
    assert page.startswith(head)
    assert page.count("Content-Security-Policy") == 1
    assert f'content="{CONTENT_SECURITY_POLICY}"' in page
    assert page.count("<head>") == page.count("<body>") == 1
    assert page.endswith("</body>\n</html>\n")
    assert "<script" not in page.lower()


#: The pages no other test holds byte for byte (the report's are in test_question_exports).
GOLDEN: dict[str, list[str]] = {
    "example-respondents.voices.html": [
        "voices",
        str(EXAMPLES / "respondents"),
        str(EXAMPLES / "example-primary-2026.yaml"),
        "--format",
        "html",
    ],
    "example-cohort.dashboard.html": ["benchmark", str(EXAMPLES / "cohort"), "--format", "html"],
    "example-cohort.support.html": ["support", str(EXAMPLES / "cohort"), "--format", "html"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_the_example_pages_are_unchanged_byte_for_byte(name: str, tmp_path: Path) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(cli, [*GOLDEN[name], "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (UNCHANGED / name).read_bytes()
