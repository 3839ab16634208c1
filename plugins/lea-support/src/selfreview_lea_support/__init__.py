"""The `lea-support` plugin: what a local authority can do for a school, given its self-review.

The advice is drawn from Becta's 2003 report on ICT practice in local education authorities
(LEAs), which sets out "highlights of current practice" in LEAs that "had a successful Ofsted
inspection": vision and planning; support, training, infrastructure and resources; and
monitoring and evaluation. Every recommendation is addressed to the local authority, quotes
the report and names the sections it comes from.

Two rules are generic and work on any framework (the scale's direction is read from
`framework.scale`, never assumed): a training needs analysis when several strands are weak,
and sharing good practice from strands at the best level or improved since the previous
review. The others read strands of Becta's Self-review framework and apply only to it
(`becta-srf`). One of them, a vision judged two or more levels ahead of the strategy,
compares two strands with each other, which a declarative rule pack cannot express.

Its advice is for schools: it declares that it serves `becta-srf` and frameworks about
schools (`SELFREVIEW_SERVES`), so the engine does not call it for a framework whose `terms`
speak of anything else, and it checks the framework itself too.

The words of the report are in `_advice`, the rules in `_rules`, the same answers made
quickly in `_quick`, the hook in `_hook`; this module only names what is public.
"""

from __future__ import annotations

from ._advice import AUDIENCE, NAME, REFERENCE
from ._hook import SELFREVIEW_SERVES, selfreview_recommend
from ._rules import (
    AHEAD_BY,
    BECTA,
    TRAINING_THRESHOLD,
    contingency_plan,
    good_practice,
    monitoring,
    procurement,
    training_needs,
    vision_ahead_of_strategy,
    weak_levels,
)

__all__ = [
    "AHEAD_BY",
    "AUDIENCE",
    "BECTA",
    "NAME",
    "REFERENCE",
    "SELFREVIEW_SERVES",
    "TRAINING_THRESHOLD",
    "contingency_plan",
    "good_practice",
    "monitoring",
    "procurement",
    "selfreview_recommend",
    "training_needs",
    "vision_ahead_of_strategy",
    "weak_levels",
]
