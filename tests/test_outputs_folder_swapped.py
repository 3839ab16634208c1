"""`--output-dir` swapped during a batch for a link elsewhere (into an input's folder): the
batch's writer (`outputs.BatchWriter`) holds the folder it was given, and once the name
leads elsewhere writes nothing more, each report refused naming its file and why, what was
pending removed from the folder held; the batch goes on. Before round 76 the reports after
the swap went wherever the name led now (no input replaced, but outputs beside the inputs,
where the user did not ask; the next run would read them as reviews)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import Exporter, Report
from selfreview_core.cli import cli
from selfreview_core.outputs.writing import BatchWriter, Inputs
from test_engine import _EntryPoint, plugin_module

pytestmark = pytest.mark.skipif(os.name == "nt", reason="a folder swapped for a link: POSIX")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REVIEWS = [EXAMPLES / "example-primary-2025.yaml", EXAMPLES / "example-primary-2026.yaml"]


def _swap(out: Path, elsewhere: Path) -> Path:
    """`out` renamed aside, and a link named `out` into `elsewhere` in its place: the
    folder's old self, kept."""
    kept = out.with_name(out.name + ".old")
    out.rename(kept)
    out.symlink_to(elsewhere, target_is_directory=True)
    return kept


def _everything(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())  # hidden temporary files included


def _why(out: Path) -> str:
    return (
        f"its folder `{out}` was replaced or moved while the batch ran (the name leads "
        "elsewhere now), so nothing more is written there"
    )


def _inputs(tmp_path: Path) -> tuple[Path, Path, Inputs]:
    schools = tmp_path / "schools"
    schools.mkdir()
    review = schools / "school.yaml"
    review.write_text("kind: assessment\n")
    out = tmp_path / "out"
    out.mkdir()
    return schools, out, Inputs().add("PATH", review)


def test_a_report_after_the_swap_is_refused_and_the_one_before_kept(tmp_path: Path) -> None:
    schools, out, inputs = _inputs(tmp_path)
    with BatchWriter(out, inputs, group=1) as writer:
        assert writer.write("first", ".html", "one") == out / "first.html"
        assert writer.flush() == []
        kept = _swap(out, schools)
        with pytest.raises(OSError, match="replaced or moved") as raised:
            writer.write("second", ".html", "two")
        assert writer.flush() == []
    assert raised.value.filename == str(out / "second.html")
    assert raised.value.strerror == _why(out)
    assert _everything(schools) == ["school.yaml"]
    assert (schools / "school.yaml").read_text() == "kind: assessment\n"
    assert _everything(kept) == ["first.html"]
    assert (kept / "first.html").read_text() == "one"
    assert writer.written == [out / "first.html"]


def test_what_was_pending_at_the_swap_is_refused_and_removed_from_the_folder_held(
    tmp_path: Path,
) -> None:
    """Pending (written, not yet renamed over its name) when the name was swapped: its
    temporary file is in the folder held, which the name no longer reaches: it is removed
    there, and the report said as not written."""
    schools, out, inputs = _inputs(tmp_path)
    with BatchWriter(out, inputs, group=8) as writer:
        writer.write("first", ".html", "one")
        kept = _swap(out, schools)
        with pytest.raises(OSError, match="replaced or moved"):
            writer.write("second", ".html", "two")
        failed = writer.flush()
    assert [(e.filename, e.strerror) for e in failed] == [(str(out / "first.html"), _why(out))]
    assert _everything(schools) == ["school.yaml"]
    assert _everything(kept) == []
    assert writer.written == []


def test_a_writer_left_by_an_error_removes_its_pending_file_from_the_folder_held(
    tmp_path: Path,
) -> None:
    schools, out, inputs = _inputs(tmp_path)

    def interrupted() -> None:
        with BatchWriter(out, inputs, group=8) as writer:
            writer.write("first", ".html", "one")
            _swap(out, schools)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    kept = out.with_name("out.old")
    assert _everything(kept) == []
    assert _everything(schools) == ["school.yaml"]


def test_report_output_dir_swapped_between_two_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The swap made by a plugin's exporter as it renders the second report: each report
    after it (and the first, pending still) is said as not written, naming its file and
    why, exit 1, the inputs' folder as it was, nothing left in the folder given."""
    schools = tmp_path / "schools"
    schools.mkdir()
    for review in REVIEWS:
        (schools / review.name).write_bytes(review.read_bytes())
    out = tmp_path / "out"
    rendered: list[str] = []

    def render(report: Report) -> str:
        if rendered:
            _swap(out, schools)
        rendered.append(report.assessment.school.id)
        return "plain report\n"

    plain = Exporter("plain", ".txt", "text/plain", render)
    module = plugin_module("swapping_exporter", selfreview_exporters=lambda: [plain])
    point = _EntryPoint("swapping-exporter", "swapping_exporter", target=module)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    before = {p.name: p.read_bytes() for p in schools.iterdir()}
    result = CliRunner().invoke(
        cli, ["report", str(schools), "--output-dir", str(out), "--format", "plain"]
    )
    assert result.exit_code == 1, result.output
    assert len(rendered) == 2
    errors = [line for line in result.stderr.splitlines() if "cannot write" in line]
    assert len(errors) == 2
    for line in errors:
        assert line.startswith(f"{out}{os.sep}")
        assert line.endswith(
            f".txt: error: cannot write this report: {_why(out)}; the other reports go on"
        )
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in schools.iterdir()} == before
    assert _everything(out.with_name("out.old")) == []


def test_where_a_folder_cannot_be_held_open_the_swap_is_still_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows opens no folder: the swap is found by the folder's identity, taken at the
    start; nothing goes where the name leads now."""
    monkeypatch.setattr("selfreview_core.outputs.writing._hold", lambda folder: None)
    schools, out, inputs = _inputs(tmp_path)
    with BatchWriter(out, inputs, group=1) as writer:
        writer.write("first", ".html", "one")
        assert writer.flush() == []
        kept = _swap(out, schools)
        with pytest.raises(OSError, match="replaced or moved"):
            writer.write("second", ".html", "two")
    assert _everything(schools) == ["school.yaml"]
    assert _everything(kept) == ["first.html"]


def test_a_folder_not_there_yet_is_no_swap(tmp_path: Path) -> None:
    """A library caller's folder not made yet: nothing to hold or compare; each write
    fails as the system says, as before."""
    missing = tmp_path / "missing"
    with BatchWriter(missing, group=1) as writer, pytest.raises(FileNotFoundError) as raised:
        writer.write("first", ".html", "one")
    assert raised.value.filename == str(missing / "first.html")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open descriptors")
def test_files_held_open_to_be_flushed_one_by_one_are_closed_at_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where each file is flushed on its own (no `syncfs`), a pending file is held open
    until its flush: refused at the swap, it is closed, not left open for the process's
    life."""
    monkeypatch.setattr("selfreview_core.outputs.writing.can_sync_filesystem", lambda: False)
    schools, out, inputs = _inputs(tmp_path)
    before = len(os.listdir("/proc/self/fd"))
    with BatchWriter(out, inputs, group=8) as writer:
        writer.write("first", ".html", "one")
        writer.write("second", ".html", "two")
        _swap(out, schools)
        assert len(writer.flush()) == 2
        assert len(os.listdir("/proc/self/fd")) == before + 1  # the folder held only
    assert len(os.listdir("/proc/self/fd")) == before
    assert _everything(out.with_name("out.old")) == []
