"""Declarative rule packs (`kind: rules`): the advice each rule gives when its condition
holds. The conditions themselves are in `conditions`; checking a pack against its
framework is in `checks`."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, StrictInt

from .._names import Priority
from .base import Document, FrameworkRef, Id, Model, NamesFramework, Text
from .conditions import Condition
from .recommendation import Link

if TYPE_CHECKING:
    from .framework import Framework

__all__ = ["Rule", "RuleAdvice", "RulePack"]


class RuleAdvice(Model):
    """What a rule recommends; `targets` default to the ids its condition names."""

    title: Text
    action: Text
    audience: Text = "senior leadership"
    priority: Priority = "medium"
    links: tuple[Link, ...] = ()
    targets: tuple[Id, ...] | None = None
    reference: str | None = Field(
        default=None, description="The document the advice is drawn from (default: the pack's)."
    )


class Rule(Model):
    id: Id
    description: str | None = None
    when: Condition
    recommend: RuleAdvice


class RulePack(NamesFramework, Document):
    """Rules for one framework, kept in a YAML or JSON file or built in Python."""

    KIND: ClassVar[str] = "rules"
    kind: Literal["rules"] = "rules"
    id: Id
    framework: FrameworkRef
    title: str | None = None
    publisher: str | None = None
    year: StrictInt | None = None
    reference: str | None = Field(
        default=None, description="The document the rules are drawn from, for every rule."
    )
    licence: str | None = None
    notes: str | None = None
    rules: tuple[Rule, ...]

    def applies_to(self, framework: Framework) -> bool:
        """Whether the pack is written for this framework: its id, and its version unless
        the pack names none (a pack for every version)."""
        return self.framework_id == framework.id and self.framework_version in (
            None,
            framework.version,
        )
