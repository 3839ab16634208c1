"""What round 71's mutation pass over `rules/warned.py` showed untested: a pack whose
framework the caller's lookup does not hold has no warnings (there is no scale to judge its
tests by), rather than an internal error; and a plugin's clean pack is not read from its
file a second time to locate warnings it does not have (the module's promise that the usual
pack costs no second read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core import load_framework, load_rules
from selfreview_core.rules import warned
from selfreview_core.rules.warned import file_warnings, pack_warnings

from .test_empty_conditions import FRAMEWORK, PACK, _pack


def test_a_pack_for_a_framework_not_in_the_lookup_has_no_warnings(tmp_path: Path) -> None:
    pack = load_rules(_pack(tmp_path), load_framework(FRAMEWORK))
    assert pack_warnings({"tiny": load_framework(FRAMEWORK)}, pack)  # it has three
    assert pack_warnings({}, pack) == []
    assert file_warnings({}, pack, tmp_path / "empties.yaml") == []


def test_a_clean_pack_s_file_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = PACK.replace("{all: []}", "{strand: E1.1, level: 2}").replace(
        "{any: []}", "{strand: E1.2, level: 1}"
    )
    path = tmp_path / "clean.yaml"
    path.write_text(clean, encoding="utf-8")
    framework = load_framework(FRAMEWORK)
    pack = load_rules(path, framework)

    def read_again(*args: object) -> object:
        raise AssertionError("a clean pack's file read again")

    monkeypatch.setattr(warned, "given_warnings", read_again)
    assert file_warnings({"tiny": framework}, pack, path) == []
