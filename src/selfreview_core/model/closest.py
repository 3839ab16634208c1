"""The "did you mean" hint (`closest`), made from candidates in batches: `model.base.
did_you_mean` hands it one list, and a cohort of a million schools hands it its ids as
DuckDB reads them, never all held at once (`cohort.writing.school_entry`, round 63). Each
hint is paid for from the document's budget (`_hints.spend`) before it compares anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Final

from .._hints import spend
from ..escaping import noncharacter, shown_name

if TYPE_CHECKING:
    from difflib import SequenceMatcher

__all__ = ["closest"]


#: `difflib.get_close_matches`'s arguments for every hint: the five closest, 0.6 at least.
_CLOSE: Final = 5
_CUTOFF: Final = 0.6


def closest(word: str, batches: Iterable[Sequence[str]], count: int) -> str | None:
    """A hint naming the candidate closest to `word`, or None when nothing is close (or
    the budget is short of `count`, the number of candidates in `batches`).

    What the candidates were held whole for, found as they come: the first that differs
    from `word` only in letter case (`_lookalikes.folded`), else the first that looks
    like it (`_lookalikes`), else `difflib.get_close_matches(word, candidates, n=5,
    cutoff=0.6)` of them, whose `heapq.nlargest` of (score, candidate) is the same kept
    batch by batch; of those, the first as long as `word`."""
    if not spend(count):
        return None
    import difflib  # only on a mistake: not worth their import time at every start
    import heapq

    from .._lookalikes import folded, look_alike

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    word_folded = folded(word)
    looks: str | None = None
    scores: list[tuple[float, str]] = []
    for batch in batches:
        # Case first: `1B1` or `Becta-SRF` is that id typed with the shift key, whatever
        # else is close in spelling (difflib counts a changed case as a changed letter);
        # letter case as the cohort's SQL takes it (`folded`: `ΛΟΓΟΣ` is `λογος`).
        if (same := next((c for c in batch if folded(c) == word_folded), None)) is not None:
            return _meant(same, word)
        if looks is None and not word.isascii():  # a Cyrillic letter, an invisible space
            looks = look_alike(word, batch)
        if looks is None:  # scored only while nothing looks like `word`
            scores = heapq.nlargest(_CLOSE, [*scores, *_close(matcher, batch)])
    if looks is not None:
        return looks
    matches = [candidate for _, candidate in scores]
    if not matches:
        return None
    # `1b9` is more likely a mistyped strand `1b1` than the aspect `1b`.
    same_length = [m for m in matches if len(m) == len(word)]
    return _meant((same_length or matches)[0], word)


def _close(matcher: SequenceMatcher[str], batch: Sequence[str]) -> Iterator[tuple[float, str]]:
    """(score, candidate) of each candidate in `batch` as close as `_CUTOFF` to the word
    `matcher` holds: `difflib.get_close_matches`'s own tests, quickest first."""
    for candidate in batch:
        matcher.set_seq1(candidate)
        if (
            matcher.real_quick_ratio() >= _CUTOFF
            and matcher.quick_ratio() >= _CUTOFF
            and matcher.ratio() >= _CUTOFF
        ):
            yield matcher.ratio(), candidate


def _meant(candidate: str, word: str) -> str:
    """The hint naming `candidate`, and the characters in it that messages show escaped
    (`\\x1b`) and `word` lacks: typed as seen, backslash and all, they are named."""
    hint = f"did you mean `{candidate}`?"
    odd = [c for c in dict.fromkeys(candidate) if c not in word and shown_name(c) != c]
    if odd:
        import unicodedata

        names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, _unnamed(c))}" for c in odd)
        hint += f" It holds {names}, shown escaped"
    return hint


def _unnamed(char: str) -> str:
    """What a hint calls a character Unicode gives no name: a control character, a
    noncharacter (U+FFFE, U+FDD0: escaped since round 67), or one not yet assigned."""
    import unicodedata

    if unicodedata.category(char) != "Cn":
        return "(a control character)"
    return "(a noncharacter)" if noncharacter(char) else "(unassigned)"
