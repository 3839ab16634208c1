"""`outputs`: the one path every written file goes through. It knows the inputs, refuses to
replace them, creates nothing half-written, names the real target in errors, and makes file
names safe (SPEC section 7: "No output ever overwrites an input")."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from selfreview_core.errors import OutputRefused
from selfreview_core.file_names import NAME_MAX, WINDOWS_RESERVED
from selfreview_core.outputs import atomic
from selfreview_core.outputs.atomic import can_sync_filesystem
from selfreview_core.outputs.writing import (
    BatchWriter,
    Inputs,
    check_folder,
    check_target,
    open_atomic,
    safe_stem,
    write_atomic,
    write_new,
)

# -- helpers other test modules use -----------------------------------------------------------


def snapshot(*roots: Path) -> dict[str, str]:
    """Every file under `roots` with the SHA-256 of its bytes: equal snapshots before and
    after a command mean every file is byte-identical and nothing was added."""
    found: dict[str, str] = {}
    for root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def temporary_files(*roots: Path) -> list[str]:
    """Left-over temporary files (ours are hidden, `.NAME.RANDOM.tmp`)."""
    return [
        str(p)
        for root in roots
        for p in root.rglob("*")
        if p.name.endswith(".tmp") or ".tmp" in p.suffixes
    ]


@pytest.fixture
def no_space(monkeypatch: pytest.MonkeyPatch) -> Callable[[bytes], None]:
    """`no_space(marker)`: from now on, writing data that holds `marker` fails with ENOSPC,
    as a full disk does, at the system call our writes go through."""
    real_write = os.write

    def arm(marker: bytes) -> None:
        def write(handle: int, data: bytes | memoryview) -> int:
            if marker in bytes(data):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real_write(handle, data)

        monkeypatch.setattr("selfreview_core.outputs.writing.os.write", write)

    return arm


# -- knowing the inputs ------------------------------------------------------------------------


def test_an_input_is_known_by_any_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    review = tmp_path / "review.yaml"
    review.write_text("kind: assessment\n")
    (tmp_path / "link.yaml").symlink_to(review)
    os.link(review, tmp_path / "hard.yaml")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    inputs = Inputs().add("ASSESSMENT", "review.yaml")
    for name in ("review.yaml", "./review.yaml", "sub/../review.yaml", str(review)):
        assert inputs.named_by(name) == ("ASSESSMENT", "review.yaml"), name
    assert inputs.named_by("link.yaml") == ("ASSESSMENT", "review.yaml")
    assert inputs.named_by("hard.yaml") == ("ASSESSMENT", "review.yaml")
    assert inputs.named_by("other.yaml") is None
    assert inputs.inside(".") == ("ASSESSMENT", "review.yaml")
    assert inputs.inside("sub") is None


def test_missing_files_stdin_and_directories_are_not_inputs(tmp_path: Path) -> None:
    inputs = Inputs().add("X", None, "-", tmp_path / "missing.yaml", tmp_path)
    assert len(inputs) == 0
    assert inputs.inside(tmp_path) is None


def test_standard_input_read_from_a_file_is_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`- < review.yaml`: the command reads review.yaml, by whatever name the output gives
    it (round 46: `selfreview migrate - -o review.yaml < review.yaml` replaced it)."""
    review = tmp_path / "review.yaml"
    review.write_text("kind: assessment\n")
    os.link(review, tmp_path / "hard.yaml")
    with review.open("rb") as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        inputs = Inputs().add("--rules", tmp_path / "missing.yaml").add("PATHS", "<stdin>")
    assert len(inputs) == 1
    for name in (review, tmp_path / "hard.yaml"):
        assert inputs.named_by(name) == ("PATHS", "<stdin>")
    assert inputs.named_by(tmp_path / "missing.yaml") is None
    assert inputs.inside(tmp_path) is None  # its folder is not known, only the file


