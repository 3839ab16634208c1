"""A review's own comments, kept when `assess` saves it.

`assess` writes a review afresh at each save (its header, then the data), and the comments
a user typed into the file by hand (`You may edit this file by hand`, its header says)
belong to its keys: each is put back by its key (`files.yaml_places`), so it stays with the
strand's judgement, level, evidence or answer it was typed by, across every save. One that
has no sure place (inside a `{...}`, by a key the review no longer has) would go: then the
file as it was is kept beside it first, and the session says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..escaping import shown, shown_name
from ..files.yaml_comments import lost_comments
from ..files.yaml_places import put_back
from ..outputs.atomic import write_new

__all__ = ["SCHEMA_LINE", "header_comment", "keep_comments", "schema_of"]

#: The line an editor reads a YAML file's JSON Schema from (`assess --schema`).
SCHEMA_LINE = "# yaml-language-server: $schema="

_HEADER_COMMENT = (
    "# {review} written by `selfreview assess`; run it again to continue.\n"
    "# You may edit this file by hand: `selfreview validate` checks it.\n"
)


def header_comment(review: str, schema: str | None) -> str:
    """The comment `assess` writes at the top of `review` (a reviewed file's own name for
    itself, one line), and its schema line if it has one."""
    header = _HEADER_COMMENT.format(review=review)
    return header + (f"{SCHEMA_LINE}{shown(schema, newline=False)}\n" if schema else "")


def schema_of(raw: bytes) -> str | None:
    """The JSON Schema a file's own schema line names, as the file has it; None without one."""
    lines = raw.decode("utf-8", "replace").splitlines()
    return next((x[len(SCHEMA_LINE) :].strip() for x in lines if x.startswith(SCHEMA_LINE)), None)


def keep_comments(
    before: bytes | None, after: bytes, beside: Iterable[Path]
) -> tuple[bytes, str | None]:
    """What to save over a file holding `before` for the new text `after`: `after` with the
    comments of `before` put back where they belong; and, if some have no place, the note
    saying that `before` is kept at the first free name of `beside` (written here: `OSError`
    if it cannot be, and then nothing is to be saved over it), else None."""
    if before is None or b"#" not in before:
        return after, None
    old = before.decode("utf-8", "replace")
    new = put_back(old, after.decode("utf-8"))
    lost = lost_comments(old, new)
    if not lost:
        return new.encode("utf-8"), None
    kept = write_new(beside, before)
    some = "a comment" if len(lost) == 1 else f"{len(lost)} comments"
    return new.encode("utf-8"), (
        f"note: the file had {some} of its own ({shown(lost[0], newline=False)}"
        f"{' ...' if len(lost) > 1 else ''}) that assess could not keep in place:"
        f" the file as it was is kept in {shown_name(kept)}"
    )
