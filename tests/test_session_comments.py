"""`assess` continuing a review a user has commented by hand: the session writes the review
afresh at each save, so the file as it was (its comments) is kept beside it once, before the
first save over it, and the session says where. Before round 47 the comments went without a
word, though the file's own header says it may be edited by hand."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from selfreview_core import Framework, load_assessment
from selfreview_core.errors import SessionNotSaved
from selfreview_core.files.yaml_comments import comments, lost_comments
from selfreview_core.session import Header
from test_session import HEADER, assess, conflict, scripted

KEPT = "review.yaml.comments-20261101T101500.yaml"


def commented(tmp_path: Path) -> tuple[Path, bytes]:
    """A review `assess` wrote, then commented by hand: a line of its own and one at a key's
    end."""
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first", "q"])
    text = out.read_text(encoding="utf-8")
    text = "# Ask the head before changing 1a1\n" + text.replace(
        "\nframework: becta-srf@2010\n", "\nframework: becta-srf@2010  # the 2010 edition\n"
    )
    out.write_text(text, encoding="utf-8")
    return out, out.read_bytes()


def test_the_file_as_it_was_is_kept_beside_it_at_the_first_save_and_said_once(
    tmp_path: Path, becta: Framework
) -> None:
    out, before = commented(tmp_path)
    said: list[str] = []
    session = scripted(becta, out, ["3", "second", "5", "third", "q"], said)
    session.run(session.start(Header()))
    kept = tmp_path / KEPT
    assert kept.read_bytes() == before  # byte for byte, its comments with it
    notes = [line for line in said if line.startswith("note:")]
    assert notes == [
        "note: the file had 2 comments of its own (# Ask the head before changing 1a1 ...), "
        f"which a review saved by assess does not keep: the file as it was is kept in {kept}"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.yaml", KEPT]  # one copy
    review = load_assessment(out, becta)  # every answer saved as before
    assert (review.level("1a1"), review.level("1a2"), review.level("1b1")) == (4, 3, 5)
    assert review.judgements["1b1"].evidence == "third"


def test_a_review_without_comments_of_its_own_is_saved_as_before(
    tmp_path: Path, becta: Framework
) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first", "q"])
    result = assess("becta-srf", "-o", str(out), answers=["3", "second", "q"])
    assert result.exit_code == 0, result.output
    assert "note:" not in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["review.yaml"]
    assert load_assessment(out, becta).level("1a2") == 3


def test_a_json_review_has_no_comments_to_keep(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.json"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "# not a comment", "q"])
    result = assess("becta-srf", "-o", str(out), answers=["3", "", "q"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["review.json"]


def test_the_command_says_where_the_comments_are(tmp_path: Path) -> None:
    out, before = commented(tmp_path)
    result = assess("becta-srf", "-o", str(out), answers=["3", "second", "q"])
    assert result.exit_code == 0, result.output
    [kept] = tmp_path.glob("review.yaml.comments-*.yaml")
    assert kept.read_bytes() == before
    assert "note: the file had 2 comments of its own" in " ".join(result.output.split())
    assert "Saved " in result.output


def test_a_copy_that_cannot_be_written_leaves_the_file_as_it_was(
    tmp_path: Path, becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is saved over the commented file unless its copy is written: the answers go
    beside it, as for a file that cannot be saved, and the file keeps its comments."""
    out, before = commented(tmp_path)

    def full(*args: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("selfreview_core.session_comments.write_new", full)
    session = scripted(becta, out, ["3", "second", "q"])
    with pytest.raises(SessionNotSaved) as caught:
        session.run(session.start(Header()))
    assert f"{out} could not be saved (No space left on device)" in str(caught.value)
    assert out.read_bytes() == before
    unsaved = caught.value.saved_as
    assert unsaved is not None
    assert unsaved.name.startswith("review.yaml.unsaved-")
    assert load_assessment(unsaved, becta).level("1a2") == 3
    assert not conflict(out).exists()


def test_lost_comments_are_those_the_new_text_lacks_in_the_old_ones_order() -> None:
    before = "# b\na: 1  # a\n# b\nc: '# not one'\n"
    assert comments(before) == {"# b": 2, "# a": 1}
    assert lost_comments(before, "# b\na: 1\n") == ["# b", "# a"]  # one `# b` of two kept
    assert lost_comments(before, "# b\n# b\na: 2  # a\n") == []
    assert lost_comments("a: '#x'\n", "a: 2\n") == []


def test_one_comment_is_named_alone(tmp_path: Path, becta: Framework) -> None:
    out = tmp_path / "review.yaml"
    assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first", "q"])
    out.write_text(out.read_text(encoding="utf-8") + "# ours\n", encoding="utf-8")
    said: list[str] = []
    session = scripted(becta, out, ["3", "second", "q"], said)
    session.run(session.start(Header()))
    kept = tmp_path / KEPT
    assert [line for line in said if line.startswith("note:")] == [
        "note: the file had a comment of its own (# ours), which a review saved by assess does"
        f" not keep: the file as it was is kept in {kept}"
    ]
