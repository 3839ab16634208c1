"""What a migration file promises that round 41's mutation pass of model/migration.py found no
test pinning: the message for each wrong kind of `from`/`to` and of a `strands` entry, a long
value clipped in them, the summary's counts of two-way splits and merges, plain data without
what was not given, the schema's non-empty lists, and a new strand listed twice for one old
strand refused at its place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from program import selfreview_here
from selfreview_core import Migration
from selfreview_core.schema import json_schema


def _message(data: dict[str, Any]) -> str:
    base: dict[str, Any] = {"from": "t@1", "to": "t@2", "strands": {}}
    with pytest.raises(ValidationError) as raised:
        Migration.model_validate({**base, **data})
    errors = raised.value.errors()
    assert len(errors) == 1, errors
    return str(errors[0]["msg"])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "t",
            "`t` names no version: a migration goes from one version to another, so write "
            "`id@version`, such as `t@1`",
        ),
        ("t 1", "`t 1` is not `id@version` (no spaces, one `@`)"),
        ("t@1@2", "`t@1@2` is not `id@version` (no spaces, one `@`)"),
        ("t@ 1", "`t@ 1` is not `id@version` (no spaces, one `@`)"),
    ],
)
def test_a_version_that_is_not_id_at_version_says_what_is_wrong(value: str, message: str) -> None:
    assert _message({"from": value}) == message


def test_a_long_value_is_shown_whole_up_to_forty_characters_and_clipped_past_them() -> None:
    forty = "x" * 40
    assert _message({"to": forty}).startswith(f"`{forty}` names no version")
    assert f"such as `{forty}@1`" in _message({"to": forty})
    clipped = "y" * 37 + "..."
    assert _message({"to": "y" * 41}).startswith(f"`{clipped}` names no version")
    assert _message({"to": "y" * 500}).startswith(f"`{clipped}` names no version")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            5,
            "expected a strand id or a list of strand ids, got the number 5 (write it in "
            'quotes: "5")',
        ),
        (True, "expected a strand id or a list of strand ids, got bool"),
        ({"b": 1}, "expected a strand id or a list of strand ids, got a mapping"),
        (None, "expected a strand id or a list of strand ids, got nothing (null)"),
        (1.5, "expected a strand id or a list of strand ids, got float"),
    ],
    ids=repr,
)
def test_a_strands_entry_of_the_wrong_kind_names_what_it_got(value: Any, message: str) -> None:
    assert _message({"strands": {"a": value}}) == message


def test_the_summary_counts_two_way_splits_and_merges_each_in_the_singular_or_plural() -> None:
    migration = Migration.model_validate(
        {
            "from": "t@1",
            "to": "t@2",
            "strands": {"a": ["a1", "a2"], "b": ["b1", "b2"], "c": "m", "d": "m", "e": "e"},
            "retired": ["f"],
        }
    )
    assert migration.summary() == (
        "migration t@1 -> t@2: 5 strands mapped (2 splits, 1 merge), 1 retired"
    )
    one = Migration.model_validate({"from": "t@1", "to": "t@2", "strands": {"a": ["x", "y"]}})
    assert one.summary() == "migration t@1 -> t@2: 1 strand mapped (1 split), 0 retired"


def test_plain_data_holds_what_the_file_gives_and_no_empty_fields() -> None:
    migration = Migration.model_validate({"from": "t@1", "to": "t@2", "strands": {"a": "b"}})
    assert migration.data() == {
        "kind": "migration",
        "from": "t@1",
        "to": "t@2",
        "strands": {"a": ["b"]},
        "retired": [],
    }


def test_the_schema_takes_one_new_strand_or_a_non_empty_list() -> None:
    schema = json_schema("migration")
    text = repr(schema)
    assert "'minItems': 1" in text
    assert "'minItems': 2" not in text


MIGRATION = """\
kind: migration
from: t@1
to: t@2
strands:
  a: [b, c, b]
"""


def test_a_new_strand_listed_twice_for_one_old_strand_is_refused_at_the_second(
    tmp_path: Path,
) -> None:
    (tmp_path / "m.yaml").write_text(MIGRATION, encoding="utf-8")
    done = selfreview_here(["validate", "m.yaml"], cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "m.yaml:5:13: error: strands.a[2]: `b` is listed twice for `a`" in done.stdout.decode()


RETIRED = """\
kind: migration
from: t@1
to: t@2
strands: {a: b}
retired: [[c], 5, 5, {d: 1}]
"""


def test_retired_items_that_are_not_text_are_each_refused_by_their_type_alone(
    tmp_path: Path,
) -> None:
    """The check of strands retired twice reads the raw file too, and leaves what is not
    text to field validation: a list there stopped it with an internal error, and a number
    twice was also "retired twice", on a mutant."""
    (tmp_path / "m.yaml").write_text(RETIRED, encoding="utf-8")
    done = selfreview_here(["validate", "m.yaml"], cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "internal error" not in done.stderr.decode()
    retired = [line for line in done.stdout.decode().splitlines() if "retired" in line]
    assert retired == [
        "m.yaml:5:11: error: retired[0]: expected text, got a list",
        'm.yaml:5:16: error: retired[1]: expected text, got the number 5 (write it in quotes: "5")',
        'm.yaml:5:19: error: retired[2]: expected text, got the number 5 (write it in quotes: "5")',
        "m.yaml:5:22: error: retired[3]: expected text, got a mapping",
    ]


def test_an_empty_id_in_a_migrations_structure_is_said_to_be_empty() -> None:
    """Round 46: "`` is listed twice for ``", "`to` is `from` again ()" and "`` is retired
    twice" showed nothing in backticks or brackets; an empty version or retired id is field
    validation's "must not be empty", told once."""
    from selfreview_core.model.migration import structure_findings

    found = structure_findings(
        {"from": "", "to": "", "strands": {"": ["", ""], "a": ["b", "b"]}, "retired": ["", ""]}
    )
    assert [(f.path, f.message) for f in found] == [
        (("strands", "", 1), "an empty id is listed twice for an empty key"),
        (("strands", "a", 1), "`b` is listed twice for `a`"),
    ]
