"""A JSON Lines file, or a span of one, that cannot be opened because the command holds as
many open files as it may (`ulimit -n`) stops the command, as a whole file does (round
77), naming the file and what ran out (round 78). It was skipped as "cannot read: Too many
open files", one located line among the errors, and its schools were left out of the
authority's view while every other input was taken: a school silently missing from the
cohort is the worst outcome a cohort command can have. `collect`'s own end, one line,
exit 1, nothing written, is tested whatever the words in test_out_of_files_errno.py."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from selfreview_core import Engine
from selfreview_core.cohort.staging import Reader, stage
from selfreview_core.jobs.spool import span_size

if sys.platform == "win32":
    pytest.skip("POSIX limits of open files", allow_module_level=True)

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"
#: Schools enough for several spans at the least span's size.
SCHOOLS = 3 * span_size(0, 1) // 400


def _line(school: int) -> bytes:
    review = yaml.safe_load((COHORT / "primary-1-2025.yaml").read_text(encoding="utf-8"))
    review["assessed_on"] = dt.date.isoformat(review["assessed_on"])
    review["school"] = {**review["school"], "id": str(school)}
    return json.dumps(review).encode() + b"\n"


def _inputs(tmp_path: Path) -> list[str]:
    """Three reviews, a JSON Lines file of `SCHOOLS` schools (several spans), three more."""
    folder = tmp_path / "cohort"
    shutil.copytree(COHORT, folder)
    reviews = sorted(str(f) for f in folder.glob("*.yaml"))[:6]
    lines = folder / "more.jsonl"
    lines.write_bytes(b"".join(_line(1_000_000 + n) for n in range(SCHOOLS)))
    return [*reviews[:3], str(lines), *reviews[3:]]


def _opens(files: list[str], monkeypatch: pytest.MonkeyPatch, failing: int | None) -> list[str]:
    """The inputs opened, in order, as `os.open` is asked; the `failing`th (from 0) refused
    for want of descriptors."""
    opened, real = [], os.open

    def open_file(path: str, flags: int, mode: int = 0o777, **kw: object) -> int:
        if path in files:
            opened.append(path)
            if len(opened) - 1 == failing:
                raise OSError(errno.EMFILE, os.strerror(errno.EMFILE), path)
        return real(path, flags, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_file)
    return opened


def test_no_school_is_left_out_whichever_input_runs_out_of_descriptors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every open of an input in turn refused: the staging stops there, naming that input,
    or (the control, none refused) takes every school; never fewer schools, said or not."""
    files = _inputs(tmp_path)
    everyone = 6 + SCHOOLS
    reader = Reader(Engine().framework_names())
    with monkeypatch.context() as patch:
        opened = _opens(files, patch, None)
        with (tmp_path / "all.jsonl").open("wb") as out:
            found = stage(files, reader, out)
    assert (found.reviews, found.skipped) == (everyone, [])
    assert opened.count(files[3]) > 2  # counted, then read in spans, each opened
    for failing, path in enumerate(opened):
        with monkeypatch.context() as patch:
            _opens(files, patch, failing)
            with (
                (tmp_path / f"{failing}.jsonl").open("wb") as out,
                pytest.raises(OSError, match="Too many open files") as raised,
            ):
                stage(files, reader, out)
        assert (raised.value.errno, raised.value.filename) == (errno.EMFILE, path), failing
        assert "ulimit -n" not in str(raised.value)  # said once, by the command
