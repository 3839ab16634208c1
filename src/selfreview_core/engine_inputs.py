"""What `Engine.report_many` and `Engine.benchmark` read from the paths they are given, as
`selfreview report` and `selfreview benchmark` read them (SPEC sections 5 and 6), and
`report_many`'s loop over them (`reports_of`), each item opened as the loop reaches it
(`each_input`: a folder as its files, a JSON Lines file as its lines).

A folder is walked once (`files.walk`). A framework file found in it is a framework given,
not an assessment (`found_frameworks`, the command line's rule): it is looked up before the
engine's own frameworks, as the command line looks the frameworks in its folders up before
its `--framework` files, the first found of an id winning. A file the engine was given
already (`Engine(frameworks=[...])`), or found before by another name, is that one. One
that does not load is a bad input, located: `report_many` raises it, or gives it to
`on_error` and goes on; `benchmark` skips it, as it skips a bad assessment file.

`benchmark` passes a rule pack in a folder by, as `selfreview benchmark` does (it applies
none); `report_many` refuses one, located, as before: it cannot apply one, where `selfreview
report` applies it. Folders that hold framework files (or, for `benchmark`, rule packs) and
nothing else to read are refused in the command line's words ("give the assessments as well
as their framework"), naming the first: `benchmark` raises `NoCohortError`, `report_many`
a `SelfReviewError`, rather than give no result without a word.

Given a list (or tuple), every folder in it is walked before the first report, so a
framework in any of them serves every assessment, as on the command line; given any other
iterable, which is read one item at a time, a folder's frameworks serve the assessments
from that folder on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any

from ._names import FILE_SUFFIXES, JSON_LINES, Policy, listed
from .errors import InvalidDocument, NoCohortError, SelfReviewError, Skipped
from .files.kinds import found_in_folders
from .files.walk import SUFFIXES, expand_paths, once_key
from .found_frameworks import alone, load_found
from .loader import load_assessment, resolve_framework
from .model.assessment import Assessment, school_named
from .model.framework import Framework
from .provided import GIVEN

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .cohort.files import FilesBenchmark
    from .report import Report

__all__ = ["FolderInputs", "benchmark_paths", "reports_of"]

Item = Assessment | str | os.PathLike[str]
Lookup = Callable[[str], Framework | None]
OnError = Callable[[str, SelfReviewError], None]


class FolderInputs:
    """The items a verb is given, each folder among them as the files under it with the
    `suffixes` asked for, and the frameworks found there: `lookup` finds an assessment's
    framework among them first, then with `fallback` (the engine's own lookup)."""

    def __init__(
        self,
        catalogue: Catalogue,
        suffixes: tuple[str, ...],
        fallback: Lookup | None = None,
        *,
        pass_packs: bool = False,  # rule packs found are passed by, not read as assessments
    ) -> None:
        self._catalogue = catalogue
        self._pass_packs = pass_packs
        self._fallback = fallback
        self._suffixes = suffixes
        #: The catalogue's frameworks by name, those found overlaid; None until one is.
        self._names: dict[str, Framework] | None = None
        self._ours: set[str] = set()
        self._seen: set[object] | None = None  # the framework files given or found
        #: The framework files found that do not load, with their diagnostics.
        self.broken: list[Skipped] = []
        #: The first folder found to hold a framework file, and one a rule pack passed by.
        self._holding: dict[bool, str] = {}

    def items(self, given: Iterable[Item], on_error: OnError | None) -> Iterator[Item]:
        """`given` with its folders walked, their frameworks taken out (one that does not
        load raised, or given to `on_error`); a list's folders all walked first."""
        given = listed(given, "assessments")
        if isinstance(given, Sequence):
            walked = [self._walked(item, on_error) for item in given]
            items: Iterable[Item] = chain.from_iterable(walked)
        else:
            items = chain.from_iterable(self._walked(item, on_error) for item in given)
        none = True
        for item in items:
            none = False
            yield item
        if none:
            self.refuse_alone(SelfReviewError)

    def refuse_alone(self, error: type[SelfReviewError]) -> None:
        """Raise `error` if the folders walked held framework files or rule packs (passed
        by), located at the first: the caller found nothing else to read in them."""
        for frameworks in (True, False):
            if (folder := self._holding.get(frameworks)) is not None:
                raise error(alone(frameworks), file=folder, code="no-assessments")

    def lookup(self, ref: str) -> Framework | None:
        """The framework `ref` names (`id@version`, else `id`): one found first."""
        if self._names is None and self._fallback is not None:
            return self._fallback(ref)
        return resolve_framework(self.names(), ref)

    def found(self, assessment: Assessment) -> Framework | None:
        """The framework the assessment names exactly, among those found and the
        catalogue's, once one was found in a folder; else None: the engine looks it up
        itself (and refuses an assessment built without one, by name)."""
        ref = getattr(assessment, "framework", None) if self._names is not None else None
        return None if self._names is None or not isinstance(ref, str) else self._names.get(ref)

    def names(self) -> dict[str, Framework]:
        """The catalogue's frameworks by name, with those found in front."""
        return self._catalogue.framework_names() if self._names is None else self._names

    def files(self, path: str | os.PathLike[str], *, refuse: bool = False) -> list[str]:
        """`path` (a file), or the files under it (a folder) but its frameworks, each
        loaded (`refuse`: one that does not load raises; else it is in `broken`)."""
        name = os.fspath(path)
        if not os.path.isdir(name):
            return [name]
        walked = list(expand_paths([name], self._suffixes))
        found, packs, rest = found_in_folders([name], walked, rules=self._pass_packs)
        for frameworks, held in ((True, found), (False, packs)):
            if held:
                self._holding.setdefault(frameworks, name)
        if found:
            if self._seen is None:
                given = self._catalogue.frameworks()
                self._seen = {once_key(e.path) for e in given if e.provider == GIVEN and e.path}
            loaded, broken = load_found(found, self._seen, refuse=refuse)
            self.broken.extend(broken)
            for _, framework in loaded:
                self._add(framework)
        return rest

    def _walked(self, item: Item, on_error: OnError | None) -> list[Item]:
        if isinstance(item, Assessment) or not os.path.isdir(item):
            return [item]
        told = len(self.broken)
        files: list[Item] = [*self.files(item, refuse=on_error is None)]
        if on_error is not None:  # else one that does not load raised
            for skipped in self.broken[told:]:
                on_error(skipped.file, InvalidDocument(skipped.diagnostics))
        return files

    def _add(self, framework: Framework) -> None:
        if self._names is None:
            self._names = self._catalogue.framework_names()
        for key in (framework.ref, framework.id):
            if key not in self._ours:  # the first found of each wins
                self._ours.add(key)
                self._names[key] = framework


def benchmark_paths(
    catalogue: Catalogue, paths: Iterable[str | os.PathLike[str]], **options: Any
) -> FilesBenchmark:
    """`cohort.benchmark_files` over `paths` as `FolderInputs` reads them, with the
    catalogue's frameworks: a framework file in a folder that does not load is skipped,
    located, as a bad assessment file is."""
    from .cohort.files import benchmark_files

    inputs = FolderInputs(catalogue, SUFFIXES, pass_packs=True)
    files = [file for path in listed(paths, "paths") for file in inputs.files(path)]
    if not files:
        inputs.refuse_alone(NoCohortError)
    result = benchmark_files(files, inputs.names(), **options)
    result.skipped[:0] = inputs.broken
    return result


def reports_of(
    catalogue: Catalogue,
    report: Callable[..., Report],
    fallback: Lookup,
    assessments: Iterable[Item],
    framework: Framework | None,
    policy: Policy | None,
    on_error: OnError | None,
) -> Iterator[Report]:
    """`Engine.report_many`: a report per assessment (objects, files, folders of them, JSON
    Lines files) by `report` (`Engine.report`), made one at a time as they are consumed; a
    framework file in a folder is a framework given, looked up before the catalogue's own
    (`fallback`, the engine's lookup)."""
    inputs = FolderInputs(catalogue, FILE_SUFFIXES + JSON_LINES, fallback)
    lookup = framework if framework is not None else inputs.lookup
    for item in each_input(inputs.items(assessments, on_error), lookup, on_error):
        name = school_named(item) if isinstance(item, Assessment) else os.fspath(item)
        try:
            assessment = item if isinstance(item, Assessment) else load_assessment(item, lookup)
            found = framework if framework is not None else inputs.found(assessment)
            made = report(assessment, framework=found, policy=policy)
        except SelfReviewError as error:
            if on_error is None:
                raise
            on_error(name, error)
            continue
        yield made


def each_input(
    items: Iterable[Assessment | str | os.PathLike[str]],
    lookup: Framework | Callable[[str], Framework | None],
    on_error: Callable[[str, SelfReviewError], None] | None,
) -> Iterator[Assessment | str | os.PathLike[str]]:
    """`items` (as `Engine.report_many` takes them) with each directory as the files
    under it and each JSON Lines file as the assessments on its lines (a line that does
    not load is `on_error`'s, named `FILE:LINE`, or raised): what `report_many` reads of
    its items, beside how a document is loaded (`loader`), which it uses."""
    from .files.json_lines import at_line, read_by_line, read_lines

    for item in listed(items, "assessments"):
        if isinstance(item, Assessment):
            yield item
            continue
        for file in expand_paths([item], FILE_SUFFIXES + JSON_LINES):
            if not read_by_line(file):
                yield file
                continue
            for number, line in read_lines(file):
                try:
                    if line is None:
                        raise SelfReviewError(f"line {number} is over the size limit", file=file)
                    yield load_assessment(file, lookup, text=line)
                except SelfReviewError as error:
                    located = type(error)(at_line(error.diagnostics, file, number))
                    if on_error is None:
                        raise located from None
                    on_error(f"{file}:{number}", located)
