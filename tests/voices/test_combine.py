"""`combine`: the school's draft review from its respondents (SPEC section 9), in Python and
as `selfreview combine`, confirmed with `selfreview assess --all`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import Framework, SelfReviewError, load_assessment
from selfreview_core.cli import cli
from selfreview_core.dump import dump_json, dump_yaml
from selfreview_core.voices.draft import check_readable, combine, left_out
from voices.test_voices import RESPONDENTS, SCHOOL, many, response

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_each_strand_is_the_median_of_the_counted_answers(small_framework: Framework) -> None:
    items = many(small_framework, "teachers", "A1.1", [3, 3, 2, 1, 0])
    items += many(small_framework, "pupils", "A1.1", [0, 0, 1, 1, 1])
    draft = combine(small_framework, items, on=dt.date(2026, 10, 1))
    # Ten answers 0 0 0 1 1 | 1 1 2 3 3: between 1 and 1.
    assert draft.level("A1.1") == 1
    assert draft.assessed_on == dt.date(2026, 10, 1)
    assert draft.respondent is None
    assert draft.assessor is None
    assert draft.school == SCHOOL
    assert draft.framework == small_framework.ref
    assert set(draft.judgements) == {"A1.1"}  # no group answered the others: left to judge


def test_a_tie_goes_to_the_worse_level(becta: Framework) -> None:
    items = many(becta, "teachers", "1a1", [2, 2, 2, 4, 4, 4])
    assert combine(becta, items).level("1a1") == 4  # 1 is best: 4 is the worse


def test_groups_under_the_minimum_are_counted_but_not_in_the_level(
    small_framework: Framework,
) -> None:
    items = many(small_framework, "teachers", "A1.1", [3, 3, 3, 3, 0])
    items += many(small_framework, "governors", "A1.1", [0, 0, 0, 0])
    draft = combine(small_framework, items)
    assert draft.level("A1.1") == 3
    evidence = draft.judgements["A1.1"].evidence or ""
    assert evidence == (
        "Draft from the responses: median 3 of 5 answers. teachers: 5 answered, median 3. "
        "Not counted (fewer than 5 answered, so no level is shown): governors 4. "
        "Confirm or change the level, and write the evidence for it."
    )
    every = combine(small_framework, items, min_group=1)
    assert every.level("A1.1") == 0  # nine answers: five at 0, four at 3
    assert "governors: 4 answered, median 0." in (every.judgements["A1.1"].evidence or "")


def test_the_draft_names_no_one_and_copies_no_ones_words(small_framework: Framework) -> None:
    secret = "Mrs Example told me the server is never backed up"
    items = [
        response(small_framework, "teachers", {"A1.1": 2}, evidence=secret, assessor="Mr Named")
        for _ in range(5)
    ]
    draft = combine(small_framework, items)
    text = dump_yaml(draft)
    assert secret not in text
    assert "Named" not in text
    assert "respondent" not in text
    assert "2026-09-01" not in text  # the responses' date is not the draft's


def test_a_schools_own_review_or_another_school_is_refused(small_framework: Framework) -> None:
    own = response(small_framework, "x", {"A1.1": 1}).model_copy(update={"respondent": None})
    with pytest.raises(SelfReviewError) as caught:
        combine(small_framework, [("own.yaml", own)])
    assert caught.value.first.code == "not-a-response"
    with pytest.raises(ValueError, match="min_group"):
        combine(small_framework, [own], min_group=0)


def test_the_draft_of_the_examples(tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    result = run("combine", str(RESPONDENTS), "-o", str(target), "--date", "2026-10-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Wrote {target}: 12 of 12 strands drafted from 23 responses.",
        "Left out of the levels where fewer than 5 of a group answered a strand (each "
        "strand's evidence names them): support-staff on 1b3; governors on every strand it "
        "answered (12); parents on every strand it answered (3).",
        "Worth discussing before you confirm, where two groups' medians are 2 or more levels "
        "apart (`selfreview voices` shows them): 1b5, 1c3.",
        f"Confirm it: selfreview assess becta-srf@2010 -o {target} --all",
    ]
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# A draft of the school's review from 23 responses")
    draft = load_assessment(target)
    assert draft.respondent is None
    assert draft.assessed_on == dt.date(2026, 10, 1)
    assert draft.school.id == "100000"
    # 1b5: teachers 3 3 3 2 3 4 3, support staff 3 3 2 3 3, pupils 5 5 4 5 5 3; parents (3)
    # and governors (2) not counted. Eighteen answers: the worse middle is 3.
    assert draft.level("1b5") == 3
    evidence = draft.judgements["1b5"].evidence or ""
    assert "pupils: 6 answered, median 5." in evidence
    assert "governors 2, parents 3" in evidence
    assert "not sure who to tell" not in text  # a pupil's own words


def test_json_when_the_name_ends_in_json_and_stdout_with_dash(tmp_path: Path) -> None:
    target = tmp_path / "draft.json"
    assert run("combine", str(RESPONDENTS), "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["kind"] == "assessment"
    result = run("combine", str(RESPONDENTS), "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# A draft of the school's review")
    assert "Wrote standard output" in result.stderr


def test_o_over_a_response_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    copy = tmp_path / "governor-1.yaml"
    copy.write_bytes((RESPONDENTS / "governor-1.yaml").read_bytes())
    before = copy.read_bytes()
    result = run("combine", str(RESPONDENTS), str(copy), "-o", str(copy))
    assert result.exit_code == 2
    assert "which this command reads" in result.stderr
    assert copy.read_bytes() == before
    assert run("combine", str(RESPONDENTS), "-o", str(tmp_path / "x.jsonl")).exit_code == 2


def test_an_own_review_among_the_inputs_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    own = ROOT / "examples" / "example-primary-2026.yaml"
    result = run("combine", str(RESPONDENTS), str(own), "-o", str(target))
    assert result.exit_code == 1
    assert "the draft is made from respondents' answers only" in result.stderr
    assert str(own) in result.stderr
    assert not target.exists()


def test_strands_no_group_answered_are_left_to_judge(tmp_path: Path, becta: Framework) -> None:
    for n in range(5):
        made = response(becta, "pupils", {"1a1": 3, "1b5": 4})
        (tmp_path / f"pupil-{n}.yaml").write_text(dump_yaml(made), encoding="utf-8")
    # outside the folder combine walks: a draft written there would be read back next time
    target = tmp_path.parent / f"{tmp_path.name}-out" / "draft.yaml"
    target.parent.mkdir()
    result = run("combine", str(tmp_path), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "10 strands with no group of 5 or more answers, left for you to judge: 1a2," in (
        result.stderr
    )
    assert set(load_assessment(target).judgements) == {"1a1", "1b5"}


def test_the_leadership_confirms_the_draft_with_assess_all(tmp_path: Path) -> None:
    """The draft is an ordinary review: `assess --all` offers each level and its evidence,
    and what the leadership types replaces them."""
    target = tmp_path / "draft.yaml"
    assert run("combine", str(RESPONDENTS), "-o", str(target)).exit_code == 0
    draft = load_assessment(target)
    # Strand 1: keep the level, replace the evidence; strand 2: change the level; then stop.
    answers = "\nMinutes of the SLT meeting, 3 October\n3\n\nq\n"
    result = run("assess", "becta-srf@2010", "-o", str(target), "--all", input=answers)
    assert result.exit_code == 0, result.output
    confirmed = load_assessment(target)
    assert confirmed.judgements["1a1"].level == draft.level("1a1")
    assert confirmed.judgements["1a1"].evidence == "Minutes of the SLT meeting, 3 October"
    assert confirmed.level("1a2") == 3
    assert confirmed.judgements["1b1"] == draft.judgements["1b1"]


def test_combine_loads_plugins_only_through_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELFREVIEW_DISABLE", "next-steps")
    result = run("combine", str(RESPONDENTS), "-o", "-", "--disable", "lea-support")
    assert result.exit_code == 0, result.output


def test_left_out_names_each_group_a_strand_s_level_leaves_out(small_framework: Framework) -> None:
    """The groups under the minimum on some strand, with those strands and how many they
    answered: what `combine` says it left out (SPEC section 9 says "the median of all
    respondents"; the draft counts only the groups shown, on purpose)."""
    strands = small_framework.strand_ids
    answers = [
        *(response(small_framework, "teachers", dict.fromkeys(strands, 1)) for _ in range(2)),
        response(small_framework, "pupils", {strands[0]: 2}),
        response(small_framework, "pupils", {strands[0]: 2}),
        response(small_framework, "pupils", dict.fromkeys(strands, 2)),
    ]
    assert len(strands) == 4
    assert left_out(small_framework, answers, 2) == {"pupils": (tuple(strands[1:]), 4)}
    assert left_out(small_framework, answers, 3) == {
        "teachers": (tuple(strands), 4),
        "pupils": (tuple(strands[1:]), 4),
    }
    assert left_out(small_framework, answers, 1) == {}


def test_a_draft_too_large_to_read_back_is_refused_at_the_group_that_makes_it(
    tmp_path: Path, becta: Framework
) -> None:
    """A group named by a million characters is named in every strand's evidence: the
    draft (12 MB) was written, "Confirm it: selfreview assess ... --all" said, and assess
    then refused it for its size. Now refused at the group's place, nothing written, the
    draft already at -o kept byte for byte."""
    group = "g" * 1_000_000
    tag = hashlib.sha256(group.encode()).hexdigest()[:6]  # a cut name's tag (round 72)
    lines = [
        dump_json(response(becta, group, dict.fromkeys(becta.strand_ids, 1 + n % 5)), indent=None)
        for n in range(5)
    ]
    answers = tmp_path / "answers.jsonl"
    answers.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    out = tmp_path.parent / f"{tmp_path.name}-out"
    out.mkdir()
    target = out / "draft.yaml"
    assert run("combine", str(RESPONDENTS), "-o", str(target)).exit_code == 0
    before = target.read_bytes()
    result = run("combine", str(answers), "-o", str(target))
    assert result.exit_code == 1, result.output
    column = lines[0].index(f'"{group[:10]}') + 1
    assert f"{answers}:1:{column}: error: respondent.group: the draft would be " in result.stderr
    assert (
        "bytes, over the 10,485,760 a file may hold, so no command could read it back: the "
        f"group `{'g' * 37}...` (1,000,000 characters, #{tag}) is named in the evidence of "
        "12 strands; nothing was written (give the group a short name" in result.stderr
    )
    assert "Wrote" not in result.stderr
    assert len(result.stderr) < 2_000  # the name is cut, not said whole
    assert target.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["draft.yaml"]
    # the same answers under a short name make a draft that is read back
    answers.write_text(answers.read_text(encoding="utf-8").replace(group, "pupils"), "utf-8")
    assert run("combine", str(answers), "-o", str(target)).exit_code == 0
    assert len(load_assessment(target).judgements) == 12


def test_a_draft_too_large_for_another_reason_is_refused_at_the_output(
    small_framework: Framework,
) -> None:
    answers = many(small_framework, "teachers", "A1.1", [1] * 5)
    draft = combine(small_framework, answers)
    responses = [(f"teacher-{n}.yaml", answer) for n, answer in enumerate(answers)]
    check_readable(10 * 1024 * 1024, "draft.yaml", draft, responses)  # at the limit: kept
    with pytest.raises(SelfReviewError) as raised:
        check_readable(10 * 1024 * 1024 + 1, "draft.yaml", draft, responses)
    (diagnostic,) = raised.value.diagnostics
    assert (diagnostic.file, diagnostic.line, diagnostic.column) == ("draft.yaml", None, None)
    assert not diagnostic.path
    assert diagnostic.message == (
        "the draft would be 10,485,761 bytes, over the 10,485,760 a file may hold, so no "
        "command could read it back; nothing was written"
    )


def test_a_date_after_today_is_warned_of_and_the_draft_written(tmp_path: Path) -> None:
    """Before round 68 `combine --date` wrote a draft dated after today without a word; only
    the next `validate` or `report` said it was a typing slip."""
    target = tmp_path / "draft.yaml"
    result = run("combine", str(RESPONDENTS), "-o", str(target), "--date", "9999-12-31")
    assert result.exit_code == 0, result.output
    assert (
        "warning: --date: the review is dated 9999-12-31, after today "
        f"({dt.date.today().isoformat()}): it counts as newer than every real review (a "
        "typing slip? give the day the review was made)\n"
    ) in result.stderr
    assert load_assessment(target).assessed_on == dt.date(9999, 12, 31)
    earlier = run("combine", str(RESPONDENTS), "-o", str(target), "--date", "2026-01-05")
    assert earlier.exit_code == 0, earlier.output
    assert "warning" not in earlier.stderr
