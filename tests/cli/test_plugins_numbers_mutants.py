"""`selfreview plugins` shows each name in its tables as written (`listing._table`, round
76's isolating of its cells): pinned by round 77's sweep over round 76's lines. Read as
numbers (tabulate's number parsing, on unless turned off), a column whose every cell looks
like one was printed as numbers: a rule pack named `1.10`, the only one installed, was
listed as `1.1`, a name no command knows. (The plugins' own table always holds the
built-ins' `-` in its version column, so no version there is read as a number.)"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

from cli.test_escaping import PACK, _EntryPoint, framework_data, installed, run, write
from selfreview_core import hookimpl

__all__ = ["installed"]  # the fixture, shared with test_escaping


def test_a_rule_pack_named_like_a_number_is_listed_as_written(
    installed: Any, tmp_path: Path
) -> None:
    framework = write(tmp_path / "framework.json", framework_data())
    pack = write(tmp_path / "pack.json", {**PACK, "id": "1.10"})
    module = types.ModuleType("numbered")
    module.selfreview_frameworks = hookimpl(lambda: [framework])  # type: ignore[attr-defined]
    module.selfreview_rule_packs = hookimpl(lambda: [pack])  # type: ignore[attr-defined]
    plugin = _EntryPoint("numbered", module)
    plugin.dist = types.SimpleNamespace(version="2.0")
    installed(plugin)
    result = run("plugins")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index(next(line for line in lines if line.startswith("rule pack")))
    assert lines[at + 2].split()[0] == "1.10"
    assert lines[at + 2].split()[-1] == "numbered"  # provided by
    assert "Traceback" not in result.output
