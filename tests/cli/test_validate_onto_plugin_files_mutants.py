"""`validate` builds its engine before its first line wherever standard output may be a
file a plugin gives, so that `engine_built` can refuse it (round 79): the name the system
holds for standard output ends as any such file may, whatever the case of its letters. A
plugin's module may be installed without its source (`kitfiles.pyc`, its `__file__`) and
its files may be JSON Lines or YAML by either suffix; a name no plugin's file has leaves
`validate` as cold as into a pipe."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from selfreview_core.cli import _unnamed_inputs


def _named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Standard output a file of one name, `name` as the system holds it."""
    (tmp_path / "one").write_text("", encoding="utf-8")
    found = os.stat(tmp_path / "one")
    monkeypatch.setattr(os, "fstat", lambda number: found)
    monkeypatch.setattr(os, "readlink", lambda path: str(tmp_path / name))


@pytest.mark.parametrize(
    "name",
    [
        "kitfiles.pyc",  # a plugin's module installed without its source
        "kitfiles.py",
        "kit/rules.jsonl",
        "kit/rules.JSONL",
        "kit/srf-1.yml",
        "kit/srf-1.YAML",
        "kit/rules.json",
        "kit/rules.yaml.twin",
    ],
)
def test_a_name_a_plugins_file_may_have_is_looked_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    _named(tmp_path, monkeypatch, name)
    assert _unnamed_inputs.may_be_a_plugins_file() is True


@pytest.mark.parametrize("name", ["said.txt", "out.log", "said", "report.html", "rules.yaml.bak"])
def test_a_name_no_plugins_file_has_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    _named(tmp_path, monkeypatch, name)
    assert _unnamed_inputs.may_be_a_plugins_file() is False
