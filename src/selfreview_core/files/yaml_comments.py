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

__all__ = ["Loader", "comment_spans", "comments", "lost_comments"]

_COMMENT = re.compile(r"(?:^|(?<=\s))#[^\r\n]*", re.MULTILINE)
_BREAK = re.compile("[\r\n\x85\u2028\u2029]")


def comment_spans(text: str) -> list[tuple[int, str]]:
    """Every comment in YAML text (`# ...`, trailing spaces dropped) with the index it starts
    at: what lies between the scanner's tokens and starts with `#`, and what follows a block
    scalar's `|` or `>` on its line (the scanner's token holds it). Text the scanner refuses
    has none (every caller has parsed it already)."""
    mark = 1 if text.startswith("\ufeff") else 0  # libyaml's indexes do not count it
    spans = []
    try:
        for token in yaml.scan(text, Loader=Loader):
            start, end = token.start_mark.index + mark, token.end_mark.index + mark
            if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
                header = _BREAK.search(text, start)
                spans.append((start, start + 1))  # `|2-  # ...`: a gap from the digit
                start = header.start() if header else end
            spans.append((start, end))
    except yaml.YAMLError:  # pragma: no cover - the text was parsed before
        return []
    found: list[tuple[int, str]] = []
    gaps = zip(
        [0] + [end for _, end in spans], [start for start, _ in spans] + [len(text)], strict=True
    )
    for start, end in gaps:
        for match in _COMMENT.finditer(text[start:end]):
            found.append((start + match.start(), match.group().rstrip()))
    return found


def comments(text: str) -> Counter[str]:
    """Every comment in YAML text, with how often it occurs (`comment_spans`)."""
    return Counter(comment for _, comment in comment_spans(text))


def lost_comments(before: str, after: str) -> list[str]:
    """The comments of `before` that `after` does not hold (as often), in `before`'s order."""
    found = comments(before)
    lost = found - comments(after)
    return [c for c in found if lost[c] > 0]