def test_standard_input_from_a_pipe_is_that_pipe_and_one_of_no_descriptor_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pipe is the input too: named as the output (`-o /dev/stdin`), the report went into
    the pipe being read (round 63). A stream without a descriptor (a test's, a closed
    one, none) names nothing: nothing is counted, nothing fails."""
    read, write = os.pipe()
    with os.fdopen(read, "rb") as pipe:
        os.close(write)
        monkeypatch.setattr(sys, "stdin", pipe)
        inputs = Inputs().add("PATHS", "<stdin>")
        assert len(inputs) == 1
        assert inputs.named_by(f"/dev/fd/{read}") == ("PATHS", "<stdin>")
    for stream in (io.BytesIO(b"x"), pipe, None):  # no descriptor, closed, none at all
        monkeypatch.setattr(sys, "stdin", stream)
        assert len(Inputs().add("PATHS", "<stdin>")) == 0


def test_the_first_option_to_name_a_file_is_the_one_reported(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("x")
    inputs = Inputs().add("--rules", rules).add("--framework", rules)
    assert inputs.named_by(rules) == ("--rules", str(rules))


# -- checking a target before any work -----------------------------------------------------


def refused(target: Path | str, inputs: Inputs | None = None, **options: bool) -> OutputRefused:
    with pytest.raises(OutputRefused) as caught:
        check_target(target, inputs, **options)
    return caught.value


def test_a_target_that_is_an_input_is_refused_naming_both(tmp_path: Path) -> None:
    review = tmp_path / "review.json"
    review.write_text("{}")
    (tmp_path / "link.json").symlink_to(review)
    inputs = Inputs().add("--previous", review)
    error = refused(review, inputs)
    assert error.first.code == "output-is-input"
    assert error.file == str(review)
    assert f"`{review}` is --previous, which this command reads" in error.first.message
    error = refused(tmp_path / "link.json", inputs)
    assert f"is --previous (`{review}`)" in error.first.message
    assert review.read_text() == "{}"


def test_a_missing_folder_is_refused_naming_the_folder(tmp_path: Path) -> None:
    error = refused(tmp_path / "missing" / "r.html")
    assert error.first.code == "output-folder-missing"
    assert f"the folder `{tmp_path / 'missing'}` does not exist" in error.first.message
    assert ".tmp" not in error.first.message
    assert not (tmp_path / "missing").exists()


def test_a_folder_that_is_a_file_a_directory_and_a_read_only_file_are_refused(
    tmp_path: Path,
) -> None:
    (tmp_path / "file").write_text("x")
    assert "is not a folder" in refused(tmp_path / "file" / "r.html").first.message
    assert refused(tmp_path).first.code == "output-is-directory"
    locked = tmp_path / "locked.json"
    locked.write_text("mine")
    locked.chmod(0o444)
    error = refused(locked)
    assert error.first.code == "output-read-only"
    assert locked.read_text() == "mine"


def test_a_folder_this_user_cannot_write_in_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked with `os.access`, as for any user but root (who may write anywhere)."""
    real_access = os.access

    def access(path: str, mode: int) -> bool:
        return False if Path(path) == tmp_path else real_access(path, mode)

    monkeypatch.setattr("selfreview_core.outputs.writing.os.access", access)
    error = refused(tmp_path / "r.yaml")
    assert error.first.code == "output-folder-read-only"
    assert f"cannot write in the folder `{tmp_path}`" in error.first.message


def test_one_document_is_not_written_under_a_json_lines_name(tmp_path: Path) -> None:
    assert refused(tmp_path / "x.JSONL", document=True).first.code == "output-format"
    assert check_target(tmp_path / "x.jsonl") == tmp_path / "x.jsonl"  # a stream may be


def test_a_writable_target_is_accepted_and_nothing_is_created(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text("old")
    for name in ("new.yaml", "old.yaml"):
        assert check_target(tmp_path / name, Inputs(), document=True) == tmp_path / name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.yaml"]


def test_an_output_folder_holding_an_input_is_refused(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "a.yaml").write_text("a")
    inputs = Inputs().add("ASSESSMENT", cohort / "a.yaml")
    with pytest.raises(OutputRefused, match=r"holds `.*a.yaml` \(ASSESSMENT\)"):
        check_folder(cohort, inputs)
    with pytest.raises(OutputRefused, match="holds"):
        check_folder(tmp_path / "cohort" / ".." / "cohort", inputs)
    assert check_folder(tmp_path / "new" / "reports", inputs).is_dir()  # made, parents too
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputRefused, match="is a file, not a folder"):
        check_folder(tmp_path / "file", inputs)


