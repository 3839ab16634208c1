"""The `parental-engagement` plugin: a rule pack on engaging parents through ICT, for
Becta's Self-review framework (`becta-srf`).

Its advice is quoted from the key lessons of a peer learning activity on leadership in ICT
and parental involvement, from IET Associates' article on ICT and parental engagement ("it
DOES make a difference!") and from "Conclusions: Policy and Community"; each rule names its
document, with its exact title, in `reference`. The pack ships inside this package
(``parental-engagement.yaml``) and is offered to the engine through the
`selfreview_rule_packs` hook; its recommendations name the pack id,
``parental-engagement``, as their source.
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
PACK: Final = Path(__file__).with_name("parental-engagement.yaml")


@hookimpl
def selfreview_rule_packs() -> list[Path]:
    return [PACK]
