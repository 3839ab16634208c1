"""Every command under a careless user and an attacker: a matrix of command x attack.

SPEC.md promises (sections 3, 5, 7, 8, 9): no traceback; errors name the file, line and
column; exit codes 0, 1 (invalid input) and 2 (usage); outputs written atomically, never
over an input, however it is spelt; control characters never reach the terminal raw.
Each case checks the exit code, the message, that no traceback shows, and that nothing
else was lost: every file in the folder byte for byte, no temporary file left.

Already attacked elsewhere, so not repeated here: control characters in every field of
`validate`, `show`, `report`, `awards`, `benchmark`, `plan` and `migrate` (test_escaping),
two `assess` sessions on one file (tests/session/test_review.py), a full disk and one report not
written in a batch (test_batch, test_outputs).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from program import selfreview
from selfreview_core.cli import cli
from selfreview_core.loader import load_plan
from test_escaping import assert_terminal_safe
from test_outputs import snapshot, temporary_files

ROOT = Path(__file__).resolve().parents[2]
NEW = (ROOT / "examples/example-primary-2026.yaml").read_text(encoding="utf-8")
OLD = (ROOT / "examples/example-primary-2025.yaml").read_text(encoding="utf-8")
FRAMEWORK = (ROOT / "frameworks/becta-srf.yaml").read_text(encoding="utf-8")
MIGRATION = (ROOT / "examples/migration/example-srf-1-to-2.yaml").read_text(encoding="utf-8")
RULES = (ROOT / "examples/questions/technology-rules.yaml").read_text(encoding="utf-8")
PLAN = (ROOT / "examples/plan/example-primary-plan.yaml").read_text(encoding="utf-8")
#: Our own styles (bold, colours, reset): the only escapes the output may hold.
STYLE = re.compile(r"\x1b\[[0-9;]*m")
HEADER = ("--school-id", "1", "--school-name", "x")


def respondent(group: str = "teachers") -> str:
    return NEW.replace("assessor: Deputy headteacher\n", f"respondent:\n  group: {group}\n")


def json_line(text: str, **changes: Any) -> str:
    data = yaml.safe_load(text)
    data["assessed_on"] = str(data["assessed_on"])
    data.update(changes)
    return json.dumps(data)


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of inputs of every kind, the current folder; no installed plugins."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name, text in {
        "a.yaml": NEW,
        "b.yaml": OLD.replace('"100000"', '"100001"'),
        "r.yaml": respondent(),
        "fw.yaml": FRAMEWORK,
        "mig.yaml": MIGRATION,
        "rules.yaml": RULES,
        "plan.yaml": PLAN,
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(*args: str, input: str | bytes | None = "q\n") -> Result:
    """The command as a terminal shows it (colour on), checked for what no case may show."""
    result = CliRunner().invoke(cli, list(args), input=input, color=True)
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    parquet = result.stdout_bytes.startswith(b"PAR1")  # collect -o -: a binary file
    for stream in (result.stderr,) if parquet else (result.stdout, result.stderr):
        assert "Traceback" not in stream
        assert "internal error" not in stream
        assert_terminal_safe(STYLE.sub("", stream))
    return result


def plain(result: Result) -> str:
    return STYLE.sub("", result.stdout + result.stderr)


def unchanged(folder: Path) -> Callable[[], None]:
    """A check that every file in `folder` is as it is now and nothing was added."""
    before = snapshot(folder)

    def check() -> None:
        assert snapshot(folder) == before
        assert temporary_files(folder) == []

    return check


# -- the same file as input and output, however it is spelt ------------------------------

#: Each command with an output, and each input it reads: its arguments with OUT for the
#: output, and the input file OUT is made to name.
#: (Arguments, split at spaces.)
WRITERS: dict[str, tuple[str, str]] = {
    "report ASSESSMENT": ("report a.yaml -o OUT --format json", "a.yaml"),
    "report --previous": ("report a.yaml --previous b.yaml -o OUT", "b.yaml"),
    "report --rules": ("report a.yaml --rules rules.yaml -o OUT", "rules.yaml"),
    "report --framework": ("report a.yaml --framework fw.yaml -o OUT", "fw.yaml"),
    "report FRAMEWORK": ("report fw.yaml a.yaml -o OUT", "fw.yaml"),
    "report --voices": ("report a.yaml --voices r.yaml -o OUT", "r.yaml"),
    "report --history": ("report a.yaml --history b.yaml -o OUT", "b.yaml"),
    "report --migration": ("report a.yaml --migration mig.yaml -o OUT", "mig.yaml"),
    "report batch": ("report a.yaml b.yaml --format json -o OUT", "b.yaml"),
    "benchmark PATHS": ("benchmark a.yaml b.yaml -o OUT", "a.yaml"),
    "benchmark --framework": ("benchmark a.yaml --framework fw.yaml -o OUT", "fw.yaml"),
    "benchmark --to": ("benchmark a.yaml --to fw.yaml -o OUT", "fw.yaml"),
    "benchmark FRAMEWORK": ("benchmark fw.yaml a.yaml -o OUT", "fw.yaml"),
    "benchmark --migration": ("benchmark a.yaml --migration mig.yaml -o OUT", "mig.yaml"),
    "collect PATHS": ("collect a.yaml b.yaml -o OUT", "b.yaml"),
    "collect --framework": ("collect a.yaml --framework fw.yaml -o OUT", "fw.yaml"),
    "support PATHS": ("support a.yaml b.yaml -o OUT", "a.yaml"),
    "support --framework": ("support a.yaml --framework fw.yaml -o OUT", "fw.yaml"),
    "support --to": ("support a.yaml --to fw.yaml -o OUT", "fw.yaml"),
    "support FRAMEWORK": ("support fw.yaml a.yaml -o OUT", "fw.yaml"),
    "support --rules": ("support a.yaml --rules rules.yaml -o OUT", "rules.yaml"),
    "support --migration": ("support a.yaml --migration mig.yaml -o OUT", "mig.yaml"),
    "voices PATH": ("voices r.yaml --format json -o OUT", "r.yaml"),
    "voices --framework": ("voices r.yaml --framework fw.yaml --format json -o OUT", "fw.yaml"),
    "combine PATH": ("combine r.yaml --min-group 1 -o OUT", "r.yaml"),
    "combine --framework": ("combine r.yaml --framework fw.yaml -o OUT", "fw.yaml"),
    "migrate ASSESSMENT": ("migrate a.yaml --to becta-srf -o OUT", "a.yaml"),
    "migrate --to": ("migrate a.yaml --to fw.yaml -o OUT", "fw.yaml"),
    "migrate --framework": ("migrate a.yaml --to becta-srf --framework fw.yaml -o OUT", "fw.yaml"),
    "migrate --migration": (
        "migrate a.yaml --to becta-srf --migration mig.yaml -o OUT",
        "mig.yaml",
    ),
    "plan ASSESSMENT": ("plan a.yaml -o OUT", "a.yaml"),
    "plan --previous": ("plan a.yaml --previous b.yaml -o OUT", "b.yaml"),
    "plan --rules": ("plan a.yaml --rules rules.yaml -o OUT", "rules.yaml"),
    "plan --framework": ("plan a.yaml --framework fw.yaml -o OUT", "fw.yaml"),
    "assess FRAMEWORK": ("assess fw.yaml -o OUT --school-id 1 --school-name x", "fw.yaml"),
}


def _spell(folder: Path, name: str, how: str) -> str:
    """Another way of naming the file `name` in `folder` (the current folder)."""
    if how == "symbolic link":
        (folder / "link.yaml").symlink_to(name)
        return "link.yaml"
    if how == "hard link":
        os.link(folder / name, folder / "hard.yaml")
        return "hard.yaml"
    return {
        "as given": name,
        "./": f"./{name}",
        "absolute": str(folder / name),
        "../folder/": f"../{folder.name}/{name}",
    }[how]


def _option(command: str) -> str:
    """The option (or argument) the refusal names as reading the file: a framework among a
    cohort command's PATHS is one of its PATHS."""
    if command in ("benchmark FRAMEWORK", "support FRAMEWORK"):
        return "PATHS"
    return "ASSESSMENT" if command == "report batch" else command.split()[1]


