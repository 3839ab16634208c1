"""What a mutation pass over `cohort/standing.py` found untested (round 35), pinned by what
a user sees: `report --cohort COHORT`'s output."""

from __future__ import annotations

import html
import json
from pathlib import Path

from selfreview_core import Framework, benchmark, load_assessment
from selfreview_core.cohort.standing import standing_html, with_standing, withheld_note

from . import test_standing
from .test_standing import run

ROOT = Path(__file__).resolve().parents[2]
cohort_file = test_standing.cohort_file  # the example cohort, collected as test_standing.py does
NAME = "Ysgol Gynradd Aberdâr — “Example”"


def test_the_json_report_with_a_cohort_is_the_report_as_written_then_the_cohort(
    cohort_file: Path, tmp_path: Path
) -> None:
    """The report's JSON is written as without `--cohort`, byte for byte (the same
    indentation, a school's name in its own letters, not `\\u` escapes), and the cohort's
    view follows as its last key, written alike."""
    review = tmp_path / "review.yaml"
    text = (ROOT / "examples" / "example-primary-2026.yaml").read_text(encoding="utf-8")
    review.write_text(text.replace("name: Example Primary School", f"name: {NAME}"), "utf-8")
    plain = run("report", str(review), "--format", "json")
    with_cohort = run("report", str(review), "--format", "json", "--cohort", str(cohort_file))
    assert plain.exit_code == with_cohort.exit_code == 0, with_cohort.output
    assert plain.stdout.endswith('"voices": null\n}\n')
    assert with_cohort.stdout.startswith(
        plain.stdout.removesuffix("\n}\n") + ',\n  "cohort": {\n    "school": {\n'
    )
    assert with_cohort.stdout.count(f'"name": "{NAME}"') == 2  # the report's and the cohort's
    assert with_cohort.stdout.endswith("\n  }\n}\n")


def test_a_page_without_a_strands_section_gets_the_cohort_before_its_main_ends(
    becta: Framework,
) -> None:
    """A plugin's exporter of the name `html` may write a page without the built-in
    strand-by-strand section: the cohort's section goes at the end of its `<main>`, once,
    and the rest of the page is as written."""
    reviews = [load_assessment(f) for f in sorted((ROOT / "examples" / "cohort").glob("*.yaml"))]
    cohort = benchmark(becta, reviews)
    entry = cohort.position("900003")
    page = (
        "<!DOCTYPE html>\n<html><body><main>\n<h1>A plugin's page</h1>\n</main>\n</body></html>\n"
    )
    section = f'<section id="cohort">\n{standing_html(cohort, entry)}\n</section>\n'
    assert with_standing(page, "html", cohort, entry) == page.replace(
        "</main>", section + "</main>"
    )


def test_a_review_outside_the_cohort_shows_which_of_its_strands_have_evidence(
    cohort_file: Path,
) -> None:
    """The school's own view flags each strand with evidence, as `benchmark --school` does
    for a review the cohort holds; an aspect has no flag. (The review of 2026 is not in
    the example cohort: its standing is worked out, not looked up.)"""
    review = ROOT / "examples" / "example-primary-2026.yaml"
    result = run("report", str(review), "--format", "json", "--cohort", str(cohort_file))
    school = json.loads(result.stdout)["cohort"]["school"]
    assert school["school"]["id"] == "100000"
    judgements = load_assessment(review).judgements
    expected = {k: bool(j.evidence and j.evidence.strip()) for k, j in judgements.items()}
    assert set(expected.values()) == {True, False}
    assert {k: p["has_evidence"] for k, p in school["strands"].items()} == expected
    assert {p["has_evidence"] for p in school["aspects"].values()} == {None}


def test_the_withheld_note_is_said_in_the_pages_cohort_section(becta: Framework) -> None:
    """`report --cohort --format html` with figures withheld: the note that says which
    ones and why is in the cohort's section, after its chart, escaped as page text."""
    reviews = [load_assessment(f) for f in sorted((ROOT / "examples" / "cohort").glob("*.yaml"))]
    cohort = benchmark(becta, reviews)
    entry = cohort.position("900003")
    note = withheld_note({"1a1": 2, "1b1": 3}, 5)
    strands = '<section id="strands">\n</section>\n</main>\n'
    page = f"<main>\n{strands}"
    shown = with_standing(page, "html", cohort, entry, note=note)
    said = html.escape(note, quote=True)  # "school&#x27;s report"
    assert said != note
    assert shown.count(said) == 1
    assert shown.endswith(f'\n<p class="note">{said}</p>\n</section>\n{strands}')
