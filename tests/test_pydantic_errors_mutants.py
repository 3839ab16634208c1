"""What a person editing a file is told when a value or a key has the wrong type, a choice
is misspelt or an id is malformed: the words, the hint and the place (line, column and
document path, at the value or at the key). A mutation pass (round 39) found these
messages unpinned: each test feeds a small file and checks what `selfreview validate`
would show of it."""

from __future__ import annotations

import pytest

from selfreview_core import InvalidDocument, load
from selfreview_core.errors import Diagnostic

_FRAMEWORK = """\
kind: framework
id: tiny
version: "1"
title: Tiny framework
scale: {best: 3, worst: 0}
elements:
  - id: E
    title: Everything
    aspects:
      - id: E1
        title: The only aspect
        strands:
          - id: E1.1
            title: First strand
            levels: {0: None yet., 1: Some., 2: Most., 3: All.}
"""

#: A valid assessment of `tiny@1` (tests/data/good/tiny-framework.yaml, `_FRAMEWORK`), which the
#: other passes' tests of bad input change one thing of.
TINY_ASSESSMENT = """\
kind: assessment
framework: tiny@1
school: {id: T-001, name: Tiny School}
assessed_on: 2026-09-30
judgements:
  E1.1: 2
"""

_PLAN = """\
kind: plan
framework: tiny@1
school: {id: T-001, name: Tiny School}
made_from: {assessed_on: 2026-09-30}
created_on: 2026-10-01
actions:
  - id: act
    recommendation: act
    title: Do it
    status: planned
"""


def _problems(text: str, name: str = "doc.yaml") -> list[Diagnostic]:
    with pytest.raises(InvalidDocument) as raised:
        load(name, text=text)
    return list(raised.value.diagnostics)


def _only(text: str) -> Diagnostic:
    problems = _problems(text)
    assert len(problems) == 1, problems
    return problems[0]


def _where(d: Diagnostic) -> tuple[int | None, int | None, str]:
    return d.line, d.column, d.path


@pytest.mark.parametrize(
    ("value", "described"),
    [
        ("", "nothing (null)"),
        ("true", "`true`"),
        ("{a: 1}", "a mapping"),
        ("[a]", "a list"),
    ],
)
def test_a_title_of_the_wrong_type_says_what_it_got(value: str, described: str) -> None:
    text = _FRAMEWORK.replace("title: Tiny framework", f"title: {value}")
    problem = _only(text)
    assert problem.message == f"expected text, got {described}"
    assert problem.hint is None
    assert problem.code == "type"
    assert (problem.line, problem.path) == (4, "title")


def test_a_long_number_where_text_belongs_is_shown_cut_and_quoted_whole() -> None:
    digits = "1234567890" * 4 + "123"  # 43 digits
    problem = _only(_FRAMEWORK.replace("id: tiny", f"id: {digits}"))
    assert problem.message == f"expected text, got the number {digits[:37]}..."
    assert problem.hint == f'write it in quotes: "{digits}"'
    assert _where(problem) == (2, 5, "id")


@pytest.mark.parametrize(
    ("length", "shown"),
    [(40, "x" * 40), (41, "x" * 37 + "..."), (60, "x" * 37 + "...")],
)
def test_text_where_a_whole_number_belongs_is_shown_up_to_forty_characters(
    length: int, shown: str
) -> None:
    text = _FRAMEWORK.replace("best: 3", f"best: {'x' * length}")
    problems = [p for p in _problems(text) if p.path == "scale.best"]
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.message == f"expected a whole number, got the text `{shown}`"
    assert problem.hint is None
    assert problem.code == "type"
    assert (problem.line, problem.column) == (5, 15)  # at the value, not at the key


def test_a_judgement_of_the_wrong_shape_says_a_level_or_a_mapping() -> None:
    problem = _only(TINY_ASSESSMENT.replace("E1.1: 2", "E1.1: [2]"))
    assert problem.message == "expected a level or a mapping with `level`, got a list"
    assert problem.code == "type"
    assert _where(problem) == (6, 9, 'judgements["E1.1"]')


def test_an_element_of_the_wrong_shape_says_a_mapping() -> None:
    text = _FRAMEWORK.replace("elements:\n", "elements:\n  - 5\n")
    problem = _only(text)
    assert problem.message == "expected a mapping, got the number 5"
    assert problem.code == "type"
    assert _where(problem) == (7, 5, "elements[0]")


def test_a_number_as_a_strand_id_key_asks_for_quotes_at_the_key() -> None:
    problem = _only(TINY_ASSESSMENT.replace("E1.1: 2", "11: 2"))
    assert problem.message == "expected a text key (an id), got the number 11"
    assert problem.hint == 'write it in quotes: "11"'
    assert problem.code == "type"
    assert _where(problem) == (6, 3, "judgements[11]")


