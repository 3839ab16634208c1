"""A cold `validate` stays cold for titles that begin with punctuation or a symbol outside
ASCII (`« Brouillon »`, `— draft`, `№ 2`): whether such a title says something is asked
of Python's `unicodedata` first, and only a character it calls a mark, or has not
assigned, is asked of pydantic's tables (`unseen._is_mark`, round 79). Asked of pydantic
for every such character, `validate` imported pydantic's core to read a framework a
title of which begins so."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.test_cold_imports import VALIDATE_NEVER, _imported, _under


@pytest.mark.parametrize("title", ["« Brouillon »", "— draft", "№ 2", "“Quoted” review"])
def test_a_cold_validate_of_a_framework_titled_with_a_sign_imports_no_pydantic(
    root: Path, tmp_path: Path, title: str
) -> None:
    text = (root / "frameworks" / "becta-srf.yaml").read_text(encoding="utf-8")
    assert "\ntitle: Self-review framework\n" in text
    framework = tmp_path / "f.yaml"
    framework.write_text(
        text.replace("\ntitle: Self-review framework\n", f'\ntitle: "{title}"\n'),
        encoding="utf-8",
    )
    modules, told = _imported(["validate", str(framework)], tmp_path)
    assert told == ""
    assert "selfreview_core.validation.files" in modules  # it did run
    assert _under(modules, VALIDATE_NEVER) == []
