"""Ids that look alike are named so that each can be told from the others, even cut (round
82). Round 81 cut each id a cohort's warnings name (`errors.cut`: 37 characters and `...`);
two ids of 47 characters differing in their 46th (`a`, and U+0430, a Cyrillic a) were then
both named `xxx...`, and "`xxx...` holds U+0430" told neither which was which nor where.
Where ids cut alike, each is named from a little before where it differs from the one it
is most like."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core.cohort.look_alike_schools import _apart, look_alike_note

from .test_long_ids_in_warnings_cut import _cohort
from .test_standing import run

LATIN, CYRILLIC = "x" * 45 + "a1", "x" * 45 + "\u04301"


def test_support_names_long_ids_that_look_alike_where_they_differ(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _cohort(tmp_path, ("1", "2025-10-06"), (LATIN, "2025-10-06"), (CYRILLIC, "2025-10-06"))
    given = file.read_bytes()
    monkeypatch.chdir(tmp_path)
    result = run("support", file.name, "-o", "out.txt")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    latin, cyrillic = "`..." + "x" * 10 + "a1`", "`..." + "x" * 10 + "\u04301`"
    assert result.stderr.splitlines() == [
        f"warning: the schools {latin}, {cyrillic} have ids that look alike ({cyrillic} "
        "holds U+0430): each counts as a school of its own, with reviews of its own; give "
        "them one id if they are one school",
        "Wrote out.txt (table).",
    ]
    assert (tmp_path / "out.txt").stat().st_size > 0
    assert file.read_bytes() == given


def test_each_id_is_named_from_where_it_differs_from_the_one_most_like_it() -> None:
    """Three ids: two alike to their 46th character, a third apart from the 21st, each
    named from 10 characters before. Ids that cut apart are cut as before."""
    early = "x" * 20 + "\u0430" + "x" * 24 + "a1"
    note = look_alike_note([LATIN, CYRILLIC, early], "school", "schools")
    tail = "x" * 10 + "\u0430" + "x" * 24 + "a1"  # 40 characters with `...`: whole
    assert note.split(" have ids")[0] == (
        f"the schools `...{'x' * 10}a1`, `...{'x' * 10}\u04301`, `...{tail}`"
    )
    assert look_alike_note(["caf\u00e9", "cafe\u0301"], "school", "schools").startswith(
        "the schools `caf\u00e9`, `cafe\u0301` have"
    )


def test_where_each_id_is_named_from() -> None:
    """Ids that cut apart, whole as before though they share more than 10 characters; from
    their first character where they share 10 (nothing to leave out: no `...`), from their
    second where 11; an id that begins another (a zero-width space after it) from 10 before
    its end."""
    short = ["x" * 20 + "a1", "x" * 20 + "\u04301"]
    assert _apart(short) == {i: i for i in short}
    ten, eleven = "x" * 10 + "b" + "x" * 40, "x" * 11 + "c" + "x" * 40
    assert _apart([LATIN, CYRILLIC, ten, eleven])[ten] == ten[:37] + "..."
    assert _apart([LATIN, CYRILLIC, ten, eleven])[eleven] == "..." + eleven[1:35] + "..."
    bare, marked = "x" * 45, "x" * 45 + "\u200b"
    assert _apart([bare, marked]) == {bare: "..." + "x" * 10, marked: "..." + "x" * 10 + "\u200b"}
