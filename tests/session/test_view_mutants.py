"""What `selfreview assess` shows of a strand (`session/view.py`), pinned where round 42
found it wrong or unheld."""

from __future__ import annotations

from pathlib import Path

from question_session import assess
from selfreview_core.model.assessment import Judgement
from selfreview_core.session.view import fit, level_prompt, question_heading, strand_screen
from selfreview_core.testing.fixtures import _small_framework


def test_revisiting_says_a_strand_is_not_applicable_or_judged_by_its_answers_never_none(
    tmp_path: Path,
) -> None:
    """`assess --all` showed "Currently judged at level None." above a strand judged by its
    answers or not applicable (round 42's bug): it says which, and the level answers lead
    to."""
    out = tmp_path / "setting.yaml"
    assert assess(out, ["yes", "3", "2", "", "q"]).exit_code == 0  # L-G-1: 1.75, level 1
    again = assess(out, ["q"], "--all")
    assert again.exit_code == 0, again.output
    assert "  Currently judged by its answers, at level 1.\n" in again.output
    assert "None" not in again.output
    out = tmp_path / "not-applicable.yaml"
    assert assess(out, ["n", "One building only", "q"]).exit_code == 0
    again = assess(out, ["q"], "--all")
    assert "  Currently not applicable.\n" in again.output
    assert "None" not in again.output


def test_fit_leaves_a_line_that_fits_as_it_is_to_the_last_column() -> None:
    """A line as long as the width, or shorter, is not rewrapped: its tab, its double
    spaces and its trailing space stay."""
    assert fit("a\tb  c ", 40) == "a\tb  c "
    exact = "x" * 37 + "\t" + "yy"
    assert len(exact) == 40
    assert fit(exact, 40) == exact


def test_fit_wraps_a_long_line_under_its_own_indent_unless_that_is_half_the_width() -> None:
    words = " ".join(["word"] * 30)
    for indent in (4, 20):  # up to half the width: kept, continuations two spaces more
        lines = fit(" " * indent + words, 40).split("\n")
        assert len(lines) > 1
        assert lines[0].startswith(" " * indent + "word")
        assert all(line.startswith(" " * (indent + 2) + "word") for line in lines[1:])
        assert all(len(line) <= 40 for line in lines)
    lines = fit(" " * 21 + words, 40).split("\n")  # more: the indent is dropped
    assert lines[0].startswith("word")
    assert all(line.startswith("  word") for line in lines[1:])


def test_the_question_heading_is_one_line_of_the_width_cut_with_a_mark() -> None:
    framework = _small_framework()
    strand = framework.strands[0].model_copy(update={"title": "Vision\nforged: line"})
    heading = question_heading(strand, 1, 4, 200)
    assert heading == "-- A1.1 (1 of 4): Vision\\nforged: line"
    exact = len(heading)
    assert question_heading(strand, 1, 4, exact) == heading
    cut = question_heading(strand, 1, 4, exact - 1)
    assert len(cut) == exact - 1
    assert cut == heading[: exact - 2] + "…"


def test_each_level_shows_its_label_and_descriptors_wrap_only_at_spaces() -> None:
    framework = _small_framework()
    strand = framework.strands[0].model_copy(
        update={"levels": {**framework.strands[0].levels, 1: "well-led " * 12}}
    )
    screen = "\n".join(strand_screen(framework, strand, 1, 4, None, None, 40))
    assert "  0 (worst) Not started\n" in screen
    assert "  3 (best) Embedded\n" in screen
    assert "  1\n" in screen  # no label: the number alone
    assert "  2\n" in screen
    assert "-\n" not in screen
    assert "      well-led well-led" in screen


def test_the_level_prompt_offers_not_applicable_only_when_asked_and_says_what_enter_keeps() -> None:
    scale = _small_framework().scale
    assert "not applicable" not in level_prompt(scale, None, first=True)
    assert ", n not applicable, q stops)" in level_prompt(scale, None, first=True, na=True)
    answered = Judgement(answers={"q1": "yes"})
    assert "Enter keeps its answers, s skips" in level_prompt(scale, answered, first=True)
    absent = Judgement(applicable=False, evidence="None here")
    assert "Enter keeps not applicable, s skips" in level_prompt(scale, absent, first=False)
