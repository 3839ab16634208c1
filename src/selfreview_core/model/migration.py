"""Migrations (`kind: migration`): how one framework version's strands map onto another's.

When a framework is revised (Becta's Self-review framework went from eight elements to six),
a school's judgements are carried to the new version through a migration file. Each old
strand maps to one new strand, to several (a split), or shares one with others (a merge), or
is retired. Only a one-to-one mapping carries a level: see `migrations.apply.migrate`.
Checking a migration against its two versions is `migration_checks`; composing two is
`migrations.composition`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .._frozen import FrozenDict, freeze
from ..errors import format_path, quoted_key
from .base import SKIP_CHECKS, DerivedModel, Document, Id, Text, is_framework_ref, unseen_only
from .findings import Finding, Path

__all__ = ["Migration", "VersionedRef", "structure_findings", "targets_of"]


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _versioned(value: str) -> str:
    if is_framework_ref(value) and "@" in value:  # each of its two parts an id's text
        return value
    if not re.search(r"\s", value) and any(unseen_only(part) for part in value.split("@")):
        raise PydanticCustomError(  # `\u200b@1`: looked up as unknown until round 73
            "id",
            "`{value}` is not `id@version`: its id or its version holds only characters "
            "that print as nothing",
            {"value": _shown(value)},
        )
    if "@" not in value and not re.search(r"\s", value):
        raise PydanticCustomError(
            "id",
            "`{value}` names no version: a migration goes from one version to another, so "
            "write `id@version`, such as `{value}@1`",
            {"value": _shown(value)},
        )
    raise PydanticCustomError(
        "id",
        "`{value}` is not `id@version` (no spaces, one `@`)",
        {"value": _shown(value)},
    )


#: A framework version, `id@version`: a migration is always between two versions.
VersionedRef = Annotated[
    str,
    AfterValidator(_versioned),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[^\s@]+@[^\s@]+$",
            "description": "A framework and its version: `becta-srf@2010`.",
        }
    ),
]


def _as_targets(value: Any) -> Any:
    """`1a1: 2a1` is short for `1a1: [2a1]`; anything but text or a non-empty list is refused."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        if not value:
            raise PydanticCustomError(
                "invalid",
                "maps to no strand: name at least one new strand, or list the old strand "
                "under `retired`",
            )
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        raise PydanticCustomError(
            "type",
            "expected a strand id or a list of strand ids, got the number {value} (write it in "
            'quotes: "{value}")',
            {"value": _shown(value)},
        )
    what = "a mapping" if isinstance(value, dict) else "nothing (null)" if value is None else None
    raise PydanticCustomError(
        "type",
        "expected a strand id or a list of strand ids, got {what}",
        {"what": what or type(value).__name__},
    )


_TargetsInput = Id | Annotated[list[Id], Field(min_length=1)]
#: One new strand id, or a non-empty list of them (a split).
Targets = Annotated[
    tuple[Id, ...], BeforeValidator(_as_targets, json_schema_input_type=_TargetsInput)
]


