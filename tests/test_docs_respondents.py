"""docs/respondents.md works exactly as written, like docs/improvement-cycle.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from selfreview_core import load_assessment
from test_docs import blocks, run_as_written

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "respondents.md").read_text(encoding="utf-8")


def test_every_command_of_the_guide_prints_what_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run in order in a fresh directory beside the examples."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    assert run_as_written(GUIDE) >= 6
    draft = load_assessment(tmp_path / "draft.yaml")
    [excerpt] = [b for b in blocks(GUIDE, "yaml") if b.startswith("1b5:")]
    assert yaml.safe_load(excerpt)["1b5"] == {
        "level": draft.level("1b5"),
        "evidence": draft.judgements["1b5"].evidence,
    }
    for page in ("voices.html", "summary.html"):
        assert (tmp_path / page).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_guide_quotes_the_example_response_as_it_is() -> None:
    [excerpt] = [b for b in blocks(GUIDE, "yaml") if b.startswith("kind: assessment")]
    governor = (ROOT / "examples" / "respondents" / "governor-1.yaml").read_text(encoding="utf-8")
    assert excerpt in governor


def test_the_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    [snippet] = blocks(GUIDE, "python")
    namespace: dict[str, Any] = {}
    exec(compile(snippet, "respondents.md", "exec"), namespace)
    assert namespace["page"].startswith("<!DOCTYPE html>")
    assert namespace["draft"].respondent is None


def test_the_picture_of_the_governors_page_is_there() -> None:
    assert "![The governors' page of the made-up school](images/summary.png)" in GUIDE
    assert (ROOT / "docs" / "images" / "summary.png").stat().st_size > 10_000
