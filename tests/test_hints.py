""" "Did you mean" hints: a budget per document, so that a file full of unknown ids stays
quick, while its first mistakes keep their hints (docs/robustness.md, known limits)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import Framework, InvalidDocument, load_assessment
from selfreview_core import _hints as hints
from selfreview_core.cli import cli
from selfreview_core.model.base import did_you_mean


def _assessment(unknown: int) -> str:
    """A review of `becta-srf` judging `1a1` and `unknown` strands it does not have, each a
    real id with three letters after it (`1a1aab`), so that each has a close match."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    lines = [
        "kind: assessment",
        "framework: becta-srf",
        "school: {id: '1', name: Made-up School}",
        "assessed_on: 2025-01-01",
        "judgements:",
        "  1a1: 3",
    ]
    for i in range(unknown):
        suffix = "".join(letters[i // 26**k % 26] for k in (2, 1, 0))
        lines.append(f"  1a1{suffix}: 3")
    return "\n".join(lines) + "\n"


def _hinted(text: str, becta: Framework) -> list[bool]:
    with pytest.raises(InvalidDocument) as raised:
        load_assessment("many.yaml", becta, text=text)
    found = [d for d in raised.value.diagnostics if d.code == "unknown-strand"]
    return [d.hint is not None and d.hint.startswith("did you mean") for d in found]


def test_the_first_unknown_ids_keep_their_hints_and_the_rest_are_still_reported(
    becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hints, "HINT_WORK", 3 * len(becta.strand_ids))  # three hints' worth
    hinted = _hinted(_assessment(10), becta)
    assert len(hinted) == 10  # every unknown id is reported, in file order
    assert hinted == [True] * 3 + [False] * 7


def test_a_document_with_thousands_of_unknown_ids_gets_hints_for_the_first(
    becta: Framework,
) -> None:
    """With the real budget: enough hints for any honest file, not one per mistake."""
    count = hints.HINT_WORK // len(becta.strand_ids) + 200
    hinted = _hinted(_assessment(count), becta)
    assert len(hinted) == count
    assert all(hinted[:100])
    assert not any(hinted[-100:])


def test_each_document_has_a_budget_of_its_own(
    becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hints, "HINT_WORK", 3 * len(becta.strand_ids))
    text = _assessment(5)
    assert _hinted(text, becta) == _hinted(text, becta) == [True] * 3 + [False] * 2


def test_outside_a_document_hints_are_not_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hints, "HINT_WORK", 0)
    assert [did_you_mean("1a9", ["1a1", "2b2"]) for _ in range(3)] == ["did you mean `1a1`?"] * 3


def test_a_hint_too_costly_for_what_is_left_ends_the_hints() -> None:
    @hints.hint_budget
    def run() -> list[bool]:
        return [hints.spend(60_000), hints.spend(60_000), hints.spend(1)]

    assert run() == [True, False, False]
    assert hints.spend(10**9)  # the budget went with the call


def test_validate_shows_the_hint_for_the_first_mistakes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, becta: Framework
) -> None:
    monkeypatch.setattr(hints, "HINT_WORK", 2 * len(becta.strand_ids))
    path = tmp_path / "many.yaml"
    path.write_text(_assessment(4), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "is not a strand" in line]
    assert [("did you mean" in line) for line in errors] == [True, True, False, False]