class Migration(DerivedModel, Document):
    """`strands` maps each old strand id to its new strand id(s); `retired` lists old strands
    with no successor. Every old strand is one or the other (checked against the framework)."""

    KIND: ClassVar[str] = "migration"

    kind: Literal["migration"] = "migration"
    id: Id | None = None
    title: Text | None = None
    notes: str | None = None
    from_: VersionedRef = Field(alias="from", description="The old version: `id@version`.")
    to: VersionedRef = Field(description="The new version: `id@version`.")
    strands: FrozenDict[Id, Targets] = Field(
        description="Old strand id -> new strand id (or a list of them, for a split). Several "
        "old strands naming one new strand are a merge."
    )
    retired: tuple[Id, ...] = Field(
        default=(), description="Old strands with no successor: their judgements are dropped."
    )

    _sources: FrozenDict[str, tuple[str, ...]] = PrivateAttr(default_factory=FrozenDict)

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Self:
        if not (info.context and info.context.get(SKIP_CHECKS)):
            findings = structure_findings(self.data())
            if findings:
                raise ValueError("; ".join(f.describe() for f in findings))
        return self

    def model_post_init(self, context: Any, /) -> None:
        sources: dict[str, tuple[str, ...]] = {}
        try:
            for old, news in self.strands.items():
                for new in news:
                    sources[new] = (*sources.get(new, ()), old)
        except (AttributeError, TypeError):  # `model_construct` without strands, or of junk
            sources.clear()  # an engine given it refuses it whole (`model.unvalidated.given`)
        self._init_private("_sources", freeze(sources))

    def data(self) -> dict[str, Any]:
        """Plain data as a file holds it (`from`, not `from_`)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    @property
    def ref(self) -> str:
        """`from -> to`, the way messages name a migration."""
        return f"{self.from_} -> {self.to}"

    def describe(self) -> str:
        """The migration as messages name it: by its id where it has one, and its versions."""
        return f"migration {self.id} ({self.ref})" if self.id else f"migration {self.ref}"

    def summary(self, name: Callable[[str], str] = str) -> str:
        """One line saying what the migration does (what `selfreview validate` prints), each
        version named as `name` gives it (a terminal: `escaping.shown_name`)."""
        splits = sum(len(news) > 1 for news in self.strands.values())
        merges = sum(len(olds) > 1 for olds in self._sources.values())
        kinds = [
            f"{n} {what}{'s' if n > 1 else ''}"
            for n, what in ((splits, "split"), (merges, "merge"))
            if n
        ]
        mapped = len(self.strands)
        versions = f"{name(self.from_)} -> {name(self.to)}"
        text = f"migration {versions}: {mapped} strand{'s' if mapped != 1 else ''} mapped"
        text += f" ({', '.join(kinds)})" if kinds else ""
        return f"{text}, {len(self.retired)} retired"

    def sources(self, new_id: str) -> tuple[str, ...]:
        """The old strands that map to `new_id`, in file order (none for a new strand)."""
        return self._sources.get(new_id, ())

    @property
    def new_ids(self) -> tuple[str, ...]:
        """Every new strand something maps to, in the order first named."""
        return tuple(self._sources)

    def one_to_one(self, new_id: str) -> str | None:
        """The old strand that `new_id` simply continues (its only source, mapped only to
        it), or None for a split, a merge or a new strand."""
        sources = self.sources(new_id)
        if len(sources) == 1 and len(self.strands[sources[0]]) == 1:
            return sources[0]
        return None


# -- checks of the file itself, whatever the frameworks (on the raw data) ------------------


def targets_of(value: Any) -> list[tuple[Path, str]]:
    """(path suffix, new id) of each text target of one `strands` entry."""
    if isinstance(value, str):
        return [((), value)]
    if isinstance(value, list | tuple):
        return [((j,), t) for j, t in enumerate(value) if isinstance(t, str)]
    return []


def structure_findings(data: Mapping[str, Any]) -> list[Finding]:
    """What is wrong whatever the frameworks: the same version at both ends, a strand
    listed twice, an old strand both mapped and retired."""
    findings: list[Finding] = []
    source, target = data.get("from"), data.get("to")
    if isinstance(source, str) and source and source == target:  # empty: "must not be empty"
        findings.append(
            Finding(
                ("to",),
                f"`to` is `from` again ({source}): a migration goes from one version to another",
                "same-version",
            )
        )
    strands = data.get("strands")
    mapped = strands if isinstance(strands, Mapping) else {}
    for old, value in mapped.items():
        seen: set[str] = set()
        for suffix, new in targets_of(value):
            if new in seen:
                findings.append(
                    Finding(
                        ("strands", old, *suffix),
                        f"{quoted_key(new, 'an empty id')} is listed twice for {quoted_key(old)}",
                        "duplicate-id",
                    )
                )
            seen.add(new)
    retired = data.get("retired")
    first_at: dict[str, int] = {}
    for i, old in enumerate(retired if isinstance(retired, list | tuple) else ()):
        if not isinstance(old, str) or not old:  # empty: "must not be empty", once
            continue
        if old in first_at:
            findings.append(
                Finding(
                    ("retired", i),
                    f"`{old}` is retired twice: already at retired[{first_at[old]}]",
                    "duplicate-id",
                    related=("retired", first_at[old]),
                )
            )
            continue
        first_at[old] = i
        if old in mapped:
            findings.append(
                Finding(
                    ("retired", i),
                    f"{quoted_key(old)} is both mapped and retired: mapped at "
                    f"{format_path(('strands', old))}",
                    "mapped-and-retired",
                    hint="a retired strand's judgements are dropped; remove one of the two",
                    related=("strands", old),
                )
            )
    return findings
