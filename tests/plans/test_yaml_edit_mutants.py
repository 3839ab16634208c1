"""Plan files (`plans/yaml_edit.py`): what its mutation passes (rounds 42 and 46) found no
test held, pinned by what a school sees in its plan file."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from selfreview_core import Action, Plan, School, load_plan
from selfreview_core.plans.yaml_edit import append_actions, comments, plan_text

HEAD = "kind: plan\nframework: small\nschool: {id: T1, name: S}\ncreated_on: 2026-01-01\n"
NEW = (
    Action(
        id="new-one",
        recommendation="new-one",
        title="Something new",
        targets=("A1.1", "A1"),
        baseline={"A1.1": 2},
    ),
)


def test_a_new_plan_keeps_its_keys_in_reading_order_and_its_text_as_written() -> None:
    """Who and what first, then the actions; each action's id first; a school's name in
    Welsh or with a dash written as it is, not as `\\u0175` escapes."""
    plan = Plan(
        framework="small@1",
        school=School(id="1", name="Ysgol Gymraeg Llanfair — ŵ"),
        created_on=dt.date(2026, 1, 2),
        actions=(
            Action(id="b-later", recommendation="r", title="Café ŵ", owner="Ms Ŵ", targets=("A1",)),
        ),
    )
    text = plan_text(plan)
    keys = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert keys == ["kind", "framework", "school", "created_on", "actions"]
    action = text.split("actions:\n")[1].splitlines()
    assert [line.strip().split(":")[0] for line in action] == [
        "- id",
        "recommendation",
        "title",
        "targets",
        "owner",
        "status",
    ]
    assert "name: Ysgol Gymraeg Llanfair — ŵ" in text
    assert "title: Café ŵ" in text
    assert "\\u" not in text
    assert "\\x" not in text


def test_an_added_action_writes_only_what_it_has_as_a_new_plan_does() -> None:
    """No `owner: null` or `due:` lines for what an action was not given."""
    new_text = append_actions(HEAD + "actions:\n- id: a\n  recommendation: r\n  title: T\n", NEW)
    added = new_text.split("- id: new-one\n")[1]
    assert "null" not in added
    assert "owner" not in added
    assert "due" not in added
    assert added == (
        "  recommendation: new-one\n"
        "  title: Something new\n"
        "  targets: [A1.1, A1]\n"
        "  status: planned\n"
        "  baseline: {A1.1: 2}\n"
    )


def test_a_flow_list_of_actions_gets_its_new_actions_in_flow_style_on_its_line() -> None:
    """`actions: [{...}]`, the school's one action on one line: the new actions are written
    into the same list, after it, so nothing else on the line (its comment) moves."""
    text = HEAD + "actions: [{id: a1, recommendation: r1, title: T, targets: [A1.1]}]  # flow\n"
    new_text = append_actions(text, NEW)
    assert new_text == HEAD + (
        "actions: [{id: a1, recommendation: r1, title: T, targets: [A1.1]}, {id: new-one, "
        "recommendation: new-one, title: Something new, targets: [A1.1, A1], status: planned, "
        "baseline: {A1.1: 2}}]  # flow\n"
    )
    assert load_plan("p.yaml", text=new_text).actions[1:] == NEW


def test_a_plan_with_no_nested_block_is_added_to_in_the_layout_of_a_new_plan() -> None:
    """No mapping or list to learn the school's indentation from: two spaces, dashes at the
    key's own indentation, as `selfreview plan` writes."""
    text = HEAD + "actions: []\n"
    new_text = append_actions(text, NEW)
    assert new_text.startswith(HEAD + "actions:")
    assert new_text.endswith(
        "\n- id: new-one\n  recommendation: new-one\n  title: Something new\n"
        "  targets: [A1.1, A1]\n  status: planned\n  baseline: {A1.1: 2}\n"
    )


def test_a_comment_indented_under_a_key_does_not_set_the_files_indentation() -> None:
    """A comment line says nothing about layout: the school's four-space mapping under
    `school:` is what is kept, whatever the comment above it."""
    text = (
        "kind: plan\nframework: small\nschool:\n      # the school, as the LA names it\n"
        "    id: T1\n    name: S\ncreated_on: 2026-01-01\n"
        "actions:\n  - id: a\n    recommendation: r\n    title: T\n"
    )
    new_text = append_actions(text, NEW)
    assert new_text.startswith(text)
    assert "\n  - id: new-one\n    recommendation: new-one\n" in new_text


