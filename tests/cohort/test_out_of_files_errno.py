"""A JSON Lines file, or a span of one, not opened for want of descriptors stops a cohort
command naming the file (round 78), known by the system's number the skip carries
(`Skipped.errno`, round 79), not by the words `files.source.unreadable` tells it in:
round 78 matched "cannot read: Too many open files", and a reworded message would have
left the file's schools out of the cohort again, one line among the errors. Every test
here rewords that message first, so none depends on it."""

from __future__ import annotations

import errno
import os
import re
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cohort.test_out_of_files_spans import SCHOOLS, _inputs, _line
from program import python
from scaled import scaled
from selfreview_core import Engine
from selfreview_core.cohort import chunks as chunking
from selfreview_core.cohort.staging import Reader, stage
from selfreview_core.files import source

if sys.platform == "win32":
    pytest.skip("POSIX limits of open files", allow_module_level=True)

#: What a file that cannot be read is said to be, reworded: nothing here may rely on it.
REWORDED = "the system would not open it"


def _refuse(victim: str, failing: int, number: int, patch: pytest.MonkeyPatch) -> list[str]:
    """`victim`'s `failing`th open (from 1) refused with `number`; the words said of a file
    that cannot be read changed (`REWORDED`)."""
    opened: list[str] = []
    real = os.open

    def open_file(path: str, flags: int, mode: int = 0o777, **kw: object) -> int:
        if path == victim:
            opened.append(path)
            if len(opened) == failing:
                raise OSError(number, os.strerror(number), path)
        return real(path, flags, mode, **kw)  # type: ignore[arg-type]

    patch.setattr(os, "open", open_file)
    patch.setattr(source, "_reason", lambda error: REWORDED)
    return opened


@pytest.mark.parametrize("number", [errno.EMFILE, errno.ENFILE])
@pytest.mark.parametrize(
    ("victim", "failing", "where"),
    [(3, 1, "counted"), (3, 3, "a later span"), (4, 1, "a whole file after it")],
)
def test_the_file_stops_the_staging_whatever_its_words(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    number: int,
    victim: int,
    failing: int,
    where: str,
) -> None:
    files = _inputs(tmp_path)
    reader = Reader(Engine().framework_names())
    _refuse(files[victim], failing, number, monkeypatch)
    with (
        (tmp_path / "all.jsonl").open("wb") as out,
        pytest.raises(OSError, match=re.escape(os.strerror(number))) as raised,
    ):
        stage(files, reader, out)
    assert (raised.value.errno, raised.value.filename) == (number, files[victim]), where
    assert raised.value.strerror == os.strerror(number), where


@pytest.mark.parametrize(("failing", "where"), [(1, "counted"), (3, "a later span")])
def test_a_file_refused_for_its_own_fault_is_skipped_in_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int, where: str
) -> None:
    """The control: a file the system refuses for want of permission is the file's fault,
    skipped and said at its place, every other school taken (its spans read before the
    refusal too)."""
    files = _inputs(tmp_path)
    reader = Reader(Engine().framework_names())
    _refuse(files[3], failing, errno.EACCES, monkeypatch)
    with (tmp_path / "all.jsonl").open("wb") as out:
        found = stage(files, reader, out)
    assert len(found.skipped) == 1, where
    skipped = found.skipped[0]
    assert skipped.errno == errno.EACCES, where
    said = skipped.diagnostics[0]
    assert (said.message, said.code) == (f"cannot read: {REWORDED}", "unreadable"), where
    assert said.file == files[3], where
    assert skipped.file.partition(":")[0] == files[3], where
    # the six reviews, and the JSON Lines file's schools but for the span not read
    assert 6 <= found.reviews < 6 + SCHOOLS if failing > 1 else found.reviews == 6, where


@settings(max_examples=scaled(2 * len(errno.errorcode)), deadline=None)
@given(number=st.sampled_from(sorted(errno.errorcode)))
def test_only_want_of_descriptors_stops_the_chunks(number: int) -> None:
    """For each number the system may refuse an open with, the chunks of a JSON Lines file
    it refuses stop the command only for EMFILE and ENFILE, whatever the words; any other
    is a chunk of its own carrying the number and the file, for its place among the
    errors."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        file = str(Path(folder) / "refused.jsonl")
        Path(file).write_bytes(_line(1))
        _refuse(file, 1, number, patch)
        made = chunking.chunks([file], 1)
        if number in (errno.EMFILE, errno.ENFILE):
            with pytest.raises(OSError, match=re.escape(os.strerror(number))) as raised:
                next(made)
            assert (raised.value.errno, raised.value.filename) == (number, file)
            return
        chunk = next(made)
        assert next(made, None) is None
    assert chunk.failed is not None
    # a refusal as a folder (`IsADirectoryError`) is told as one, by `source._folder_problem`
    assert chunk.failed.errno == (None if number == errno.EISDIR else number)
    assert (chunk.failed.file, chunk.finishes) == (file, 1)
    said = chunk.failed.diagnostics[0]
    assert (said.file, said.code) == (file, "unreadable")


#: `collect`, the JSON Lines file's `sys.argv[1]`th open refused for want of descriptors,
#: the words said of a file that cannot be read changed.
_COLLECT = (
    "import errno, os, sys\n"
    "victim, failing, real, opened = sys.argv.pop(1), int(sys.argv.pop(1)), os.open, []\n"
    "def open_file(path, flags, mode=0o777, **kw):\n"
    "    if path == victim:\n"
    "        opened.append(path)\n"
    "        if len(opened) == failing:\n"
    "            raise OSError(errno.EMFILE, os.strerror(errno.EMFILE), path)\n"
    "    return real(path, flags, mode, **kw)\n"
    "os.open = open_file\n"
    "from selfreview_core.files import source\n"
    f"source._reason = lambda error: {REWORDED!r}\n"
    "sys.argv[0] = 'selfreview'\n"
    "from selfreview_core._launch import main\n"
    "main()\n"
)


@pytest.mark.parametrize(("failing", "where"), [(1, "counted"), (3, "a later span")])
def test_collect_stops_naming_the_file_whatever_its_words(
    tmp_path: Path, failing: int, where: str
) -> None:
    files = _inputs(tmp_path)
    out = tmp_path / "out.parquet"
    work = tmp_path / "work"
    work.mkdir()
    done = python(
        ["-c", _COLLECT, files[3], str(failing), "collect", *files, "-o", str(out)],
        env={**os.environ, "TMPDIR": str(work)},
    )
    said = done.stderr.decode().splitlines()
    assert len(said) == 1, (where, said)
    assert said[0].startswith(f"Error: {files[3]}: Too many open files: this command may hold "), (
        where,
        said,
    )
    assert said[0].endswith("or give fewer --jobs, and run it again"), (where, said)
    assert done.returncode == 1, (where, said)
    assert not out.exists()  # no cohort with the file's schools missing
    assert list(work.iterdir()) == []  # no work folder left