# -- atomic writes ----------------------------------------------------------------------------


def test_a_failed_write_names_the_target_and_leaves_the_old_file(
    tmp_path: Path, no_space: Callable[[bytes], None]
) -> None:
    target = tmp_path / "report.html"
    target.write_bytes(b"old")
    no_space(b"new")
    with pytest.raises(OSError, match="No space left") as caught:
        write_atomic(target, "new content")
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(target)
    assert str(target) in str(caught.value)
    assert ".tmp" not in str(caught.value)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_an_error_in_the_block_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"earlier\n")

    def stopped_half_way() -> None:
        with open_atomic(target) as stream:
            stream.write(b"half")
            raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        stopped_half_way()
    assert target.read_bytes() == b"earlier\n"
    assert temporary_files(tmp_path) == []


def test_an_error_that_names_another_file_is_left_as_it_is(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as caught, open_atomic(tmp_path / "out.txt"):
        raise FileNotFoundError(errno.ENOENT, "gone", "some-input.yaml")
    assert caught.value.filename == "some-input.yaml"


def test_a_read_only_target_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "final.yaml"
    target.write_bytes(b"signed off")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only") as caught:
        write_atomic(target, "changed")
    assert caught.value.filename == str(target)
    assert target.read_bytes() == b"signed off"
    assert temporary_files(tmp_path) == []


def test_a_symbolic_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_a_missing_folder_is_named_not_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.yaml"
    with pytest.raises(FileNotFoundError) as caught:
        write_atomic(target, "x")
    assert caught.value.filename == str(target)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.yaml", "x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640


def test_a_long_name_still_gets_a_temporary_file(tmp_path: Path) -> None:
    """The temporary name is cut to fit: a target of 255 bytes is written."""
    target = tmp_path / ("é" * 127 + "x")
    assert len(target.name.encode()) == NAME_MAX
    write_atomic(target, "x")
    assert target.read_text() == "x"


def test_write_new_never_replaces_and_takes_the_next_free_name(tmp_path: Path) -> None:
    first, second = tmp_path / "a.conflict.yaml", tmp_path / "a.conflict-2.yaml"
    first.write_text("someone else's")
    assert write_new([first, second], "mine") == second
    assert first.read_text() == "someone else's"
    assert second.read_text() == "mine"
    with pytest.raises(FileExistsError):
        write_new([first, second], "again")
    assert temporary_files(tmp_path) == []


def test_write_new_without_hard_links_creates_the_name_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: str, target: str) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("selfreview_core.outputs.writing.os.link", no_links)
    taken = tmp_path / "taken.yaml"
    taken.write_text("keep")
    assert write_new([taken, tmp_path / "free.yaml"], "mine") == tmp_path / "free.yaml"
    assert (tmp_path / "free.yaml").read_text() == "mine"
    assert taken.read_text() == "keep"
    assert temporary_files(tmp_path) == []


def test_write_new_without_hard_links_leaves_nothing_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write
    writes: list[int] = []

    def no_links(source: str, target: str) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    def write(handle: int, data: bytes | memoryview) -> int:
        writes.append(handle)
        if len(writes) > 1:  # the temporary file is written; the name itself is not
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(handle, data)

    monkeypatch.setattr("selfreview_core.outputs.atomic.os.link", no_links)
    monkeypatch.setattr("selfreview_core.outputs.atomic.os.write", write)
    with pytest.raises(OSError, match="No space left") as caught:
        write_new([tmp_path / "new.yaml"], "mine")
    assert caught.value.filename == str(tmp_path / "new.yaml")
    assert list(tmp_path.iterdir()) == []


