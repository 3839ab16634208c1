"""`report_files.report_against`, what its own tests did not hold (round 42's mutation
pass): a `--previous` of another framework refused at its `framework` key (it was told
unlocated, as three problems of "assessment" naming no file), and the engine's refusals
left as they are where no file can locate them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import Engine, load_assessment
from selfreview_core.batch.report_files import report_against
from selfreview_core.errors import ComparisonError, InvalidDocument

ROOT = Path(__file__).resolve().parents[2]
NEW = ROOT / "examples" / "example-primary-2026.yaml"
OLD = ROOT / "examples" / "example-primary-2025.yaml"
AWARDS = ROOT / "examples" / "awards" / "illustrative-award-framework.yaml"
AWARDED = ROOT / "examples" / "awards" / "example-school.yaml"


def run(*args: str) -> Result:
    from selfreview_core.cli import cli

    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def line_of(path: Path, key: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(key))


@pytest.mark.usefixtures("no_entry_points")
@pytest.mark.parametrize("command", ["report", "plan"])
def test_a_previous_review_of_another_framework_is_refused_at_its_framework_key(
    tmp_path: Path, command: str
) -> None:
    """It was three problems naming no file ("error: framework: assessment is of
    `example-awards@1`, not of becta-srf@2010", its version, a strand), with ASSESSMENT
    and --previous given: which file was meant was left to guess. Nothing is written."""
    target = tmp_path / ("plan.yaml" if command == "plan" else "report.json")
    result = run(
        command,
        str(NEW),
        "--previous",
        str(AWARDED),
        "--framework",
        str(AWARDS),
        "-o",
        str(target),
        *(["--priority", "high"] if command == "plan" else []),
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{AWARDED}:{line_of(AWARDED, 'framework:')}:12: error: framework: --previous is a "
        "review against example-awards@1, ASSESSMENT against becta-srf@2010 (give --previous "
        "an earlier review against becta-srf)\n"
    )
    assert not target.exists()


@pytest.mark.usefixtures("no_entry_points")
def test_a_refusal_about_a_previous_review_with_no_file_named_is_the_engines_own(
    tmp_path: Path,
) -> None:
    """A caller that gives no file for the previous review gets the engine's refusal, in
    the library's words: there is no file to locate it in, nor a command's words to use."""
    engine = Engine(entry_points=False, frameworks=[AWARDS])
    names = engine.framework_names()
    later = tmp_path / "later.yaml"
    later.write_text(
        OLD.read_text(encoding="utf-8").replace(
            "assessed_on: 2025-10-06", "assessed_on: 2027-01-01"
        ),
        encoding="utf-8",
    )
    current, newer = load_assessment(NEW, names), load_assessment(later, names)
    with pytest.raises(ComparisonError) as raised:
        report_against(engine, (str(NEW), current), None, newer, any_school=False)
    assert raised.value.first.code == "previous-newer"
    assert raised.value.file is None
    assert raised.value.first.message.startswith("the old review (2027-01-01) is newer than")
    other = load_assessment(AWARDED, names)
    with pytest.raises(InvalidDocument) as refused:
        report_against(engine, (str(NEW), current), None, other)
    assert refused.value.first.code == "wrong-framework"
    assert refused.value.file is None
    # A previous review of this framework that does not fit it (built by hand): the
    # engine's own problems, even with its file named.
    odd = tmp_path / "odd.yaml"
    odd.write_text(OLD.read_text(encoding="utf-8").replace("  1a1:", "  9z9:"), encoding="utf-8")
    unfit = load_assessment(odd)  # not checked against its framework
    with pytest.raises(InvalidDocument) as refused:
        report_against(engine, (str(NEW), current), str(odd), unfit)
    assert [(d.code, d.file) for d in refused.value.diagnostics] == [("unknown-strand", None)]


def test_a_refusal_it_has_no_words_for_is_raised_as_the_engine_gave_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = Engine(entry_points=False)
    names = engine.framework_names()
    current, previous = load_assessment(NEW, names), load_assessment(OLD, names)
    refusal = ComparisonError("not comparable today", code="some-other-reason")

    def refuse(*args: object, **kwargs: object) -> None:
        raise refusal

    monkeypatch.setattr(engine, "report", refuse)
    with pytest.raises(ComparisonError) as raised:
        report_against(engine, (str(NEW), current), str(OLD), previous)
    assert raised.value is refusal
