"""`answers_for`: answers whose values add up to a score a cohort holds (`support`'s rebuilt
reviews), and giving up, before it has made them, where a strand's answers add up to more
sums than `MOST_SUMS` (round 62: two questions of 1,000 answers made a million sums, 338 MB
and half a minute, for each distinct score of the cohort)."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from selfreview_core import Framework, load_framework
from selfreview_core.cohort import rebuilt_answers
from selfreview_core.cohort.rebuilt_answers import answers_for
from selfreview_core.model.questions import answer_value

ROOT = Path(__file__).resolve().parents[2]
TECHNOLOGY = ROOT / "examples" / "questions" / "technology-standards.yaml"
#: A score's whole numbers of 1 / DENOMINATOR (as a cohort holds it).
DENOMINATOR = 10**7


def _peak(make: Callable[[], object]) -> tuple[object, float]:
    """What `make` gives, and the most memory it held at once (MB)."""
    tracemalloc.start()
    try:
        made = make()
        return made, tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def many_sums(tmp_path_factory: pytest.TempPathFactory) -> Framework:
    """The example framework, its first strand's first two questions answered from 1,000
    answers each, of values a millionth and a thousandth apart: a million sums."""
    data = yaml.safe_load(TECHNOLOGY.read_text(encoding="utf-8"))
    data["answer_sets"]["fine"] = [
        {"id": f"f{k}", "text": f"F{k}", "value": round(k * 1e-6, 6)} for k in range(1000)
    ]
    data["answer_sets"]["coarse"] = [
        {"id": f"c{k}", "text": f"C{k}", "value": round(k * 1e-3, 3)} for k in range(1000)
    ]
    questions = data["elements"][0]["aspects"][0]["strands"][0]["questions"]
    questions[0]["answers"], questions[1]["answers"] = "fine", "coarse"
    path = tmp_path_factory.mktemp("framework") / "many-sums.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return load_framework(path)


def test_the_answers_add_up_to_the_score() -> None:
    framework = load_framework(TECHNOLOGY)
    found = answers_for(framework, "L-G-2", 125 * DENOMINATOR // 100, DENOMINATOR)
    assert found is not None
    values = {a.id: a.value for a in framework.answer_set("extent")}
    assert sum(answer_value(values[a]) for a in found.values()) == Fraction(5, 4)


def test_too_many_sums_are_given_up_before_they_are_made(many_sums: Framework) -> None:
    given_up: set[str] = set()
    found, peak = _peak(lambda: answers_for(many_sums, "L-G-1", 1_234_567, DENOMINATOR, given_up))
    assert found is None
    assert peak < 100  # a million sums took 338 MB
    assert given_up == {"L-G-1"}


def test_a_strand_given_up_is_given_up_for_every_score_at_once(many_sums: Framework) -> None:
    given_up = {"L-G-1"}
    found, peak = _peak(lambda: answers_for(many_sums, "L-G-1", 7_654_321, DENOMINATOR, given_up))
    assert found is None
    assert peak < 1  # no sum made again


def _written(framework: Framework, folder: Path) -> Path:
    """`framework` written to a file in `folder`, as `support --framework` reads it."""
    path = folder / "many-sums.yaml"
    data = framework.model_dump(mode="json", by_alias=True, exclude_none=True)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_support_gives_a_strand_up_once_for_every_score_of_its_cohort(
    many_sums: Framework, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three schools of three scores on the strand of a million sums: the sums are made
    (and given up) for the first score alone."""
    from click.testing import CliRunner

    from selfreview_core.cli import cli
    from selfreview_core.cohort import support

    framework = _written(many_sums, tmp_path)
    for n in range(3):
        (tmp_path / f"school-{n}.yaml").write_text(
            "kind: assessment\nframework: example-tech-standards@1\n"
            f"school: {{id: S{n}, name: School {n}}}\nassessed_on: 2026-11-01\njudgements:\n"
            f"  L-G-1: {{answers: {{L-G-1-a: f{n + 1}, L-G-1-b: c{n + 1}}}}}\n",
            encoding="utf-8",
        )
    seen: list[set[str]] = []

    def noted(
        framework: Framework, strand: str, units: int | None, denominator: int, given_up: set[str]
    ) -> dict[str, str] | None:
        seen.append(set(given_up))
        return answers_for(framework, strand, units, denominator, given_up)

    monkeypatch.setattr(support, "answers_for", noted)
    schools = [str(tmp_path / f"school-{n}.yaml") for n in range(3)]
    result = CliRunner().invoke(
        cli, ["support", *schools, "--framework", str(framework), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert seen[:3] == [set(), {"L-G-1"}, {"L-G-1"}]


EXAMPLE = load_framework(TECHNOLOGY)


def _sum(answers: dict[str, str]) -> Fraction:
    strand = EXAMPLE.strand("L-G-1")
    by_id = {question.id: question for question in strand.questions or ()}
    return sum(
        (
            answer_value(answer.value)
            for question_id, answer_id in answers.items()
            for answer in EXAMPLE.answer_set(by_id[question_id].answers)
            if answer.id == answer_id
        ),
        Fraction(0),
    )


def test_a_score_that_is_a_level_is_rebuilt_with_the_level_alone() -> None:
    """A whole score is a level's: the review is rebuilt with that level and no answers,
    so that no plugin or rule reads answers the school never gave (a mutation pass,
    round 62: answers adding up to 1 were invented for it)."""
    assert answers_for(EXAMPLE, "L-G-1", 4, 4) is None
    assert answers_for(EXAMPLE, "L-G-1", 0, 4) is None
    assert answers_for(EXAMPLE, "L-G-1", None, 4) is None  # judged by a level


def test_a_score_between_levels_is_rebuilt_with_answers_that_add_up_to_it() -> None:
    for units in (1, 3, 5, 7, 9):
        answers = answers_for(EXAMPLE, "L-G-1", units, 4)
        assert answers is not None
        assert _sum(answers) == Fraction(units, 4)


def test_a_search_past_the_most_sums_gives_up_for_the_level_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A strand whose answers add up in more ways than `MOST_SUMS` (many questions of
    answers valued to many places) is rebuilt with its level alone, not searched without
    end; here the bound is lowered so that a strand of three questions (12 sums) passes it
    (a mutation pass, round 62)."""
    assert answers_for(EXAMPLE, "L-G-1", 3, 4) is not None
    monkeypatch.setattr(rebuilt_answers, "MOST_SUMS", 12)  # its three questions' 12 sums
    assert answers_for(EXAMPLE, "L-G-1", 3, 4) is not None  # kept: at most, not past
    monkeypatch.setattr(rebuilt_answers, "MOST_SUMS", 11)
    assert answers_for(EXAMPLE, "L-G-1", 3, 4) is None


#: A rule on the score of the strand of a million sums, which a level alone never reaches.
NEARLY_EMBEDDED = """\
kind: rules
id: nearly
framework: example-tech-standards
rules:
  - id: nearly-embedded
    when: {strand: L-G-1, score_reached: 1.9}
    recommend: {title: Nearly embedded, action: Keep going., audience: senior leadership}
"""


def test_support_says_a_strand_given_up_and_that_advice_on_its_score_may_differ(
    many_sums: Framework, tmp_path: Path
) -> None:
    """A school scoring 1.9995 on the strand of a million sums (`report` gives it the rule
    on that score): `support` rebuilds its review with the level alone, 1, and the rule's
    advice is not counted for it. Before round 63 not a word said, the list silently
    differing from the school's report (SPEC section 10); now a warning on standard error,
    and in the list's problems, naming the strand. The rest of the list stands, and the
    exit is unchanged."""
    from click.testing import CliRunner

    from selfreview_core.cli import cli

    framework = _written(many_sums, tmp_path)
    rules = tmp_path / "nearly.yaml"
    rules.write_text(NEARLY_EMBEDDED, encoding="utf-8")
    school = tmp_path / "school.yaml"
    school.write_text(
        "kind: assessment\nframework: example-tech-standards@1\n"
        "school: {id: S0, name: School 0}\nassessed_on: 2026-11-01\njudgements:\n"
        "  L-G-1: {answers: {L-G-1-a: f500, L-G-1-b: c999, L-G-1-c: fully}}\n",
        encoding="utf-8",
    )
    given = ["--framework", str(framework), "--rules", str(rules), "--format", "json"]
    report = CliRunner().invoke(cli, ["report", str(school), *given])
    assert "nearly-embedded" in [r["id"] for r in json.loads(report.stdout)["recommendations"]]
    result = CliRunner().invoke(cli, ["support", str(school), *given, "--reached", "3"])
    assert result.exit_code == 0, result.stderr
    said = (
        "strand L-G-1: its answers add up in more than 100,000 ways, too many to find those "
        "giving each school's score: its schools were reported on at their levels alone, so "
        "advice on its score may differ from `report`'s"
    )
    assert result.stderr.splitlines() == [f"warning: {said}"]
    made = json.loads(result.stdout)
    assert made["problems"] == [said]
    assert made["size"] == made["needing"] == 1
    assert [r["id"] for r in made["recommendations"]] == ["next-step-L-G-1"]
