"""`session/comments.py`: what round 68's mutation pass found no test holding. The note on
a comment that could not be kept is one line, whatever the comment holds: a tab typed in
it is shown `\\t`, as in every other one-line message."""

from __future__ import annotations

from pathlib import Path

from selfreview_core.session.comments import keep_comments


def test_a_lost_comment_holding_a_tab_is_named_on_the_notes_one_line(tmp_path: Path) -> None:
    before = b"kind: assessment\nschool: {id: '100001',  # the\tURN\n  name: Piped School}\n"
    after = b"kind: assessment\nschool:\n  id: '100001'\n  name: Piped School\n"
    kept = tmp_path / "review.yaml.comments.yaml"
    saved, note = keep_comments(before, after, [kept])
    assert saved == after
    assert note == (
        "note: the file had a comment of its own (# the\\tURN) that assess could not keep in"
        f" place: the file as it was is kept in {kept}"
    )
    assert kept.read_bytes() == before
