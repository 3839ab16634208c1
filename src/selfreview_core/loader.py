"""Files to models: every problem in a document found in one pass, each with its location."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from ._hints import hint_budget
from ._names import FILE_KINDS
from .errors import Diagnostic, InvalidDocument, named_key
from .files.limits import DEFAULT_LIMITS, Limits
from .files.source import Source, _syntax_for, parse_text, read_source
from .files.written import with_keys_written, with_number_written
from .model.assessment import Assessment
from .model.assessment_checks import fit_findings, remember_fit
from .model.base import SKIP_CHECKS, Document, did_you_mean, is_framework_ref, split_ref
from .model.checks import (
    framework_file_findings,
    plan_framework_findings,
    rule_findings,
    wrong_framework_finding,
)
from .model.findings import Finding, a_or_an
from .model.framework import Framework, checked_on_loading
from .model.rules import RulePack
from .model.unvalidated import given
from .pydantic_errors import validation_diagnostics
from .quick_assessment import quick_assessment

if TYPE_CHECKING:
    from .model.migration import Migration
    from .model.plan import Plan

__all__ = [
    "KINDS",
    "FrameworkLookup",
    "assessment_from",
    "framework_from",
    "load",
    "load_assessment",
    "load_framework",
    "load_migration",
    "load_plan",
    "load_rules",
    "migration_from",
    "parse_document",
    "plan_from",
    "resolve_framework",
    "rules_from",
]

D = TypeVar("D", bound=Document)
PathLike = str | os.PathLike[str]
#: Where an assessment's framework comes from: one framework, or a lookup by id or id@version.
FrameworkLookup = Framework | Mapping[str, Framework] | Callable[[str], Framework | None]

#: The file kinds (`_names.FILE_KINDS`, in that order), as the keys of `KINDS` are.
_KIND_NAMES: dict[str, None] = dict.fromkeys(FILE_KINDS)
#: The hint where a framework is given for an assessment, or an assessment for a framework:
#: the commonest slip of all (`awards framework.yaml --framework school.yaml`, `assess
#: school.yaml -o ...`), which "expected a framework file" alone left the user to work out.
_SWAPPED_HINT = "were the framework and the assessment given the other way round?"
_SWAPPABLE = frozenset(("framework", "assessment"))
#: The hint where a review is given for a plan (`plan --status school.yaml`, round 81).
_PLAN_HINT = "`selfreview plan ASSESSMENT -o PLAN` makes a plan of a review"

if TYPE_CHECKING:
    #: Each file kind (`_names.FILE_KINDS`, in that order) and its model.
    KINDS: dict[str, type[Document]]


def _kinds() -> dict[str, type[Document]]:
    """`KINDS`, made on its first use rather than at import: the plan and migration models
    it holds are imported only then, so that a command reading assessments (`report`)
    starts without them. A kind without a model stops here."""
    from .model.migration import Migration
    from .model.plan import Plan

    models: tuple[type[Document], ...] = (Framework, Assessment, RulePack, Migration, Plan)
    return {kind: next(model for model in models if kind == model.KIND) for kind in FILE_KINDS}


def __getattr__(name: str) -> Any:
    """`KINDS` on its first use (PEP 562): see `_kinds`."""
    if name == "KINDS":
        kinds = globals()["KINDS"] = _kinds()  # made once; later lookups find it directly
        return kinds
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _finding_diagnostic(source: Source, finding: Finding) -> Diagnostic:
    key = finding.at_key
    message = with_number_written(source, finding.path, finding.message, finding.number, key=key)
    message = with_keys_written(source, message, finding.keys)
    if finding.related is not None:
        where = source.locate(finding.related)
        if where is not None:
            message = f"{message}, line {where[0]}"
    return source.diagnostic(finding.path, message, code=finding.code, hint=finding.hint, key=key)


def _order(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Top to bottom, each once."""
    unique = dict.fromkeys(diagnostics)
    return sorted(unique, key=lambda d: (d.line is None, d.line or 0, d.column or 0))


def _build(source: Source, model: type[D], findings: list[Finding]) -> D:
    diagnostics = [*source.problems, *(_finding_diagnostic(source, f) for f in findings)]
    try:
        result = model.model_validate(source.data, context={SKIP_CHECKS: True})
    except ValidationError as error:
        diagnostics.extend(validation_diagnostics(source, error, model))
        raise InvalidDocument(_order(diagnostics)) from None
    if diagnostics:
        raise InvalidDocument(_order(diagnostics))
    return result


