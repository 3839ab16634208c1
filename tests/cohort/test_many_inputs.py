"""Many small assessment files, in one folder and in nested ones, under a low limit of open
files (round 76): every one is read, each once, a bad one is located and the rest kept, and
no descriptor is held per file or per folder, with one job or two.

The same at 100,000 files, measured (`/usr/bin/time -v`, round 76's report): in one folder
or in 1,000 nested ones, 31 to 34 s of processor time, about 0.3 ms a file past start-up,
and 270 to 290 MB at the peak, most of it DuckDB's writing of the file; `ulimit -n 64`
changed nothing. Here, a scaled-down copy, not timed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

from program import selfreview

if sys.platform == "win32":
    pytest.skip("POSIX limits of open files", allow_module_level=True)

import resource

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"
FILES = 300
#: Folders within folders, more than the open files allowed: a walk that held one open a
#: level would run out.
DEPTH = 50
#: Open files the command may hold: its standard three, Python's and DuckDB's own, a pool's
#: pipes; far fewer than the files and folders it reads.
OPEN_FILES = 40


def few_open_files() -> None:
    """In the child: at most `OPEN_FILES` descriptors."""
    resource.setrlimit(resource.RLIMIT_NOFILE, (OPEN_FILES, OPEN_FILES))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`FILES` reviews of as many schools, half in one folder and half nested `DEPTH` deep,
    with one file that is no review, in the nested half."""
    root = tmp_path_factory.mktemp("many")
    review = (COHORT / "primary-1-2025.yaml").read_text(encoding="utf-8")
    for n in range(FILES):
        folder = root / "flat" if n % 2 else root.joinpath("nested", *(f"d{n % 10}",) * DEPTH)
        folder.mkdir(parents=True, exist_ok=True)
        text = review.replace('"900001"', f'"{1_000_000 + n}"')
        (folder / f"s{n:04d}.yaml").write_text(text, encoding="utf-8")
    bad = root.joinpath("nested", *("d4",) * DEPTH, "bad.yaml")
    bad.write_text("kind: assessment\nframework: [\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_file_is_read_once_under_a_low_limit_of_open_files(
    inputs: Path, tmp_path: Path, jobs: str
) -> None:
    out = tmp_path / "out.parquet"
    done = selfreview(
        ["collect", str(inputs), "--jobs", jobs, "-o", str(out)],
        env={"PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path)},
        preexec_fn=few_open_files,
    )
    errors = done.stderr.decode().splitlines()
    bad = inputs.joinpath("nested", *("d4",) * DEPTH, "bad.yaml")
    assert len(errors) == 2, errors
    assert errors[0].startswith(f"{bad}:2:13: error: invalid YAML: "), errors
    assert errors[-1] == (
        f"Collected {FILES} reviews ({FILES * 12} rows) into {out}; 1 of {FILES + 1} inputs "
        "skipped (errors above)."
    ), errors
    assert done.returncode == 1
    ids = duckdb.connect().execute(f"SELECT DISTINCT school_id FROM '{out}' ORDER BY 1").fetchall()
    assert [i for (i,) in ids] == [str(1_000_000 + n) for n in range(FILES)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.parquet"]  # no work left
