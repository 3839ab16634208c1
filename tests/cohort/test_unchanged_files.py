"""An input rewritten in place while a cohort command reads it (round 77) is read as it was,
or not taken, with a located error (`file-changed`): never part of one version of it taken
for a school's whole review.

A YAML review cut at the end of a line is still a review, of fewer strands: read between
a writer's truncation and its last write, it was staged as the school's, with nothing
said. A JSON Lines file rewritten in place at the same size had its later spans read from
the new text at the places counted in the old (round 76 saw only a file replaced, or cut
short)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
import yaml

from program import python
from selfreview_core import Engine
from selfreview_core.cohort import unchanged_files
from selfreview_core.cohort.staging import Reader, Staged, stage
from selfreview_core.files.source import Source, read_source
from selfreview_core.jobs.spool import span_size

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"
#: Schools enough for several spans at the least span's size.
SCHOOLS = 3 * span_size(0, 1) // 400


def _cohort(tmp_path: Path) -> list[str]:
    folder = tmp_path / "cohort"
    shutil.copytree(COHORT, folder)
    return sorted(str(f) for f in folder.glob("*.yaml"))


def _staged(target: Path) -> list[dict[str, object]]:
    return [json.loads(text) for text in target.read_text(encoding="utf-8").splitlines()]


def _half_written(victim: str) -> Callable[[str], Source]:
    """`read_source`, but `victim` is read while a writer saves it in place: truncated,
    its first 18 lines written (a review of six strands, valid as it is), read, then the
    rest written."""
    read = read_source

    def reading(file: str) -> Source:
        if file != victim:
            return read(file)
        whole = Path(file).read_bytes()
        lines = whole.splitlines(keepends=True)
        with open(file, "r+b") as out:
            out.truncate(0)
            out.write(b"".join(lines[:18]))
            out.flush()
            half = read(file)
            out.write(b"".join(lines[18:]))
        return half

    return reading


def test_a_review_read_half_written_is_not_taken_for_the_school_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _cohort(tmp_path)
    victim = next(f for f in files if f.endswith("primary-2-2025.yaml"))
    os.utime(victim, ns=(0, 0))  # written long before: the rewrite is later, by any clock
    monkeypatch.setattr(unchanged_files, "read_source", _half_written(victim))
    target = tmp_path / "staged.jsonl"
    with target.open("wb") as out:
        found = stage(files, Reader(Engine().framework_names()), out)
    schools = [line["i"] for line in _staged(target)]
    assert "900002" not in schools  # not six strands of twelve, as if the school's all
    assert len(schools) == len(files) - 1 == found.reviews
    [skipped] = found.skipped
    [said] = skipped.diagnostics
    assert (skipped.file, said.file, said.line, said.column, said.code) == (
        victim,
        victim,
        1,
        1,
        "file-changed",
    )
    assert said.message == (
        "the file changed while it was read (another program wrote to it): not taken, lest "
        "part of one version of it be taken for the whole"
    )
    assert said.hint == "read it again once it is written"
    assert found.read == len(files)


def test_a_file_left_as_it_is_is_taken(tmp_path: Path) -> None:
    """A control: the same files, none written meanwhile, every one taken."""
    files = _cohort(tmp_path)
    target = tmp_path / "staged.jsonl"
    with target.open("wb") as out:
        found = stage(files, Reader(Engine().framework_names()), out)
    assert (found.reviews, found.skipped) == (len(files), [])


def _line(school: int) -> bytes:
    review = yaml.safe_load((COHORT / "primary-1-2025.yaml").read_text(encoding="utf-8"))
    review["assessed_on"] = dt.date.isoformat(review["assessed_on"])
    review["school"] = {**review["school"], "id": str(school)}
    return json.dumps(review).encode() + b"\n"


def _lines_rewritten_in_place(tmp_path: Path) -> tuple[list[str], Staged, Path]:
    """A JSON Lines file of `SCHOOLS` schools (ids from 1,000,000) rewritten in place after
    its first span, at the same size, with other schools (ids from 2,000,000)."""
    file = tmp_path / "cohort.jsonl"
    file.write_bytes(b"".join(_line(1_000_000 + n) for n in range(SCHOOLS)))
    os.utime(file, ns=(0, 0))  # written long before: the rewrite is later, by any clock
    size = file.stat().st_size

    def started() -> None:
        with open(file, "r+b") as out:
            out.write(b"".join(_line(2_000_000 + n) for n in range(SCHOOLS)))
        assert file.stat().st_size == size

    target = tmp_path / "staged.jsonl"
    with target.open("wb") as out:
        found = stage([str(file)], Reader(Engine().framework_names()), out, started=started)
    return [str(line["i"]) for line in _staged(target)], found, file


def test_a_json_lines_file_rewritten_in_place_at_its_size_is_not_read_as_counted(
    tmp_path: Path,
) -> None:
    ids, found, file = _lines_rewritten_in_place(tmp_path)
    assert ids, "the first span, read before the file was rewritten"
    assert ids == [str(1_000_000 + n) for n in range(len(ids))]  # the old file's, in order
    assert found.skipped
    for skipped in found.skipped:
        [said] = skipped.diagnostics
        assert (said.file, said.column, said.code) == (str(file), 1, "file-changed")
        assert said.message.startswith("the file was rewritten while it was read: its next ")
        assert skipped.file == f"{file}:{said.line}"
    first = [s.diagnostics[0].line for s in found.skipped]
    assert first[0] == len(ids) + 1  # the first line not read is the first of a span reported


#: `collect` with one review read while it is written, as `_half_written` does.
_COLLECT = (
    "import sys\n"
    "from pathlib import Path\n"
    "from selfreview_core.cohort import unchanged_files\n"
    "victim, read = sys.argv.pop(1), unchanged_files.read_source\n"
    "def reading(file):\n"
    "    if file != victim:\n"
    "        return read(file)\n"
    "    lines = Path(file).read_bytes().splitlines(keepends=True)\n"
    "    with open(file, 'r+b') as out:\n"
    "        out.truncate(0)\n"
    "        out.write(b''.join(lines[:18]))\n"
    "        out.flush()\n"
    "        half = read(file)\n"
    "        out.write(b''.join(lines[18:]))\n"
    "    return half\n"
    "unchanged_files.read_source = reading\n"
    "sys.argv[0] = 'selfreview'\n"
    "from selfreview_core._launch import main\n"
    "main()\n"
)


def test_collect_says_where_and_keeps_the_others(tmp_path: Path) -> None:
    files = _cohort(tmp_path)
    victim = next(f for f in files if f.endswith("primary-2-2025.yaml"))
    os.utime(victim, ns=(0, 0))  # written long before: the rewrite is later, by any clock
    out = tmp_path / "out.parquet"
    done = python(
        ["-c", _COLLECT, victim, "collect", *files, "-o", str(out)],
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert done.stderr.decode().splitlines() == [
        f"{victim}:1:1: error: the file changed while it was read (another program wrote "
        "to it): not taken, lest part of one version of it be taken for the whole (read it "
        "again once it is written)",
        f"Collected {len(files) - 1} reviews (96 rows) into {out}; 1 of {len(files)} inputs "
        "skipped (errors above).",
    ], done.stderr
    assert done.returncode == 1
    ids = duckdb.connect().execute(f"SELECT DISTINCT school_id FROM '{out}'").fetchall()
    assert "900002" not in {i for (i,) in ids}
    assert len(ids) == 9  # ten reviews, of nine schools
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort", "out.parquet"]
