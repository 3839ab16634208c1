"""Text made only of what prints as nothing (`model/unseen.py`, round 72): a zero-width
space, a byte order mark, a word joiner, a soft hyphen, a mark on nothing. Round 70 refused
ids of them; a school's name, a framework's title, a rule's or an action's title of them
still validated, and `validate` said "for \u200b (100000)". Now every field that refuses
empty text refuses them, in the same words ("must not be empty"), at the same line and
column, saying what the text holds; evidence of them is no evidence (`says_something`)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import duckdb
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

import selfreview_core.model
from scaled import scaled
from selfreview_core.cli import cli
from selfreview_core.cohort.benchmarking import has_evidence
from selfreview_core.cohort.identities import not_text, unseen_values
from selfreview_core.model.base import Model
from selfreview_core.model.unseen import FILLERS, UNSEEN, says_something, unseen_only
from selfreview_core.typed_text import name_problem, text_problem

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK = ROOT / "frameworks" / "becta-srf.yaml"
REVIEW = ROOT / "examples" / "example-primary-2025.yaml"
RULES = ROOT / "plugins" / "becta-leadership" / "src" / "selfreview_becta_leadership"
PLAN = ROOT / "examples" / "plan" / "example-primary-plan.yaml"
GOVERNOR = ROOT / "examples" / "respondents" / "governor-1.yaml"
TEACHERS = ROOT / "examples" / "respondents" / "teachers.jsonl"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


#: (file, what is replaced, its replacement, where the text starts in it, the path named,
#: what the hint says the text holds).
CASES = [
    (REVIEW, "name: Example Primary School", 'name: "\\u200b"', 6, "school.name", "`\\u200b`"),
    (GOVERNOR, "name: Example Primary School", 'name: "\\ufeff"', 6, "school.name", "`\\ufeff`"),
    (FRAMEWORK, "title: Self-review framework", 'title: "\\u2060\\u00ad"', 7, "title", None),
    (
        FRAMEWORK,
        "title: Leadership and management",
        'title: "\\u200b"',
        7,
        "elements[0].title",
        "`\\u200b`",
    ),
    (
        RULES / "becta-leadership.yaml",
        "title: Give ICT a place in the school's overall vision",
        'title: "\\u200c"',
        7,
        "rules[0].recommend.title",
        "`\\u200c`",
    ),
    (
        PLAN,
        "title: Bring ICT into the vision, then plan how to review its place there",
        'title: "\\u180e"',
        7,
        "actions[0].title",
        "`\\u180e`",
    ),
]


def _written(tmp_path: Path, name: str, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    file = tmp_path / f"{name}{source.suffix}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file


@pytest.mark.parametrize(("source", "old", "new", "start", "path", "held"), CASES)
def test_each_file_kind_refuses_such_text_where_and_as_it_refuses_empty_text(
    tmp_path: Path, source: Path, old: str, new: str, start: int, path: str, held: str | None
) -> None:
    text = source.read_text(encoding="utf-8")
    at = text.index(old)
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at) + start
    bad = _written(tmp_path, "bad", source, old, new)
    empty = _written(tmp_path, "empty", source, old, old.split(":")[0] + ': ""')
    good = _written(tmp_path, "good", source, old, old)
    result = run("validate", str(bad), str(empty), str(good))
    assert result.exit_code == 1
    unseen, nothing, ok = result.stdout.splitlines()
    holds = "holds only characters that print as nothing"
    # The same words at the same place as empty text, and why text that is not empty is.
    assert nothing == f"{empty}:{line}:{column}: error: {path}: must not be empty"
    held = held or "`" + json.loads(new.split(": ", 1)[1]).encode("unicode_escape").decode() + "`"
    assert (
        unseen
        == f"{bad}:{line}:{column}: error: {path}: must not be empty (the text {held} {holds})"
    )
    assert ok.startswith(f"{good}: ok: ")  # the same file otherwise: nothing else refused
    assert result.stderr == "3 files checked: 1 valid, 2 invalid (2 errors)\n"


def test_a_name_of_marks_on_nothing_is_named_by_its_first_mark(tmp_path: Path) -> None:
    bad = _written(tmp_path, "bad", REVIEW, "Example Primary School", '"\\u0301\\u20dd"')
    at = REVIEW.read_text(encoding="utf-8").index("Example Primary School")
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}:8:9: error: school.name: must not be empty (the text holds only marks on "
        "nothing, here U+0301)"
    ]
    assert at - REVIEW.read_text(encoding="utf-8").rfind("\n", 0, at) == 9


def test_a_json_response_and_a_json_lines_line_with_such_a_name_are_refused_at_it(
    tmp_path: Path,
) -> None:
    """`voices` and `combine` read responses so: the other lines are read, the bad one
    refused at its line and column, exit 1."""
    lines = TEACHERS.read_text(encoding="utf-8").splitlines()
    data = json.loads(lines[1])
    data["school"]["name"] = "\u200b\u2060"
    lines[1] = json.dumps(data)
    source = tmp_path / "answers.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    column = lines[1].index('"name": ') + len('"name": ') + 1
    said = (
        f"{source}:2:{column}: error: school.name: must not be empty (the text "
        "`\\u200b\\u2060` holds only characters that print as nothing)"
    )
    for command, out in (("voices", "view.json"), ("combine", "draft.yaml")):
        result = run(command, str(source), "-o", str(tmp_path / out))
        assert result.exit_code == 1, result.output
        assert said in result.stderr.splitlines()
        assert "internal error" not in result.output
        assert not (tmp_path / out).exists()
    single = tmp_path / "one.json"
    single.write_text(json.dumps(data, indent=1), encoding="utf-8")
    result = run("validate", str(single))
    assert result.exit_code == 1
    assert "error: school.name: must not be empty (the text `\\u200b\\u2060`" in result.stdout


def test_evidence_of_nothing_to_see_is_no_evidence_where_evidence_is_needed(
    tmp_path: Path,
) -> None:
    """Optional evidence of them is read as it is written, as empty evidence is (a file
    that validated still does); where evidence is needed (why a strand does not apply, an
    award's condition, a position's flag) it is none, as blank evidence is."""
    bad = _written(
        tmp_path, "bad", REVIEW, "  1a2: 5", '  1a2: {applicable: false, evidence: "\\u200b"}'
    )
    blank = _written(
        tmp_path, "blank", REVIEW, "  1a2: 5", '  1a2: {applicable: false, evidence: " "}'
    )
    optional = _written(
        tmp_path, "kept", REVIEW, "  1a2: 5", '  1a2: {level: 5, evidence: "\\u200b"}'
    )
    result = run("validate", str(bad), str(blank), str(optional))
    assert result.exit_code == 1
    needs = (
        "judgements.1a2: `applicable: false` needs `evidence` saying why the strand does not apply"
    )
    assert result.stdout.splitlines()[:2] == [
        f"{bad}:16:8: error: {needs}",
        f"{blank}:16:8: error: {needs}",
    ]
    assert result.stdout.splitlines()[2].startswith(f"{optional}: ok: ")
    for text in ("\u200b", "\ufeff\u00ad", "\u0301", " ", "", None):
        assert not says_something(text)
        assert not has_evidence(text)
    for text in ("e\u0301", "a\u200b", "x"):
        assert says_something(text)
        assert has_evidence(text)


#: Every character `unseen_only` finds says nothing, alone (those this Python's Unicode
#: assigns: DuckDB's RE2 knows newer marks, `tests/cohort/test_identities.py`), the four
#: separators U+001C..U+001F among them: blank to Python's `strip` (so to `Text`), and
#: white space in an id since round 73 (an id of one was taken, shown as `\x1c`).
UNSEEN_CHARS = [
    chr(c)
    for c in [*range(0xD800), *range(0xE000, 0x10000), 0xE0001, 0xE0020, 0xE0100, 0x1D173]
    if unseen_only(chr(c)) and unicodedata.category(chr(c)) != "Cn"
]


def test_the_only_letters_or_digits_that_print_as_nothing_are_the_hangul_fillers() -> None:
    """`unseen_only` takes text that starts with any other letter or digit as seen without
    looking further (a report validates names and titles in any script)."""
    unseen = re.compile(f"[{UNSEEN}]")
    found = [c for c in map(chr, range(0x110000)) if c.isalnum() and unseen.fullmatch(c)]
    assert "".join(found) == FILLERS
    assert unseen_only(FILLERS + " \u200b")
    assert not unseen_only("\u3164x")


@cache
def _fields_refusing_empty() -> list[tuple[str, TypeAdapter[Any]]]:
    """Every field of every model (of `model/`, a report's, an award's) whose own type
    refuses empty text as empty (`Text`'s "must not be empty", `Id`'s length)."""
    for module in pkgutil.iter_modules(selfreview_core.model.__path__):
        importlib.import_module(f"selfreview_core.model.{module.name}")
    for name in ("report", "award_check", "plans.progress"):
        importlib.import_module(f"selfreview_core.{name}")
    found = []
    classes = [Model]
    while classes:
        cls = classes.pop()
        classes.extend(cls.__subclasses__())
        for field, info in cls.model_fields.items():
            if info.annotation is not str:  # `Text` and `Id` are `str`, annotated
                continue
            kind: Any = Annotated[(str, *info.metadata)] if info.metadata else str
            adapter: TypeAdapter[Any] = TypeAdapter(kind)
            try:
                adapter.validate_python("")
            except ValidationError as error:
                if error.errors()[0]["type"] in ("empty_text", "string_too_short"):
                    found.append((f"{cls.__module__}.{cls.__name__}.{field}", adapter))
    return found


def test_the_fields_looked_at_are_the_names_titles_and_ids() -> None:
    fields = {
        name.rsplit(".", 2)[-2] + "." + name.rsplit(".", 1)[-1]
        for name, _ in _fields_refusing_empty()
    }
    assert {"School.name", "School.id", "Framework.title", "Strand.id", "Action.title"} <= fields
    assert {"Respondent.group", "RuleAdvice.title", "RuleAdvice.action", "Review.note"} <= fields
    assert len(fields) > 25


_CON = duckdb.connect()


def _refused_by_cohort(text: str) -> bool:
    """Whether a cohort file's school name of `text` is refused (`identities.not_text`)."""
    _CON.execute("CREATE OR REPLACE TABLE t AS SELECT ?::VARCHAR AS v", [text])
    unseen = unseen_values(_CON, "t", "v")
    return bool(_CON.execute(f"SELECT {not_text('v', unseen)} FROM t").fetchone() == (True,))


@settings(max_examples=scaled(200), deadline=None)
@given(st.text(st.sampled_from([*UNSEEN_CHARS, " ", "\t", "\u3000"]), min_size=1))
def test_text_of_nothing_to_see_is_refused_by_every_field_that_refuses_empty_text(
    text: str,
) -> None:
    """Everywhere the same: each model field (YAML, JSON, JSON Lines all validate through
    them), a name typed (`assess --school-name`, its prompt), a cohort file's school name."""
    assert unseen_only(text)
    for name, adapter in _fields_refusing_empty():
        with pytest.raises(ValidationError) as refused:
            adapter.validate_python(text)
        kind = refused.value.errors()[0]["type"]
        assert kind in ("empty_text", "string_too_short", "string_pattern_mismatch"), name
    problem = name_problem(text)  # a control character (U+0085) is refused for that first
    assert problem is not None
    assert problem.startswith("must not be empty") or text_problem(text) == problem
    assert _refused_by_cohort(text)
    assert not says_something(text)
