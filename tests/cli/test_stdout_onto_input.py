"""Standard output that is a file the command reads (SPEC section 7: no output ever
overwrites an input).

`report school.yaml -o /dev/stdout >> school.yaml` was refused, but the same command without
`-o` (or with `-o -`) wrote its report onto the end of the review it read, exit 0: the next
run found a YAML document followed by a report. Every command that prints what it makes now
looks at what its standard output is before any work: a regular file that is one of its
inputs, however named, is refused (exit 2, naming standard output and the input), the input
byte for byte as it was. A terminal, a pipe, or a file that is no input is written as before.
Run as a user runs it, in a process of its own (`program.selfreview`): only there is standard
output a file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from program import selfreview

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

#: Each command that prints what it makes, IN the input its standard output is appended to.
PRINTERS = {
    "report": ("report IN --format json", "a.yaml", "ASSESSMENT"),
    "report -o -": ("report IN --format json -o -", "a.yaml", "ASSESSMENT"),
    "report batch": ("report schools --format json", "schools/b.yaml", "ASSESSMENT"),
    "report --previous": ("report schools/b.yaml --previous IN", "a.yaml", "--previous"),
    "benchmark": ("benchmark IN schools/b.yaml --format json", "a.yaml", "PATHS"),
    "support": ("support IN schools/b.yaml --format csv", "a.yaml", "PATHS"),
    "voices": ("voices IN", "r.yaml", "PATH"),
    "combine": ("combine IN --min-group 1 -o -", "r.yaml", "PATH"),
    "migrate": ("migrate IN --to becta-srf", "a.yaml", "ASSESSMENT"),
    "awards": ("awards IN", "a.yaml", "ASSESSMENT"),
    "plan --status": ("plan --status IN", "p.yaml", "--status"),
    "plan --status --review": ("plan --status p.yaml --review IN", "a.yaml", "--review"),
}


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with a school's review `a.yaml`, `schools/b.yaml` (another school's), a
    respondent's answers `r.yaml` and an action plan `p.yaml`."""
    review = (EXAMPLES / "example-primary-2026.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(review, encoding="utf-8")
    (tmp_path / "schools").mkdir()
    other = review.replace('id: "100000"', 'id: "100002"')
    (tmp_path / "schools" / "b.yaml").write_text(other, encoding="utf-8")
    respondent = review.replace("assessor: Deputy headteacher\n", "respondent:\n  group: staff\n")
    (tmp_path / "r.yaml").write_text(respondent, encoding="utf-8")
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", tmp_path / "old.yaml")
    shutil.copy(EXAMPLES / "plan" / "example-primary-plan.yaml", tmp_path / "p.yaml")
    return tmp_path


@pytest.mark.parametrize("command", list(PRINTERS))
def test_standard_output_appended_to_an_input_is_refused(work: Path, command: str) -> None:
    """`COMMAND >> INPUT`: exit 2 before any work, the message naming standard output, the
    input and its option; the input as it was, nothing else written."""
    args, target, option = PRINTERS[command]
    message = refused_onto(work, args, target)
    # -o named only where it would take the output: `awards` has none, `plan`'s is the plan
    # (round 64's mutation pass: both said "or give -o one").
    instead = "" if command.startswith(("awards", "plan")) else ", or give -o one"
    assert message.endswith(
        f"standard output is {option} (`{target}`), which this command reads: writing there "
        f"would replace it, so nothing was written (send it to another file{instead})"
    )


def refused_onto(work: Path, args: str, target: str) -> str:
    """The message of `ARGS >> TARGET` (IN in `args` standing for `target`), once it has
    exited 2 and left `target` as it was."""
    before = (work / target).read_bytes()
    with (work / target).open("ab") as out:
        done = selfreview(args.replace("IN", target).split(), cwd=work, stdout=out)
    message = " ".join(done.stderr.decode("utf-8").split())
    assert done.returncode == 2, message
    assert "Traceback" not in message
    assert (work / target).read_bytes() == before
    return message


def test_standard_output_onto_a_hard_link_to_an_input_is_refused(work: Path) -> None:
    """The input is known by identity: standard output on another name of it is refused."""
    (work / "link.yaml").hardlink_to(work / "a.yaml")
    before = (work / "a.yaml").read_bytes()
    with (work / "link.yaml").open("ab") as out:
        done = selfreview(["report", "a.yaml"], cwd=work, stdout=out)
    assert done.returncode == 2, done.stderr
    assert b"standard output is ASSESSMENT (`a.yaml`)" in done.stderr
    assert (work / "a.yaml").read_bytes() == before


def test_standard_output_to_a_file_that_is_no_input_is_written(work: Path) -> None:
    """A file that is no input of the command (the review beside it, not given) is written
    as before, exit 0, and so is a pipe."""
    with (work / "old.yaml").open("ab") as out:
        done = selfreview(["report", "a.yaml", "--format", "json"], cwd=work, stdout=out)
    assert done.returncode == 0, done.stderr
    assert b'"assessment"' in (work / "old.yaml").read_bytes()
    piped = selfreview(["report", "a.yaml", "--format", "json"], cwd=work)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith(b"{")


def test_standard_output_on_a_device_that_is_also_the_input_names_the_device() -> None:
    """`report /dev/null > /dev/null`: standard output is no regular file, so it is never
    taken for an input to be replaced (round 52's mutation pass); the refusal is the input's
    own, a device where a file is read (exit 1), not one about standard output (exit 2)."""
    done = selfreview(["report", os.devnull], stdout=subprocess.DEVNULL)
    message = " ".join(done.stderr.decode("utf-8").split())
    assert done.returncode == 1, message
    assert f"{os.devnull}: error: is a character device, not a regular file" in message
    assert "standard output" not in message


#: Commands that print only what they found in their inputs: `validate a.yaml >> a.yaml` wrote
#: its verdict onto the end of the review it checked (a JSON Lines file read line by line
#: could read back its own messages), exit 0. Refused now as the other commands refuse it.
CHECKERS = {
    "validate": ("validate IN", "a.yaml", "PATHS"),
    "validate --format json": ("validate IN --format json", "a.yaml", "PATHS"),
    "validate a folder": ("validate schools", "schools/b.yaml", "PATHS"),
    "validate --framework": ("validate a.yaml --framework IN", "f.yaml", "--framework"),
    "show": ("show IN", "f.yaml", "FRAMEWORK"),
}


@pytest.mark.parametrize("command", list(CHECKERS))
def test_validate_and_show_onto_an_input_are_refused(work: Path, command: str) -> None:
    """Exit 2 before any work, the message naming standard output, the input and its
    argument, with no -o to suggest (these commands have none); the input as it was."""
    shutil.copy(ROOT / "frameworks" / "becta-srf.yaml", work / "f.yaml")
    args, target, option = CHECKERS[command]
    message = refused_onto(work, args, target)
    assert (
        f"standard output is {option} (`{target}`), which this command reads: writing there "
        "would replace it, so nothing was written (send it to another file)"
    ) in message


def test_validate_and_show_onto_a_file_that_is_no_input_are_written(work: Path) -> None:
    """A file the command does not read gets what it prints, exit 0."""
    with (work / "old.yaml").open("ab") as out:
        checked = selfreview(["validate", "a.yaml"], cwd=work, stdout=out)
        shown = selfreview(["show", "becta-srf", "--format", "json"], cwd=work, stdout=out)
    assert (checked.returncode, shown.returncode) == (0, 0), checked.stderr + shown.stderr
    written = (work / "old.yaml").read_bytes()
    assert b"a.yaml: ok" in written
    assert b'"id"' in written