class PipeReader(threading.Thread):
    """Reads the named pipe `fifo` to its end, as another program would: there, reading,
    once made (since round 72 a named pipe nothing reads is refused as an output, so a
    reader not yet started would be a race). Until `result`, the pipe's end is not seen:
    a writer is held open meanwhile, as by the program started before this one."""

    def __init__(self, fifo: Path) -> None:
        super().__init__(daemon=True)
        self.fifo = fifo
        self.received: bytes | None = None
        self.start()
        while True:  # until the thread has the pipe open to read: a wait, not a measure
            try:
                self.writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as error:
                if error.errno != errno.ENXIO:
                    raise
                self.join(timeout=0.01)
            else:
                break

    def run(self) -> None:
        self.received = self.fifo.read_bytes()

    def result(self) -> bytes | None:
        os.close(self.writer)
        self.join(timeout=120)  # a guard against a hang, not a measure of time
        return self.received


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_nothing_reads_is_refused_and_one_read_kept_open(tmp_path: Path) -> None:
    """A named pipe as an output with no reader (SPEC section 7: refused without blocking)
    is refused when checked, before any work, where before round 72 it passed and the
    writing waited for a reader for ever. With a reader, the check opens it to write and
    keeps it open until the writing takes and closes that descriptor: the reader gets the
    output, then the pipe's end (no writer left open behind it)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputRefused) as refused:
        check_target(fifo)
    assert str(refused.value) == (
        f"{fifo}: `{fifo}` is a named pipe that nothing reads: what is written there "
        "would wait for a reader for ever, so nothing was done (start its reader first, or "
        "give a file name)"
    )
    reading = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert check_target(fifo) == fifo
        write_atomic(fifo, "kept open")  # the check's descriptor: no reader again waited for
        assert os.read(reading, 100) == b"kept open"
        assert os.read(reading, 100) == b""  # the end: the writing closed what it took
    finally:
        os.close(reading)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_written_to_never_replaced(tmp_path: Path) -> None:
    """`-o /dev/stdout`, `-o /dev/null` or a named pipe: renaming a file over a device
    (as root, over /dev/null itself) would replace it; the output is written to it."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = PipeReader(fifo)
    write_atomic(fifo, "through the pipe")
    assert reader.result() == b"through the pipe"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]
    with pytest.raises(OutputRefused, match="not a regular file"):
        check_target(fifo, reread=True)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_batch_never_replaces_a_named_pipe(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "s.json")
    with BatchWriter(tmp_path) as writer:
        writer.write("s", ".json", "{}")
        [error] = writer.flush()
    assert error.filename == str(tmp_path / "s.json")
    assert "not a regular file" in str(error)
    assert stat.S_ISFIFO(os.stat(tmp_path / "s.json").st_mode)
    assert temporary_files(tmp_path) == []


# -- safe names -------------------------------------------------------------------------------

FORBIDDEN_IN_NAMES = set('/\\:*?"<>|') | {chr(c) for c in range(32)} | {"\x7f"}


@given(st.text(max_size=400), st.integers(min_value=1, max_value=NAME_MAX))
@example("\u202econ.txt", 200)
@example("../../etc/passwd", 200)
@example("é" * 300, 255)
@example("🏫" * 100, 7)
def test_a_safe_stem_is_a_usable_file_name(text: str, max_bytes: int) -> None:
    """Whatever the text: not empty, at most `max_bytes` of UTF-8, no separator, control
    or bidirectional character, no leading dot or dash, no trailing dot, not a Windows
    device name."""
    stem = safe_stem(text, max_bytes=max_bytes, fallback="f")
    assert stem
    assert len(stem.encode("utf-8")) <= max(max_bytes, 1)
    assert not FORBIDDEN_IN_NAMES & set(stem)
    assert all(c.isalnum() or c in "-_." for c in stem)
    assert stem[0] not in ".-"
    assert not stem.endswith(".")
    assert stem.split(".")[0].upper() not in WINDOWS_RESERVED
    assert stem not in (".", "..")


