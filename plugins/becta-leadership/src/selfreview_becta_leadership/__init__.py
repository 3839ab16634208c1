"""The `becta-leadership` plugin: a rule pack for the Leadership and management element of
Becta's Self-review framework (`becta-srf`), written from the framework's level descriptors.

The pack ships inside this package (``becta-leadership.yaml``) and is offered to the engine
through the `selfreview_rule_packs` hook; its recommendations name the pack id,
``becta-leadership``, as their source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from selfreview_core import hookimpl

__all__ = ["PACK", "SELFREVIEW_SERVES", "selfreview_rule_packs"]

#: The frameworks this plugin was written for (its pack reads Becta's strands): listed by
#: `selfreview plugins`.
SELFREVIEW_SERVES: Final = ("becta-srf",)

#: The rule pack file, shipped as package data next to this module.
PACK: Final = Path(__file__).with_name("becta-leadership.yaml")


@hookimpl
def selfreview_rule_packs() -> list[Path]:
    return [PACK]