def test_a_word_as_a_level_key_asks_for_a_whole_number_at_the_key() -> None:
    text = _FRAMEWORK.replace("{0: None yet.,", "{zero: None yet.,")
    problems = [p for p in _problems(text) if "key" in p.message]
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.message == "expected a whole-number key, got the text `zero`"
    assert problem.hint is None
    assert problem.code == "type"
    assert _where(problem) == (15, 22, "elements[0].aspects[0].strands[0].levels.zero")


def test_a_framework_reference_with_a_space_says_how_to_write_one() -> None:
    problem = _only(TINY_ASSESSMENT.replace("framework: tiny@1", "framework: tiny 1"))
    assert problem.message == "the text `tiny 1` is not a framework id"
    assert problem.hint == "write `id` or `id@version`, with no spaces"
    assert problem.code == "id"
    assert _where(problem) == (2, 12, "framework")


def test_a_misspelt_status_is_refused_with_the_choice_it_resembles() -> None:
    problem = _only(_PLAN.replace("status: planned", "status: dnoe"))
    assert problem.message.startswith("the text `dnoe` is not allowed here: ")
    assert problem.message.endswith("expected `planned`, `doing`, `done` or `dropped`")
    assert problem.hint == "did you mean `done`?"
    assert problem.code == "invalid"
    assert _where(problem) == (10, 13, "actions[0].status")


def test_a_number_as_a_status_is_refused_without_a_guess() -> None:
    problem = _only(_PLAN.replace("status: planned", "status: 5"))
    assert problem.message.startswith("the number 5 is not allowed here: ")
    assert problem.hint is None
    assert problem.code == "invalid"
    assert _where(problem) == (10, 13, "actions[0].status")


_RULES = """\
kind: rules
id: pack
framework: tiny@1
rules:
  - id: r
    when: {strand: E1.1, below: 2}
    recommend: {title: T, action: A}
"""


@pytest.mark.parametrize(
    ("digits", "shown"),
    [("1" * 40, "1" * 40), ("1" * 41, "1" * 37 + "...")],
)
def test_a_number_where_text_belongs_is_shown_up_to_forty_digits(digits: str, shown: str) -> None:
    problem = _only(_FRAMEWORK.replace("id: tiny", f"id: {digits}"))
    assert problem.message == f"expected text, got the number {shown}"
    assert problem.hint == f'write it in quotes: "{digits}"'


def test_a_number_where_a_list_belongs_says_a_list_at_the_value() -> None:
    problem = _only(_FRAMEWORK.split("elements:")[0] + "elements: 5\n")
    assert problem.message == "expected a list, got the number 5"
    assert problem.hint is None
    assert problem.code == "type"
    assert _where(problem) == (6, 11, "elements")


def test_an_id_with_a_space_says_how_ids_are_written_at_the_value() -> None:
    problem = _only(_FRAMEWORK.replace("  - id: E\n", "  - id: E 1\n"))
    assert problem.message == "the text `E 1` is not a valid id"
    assert problem.hint == "ids have no spaces and no `@`"
    assert problem.code == "id"
    assert _where(problem) == (7, 9, "elements[0].id")


def test_a_missing_key_is_placed_at_the_mapping_that_lacks_it() -> None:
    problem = _only(_FRAMEWORK.replace("    title: Everything\n", ""))
    assert problem.message == "missing required key `title`"
    assert problem.code == "missing-key"
    assert _where(problem) == (7, 5, "elements[0]")


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2026-13-45", "month value is outside expected range of 1-12"),
        ("2026-09-30x", "invalid datetime separator, expected `T`, `t`, `_` or space"),
        # Before round 39: "not a date" (pydantic's reason has no comma to cut at).
        ("2026-09-30T10:00:00", "it has a time of day"),
        ("2026-09-30 10:00", "it has a time of day"),
    ],
)
def test_an_impossible_date_says_why_in_full(written: str, reason: str) -> None:
    problem = _only(TINY_ASSESSMENT.replace("2026-09-30", written))
    assert problem.message == f"the text `{written}` is not a valid date: {reason}"
    assert problem.hint == "write dates as YYYY-MM-DD"
    assert problem.code == "date"
    assert _where(problem) == (4, 14, "assessed_on")


def test_an_unknown_key_in_a_small_mapping_lists_the_keys_expected() -> None:
    problem = _only(_FRAMEWORK.replace("worst: 0}", "worst: 0, zzz: 1}"))
    assert problem.message == "unknown key `zzz`"
    assert problem.hint == "expected one of: `best`, `worst`, `labels`"
    assert problem.code == "unknown-key"
    assert _where(problem) == (5, 28, "scale.zzz")


