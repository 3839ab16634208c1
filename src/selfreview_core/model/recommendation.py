"""Recommendations: the actions that move a school forward, each crediting where it came from.

The order a reader sees them in, and how several sources of one id are credited, is
`recommending`: it needs the framework's order, which a recommendation does not know.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from .._names import Priority
from .base import Id, Model, Text

__all__ = ["Link", "Recommendation", "safe_link"]

_SCHEMES = ("http://", "https://", "mailto:")


def safe_link(url: str) -> bool:
    """Only web and mail links: a `javascript:` or `data:` link never reaches a report."""
    return url.strip() == url and url.lower().startswith(_SCHEMES) and len(url) > 7


def _link(url: str) -> str:
    if not safe_link(url):
        raise PydanticCustomError(
            "unsafe_link", "links must start with http://, https:// or mailto:"
        )
    return url


#: A URL a report may show as a link.
Link = Annotated[
    str,
    AfterValidator(_link),
    WithJsonSchema({"type": "string", "pattern": "^(https?://|mailto:)\\S+$"}),
]


class Recommendation(Model):
    """One action for one audience, with why it was given and where the advice comes from.

    `source` names the plugin or rule pack that gave it (set by the engine); `sources`
    credits every one that gave the same id.
    """

    id: Id
    title: Text
    action: Text
    targets: tuple[Id, ...] = Field(
        default=(), description="The strand, aspect and element ids it is about."
    )
    priority: Priority = "medium"
    audience: Text = "senior leadership"
    links: tuple[Link, ...] = ()
    reference: str | None = Field(
        default=None, description="The document the advice is drawn from, with its date."
    )
    source: str = Field(default="", description="The plugin or rule pack that gave it.")
    sources: tuple[str, ...] = Field(
        default=(), description="Every plugin or rule pack that gave this id."
    )
    rationale: str = Field(default="", description="Why it was given for this school.")
