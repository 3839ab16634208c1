"""`selfreview assess`: the self-review, driven by piped input as scripts and tests do."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from selfreview_core import (
    Assessment,
    Framework,
    SelfReviewError,
    load_assessment,
    load_framework,
)
from selfreview_core.cli import cli
from selfreview_core.errors import OutputRefused, SessionNotSaved
from selfreview_core.session.review import Header, Session
from started import started
from test_outputs import snapshot, temporary_files


def assess(*args: str, answers: list[str]) -> Result:
    text = "".join(f"{a}\n" for a in answers)
    return CliRunner().invoke(cli, ["assess", *args], input=text, catch_exceptions=False)


HEADER = ["--school-id", "100001", "--school-name", "Piped School", "--date", "2026-11-01"]


def test_a_full_run_judges_every_strand_and_writes_a_valid_file(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    answers = []
    for level in (3, 4, 4, 3, 5, 3, 4, 2, 3, 2, 3, 3):
        answers += [str(level), f"evidence for level {level}"]
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=answers)
    assert result.exit_code == 0, result.output
    assert f"Saved {out}: 12 of 12 strands judged." in result.output
    review = load_assessment(out, becta)
    assert (review.school.id, review.school.name) == ("100001", "Piped School")
    assert review.assessed_on == dt.date(2026, 11, 1)
    assert review.level("1b1") == 4
    assert review.judgements["1b1"].evidence == "evidence for level 4"
    assert review.judgements["1b1"].judged_on == dt.date(2026, 11, 1)
    assert list(review.judgements) == list(becta.strand_ids)


def test_descriptors_are_shown_worst_first_with_the_strand_title(tmp_path: Path) -> None:
    result = assess("becta-srf", "-o", str(tmp_path / "r.yaml"), *HEADER, answers=["q"])
    text = result.output
    assert "Strand 1a1 (1 of 12): The vision" in text
    worst = text.index("  5 (worst)")
    best = text.index("  1 (best)")
    assert worst < text.index("The school's overall vision takes no account of ICT.") < best


def test_a_resumed_run_asks_only_what_is_not_yet_judged(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    first = assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "", "3", "ok", "q"])
    assert first.exit_code == 0
    assert list(load_assessment(out, becta).judgements) == ["1a1", "1b1"]
    second = assess("becta-srf", "-o", str(out), answers=["2", "", "q"])
    assert "Continuing the review of Piped School (100001)" in second.output
    assert "Strand 1a2 (1 of 10)" in second.output, "1a1 and 1b1 are not asked again"
    review = load_assessment(out, becta)
    assert (review.level("1a1"), review.level("1a2"), review.level("1b1")) == (4, 2, 3)


def test_all_revisits_judged_strands_keeping_what_is_not_changed(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first evidence", "q"])
    # At 1a1, Enter twice keeps the current level and evidence; then judge 1a2.
    result = assess("becta-srf", "-o", str(out), "--all", answers=["", "", "3", "new", "q"])
    assert "Strand 1a1 (1 of 12)" in result.output
    assert "Currently judged at level 4." in result.output
    review = load_assessment(out, becta)
    assert (review.level("1a1"), review.judgements["1a1"].evidence) == (4, "first evidence")
    assert (review.level("1a2"), review.judgements["1a2"].evidence) == (3, "new")


def test_enter_accepts_the_current_level_when_revisiting(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first evidence", "q"])
    session = Session(becta, out, ask=lambda prompt, default: default, say=lambda text: None)
    review = session.run(load_assessment(out, becta), revisit=True)
    assert review.level("1a1") == 4
    assert review.judgements["1a1"].evidence == "first evidence"


def test_a_bad_answer_is_asked_again(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=["6", "three", "3", "", "q"])
    assert result.output.count("Please give a level from 1 (best) .. 5 (worst)") == 2
    assert load_assessment(out, becta).level("1a1") == 3


def test_an_aborted_run_keeps_every_answer_given(tmp_path: Path, becta: Framework) -> None:
    """Input ends (as with Ctrl-C or a lost terminal) after two strands and half a third."""
    out = tmp_path / "review.yaml"
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "a", "5", "b", "3"])
    assert result.exit_code == 1
    assert "Stopped. Your answers so far are in" in result.output
    review = load_assessment(out, becta)
    assert [(s, j.level, j.evidence) for s, j in review.judgements.items()] == [
        ("1a1", 4, "a"),
        ("1a2", 5, "b"),
        ("1b1", 3, None),
    ], "the level typed before the evidence prompt is kept"


def test_an_aborted_first_prompt_leaves_an_existing_file_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"])
    out.write_bytes(out.read_bytes() + b"# a note of my own\n")
    before = out.read_bytes()
    result = assess("becta-srf", "-o", str(out), answers=[])
    assert result.exit_code == 1
    assert out.read_bytes() == before


def test_an_aborted_header_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "review.yaml"
    result = assess("becta-srf", "-o", str(out), answers=["100001"])
    assert result.exit_code == 1
    assert "Stopped before anything was written." in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_the_header_is_asked_for_when_not_given(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    answers = ["", "100002", "Asked School", "Example LEA", "Head", "q"]
    result = assess("becta-srf", "-o", str(out), answers=answers)
    assert "This is needed." in result.output
    review = load_assessment(out, becta)
    assert (review.school.id, review.school.name, review.school.authority, review.assessor) == (
        "100002",
        "Asked School",
        "Example LEA",
        "Head",
    )
    assert review.judgements == {}


def test_any_scale_direction(tmp_path: Path, small_framework: Framework) -> None:
    session_file = tmp_path / "small.yaml"
    answers = iter(["S1", "Small School", "", "", "3", "", "0", "", "q"])
    session = Session(
        small_framework, session_file, ask=lambda p, d: next(answers), say=lambda t: None
    )
    review = session.run(started(session, Header()))
    assert {s: j.level for s, j in review.judgements.items()} == {"A1.1": 3, "A1.2": 0}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (
            "kind: assessment\nframework: other\nschool: {id: '1', name: S}\n"
            "assessed_on: 2026-01-01\njudgements: {}\n",
            "assessment is of `other`",
        ),
        ("kind: assessment\nframework: becta-srf\n", "missing required key `school`"),
    ],
)
def test_an_existing_file_that_does_not_fit_is_an_error(
    tmp_path: Path, content: str, words: str
) -> None:
    out = tmp_path / "review.yaml"
    out.write_text(content)
    result = assess("becta-srf", "-o", str(out), answers=["3"])
    assert result.exit_code == 1
    assert words in result.output
    assert "Traceback" not in result.output
    assert out.read_text() == content


def test_strands_left_by_a_migration_show_why_and_offer_the_carried_evidence(
    tmp_path: Path,
) -> None:
    """After `selfreview migrate`, a split or merged strand is asked first with its note and
    carried evidence (Enter keeps it); once judged it is no longer awaiting review."""
    examples = Path(__file__).resolve().parents[2] / "examples" / "migration"
    version_2 = examples / "example-srf-2.yaml"
    migrated = tmp_path / "v2.yaml"
    result = CliRunner().invoke(
        cli,
        ["migrate", str(examples / "example-school-v1.yaml"), "--to", "example-srf@2",
         "--migration", str(examples / "example-srf-1-to-2.yaml"),
         "--framework", str(examples / "example-srf-1.yaml"), "--framework", str(version_2),
         "-o", str(migrated)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    # 1b1 (split): level 3, keep the carried evidence; 1b2: skip; then stop.
    result = assess(str(version_2), "-o", str(migrated), answers=["3", "", "", "q"])
    assert result.exit_code == 0, result.output
    assert "To judge afresh (split): `1b1` (level 2) of example-srf@1 was split" in result.output
    assert "Evidence carried over: Equipment list for the next two years" in result.output
    framework = load_framework(version_2)
    review = load_assessment(migrated, framework)
    assert review.level("1b1") == 3
    assert review.judgements["1b1"].evidence == (
        "Equipment list for the next two years; nothing yet on teaching."
    )
    assert review.review is not None
    assert "1b1" not in review.review
    assert set(review.awaiting_review) == {"1b2", "2a1"}


# -- the format the name says -----------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "first"), [(".json", "{"), (".JSON", "{"), (".yml", "#")])
def test_the_file_is_written_in_the_format_its_name_says_and_continued_from(
    tmp_path: Path, becta: Framework, suffix: str, first: str
) -> None:
    out = tmp_path / f"review{suffix}"
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "seen", "q"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith(first)
    if first == "{":
        assert json.loads(text)["judgements"]["1a1"] == {
            "level": 4,
            "evidence": "seen",
            "judged_on": "2026-11-01",
        }
    second = assess("becta-srf", "-o", str(out), answers=["3", "", "q"])
    assert second.exit_code == 0, second.output
    assert "Continuing the review of Piped School (100001)" in second.output
    review = load_assessment(out, becta)
    assert (review.level("1a1"), review.level("1a2")) == (4, 3)
    assert out.read_text(encoding="utf-8").startswith(first)


@pytest.mark.parametrize(
    ("output", "words"),
    [
        ("missing/review.yaml", "the folder `{tmp}/missing` does not exist"),
        ("review.jsonl", "is a JSON Lines name"),
        ("-", "not on standard output"),
    ],
)
def test_an_output_that_cannot_be_written_fails_before_the_first_question(
    tmp_path: Path, output: str, words: str
) -> None:
    target = output if output == "-" else str(tmp_path / output)
    result = assess("becta-srf", "-o", target, answers=["100001", "School", "", "", "4"])
    assert result.exit_code == 2
    assert words.format(tmp=tmp_path) in result.output
    assert "School id" not in result.output, "nothing was asked"
    assert ".tmp" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_framework_file_is_not_an_output(tmp_path: Path) -> None:
    framework = tmp_path / "framework.yaml"
    framework.write_bytes(
        (Path(__file__).parents[2] / "frameworks" / "becta-srf.yaml").read_bytes()
    )
    before = snapshot(tmp_path)
    result = assess(str(framework), "-o", str(framework), *HEADER, answers=["4", "", "q"])
    assert result.exit_code == 2
    assert "is FRAMEWORK, which this command reads" in result.output
    assert snapshot(tmp_path) == before


def test_a_read_only_review_is_refused_before_any_question(tmp_path: Path) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"])
    out.chmod(0o444)
    before = snapshot(tmp_path)
    result = assess("becta-srf", "-o", str(out), answers=["3", "", "q"])
    assert result.exit_code == 2
    assert "read-only" in result.output
    assert "Strand" not in result.output
    assert snapshot(tmp_path) == before


# -- another program writing the same file ----------------------------------------------------


NOW = dt.datetime(2026, 11, 1, 10, 15, 0)


def scripted(
    framework: Framework, path: Path, answers: list[str], said: list[str] | None = None
) -> Session:
    """A session answering from `answers`, in order; what it says goes to `said`."""
    given = iter(answers)
    return Session(
        framework,
        path,
        ask=lambda prompt, default: next(given),
        say=(said if said is not None else []).append,
        today=dt.date(2026, 11, 1),
        now=lambda: NOW,
    )


def started_on_one_judged(out: Path, framework: Framework) -> tuple[Session, Assessment]:
    """A review `assess` wrote with its first strand judged (4), and a session started on
    it whose answers judge the next (3, no evidence): what it then saves, or keeps beside
    the file, shows how it met what another program did to the file meanwhile."""
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"])
    session = scripted(framework, out, ["3", ""])
    return session, started(session, Header())


def conflict(path: Path, number: int = 0) -> Path:
    return path.with_name(
        f"{path.name}.conflict-20261101T101500{'' if number < 2 else f'-{number}'}.yaml"
    )


def test_two_sessions_on_one_file_never_lose_an_answer(tmp_path: Path, becta: Framework) -> None:
    """Two people run `assess` on the same file at once. The first to save keeps the file;
    the other is stopped at its next save, its own answers saved beside the file, and told
    so. Every answer given is on disk afterwards; the file holds one person's whole work."""
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first", "q"])
    alice = scripted(becta, out, ["3", "alice's evidence", "5", "", "q"])
    bob = scripted(becta, out, ["2", "bob's evidence", "q"])
    alice_review, bob_review = started(alice, Header()), started(bob, Header())
    alice.run(alice_review)  # judges 1a2 and 1b1, saving after each answer
    with pytest.raises(SessionNotSaved) as caught:
        bob.run(bob_review)  # its first save: the file is no longer what Bob read
    error = caught.value
    assert error.saved_as == conflict(out)
    assert f"{out} was changed by another program since this session read it" in str(error)
    assert f"Your answers are in {conflict(out)}" in str(error)
    assert "compare the two files" in str(error).lower()
    on_disk = load_assessment(out, becta)
    assert (on_disk.level("1a1"), on_disk.level("1a2"), on_disk.level("1b1")) == (4, 3, 5)
    assert on_disk.judgements["1a2"].evidence == "alice's evidence"
    beside = load_assessment(conflict(out), becta)
    assert (beside.level("1a1"), beside.level("1a2"), beside.level("1b1")) == (4, 2, None)
    assert beside.judgements["1a2"].evidence is None, "stopped before its evidence was asked"
    assert not bob.saved


