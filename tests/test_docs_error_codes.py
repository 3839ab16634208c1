"""The error codes the library gives, each documented (round 60).

`validate`'s codes are listed in docs/framework-format.md ("Error codes"); the codes of what
the other commands refuse (`previous-newer`, `output-is-input`, `not-parquet`, ...) were
listed nowhere: a Python caller reading `SelfReviewError.first.code` had to read the source.
docs/command-line.md ("Error codes of the other commands") lists them now. The code has no
table of its codes: they are given where each error is made, so this test reads them from
the source (every `code="..."`, every `*CODE` constant, a `Finding`'s third argument, a
`code` parameter's default) and checks the pages against them both ways."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "selfreview_core"


def _given(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _codes_in(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "code":
            found.add(_given(node.value) or "")
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id.upper().endswith("CODE") for t in targets):
                found.add(_given(node.value) or "")
        elif isinstance(node, ast.Call) and len(node.args) >= 3:
            called = node.func
            name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", "")
            if name == "Finding":
                found.add(_given(node.args[2]) or "")
        elif isinstance(node, ast.FunctionDef):
            arguments = node.args
            named = [*arguments.posonlyargs, *arguments.args]
            pairs = [
                *zip(
                    named[len(named) - len(arguments.defaults) :], arguments.defaults, strict=True
                ),
                *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True),
            ]
            found |= {_given(d) or "" for a, d in pairs if a.arg == "code" and d is not None}
    return found - {""}


def _library_codes() -> set[str]:
    codes: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        codes |= _codes_in(ast.parse(path.read_text(encoding="utf-8")))
    return codes


def _table(page: str, heading: str) -> set[str]:
    """The codes in the first column of the table under `heading`."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {code for row in rows for code in re.findall(r"`([^`]+)`", row.split(" | ")[0])}


def test_every_code_the_library_gives_is_documented() -> None:
    validate = _table("framework-format.md", "Error codes")
    others = _table("command-line.md", "Error codes of the other commands")
    assert sorted(_library_codes() - validate - others) == []


def test_the_other_commands_table_lists_only_codes_the_library_gives() -> None:
    """No stale row, and none that belongs in `validate`'s table instead."""
    others = _table("command-line.md", "Error codes of the other commands")
    assert len(others) > 30
    assert sorted(others - _library_codes()) == []
    assert sorted(others & _table("framework-format.md", "Error codes")) == []


def test_the_reader_finds_codes_in_each_form_they_are_given() -> None:
    """The test's own reader: a code in each of the four forms is found, and nothing else."""
    source = """
CODE = "a-const"
x = f(code="a-keyword")
Finding(("p",), "message", "a-finding")
def g(*, code: str = "a-default") -> None: ...
h("not-a-code", code=name)
"""
    assert _codes_in(ast.parse(source)) == {"a-const", "a-keyword", "a-finding", "a-default"}
