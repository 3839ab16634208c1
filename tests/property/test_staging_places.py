"""`cohort.staging`: however the inputs are cut into chunks, what is staged is the same.

`--jobs` decides how a cohort's inputs are cut (files in groups, JSON Lines files in spans
of bytes, sized for the number of workers), and each chunk is staged on its own, by
whichever worker takes it. Each review's place (`q`) is its input's place and its line
(`staged_lines.place`), not its place in a chunk, so the staging file is the same whatever
the cut: here, every cut of files and spans hypothesis finds, with blank, bad and good
lines among them, staged in this process chunk by chunk.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Engine
from selfreview_core.cohort import chunks, staged_lines
from selfreview_core.cohort.staging import Reader, stage

COHORT = Path("examples/cohort")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Three example reviews as files, then a JSON Lines file of the others with blank and
    bad lines among them, then the last example again as a file."""
    root = Path(__file__).resolve().parents[2]
    files = sorted(str(file) for file in (root / COHORT).glob("*.yaml"))
    lines = []
    for number, file in enumerate(files[3:]):
        data = yaml.safe_load(Path(file).read_text(encoding="utf-8"))
        data["assessed_on"] = data["assessed_on"].isoformat()
        lines += [json.dumps(data), "", "not json"] if number % 3 == 0 else [json.dumps(data)]
    folder = tmp_path_factory.mktemp("staging")
    cohort = folder / "cohort.jsonl"
    cohort.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [*files[:3], str(cohort), files[-1]]


def staged(files: list[str]) -> tuple[bytes, list[tuple[str, int | None]], int]:
    """The staging file's bytes, the inputs skipped (with their first problem's line)
    and the inputs read, staging in this process."""
    target = io.BytesIO()
    found = stage(files, Reader(Engine(entry_points=False).framework_names()), target)
    skipped = [(item.file, item.diagnostics[0].line) for item in found.skipped]
    return target.getvalue(), skipped, found.read


@pytest.fixture(scope="module")
def whole(inputs: list[str]) -> tuple[bytes, list[tuple[str, int | None]], int]:
    """What staging gives with the usual cut."""
    return staged(inputs)


@settings(max_examples=scaled(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(per_chunk=st.integers(1, 4), span=st.integers(1, 4096), shrinking=st.booleans())
def test_the_staging_file_is_the_same_however_the_inputs_are_cut(
    inputs: list[str],
    whole: tuple[bytes, list[tuple[str, int | None]], int],
    per_chunk: int,
    span: int,
    shrinking: bool,
) -> None:
    def size(left: int, workers: int) -> int:
        return max(1, min(span, left // 2)) if shrinking else span

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chunks, "FILES_PER_CHUNK", per_chunk)
        patch.setattr(chunks, "span_size", size)
        cut = list(chunks.chunks(inputs, 1))
        assert staged(inputs) == whole
    assert len(cut) >= 3  # files, spans of the JSON Lines file, the last file


def test_places_follow_the_inputs_and_their_lines(
    inputs: list[str], whole: tuple[bytes, list[tuple[str, int | None]], int]
) -> None:
    text, skipped, read = whole
    reviews = [json.loads(line) for line in text.decode("utf-8").splitlines()]
    lines = Path(inputs[3]).read_text(encoding="utf-8").split("\n")
    good = [n for n, line in enumerate(lines, 1) if line.startswith("{")]
    assert [review["q"] for review in reviews] == [
        *(staged_lines.place(index, None) for index in (0, 1, 2)),
        *(staged_lines.place(3, n) for n in good),
        staged_lines.place(4, None),
    ]
    bad = [n for n, line in enumerate(lines, 1) if line == "not json"]
    assert skipped == [(f"{inputs[3]}:{n}", n) for n in bad]
    assert read == len(reviews) + len(bad)