SPELLINGS = ["as given", "./", "absolute", "../folder/", "symbolic link", "hard link"]


@pytest.mark.parametrize("how", SPELLINGS)
@pytest.mark.parametrize("command", list(WRITERS))
def test_an_output_over_an_input_is_refused_however_it_is_spelt(
    here: Path, command: str, how: str
) -> None:
    args, read = WRITERS[command]
    out = _spell(here, read, how)
    check = unchanged(here)
    result = run(*(out if a == "OUT" else a for a in args.split()))
    assert result.exit_code == 2, plain(result)
    assert f"`{out}` is {_option(command)}" in plain(result)
    assert "which this command reads" in plain(result)
    check()


@pytest.mark.parametrize("how", SPELLINGS)
def test_an_output_over_the_cohort_file_is_refused_however_it_is_spelt(
    here: Path, how: str
) -> None:
    """`report --cohort`: the cohort file is refused as an output before it is read (so
    any bytes stand in for it here)."""
    (here / "c.parquet").write_bytes(b"PAR1 refused before it is read")
    out = _spell(here, "c.parquet", how)
    check = unchanged(here)
    result = run("report", "a.yaml", "--cohort", "c.parquet", "--format", "json", "-o", out)
    assert result.exit_code == 2, plain(result)
    assert f"`{out}` is --cohort" in plain(result)
    assert "which this command reads" in plain(result)
    assert result.stdout == ""
    check()


@pytest.mark.parametrize("how", ["as given", "./", "absolute", "symbolic link"])
def test_a_report_folder_holding_an_input_is_refused(here: Path, how: str) -> None:
    folder = here / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text(NEW, encoding="utf-8")
    if how == "symbolic link":
        (here / "linked").symlink_to("in")
    spelt = {"as given": "in", "./": "./in/", "absolute": str(folder), "symbolic link": "linked"}
    check = unchanged(here)
    result = run("report", "in/a.yaml", "b.yaml", "--output-dir", spelt[how])
    assert result.exit_code == 2
    assert "which this command reads" in plain(result)
    check()


# -- outputs a careless user names ---------------------------------------------------------

