"""The level scale of a framework: which level is best is data, never code.

Becta's scale runs from 5 (worst) to 1 (best); others run 0..3 upwards. Every
comparison of levels in the library goes through a `Scale` so nothing assumes
a direction.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Self

from pydantic import Field, StrictInt, model_validator

from .._frozen import FrozenDict
from .._names import MAX_LEVELS
from .base import DerivedModel, Level, Text

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["MAX_LEVELS", "Scale"]


class Scale(DerivedModel):
    """Best and worst level (integers) and optional names for the levels."""

    best: StrictInt
    worst: StrictInt
    labels: FrozenDict[Level, Text] = Field(default_factory=FrozenDict)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.best == self.worst:
            raise ValueError("best and worst must differ: a scale needs at least two levels")
        if abs(self.best - self.worst) + 1 > MAX_LEVELS:
            raise ValueError(f"a scale may have at most {MAX_LEVELS} levels")
        outside = [level for level in self.labels if level not in self]
        if outside:
            raise ValueError(
                f"labels name level(s) {', '.join(map(str, outside))} outside the scale "
                f"{self.describe()}"
            )
        return self

    # Derived values are cached on the instance; they never enter equality or dumps, and
    # cannot be set (`Model.__setattr__`: pydantic would let a cached property be set).
    @cached_property
    def step(self) -> int:
        """+1 when higher numbers are better, -1 when lower numbers are better."""
        return 1 if self.best > self.worst else -1

    @cached_property
    def levels(self) -> tuple[int, ...]:
        """Every level, best first."""
        return tuple(range(self.best, self.worst - self.step, -self.step))

    @property
    def size(self) -> int:
        """How many levels the scale has (a scale of 1..5 has 5, whichever way it runs)."""
        return len(self.levels)

    def __contains__(self, level: object) -> bool:
        if not isinstance(level, int) or isinstance(level, bool):
            return False
        return min(self.best, self.worst) <= level <= max(self.best, self.worst)

    def describe(self) -> str:
        """The scale as messages name it, its direction said: Becta's `1 (best) .. 5 (worst)`."""
        return f"{self.best} (best) .. {self.worst} (worst)"

    def label(self, level: int) -> str:
        """The level's name from the framework, or `Level N` where it gives none."""
        return self.labels.get(level, f"Level {level}")

    def rank(self, level: int) -> int:
        """Steps above the worst level: 0 at the worst, `size - 1` at the best."""
        return (level - self.worst) * self.step

    def from_rank(self, rank: int) -> int:
        """The level `rank` steps above the worst: `rank`'s inverse, so that code may count
        on ranks, the same whichever way the scale runs, and name a level at the end."""
        return self.worst + rank * self.step

    def progress(self, level: float) -> float:
        """0.0 at the worst level, 1.0 at the best; linear in between."""
        return (level - self.worst) * self.step / (self.size - 1)

    def is_better(self, a: int, b: int) -> bool:
        """True when level `a` is strictly better than level `b`."""
        return self.rank(a) > self.rank(b)

    def is_worse(self, a: int, b: int) -> bool:
        """True when level `a` is strictly worse than level `b`."""
        return self.rank(a) < self.rank(b)

    def reached(self, level: int, threshold: int) -> bool:
        """At `threshold` or better."""
        return self.rank(level) >= self.rank(threshold)

    def better(self, a: int, b: int) -> int:
        """The better of two levels (`a` when they are equal), by the scale's direction."""
        return a if self.rank(a) >= self.rank(b) else b

    def worse(self, a: int, b: int) -> int:
        """The worse of two levels (`a` when they are equal), by the scale's direction."""
        return a if self.rank(a) <= self.rank(b) else b

    def best_of(self, levels: Iterable[int]) -> int:
        """The best of some levels: never `max`, which is the worst on a scale like Becta's."""
        return max(levels, key=self.rank)

    def worst_of(self, levels: Iterable[int]) -> int:
        """The worst of some levels: never `min`, which is the best on a scale like Becta's."""
        return min(levels, key=self.rank)

    def next_level(self, level: int | None) -> int | None:
        """The next level towards the best; None at the best, and for None (a strand not
        judged: `framework.scale.next_level(assessment.level(id))` needs no check first)."""
        return None if level is None or level == self.best else level + self.step

    def previous_level(self, level: int | None) -> int | None:
        """The next level towards the worst; None at the worst, and for None."""
        return None if level is None or level == self.worst else level - self.step

    def change(self, old: int, new: int) -> int:
        """Steps gained from `old` to `new`: positive is an improvement in either direction."""
        return self.rank(new) - self.rank(old)

    def mirror_level(self, level: int) -> int:
        """The level that `level` becomes on the `mirrored` scale: as many steps from its best."""
        return self.best + self.worst - level

    def mirrored(self) -> Scale:
        """The same scale written the other way round (best and worst swapped).

        Level `l` becomes `best + worst - l`, so the best level stays best.
        """
        return Scale(
            best=self.worst,
            worst=self.best,
            labels={self.mirror_level(k): v for k, v in self.labels.items()},
        )
