"""Files to models: every problem in a document found in one pass, each with its location."""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError

from ._base import Document, did_you_mean, split_ref
from ._frozen import FrozenDict
from ._hints import hint_budget
from ._memo import ByIdentity
from .assessment import Assessment, Judgement
from .checks import (
    Finding,
    assessment_findings,
    framework_findings,
    raise_findings,
    wrong_framework_finding,
)
from .errors import Diagnostic, InvalidDocument, PathPart, format_path
from .files.limits import DEFAULT_LIMITS, Limits
from .files.source import Source, parse_text, read_source
from .framework import SKIP_CHECKS, Framework
from .migration import Migration
from .migration_checks import migration_findings
from .migration_review import Review, review_findings
from .plan import Plan, plan_findings, plan_framework_findings
from .rules import TAG_MODELS, TAGS, RulePack, rule_findings

if typing.TYPE_CHECKING:
    from pydantic_core import ErrorDetails

__all__ = [
    "KINDS",
    "FrameworkLookup",
    "assessment_from",
    "check_assessment",
    "check_rules",
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
#: What `check_assessment` reads of an assessment, as plain values (`_fit_key`).
_FitKey = tuple[
    str,
    tuple[str, ...],
    tuple[type, ...],
    tuple[int, ...],
    tuple[type, ...],
    tuple[tuple[str, Review], ...],
]
_LEVEL = attrgetter("level")
#: Assessments known to fit a framework (loaded with it, or checked), while they live, with
#: what was checked: the check is skipped only while that is what the assessment holds.
_FITS: ByIdentity[Assessment, tuple[Framework, _FitKey]] = ByIdentity()

#: File kinds and their models; later kinds register here too.
KINDS: dict[str, type[Document]] = {
    "framework": Framework,
    "assessment": Assessment,
    "rules": RulePack,
    "migration": Migration,
    "plan": Plan,
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int | float):
        shown = str(value)
        return f"the number {shown if len(shown) <= 40 else shown[:37] + '...'}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text `{shown}`"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation may hold (through Annotated and unions)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], parts: Iterable[PathPart]) -> type[BaseModel] | None:
    """The model class found by following `parts` from `model`, if any."""
    current: list[Any] = [model]
    for part in parts:
        if part in TAGS:  # a tagged union: the tag says which member
            current = [TAG_MODELS[str(part)]]
            continue
        following: list[Any] = []
        for candidate in current:
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                field = candidate.model_fields.get(str(part))
                if field is not None:
                    following.extend(_unwrap(field.annotation))
            else:
                origin, args = typing.get_origin(candidate), typing.get_args(candidate)
                if origin in (list, tuple) and args:
                    following.extend(_unwrap(args[0]))
                elif origin in (dict, FrozenDict) and len(args) == 2:
                    following.extend(_unwrap(args[1]))
        current = following
    for candidate in current:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _literal_hint(model: type[BaseModel], loc: tuple[PathPart, ...], value: Any) -> str | None:
    """A "did you mean `done`?" hint for a misspelt choice (`status: dnoe`)."""
    parent = _model_at(model, loc[:-1])
    field = parent.model_fields.get(str(loc[-1])) if parent is not None and loc else None
    if field is None or not isinstance(value, str):
        return None
    choices = [c for t in _unwrap(field.annotation) for c in typing.get_args(t)]
    return did_you_mean(value, [c for c in choices if isinstance(c, str)])


def _message(error: ErrorDetails, model: type[BaseModel]) -> tuple[str, str | None, str, bool]:
    """(message, hint, code, at_key) for one pydantic error."""
    kind, loc, value = error["type"], error["loc"], error.get("input")
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        return f"missing required key `{name}`", None, "missing-key", False
    if kind in ("extra_forbidden", "invalid_key"):  # invalid_key: not text, so unknown too
        parent = _model_at(model, loc[:-1])
        hint = None
        if parent is not None:
            keys = [f.alias or n for n, f in parent.model_fields.items()]
            hint = did_you_mean(name, keys)
            if hint is None and len(keys) <= 10:
                hint = "expected one of: " + ", ".join(f"`{k}`" for k in keys)
        return f"unknown key `{name}`", hint, "unknown-key", True
    if loc and loc[-1] == "[key]":
        if kind == "string_type":  # an id: `1: 3` among judgements
            hint = f'write it in quotes: "{value}"' if type(value) is int else None
            return f"expected a text key (an id), got {_describe(value)}", hint, "type", True
        return f"expected a whole-number key, got {_describe(value)}", None, "type", True
    if kind == "string_type":
        hint = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            hint = f'write it in quotes: "{value}"'
        return f"expected text, got {_describe(value)}", hint, "type", False
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_describe(value)}", None, "type", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if len(loc) == 2 and loc[0] == "judgements":
            message = f"expected a level or a mapping with `level`, got {_describe(value)}"
            return message, None, "type", False
        return f"expected a mapping, got {_describe(value)}", None, "type", False
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, got {_describe(value)}", None, "type", False
    if kind.startswith(("date_", "datetime_")):
        reason = error["msg"].split(", ", 1)[1] if ", " in error["msg"] else "not a date"
        return (
            f"{_describe(value)} is not a valid date: {reason}",
            "write dates as YYYY-MM-DD",
            "date",
            False,
        )
    if kind == "string_pattern_mismatch":
        if name == "framework":
            return (
                f"{_describe(value)} is not a framework id",
                "write `id` or `id@version`, with no spaces",
                "id",
                False,
            )
        return f"{_describe(value)} is not a valid id", "ids have no spaces and no `@`", "id", False
    if kind in ("string_too_short", "empty_text"):
        return "must not be empty", None, "empty-text", False
    if kind == "value_error":
        return error["msg"].removeprefix("Value error, "), None, "invalid", False
    if kind == "literal_error":
        hint = _literal_hint(model, loc, value)
        return f"{_describe(value)} is not allowed here: {error['msg']}", hint, "invalid", False
    return error["msg"], None, kind, False