@pytest.mark.parametrize(
    ("text", "stem"),
    [
        ("900001", "900001"),
        ("CON", "_CON"),
        ("nul.json", "_nul.json"),
        ("Com1", "_Com1"),
        ("LPT9.x.y", "_LPT9.x.y"),
        ("COM¹", "_COM¹"),
        ("CONSOLE", "CONSOLE"),
        ("../secret", "_secret"),
        ("a/b\\c", "a_b_c"),
        ("a\nb: ok", "a_b__ok"),
        ("--help", "help"),
        ("...", "f"),
        ("", "f"),
        ("e\u0301cole", "école"),  # composed, not split into `e_`
        ("x\u202ey", "x_y"),
        ("trailing.", "trailing"),
    ],
)
def test_safe_stems(text: str, stem: str) -> None:
    assert safe_stem(text, fallback="f") == stem


def test_a_stem_is_cut_between_characters() -> None:
    assert safe_stem("é" * 10, max_bytes=5) == "éé"
    assert safe_stem("🏫a", max_bytes=3) == "_a"


@given(text=st.text(min_size=1, max_size=300))
def test_a_safe_stem_can_be_created_on_this_filesystem(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    folder = tmp_path_factory.getbasetemp() / "safe-stems"
    folder.mkdir(exist_ok=True)
    path = folder / f"{safe_stem(text, max_bytes=NAME_MAX - 5)}.json"
    path.write_bytes(b"{}")
    try:
        assert [p.name for p in folder.iterdir()] == [path.name]
    finally:
        path.unlink()


def test_a_stem_cut_to_a_device_name_is_still_safe() -> None:
    assert safe_stem("CONSOLE", max_bytes=3) == "_CO"
    assert safe_stem("nul.x", max_bytes=3) == "_nu"
    assert safe_stem("nul", max_bytes=1) == "n"


# -- batches ----------------------------------------------------------------------------------


def written_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_batch_never_writes_one_name_twice_even_folded(tmp_path: Path) -> None:
    with BatchWriter(tmp_path) as writer:
        names = [writer.write(stem, ".json", stem).name for stem in ("ABC", "abc", "ABC", "Abc")]
        assert writer.flush() == []
    assert names == ["ABC.json", "abc-2.json", "ABC-3.json", "Abc-4.json"]
    assert written_names(tmp_path) == sorted(names)
    assert (tmp_path / "abc-2.json").read_text() == "abc"


def test_a_batch_never_writes_over_an_input_even_a_hard_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "in"
    elsewhere.mkdir()
    review = elsewhere / "900001.yaml"
    review.write_text("kind: assessment")
    out = tmp_path / "out"
    out.mkdir()
    os.link(review, out / "900001-2026-01-01.json")
    before = snapshot(review)
    inputs = Inputs().add("ASSESSMENT", review)
    with BatchWriter(out, inputs) as writer:
        target = writer.write("900001-2026-01-01", ".json", "{}")
        assert writer.flush() == []
    assert target.name == "900001-2026-01-01-2.json"
    assert snapshot(review) == before


def test_a_file_of_an_earlier_run_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "s-1.json").write_text("last year")
    with BatchWriter(tmp_path) as writer:
        writer.write("s-1", ".json", "this year")
        assert writer.flush() == []
    assert (tmp_path / "s-1.json").read_text() == "this year"


def test_files_appear_when_flushed_and_a_group_is_due(tmp_path: Path) -> None:
    with BatchWriter(tmp_path, group=2) as writer:
        writer.write("a", "json", "1")  # an extension without its dot is mended
        assert not writer.due()
        assert written_names(tmp_path) == [n for n in written_names(tmp_path) if n[0] == "."]
        writer.write("b", ".json", "2")
        assert writer.due()
        assert writer.flush() == []
        assert not writer.due()
    assert written_names(tmp_path) == ["a.json", "b.json"]
    assert writer.written == [tmp_path / "a.json", tmp_path / "b.json"]


def test_an_interrupted_batch_leaves_no_temporary_file(tmp_path: Path) -> None:

    def interrupted() -> None:
        with BatchWriter(tmp_path) as writer:
            writer.write("a", ".json", "1")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert list(tmp_path.iterdir()) == []