def test_a_title_with_a_unicode_line_break_is_added_escaped_and_reads_back() -> None:
    """A line or paragraph separator or a next-line character in a new action's text (a
    rule pack's words) is written in double quotes as its escape, so it does not become
    layout (or leave the file unwritable), and reads back; a tab too."""
    for title, written in (
        ("line\u2028break", "line\\Lbreak"),
        ("para\u2029graph", "para\\Pgraph"),
        ("next\x85line", "next\\Nline"),
        ("Tab\there", "Tab\\there"),
    ):
        odd = Action(id="odd", recommendation="r", title=title, targets=())
        new_text = append_actions(HEAD + "actions: []\n", (odd,))
        assert f'  title: "{written}"\n' in new_text
        assert not {"\u2028", "\u2029", "\x85", "\t"} & set(new_text)
        assert load_plan("p.yaml", text=new_text).actions == (odd,)


def test_adding_nothing_leaves_a_json_plan_or_a_yaml_end_marker_as_the_school_wrote_it() -> None:
    data = {
        "kind": "plan",
        "framework": "small",
        "school": {"id": "T1", "name": "S"},
        "created_on": "2026-01-01",
        "actions": [],
    }
    compact = json.dumps(data, separators=(",", ":"))
    assert append_actions(compact, (), file="plan.json") == compact
    ended = HEAD + "actions: []\n...\n"
    assert append_actions(ended, ()) == ended


def test_lists_indented_two_ways_keep_the_actions_lists_own_layout() -> None:
    """The actions list (the first a plan has) sets where a new action's dashes go, and its
    nested list is left indented as the school wrote it (the new action's is written at its
    key's indentation, as the actions list is)."""
    text = HEAD + "actions:\n- id: a\n  recommendation: r\n  title: T\n  targets:\n    - A1.1\n"
    new_text = append_actions(text, NEW)
    assert new_text == text + (
        "- id: new-one\n  recommendation: new-one\n  title: Something new\n"
        "  targets:\n  - A1.1\n  - A1\n  status: planned\n  baseline: {A1.1: 2}\n"
    )
    assert load_plan("p.yaml", text=new_text).actions[1:] == NEW


def test_the_first_nested_mapping_sets_the_indentation_even_inside_an_action() -> None:
    """A plan whose only block mapping is an action's `baseline:` (two spaces under it)
    keeps it; with two, the first (`school:`) sets the new action's, and the school's own
    later one (six spaces) stays as it was."""
    text = HEAD + "actions:\n- id: a\n  recommendation: r\n  title: T\n  baseline:\n    A1.1: 1\n"
    new_text = append_actions(text, NEW)
    assert new_text.startswith(text)
    school = "school:\n  id: T1\n  name: S\n"
    text = (
        "kind: plan\nframework: small\n" + school + "created_on: 2026-01-01\n"
        "actions:\n- id: a\n  recommendation: r\n  title: T\n  baseline:\n      A1.1: 1\n"
    )
    new_text = append_actions(text, NEW)
    assert new_text == text + (
        "- id: new-one\n  recommendation: new-one\n  title: Something new\n"
        "  targets: [A1.1, A1]\n  status: planned\n  baseline:\n    A1.1: 2\n"
    )


def test_a_blank_value_does_not_set_the_indentation() -> None:
    """`owner:` left blank is a key alone on its line, followed by its sibling: not a
    nested mapping, so the file's own indentation is kept."""
    text = (
        HEAD + "actions:\n  - id: a\n    recommendation: r\n    title: T\n    owner:\n"
        "    status: doing\n    baseline:\n      A1.1: 1\n"
    )
    new_text = append_actions(text, NEW)
    assert new_text.startswith(text)
    assert load_plan("p.yaml", text=new_text).actions[1:] == NEW


def test_actions_added_to_a_json_plan_are_written_two_spaces_deep_in_their_own_letters() -> None:
    data = {
        "kind": "plan",
        "framework": "small",
        "school": {"id": "T1", "name": "Ysgol ŵ"},
        "created_on": "2026-01-01",
        "actions": [],
    }
    welsh = (Action(id="w", recommendation="r", title="Cynllun ŵ", targets=()),)
    new_text = append_actions(json.dumps(data), welsh, file="plan.json")
    assert '\n  "school": {\n    "id": "T1",\n    "name": "Ysgol ŵ"\n  },\n' in new_text
    assert '      "title": "Cynllun ŵ",\n' in new_text
    assert new_text.endswith("\n}\n")


def test_comments_finds_one_at_the_very_start_and_none_in_text_that_is_not_yaml() -> None:
    assert comments("# first\nkind: plan  # second\n") == Counter(["# first", "# second"])
    assert comments("#first\n") == Counter(["#first"])
    assert comments("kind: @plan  # lost\n") == Counter()


