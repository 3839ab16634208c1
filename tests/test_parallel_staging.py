"""`cohort.staging` under `--jobs`: workers given spans of a JSON Lines file read its lines
themselves, and what is staged (each review's line, in order), what is skipped (with its
file and line), what is counted as read and the progress made are what one process finds,
whatever the lines hold: blank ones, bad ones, ones over the size limit, a last line
without its newline."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from selfreview_core import Engine
from selfreview_core.cohort import staged_lines, staging
from selfreview_core.cohort.chunks import Chunk
from selfreview_core.cohort.staging import Reader, Staged, stage
from selfreview_core.files.limits import DEFAULT_LIMITS
from selfreview_core.files.stdin import claim_stdin, release_stdin
from selfreview_core.jobs.spool import Span

pytestmark = pytest.mark.slow  # workers are started

COHORT = Path("examples/cohort")


@pytest.fixture
def lines(root: Path, tmp_path: Path) -> Path:
    """Several hundred reviews as JSON Lines with every kind of line among them. The lines
    over the size limit are real (workers started afresh, as they are in a process that
    runs DuckDB's threads, would not inherit a smaller limit set here)."""
    good = []
    for file in sorted((root / COHORT).glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        data["assessed_on"] = data["assessed_on"].isoformat()
        good.append(json.dumps(data))
    huge = '{"kind": "assessment", "notes": "' + "x" * DEFAULT_LIMITS.max_bytes + '"}'
    body = (good * 40)[:400]
    mixed = ["", *body[:150], "not json", huge, "   ", *body[150:], "{}", huge]
    target = tmp_path / "reviews.jsonl"
    target.write_text("\n".join(mixed), encoding="utf-8")  # no newline at the end
    return target


#: Today, for the reviews staged (none here is after it).
TODAY = dt.date(2026, 10, 1)


def staged(files: list[str], jobs: int) -> tuple[list[str], Staged, list[int]]:
    """The staged lines, what staging found and the progress reported; the workers' spool
    folder, beside the staging file, is gone once staging ends."""
    progress: list[int] = []
    started: list[None] = []
    reader = Reader(Engine(entry_points=False).framework_names())
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "staged.jsonl"
        with target.open("wb") as out:
            found = stage(
                files,
                reader,
                out,
                jobs=jobs,
                progress=progress.append,
                started=lambda: started.append(None),
            )
        assert os.listdir(folder) == ["staged.jsonl"]
        text = target.read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n")
    assert started == ([None] if files else [])  # once, after the first chunk
    return text.split("\n")[:-1], found, progress


def places(written: list[str], files: list[str]) -> list[int]:
    """Each staged review's place as its origin says it should be (`staged_lines.place`),
    checked against the place it was staged with."""
    found = []
    for line in written:
        review = json.loads(line)
        file, _, number = review["o"].rpartition(":")
        index, line_number = (
            (files.index(file), int(number)) if file else (files.index(number), None)
        )
        assert review["q"] == staged_lines.place(index, line_number)
        found.append(review["q"])
    return found


def test_spans_read_by_workers_stage_what_one_process_stages(lines: Path, root: Path) -> None:
    files = [str(lines), str(root / COHORT / "primary-2-2025.yaml"), str(lines.parent / "no.jsonl")]
    one = staged(files, 1)
    two = staged(files, 2)
    assert two == one
    written, found, progress = one
    assert len(written) == found.reviews == 400 + 1
    assert places(written, files) == sorted(set(places(written, files)))  # in input order
    origins = [json.loads(line)["o"] for line in written]
    assert origins[:2] == [f"{lines}:2", f"{lines}:3"]  # after the blank first line
    assert origins[149:152] == [f"{lines}:151", f"{lines}:155", f"{lines}:156"]
    skipped = [(item.file, item.diagnostics[0].line) for item in found.skipped]
    assert skipped == [
        (f"{lines}:152", 152),
        (f"{lines}:153", 153),  # over the limit
        (f"{lines}:405", 405),
        (f"{lines}:406", 406),  # over the limit, and the last line
        (str(lines.parent / "no.jsonl"), None),
    ]
    assert found.read == 400 + 4 + 1 + 1  # blank lines are not read as documents
    assert sum(progress) == 3  # each file finished once


def test_an_empty_json_lines_file_is_read_and_finished(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    for jobs in (1, 2):
        written, found, progress = staged([str(empty)], jobs)
        assert (written, found.read, found.skipped, progress) == ([], 0, [], [1])


def test_a_span_whose_file_is_gone_when_a_worker_reads_it_is_skipped_in_its_place(
    tmp_path: Path,
) -> None:
    """Between the spans being found and a worker reading one, the file went: the worker
    says so, as one input read and skipped, with the file's name."""
    gone = str(tmp_path / "gone.jsonl")
    run = staging._work(Reader(Engine(entry_points=False).framework_names()), None, TODAY)
    done = run(Chunk(span=Span(gone, 0, 100, 1), finishes=1))
    assert done.read == 1
    assert [item.file for item in done.skipped] == [gone]
    assert done.skipped[0].diagnostics[0].message == "cannot read: No such file or directory"


def test_a_percent_sign_in_a_review_stays_as_it_was(root: Path, tmp_path: Path) -> None:
    """Lines were once numbered with `%` formatting: a name or evidence with `%` in it
    (`100%`, `%d`, `%%`) is staged as written."""
    data = yaml.safe_load((root / COHORT / "primary-2-2025.yaml").read_text(encoding="utf-8"))
    data["assessed_on"] = data["assessed_on"].isoformat()
    data["school"]["name"] = "100% %d %s %% School"
    target = tmp_path / "percent.jsonl"
    target.write_text(json.dumps(data) + "\n" + json.dumps(data) + "\n", encoding="utf-8")
    for jobs in (1, 2):
        written, found, _ = staged([str(target)], jobs)
        assert [json.loads(line)["n"] for line in written] == ["100% %d %s %% School"] * 2
        assert places(written, [str(target)]) == [1, 2]  # the first input's lines 1 and 2
        assert found.frameworks == ["becta-srf@2010"]


def _jsonl(tmp_path: Path, root: Path, rows: list[int], name: str = "few.jsonl") -> Path:
    """The example cohort's reviews as JSON Lines, the `rows`-th of them in that order."""
    good = []
    for file in sorted((root / COHORT).glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        data["assessed_on"] = data["assessed_on"].isoformat()
        good.append(json.dumps(data))
    target = tmp_path / name
    target.write_text("".join(good[i] + "\n" for i in rows), encoding="utf-8")
    return target


def _schools(tmp_path: Path, root: Path, count: int, repeat: int | None = None) -> Path:
    """`count` reviews of as many schools (the first example's, renamed), and the
    `repeat`-th of them once more at the end."""
    [first, *_] = sorted((root / COHORT).glob("*.yaml"))
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    data["assessed_on"] = data["assessed_on"].isoformat()
    lines = []
    for n in [*range(count), *([] if repeat is None else [repeat])]:
        data["school"]["id"] = f"S{n}"
        lines.append(json.dumps(data) + "\n")
    target = tmp_path / f"schools-{count}-{repeat}.jsonl"
    target.write_text("".join(lines), encoding="utf-8")
    return target


@pytest.mark.parametrize("jobs", [1, 2])
def test_staging_tells_whether_two_reviews_may_be_duplicates(
    tmp_path: Path, root: Path, jobs: int
) -> None:
    """`collect` reads the staged file again for duplicates only when staging saw a key
    repeat: never when none does, always when one does, in the same chunk or another."""
    count = len(list((root / COHORT).glob("*.yaml")))
    distinct = _jsonl(tmp_path, root, list(range(count)))
    assert staged([str(distinct)], jobs)[1].duplicates_possible is False
    again = _jsonl(tmp_path, root, [*range(count), count - 1], "again.jsonl")
    assert staged([str(again)], jobs)[1].duplicates_possible is True
    assert staged([str(_schools(tmp_path, root, 300))], jobs)[1].duplicates_possible is False
    far = _schools(tmp_path, root, 300, repeat=0)  # the first school again, chunks later
    assert staged([str(far)], jobs)[1].duplicates_possible is True
    two_files = staged([str(distinct), str(distinct)], jobs)[1]
    assert two_files.duplicates_possible is True


def test_a_review_key_is_what_duplicates_are_grouped_by(root: Path) -> None:
    from selfreview_core import load_assessment

    engine = Engine(entry_points=False)
    [first, *_] = sorted((root / COHORT).glob("*.yaml"))
    review = load_assessment(first, engine.framework_names())
    framework = engine.framework(review.framework)
    key = staged_lines.review_key(framework, review)
    assert key == staged_lines.review_key(framework, review.model_copy())
    assert 0 <= key < 2**64
    for changed in (
        {"assessed_on": review.assessed_on.replace(year=review.assessed_on.year - 1)},
        {"school": review.school.model_copy(update={"id": review.school.id + "x"})},
    ):
        assert staged_lines.review_key(framework, review.model_copy(update=changed)) != key
    other = framework.model_copy(update={"version": framework.version + "b"})
    assert staged_lines.review_key(other, review) != key


def test_past_the_keys_kept_duplicates_are_taken_as_possible(
    tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = len(list((root / COHORT).glob("*.yaml")))
    distinct = _jsonl(tmp_path, root, list(range(count)))
    monkeypatch.setattr(staging, "MAX_KEYS", count - 1)
    assert staged([str(distinct)], 1)[1].duplicates_possible is True


def test_as_many_distinct_reviews_as_the_keys_kept_are_told_apart(
    tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`MAX_KEYS` reviews are kept and told apart: only past it are duplicates taken as
    possible, so `collect` does not read the staging file again for a cohort of exactly
    that many distinct reviews."""
    count = len(list((root / COHORT).glob("*.yaml")))
    distinct = _jsonl(tmp_path, root, list(range(count)))
    monkeypatch.setattr(staging, "MAX_KEYS", count)
    assert staged([str(distinct)], 1)[1].duplicates_possible is False


@pytest.mark.parametrize("lines_on_stdin", [False, True])
def test_each_review_is_staged_with_its_inputs_place_and_line(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines_on_stdin: bool
) -> None:
    """A review's place (`q`) is its input's place among the inputs and its line there,
    whatever comes before it (files, JSON Lines, standard input) and however the inputs
    are cut into chunks: the same staging for one job and two."""
    yamls = sorted(str(file) for file in (root / COHORT).glob("*.yaml"))
    few = _jsonl(tmp_path, root, [0, 1, 2])
    one_document = (root / COHORT / "primary-2-2025.yaml").read_bytes()
    piped = few.read_bytes() if lines_on_stdin else one_document
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(piped)))
    files = [yamls[0], str(few), claim_stdin(), *yamls[1:4]]
    try:
        one = staged(files, 1)
        two = staged(files, 2)
    finally:
        release_stdin()
    assert two == one
    found = places(one[0], files)
    stdin_lines = [1, 2, 3] if lines_on_stdin else [None]
    assert found == [
        staged_lines.place(0, None),
        *(staged_lines.place(1, n) for n in (1, 2, 3)),
        *(staged_lines.place(2, n) for n in stdin_lines),
        *(staged_lines.place(index, None) for index in (3, 4, 5)),  # the last chunk of files
    ]


def test_every_worker_is_started_before_staging_says_it_has_started(lines: Path) -> None:
    """`collect` opens DuckDB (and its threads) when `stage` calls `started`: no worker
    may be forked after that, since a forked process must not inherit threads. So every
    worker is running by then, and staging goes on to the same end as in one process."""
    import multiprocessing

    running: list[int] = []
    reader = Reader(Engine(entry_points=False).framework_names())
    with (
        tempfile.TemporaryDirectory() as folder,
        (Path(folder) / "staged.jsonl").open("wb") as out,
    ):
        found = stage(
            [str(lines)],
            reader,
            out,
            jobs=2,
            started=lambda: running.append(len(multiprocessing.active_children())),
        )
    assert running == [2]
    assert found.reviews == 400
