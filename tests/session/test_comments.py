"""`assess` continuing a review a user has commented by hand (its header says the file may be
edited): each save writes the review afresh and puts each comment back by the key it was
typed by, so it stays with the strand's judgement, level or evidence across every save. A
comment without a sure place (inside a `{...}`, by a key the review no longer has) is not
lost without a word: the file as it was is kept beside it, and the session says where.
Before round 47 the comments went without a word; in round 47 every one left the file at the
first save (kept beside it)."""

from __future__ import annotations

import errno
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Framework, load_assessment
from selfreview_core.engine import Engine
from selfreview_core.errors import SessionNotSaved
from selfreview_core.files.yaml_comments import comments, lost_comments
from selfreview_core.session.review import Header
from started import started

from .test_review import HEADER, assess, conflict, scripted

KEPT = "review.yaml.comments-20261101T101500.yaml"


def notes(said: list[str]) -> list[str]:
    """What a session said of the comments it could not keep."""
    return [line for line in said if line.startswith("note:")]


def commented(tmp_path: Path) -> tuple[Path, bytes]:
    """A review `assess` wrote, then commented by hand: lines of their own before keys, and
    comments at the ends of keys' and values' lines."""
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first", "q"])
    text = out.read_text(encoding="utf-8")
    for old, new in [
        ("kind:", "# Ask the head before changing 1a1\nkind:"),
        ("framework: becta-srf@2010", "framework: becta-srf@2010  # the 2010 edition"),
        ("judgements:\n", "judgements:  # ours\n"),
        ("  1a1:\n", "  # from the staff meeting\n  1a1:\n"),
        ("    level: 4\n", "    level: 4  # was 5 last year\n"),
        ("evidence: first\n", "evidence: first  # see the ICT plan\n"),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    out.write_text(text + "# the end\n", encoding="utf-8")
    return out, out.read_bytes()


def test_comments_stay_by_their_keys_as_other_strands_are_judged(
    tmp_path: Path, becta: Framework
) -> None:
    out, _ = commented(tmp_path)
    said: list[str] = []
    session = scripted(becta, out, ["3", "second", "5", "third", "q"], said)
    state = session.run(started(session, Header()))
    assert out.read_text(encoding="utf-8") == (
        "# A self-review written by `selfreview assess`; run it again to continue.\n"
        "# You may edit this file by hand: `selfreview validate` checks it.\n"
        "# Ask the head before changing 1a1\n"
        "kind: assessment\n"
        "framework: becta-srf@2010  # the 2010 edition\n"
        "school:\n"
        "  id: '100001'\n"
        "  name: Piped School\n"
        "assessed_on: 2026-11-01\n"
        "judgements:  # ours\n"
        "  # from the staff meeting\n"
        "  1a1:\n"
        "    level: 4  # was 5 last year\n"
        "    evidence: first  # see the ICT plan\n"
        "    judged_on: 2026-11-01\n"
        "  1a2:\n"
        "    level: 3\n"
        "    evidence: second\n"
        "    judged_on: 2026-11-01\n"
        "  1b1:\n"
        "    level: 5\n"
        "    evidence: third\n"
        "    judged_on: 2026-11-01\n"
        "# the end\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["review.yaml"]  # no copy: none lost
    assert not notes(said)
    assert load_assessment(out, becta) == state


def test_comments_stay_by_the_strand_that_is_changed(tmp_path: Path, becta: Framework) -> None:
    out, _ = commented(tmp_path)
    session = scripted(becta, out, ["2", "better now", "q"])
    state = session.run(started(session, Header()), revisit=True)
    text = out.read_text(encoding="utf-8")
    assert (
        "judgements:  # ours\n"
        "  # from the staff meeting\n"
        "  1a1:\n"
        "    level: 2  # was 5 last year\n"
        "    evidence: better now  # see the ICT plan\n"
        "    judged_on: 2026-11-01\n"
        "# the end\n"
    ) in text
    assert load_assessment(out, becta) == state
    assert state.level("1a1") == 2
    assert [p.name for p in tmp_path.iterdir()] == ["review.yaml"]


def test_a_comment_by_a_key_that_is_gone_is_kept_beside_and_said(
    tmp_path: Path, becta: Framework
) -> None:
    """1a1 judged not applicable has no `level:`: its comment has no place in the file."""
    out, before = commented(tmp_path)
    said: list[str] = []
    session = scripted(becta, out, ["n", "no network yet", "q"], said)
    state = session.run(started(session, Header()), revisit=True)
    kept = tmp_path / KEPT
    assert kept.read_bytes() == before
    assert notes(said) == [
        "note: the file had a comment of its own (# was 5 last year) that assess could not"
        f" keep in place: the file as it was is kept in {kept}"
    ]
    text = out.read_text(encoding="utf-8")
    assert "    applicable: false\n    evidence: no network yet  # see the ICT plan\n" in text
    assert lost_comments(before.decode(), text) == ["# was 5 last year"]  # only that one
    assert load_assessment(out, becta) == state


def flow_commented(tmp_path: Path) -> tuple[Path, bytes]:
    """A review with a comment inside a `{...}` (no place a review written afresh has) and
    one at a key's end (kept in place)."""
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first", "q"])
    text = out.read_text(encoding="utf-8").replace(
        "school:\n  id: '100001'\n  name: Piped School\n",
        "school: {id: '100001',  # the URN\n  name: Piped School}\n",
    )
    out.write_text(text.replace("level: 4", "level: 4  # ours"), encoding="utf-8")
    return out, out.read_bytes()


def test_a_comment_without_a_place_is_kept_beside_at_the_save_that_would_lose_it(
    tmp_path: Path, becta: Framework
) -> None:
    out, before = flow_commented(tmp_path)
    said: list[str] = []
    session = scripted(becta, out, ["3", "second", "5", "third", "q"], said)
    state = session.run(started(session, Header()))
    kept = tmp_path / KEPT
    assert kept.read_bytes() == before  # byte for byte, its comments with it
    assert notes(said) == [
        "note: the file had a comment of its own (# the URN) that assess could not keep in"
        f" place: the file as it was is kept in {kept}"
    ]  # once: the later saves lose nothing more
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.yaml", KEPT]
    assert "    level: 4  # ours\n" in out.read_text(encoding="utf-8")
    assert load_assessment(out, becta) == state
    assert (state.level("1a1"), state.level("1a2"), state.level("1b1")) == (4, 3, 5)


def test_the_command_says_where_the_comments_are(tmp_path: Path) -> None:
    out, before = flow_commented(tmp_path)
    result = assess("becta-srf", "-o", str(out), answers=["3", "second", "q"])
    assert result.exit_code == 0, result.output
    [kept] = tmp_path.glob("review.yaml.comments-*.yaml")
    assert kept.read_bytes() == before
    assert "note: the file had a comment of its own (# the URN)" in " ".join(result.output.split())
    assert "Saved " in result.output


def test_a_copy_that_cannot_be_written_leaves_the_file_as_it_was(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is saved over the commented file unless its copy is written: the answers go
    beside it, as for a file that cannot be saved, and the file keeps its comments."""
    out, before = flow_commented(tmp_path)

    def full(*args: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("selfreview_core.session.comments.write_new", full)
    session = scripted(becta, out, ["3", "second", "q"])
    with pytest.raises(SessionNotSaved) as caught:
        session.run(started(session, Header()))
    assert f"{out} could not be saved (No space left on device)" in str(caught.value)
    assert out.read_bytes() == before
    unsaved = caught.value.saved_as
    assert unsaved is not None
    assert unsaved.name.startswith("review.yaml.unsaved-")
    assert load_assessment(unsaved, becta).level("1a2") == 3
    assert not conflict(out).exists()


def test_several_comments_without_a_place_are_counted(tmp_path: Path, becta: Framework) -> None:
    out, _ = flow_commented(tmp_path)
    text = out.read_text(encoding="utf-8").replace("  name:", "  # the name\n  name:")
    out.write_text(text, encoding="utf-8")
    said: list[str] = []
    session = scripted(becta, out, ["3", "second", "q"], said)
    session.run(started(session, Header()))
    assert notes(said) == [
        "note: the file had 2 comments of its own (# the URN ...) that assess could not keep"
        f" in place: the file as it was is kept in {tmp_path / KEPT}"
    ]


def test_a_review_without_comments_of_its_own_is_saved_as_before(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first", "q"])
    written = out.read_text(encoding="utf-8")
    result = assess("becta-srf", "-o", str(out), *HEADER[-2:], answers=["3", "second", "q"])
    assert result.exit_code == 0, result.output
    assert "note:" not in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["review.yaml"]
    assert out.read_text(encoding="utf-8") == written.replace(
        "    judged_on: 2026-11-01\n",
        "    judged_on: 2026-11-01\n  1a2:\n    level: 3\n    evidence: second\n"
        "    judged_on: 2026-11-01\n",
    )


def test_a_json_review_has_no_comments_to_keep(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.json"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "# not a comment", "q"])
    result = assess("becta-srf", "-o", str(out), answers=["3", "", "q"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["review.json"]
    assert load_assessment(out, becta).judgements["1a1"].evidence == "# not a comment"


def test_lost_comments_are_those_the_new_text_lacks_in_the_old_ones_order() -> None:
    before = "# b\na: 1  # a\n# b\nc: '# not one'\n"
    assert comments(before) == {"# b": 2, "# a": 1}
    assert lost_comments(before, "# b\na: 1\n") == ["# b", "# a"]  # one `# b` of two kept
    assert lost_comments(before, "# b\n# b\na: 2  # a\n") == []
    assert lost_comments("a: '#x'\n", "a: 2\n") == []


# -- every place, any answers ------------------------------------------------------------------

BECTA = Engine(entry_points=False).framework("becta-srf")
TEXT = st.text(alphabet="ab #:'-é", max_size=12).map(lambda s: s.rstrip())
#: A strand's answer: a level and its evidence, or skipped.
ANSWER = st.one_of(
    st.just(["s"]), st.tuples(st.integers(1, 5), TEXT).map(lambda a: [str(a[0]), f"e{a[1]}"])
)


@settings(max_examples=scaled(40), suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(first=st.lists(ANSWER, max_size=4), then=st.lists(ANSWER, max_size=5), data=st.data())
def test_every_comment_stays_through_any_answers(
    first: list[list[str]], then: list[list[str]], data: st.DataObject
) -> None:
    """A review with comments before any of its lines and at the end of any, answered again
    (levels changed, evidence changed, strands added): it loads as the session left it, and
    holds every comment, with nothing kept beside and nothing said."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "review.yaml"
        start = scripted(BECTA, out, [a for answer in first for a in answer] + ["q"])
        start.run(started(start, Header(school_id="100001", school_name="Piped School")))
        typed, lines = [], []
        for number, line in enumerate(out.read_text(encoding="utf-8").splitlines()):
            indent = line[: len(line) - len(line.lstrip())]
            if not line.startswith("#") and data.draw(st.booleans()):
                typed.append(f"# c{number}{data.draw(TEXT)}".rstrip())
                lines.append(f"{indent * data.draw(st.booleans())}{typed[-1]}")
            if not line.startswith("#") and data.draw(st.booleans()):
                typed.append(f"# e{number}{data.draw(TEXT)}".rstrip())
                line += f"{' ' * data.draw(st.integers(1, 3))}{typed[-1]}"
            lines.append(line)
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        said: list[str] = []
        session = scripted(BECTA, out, [a for answer in then for a in answer] + ["q"], said)
        state = session.run(started(session, Header()), revisit=True)
        assert load_assessment(out, BECTA) == state
        assert comments(out.read_text(encoding="utf-8")) >= Counter(typed)
        assert [p.name for p in Path(folder).iterdir()] == ["review.yaml"]
        assert not notes(said)
