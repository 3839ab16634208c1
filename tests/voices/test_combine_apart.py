"""`combine` names, beside the draft it writes, the strands where two groups' medians are two
or more levels apart, the strands `voices` flags: the draft's one level per strand hides
them. Round 80, a school of twenty respondents: teachers answering 1 or 2 and pupils 4 or 5
on nearly every strand made a draft of 2s and 3s, and nothing `combine` said told the
leader confirming it that the groups disagreed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core import Assessment, Framework
from selfreview_core.cli import cli
from selfreview_core.model.voices import DISAGREEMENT
from selfreview_core.testing.mirror import mirror_framework
from selfreview_core.testing.respondent_strategies import mirror_responses, response_sets
from selfreview_core.testing.strategies import frameworks
from selfreview_core.voices.draft import apart
from selfreview_core.voices.groups import voices

SCHOOL = 'school: {id: "100000", name: Example Primary School}'
STRANDS = ("1a1", "1a2", "1b1", "1b2", "1b3", "1b4", "1b5", "1b6", "1c1", "1c2", "1c3", "1c4")


@st.composite
def _school(draw: st.DrawFn) -> tuple[Framework, list[Assessment], int]:
    framework = draw(frameworks())
    return framework, draw(response_sets(framework)), draw(st.integers(1, 4))


@given(drawn=_school())
def test_the_strands_named_are_those_voices_flags_in_framework_order_either_way_up(
    drawn: tuple[Framework, list[Assessment], int],
) -> None:
    """Over generated schools of frameworks of either scale direction: `apart` is the
    strands `voices` flags, each once, in the framework's order, and each has two shown
    groups' medians `DISAGREEMENT` or more levels apart; mirroring the scale changes none."""
    framework, responses, min_group = drawn
    named = apart(framework, responses, min_group)
    view = voices(framework, responses, min_group=min_group)
    assert named == tuple(s.strand for s in view.strands if s.disagreement)
    assert list(named) == [s for s in framework.strand_ids if s in named]
    for strand in view.strands:
        medians = [g.median for g in strand.groups if g.median is not None]
        far = any(
            abs(framework.scale.change(a, b)) >= DISAGREEMENT for a in medians for b in medians
        )
        assert (strand.strand in named) == far
    mirrored = mirror_framework(framework)
    assert apart(mirrored, mirror_responses(framework, responses), min_group) == named


def _response(folder: Path, number: int, group: str, levels: dict[str, int]) -> None:
    judged = "".join(f"  {s}: {level}\n" for s, level in levels.items())
    (folder / f"r{number:02d}.yaml").write_text(
        f"kind: assessment\nframework: becta-srf@2010\n{SCHOOL}\nrespondent: {{group: {group}}}\n"
        f"assessed_on: 2026-09-{number:02d}\njudgements:\n{judged}",
        encoding="utf-8",
    )


def _run(folder: Path, draft: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(
        cli, ["combine", str(folder), "-o", str(draft), "--date", "2026-10-01"]
    )
    assert result.stdout == ""
    return result.exit_code, result.stderr.splitlines()


def test_twenty_respondents_disagreeing_are_named_before_the_draft_is_confirmed(
    tmp_path: Path,
) -> None:
    """Eight teachers at 2 on every strand, six pupils at 4 but 3 on 1c3, three governors
    and three parents at 5 (fewer than five: not counted), one in five leaving aspect 1c out:
    the groups counted are two levels apart on eleven strands, one apart on 1c3."""
    folder = tmp_path / "responses"
    folder.mkdir()
    groups = ["teachers"] * 8 + ["pupils"] * 6 + ["governors"] * 3 + ["parents"] * 3
    for number, group in enumerate(groups, start=1):
        level = {"teachers": 2, "pupils": 4}.get(group, 5)
        levels = {s: (3 if group == "pupils" and s == "1c3" else level) for s in STRANDS}
        if number % 5 == 0:  # some answer the first two aspects only
            levels = {s: n for s, n in levels.items() if not s.startswith("1c")}
        _response(folder, number, group, levels)
    draft = tmp_path / "draft.yaml"
    code, said = _run(folder, draft)
    assert code == 0
    assert said == [
        f"Wrote {draft}: 12 of 12 strands drafted from 20 responses.",
        "Left out of the levels where fewer than 5 of a group answered a strand (each "
        "strand's evidence names them): governors on every strand it answered (12); parents "
        "on every strand it answered (12).",
        "Worth discussing before you confirm, where two groups' medians are 2 or more levels "
        "apart (`selfreview voices` shows them): 1a1, 1a2, 1b1, 1b2, 1b3, 1b4, 1b5, 1b6, 1c1, "
        "1c2, 1c4.",
        f"Confirm it: selfreview assess becta-srf@2010 -o {draft} --all",
    ]
    assert draft.read_text(encoding="utf-8").startswith("# A draft of the school's review")


def test_groups_that_agree_within_a_level_are_not_said_to_disagree(tmp_path: Path) -> None:
    folder = tmp_path / "responses"
    folder.mkdir()
    for number in range(1, 11):
        group = "teachers" if number <= 5 else "pupils"
        _response(folder, number, group, dict.fromkeys(STRANDS, 3 if group == "teachers" else 4))
    draft = tmp_path / "draft.yaml"
    code, said = _run(folder, draft)
    assert code == 0
    assert not any(line.startswith("Worth discussing") for line in said)
    assert said[-1] == f"Confirm it: selfreview assess becta-srf@2010 -o {draft} --all"
    assert dt.date(2026, 10, 1).isoformat() in draft.read_text(encoding="utf-8")