#: Each command with an output of its own (OUT): what it writes there (`--format` where one
#: is told from the name: `/dev/null` tells none, tests/cli/test_terminal_formats.py).
OUTPUTS: dict[str, tuple[str, ...]] = {
    "report": ("report", "a.yaml", "-o", "OUT", "--format", "json"),
    "report batch": ("report", "a.yaml", "b.yaml", "-o", "OUT", "--format", "json"),
    "benchmark": ("benchmark", "a.yaml", "b.yaml", "-o", "OUT", "--format", "json"),
    "collect": ("collect", "a.yaml", "b.yaml", "-o", "OUT"),
    "support": ("support", "a.yaml", "b.yaml", "-o", "OUT", "--format", "json"),
    "voices": ("voices", "r.yaml", "--format", "json", "-o", "OUT"),
    "combine": ("combine", "r.yaml", "--min-group", "1", "-o", "OUT"),
    "migrate": ("migrate", "a.yaml", "--to", "becta-srf", "-o", "OUT"),
    "plan": ("plan", "a.yaml", "-o", "OUT"),
    "assess": ("assess", "becta-srf", "-o", "OUT", *HEADER),
}
#: Commands whose output is read again (a review, a plan): never a device or stdout.
REREAD = {"plan", "assess"}


def _with_output(command: str, out: str) -> list[str]:
    return [out if a == "OUT" else a for a in OUTPUTS[command]]


def _prepare(here: Path, attack: str) -> str:
    if attack == "missing folder":
        return "nowhere/out.json"
    if attack == "a directory":
        (here / "adir").mkdir()
        (here / "adir" / "keep.txt").write_text("kept")
        return "adir"
    if attack == "a folder to be":
        return "newdir/"
    if attack == "read-only":
        (here / "ro.json").write_text("PREVIOUS")
        os.chmod(here / "ro.json", 0o444)
        return "ro.json"
    if attack == "an empty name":
        return ""
    assert attack == "a folder that cannot be written in"
    (here / "locked").mkdir()
    os.chmod(here / "locked", 0o555)
    return "locked/out.json"


REFUSED = {
    "missing folder": "the folder `nowhere` does not exist",
    "a directory": "is a directory",
    "a folder to be": "`newdir/` ends in a path separator, so it names a folder",
    "read-only": "`ro.json` is read-only; it was not replaced",
    "an empty name": "an empty name: give a file name",  # `-o "$UNSET"`, not this folder
    "a folder that cannot be written in": "cannot write in the folder `locked`",
}


@pytest.mark.parametrize("attack", list(REFUSED))
@pytest.mark.parametrize("command", list(OUTPUTS))
def test_an_output_that_cannot_be_written_is_refused_before_any_work(
    here: Path, command: str, attack: str
) -> None:
    if attack == "a folder that cannot be written in" and os.geteuid() == 0:
        pytest.skip("root writes in any folder")
    out = _prepare(here, attack)
    check = unchanged(here)
    result = run(*_with_output(command, out))
    assert result.exit_code == 2, plain(result)
    assert REFUSED[attack] in plain(result)
    assert "Invalid value for -o" in plain(result) or "'-o' / '--output'" in plain(result)
    check()
    assert not (here / "newdir").exists()


@pytest.mark.parametrize("command", list(OUTPUTS))
def test_dev_null_is_written_to_or_refused_for_a_file_read_again(here: Path, command: str) -> None:
    check = unchanged(here)
    result = run(*_with_output(command, os.devnull))
    check()
    if command in REREAD:
        assert result.exit_code == 2
        assert "is not a regular file (a device or a named pipe)" in plain(result)
    else:
        assert result.exit_code == 0, plain(result)


@pytest.mark.parametrize("command", list(OUTPUTS))
def test_dash_is_standard_output_or_refused_for_a_file_read_again(here: Path, command: str) -> None:
    check = unchanged(here)
    result = run(*_with_output(command, "-"))
    check()
    if command in REREAD:
        assert result.exit_code == 2
        assert "not on standard output: give a file name" in plain(result)
    else:
        assert result.exit_code == 0, plain(result)
        assert result.stdout_bytes  # the output went to standard output


def test_a_report_folder_of_dash_is_refused_not_made(here: Path) -> None:
    """`-` is standard output everywhere else: a folder of that name is `./-`."""
    check = unchanged(here)
    result = run("report", "a.yaml", "b.yaml", "--output-dir", "-")
    assert result.exit_code == 2
    assert "`-` is standard output, not a folder" in plain(result)
    check()
    assert run("report", "a.yaml", "b.yaml", "--output-dir", "./-").exit_code == 0
    assert sorted(p.name for p in (here / "-").iterdir()) == [
        "100000-2026-10-05.json",
        "100001-2025-10-06.json",
    ]


def test_a_report_folder_of_an_empty_name_is_refused_not_taken_for_this_one(here: Path) -> None:
    """`--output-dir "$UNSET"`: the system would take `` for the current folder, which
    holds the inputs."""
    check = unchanged(here)
    result = run("report", "a.yaml", "b.yaml", "--output-dir", "")
    assert result.exit_code == 2
    assert "Invalid value for --output-dir: an empty name: give a folder name" in plain(result)
    check()


def test_a_report_folder_to_be_is_made(here: Path) -> None:
    """`--output-dir new/` is a folder, made (unlike `-o new/`)."""
    result = run("report", "a.yaml", "b.yaml", "--output-dir", "new/")
    assert result.exit_code == 0
    assert len(list((here / "new").iterdir())) == 2