def test_one_failed_write_is_returned_naming_its_target_and_the_rest_are_written(
    tmp_path: Path, no_space: Callable[[bytes], None]
) -> None:
    (tmp_path / "locked.json").write_text("keep")
    (tmp_path / "locked.json").chmod(0o444)
    (tmp_path / "folder.json").mkdir()
    errors: list[OSError] = []
    no_space(b"FULL")
    with BatchWriter(tmp_path) as writer:
        for stem, content in (("a", "1"), ("locked", "2"), ("full", "FULL"), ("folder", "3")):
            try:
                writer.write(stem, ".json", content)
            except OSError as error:
                errors.append(error)
        writer.write("b", ".json", "4")
        errors += writer.flush()
    assert sorted(str(e.filename) for e in errors) == sorted(
        str(tmp_path / n) for n in ("locked.json", "full.json", "folder.json")
    )
    assert all(".tmp" not in str(e) for e in errors)
    by_name = {Path(str(e.filename)).name: e for e in errors}
    assert isinstance(by_name["folder.json"], IsADirectoryError)
    assert by_name["full.json"].errno == errno.ENOSPC
    assert "read-only" in str(by_name["locked.json"])
    assert (tmp_path / "locked.json").read_text() == "keep"
    assert (tmp_path / "a.json").read_text() == "1"
    assert (tmp_path / "b.json").read_text() == "4"
    assert not (tmp_path / "full.json").exists()
    assert temporary_files(tmp_path) == []


def test_a_failed_flush_names_the_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync
    calls: Iterator[int] = iter(range(100))

    def fsync(handle: int) -> None:
        if next(calls) == 0:
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(handle)

    monkeypatch.setattr("selfreview_core.outputs.writing.os.fsync", fsync)
    # Where a filesystem cannot be flushed in one call, each file is flushed on its own.
    monkeypatch.setattr("selfreview_core.outputs.writing.can_sync_filesystem", lambda: False)
    with BatchWriter(tmp_path) as writer:
        writer.write("first", ".json", "1")
        writer.write("second", ".json", "2")
        [error] = writer.flush()
    assert error.filename == str(tmp_path / "first.json")
    assert written_names(tmp_path) == ["second.json"]


