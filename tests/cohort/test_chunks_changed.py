"""A JSON Lines file replaced, or cut short, while a cohort command reads it (round 76).

A JSON Lines file is read in spans of bytes (`chunks`): its lines are counted once, and each
span read later, by a worker or by the command itself, opening the file again by its name.
A file replaced meanwhile (`mv new.jsonl cohort.jsonl`, an export's atomic write) had its
bytes read at the places counted in the first: whole lines of the new file taken as schools,
some twice and some never, in silence. Each span now reads only the file whose lines were
counted, or is a located error: the file's lines before are kept, nothing is mixed.

`started` is called once the first span is staged, with one job: the rest of the file's
lines are still to be read then, its count of them (`line_spans`) at the first span's end.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
import yaml

from selfreview_core import Engine
from selfreview_core.cohort.chunks import chunks, lines_of
from selfreview_core.cohort.staging import Reader, Staged, stage
from selfreview_core.errors import Skipped
from selfreview_core.jobs.spool import Span, span_size
from selfreview_core.loader import FrameworkLookup

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"
#: Schools enough for several spans at the least span's size.
SCHOOLS = 3 * span_size(0, 1) // 400


@pytest.fixture(scope="module")
def names() -> FrameworkLookup:
    return Engine().framework_names()


def line(school: int) -> bytes:
    """One school's review, as a JSON Lines line of some 600 bytes."""
    review = yaml.safe_load((COHORT / "primary-1-2025.yaml").read_text(encoding="utf-8"))
    review["assessed_on"] = dt.date.isoformat(review["assessed_on"])
    review["school"] = {**review["school"], "id": str(1_000_000 + school)}
    return json.dumps(review).encode() + b"\n"


def staged_while(
    tmp_path: Path, names: FrameworkLookup, change: str
) -> tuple[list[str], Staged, Path]:
    """The school ids staged from a file of `SCHOOLS` lines `change`d after its first span."""
    file = tmp_path / "cohort.jsonl"
    file.write_bytes(b"".join(line(n) for n in range(SCHOOLS)))

    def started() -> None:
        if change == "replaced":  # another file, one school more at its top
            other = tmp_path / "new.jsonl"
            other.write_bytes(line(9999) + b"".join(line(n) for n in range(SCHOOLS)))
            os.replace(other, file)
        else:  # the same file, cut short
            os.truncate(file, file.stat().st_size // 2)

    target = tmp_path / "staged.jsonl"
    with target.open("wb") as out:
        found = stage([str(file)], Reader(names), out, jobs=1, started=started)
    ids = [json.loads(text)["i"] for text in target.read_text(encoding="utf-8").splitlines()]
    return ids, found, file


@pytest.mark.parametrize("change", ["replaced", "cut short"])
def test_a_file_changed_while_its_spans_are_read_is_a_located_error_never_mixed(
    tmp_path: Path, names: FrameworkLookup, change: str
) -> None:
    ids, found, file = staged_while(tmp_path, names, change)
    kept = len(ids)
    assert 0 < kept < SCHOOLS  # the first span's schools, read before the change
    assert ids == [str(1_000_000 + n) for n in range(kept)]  # of the file counted, in order
    assert found.reviews == kept
    assert found.skipped, "the rest of the file was taken as it is now"
    lines: list[int] = []
    for skipped in found.skipped:
        [said] = skipped.diagnostics
        assert skipped.file == f"{file}:{said.line}"
        assert (said.file, said.column, said.code) == (str(file), 1, "file-changed")
        how = "replaced by another file" if change == "replaced" else "cut short"
        assert re.fullmatch(
            f"the file was {how} while it was read: its next [0-9,]+ bytes, from here, "
            "were not read",
            said.message,
        ), said.message
        assert said.hint == "read it again once it is written"
        assert said.line is not None
        lines.append(said.line)
    assert lines[0] == kept + 1  # from the first line not staged
    assert lines == sorted(set(lines))  # each span once, in order


def test_a_file_left_as_it_is_is_read_whole(tmp_path: Path, names: FrameworkLookup) -> None:
    file = tmp_path / "cohort.jsonl"
    file.write_bytes(b"".join(line(n) for n in range(SCHOOLS)))
    target = tmp_path / "staged.jsonl"
    with target.open("wb") as out:
        found = stage([str(file)], Reader(names), out, jobs=1)
    assert found.reviews == SCHOOLS
    assert found.skipped == []


def test_a_file_gone_since_its_lines_were_counted_is_said_by_its_reader(tmp_path: Path) -> None:
    """Not there to be looked at, the file is left to its reader, which names it gone."""
    file = tmp_path / "cohort.jsonl"
    file.write_bytes(b"".join(line(n) for n in range(SCHOOLS)))
    [first, *_] = chunks([str(file)], 1)
    assert first.span is not None
    assert first.identity is not None
    file.unlink()
    failed: list[Skipped] = []
    assert list(lines_of(first.span, failed, first.identity)) == []
    [skipped] = failed
    [said] = skipped.diagnostics
    assert (skipped.file, said.file, said.code) == (str(file), str(file), "unreadable")
    assert "No such file or directory" in said.message


def test_a_span_without_the_file_s_identity_is_read_as_it_is_now(tmp_path: Path) -> None:
    """A caller's span with no identity to check against (`lines_of`'s before round 76)."""
    file = tmp_path / "cohort.jsonl"
    file.write_bytes(line(0) + line(1))
    span = Span(str(file), 0, file.stat().st_size, 1)
    failed: list[Skipped] = []
    assert [number for number, _ in lines_of(span, failed)] == [1, 2]
    assert failed == []