def test_each_list_and_mapping_of_a_new_action_follows_the_schools_first_action() -> None:
    """Key by key: the school wrote its first action's `targets` on one line and its
    `baseline` as a block, so the new action's are written the same two ways."""
    text = (
        HEAD + "actions:\n- id: a\n  recommendation: r\n  title: T\n  targets: [A1.1]\n"
        "  baseline:\n    A1.1: 1\n"
    )
    new_text = append_actions(text, NEW)
    assert new_text == text + (
        "- id: new-one\n  recommendation: new-one\n  title: Something new\n"
        "  targets: [A1.1, A1]\n  status: planned\n  baseline:\n    A1.1: 2\n"
    )


def test_a_mapping_under_an_anchored_key_sets_no_indentation_a_new_plans_is_used() -> None:
    """`school: &s` is not a key alone on its line, so the file's indentation is not read
    from it: with no other nested mapping, the file is written with two spaces, as
    `selfreview plan` writes one; the anchor nothing refers to is kept."""
    text = "kind: plan\nframework: small\nschool: &s\n  id: T1\n  name: S\ncreated_on: 2026-01-01\n"
    new_text = append_actions(text + "actions: []\n", NEW)
    assert new_text.startswith(text + "actions:\n- id: new-one\n")
    assert "\n  id: T1\n  name: S\ncreated_on: 2026-01-01\n" in new_text
    assert load_plan("p.yaml", text=new_text).actions == NEW


def test_a_new_actions_nested_list_is_indented_when_the_schools_lists_are() -> None:
    """The school's lists have their dashes indented under their key (and a comment line is
    no guide to layout): the new action's `targets` list is too, four spaces deep as the
    school's first nested mapping is; its `baseline`, which the school's first action does
    not have, is written on one line, as a new plan's."""
    text = (
        "kind: plan\nframework: small\n# about the school\nschool:\n      # as the LA names it\n"
        "    id: T1\n    name: S\ncreated_on: 2026-01-01\n"
        "actions:\n  - id: a\n    recommendation: r\n    title: T\n    targets:\n      - A1.1\n"
    )
    assert append_actions(text, NEW) == text + (
        "  - id: new-one\n    recommendation: new-one\n    title: Something new\n"
        "    targets:\n        - A1.1\n        - A1\n    status: planned\n"
        "    baseline: {A1.1: 2}\n"
    )


@pytest.mark.parametrize(
    ("school", "first", "deep"),
    [
        # an empty value (`owner:`) before the school's one nested mapping says nothing
        ("school: {id: T1, name: S}\n", "  owner:\n  baseline:\n      A1.1: 1\n", 4),
        # the first nested mapping, not a later one, sets it
        ("school:\n    id: T1\n    name: S\n", "  baseline:\n    A1.1: 1\n", 4),
        # ten spaces: nine, the most PyYAML writes (it takes ten for two)
        (
            "school:\n" + " " * 10 + "id: T1\n" + " " * 10 + "name: S\n",
            "  baseline:\n    A1.1: 1\n",
            9,
        ),
        # none to learn from (an anchored key is not a key alone): a new plan's two spaces
        ("school: {id: T1, name: S}\n", "  baseline: &b\n      A1.1: 1\n", 2),
    ],
)
def test_a_new_actions_nested_mapping_is_indented_as_the_files_first_one(
    school: str, first: str, deep: int
) -> None:
    text = (
        f"kind: plan\nframework: small\n{school}created_on: 2026-01-01\n"
        f"actions:\n- id: a\n  recommendation: r\n  title: T\n{first}"
    )
    new_text = append_actions(text, NEW)
    assert new_text.startswith(text)
    assert new_text.endswith("  baseline:\n" + " " * (2 + deep) + "A1.1: 2\n")


def test_a_new_plan_folds_a_long_title_past_88_columns_and_reads_it_back() -> None:
    """A new plan's lines are kept to 88 columns where a title has a space to break at:
    `title: ` and 77 letters and ` b` end at column 88, one letter more goes past it."""
    for letters, shown in ((77, "b c\n"), (78, "b\n    c\n")):
        title = "a" * letters + " b c"
        plan = Plan(
            framework="small",
            school=School(id="T1", name="S"),
            created_on=dt.date(2026, 1, 1),
            actions=(Action(id="a", recommendation="r", title=title, targets=("A1",)),),
        )
        text = plan_text(plan)
        assert f"\n  title: {'a' * letters} {shown}  targets: [A1]\n" in text
        assert load_plan("p.yaml", text=text) == plan


def test_a_new_actions_letters_are_written_as_they_are_not_as_escapes() -> None:
    """`Café ☃` in a new action's title is written as the school would type it, not as
    `"Caf\\xE9 \\u2603"`."""
    odd = Action(id="odd", recommendation="r", title="Café ☃ ü", targets=())
    new_text = append_actions(HEAD + "actions: []\n", (odd,))
    assert "\n  title: Café ☃ ü\n" in new_text
    assert load_plan("p.yaml", text=new_text).actions == (odd,)