def test_sessions_taking_turns_interleaved_answer_by_answer(
    tmp_path: Path, becta: Framework
) -> None:
    """Alice answers, then Bob (refused: he read an older file), then Alice again: each
    of Alice's saves goes on, since the file is still what she last wrote."""
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"])
    turns: list[str] = []
    bob = scripted(becta, out, ["2", ""])

    def alice_asks(prompt: str, default: str) -> str:
        turns.append(prompt)
        if len(turns) == 3:  # after Alice's first answer and evidence: Bob's turn
            with pytest.raises(SessionNotSaved):
                bob.run(bob_review)
        return {1: "3", 2: "", 3: "5", 4: "kept"}.get(len(turns), "q")

    alice = Session(becta, out, ask=alice_asks, say=lambda text: None, now=lambda: NOW)
    alice_review = started(alice, Header())
    bob_review = started(bob, Header())
    alice.run(alice_review)
    review = load_assessment(out, becta)
    assert (review.level("1a2"), review.level("1b1")) == (3, 5)
    assert review.judgements["1b1"].evidence == "kept"
    assert load_assessment(conflict(out), becta).level("1a2") == 2


def test_a_change_that_keeps_size_and_time_is_still_seen(tmp_path: Path, becta: Framework) -> None:
    """Compared by content, not by modification time."""
    out = tmp_path / "review.yaml"
    session, review = started_on_one_judged(out, becta)
    text = out.read_text(encoding="utf-8")
    times = out.stat()
    edited = text.replace("level: 4", "level: 5")
    assert edited != text
    assert len(edited) == len(text)
    out.write_text(edited, encoding="utf-8")
    os.utime(out, ns=(times.st_atime_ns, times.st_mtime_ns))
    with pytest.raises(SessionNotSaved):
        session.run(review)
    assert out.read_text(encoding="utf-8") == edited
    assert load_assessment(conflict(out), becta).level("1a2") == 3


