"""A hook's answer whose every special method ends the program (`sys.exit` from
`__iter__`, `__len__`, `__eq__`, `__hash__`, `__str__`, `__fspath__`, `__bool__`...), from
every hook, as the answer itself and as each item of it: a problem naming the plugin for
each, and nothing else lost (the built-ins' frameworks, exporters and advice, another
plugin's recommendation, the next report)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

import pytest

from selfreview_core import Engine, Recommendation, hookimpl, load_assessment

ROOT = Path(__file__).resolve().parents[2]


def _exits(*args: object) -> NoReturn:
    raise SystemExit(7)


class Ends:
    """Every special method a caller may touch ends the program."""

    __iter__ = __len__ = __eq__ = __hash__ = __str__ = __repr__ = _exits
    __fspath__ = __bool__ = __getitem__ = __contains__ = __index__ = __format__ = _exits
    __getattr__ = _exits


class Answer:
    """A plugin implementing every hook, answering each with `answer()`."""

    def __init__(self, name: str, answer: Any) -> None:
        self.name = name
        self._answer = answer

    @hookimpl
    def selfreview_frameworks(self) -> Any:
        return self._answer()

    @hookimpl
    def selfreview_rule_packs(self) -> Any:
        return self._answer()

    @hookimpl
    def selfreview_recommend(self) -> Any:
        return self._answer()

    @hookimpl
    def selfreview_exporters(self) -> Any:
        return self._answer()

    @hookimpl
    def selfreview_migrations(self) -> Any:
        return self._answer()


class Good:
    name = "good"

    @hookimpl
    def selfreview_recommend(self) -> list[Recommendation]:
        return [Recommendation(id="good-kept", title="Kept", action="Kept.", targets=("1a1",))]


EXITED = "raised SystemExit: sys.exit(7)"
#: What each hook's answer is told as, given whole (`answer`) or as each of two items.
TOLD = {
    "answer": [
        f"selfreview_frameworks {EXITED}",
        f"selfreview_rule_packs {EXITED}",
        "selfreview_exporters gave Ends, not Exporter",
        f"selfreview_migrations {EXITED}",
        f"selfreview_recommend {EXITED}",
    ],
    "item": [
        *[f"selfreview_frameworks {EXITED}"] * 2,
        *[f"selfreview_rule_packs {EXITED}"] * 2,
        *["selfreview_exporters gave Ends, not Exporter"] * 2,
        *[f"selfreview_migrations {EXITED}"] * 2,
        *["gave Ends, not a Recommendation"] * 2,
    ],
}


@pytest.mark.parametrize("shape", ["answer", "item"])
def test_an_answer_that_ends_the_program_when_touched_is_a_problem_of_each_hook(
    shape: str,
) -> None:
    answer = (lambda: Ends()) if shape == "answer" else (lambda: [Ends(), Ends()])
    engine = Engine(plugins=[Answer("ends", answer), Good()], entry_points=False)
    alone = Engine(plugins=[Good()], entry_points=False)
    school = load_assessment(ROOT / "examples" / "example-primary-2026.yaml")
    assert sorted(engine.exporters()) == sorted(alone.exporters())  # the standard ones
    assert len(engine.migrations()) == len(alone.migrations())
    assert engine.framework("becta-srf") == alone.framework("becta-srf")
    for _ in range(2):  # and the next report too
        report = engine.report(school)
        expected = alone.report(school)
        assert report.recommendations == expected.recommendations  # the good and built-ins'
        assert "good-kept" in [r.id for r in report.recommendations]
        assert [(p.source, p.severity) for p in report.problems] == [("ends", "error")] * len(
            TOLD[shape]
        )
        assert sorted(p.message for p in report.problems) == sorted(TOLD[shape])
        assert engine.export(report, "json") == alone.export(report, "json")