def test_two_inputs_with_one_output_name_both_get_a_file(here: Path) -> None:
    """Two reviews of one school on one date (two files): neither report replaces the other."""
    (here / "twin.yaml").write_text(NEW.replace("Deputy headteacher", "Head"), encoding="utf-8")
    result = run("report", "a.yaml", "twin.yaml", "--output-dir", "out")
    assert result.exit_code == 0, plain(result)
    written = sorted((here / "out").iterdir())
    assert [p.name for p in written] == ["100000-2026-10-05-2.json", "100000-2026-10-05.json"]
    assessors = {json.loads(p.read_text())["assessment"]["assessor"] for p in written}
    assert assessors == {"Deputy headteacher", "Head"}


# -- inputs a careless user or an attacker gives -----------------------------------------

#: Each command, and each option, that reads a file (IN), and the kind of file it reads.
#: (Arguments, split at spaces.)
READERS: dict[str, tuple[str, str]] = {
    "validate": ("validate IN", NEW),
    "show": ("show IN", FRAMEWORK),
    "awards": ("awards IN", NEW),
    "report": ("report IN", NEW),
    "report --previous": ("report a.yaml --previous IN", OLD),
    "report --rules": ("report a.yaml --rules IN", RULES),
    "report --framework": ("report a.yaml --framework IN", FRAMEWORK),
    "report --history": ("report a.yaml --history IN", OLD),
    "report --voices": ("report a.yaml --voices IN", respondent()),
    "report --migration": ("report a.yaml --migration IN", MIGRATION),
    "benchmark": ("benchmark IN", NEW),
    "benchmark --framework": ("benchmark a.yaml --framework IN", FRAMEWORK),
    "collect": ("collect IN -o c.parquet", NEW),
    "support": ("support IN", NEW),
    "support --framework": ("support a.yaml --framework IN", FRAMEWORK),
    "voices": ("voices IN", respondent()),
    "combine": ("combine IN --min-group 1 -o d.yaml", respondent()),
    "migrate": ("migrate IN --to becta-srf", NEW),
    "migrate --migration": ("migrate a.yaml --to becta-srf --migration IN", MIGRATION),
    "plan": ("plan IN -o p.yaml", NEW),
    "plan --status": ("plan --status IN", PLAN),
    "plan --review": ("plan --status plan.yaml --review IN", NEW),
    "assess FRAMEWORK": ("assess IN -o s.yaml --school-id 1 --school-name x", FRAMEWORK),
}
NAME = "in.yaml"


def _reading(command: str, name: str = NAME) -> list[str]:
    return [name if a == "IN" else a for a in READERS[command][0].split()]


def _second_line(text: str, prefix: bytes) -> bytes:
    """The file's text with `prefix` at the start of its second line (a comment in every
    example file, so that the first problem is the bytes, at line 2, column 1)."""
    lines = text.encode("utf-8").split(b"\n")
    lines[1] = prefix + lines[1]
    return b"\n".join(lines)


#: What each attack puts in the file, and the error it must give: located at line 2,
#: column 1, where the bytes are.
BROKEN: dict[str, tuple[Callable[[str], bytes], str]] = {
    "a NUL byte": (lambda t: _second_line(t, b"\x00"), "2:1: error: this is a binary file"),
    "invalid UTF-8": (
        lambda t: _second_line(t, b"\xff"),
        "2:1: error: not valid UTF-8 (byte 0xff)",
    ),
    "a mark, then invalid UTF-8": (
        lambda t: b"\xef\xbb\xbf" + _second_line(t, b"\xc3\x28"),
        "2:1: error: not valid UTF-8 (byte 0xc3)",
    ),
    "binary": (lambda t: bytes(range(256)) * 4, "1:1: error: this is a binary file"),
    "empty": (lambda t: b"", "1:1: error: the file is empty"),
}


@pytest.mark.parametrize("attack", list(BROKEN))
@pytest.mark.parametrize("command", list(READERS))
def test_a_broken_input_is_located_and_nothing_is_written(
    here: Path, command: str, attack: str
) -> None:
    make, expected = BROKEN[attack]
    (here / NAME).write_bytes(make(READERS[command][1]))
    check = unchanged(here)
    result = run(*_reading(command))
    assert result.exit_code == 1, plain(result)
    assert f"{NAME}:" in plain(result)
    assert expected in plain(result)
    check()


@pytest.mark.parametrize("attack", ["a byte order mark", "CRLF line ends", "both"])
@pytest.mark.parametrize("command", list(READERS))
def test_a_mark_and_crlf_line_ends_read_as_the_plain_file(
    here: Path, command: str, attack: str
) -> None:
    """The same output and exit code as the file without them."""
    text = READERS[command][1]
    (here / NAME).write_text(text, encoding="utf-8")
    expected = run(*_reading(command))
    for made in ("c.parquet", "d.yaml", "p.yaml", "s.yaml"):  # outputs, made again below
        (here / made).unlink(missing_ok=True)
    data = text.encode("utf-8")
    if attack != "a byte order mark":
        data = data.replace(b"\n", b"\r\n")
    if attack != "CRLF line ends":
        data = b"\xef\xbb\xbf" + data
    (here / NAME).write_bytes(data)
    result = run(*_reading(command))
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)


