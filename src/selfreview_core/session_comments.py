"""A review's own comments, kept when `assess` saves it.

`assess` writes a review afresh at each save (its header, then the data): the comments a
user typed into the file by hand (`You may edit this file by hand`, its header says) would
go without a word. Rather than rewrite a school's YAML in place at every answer, the file as
it was is kept beside it, once, before the session first saves over it, and the session
says so; a file without comments of its own (one `assess` wrote) is saved as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .atomic import write_new
from .escaping import shown, shown_name
from .files.yaml_comments import lost_comments

__all__ = ["keep_comments"]


def keep_comments(before: bytes | None, after: bytes, beside: Iterable[Path]) -> str | None:
    """If saving `after` over a file holding `before` would lose comments of `before`:
    write `before` to the first free name of `beside` (`OSError` if it cannot: then nothing
    is to be saved over it) and return the note that says so; else None."""
    if before is None or b"#" not in before:
        return None
    lost = lost_comments(before.decode("utf-8", "replace"), after.decode("utf-8"))
    if not lost:
        return None
    kept = write_new(beside, before)
    some = "a comment" if len(lost) == 1 else f"{len(lost)} comments"
    return (
        f"note: the file had {some} of its own ({shown(lost[0], newline=False)}"
        f"{' ...' if len(lost) > 1 else ''}), which a review saved by assess does not keep:"
        f" the file as it was is kept in {shown_name(kept)}"
    )
