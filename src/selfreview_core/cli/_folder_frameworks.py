"""The frameworks in the folders a command walks (SPEC section 5): a framework file found in
a folder given on the command line is a framework file given, for every command that walks
folders (`report`, `benchmark`, `collect`, `support`, `voices`, `combine`) as for `validate`.
It is looked for after the framework files named themselves, in the walk's order, and before
`--framework` files and the available frameworks; it is never read as an assessment. So is
a rule pack, for a command that takes rule packs (`report`, `support`): applied before the
`--rules` files. Any other command passes a rule pack it finds by one line on standard error,
a note, whatever the exit status: a folder made for `report` (its framework, rule pack and
schools) is a folder `benchmark`, `collect` and `voices` read too, and a rule pack there is
no bad assessment.

One that does not load is a bad input like any other: the commands that skip bad inputs tell
it, located, skip it and exit 1 at the end, reporting on the other schools (whose framework
may be found elsewhere); `voices` and `combine`, which refuse any bad input, refuse it.
Given to the commands by `_common`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import click

from ..errors import Skipped

__all__ = ["FolderFrameworks", "folder_frameworks", "frameworks_named"]


@dataclass(frozen=True, slots=True)
class FolderFrameworks:
    """What a walk found: the files to read as assessments (or responses), and the framework
    files, those that load and those that do not (each with its located diagnostics)."""

    files: list[str]
    frameworks: tuple[str, ...] = ()
    broken: tuple[Skipped, ...] = ()
    #: The rule packs found, for a command that takes them (loaded by its engine, as its
    #: `--rules` files are: one that does not load fails the command, located).
    rule_packs: tuple[str, ...] = ()


def frameworks_named(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the framework files among `paths`, the others), each in order (`split_frameworks`).
    A usage error when there is no other, after refusing, located, a framework that does
    not load."""
    from ..files.kinds import split_frameworks
    from ..found_frameworks import alone
    from ..loader import load_framework

    named, rest = split_frameworks(paths)
    if named and not rest:
        for framework in named:  # a bad one is refused first, located
            load_framework(framework)
        raise click.UsageError(alone(frameworks=True))
    return named, rest


def folder_frameworks(
    paths: Sequence[str],
    files: Iterable[str],
    *,
    refuse: bool = False,
    rules: bool = False,
    given: Iterable[str] = (),
) -> FolderFrameworks:
    """`files` (the walk of `paths`, each once) with the framework files found in folders
    taken out and loaded (`refuse`: one that does not load raises, located), and with
    `rules` the rule packs taken out (else each is passed by, with a note on standard
    error: `_pass_by`). A usage error when nothing else is left, as for a
    framework file given alone. A file found that is one `given` already (a framework or
    rule pack named on the command line, or in the configuration), or found before by
    another name (a link), is that file, not a second one: it was said to be given twice,
    a warning that failed `report --strict` for naming a folder and its framework."""
    from ..files.kinds import found_in_folders
    from ..files.walk import once_key
    from ..found_frameworks import alone, fresh, load_found

    found, packs, rest = found_in_folders(paths, files, rules=True)
    if (found or packs) and not rest:  # a folder of rule packs alone names no framework
        raise click.UsageError(alone(frameworks=bool(found)))
    seen = {once_key(file) for file in given}
    loaded, broken = load_found(found, seen, refuse=refuse)
    packs = fresh(packs, seen)
    if not rules:
        _pass_by(packs)
        packs = []
    return FolderFrameworks(rest, tuple(f for f, _ in loaded), tuple(broken), tuple(packs))


def _pass_by(packs: Iterable[str]) -> None:
    """Say of each rule pack found, in a command that applies none, that it is passed by,
    named as every file name is (`shown_name`: a zero-width space shown, not obeyed)."""
    from ..escaping import shown_name

    context = click.get_current_context(silent=True)
    name = context.info_name if context is not None else None
    what = "`--voices` reads responses only" if name == "report" else f"`{name}` applies none"
    for pack in packs:
        message = f"{shown_name(pack)}: note: a rule pack, not read: {what}"
        click.echo(message, err=True)