def _validation_diagnostics(
    source: Source, error: ValidationError, model: type[BaseModel]
) -> list[Diagnostic]:
    diagnostics = []
    for detail in error.errors(include_url=False):
        message, hint, code, at_key = _message(detail, model)
        # Drop pydantic's markers: dict keys and the tags of the condition union.
        loc = tuple(p for p in detail["loc"] if p != "[key]" and p not in TAGS)
        if detail["type"] == "missing":
            diagnostics.append(source.diagnostic(loc[:-1], message, code=code, hint=hint))
        else:
            diagnostics.append(source.diagnostic(loc, message, code=code, hint=hint, key=at_key))
    return diagnostics


def _finding_diagnostic(source: Source, finding: Finding) -> Diagnostic:
    message = finding.message
    if finding.related is not None:
        where = source.locate(finding.related)
        if where is not None:
            message = f"{message}, line {where[0]}"
    return source.diagnostic(
        finding.path, message, code=finding.code, hint=finding.hint, key=finding.at_key
    )


def _order(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Top to bottom, each once."""
    unique = dict.fromkeys(diagnostics)
    return sorted(unique, key=lambda d: (d.line is None, d.line or 0, d.column or 0))


def _build(source: Source, model: type[D], findings: list[Finding]) -> D:
    diagnostics = [*source.problems, *(_finding_diagnostic(source, f) for f in findings)]
    try:
        result = model.model_validate(source.data, context={SKIP_CHECKS: True})
    except ValidationError as error:
        diagnostics.extend(_validation_diagnostics(source, error, model))
        raise InvalidDocument(_order(diagnostics)) from None
    if diagnostics:
        raise InvalidDocument(_order(diagnostics))
    return result


def _expect_kind(source: Source, expected: str | None) -> str:
    """The document's kind; without a usable one nothing else can be checked."""
    kind = source.kind
    kinds = ", ".join(KINDS)
    problem = None
    if "kind" not in source.data:
        problem = source.diagnostic(
            (), "missing required key `kind`", code="missing-key", hint=f"one of: {kinds}"
        )
    elif kind not in KINDS:
        hint = did_you_mean(str(kind), KINDS) or f"one of: {kinds}"
        message = f"unknown kind `{source.data['kind']}`"
        problem = source.diagnostic(("kind",), message, code="unknown-kind", hint=hint)
    elif expected is not None and kind != expected:
        message = f"expected {_a(expected)} file, not {_a(kind)}"
        problem = source.diagnostic(("kind",), message, code="wrong-kind")
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
        return lookup.get(ref) or lookup.get(split_ref(ref)[0])
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
    findings = framework_findings(source.data)
    if isinstance(source.data, Mapping) and "awards" in source.data:
        # Only a framework with awards needs the award checks (and the rules engine).
        from .award_check import framework_award_findings

        findings += framework_award_findings(source.data)
    return _build(source, Framework, findings)


@hint_budget
def assessment_from(source: Source, framework: FrameworkLookup | None = None) -> Assessment:
    """Validate an assessment; when a framework (or lookup) is given, check it fits."""
    _expect_kind(source, "assessment")
    checked: list[Framework] = []

    def checks(found: Framework, data: Any) -> list[Finding]:
        checked.append(found)
        return _assessment_checks(found, data)

    assessment = _build(source, Assessment, _framework_findings(source, framework, checks))
    if checked:  # it fits: `check_assessment` need not check it again
        _FITS.set(assessment, (checked[0], _fit_key(assessment)))
    return assessment


def _framework_findings(
    source: Source,
    framework: FrameworkLookup | None,
    check: Callable[[Framework, Any], list[Finding]],
) -> list[Finding]:
    """Find the framework a document names and `check` the document against it."""
    ref = source.data.get("framework")
    if framework is None or not isinstance(ref, str) or not ref:
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
    what = {"rules": "rule pack", "plan": "plan"}.get(source.kind or "", "assessment")
    wrong = wrong_framework_finding(what, ref, found)
    if wrong is not None:
        return [wrong]
    return check(found, source.data)


@hint_budget
def rules_from(source: Source, framework: FrameworkLookup | None = None) -> RulePack:
    """Validate a rule pack; when its framework (or a lookup) is given, check every id and
    level it names against it."""
    _expect_kind(source, "rules")
    findings = _framework_findings(source, framework, rule_findings)
    return _build(source, RulePack, findings)


@hint_budget
def plan_from(source: Source, framework: FrameworkLookup | None = None) -> Plan:
    """Validate an action plan; when its framework (or a lookup) is given, check the ids
    and levels its actions name against it."""
    _expect_kind(source, "plan")
    findings = plan_findings(source.data)
    findings += _framework_findings(source, framework, plan_framework_findings)
    return _build(source, Plan, findings)


def _assessment_checks(framework: Framework, data: Any) -> list[Finding]:
    """Judgements, and strands left for review by a migration, that do not fit."""
    return [*assessment_findings(framework, data), *review_findings(framework, data)]


@hint_budget
def migration_from(source: Source, framework: FrameworkLookup | None = None) -> Migration:
    """Validate a migration; given a lookup, check it against both of its versions (each
    found by `id@version` exactly)."""
    _expect_kind(source, "migration")
    resolve = None if framework is None else (lambda ref: resolve_framework(framework, ref))
    return _build(source, Migration, migration_findings(source.data, resolve))


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
    return _build(source, KINDS[kind], [])  # pragma: no cover - every kind has a builder


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
    return framework_from(_source(path, text, limits))


def load_assessment(
    path: PathLike,
    framework: FrameworkLookup | None = None,
    *,
    text: str | bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Assessment:
    """Load an assessment; given its framework, also check its strands and levels."""
    return assessment_from(_source(path, text, limits), framework)


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


@hint_budget
def check_rules(framework: Framework, pack: RulePack) -> None:
    """Raise `InvalidDocument` if a built rule pack names ids or levels its framework lacks."""
    findings = rule_findings(
        framework, pack.model_dump(mode="json", by_alias=True, exclude_none=True)
    )
    raise_findings(findings, "rule pack", pack.framework, framework)


def _fit_key(assessment: Assessment) -> _FitKey:
    """Everything `check_assessment` reads, as plain values compared by equality: the
    framework named, the judged strands, each judgement's type, level and level's type, and
    the strands awaiting review with their entries.

    An assessment changed after its check, by the ways round deep immutability
    (`object.__setattr__` on it or on a judgement, `dict.__setitem__` on its judgements),
    is never taken for the one that was checked. C-level loops only: it runs for every
    report. Raises `AttributeError` or `TypeError` for judgements that are not judgements
    (an object built without validation).
    """
    judgements, review = assessment.judgements, assessment.review
    levels = tuple(map(_LEVEL, judgements.values()))
    return (
        assessment.framework,
        tuple(judgements),
        tuple(map(type, judgements.values())),
        levels,
        tuple(map(type, levels)),
        tuple(review.items()) if review else (),
    )


def _malformed(assessment: Assessment) -> InvalidDocument | None:
    """What validation would have refused in the judgements of an assessment built without
    it (`model_construct`, `object.__setattr__`), or None."""
    judgements = getattr(assessment, "judgements", None)
    review = getattr(assessment, "review", None)
    if not isinstance(judgements, Mapping) or not isinstance(review, Mapping | None):
        return InvalidDocument(
            [Diagnostic("judgements or review is not a mapping (built without validation?)")]
        )
    wrong = [
        Diagnostic(
            "not a judgement with a whole-number level (built without validation?)",
            path=format_path(("judgements", str(strand_id))),
        )
        for strand_id, judgement in judgements.items()
        if not isinstance(strand_id, str)
        or not isinstance(judgement, Judgement)
        or type(judgement.level) is not int
    ]
    wrong += [
        Diagnostic(
            "not a review entry (built without validation?)",
            path=format_path(("review", str(strand_id))),
        )
        for strand_id, entry in (review or {}).items()
        if not isinstance(strand_id, str) or not isinstance(entry, Review)
    ]
    return InvalidDocument(wrong) if wrong else None


def check_assessment(framework: Framework, assessment: Assessment) -> None:
    """Raise `InvalidDocument` if the assessment does not fit the framework (for built objects).

    Checked once: again only against another framework, or when what the assessment holds
    has changed since (`_fit_key`)."""
    try:
        key = _fit_key(assessment)
    except (AttributeError, TypeError):
        key = None
    fits = _FITS.get(assessment)
    if key is not None and fits is not None and fits[0] is framework and fits[1] == key:
        return
    _check_assessment(framework, assessment, key)


@hint_budget
def _check_assessment(framework: Framework, assessment: Assessment, key: _FitKey | None) -> None:
    malformed = _malformed(assessment)
    if malformed is not None:
        raise malformed
    if key is None:  # what `_malformed` does not look at: a missing field, say
        raise InvalidDocument(
            [Diagnostic("the assessment is malformed (built without validation?)")]
        )
    data = {
        "framework": assessment.framework,
        "judgements": dict(zip(key[1], key[3], strict=True)),
        "review": dict.fromkeys(strand_id for strand_id, _ in key[5]),
    }
    raise_findings(
        _assessment_checks(framework, data), "assessment", assessment.framework, framework
    )
    _FITS.set(assessment, (framework, key))
