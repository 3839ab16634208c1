"""`selfreview plugins`' tables isolate right-to-left text as every other table does
(round 76): a plugin named in Hebrew or Arabic began its row with a right-to-left letter,
and a terminal that orders text by the bidirectional algorithm laid the row out right to
left as a whole, its version and hooks drawn on the other side. Each cell holding such
letters is now between U+2068 and U+2069 (`text_tables.isolated`); text without them is
written byte for byte as before."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

from cli.test_escaping import PACK, _EntryPoint, framework_data, installed, run, write
from selfreview_core import hookimpl

__all__ = ["installed"]  # the fixture, shared with test_escaping

FSI, PDI = "\u2068", "\u2069"
HEBREW = "תוסף-בית-ספר"
ARABIC = "إضافة المدرسة"


def test_a_plugin_named_right_to_left_is_isolated_in_each_table(
    installed: Any, tmp_path: Path
) -> None:
    framework = write(tmp_path / "framework.json", framework_data())
    pack = write(tmp_path / "pack.json", {**PACK, "id": HEBREW})
    module = types.ModuleType("rtl")
    module.selfreview_frameworks = hookimpl(lambda: [framework])  # type: ignore[attr-defined]
    module.selfreview_rule_packs = hookimpl(lambda: [pack])  # type: ignore[attr-defined]
    plain = _EntryPoint("plain", types.ModuleType("plain"))
    plain.dist = types.SimpleNamespace(version="1.0")
    rtl = _EntryPoint(HEBREW, module)
    rtl.dist = types.SimpleNamespace(version="2.0")
    broken = _EntryPoint(ARABIC, error=ImportError("لا وحدة"))
    installed(plain, rtl, broken)
    result = run("plugins")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    row, pack_row = [line for line in lines if line.startswith(f"{FSI}{HEBREW}{PDI}  ")]
    assert row.split()[1:3] == ["2.0", "selfreview_frameworks,"]
    assert pack_row.split()[2] == "1"
    assert pack_row.endswith(f"{FSI}{HEBREW}{PDI}")  # provided by
    [problem] = [line for line in lines if line.startswith(f"{FSI}{ARABIC}")]
    assert problem.startswith(f"{FSI}{ARABIC}{PDI}  error")
    assert problem.endswith(f"{PDI}")  # the message, naming the Arabic text, isolated
    plain_row, plain_problem = [line for line in lines if line.startswith("plain")]
    assert plain_row.split() == ["plain", "1.0", "-", "entry", "point", "all"]
    assert FSI not in plain_problem
    assert "Traceback" not in result.output
