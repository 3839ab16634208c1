"""`session` (`selfreview assess`): behaviour the project's mutation pass (round 34) found no
test pinning down. SPEC section 7: an answer already given is never lost, and what to do
next is said in words."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import Framework, load_assessment
from selfreview_core.cli import cli
from selfreview_core.session import saving as session
from started import started

HEADER = ["--school-id", "100001", "--school-name", "Piped School", "--date", "2026-11-01"]


def assess(*args: str, answers: list[str]) -> Result:
    text = "".join(f"{a}\n" for a in answers)
    return CliRunner().invoke(cli, ["assess", *args], input=text, catch_exceptions=False)


def on_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *writers: str
) -> tuple[Path, Result]:
    """A review with one strand judged, then `assess` again judging the next at 3, with
    `writers` of the session failing as on a full disk."""
    out = tmp_path / "review.yaml"
    assert assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"]).exit_code == 0

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    for writer in writers:
        monkeypatch.setattr(session, writer, full)
    return out, assess("becta-srf", "-o", str(out), answers=["3", "", "q"])


def test_when_nothing_can_be_written_assess_says_to_put_the_shown_review_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk is full: the review is shown, and the last lines say where the answers are
    and what to do with them (there is no file beside to move), exit 1. The system's
    reason is given in words, not as an error's code."""
    out, result = on_a_full_disk(tmp_path, monkeypatch, "write_atomic", "write_new")
    assert result.exit_code == 1
    said = " ".join(result.output.split())  # as one line, however the terminal wraps it
    assert "could not be saved beside it either (No space left on device)." in said
    assert "[Errno" not in said
    assert result.output.splitlines()[-2:] == [
        f"{out} could not be saved (No space left on device). Your answers are shown above.",
        f"Put them in {out} (or give -o another file), then run the command again.",
    ]
    assert "  1a2:\n    level: 3\n" in result.output


def test_typed_text_is_kept_without_the_spaces_around_it(tmp_path: Path, becta: Framework) -> None:
    """Spaces typed before or after a name or a line of evidence are not part of it (only
    the lines of evidence typed between two `\"\"\"` lines keep their indentation)."""
    out = tmp_path / "review.yaml"
    answers = ["  100001 ", "  Piped School  ", "  Northshire ", "  Head ", "4", "  seen it  "]
    result = assess("becta-srf", "-o", str(out), "--date", "2026-11-01", answers=[*answers, "q"])
    assert result.exit_code == 0, result.output
    review = load_assessment(out, becta)
    assert (review.school.id, review.school.name) == ("100001", "Piped School")
    assert (review.school.authority, review.assessor) == ("Northshire", "Head")
    assert review.judgements["1a1"].evidence == "seen it"


def test_continuing_a_file_whose_name_holds_a_newline_names_it_on_one_line(
    tmp_path: Path,
) -> None:
    out = tmp_path / "review\nfor governors.yaml"
    assert assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"]).exit_code == 0
    result = assess("becta-srf", "-o", str(out), answers=["q"])
    assert result.exit_code == 0
    shown_name = str(out).replace("\n", "\\n")
    said = " ".join(result.output.split())
    assert (
        f"Continuing the review of Piped School (100001) in {shown_name}: 1 of 12 strands judged."
        in said
    )


QUESTIONS = str(
    Path(__file__).resolve().parents[2] / "examples/questions/technology-standards.yaml"
)


def test_back_is_offered_from_the_first_question_of_every_strand_but_the_first(
    tmp_path: Path,
) -> None:
    """`b` at the first question of the first strand has nowhere to go: it is not offered
    and is asked again; at the first question of the second strand it goes back a strand."""
    out = tmp_path / "setting.yaml"
    args = ["--school-id", "S-1", "--school-name", "Piped Setting", "--date", "2026-11-01"]
    # b (refused), then s s s: the first strand skipped; b at the second: back to the first.
    result = assess(QUESTIONS, "-o", str(out), *args, answers=["b", "s", "s", "s", "b", "q"])
    assert result.exit_code == 0, result.output
    text = result.output
    first_prompt = "Answer (1-2 or its id; Enter leaves it unanswered, n not applicable, q stops)"
    assert text.count(first_prompt) == 3  # asked again after `b`, and again on coming back
    assert "Please give a number from 1 to 2 or an answer's id." in text
    second = text[text.index("Strand L-G-2 (2 of 8)") :]
    at_its_first_question, back_at_the_first = second.split("Strand L-G-1 (1 of 8)")
    assert "Enter leaves it unanswered, b back, n not applicable" in at_its_first_question
    assert first_prompt in back_at_the_first, "b went back to the first strand"


