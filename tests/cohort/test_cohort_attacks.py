"""Attacks on `collect` that held without a change (round 78), kept so that they go on
holding: a folder of many files of which one cannot be read, and a folder named as a JSON
Lines file. Each is one located line for the file at fault, exit 1, and every other school
in the cohort file; nothing left in TMPDIR."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import duckdb
import pytest

from program import selfreview

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"
#: Files in the folder (10,000 by hand, round 78: 3 s of processor).
MANY = 1_000


def _schools(folder: Path, count: int) -> list[Path]:
    text = (COHORT / "primary-1-2025.yaml").read_text(encoding="utf-8")
    assert '  id: "900001"\n' in text
    folder.mkdir()
    made = []
    for n in range(count):
        made.append(folder / f"s{n:05}.yaml")
        made[-1].write_text(text.replace('  id: "900001"', f'  id: "{800_000 + n}"'))
    return made


@pytest.mark.parametrize("how", ["no permission", "a broken link"])
def test_one_unreadable_file_among_many_is_located_and_the_rest_kept(
    tmp_path: Path, how: str
) -> None:
    if how == "no permission" and (sys.platform == "win32" or os.geteuid() == 0):
        pytest.skip("the superuser reads a file of mode 000")  # as the tests may run
    files = _schools(tmp_path / "many", MANY)
    bad = files[MANY // 2]
    if how == "no permission":
        bad.chmod(0)
        said = "cannot read: Permission denied"
    else:
        bad.unlink()
        bad.symlink_to("nowhere.yaml")
        said = "is a broken symbolic link (to `nowhere.yaml`, which does not exist)"
    out, work = tmp_path / "out.parquet", tmp_path / "work"
    work.mkdir()
    done = selfreview(
        ["collect", str(tmp_path / "many"), "--jobs", "2", "-o", str(out)],
        env={**os.environ, "TMPDIR": str(work)},
    )
    assert done.stderr.decode().splitlines() == [
        f"{bad}: error: {said}",
        f"Collected {MANY - 1} reviews ({12 * (MANY - 1)} rows) into {out}; 1 of "
        f"{MANY} inputs skipped (errors above).",
    ]
    assert done.returncode == 1
    ids = duckdb.connect().execute(f"SELECT DISTINCT school_id FROM '{out}'").fetchall()
    assert sorted(i for (i,) in ids) == sorted(
        str(800_000 + n) for n in range(MANY) if n != MANY // 2
    )
    assert list(work.iterdir()) == []


def test_a_folder_named_as_json_lines_is_walked_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "x.jsonl"
    folder.mkdir()
    shutil.copy(COHORT / "primary-1-2025.yaml", folder)
    for given in (tmp_path, folder):
        out = tmp_path / f"{given.name}.parquet"
        done = selfreview(["collect", str(given), "-o", str(out)])
        assert done.stderr.decode().splitlines() == [f"Collected 1 review (12 rows) into {out}."], (
            given
        )
        assert done.returncode == 0