def _expect_kind(source: Source, expected: str | None) -> str:
    """The document's kind; without a usable one nothing else can be checked."""
    kind = source.kind
    kinds = ", ".join(_KIND_NAMES)
    problem = None
    if "kind" not in source.data:
        problem = source.diagnostic(
            (), "missing required key `kind`", code="missing-key", hint=f"one of: {kinds}"
        )
    elif kind not in _KIND_NAMES:
        hint = did_you_mean(str(kind), _KIND_NAMES) or f"one of: {kinds}"
        message = named_key("unknown kind", str(source.data["kind"]), "an empty name")
        problem = source.diagnostic(("kind",), message, code="unknown-kind", hint=hint)
    elif expected is not None and kind != expected:
        message = f"expected {a_or_an(expected)} file, not {a_or_an(kind)} file"
        swapped = _SWAPPED_HINT if {expected, kind} == _SWAPPABLE else None
        if (expected, kind) == ("plan", "assessment"):
            swapped = _PLAN_HINT
        problem = source.diagnostic(("kind",), message, code="wrong-kind", hint=swapped)
    if problem is not None:
        raise InvalidDocument(_order([*source.problems, problem]))
    assert kind is not None
    return kind


def resolve_framework(lookup: FrameworkLookup | None, ref: str) -> Framework | None:
    """The framework `ref` names in `lookup` (by id@version, else by id), if any."""
    if lookup is None:
        return None
    if isinstance(lookup, Framework):
        return lookup
    if isinstance(lookup, Mapping):
        found = lookup.get(ref)  # not `or`: a framework's truth is its strand count
        return found if found is not None else lookup.get(split_ref(ref)[0])
    return lookup(ref)


def _known_ids(lookup: FrameworkLookup | None) -> list[str]:
    if isinstance(lookup, Mapping):
        return [str(k) for k in lookup]
    return []


# Each public entry point (`framework_from` .. `migration_from`, `check_*`) gives the document
# it checks one budget for all of its "did you mean" hints (`_hints`); helpers have none.


@hint_budget
def framework_from(source: Source) -> Framework:
    _expect_kind(source, "framework")
    return checked_on_loading(_build(source, Framework, framework_file_findings(source.data)))


@hint_budget
def assessment_from(source: Source, framework: FrameworkLookup | None = None) -> Assessment:
    """Validate an assessment; when a framework (or lookup) is given, check it fits."""
    _expect_kind(source, "assessment")
    checked: list[Framework] = []

    def checks(found: Framework, data: Any) -> list[Finding]:
        checked.append(found)
        return fit_findings(found, data)

    assessment = _build(
        source, Assessment, framework_fit(source.data, source.kind, framework, checks)
    )
    if checked:  # it fits: `check_assessment` need not check it again
        remember_fit(assessment, checked[0])
    return assessment


def framework_fit(
    data: Any,
    kind: str | None,
    framework: FrameworkLookup | None,
    check: Callable[[Framework, Any], list[Finding]],
) -> list[Finding]:
    """Find the framework a document (`data`, of `kind`) names and `check` it against it."""
    ref = data.get("framework")
    if framework is None or not is_framework_ref(ref):  # refused by the model, at its place
        return []
    found = resolve_framework(framework, ref)
    if found is None:
        return [
            Finding(
                ("framework",),
                f"unknown framework `{ref}`",
                "unknown-framework",
                hint=did_you_mean(split_ref(ref)[0], _known_ids(framework))
                or "name its file on the command line or with --framework",
            )
        ]
    found = given(found, "framework")  # a caller's, maybe built without validation
    what = {"rules": "rule pack", "plan": "plan"}.get(kind or "", "assessment")
    wrong = wrong_framework_finding(what, ref, found)
    if wrong is not None:
        return [wrong]
    return check(found, data)


@hint_budget
def rules_from(source: Source, framework: FrameworkLookup | None = None) -> RulePack:
    """Validate a rule pack; when its framework (or a lookup) is given, check every id and
    level it names against it."""
    _expect_kind(source, "rules")
    findings = framework_fit(source.data, source.kind, framework, rule_findings)
    return _build(source, RulePack, findings)


@hint_budget
def plan_from(source: Source, framework: FrameworkLookup | None = None) -> Plan:
    """Validate an action plan; when its framework (or a lookup) is given, check the ids
    and levels its actions name against it."""
    from .model.plan import Plan, plan_findings  # only for a plan: see `_kinds`

    _expect_kind(source, "plan")
    findings = plan_findings(source.data)
    findings += framework_fit(source.data, source.kind, framework, plan_framework_findings)
    return _build(source, Plan, findings)