def test_the_sessions_answers_hold_one_for_each_strand_the_last_given(
    tmp_path: Path, becta: Framework
) -> None:
    """Going back and judging a strand again replaces what the session says of it, and
    leaves the strands before it as they were."""
    from selfreview_core.session.review import Header, Session, SessionAnswer

    # 1a1, 1a2, back from 1b1 to 1a2 (judged again), then 1b1 skipped
    given = iter(["4", "", "3", "", "b", "2", "", "", "q"])
    review = Session(
        becta,
        tmp_path / "review.yaml",
        ask=lambda prompt, default: next(given),
        say=lambda text: None,
    )
    review.run(started(review, Header("100001", "Piped School")))
    assert review.answers == [
        SessionAnswer("1a1", 4, skipped=False),
        SessionAnswer("1a2", 2, skipped=False),
        SessionAnswer("1b1", None, skipped=True),
    ]


def test_a_save_that_fails_says_to_move_the_answers_saved_beside_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, becta: Framework
) -> None:
    """The file cannot be written but a file beside it can: the last lines say where the
    answers are and to move them into place (nothing to compare: the file is unchanged)."""
    out, result = on_a_full_disk(tmp_path, monkeypatch, "write_atomic")
    assert result.exit_code == 1
    [beside] = tmp_path.glob("review.yaml.unsaved-*.yaml")
    assert result.output.splitlines()[-2:] == [
        f"{out} could not be saved (No space left on device). Your answers are in {beside}.",
        f"Move {beside} to {out} (or give it as -o), then run the command again.",
    ]
    assert load_assessment(beside, becta).level("1a2") == 3


@pytest.mark.parametrize(
    ("name", "code"),
    [("review.jsonl", "output-format"), ("review.fifo", "output-not-a-file")],
)
def test_a_session_refuses_a_file_it_could_not_read_again_before_asking_anything(
    tmp_path: Path, becta: Framework, name: str, code: str
) -> None:
    """A program driving `Session` itself gets the refusals `assess` gives: a JSON Lines
    name (one review is one document) or a named pipe (the review is read again on the
    next run; reading a pipe would block) is refused before a question, nothing written."""
    from selfreview_core.errors import OutputRefused
    from selfreview_core.session.review import Header, Session

    path = tmp_path / name
    if name.endswith(".fifo"):
        if not hasattr(os, "mkfifo"):
            pytest.skip("named pipes")
        os.mkfifo(path)
    asked: list[str] = []

    def ask(prompt: str, default: str) -> str:
        asked.append(prompt)
        return "q"

    review = Session(becta, path, ask=ask, say=print)
    with pytest.raises(OutputRefused) as raised:
        started(review, Header("100001", "Piped School"))
    assert raised.value.diagnostics[0].code == code
    assert asked == []
    assert [p.name for p in tmp_path.iterdir()] == ([name] if name.endswith(".fifo") else [])


# -- round 35: the rest of session.py's (now session/review.py's) mutants --------------------


