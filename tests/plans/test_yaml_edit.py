"""Plan files: a new plan reads back as written, and adding actions to a plan a school has
edited keeps its comments, notes, quoting and layout, or writes nothing at all."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Action, Framework, Plan, School, SelfReviewError, load_plan
from selfreview_core.model.plan import MadeFrom
from selfreview_core.plans import yaml_edit as plan_yaml_module
from selfreview_core.plans.yaml_edit import (
    add_actions,
    append_actions,
    comments,
    plan_text,
    write_plan,
)
from selfreview_core.testing import frameworks, plans

NEW = (
    Action(
        id="new-one",
        recommendation="new-one",
        title="Something new: with a colon",
        targets=("A1.1", "A1"),
        owner="ICT lead",
        due=dt.date(2027, 1, 31),
        baseline={"A1.1": 2},
    ),
    Action(id="new-two", recommendation="r2", title="Another", baseline={}),
)

#: A plan as a school leaves it after editing by hand: comments everywhere, notes in block
#: scalars, quoting of every kind, flow and block collections, its own indentation.
EDITED = """\
# yaml-language-server: $schema=../schema/plan.json
# Our ICT action plan for 2025-27.   Reviewed by governors each term.
kind: plan
framework: 'small@1'    # pinned: the 2010 text
school:
  id: "T1"
  name: Test School   # the URN is T1
created_on: 2025-10-20
actions:
  # Leadership first.
  - id: a
    recommendation: r1
    title: "Vision: \\"ICT for all\\""
    targets: [A1.1, A1]
    owner: 'Mrs O''Brien'    # she agreed at the SLT meeting
    due: 2026-03-31
    status: done
    notes: |
      Rewritten with governors.
        Indented line kept.
      # not a comment: part of the note
    baseline: {A1.1: 1, A1: 0}
  - id: b
    recommendation: r2
    title: Plain title, C# is not a comment, nor is a#b
    targets:
      - B1.1
    status: dropped   # no budget
    notes: >-
      Folded
      note.
