"""Which files the cohort commands read: the assessment files PATHS name (`benchmark`,
`collect`, `support`), the cohort's framework among them or in `--framework`, and every
input named, for `-o` never to replace one (`benchmark`, `support`): `cohort_paths`, the
preamble `benchmark` and `support` share.

Handed to the commands by `_cohort`. Checks of the command line only: nothing here opens an
assessment; a framework file is loaded only to refuse a bad one, located.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import click

from .._names import FILE_SUFFIXES, JSON_LINES
from ..escaping import shown
from ._cohort_files import framework_files
from ._folder_frameworks import FolderFrameworks, folder_frameworks

if TYPE_CHECKING:
    from .._followed import Followed
    from ..outputs.writing import Inputs
    from ._common import State

__all__ = [
    "CohortPaths",
    "assessment_files",
    "cohort_inputs",
    "cohort_paths",
    "framework_among",
    "refuse_to",
]


@dataclass(frozen=True)
class CohortPaths:
    """What `benchmark` or `support` reads, found before any of it is read: the files of
    PATHS (`walked.files`: assessments, or cohort files when `parquet`), the cohort's
    framework (`--framework`, or a file among PATHS), the engine's framework files
    (`frameworks`: `framework_files`, with those found in the folders among PATHS), the
    rule packs (those found in those folders before `--rules`), and the inputs an output
    must not replace (PATHS and `--framework`; the command adds the rest, in its order)."""

    framework_name: str | None
    walked: FolderFrameworks
    parquet: bool
    frameworks: tuple[str, ...]
    rule_files: list[str]
    inputs: Inputs


#: Cohort files and assessments given together: what `benchmark` and `support` say.
MIXED: Final = (
    "give cohort files (.parquet) or assessments, not both: collect the assessments into the "
    "cohort file first"
)


def cohort_paths(
    state: State,
    paths: Sequence[str],
    framework_name: str | None,
    to: str | None,
    command: str,
    *,
    rule_files: Sequence[str] | None = None,
) -> CohortPaths:
    """The files `paths` name, for `command` (`benchmark`, `support`): the cohort's framework
    taken out of them (`framework_among`), cohort files or assessments but not both (a usage
    error, `MIXED`), the folders walked (`assessment_files`) and the
    framework files in them taken out (`folder_frameworks`; with `rule_files`, the rule packs
    too: the command takes them)."""
    from .._followed import Followed
    from ..cohort.inputs import is_cohort_file
    from ..files.walk import each_once

    as_given = paths  # a framework file among them included: never written over
    framework_name, paths = framework_among(framework_name, to, paths, command)
    cohort_files = [p for p in paths if is_cohort_file(p)]
    if cohort_files and len(cohort_files) != len(paths):
        raise click.UsageError(MIXED)
    followed = Followed()  # what the walk follows, for the output checks
    files = each_once(cohort_files) if cohort_files else assessment_files(paths, followed)
    # A framework file (or rule pack) in a folder given is one given, once.
    named = (*framework_files(state, framework_name, to), *(rule_files or ()))
    walked = folder_frameworks(paths, files, rules=rule_files is not None, given=named)
    return CohortPaths(
        framework_name,
        walked,
        bool(cohort_files),
        framework_files(state, framework_name, to, walked.frameworks),
        [*walked.rule_packs, *(rule_files or ())],
        cohort_inputs(as_given, walked.files, framework_name, to, followed),
    )


def refuse_to(found: CohortPaths, to: str | None, instead: str) -> None:
    """A usage error for `--to` with cohort files, saying what to do `instead`: their rows
    are not carried to another version (`cohort.inputs`)."""
    if found.parquet and to is not None:
        raise click.UsageError(
            f"--to carries assessments, not a cohort file's rows: {instead}, or collect them again"
        )


def assessment_files(paths: Sequence[str], followed: Followed) -> list[str]:
    """The assessment files and JSON Lines files `paths` name, each once (`each_once`);
    `BadParameter` for a path with none. Standard input (`-`, claimed as `<stdin>`) is
    one of them: a single assessment or JSON Lines. The links the walks followed are
    noted in `followed`, for the output checks (`cohort_inputs`)."""
    from ..files.stdin import is_stdin
    from ..files.walk import SUFFIXES, each_once, expand_paths

    files: list[str] = []
    for path in paths:
        if is_stdin(path):
            files.append(path)
            continue
        found = list(expand_paths([path], SUFFIXES + JSON_LINES, followed))
        if not found:
            message = f"no YAML, JSON or JSON Lines files under {shown(path, newline=False)}"
            raise click.BadParameter(message, param_hint="PATHS")
        files.extend(found)
    return each_once(files)


def cohort_inputs(
    given: Sequence[str],
    files: Sequence[str],
    framework: str | None,
    to: str | None,
    followed: Followed,
) -> Inputs:
    """What `benchmark` and `support` read, for `-o` never to replace it: the PATHS as given
    (a framework file among them, which `framework_among` takes out, included) and their
    files (the folders among them walked: `-o` may not go where the next run reads it),
    and `--framework` or `--to` where either names a file, not an id; `followed`, what the
    walk of the folders (`assessment_files`) followed."""
    from ..outputs.writing import Inputs

    inputs = Inputs(followed).add("PATHS", *given, *files).walk("PATHS", *given)
    return inputs.add("--framework", framework).add("--to", to)


def framework_among(
    name: str | None, to: str | None, paths: Sequence[str], command: str
) -> tuple[str | None, list[str]]:
    """The cohort's framework and the other PATHS, for `benchmark` and `support`.

    A framework file among PATHS names it, as `--framework FILE` does (SPEC section 5).
    `--framework ID` (not a file), what these commands' `--framework` once meant where every
    other command takes a FILE, still works, with a warning to use `--to ID`, so that a script
    written for it keeps its output; with `--to` as well it is a usage error. `-` is
    refused there and in `--to`, saying why (every other command's `--framework -`, and
    `migrate --to -`, read standard input).
    """
    from ..files.kinds import says_framework

    for given, param, takes in ((name, "--framework", "FILE"), (to, "--to", "id or file")):
        if given == "-":
            raise click.BadParameter(
                f"takes a framework {takes}, not `-`: the cohort's worker processes read the "
                "framework again, and standard input can be read only once (save it to a file)",
                param_hint=param,
            )
    named = [p for p in paths if not p.lower().endswith(".parquet") and says_framework(p)]
    rest = [p for p in paths if p not in named]
    if named and (name is not None or len(named) > 1):
        raise click.UsageError("name one framework: one file among PATHS, or --framework")
    if not rest and named:
        from ..found_frameworks import alone
        from ..loader import load_framework

        for framework in named:  # a bad one is refused first, located
            load_framework(framework)
        raise click.UsageError(alone(frameworks=True))
    if named:
        return named[0], rest
    if name is not None and not os.path.isfile(name):
        _not_a_framework_file(name)
        if to is not None:
            raise click.BadParameter(
                "takes a framework FILE; the cohort's framework by id is --to ID (once)",
                param_hint="--framework",
            )
        click.echo(
            f"{click.style('warning', fg='yellow')}: --framework ID is deprecated for "
            f"{command}: use --to {shown(name, newline=False)} (--framework takes a FILE, as "
            "for every command)",
            err=True,
        )
    return name, rest


def _not_a_framework_file(name: str) -> None:
    """Refuse a `--framework` that names a file, though not a regular one, as every other
    command's `--framework` does: a folder is a usage error (exit 2, click's `dir_okay=False`
    elsewhere), a device or a pipe the loader's located refusal (exit 1). And one that is not
    there (a link to nothing included, as click's `exists=True` has it) but could only be a
    path: read as a deprecated framework id, it would get a warning to use `--to` with that
    path, then "no framework" for the file the user misspelt."""
    if os.path.isdir(name):
        raise click.BadParameter(
            f"`{shown(name, newline=False)}` is a directory, not a file", param_hint="--framework"
        )
    if os.path.exists(name):  # not a link to nothing: that is not there
        from ..loader import load_framework

        load_framework(name)  # raises: not a regular file
    if os.sep in name or (os.altsep and os.altsep in name) or name.endswith(FILE_SUFFIXES):
        raise click.BadParameter(
            f"file `{shown(name, newline=False)}` does not exist", param_hint="--framework"
        )