def test_assess_on_a_review_with_every_strand_judged_says_so_and_leaves_the_file_alone(
    tmp_path: Path,
) -> None:
    """Nothing left to ask: `assess` says how to revisit the strands, asks nothing, and the
    file keeps its bytes (a note of the user's own included), exit 0."""
    out = tmp_path / "review.yaml"
    levels = (3, 4, 4, 3, 5, 3, 4, 2, 3, 2, 3, 3)
    every = [answer for level in levels for answer in (str(level), "")]
    done = assess("becta-srf", "-o", str(out), *HEADER, answers=every)
    assert done.exit_code == 0, done.output
    out.write_bytes(out.read_bytes() + b"# a note of my own\n")
    before = out.read_bytes()
    result = assess("becta-srf", "-o", str(out), answers=[])
    assert result.exit_code == 0, result.output
    assert "Every strand is judged. Use --all to revisit them." in result.output
    assert "Strand 1a1" not in result.output
    assert out.read_bytes() == before


def test_a_session_says_whether_it_has_written_its_file(tmp_path: Path, becta: Framework) -> None:
    """`Session.saved` (public: a program driving a session reads it, as `assess` does on
    Ctrl-C to say where the answers are) is False until the session writes the file, and
    True from then on; continuing a file without answering writes nothing."""
    from selfreview_core.session.review import Header, Session

    out = tmp_path / "review.yaml"
    given = iter(["4", "", "q"])
    first = Session(becta, out, ask=lambda prompt, default: next(given), say=lambda text: None)
    assert first.saved is False
    started(first, Header("100001", "Piped School"))
    assert first.saved is True, "a new file is written once its header is complete"
    again = Session(becta, out, ask=lambda prompt, default: "q", say=lambda text: None)
    again.run(started(again, Header()))
    assert again.saved is False


def test_given_only_the_school_id_assess_asks_its_name_and_the_optional_details(
    tmp_path: Path, becta: Framework
) -> None:
    """The header is complete only with the school's id and name: given one of them, the
    others are asked for, the optional local authority and assessor included."""
    out = tmp_path / "review.yaml"
    args = ["becta-srf", "-o", str(out), "--school-id", "100001", "--date", "2026-11-01"]
    result = assess(*args, answers=["Piped School", "Northshire", "Head", "q"])
    assert result.exit_code == 0, result.output
    assert "Local authority (optional)" in result.output
    review = load_assessment(out, becta)
    assert (review.school.name, review.school.authority, review.assessor) == (
        "Piped School",
        "Northshire",
        "Head",
    )


