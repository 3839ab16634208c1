"""Whether a document fits its framework: the ids, levels and versions it names.

Each check reads plain data (what a file parses to, or a model dump) and is defensive about
its shape, so the loader can run it even where field validation failed elsewhere in the
document, and locate every problem in one run. A document built in Python is checked with
the `check_*` functions, which raise `InvalidDocument` (without locations: there is no file).
Assessments, which are checked for every report, have their own module (`assessment_checks`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .._hints import hint_budget
from ..errors import Diagnostic, InvalidDocument, format_path, quoted_key
from .base import MERGE_KEY_HINT, SKIP_CHECKS, did_you_mean, split_ref
from .conditions import condition_findings, condition_warnings
from .findings import (
    Finding,
    Path,
    duplicate_id_finding,
    framework_findings,
    lookalike_id_findings,
    scale_finding,
)
from .framework import Framework, award_findings
from .questions import question_findings
from .rules import RulePack

if TYPE_CHECKING:
    from .plan import Plan

__all__ = [
    "check_plan",
    "check_rules",
    "condition_warning_findings",
    "framework_award_findings",
    "framework_file_findings",
    "plan_framework_findings",
    "raise_findings",
    "rule_findings",
    "strand_finding",
    "unknown_id_finding",
    "version_findings",
    "wrong_framework_finding",
]


def version_findings(framework: Framework, data: Mapping[str, Any], what: str) -> list[Finding]:
    """A document naming `id@version` of another version than the framework it is checked
    against."""
    ref = data.get("framework")
    if isinstance(ref, str):
        version = split_ref(ref)[1]
        if version and version != framework.version:
            # An assessment can be carried to another version (a plan or rule pack cannot).
            # `migrate` reads it against its own version, which this check was not given:
            # the hint says so, or `migrate` would refuse it again in the same words (before
            # round 80 it did, and the user went round in a circle).
            hint = (
                f"`selfreview migrate --to {framework.ref}` carries it to that version, given "
                f"the framework of version {version} by `--framework FILE` where no plugin "
                "provides it"
                if what == "assessment"
                else None
            )
            return [
                Finding(
                    ("framework",),
                    f"{what} is of version {version}, but {framework.id} is version "
                    f"{framework.version}",
                    "framework-version",
                    hint,
                )
            ]
    return []


def wrong_framework_finding(what: str, ref: str, framework: Framework) -> Finding | None:
    """A finding when `ref` (a document's `framework`) names another framework than the one
    it is checked against; `what` is the document (`assessment`, `rule pack`, `plan`)."""
    if split_ref(ref)[0] == framework.id:
        return None
    return Finding(
        ("framework",), f"{what} is of `{ref}`, not of {framework.ref}", "wrong-framework"
    )


def strand_finding(
    framework: Framework,
    path: Path,
    strand_id: str,
    *,
    at_key: bool = True,
    such_as: str | None = None,
    strand_ids: Sequence[str] | None = None,
) -> Finding | None:
    """A finding when `strand_id` is not a strand of `framework`, or None when it is.

    For an element or aspect id, `such_as` (`judge each of its strands`) leads a hint naming
    its first strand; for an unknown id, the hint is the closest of `strand_ids` (by default
    the framework's: pass them when checking many ids, so they are made once).
    """
    node = framework.find(strand_id)
    if node is not None and node.KIND == "strand":
        return None
    if node is None:
        candidates = framework.strand_ids if strand_ids is None else strand_ids
        what, hint = "not a strand", did_you_mean(strand_id, candidates)
        if at_key and strand_id == "<<":  # a key among the judgements
            hint = MERGE_KEY_HINT
    else:
        what, hint = f"an {node.KIND}, not a strand", None
        if such_as is not None:
            hint = f"{such_as}, such as `{framework.strands_under(strand_id)[0].id}`"
    return Finding(
        path,
        f"{quoted_key(strand_id, 'an empty key' if at_key else 'an empty id')} is {what}"
        f" of {framework.ref}",
        "unknown-strand",
        hint=hint,
        at_key=at_key,
    )


def unknown_id_finding(
    framework: Framework, path: Path, node_id: str, *, at_key: bool = False
) -> Finding | None:
    """A finding when `node_id` is no element, aspect or strand of `framework`."""
    if node_id in framework:
        return None
    return Finding(
        path,
        f"{quoted_key(node_id, 'an empty key' if at_key else 'an empty id')} is not an "
        f"element, aspect or strand of {framework.ref}",
        "unknown-id",
        hint=did_you_mean(node_id, framework.ids),
        at_key=at_key,
    )


def raise_findings(findings: list[Finding], what: str, ref: str, framework: Framework) -> None:
    """Raise `InvalidDocument` for what the checks found in a document built in Python (so
    without locations), led by a wrong framework when `ref` names another one."""
    wrong = wrong_framework_finding(what, ref, framework)
    if wrong is not None:
        findings = [wrong, *findings]
    if findings:
        raise InvalidDocument(
            [
                Diagnostic(f.message, path=format_path(f.path), hint=f.hint, code=f.code)
                for f in findings
            ]
        )


# -- frameworks: the requirements of their awards ---------------------------------------------


def framework_file_findings(data: Any) -> list[Finding]:
    """What a framework's data is checked for before it is validated with `SKIP_CHECKS`
    (by the loader, to locate each problem; by `twins`, whose JSON is checked as its file).
    """
    findings = framework_findings(data) + question_findings(data)
    if isinstance(data, Mapping) and "awards" in data:
        findings += framework_award_findings(data)  # only awards need their checks
    return findings


def framework_award_findings(data: Any) -> list[Finding]:
    """`award_findings` for a raw framework document; requirements are checked against the
    rest of the document when that much of it is valid (otherwise its own errors show)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("awards"), list):
        return []
    rest = {key: value for key, value in data.items() if key != "awards"}
    try:
        framework: Framework | None = Framework.model_validate(rest, context={SKIP_CHECKS: True})
    except ValidationError:
        framework = None
    return award_findings(framework, data["awards"])


# -- conditions that can never hold, or always hold (warnings) --------------------------------


def condition_warning_findings(framework: Framework, data: Any) -> list[Finding]:
    """Tests that can never hold or always hold (`condition_warnings`) in a raw framework's
    award requirements or a raw rule pack's rules, and ids of a framework that look alike
    (`lookalike_id_findings`), each at its path: warnings, not errors."""
    found: list[Finding] = []
    if not isinstance(data, Mapping):
        return found
    if data.get("kind") == "framework":
        found += lookalike_id_findings(data)
    for key, field in (("awards", "require"), ("rules", "when")):
        items = data.get(key)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if isinstance(item, Mapping):
                found.extend(condition_warnings(framework, item.get(field), (key, i, field)))
    return found


# -- rule packs -------------------------------------------------------------------------------


def rule_findings(framework: Framework, data: Any) -> list[Finding]:
    """Unknown or wrong-kind ids, levels outside the scale, duplicate rule ids."""
    if not isinstance(data, Mapping):
        return []
    findings = version_findings(framework, data, "rule pack")
    rules = data.get("rules")
    if not isinstance(rules, list):
        return findings
    first_at: dict[str, Path] = {}
    for i, rule in enumerate(rules):
        if not isinstance(rule, Mapping):
            continue
        path: Path = ("rules", i)
        duplicate = duplicate_id_finding(path, rule.get("id"), first_at, "rule", "a pack")
        if duplicate is not None:
            findings.append(duplicate)
        findings.extend(condition_findings(framework, rule.get("when"), (*path, "when")))
        advice = rule.get("recommend")
        targets = advice.get("targets") if isinstance(advice, Mapping) else None
        if isinstance(targets, list):
            for j, target in enumerate(targets):
                if isinstance(target, str):
                    where = (*path, "recommend", "targets", j)
                    unknown = unknown_id_finding(framework, where, target)
                    if unknown is not None:
                        findings.append(unknown)
    return findings


@hint_budget
def check_rules(framework: Framework, pack: RulePack) -> None:
    """Raise `InvalidDocument` if a built rule pack names ids or levels its framework lacks."""
    findings = rule_findings(
        framework, pack.model_dump(mode="json", by_alias=True, exclude_none=True)
    )
    raise_findings(findings, "rule pack", pack.framework, framework)


# -- plans ------------------------------------------------------------------------------------


def plan_framework_findings(framework: Framework, data: Any) -> list[Finding]:
    """Targets and baseline ids the framework lacks, baseline levels outside its scale, and
    a pinned version other than the framework's."""
    if not isinstance(data, Mapping):
        return []
    findings = version_findings(framework, data, "plan")
    actions = data.get("actions")
    if not isinstance(actions, list):
        return findings
    for i, action in enumerate(actions):
        if not isinstance(action, Mapping):
            continue
        targets = action.get("targets")
        if isinstance(targets, list):
            for j, target in enumerate(targets):
                if isinstance(target, str):
                    unknown = unknown_id_finding(framework, ("actions", i, "targets", j), target)
                    if unknown is not None:
                        findings.append(unknown)
        baseline = action.get("baseline")
        if isinstance(baseline, Mapping):
            findings.extend(_baseline_findings(framework, ("actions", i, "baseline"), baseline))
        scores = action.get("baseline_scores")
        if isinstance(scores, Mapping):  # ids only: a score's range is the answers' to give
            for node_id in scores:
                if isinstance(node_id, str):  # any other key is field validation's
                    where = ("actions", i, "baseline_scores", node_id)
                    unknown = unknown_id_finding(framework, where, node_id, at_key=True)
                    if unknown is not None:
                        findings.append(unknown)
    return findings


def _baseline_findings(
    framework: Framework, path: Path, baseline: Mapping[Any, Any]
) -> list[Finding]:
    findings: list[Finding] = []
    scale = framework.scale
    for node_id, level in baseline.items():
        if not isinstance(node_id, str):
            continue  # reported by field validation
        unknown = unknown_id_finding(framework, (*path, node_id), node_id, at_key=True)
        outside = scale_finding(scale, (*path, node_id), level)
        findings.extend(f for f in (unknown, outside) if f is not None)
    return findings


@hint_budget
def check_plan(framework: Framework, plan: Plan) -> None:
    """Raise `InvalidDocument` if a built plan does not fit the framework."""
    data = plan.model_dump(mode="json", exclude_none=True)
    raise_findings(plan_framework_findings(framework, data), "plan", plan.framework, framework)