@pytest.mark.parametrize("command", list(READERS))
def test_an_escaped_lone_surrogate_in_json_is_located(here: Path, command: str) -> None:
    """`"\\ud800"` in a JSON file: no UTF-8 file can hold it, so the file is refused."""
    data = yaml.safe_load(READERS[command][1])
    data = json.loads(json.dumps(data, default=str))
    first = next(k for k, v in data.items() if isinstance(v, str) and k != "kind")
    data[first] = "\ud800"
    (here / "in.json").write_text(json.dumps(data), encoding="ascii")
    check = unchanged(here)
    result = run(*_reading(command, "in.json"))
    assert result.exit_code == 1, plain(result)
    assert f"in.json:1:{json.dumps(data).index(chr(92) + 'ud800')}:" in plain(result)
    assert "lone surrogate" in plain(result)
    check()


def _special(here: Path, what: str) -> str:
    if what == "a directory":
        (here / NAME).mkdir()
        return NAME
    if what == "a named pipe":
        os.mkfifo(here / NAME)
        return NAME
    if what == "a broken link":
        (here / NAME).symlink_to("nowhere.yaml")
        return NAME
    if what == "missing":
        return "nowhere/none.yaml"
    return os.devnull


@pytest.mark.parametrize(
    "what", ["a directory", "a named pipe", os.devnull, "a broken link", "missing"]
)
@pytest.mark.parametrize("command", list(READERS))
def test_an_input_that_is_no_regular_file_is_refused_without_blocking(
    here: Path, command: str, what: str
) -> None:
    if what == "a named pipe" and not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    name = _special(here, what)
    check = unchanged(here)
    result = run(*_reading(command, name))
    assert result.exit_code == EXIT[what], plain(result)
    assert name in plain(result) or f"'{name}'" in plain(result)
    assert "deprecated" not in plain(result)  # not taken for a framework id
    assert any(word in plain(result) for word in SAID[what]), plain(result)
    check()


#: Each command that reads a cohort file (`c.parquet` for IN).
COHORT_READERS = {
    "benchmark": "benchmark IN",
    "support": "support IN",
    "report --cohort": "report a.yaml --cohort IN",
}


@pytest.mark.parametrize("what", ["a named pipe", "a character device"])
@pytest.mark.parametrize("command", list(COHORT_READERS))
def test_a_cohort_file_that_is_no_regular_file_is_refused_without_blocking(
    here: Path, command: str, what: str
) -> None:
    """A named pipe named `c.parquet` with no writer: before round 46 each command waited
    for one for ever (Python's `open` blocks on it), and a link to `/dev/zero` was "not a
    Parquet file". In a process of its own: a blocked command fails at the timeout."""
    if what == "a named pipe":
        os.mkfifo(here / "c.parquet")
    else:
        (here / "c.parquet").symlink_to("/dev/zero")
    check = unchanged(here)
    args = [("c.parquet" if a == "IN" else a) for a in COHORT_READERS[command].split()]
    done = selfreview(args)
    assert done.returncode == 1, done.stderr.decode()
    assert done.stdout == b""
    told = done.stderr.decode().splitlines()
    kind = "a named pipe (FIFO)" if what == "a named pipe" else "a character device"
    assert told == [
        f"c.parquet: error: is {kind}, not a regular file (selfreview reads files, not "
        "streams or devices: save the text to a file)"
    ], told
    check()


#: What the refusal of each special input says (click's words, the readers' or the walk's).
#: SPEC section 5: a path to no file (nothing there, a link to nothing, a folder where a file
#: is needed) is a usage error, 2, for every command; a file that is there but no regular
#: file (a pipe, a device) is invalid input, 1. Before round 53 `show` and `assess` (whose
#: FRAMEWORK may be an id or a path) gave 1 for all five, and this test took either code.
EXIT = {"a directory": 2, "a named pipe": 1, os.devnull: 1, "a broken link": 2, "missing": 2}
SAID = {
    "a directory": ("is a directory", "no YAML"),
    "a named pipe": ("is a named pipe (FIFO), not a regular file",),
    os.devnull: ("is a character device, not a regular file",),
    "a broken link": ("is a broken symbolic link", "does not exist"),
    "missing": ("does not exist", "No such file or directory"),
}


@pytest.mark.parametrize("command", ["benchmark", "support"])
@pytest.mark.parametrize("name", ["none.yaml", "none.json", "sub/none"])
def test_a_framework_file_misspelt_is_said_to_be_missing(command: str, name: str) -> None:
    """Not taken for a deprecated framework id (then "no framework `none.yaml`")."""
    result = run(command, "a.yaml", "--framework", name)
    assert result.exit_code == 2
    assert f"Invalid value for --framework: file `{name}` does not exist" in plain(result)
    assert "deprecated" not in plain(result)


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"\xef\xbb\xbfkind: x\x00", "1:8: error: this is a binary file"),
        (b"\xef\xbb\xbfkind: x\xff", "1:8: error: not valid UTF-8 (byte 0xff)"),
        (b"\xef\xbb\xbf\xff", "1:1: error: not valid UTF-8 (byte 0xff)"),
        (b"\xef\xbb\xbf\x00", "1:1: error: this is a binary file"),
        (b'\xef\xbb\xbf{"kind": "x\xff"}', "1:12: error: not valid UTF-8 (byte 0xff)"),
    ],
)
def test_after_a_byte_order_mark_bad_bytes_are_located_where_an_editor_shows_them(
    here: Path, data: bytes, where: str
) -> None:
    """The mark is no column (nor are its three bytes the byte named)."""
    name = "in.json" if b"{" in data else NAME
    (here / name).write_bytes(data)
    result = run("validate", name)
    assert result.exit_code == 1
    assert f"{name}:{where}" in plain(result)