@hint_budget
def migration_from(source: Source, framework: FrameworkLookup | None = None) -> Migration:
    """Validate a migration; given a lookup, check it against both of its versions (each
    found by `id@version` exactly)."""
    from .model.migration import Migration  # only for a migration: see `_kinds`
    from .model.migration_checks import migration_findings

    _expect_kind(source, "migration")
    resolve = None if framework is None else partial(_given_framework, framework)
    return _build(source, Migration, migration_findings(source.data, resolve))


def _given_framework(lookup: FrameworkLookup, ref: str) -> Framework | None:
    found = resolve_framework(lookup, ref)
    return None if found is None else given(found, "framework")


def parse_document(source: Source, framework: FrameworkLookup | None = None) -> Document:
    """The model for a parsed source of any kind."""
    kind = _expect_kind(source, None)
    if kind == "framework":
        return framework_from(source)
    if kind == "assessment":
        return assessment_from(source, framework)
    if kind == "rules":
        return rules_from(source, framework)
    if kind == "plan":
        return plan_from(source, framework)
    if kind == "migration":
        return migration_from(source, framework)
    return _build(source, _kinds()[kind], [])  # pragma: no cover - every kind has a builder


def _source(path_or_text: PathLike | str, text: str | bytes | None, limits: Limits) -> Source:
    if text is not None:
        return parse_text(text, os.fspath(path_or_text), limits=limits)
    return read_source(path_or_text, limits=limits)


def load(
    path: PathLike,
    *,
    framework: FrameworkLookup | None = None,
    text: str | bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Load a file of any kind; `text` parses that instead of reading `path` (used as its name)."""
    return parse_document(_source(path, text, limits), framework)


def load_framework(
    path: PathLike, *, text: str | bytes | None = None, limits: Limits = DEFAULT_LIMITS
) -> Framework:
    """Load a framework file; `text` parses that instead of reading `path` (used as its name)."""
    return framework_from(_source(path, text, limits))


def load_assessment(
    path: PathLike,
    framework: FrameworkLookup | None = None,
    *,
    text: str | bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Assessment:
    """Load an assessment; given its framework (or a lookup of frameworks), also check its
    strands and levels. Unchecked without one: a judgement for a strand the framework does
    not have, or a level off its scale, is accepted as it is. `Engine.load_assessment(path)`
    checks against the engine's frameworks."""
    if text is not None and framework is not None:
        quick = _quick_assessment(os.fspath(path), text, framework, limits)
        if quick is not None:
            return quick
    return assessment_from(_source(path, text, limits), framework)


def located_assessment(name: str, framework: FrameworkLookup, text: bytes) -> Assessment:
    """`load_assessment(name, framework, text=text)` by the located reader alone: for a
    caller that tried the quick path itself (a batch's line, `batch.work.load_unit`), so
    that a line it refused is not tried again."""
    return assessment_from(_source(name, text, DEFAULT_LIMITS), framework)


def _quick_assessment(
    name: str, text: str | bytes, framework: FrameworkLookup, limits: Limits
) -> Assessment | None:
    """The assessment in JSON `text` (a JSON Lines line, say) when it is valid and fits its
    framework (`quick_assessment`); None for anything else, which the located reader then
    reads again to say what is wrong and where, exactly as it would have."""
    if isinstance(text, str) and _syntax_for(name, text) != "json":
        return None
    if isinstance(text, bytes) and _syntax_for(name, text[:1].decode("latin-1")) != "json":
        return None
    # A dict (`Engine.framework_names`: a batch's lookup) is asked directly, in C: one it
    # has not under the reference itself is left to the located reader, which finds it as
    # `resolve_framework` does (under its id) and reads the same assessment from the text.
    resolve = framework.get if type(framework) is dict else partial(resolve_framework, framework)
    return quick_assessment(text, limits, resolve)


def load_rules(
    path: PathLike,
    framework: FrameworkLookup | None = None,
    *,
    text: str | bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> RulePack:
    """Load a rule pack; given its framework, also check the ids and levels it names."""
    return rules_from(_source(path, text, limits), framework)


def load_plan(
    path: PathLike,
    framework: FrameworkLookup | None = None,
    *,
    text: str | bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Plan:
    """Load an action plan; given its framework, also check the ids and levels it names."""
    return plan_from(_source(path, text, limits), framework)


def load_migration(
    path: PathLike,
    framework: FrameworkLookup | None = None,
    *,
    text: str | bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Migration:
    """Load a migration; given its frameworks (a lookup), also check every strand it names
    and that every old strand is mapped or retired."""
    return migration_from(_source(path, text, limits), framework)