def test_an_unknown_key_in_an_action_lists_all_ten_keys_expected() -> None:
    problem = _only(_PLAN.replace("status: planned", "status: planned\n    zzz: 1"))
    assert problem.message == "unknown key `zzz`"
    assert problem.hint == (
        "expected one of: `id`, `recommendation`, `title`, `targets`, `owner`, `due`,"
        " `status`, `notes`, `baseline`, `baseline_scores`"
    )
    assert _where(problem) == (11, 5, "actions[0].zzz")


def test_an_unknown_key_in_a_condition_of_eleven_keys_recites_what_a_test_is_made_of() -> None:
    """Eleven keys are more than a hint lists one by one (ten at most): a test's hint says
    what a test is made of instead (`Test.UNKNOWN_KEY_HINT`; before round 59, none)."""
    problem = _only(_RULES.replace("below: 2}", "below: 2, zzz: 1}"))
    assert problem.message == "unknown key `zzz`"
    assert problem.hint is not None
    assert problem.hint.startswith("a test names one of `strand`, `aspect` or `element`, ")
    assert "expected one of" not in problem.hint
    assert problem.code == "unknown-key"
    assert _where(problem) == (6, 36, "rules[0].when.zzz")


def test_a_value_that_is_a_neighbours_key_is_placed_at_the_value_not_the_neighbour() -> None:
    """Pydantic's input names the key only where the key is refused (`[key]`): a level
    written as the id of the next strand is the level's problem, at the level."""
    text = TINY_ASSESSMENT.replace("E1.1: 2", "E1.1: {level: E1.2}\n  E1.2: 3")
    with pytest.raises(InvalidDocument) as raised:
        load("a.yaml", text=text)
    (problem,) = raised.value.diagnostics
    assert problem.path == 'judgements["E1.1"].level'
    assert (problem.line, problem.column) == (6, 17)
    assert problem.message == "expected a whole number, got the text `E1.2`"


def test_each_refused_key_of_one_type_is_placed_at_itself() -> None:
    text = TINY_ASSESSMENT.replace("E1.1: 2", "E1.1: 2\n  5: 3\n  6: 3\n  7: 3")
    with pytest.raises(InvalidDocument) as raised:
        load("a.yaml", text=text)
    assert [(d.line, d.column, d.path) for d in raised.value.diagnostics] == [
        (7, 3, "judgements[5]"),
        (8, 3, "judgements[6]"),
        (9, 3, "judgements[7]"),
    ]


# Round 53's pass over round 52's wording of choices (`_choices`, `_literal_words`) and the
# last resort of `_message`: what no file of today's models reaches, pinned at the helpers.


@pytest.mark.parametrize(
    ("allowed", "said"),
    [
        (["a"], "expected `a`"),
        (["a", "b"], "expected `a` or `b`"),
        (["a", "b", "c"], "expected `a`, `b` or `c`"),
        (
            [],  # a field of choices not found on the model: pydantic's own list, our quotes
            "expected `planned`, `doing`, `done` or `dropped`",
        ),
    ],
)
def test_choices_are_listed_in_the_projects_words(allowed: list[str], said: str) -> None:
    from selfreview_core.pydantic_errors import _literal_words

    pydantic_said = "Input should be 'planned', 'doing', 'done' or 'dropped'"
    assert _literal_words(allowed, pydantic_said) == said


def test_the_choices_of_a_place_the_model_does_not_have_are_none() -> None:
    from selfreview_core.model.plan import Plan
    from selfreview_core.pydantic_errors import _choices

    assert _choices(Plan, ("actions", 0, "status")) == ["planned", "doing", "done", "dropped"]
    assert _choices(Plan, ("actions", 0, "no such field")) == []
    assert _choices(Plan, ("no such list", 0, "status")) == []
    assert _choices(Plan, ()) == []


def test_an_error_kind_without_words_of_ours_keeps_pydantics_message_and_kind() -> None:
    """A kind of error pydantic may add later, or one no model of today raises, is said as
    pydantic says it, coded by its kind: never lost, never a traceback."""
    from selfreview_core.model.plan import Plan
    from selfreview_core.pydantic_errors import _message

    error = {"type": "some_new_kind", "loc": ("created_on",), "msg": "Odd input", "input": 1}
    assert _message(error, Plan, "created_on", True) == (  # type: ignore[arg-type]
        "Odd input",
        None,
        "some_new_kind",
        False,
    )