# -- standard input ------------------------------------------------------------------------

STDIN_READERS = {
    "validate": ("validate", "-"),
    "report": ("report", "-"),
    "report -o": ("report", "-", "-o", "out.json", "--format", "json"),
    "awards": ("awards", "-"),
    "benchmark": ("benchmark", "-"),
    "collect": ("collect", "-", "-o", "c.parquet"),
    "support": ("support", "-"),
    "voices": ("voices", "-"),
    "combine": ("combine", "-", "-o", "d.yaml"),
}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "<stdin>:1:1: error: the file is empty"),
        (b"kind: assessment\n\x00", "<stdin>:2:1: error: this is a binary file"),
        (b"\xef\xbb\xbfkind: x\xff", "<stdin>:1:8: error: not valid UTF-8 (byte 0xff)"),
        (b'{"kind": "assessment", "bad": "\\ud800"}', "<stdin>:1:"),
        (
            b'{"kind": "assessment", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}\n",
            "<stdin>:1:92: error: nested more than 64 levels deep",
        ),
    ],
    ids=["empty", "NUL", "mark and invalid UTF-8", "lone surrogate", "nested past the parser"],
)
@pytest.mark.parametrize("command", list(STDIN_READERS))
def test_broken_standard_input_is_located_as_stdin(
    here: Path, command: str, data: bytes, expected: str
) -> None:
    check = unchanged(here)
    result = run(*STDIN_READERS[command], input=data)
    assert result.exit_code == 1, plain(result)
    assert expected in plain(result)
    check()


#: Each command that reads `-` and writes `-o`: its arguments (OUT for the output) and the
#: file standard input is read from.
STDIN_WRITERS: dict[str, tuple[str, str]] = {
    "report": ("report - --format json -o OUT", "a.yaml"),
    "report batch": ("report - b.yaml --format json -o OUT", "a.yaml"),
    "migrate": ("migrate - --to becta-srf -o OUT", "a.yaml"),
    "plan": ("plan - -o OUT", "a.yaml"),
    "benchmark": ("benchmark - -o OUT", "a.yaml"),
    "support": ("support - -o OUT", "a.yaml"),
    "collect": ("collect - -o OUT", "a.yaml"),
    "voices": ("voices - --format json -o OUT", "r.yaml"),
    "combine": ("combine - --min-group 1 -o OUT", "r.yaml"),
}


@pytest.mark.parametrize(
    ("command", "how"),
    [(command, "as given") for command in STDIN_WRITERS]
    + [("report", "/dev/stdin"), ("migrate", "hard link")],
)
def test_an_output_over_the_file_standard_input_reads_is_refused(
    here: Path, command: str, how: str
) -> None:
    """`- < a.yaml -o a.yaml` reads a.yaml: before round 46 every command here replaced
    it (`migrate`'s output over the review it migrated, a table over a review)."""
    args, read = STDIN_WRITERS[command]
    out = "/dev/stdin" if how == "/dev/stdin" else _spell(here, read, how)
    check = unchanged(here)
    with (here / read).open("rb") as stdin:
        done = selfreview([out if a == "OUT" else a for a in args.split()], stdin=stdin)
    told = done.stderr.decode()
    assert done.returncode == 2, told
    option = "ASSESSMENT" if command in ("report", "report batch", "migrate", "plan") else "PATH"
    assert f"`{out}` is {option}" in told  # PATHS for the cohort commands
    assert "(`<stdin>`), which this command reads" in told
    assert "nothing was written" in told
    assert done.stdout == b""
    check()


def test_a_batch_never_replaces_the_file_standard_input_reads(here: Path) -> None:
    """`report - b.yaml --output-dir out < out/100000-2026-10-05.json`: the report of that
    school takes its name, which a report of an earlier run would give up; the file being
    read is kept and the report written beside it (round 46: it was replaced)."""
    folder = here / "out"
    folder.mkdir()
    read = folder / "100000-2026-10-05.json"
    read.write_text(json_line(NEW), encoding="utf-8")
    with read.open("rb") as stdin:
        done = selfreview(["report", "-", "b.yaml", "--output-dir", "out"], stdin=stdin)
    assert done.returncode == 0, done.stderr.decode()
    assert read.read_text(encoding="utf-8") == json_line(NEW)
    assert sorted(p.name for p in folder.iterdir()) == [
        "100000-2026-10-05-2.json",
        "100000-2026-10-05.json",
        "100001-2025-10-06.json",
    ]
    report = json.loads((folder / "100000-2026-10-05-2.json").read_text(encoding="utf-8"))
    assert report["assessment"]["school"]["id"] == "100000"


