"""`selfreview collect`'s memory where reviews are left out: nothing of the duplicates found
is held while the cohort file is written.

Round 65: `collect` of a million schools, a tenth of them reviewed twice on one date, peaked
at 335 MB (SPEC section 8: "well under 400 MB"; 268 MB without the duplicates). The places
left out were a list of the duplicates' own int objects: each one kept its memory pool, and
so most of the 100 MB the duplicates had taken, alive while DuckDB wrote the file. As
machine integers, they hold none of it: 266 MB.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.cohort import look_alike_schools, parquet
from selfreview_core.cohort.staged_lines import place

#: Files of one school each; `AGAIN` of them, from the second, are reviewed again (the same
#: date): the first file's place is 0, an int Python shares.
SCHOOLS = 12
AGAIN = 4


def _review(folder: Path, name: str, school: int, level: int) -> Path:
    path = folder / name
    path.write_text(
        json.dumps(
            {
                "kind": "assessment",
                "framework": "becta-srf",
                "school": {"id": f"S{school:03}", "name": f"School {school}"},
                "assessed_on": "2025-06-01",
                "judgements": {"1a1": {"level": level}},
            }
        ),
        encoding="utf-8",
    )
    return path


def _collect(files: list[Path], out: Path) -> Result:
    return CliRunner().invoke(
        cli, ["collect", *map(str, files), "-o", str(out), "--jobs", "1"], catch_exceptions=False
    )


def test_nothing_of_the_duplicates_is_held_while_the_file_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each school's own file, and four of them again later: the places left out are the
    first reviews of the four, and none of them
    is an object of the duplicates found, which can then go before the file is written.
    Before round 65 each was the duplicates' own int, alive (and its memory pool with it)."""
    files = [_review(tmp_path, f"a{n:02}.json", n, 1) for n in range(SCHOOLS)]
    files += [_review(tmp_path, f"b{n:02}.json", n, 3) for n in range(1, AGAIN + 1)]
    found: list[parquet.StagedDuplicate] = []
    left: list[int] = []
    search, write = parquet.staged_duplicates, parquet.write_parquet

    def searching(*args: Any) -> list[parquet.StagedDuplicate]:
        found.extend(search(*args))  # kept alive here, to tell their objects by identity
        return found

    def writing(*args: Any, **options: Any) -> int:
        left.extend(options["leave_out"])
        return write(*args, **options)

    monkeypatch.setattr(parquet, "staged_duplicates", searching)
    monkeypatch.setattr(parquet, "write_parquet", writing)
    result = _collect(files, tmp_path / "cohort.parquet")
    assert result.exit_code == 1, result.output
    assert result.stderr.count("has 2 reviews dated 2025-06-01") == AGAIN
    assert f"Collected {SCHOOLS} reviews ({SCHOOLS} rows)" in result.stderr
    assert left == [place(n, None) for n in range(1, AGAIN + 1)]
    assert [d.places[0] for d in found] == left
    assert not any(kept is held for kept in left for d in found for held in d.places)


def test_the_duplicates_are_let_go_before_the_look_alike_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The duplicates found (a tenth of a million schools: 100 MB of Python objects) are let
    go once they are warned of and their places kept, before the search for look-alike ids
    and the writing of the file, not after the search: held through it, they were under its
    peak (a million schools, a tenth twice: 268 MB, 210 without them; round 66). The warnings come
    in the same order: each duplicate, then the look-alike ids (`café` and `cafe` with
    U+0301), each named once; the later reviews are kept."""
    files = [_review(tmp_path, f"a{n:02}.json", n, 1) for n in range(SCHOOLS)]
    files += [_review(tmp_path, f"b{n:02}.json", n, 3) for n in range(1, AGAIN + 1)]
    for name, school in (("c1.json", "café"), ("c2.json", "cafe\u0301")):
        text = files[0].read_text(encoding="utf-8").replace("S000", school)
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    let_go: list[str] = []
    alive_at_search: list[bool] = []
    search = parquet.staged_duplicates

    class Found(list[parquet.StagedDuplicate]):
        """The duplicates' list, which says when it is let go."""

        def __del__(self) -> None:
            let_go.append("duplicates")

    def searching(*args: Any) -> list[parquet.StagedDuplicate]:
        return Found(search(*args))

    looking = look_alike_schools.look_alike_staged

    def look_alike(*args: Any) -> list[list[str]]:
        alive_at_search.append(not let_go)
        return looking(*args)

    monkeypatch.setattr(parquet, "staged_duplicates", searching)
    monkeypatch.setattr(look_alike_schools, "look_alike_staged", look_alike)
    result = _collect(files, tmp_path / "cohort.parquet")
    assert result.exit_code == 1, result.output
    assert alive_at_search == [False]
    assert let_go == ["duplicates"]
    said = result.stderr
    assert said.count("has 2 reviews dated 2025-06-01") == AGAIN
    assert said.count("have ids that look alike") == 1
    assert said.rindex("has 2 reviews dated") < said.index("have ids that look alike")
    assert f"Collected {SCHOOLS + 2} reviews ({SCHOOLS + 2} rows)" in said