def test_a_file_removed_during_the_session_is_not_recreated_silently(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    session, review = started_on_one_judged(out, becta)
    out.rename(tmp_path / "moved.yaml")
    with pytest.raises(SessionNotSaved, match="was removed or renamed") as caught:
        session.run(review)
    assert not out.exists()
    assert caught.value.saved_as is not None
    assert load_assessment(caught.value.saved_as, becta).level("1a2") == 3


def test_a_file_created_by_another_session_before_the_first_save(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    session = scripted(becta, out, ["100002", "Mine", "", ""])

    def first_asks(prompt: str, default: str) -> str:
        if not out.exists():  # someone else starts the same file meanwhile
            assess("becta-srf", "-o", str(out), *HEADER, answers=["5", "", "q"])
        return next(answers)

    answers = iter(["100002", "Mine", "", ""])
    session.ask = first_asks
    with pytest.raises(SessionNotSaved):
        started(session, Header())
    assert load_assessment(out, becta).school.id == "100001"
    assert load_assessment(conflict(out), becta).school.id == "100002"


def test_a_conflict_file_never_replaces_anything(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    conflict(out).write_text("an earlier conflict")
    session, review = started_on_one_judged(out, becta)
    out.write_text(out.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    with pytest.raises(SessionNotSaved) as caught:
        session.run(review)
    assert conflict(out).read_text() == "an earlier conflict"
    assert caught.value.saved_as == conflict(out, 2)


def test_a_save_that_fails_keeps_the_answers_beside_the_file(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "review.yaml"
    session, review = started_on_one_judged(out, becta)
    before = snapshot(out)

    def full(path: object, content: object, unchanged: object = None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("selfreview_core.session.saving.write_atomic", full)
    with pytest.raises(SessionNotSaved, match="could not be saved \\(No space left") as caught:
        session.run(review)
    assert snapshot(out) == before
    assert caught.value.saved_as == out.with_name("review.yaml.unsaved-20261101T101500.yaml")
    assert load_assessment(caught.value.saved_as, becta).level("1a2") == 3


def test_a_review_too_large_to_read_back_is_kept_beside_and_the_file_stays_readable(
    tmp_path: Path, becta: Framework
) -> None:
    """11 MB of evidence pasted at its prompt: before round 68 the file was written, the
    session said "run the same command to go on", and that command refused the file for
    its size (exit 1), the review no longer to be continued."""
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"])
    evidence = "e" * 11_000_000
    result = assess("becta-srf", "-o", str(out), answers=["3", evidence])
    assert result.exit_code == 1, result.output
    [beside] = tmp_path.glob("review.yaml.unsaved-*.yaml")
    size = f"{beside.stat().st_size:,}"
    assert (
        f"{out} could not be saved (the review would be {size} bytes, over the 10,485,760 a "
        f"file may hold, so no command could read it back). Your answers are in {beside}."
    ) in result.stderr
    assert f"Shorten the longest text (evidence, a name) in {beside}, put it in {out}" in (
        result.stderr
    )
    assert "Traceback" not in result.output
    kept = load_assessment(out, becta)  # the level given, before the evidence
    assert (kept.level("1a1"), kept.level("1a2"), kept.judgements["1a2"].evidence) == (4, 3, None)
    assert evidence in beside.read_text(encoding="utf-8")  # the words typed are not lost
    assert temporary_files(tmp_path) == []
    again = assess("becta-srf", "-o", str(out), answers=["q"])
    assert again.exit_code == 0, again.output
    assert "Continuing the review" in again.output


def test_a_date_after_today_is_warned_of_before_the_first_question(tmp_path: Path) -> None:
    """Before round 68 `assess --date` wrote a review dated after today without a word; only
    the next `validate` or `report` said it was a typing slip."""
    out = tmp_path / "review.yaml"
    header = ["--school-id", "100001", "--school-name", "Piped School"]
    result = assess("becta-srf", "-o", str(out), *header, "--date", "9999-12-31", answers=["q"])
    assert result.exit_code == 0, result.output
    said = result.stderr.splitlines()
    assert said[0] == (
        "warning: --date: the review is dated 9999-12-31, after today "
        f"({dt.date.today().isoformat()}): it counts as newer than every real review (a "
        "typing slip? give the day the review was made)"
    )
    assert result.output.index("warning: --date") < result.output.index("Level (")
    assert load_assessment(out).assessed_on == dt.date(9999, 12, 31)
    again = assess("becta-srf", "-o", str(tmp_path / "other.yaml"), *HEADER, answers=["q"])
    assert again.exit_code == 0, again.output
    assert "warning" not in again.output


def test_when_nothing_can_be_written_the_review_is_shown(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"])
    said: list[str] = []
    session = scripted(becta, out, ["3", ""], said)
    review = started(session, Header())

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("selfreview_core.session.saving.write_atomic", full)
    monkeypatch.setattr("selfreview_core.session.saving.write_new", full)
    with pytest.raises(SessionNotSaved, match="Your answers are shown above") as caught:
        session.run(review)
    assert caught.value.saved_as is None
    shown = "\n".join(said)
    text = shown[shown.index("kind: assessment") :]
    assert load_assessment("shown.yaml", becta, text=text).level("1a2") == 3


def _edited_during_assess(out: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Result, str]:
    """`selfreview assess -o OUT` run while an editor saves OUT between two questions: the
    command's result, and the text the editor saved."""
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"])
    edited = out.read_text(encoding="utf-8") + "# my note\n"
    real_prompt = click.prompt
    asked: list[str] = []

    def prompt(text: str, **options: Any) -> Any:
        asked.append(text)
        if len(asked) == 3:  # 1a2's level given and its evidence asked: an editor saves
            out.write_text(edited, encoding="utf-8")
        return real_prompt(text, **options)

    monkeypatch.setattr(click, "prompt", prompt)
    return assess("becta-srf", "-o", str(out), answers=["3", "", "5", "", "q"]), edited


def test_assess_says_what_happened_and_what_to_do_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor saves the file between two questions of a running `selfreview assess`."""
    out = tmp_path / "review.yaml"
    result, edited = _edited_during_assess(out, monkeypatch)
    assert result.exit_code == 1
    [saved] = tmp_path.glob("review.yaml.conflict-*.yaml")
    assert f"{out} was changed by another program since this session read it" in result.stderr
    assert f"Your answers are in {saved}." in result.stderr
    assert f"keep what you want in {out}, then run the same command again" in result.stderr
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == edited
    assert temporary_files(tmp_path) == []


def test_assess_shows_the_file_it_could_not_save_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before round 47 the message and its hint printed the file's name raw: `-o` with an
    ESC in the name cleared the screen, and a zero-width space hid which file it was."""
    out = tmp_path / "re\x1b[2Jview\u200b.yaml"
    result, edited = _edited_during_assess(out, monkeypatch)
    assert result.exit_code == 1
    [saved] = tmp_path.glob("re*.conflict-*.yaml")
    name = f"{tmp_path}/re\\x1b[2Jview\\u200b.yaml"
    assert "\x1b" not in result.stderr
    assert "\u200b" not in result.stderr
    said = result.stderr.splitlines()
    assert said[-2] == (
        f"{name} was changed by another program since this session read it (another "
        "`selfreview assess` or `combine`, an editor, a sync tool), so this session did not "
        f"save over it. Your answers are in {name}{saved.name[len(out.name) :]}."
    )
    assert said[-1].startswith(f"Compare the two files, keep what you want in {name}, then")
    assert out.read_text(encoding="utf-8") == edited


# -- typed text that cannot be kept is asked for again ----------------------------------------


def assess_bytes(*args: str, typed: bytes) -> Result:
    return CliRunner().invoke(cli, ["assess", *args], input=typed, catch_exceptions=False)


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        (b"my school", "an id has no spaces and no `@`"),
        (b"head@school", "an id has no spaces and no `@`"),
        (b"\xff\xfe100001", "that was not utf-8 text"),
        (b"1000\x1b[2J01", "control characters (here u+001b) cannot be kept"),
        (b"100\xe2\x80\xae001", "u+202e"),
    ],
)
def test_a_school_id_that_cannot_be_kept_is_asked_again(
    tmp_path: Path, becta: Framework, bad: bytes, words: str
) -> None:
    out = tmp_path / "review.yaml"
    typed = b"\n".join([bad, b"   ", b"100001", b"Typed School", b"", b"", b"q"]) + b"\n"
    result = assess_bytes("becta-srf", "-o", str(out), typed=typed)
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    assert words in result.output.lower()
    assert "This is needed." in result.output
    review = load_assessment(out, becta)
    assert (review.school.id, review.school.name) == ("100001", "Typed School")


@pytest.mark.parametrize(
    "bad",
    [b"\x1b]52;c;aGk=\x07", b"\xc3\x28 bad", b"ok\xc2\x9bthen", b"\x1b]8;;http://x\x1b\\link"],
)
def test_names_and_evidence_that_cannot_be_kept_are_asked_again(
    tmp_path: Path, becta: Framework, bad: bytes
) -> None:
    out = tmp_path / "review.yaml"
    typed = b"\n".join(
        [b"100001", bad, b"Typed School", bad, b"Typed LEA", bad, b"", b"4", bad, b"fine", b"q"]
    )
    result = assess_bytes("becta-srf", "-o", str(out), typed=typed + b"\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("please type it again") == 4
    review = load_assessment(out, becta)
    assert review.school.name == "Typed School"
    assert review.school.authority == "Typed LEA"
    assert review.judgements["1a1"].evidence == "fine"


@pytest.mark.parametrize("option", ["--school-id", "--school-name", "--authority", "--assessor"])
def test_a_bad_header_option_is_a_usage_error(tmp_path: Path, option: str) -> None:
    value = "a b@c" if option == "--school-id" else "x\x1b[2Jy"
    result = assess("becta-srf", "-o", str(tmp_path / "r.yaml"), option, value, answers=[])
    assert result.exit_code == 2
    assert f"Invalid value for {option}" in result.output
    assert list(tmp_path.iterdir()) == []


def test_evidence_from_the_file_is_kept_by_enter_whatever_it_holds(
    tmp_path: Path, becta: Framework
) -> None:
    """What the file already holds is not typed text: Enter keeps it as it is."""
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "x", "q"])
    text = out.read_text(encoding="utf-8").replace("evidence: x", 'evidence: "bell\\a"')
    out.write_text(text, encoding="utf-8")
    result = assess("becta-srf", "-o", str(out), "--all", answers=["3", "", "q"])
    assert result.exit_code == 0, result.output
    assert load_assessment(out, becta).judgements["1a1"].evidence == "bell\a"


def test_a_file_replaced_by_something_unreadable_is_a_change(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    session, review = started_on_one_judged(out, becta)
    out.unlink()
    out.mkdir()  # not a file any more, but not gone: something else has the name
    with pytest.raises(SessionNotSaved, match="was replaced by a folder"):  # round 80: said so
        session.run(review)
    assert out.is_dir()
    assert load_assessment(conflict(out), becta).level("1a2") == 3


def test_a_session_refuses_a_file_it_cannot_write_before_asking(
    tmp_path: Path, becta: Framework
) -> None:
    def never(prompt: str, default: str) -> str:
        raise AssertionError(f"asked {prompt!r}")

    session = Session(becta, tmp_path / "missing" / "r.yaml", ask=never, say=lambda t: None)
    with pytest.raises(OutputRefused, match="does not exist"):
        started(session, Header("100001", "School"))
    assert list(tmp_path.iterdir()) == []


def test_a_run_without_start_compares_with_the_file_as_it_was_when_it_began(
    tmp_path: Path, becta: Framework
) -> None:
    """The library may hand `run` an assessment it loaded itself: the file as it is then
    is what the session read."""
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"])

    def ask(prompt: str, default: str) -> str:
        out.write_text(out.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        return "3"

    session = Session(becta, out, ask=ask, say=lambda t: None, now=lambda: NOW)
    with pytest.raises(SessionNotSaved):
        session.run(load_assessment(out, becta))
    assert out.read_text(encoding="utf-8").endswith("# edited\n")


def test_evidence_is_cleared_by_typing_only_spaces(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "old evidence", "q"])
    result = assess("becta-srf", "-o", str(out), "--all", answers=["", "   ", "q"])
    assert result.exit_code == 0, result.output
    assert load_assessment(out, becta).judgements["1a1"].evidence is None


def test_bytes_that_cannot_be_decoded_are_never_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where standard input cannot be told to pass bad bytes on, the decoding error itself
    is taken as text that was not UTF-8."""
    monkeypatch.setattr("selfreview_core.cli.assess._tolerant_terminal", lambda: None)
    out = tmp_path / "review.yaml"
    result = assess_bytes("becta-srf", "-o", str(out), typed=b"\xff\xfe\n100001\n")
    assert "internal error" not in result.output
    assert "That was not UTF-8 text; please type it again." in result.output
    assert result.exit_code == 1  # the test runner's input is lost with the error: EOF
    assert "Stopped before anything was written." in result.output


def test_a_header_given_by_a_program_is_checked_too(tmp_path: Path, becta: Framework) -> None:
    session = scripted(becta, tmp_path / "r.yaml", [])
    with pytest.raises(SelfReviewError, match="an id has no spaces"):
        started(session, Header("a b", "School"))
    with pytest.raises(SelfReviewError, match="control characters"):
        started(session, Header("100001", "School\x1b[2J"))
    assert list(tmp_path.iterdir()) == []


def test_a_header_given_by_a_program_is_checked_before_anything_is_asked(
    tmp_path: Path, becta: Framework
) -> None:
    """A refused name is refused before the id it lacks is asked for (until round 74 the
    id was asked first, then the name refused): `scripted` has no answer to give."""
    said: list[str] = []
    session = scripted(becta, tmp_path / "r.yaml", [], said)
    with pytest.raises(SelfReviewError, match="control characters") as refused:
        session.start(Header(None, "School\x1b[2J"))
    assert refused.value.file == str(tmp_path / "r.yaml")
    assert said == ["A new self-review against Self-review framework (becta-srf@2010)."]
    assert list(tmp_path.iterdir()) == []


def test_a_header_whose_id_is_blank_is_asked_for_all_a_header_without_a_school_is(
    tmp_path: Path, becta: Framework
) -> None:
    """An id given blank is no id: it is asked for, and so are the authority and assessor,
    as when no school is given (until round 74 they were not, as if the school were)."""
    asked: list[str] = []
    answers = iter(["100002", "Northshire", "Head"])

    def ask(prompt: str, default: str) -> str:
        asked.append(prompt)
        return next(answers)

    session = Session(becta, tmp_path / "r.yaml", ask=ask, say=lambda text: None)
    review = started(session, Header("", "Hill School"))
    assert asked == [
        "School id (e.g. its URN)",
        "Local authority (optional)",
        "Your name or role (optional)",
    ]
    assert (review.school.id, review.school.name) == ("100002", "Hill School")
    assert (review.school.authority, review.assessor) == ("Northshire", "Head")
    assert load_assessment(tmp_path / "r.yaml", becta) == review


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_not_a_review_file(tmp_path: Path) -> None:
    """A review is read again on the next run: a pipe or device is refused (without
    opening it, which would wait for a writer)."""
    fifo = tmp_path / "review.yaml"
    os.mkfifo(fifo)
    result = assess("becta-srf", "-o", str(fifo), *HEADER, answers=["4", "", "q"])
    assert result.exit_code == 2
    assert "is not a regular file" in result.output
    assert "Strand" not in result.output


def test_revisiting_says_enter_keeps_the_level_and_s_skips(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "kept", "2", "", "q"])
    result = assess("becta-srf", "-o", str(out), "--all", answers=["s", "", "", "q"])
    assert "Enter keeps level 4, s skips, q stops) [4]:" in result.output
    assert "Enter keeps level 2, s skips, b back, q stops) [2]:" in result.output
    review = load_assessment(out, becta)
    assert (review.level("1a1"), review.judgements["1a1"].evidence) == (4, "kept")
    assert review.level("1a2") == 2


def test_b_goes_back_to_the_strand_before_and_not_before_the_first(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    answers = ["b", "4", "", "b", "3", "changed my mind", "q"]
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=answers)
    assert result.exit_code == 0, result.output
    assert "Please give a level from 1 (best) .. 5 (worst), Enter to skip or q." in result.output
    assert result.output.count("Strand 1a1 (1 of 12)") == 2
    review = load_assessment(out, becta)
    assert (review.level("1a1"), review.judgements["1a1"].evidence) == (3, "changed my mind")
    assert "1a2" not in review.judgements


def test_evidence_over_several_lines_between_triple_quotes(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    answers = ["4", '"""', "  first, indented", "", "second", '"""', "q"]
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=answers)
    assert result.exit_code == 0, result.output
    evidence = load_assessment(out, becta).judgements["1a1"].evidence
    assert evidence == "  first, indented\n\nsecond"


def test_a_control_character_in_a_line_of_evidence_is_asked_again(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    answers = ["4", '"""', "bad\x1b[2J", "good", '"""', "q"]
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=answers)
    assert "please type it again" in result.output
    assert load_assessment(out, becta).judgements["1a1"].evidence == "good"


def test_every_line_of_the_session_fits_the_width_given(becta: Framework) -> None:
    from selfreview_core.session.view import fit, strand_screen

    for strand in becta.strands:
        for width in (40, 60, 80):
            screen = "\n".join(strand_screen(becta, strand, 1, 12, None, None, width))
            assert max(len(line) for line in screen.split("\n")) <= width
    assert fit("x " * 100, 40).split("\n")[1].startswith("  x")
    assert fit("a-very-long-file-name" * 4, 40) == "a-very-long-file-name" * 4  # kept whole


def test_schema_writes_the_editors_line_and_it_is_kept(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    url = "../docs/schema/assessment.json"
    result = assess("becta-srf", "-o", str(out), *HEADER, "--schema", url, answers=["4", "", "q"])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert f"# yaml-language-server: $schema={url}" in lines
    assess("becta-srf", "-o", str(out), answers=["3", "", "q"])  # continued without it
    assert f"# yaml-language-server: $schema={url}" in out.read_text(encoding="utf-8")
    assert load_assessment(out, becta).level("1a2") == 3


def test_schema_is_refused_for_json_and_for_control_characters(tmp_path: Path) -> None:
    result = assess(
        "becta-srf", "-o", str(tmp_path / "r.json"), *HEADER, "--schema", "s.json", answers=[]
    )
    assert result.exit_code == 2
    assert "a JSON file has no comment line" in result.output
    result = assess(
        "becta-srf", "-o", str(tmp_path / "r.yaml"), *HEADER, "--schema", "a\nb", answers=[]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "r.yaml").exists()


def test_resuming_a_review_of_an_older_version_says_how_to_carry_it(tmp_path: Path) -> None:
    """`assess FRAMEWORK@2 -o REVIEW@1` is refused at the review's `framework:` line and
    column, exit 1, the file untouched; the hint names `selfreview migrate` (before round 57
    it said the versions differ and no more)."""
    examples = Path(__file__).resolve().parents[2] / "examples" / "migration"
    review = tmp_path / "review.yaml"
    shutil.copyfile(examples / "example-school-v1.yaml", review)
    before = review.read_bytes()
    result = assess(str(examples / "example-srf-2.yaml"), "-o", str(review), answers=["q"])
    assert result.exit_code == 1
    assert (
        f"{review}:5:12: error: framework: assessment is of version 1, but example-srf is "
        "version 2 (`selfreview migrate --to example-srf@2` carries it to that version, given "
        "the framework of version 1 by `--framework FILE` where no plugin provides it)"
    ) in result.output
    assert "Traceback" not in result.output
    assert review.read_bytes() == before