def test_a_file_piped_in_is_no_input_to_keep_and_is_written_as_asked(here: Path) -> None:
    """Standard input from a pipe (`cat a.yaml | ...`) names no file: `-o a.yaml` writes."""
    read, write = os.pipe()
    os.write(write, NEW.encode())  # within a pipe's buffer: nothing waits for a reader
    os.close(write)
    with os.fdopen(read, "rb") as stdin:
        done = selfreview(["report", "-", "--format", "json", "-o", "a.yaml"], stdin=stdin)
    assert done.returncode == 0, done.stderr.decode()
    report = json.loads((here / "a.yaml").read_text(encoding="utf-8"))
    assert report["assessment"]["school"]["id"] == "100000"
    assert (here / "b.yaml").read_text(encoding="utf-8") == OLD.replace('"100000"', '"100001"')


def test_json_lines_on_standard_input_with_crlf_are_read_line_by_line() -> None:
    lines = [json_line(NEW), json_line(OLD, school={"id": "100001", "name": "B"})]
    result = run("validate", "-", input="\r\n".join(lines).encode() + b"\r\n")
    assert result.exit_code == 0, plain(result)
    assert "2 documents checked: 2 valid" in plain(result)


def test_json_lines_on_standard_input_after_a_byte_order_mark_are_read_line_by_line() -> None:
    lines = [json_line(NEW), json_line(OLD, school={"id": "100001", "name": "B"})]
    result = run("validate", "-", input=b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")
    assert result.exit_code == 0, plain(result)
    assert "2 documents checked: 2 valid" in plain(result)


def test_a_first_line_nested_past_the_parser_is_refused_and_the_next_lines_read() -> None:
    """Before round 39, standard input whose first line was an object nested about 1,000
    levels deep ended every command that reads it in an internal error."""
    deep = '{"kind": "assessment", "x": ' + "[" * 5000 + "]" * 5000 + "}"
    result = run("validate", "-", input=f"{deep}\n{json_line(NEW)}\n".encode())
    assert result.exit_code == 1, plain(result)
    told = plain(result).splitlines()
    assert told[0] == "<stdin>:1:92: error: nested more than 64 levels deep", told
    assert told[-1] == "2 documents checked: 1 valid, 1 invalid (1 error)", told


# -- a run that fails half way keeps the previous output --------------------------------

BAD_LINES = {
    "broken JSON": "{bad",
    "not an assessment": '{"kind": "assessment"}',
    "a NUL": '{"kind": "x"\x00}',
    "a lone surrogate": json_line(NEW).replace("Deputy headteacher", "\\ud800"),
}


def _batch(here: Path, bad: str, respondents: bool = False) -> None:
    first, second = (
        (json_line(respondent()), json_line(respondent("leaders")))
        if respondents
        else (json_line(NEW), json_line(OLD, school={"id": "100002", "name": "C"}))
    )
    (here / "in.jsonl").write_text(f"{first}\n{bad}\n{second}\n", encoding="utf-8")
    (here / "out.json").write_bytes(b"PREVIOUS")


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("bad", list(BAD_LINES))
def test_strict_stops_at_a_bad_line_and_keeps_the_previous_output(
    here: Path, bad: str, jobs: str
) -> None:
    _batch(here, BAD_LINES[bad])
    check = unchanged(here)
    result = run("report", "in.jsonl", "--strict", "--jobs", jobs, "-o", "out.json")
    assert result.exit_code == 1
    assert "in.jsonl:2:" in plain(result)
    assert "--strict: stopped after 1 report(s)" in plain(result)
    check()


#: Commands that skip a bad line (exit 1) and write the others whole.
SKIPPING = {
    "report": ("report", "in.jsonl", "--format", "json", "-o", "out.json"),
    "benchmark": ("benchmark", "in.jsonl", "--format", "json", "-o", "out.json"),
    "collect": ("collect", "in.jsonl", "-o", "out.json"),
    "support": ("support", "in.jsonl", "--format", "json", "-o", "out.json"),
}


@pytest.mark.parametrize("bad", list(BAD_LINES))
@pytest.mark.parametrize("command", list(SKIPPING))
def test_a_bad_line_is_skipped_and_the_output_replaced_whole(
    here: Path, command: str, bad: str
) -> None:
    _batch(here, BAD_LINES[bad])
    result = run(*SKIPPING[command])
    assert result.exit_code == 1
    assert "in.jsonl:2:" in plain(result)
    written = (here / "out.json").read_bytes()
    assert written != b"PREVIOUS"
    if command == "report":
        assert [json.loads(x)["assessment"]["school"]["id"] for x in written.splitlines()] == [
            "100000",
            "100002",
        ]
    assert temporary_files(here) == []


@pytest.mark.parametrize("bad", list(BAD_LINES))
@pytest.mark.parametrize("command", ["voices", "combine"])
def test_responses_with_a_bad_line_are_refused_and_nothing_written(
    here: Path, command: str, bad: str
) -> None:
    _batch(here, BAD_LINES[bad], respondents=True)
    check = unchanged(here)
    extra = ("--format", "json") if command == "voices" else ("--min-group", "1")
    result = run(command, "in.jsonl", *extra, "-o", "out.json")
    assert result.exit_code == 1
    assert "in.jsonl:2:" in plain(result)
    check()


# -- names and fields with control characters ----------------------------------------------

ESCAPE = "\x1b[2J\r\x7f\x9b"
SHOWN = "\\x1b[2J\\r\\x7f\\x9b"
#: An id may hold no whitespace: the rest of the attack.
ID_ESCAPE = "\x1b[2J\x7f\x9b"


@pytest.mark.parametrize(
    "args",
    [
        ("report", "a.yaml", "b.yaml", "-o", f"o{ESCAPE}.json", "--format", "json"),
        ("report", "a.yaml", "b.yaml", "--output-dir", f"d{ESCAPE}"),
    ],
    ids=["-o", "--output-dir"],
)
def test_a_batch_names_where_it_wrote_escaped(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert SHOWN in result.stderr


@pytest.mark.parametrize("command", list(OUTPUTS))
@pytest.mark.parametrize(("name", "seen"), [(ESCAPE, SHOWN), ("\nok: x", "\\nok: x")])
def test_a_refused_output_is_named_escaped_on_one_line(command: str, name: str, seen: str) -> None:
    result = run(*_with_output(command, f"no{name}/out.json"))
    assert result.exit_code == 2
    assert f"the folder `no{seen}` does not exist" in plain(result)


def _hostile(text: str) -> str:
    """`text` with control characters in the school's name, authority and id, the
    assessor, the respondent's group and every piece of evidence."""
    data = yaml.safe_load(text)
    data["assessed_on"] = str(data["assessed_on"])
    data["school"] = {"id": f"1{ID_ESCAPE}", "name": ESCAPE, "authority": ESCAPE}
    for judgement in data["judgements"].values():
        if isinstance(judgement, dict) and "evidence" in judgement:
            judgement["evidence"] = ESCAPE
    if "respondent" in data:
        data["respondent"] = {"group": f"g{ID_ESCAPE}"}
    else:
        data["assessor"] = ESCAPE
    return json.dumps(data)


@pytest.mark.parametrize(
    "args",
    [
        ("support", "h.json", "h0.json"),
        ("support", "h.json", "--format", "csv"),
        ("voices", "r1.json", "r2.json", "h.json", "--min-group", "1"),
        ("voices", "r1.json", "r2.json", "--format", "csv", "--min-group", "1"),
        ("combine", "r1.json", "r2.json", "--min-group", "1", "-o", "-"),
        ("combine", "r1.json", "r2.json", "--min-group", "1", "-o", "d.yaml"),
        ("collect", "h.json", "-o", "c.parquet"),
        ("report", "h.json", "--voices", "r1.json", "--min-group", "1"),
        ("report", "h.json", "--history", "h0.json"),
        ("report", "h.json", "--previous", "h0.json"),
        ("report", "h.json", "--format", "markdown"),
    ],
    ids=lambda args: " ".join(args[:1] + args[-2:]),
)
def test_control_characters_in_every_field_never_reach_the_terminal(
    here: Path, args: tuple[str, ...]
) -> None:
    """What test_escaping does not cover: support, voices, combine, collect and report's
    --voices and --history (`run` checks both streams)."""
    (here / "h.json").write_text(_hostile(NEW), encoding="ascii")
    (here / "h0.json").write_text(_hostile(OLD), encoding="ascii")
    for n in (1, 2):
        (here / f"r{n}.json").write_text(_hostile(respondent()), encoding="ascii")
    result = run(*args)
    assert result.exit_code == 0, plain(result)


# -- two writers of one plan ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["p.yaml", "p.json"])
def test_a_plan_made_by_another_program_during_the_questions_is_not_replaced(
    here: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Another program (another `plan -i`, an editor) makes PLAN while `plan` asks its
    questions: that file stays as it is, the new plan is saved beside it, exit 1."""
    from selfreview_core.plans import building, files

    made_by = building.plan_from_report

    def and_meanwhile(*args: Any, **kwargs: Any) -> Any:
        plan = made_by(*args, **kwargs)
        (here / name).write_text("# another program's plan\n", encoding="utf-8")
        return plan

    monkeypatch.setattr(files, "plan_from_report", and_meanwhile)
    before = set(here.iterdir())
    result = run("plan", "a.yaml", "-o", name)
    assert result.exit_code == 1, plain(result)
    assert (here / name).read_text(encoding="utf-8") == "# another program's plan\n"
    [beside] = set(here.iterdir()) - before - {here / name}
    stem, suffix = name.split(".")
    assert beside.name.startswith(f"{stem}.{suffix}.conflict-")
    assert beside.suffix == f".{suffix}"
    message = plain(result)
    assert f"{name} was made by another program while this plan was being made" in message
    assert f"Your plan is in {beside.name}." in message
    assert "Traceback" not in message
    # What was saved beside is the plan this run made, readable as one.
    plan = load_plan(beside)
    assert plan.actions
    assert plan.made_from is not None
    assert plan.made_from.file == "a.yaml"


def test_a_plan_saved_beside_keeps_its_name_within_the_limit(here: Path) -> None:
    from selfreview_core.outputs.writing import NAME_MAX, names_beside

    long = here / ("p" * 250 + ".yaml")
    names = names_beside(long, "conflict", dt.datetime(2026, 12, 1, 12, 0, 0))
    first, second = next(names), next(names)
    assert len(first.name.encode()) <= NAME_MAX
    assert len(second.name.encode()) <= NAME_MAX
    assert first.name.endswith(".conflict-20261201T120000.yaml")
    assert second.name.endswith(".conflict-20261201T120000-2.yaml")
    assert first.parent == second.parent == here
