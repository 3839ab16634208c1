"""The comments of YAML text, found by libyaml's scanner: what a command that writes a
user's file must keep (`plan` adding actions) or at least not lose without a word (`assess`
saving a review it writes afresh)."""

from __future__ import annotations

import re
from collections import Counter

import yaml

try:  # pragma: no branch - libyaml ships in PyYAML's wheels, as for every file read
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

__all__ = ["Loader", "comments", "lost_comments"]

_COMMENT = re.compile(r"(?:^|(?<=\s))#[^\r\n]*", re.MULTILINE)


def comments(text: str) -> Counter[str]:
    """Every comment in YAML text (`# ...`, trailing spaces dropped), with how often it occurs:
    what lies between the scanner's tokens and starts with `#`. Text the scanner refuses has
    none (every caller has parsed it already)."""
    spans = []
    try:
        for token in yaml.scan(text, Loader=Loader):
            spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:  # pragma: no cover - the text was parsed before
        return Counter()
    found: Counter[str] = Counter()
    gaps = zip(
        [0] + [end for _, end in spans], [start for start, _ in spans] + [len(text)], strict=True
    )
    for start, end in gaps:
        for match in _COMMENT.finditer(text[start:end]):
            found[match.group().rstrip()] += 1
    return found


def lost_comments(before: str, after: str) -> list[str]:
    """The comments of `before` that `after` does not hold (as often), in `before`'s order."""
    found = comments(before)
    lost = found - comments(after)
    return [c for c in found if lost[c] > 0]
