"""What the plugin host reads of an entry point (`entry_points.py`): a value written as one is
loaded (tests/test_plugins_entry_points.py), and a plugin's Python files are what can be known
of them."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

from selfreview_core import entry_points
from test_engine import _EntryPoint


def test_a_plugins_python_files_are_what_can_be_known_of_them(tmp_path: Path) -> None:
    """`PluginHost.code_files`, through `entry_points.python_files` (`-o` never over one): a
    module whose folder cannot be read (a zip file's) is still its own file; one with no
    file, nothing; a distribution whose files cannot be listed, none of them, and no error."""
    alone = str(tmp_path / "archive.zip" / "kit.py")
    assert entry_points._beside(alone) == [alone]
    assert entry_points._beside(None) == []
    (tmp_path / "kit.py").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    beside = entry_points._beside(str(tmp_path / "kit.py"))
    assert beside[0] == str(tmp_path / "kit.py")
    assert sorted(beside[1:]) == [str(tmp_path / "kit.py")]
    broken: Any = _EntryPoint("kit", "kit")
    broken.dist = types.SimpleNamespace(version="1", files=[object()])
    assert entry_points._listed(broken) == []
    broken.dist = None
    assert entry_points._listed(broken) == []