def test_a_failed_flush_of_the_whole_group_names_every_target_and_writes_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Flushed in one call, a group that cannot be flushed is not renamed over anything:
    nothing of it is known to be on disk."""

    def sync_filesystem(folder: Path) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("selfreview_core.outputs.writing.can_sync_filesystem", lambda: True)
    monkeypatch.setattr("selfreview_core.outputs.writing.sync_filesystem", sync_filesystem)
    (tmp_path / "second.json").write_text("last year")
    with BatchWriter(tmp_path) as writer:
        writer.write("first", ".json", "1")
        writer.write("second", ".json", "2")
        errors = writer.flush()
    assert sorted(str(e.filename) for e in errors) == [
        str(tmp_path / "first.json"),
        str(tmp_path / "second.json"),
    ]
    assert all(e.errno == errno.EIO and ".tmp" not in str(e) for e in errors)
    assert written_names(tmp_path) == ["second.json"]
    assert (tmp_path / "second.json").read_text() == "last year"
    assert writer.written == []


@pytest.mark.skipif(not can_sync_filesystem(), reason="no syncfs here: files flushed one by one")
def test_a_group_is_flushed_to_disk_in_one_call_not_a_file_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[tuple[str, object]] = []
    real = atomic.sync_filesystem

    def sync_filesystem(folder: Path) -> None:
        flushed.append(("fs", folder))
        real(folder)

    monkeypatch.setattr("selfreview_core.outputs.writing.sync_filesystem", sync_filesystem)
    monkeypatch.setattr(
        "selfreview_core.outputs.writing.os.fsync", lambda h: flushed.append(("fsync", h))
    )
    with BatchWriter(tmp_path, group=3) as writer:
        for number in range(5):
            writer.write(f"s{number}", ".json", str(number))
            if writer.due():
                assert writer.flush() == []
                assert len(written_names(tmp_path)) == 3
        assert writer.flush() == []
    # One flush of the filesystem a group, and one `fsync` of the folder for its renames.
    assert [kind for kind, _ in flushed] == ["fs", "fsync", "fs", "fsync"]
    assert written_names(tmp_path) == [f"s{n}.json" for n in range(5)]
    assert [(tmp_path / f"s{n}.json").read_text() for n in range(5)] == [str(n) for n in range(5)]


def test_a_filesystem_is_flushed_in_one_call_only_where_the_system_can() -> None:
    if atomic.can_sync_filesystem():
        atomic.sync_filesystem(Path("."))  # no error
        assert sys.platform.startswith("linux")
    else:
        with pytest.raises(OSError, match="syncfs is not available"):
            atomic.sync_filesystem(Path("."))


def test_a_long_or_strange_stem_gets_a_name_within_the_limit(tmp_path: Path) -> None:
    with BatchWriter(tmp_path) as writer:
        long = writer.write("9" * 400 + "-2026-01-01", ".json", "1")
        wide = writer.write("é" * 300, ".html", "2")
        again = writer.write("9" * 400 + "-2026-01-01", ".json", "3")
        assert writer.flush() == []
    for path in (long, wide, again):
        assert len(path.name.encode("utf-8")) <= NAME_MAX
        assert path.exists()
    assert again.name.endswith("-2.json")


def test_the_extension_counts_in_bytes_too(tmp_path: Path) -> None:
    with BatchWriter(tmp_path) as writer:
        paths = [writer.write("9" * 400, ".éééééééé", "1") for _ in range(2)]
        assert writer.flush() == []
    for path in paths:
        assert len(path.name.encode("utf-8")) <= NAME_MAX
        assert path.name.endswith(".éééééééé")
    assert paths[1].name.endswith("-2.éééééééé")


def test_a_folder_walked_is_found_over_any_folder_under_it(tmp_path: Path) -> None:
    """`Inputs.walk` notes folders (not files, not `-`); `walked_over` finds the walked
    folder that is or holds a folder at any depth, by identity (a symbolic link, a name
    that does not exist yet), and nothing for a folder beside it or above it."""
    walked, beside = tmp_path / "in", tmp_path / "out"
    (walked / "deep").mkdir(parents=True)
    beside.mkdir()
    (walked / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "link").symlink_to("in")
    inputs = Inputs().walk("PATHS", str(walked), str(walked / "a.yaml"), "-")
    assert inputs.walked_over(walked) == ("PATHS", str(walked))
    assert inputs.walked_over(walked / "deep" / "not" / "yet") == ("PATHS", str(walked))
    assert inputs.walked_over(tmp_path / "link" / "new") == ("PATHS", str(walked))
    assert inputs.walked_over(beside) is None
    assert inputs.walked_over(tmp_path) is None
    assert Inputs().walk("PATHS", str(walked / "a.yaml")).walked_over(walked) is None


def test_standard_input_is_no_folder_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-` is standard input, never the folder `./-` beside it: nothing under that folder
    is taken for walked."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").mkdir()
    assert Inputs().walk("PATHS", "-").walked_over(tmp_path / "-" / "reports") is None
    assert Inputs().walk("PATHS", "./-").walked_over("-/reports") == ("PATHS", "./-")


def test_a_folder_under_a_walked_one_is_refused_only_for_files_read_back(tmp_path: Path) -> None:
    """`check_folder(read_back=True)` refuses a folder under a walked one, before making
    it; without `read_back` (pages the walk never reads) it is made as before."""
    walked = tmp_path / "in"
    walked.mkdir()
    inputs = Inputs().walk("ASSESSMENT", str(walked))
    with pytest.raises(OutputRefused) as refused:
        check_folder(walked / "reports", inputs, read_back=True)
    assert refused.value.first.code == "output-is-input"
    assert refused.value.first.file == str(walked / "reports")
    assert not (walked / "reports").exists()
    assert check_folder(walked / "reports", inputs) == walked / "reports"
    assert (walked / "reports").is_dir()