"""


def test_adding_actions_keeps_everything_the_school_wrote(small_framework: Framework) -> None:
    framework = small_framework
    new_text = append_actions(EDITED, NEW, file="plan.yaml")
    # Nothing before the new actions changed, byte for byte.
    assert new_text.startswith(EDITED)
    old = load_plan("plan.yaml", framework, text=EDITED)
    new = load_plan("plan.yaml", framework, text=new_text)
    assert new.actions == (*old.actions, *NEW)
    assert new.model_copy(update={"actions": old.actions}) == old
    assert comments(new_text) == comments(EDITED)
    # The new ones follow the layout of the school's first action.
    assert "\n  - id: new-one\n    recommendation: new-one\n" in new_text
    assert "    targets: [A1.1, A1]\n" in new_text[len(EDITED) :]


def test_the_comments_found_are_the_real_ones() -> None:
    found = comments(EDITED)
    assert found["# pinned: the 2010 text"] == 1
    assert found["# she agreed at the SLT meeting"] == 1
    assert found["# Leadership first."] == 1
    assert "# not a comment: part of the note" not in found
    assert found["# no budget"] == 1
    assert not any("C#" in c or "a#b" in c for c in found)
    assert sum(found.values()) == 7


@pytest.mark.parametrize(
    "layout",
    [
        "actions:\n- id: a\n  recommendation: r\n  title: T\n  targets:\n  - A1.1\n",
        "actions:\n  - id: a\n    recommendation: r\n    title: T\n    targets:\n      - A1.1\n",
        "actions:\n    -   id: a\n        recommendation: r\n        title: T\n",
    ],
    ids=["pyyaml", "indented", "wide"],
)
def test_each_indentation_style_is_kept(layout: str, small_framework: Framework) -> None:
    text = "kind: plan\nframework: small\nschool: {id: T1, name: S}\ncreated_on: 2026-01-01\n"
    new_text = append_actions(text + layout, NEW[:1])
    assert new_text.startswith(text + layout)
    load_plan("plan.yaml", small_framework, text=new_text)


def test_a_file_with_mixed_indentation_keeps_its_content_and_comments(
    small_framework: Framework,
) -> None:
    # The school's four-space mapping and two-space notes both stay as they were (the
    # whole file was once rewritten with one indentation).
    text = EDITED.replace('  id: "T1"\n  name:', '    id: "T1"\n    name:')
    new_text = append_actions(text, NEW)
    assert load_plan("p.yaml", small_framework, text=new_text).actions[:2] == (
        load_plan("p.yaml", small_framework, text=text).actions
    )
    assert comments(new_text) == comments(text)
    assert new_text.startswith(text)


def test_windows_line_endings_are_kept() -> None:
    text = EDITED.replace("\n", "\r\n")
    new_text = append_actions(text, NEW)
    assert new_text.startswith(text)
    assert "\n" not in new_text.replace("\r\n", "")


def test_an_empty_flow_list_of_actions_gets_block_actions() -> None:
    text = "kind: plan\nframework: small\nschool: {id: T1, name: S}\ncreated_on: 2026-01-01\n"
    new_text = append_actions(text + "actions: []   # none yet\n", NEW)
    assert "# none yet" in new_text
    assert "- id: new-one" in new_text
    assert load_plan("p.yaml", text=new_text).actions == NEW


def test_adding_nothing_changes_nothing() -> None:
    assert append_actions(EDITED, ()) == EDITED


def test_a_json_plan_stays_json_with_its_key_order(tmp_path: Path) -> None:
    data: dict[str, Any] = {
        "created_on": "2026-01-01",
        "kind": "plan",
        "school": {"name": "S", "id": "T1"},
        "framework": "small",
        "actions": [{"title": "T", "id": "a", "recommendation": "r"}],
    }
    new_text = append_actions(json.dumps(data), NEW, file="plan.json")
    written = json.loads(new_text)
    assert list(written) == list(data)
    assert written["actions"][0] == data["actions"][0]
    assert load_plan("plan.json", text=new_text).actions[1:] == NEW


def test_a_comment_that_would_be_lost_stops_the_write() -> None:
    """An empty flow list with a comment inside it: the list is taken out so that the new
    actions can be written below the key in block style, and that would drop the comment."""
    head = EDITED[: EDITED.index("actions:")]
    text = head + "actions: [   # the vision\n  ]\n"
    load_plan("plan.yaml", text=text)
    with pytest.raises(SelfReviewError, match="without changing comment '# the vision'") as caught:
        append_actions(text, NEW, file="plan.yaml")
    assert caught.value.file == "plan.yaml"
    # the place of the edit: the actions list's key (there was none before round 47)
    assert (caught.value.line, caught.value.column) == (
        text[: text.index("actions:")].count("\n") + 1,
        1,
    )
    assert caught.value.first.code == "rewrite-failed"


def test_a_comment_inside_a_flow_list_of_the_schools_stays() -> None:
    """Only the new actions are written: a comment inside a flow list of the school's is
    left where it was, byte for byte (it was once refused)."""
    text = EDITED.replace(
        "    targets: [A1.1, A1]\n", "    targets: [A1.1,   # the vision\n      A1]\n"
    )
    new_text = append_actions(text, NEW, file="plan.yaml")
    assert new_text.startswith(text)
    assert load_plan("plan.yaml", text=new_text).actions[2:] == NEW


def test_a_rewrite_that_changes_what_the_plan_says_stops_the_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def careless(text: str, actions: object) -> str:
        return text.replace("status: done", "status: doing")

    monkeypatch.setattr(plan_yaml_module, "_append_yaml", careless)
    with pytest.raises(SelfReviewError, match="without changing its content") as caught:
        append_actions(EDITED, NEW)
    assert (caught.value.line, caught.value.column) == (9, 1)  # `actions:`


def test_a_bad_plan_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(EDITED.replace("status: done", "status: finished"))
    before = path.read_bytes()
    with pytest.raises(SelfReviewError) as caught:
        add_actions(path, NEW)
    assert caught.value.line == 17
    assert path.read_bytes() == before


def test_an_action_whose_id_the_file_already_has_is_refused(tmp_path: Path) -> None:
    # The school added an action of that id while the command was asking its questions.
    path = tmp_path / "plan.yaml"
    path.write_text(EDITED)
    clash = Action(id="a", recommendation="r9", title="Same id")
    with pytest.raises(SelfReviewError, match="already has an action `a`") as caught:
        add_actions(path, (clash,))
    assert caught.value.first.code == "duplicate-id"
    assert path.read_text() == EDITED


def test_a_failed_write_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(EDITED)

    def no_space(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OSError, match="No space left"):
        add_actions(path, NEW)
    assert path.read_text() == EDITED
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]  # no temporary file left


def test_add_actions_writes_and_returns_the_whole_plan(
    tmp_path: Path, small_framework: Framework
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(EDITED)
    plan = add_actions(path, NEW, framework=small_framework)
    assert plan == load_plan(path)
    assert path.read_text().startswith(EDITED)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("mark", [b"", b"\xef\xbb\xbf"])
def test_a_plans_byte_order_mark_is_kept_as_its_line_ends_are(
    mark: bytes, newline: str, tmp_path: Path, small_framework: Framework
) -> None:
    """Before round 39, actions added to a plan saved with a byte order mark (Notepad's)
    dropped the mark; the file's line ends were kept."""
    path = tmp_path / "plan.yaml"
    before = mark + EDITED.replace("\n", newline).encode("utf-8")
    path.write_bytes(before)
    plan = add_actions(path, NEW, framework=small_framework)
    after = path.read_bytes()
    assert after.startswith(before)
    assert after.count(b"\xef\xbb\xbf") == len(mark) // 3
    assert plan == load_plan(path)


def test_a_new_plan_says_how_to_edit_it_and_names_its_schema(tmp_path: Path) -> None:
    plan = Plan(
        framework="small@1",
        school=School(id="1", name="S"),
        made_from=MadeFrom(assessed_on=dt.date(2026, 1, 1), file="review.yaml"),
        created_on=dt.date(2026, 1, 2),
        actions=NEW,
    )
    text = plan_text(plan, schema="https://example.org/plan.json")
    assert text.startswith("# yaml-language-server: $schema=https://example.org/plan.json\n")
    assert "from review.yaml on 2026-01-02" in text
    assert "school: {id: '1', name: S}" in text  # an id that looks like a number is quoted
    assert "  targets: [A1.1, A1]\n" in text
    assert load_plan("plan.yaml", text=text) == plan
    write_plan(tmp_path / "plan.json", plan)
    assert load_plan(tmp_path / "plan.json") == plan
    assert json.loads((tmp_path / "plan.json").read_text())["kind"] == "plan"


@pytest.mark.slow
@settings(max_examples=scaled(40))  # each example writes and rewrites a generated plan
@given(st.data())
def test_roundtrip(data: st.DataObject) -> None:
    """A new plan reads back equal; adding actions to it reads back as the old plan plus
    the new actions, and keeps every comment."""
    framework = data.draw(frameworks())
    plan = data.draw(plans(framework))
    text = plan_text(plan)
    assert load_plan("plan.yaml", framework, text=text) == plan
    extra = data.draw(plans(framework, school=plan.school)).actions
    taken = {a.id for a in plan.actions}
    extra = tuple(a for a in extra if a.id not in taken)
    new_text = append_actions(text, extra)
    assert load_plan("plan.yaml", framework, text=new_text).actions == (*plan.actions, *extra)
    assert comments(new_text) == comments(text)


def _kept(text: str, plan: Plan, changed: str) -> str:
    """`changed` when it still reads as `plan` (a comment added inside a quoted text that
    spans lines would change it), else `text`."""
    try:
        same = load_plan("plan.yaml", text=changed) == plan
    except SelfReviewError:
        same = False
    return changed if same else text


@st.composite
def edited_plans(draw: st.DrawFn) -> tuple[Framework, Plan, str]:
    """A new plan's text as a school may leave it: the whole document indented, comments at
    the ends of lines (some after a tab) and between keys, an anchor or a tag on a key or a
    value, document markers, Windows line ends, no final line break."""
    framework = draw(frameworks())
    plan = draw(plans(framework))
    text = plan_text(plan)
    indent = " " * draw(st.integers(0, 3))
    text = "".join(indent + line if line.strip() else line for line in text.splitlines(True))
    lines = text.splitlines(True)
    for index in draw(st.lists(st.integers(0, len(lines) - 1), max_size=4, unique=True)):
        note = draw(st.sampled_from(["  # note", "\t# tab\there", " #☃ ünï", "   #"]))
        changed = [*lines]
        changed[index] = changed[index].rstrip("\n") + note + "\n"
        if draw(st.booleans()):
            changed.insert(index, draw(st.sampled_from(["# between\n", "\n", "  #\tx\n"])))
        lines = _kept("".join(lines), plan, "".join(changed)).splitlines(True)
    text = "".join(lines)
    for old, new in draw(
        st.lists(
            st.sampled_from(
                [
                    ("school:", "&s school:"),
                    ("school:", "!!str school:"),
                    ("school:", "school: &a"),
                    ("kind:", '"kind":'),
                    ("created_on:", "created_on: !!str"),
                ]
            ),
            max_size=2,
            unique=True,
        )
    ):
        text = _kept(text, plan, text.replace(old, new, 1))
    if draw(st.booleans()):
        text = _kept(text, plan, "--- # start\n" + text + "...\n")
    if draw(st.booleans()):
        text = _kept(text, plan, text.rstrip("\n"))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return framework, plan, text


@pytest.mark.slow
@settings(max_examples=scaled(40))  # each example writes and rewrites a generated plan
@given(edited_plans(), st.data())
def test_adding_actions_keeps_every_byte_the_school_wrote(
    edited: tuple[Framework, Plan, str], data: st.DataObject
) -> None:
    """The new actions are the only text added: the school's file is the result with one
    stretch taken out (and `actions: []`, when that is all it has, was `actions:`), and the
    result reads back as the old plan plus the new actions."""
    framework, plan, text = edited
    extra = data.draw(plans(framework, school=plan.school)).actions
    taken = {a.id for a in plan.actions}
    extra = tuple(a for a in extra if a.id not in taken)
    new_text = append_actions(text, extra)
    kept = text.replace("actions: []", "actions:", 1) if extra and not plan.actions else text
    at = next(
        (i for i, (a, b) in enumerate(zip(kept, new_text, strict=False)) if a != b), len(kept)
    )
    assert new_text.startswith(kept[:at])
    assert new_text.endswith(kept[at:])
    assert len(new_text) >= len(kept)
    assert load_plan("plan.yaml", framework, text=new_text).actions == (*plan.actions, *extra)
    if "\r\n" in text:
        assert "\n" not in new_text.replace("\r\n", "")


_HEAD = "kind: plan\nframework: small\nschool: {id: T1, name: S}\ncreated_on: 2026-01-01\n"
_ONE = "actions:\n  - id: a\n    recommendation: r\n    title: T\n"
_ADDED = (
    "  - id: new-two\n    recommendation: r2\n    title: Another\n    targets: []\n"
    "    status: planned\n    baseline: {}\n"
)
_INDENTED = "".join("  " + ln for ln in _ADDED.splitlines(True))


@pytest.mark.parametrize(
    ("text", "added", "before"),
    [
        # an anchor or a tag on a key or a value (the anchor nothing refers to was dropped)
        (_HEAD.replace("school: {", "school: &s {") + _ONE, _ADDED, ""),
        (
            _HEAD.replace("school: {id: T1, name: S}", "&k school:\n    id: T1\n    name: S")
            + _ONE,
            _ADDED,
            "",
        ),
        (_HEAD.replace("school:", "!!str school:") + _ONE, _ADDED, ""),
        # the whole document indented (it was written back at column 0)
        ("".join("  " + ln for ln in (_HEAD + _ONE).splitlines(True)), _INDENTED, ""),
        # a tab before a comment (libyaml reads it; the rewrite stopped with an internal error)
        (_HEAD.replace("S}", "S}\t# the URN\tis T1") + _ONE, _ADDED, ""),
        # a long flow mapping with a space before its `}` (the space was dropped)
        (_HEAD.replace("name: S}", "name: " + "word " * 500 + "S }") + _ONE, _ADDED, ""),
        # old Mac line ends: the new lines have them too
        ((_HEAD + _ONE).replace("\n", "\r"), _ADDED.replace("\n", "\r"), ""),
        # no final line break: one is written before the new action
        (_HEAD + _ONE.rstrip("\n"), "\n" + _ADDED, ""),
        # document markers, a block scalar last, a comment after the actions, a key after them
        ("--- # ours\n" + _HEAD + _ONE + "...\n", _ADDED, "...\n"),
        (_HEAD + _ONE + "    notes: >-\n      folded\n      text\n\n# end\n", _ADDED, "# end"),
        (_ONE + "# ours\n" + _HEAD, _ADDED, "# ours\n"),
        # a block scalar or a block list last, right before a comment: the action goes first
        (_HEAD + _ONE + "    notes: >-\n      folded\n# end\n", _ADDED, "# end"),
        (_HEAD + _ONE + "    targets:\n      - A1\n# end\n", _ADDED, "# end"),
        # the last value an alias of the first action's (the node it names is earlier)
        (
            _HEAD
            + _ONE.replace("title: T", "title: &t T")
            + "  - id: b\n    recommendation: r\n    title: *t\n",
            _ADDED,
            "",
        ),
    ],
)
def test_adding_actions_changes_no_byte_of_the_schools_text(
    text: str, added: str, before: str
) -> None:
    """Only the new action is written, after the school's last one, in the file's own line
    ends; every byte the school wrote stays where it was."""
    new_text = append_actions(text, NEW[1:])
    at = text.rindex(before) if before else len(text)
    assert new_text == text[:at] + added + text[at:]
    assert load_plan("p.yaml", text=new_text).actions[-1] == NEW[1]


def test_a_comment_that_would_be_lost_is_found_after_a_tab_elsewhere_in_the_file() -> None:
    """The comments are found as the file is read (libyaml takes a tab before `#`): before
    round 47 one such tab anywhere hid every comment from the check, and the comment inside
    `actions: [ ]` was dropped without a word."""
    head = (
        "kind: plan\nframework: small\nschool: {id: T1, name: S}\t# tab\ncreated_on: 2026-01-01\n"
    )
    text = head + "actions: [   # keep me\n  ]\n"
    assert comments(text) == Counter({"# tab": 1, "# keep me": 1})
    with pytest.raises(SelfReviewError, match="without changing comment '# keep me'") as caught:
        append_actions(text, NEW, file="plan.yaml")
    assert (caught.value.file, caught.value.line, caught.value.column) == ("plan.yaml", 5, 1)