def test_a_framework_title_holding_a_newline_is_named_on_one_line(tmp_path: Path) -> None:
    """A new review names its framework with the newline in its title shown as `\\n`: a
    title from a file never breaks the line (nor starts one that looks like the tool's)."""
    text = Path(QUESTIONS).read_text(encoding="utf-8")
    title = "title: Technology standards self-check (illustrative)\n"
    assert title in text
    framework = tmp_path / "framework.yaml"
    framework.write_text(
        text.replace(title, 'title: "Technology standards\\nself-check"\n'), encoding="utf-8"
    )
    out = tmp_path / "setting.yaml"
    result = assess(str(framework), "-o", str(out), answers=["S-1", "A Setting", "", "", "q"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # as one line, however the terminal wraps it
    assert "against Technology standards\\nself-check (example-tech-standards@1)." in said
    assert "\nself-check" not in result.output


def test_a_header_is_a_value_that_cannot_be_changed_and_can_be_a_key() -> None:
    """`Header` (public) is frozen (round 52's mutation pass): a program that keeps one per
    school, or gives one to several sessions, cannot have it changed under it; equal headers
    are one key."""
    import dataclasses

    from selfreview_core.session.review import Header

    header = Header("100001", "Piped School")
    with pytest.raises(dataclasses.FrozenInstanceError):
        header.school_name = "Other School"  # type: ignore[misc]
    assert header.school_name == "Piped School"
    assert {header: 1, Header("100001", "Piped School"): 2} == {header: 2}


def test_a_session_given_no_width_fits_every_line_it_shows_to_88_columns(
    tmp_path: Path, becta: Framework
) -> None:
    """`Session.width` defaults to 88 (round 52's mutation pass): a program that does not
    know its terminal's width gets lines of at most 88 characters, the widest laid out to
    the full 88 (a long statement of the framework is wrapped there, not at 89)."""
    from selfreview_core.session.review import Header, Session

    shown: list[str] = []

    def ask(prompt: str, default: str | None) -> str:
        shown.append(prompt)
        return "q"

    run = Session(becta, tmp_path / "review.yaml", ask=ask, say=shown.append)
    run.run(started(run, Header("100001", "Piped School")))
    lines = [line for text in shown for line in text.splitlines()]
    assert max(len(line) for line in lines) == 88


def test_a_continued_session_reads_the_editors_schema_line_from_the_file(
    tmp_path: Path, becta: Framework
) -> None:
    """`Session.schema` (public; `assess --schema` sets it) is, when not given, the file's
    own `$schema` line once the session has read the file (round 52's mutation pass): a
    program driving a session sees the schema the file is checked against. Given, it wins."""
    from selfreview_core.session.review import Header, Session

    out = tmp_path / "review.yaml"
    url = "../docs/schema/assessment.json"
    made = assess("becta-srf", "-o", str(out), *HEADER, "--schema", url, answers=["4", "", "q"])
    assert made.exit_code == 0, made.output
    before = out.read_bytes()
    again = Session(becta, out, ask=lambda prompt, default: "q", say=lambda text: None)
    started(again, Header())
    assert again.schema == url
    given = Session(
        becta, out, ask=lambda prompt, default: "q", schema="s.json", say=lambda text: None
    )
    started(given, Header())
    assert given.schema == "s.json"
    assert out.read_bytes() == before


def test_words_holding_a_newline_stay_in_the_comment_lines_of_a_new_file(
    tmp_path: Path, becta: Framework
) -> None:
    """The comment lines a new file starts with (what it is, the editor's `$schema` line)
    hold the framework's term for a review and the schema given with any newline shown as
    `\\n` (round 52's mutation pass): a line break there would start a line of YAML."""
    from selfreview_core.session.review import Header, Session

    text = Path(QUESTIONS).read_text(encoding="utf-8")
    framework = tmp_path / "framework.yaml"
    framework.write_text(
        text.replace("review: technology self-check", 'review: "technology\\nself-check"'),
        encoding="utf-8",
    )
    out = tmp_path / "setting.yaml"
    result = assess(str(framework), "-o", str(out), answers=["S-1", "A Setting", "", "", "q"])
    assert result.exit_code == 0, result.output
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#")
    assert "technology\\nself-check" in first
    review = tmp_path / "review.yaml"
    run = Session(becta, review, ask=lambda p, d: "q", say=lambda t: None, schema="a\nb.json")
    started(run, Header("100001", "Piped School"))
    assert "# yaml-language-server: $schema=a\\nb.json" in review.read_text(encoding="utf-8")
    assert load_assessment(review, becta).school.name == "Piped School"


def test_the_id_asked_for_gives_a_schools_urn_as_its_example_only_for_schools(
    tmp_path: Path,
) -> None:
    """A framework in the default terms asks for the school's id "(e.g. its URN)"; one
    with terms of its own (a setting) is asked for its id without that example."""
    school = assess("becta-srf", "-o", str(tmp_path / "r.yaml"), answers=["q"])
    assert "School id (e.g. its URN)" in school.output
    setting = assess(QUESTIONS, "-o", str(tmp_path / "s.yaml"), answers=["q"])
    assert "Setting id" in setting.output
    assert "URN" not in setting.output


def test_continuing_the_review_of_a_school_whose_name_holds_a_line_break_says_it_on_one_line(
    tmp_path: Path,
) -> None:
    """A school's name is text, and a file may give it a line break (`name: "Piped\\nSchool"`,
    which validation lets through): continuing its review says the name with the break
    shown as `\\n`, on the one line, not as a line of its own (round 52's pass: line 252)."""
    out = tmp_path / "review.yaml"
    assert assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "name: Piped School" in text
    out.write_text(text.replace("name: Piped School", 'name: "Piped\\nSchool"'), "utf-8")
    result = assess("becta-srf", "-o", str(out), answers=["q"])
    assert result.exit_code == 0, result.output
    assert "Continuing the review of Piped\\nSchool (100001) in" in result.output
    assert "\nSchool (100001)" not in result.output
