"""How long a document full of unknown strand ids takes to be refused (docs/robustness.md).

    python -m bench.many_errors                 # 100,000 unknown ids against becta-srf,
                                                # 1,000 against a framework of 20,000 strands
    python -m bench.many_errors --no-budget     # the same without the budget for hints

Every unknown id is reported; "did you mean" compares it with every strand id, so without a
budget the time grows with (unknown ids) x (strands). `--no-budget` lifts the budget
(`_hints.HINT_WORK`) to show what it saves. Made-up documents, timed once each.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/many_errors.py`
    sys.path.insert(0, os.fspath(Path(__file__).resolve().parents[1]))

from selfreview_core import Engine, Framework, InvalidDocument, load_assessment
from selfreview_core import _hints as hints


def big_framework(strands: int) -> Framework:
    """A made-up framework of `strands` strands, `S1` .. `S<n>`, in aspects of 100."""
    aspects = [
        {
            "id": f"A{a}",
            "title": f"Aspect {a}",
            "strands": [
                {"id": f"S{s}", "title": f"Strand {s}", "levels": {1: "Done.", 2: "Not yet."}}
                for s in range(a * 100, min(strands, a * 100 + 100))
            ],
        }
        for a in range((strands + 99) // 100)
    ]
    return Framework.model_validate(
        {
            "kind": "framework",
            "id": "big",
            "version": "1",
            "title": "A made-up framework of many strands",
            "scale": {"best": 1, "worst": 2},
            "elements": [{"id": "E", "title": "Everything", "aspects": aspects}],
        }
    )


def review(framework: Framework, unknown: int) -> str:
    """A review judging `unknown` strands `framework` lacks, each a strand id of it with
    four letters added (`1a1abcd`): each one is close to that strand, as a typing slip is."""
    base = framework.strand_ids[len(framework) // 2]
    letters = "abcdefghijklmnopqrstuvwxyz"
    lines = [
        "kind: assessment",
        f"framework: {framework.id}",
        "school: {id: '1', name: Made-up School}",
        "assessed_on: 2025-01-01",
        "judgements:",
    ]
    for i in range(unknown):
        suffix = "".join(letters[i // 26**k % 26] for k in (3, 2, 1, 0))
        lines.append(f"  {base}{suffix}: {framework.scale.worst}")
    return "\n".join(lines) + "\n"


def refuse(framework: Framework, unknown: int) -> tuple[float, int, int]:
    """(seconds, problems reported, how many with a hint) for loading such a review."""
    text = review(framework, unknown)
    started = time.perf_counter()
    try:
        load_assessment("many.yaml", framework, text=text)
    except InvalidDocument as error:
        seconds = time.perf_counter() - started
        hinted = sum(1 for d in error.diagnostics if (d.hint or "").startswith("did you mean"))
        return seconds, len(error.diagnostics), hinted
    raise AssertionError("the review loaded")  # pragma: no cover


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unknown", type=int, default=100_000, help="ids against becta-srf")
    parser.add_argument("--strands", type=int, default=20_000, help="strands of the big one")
    parser.add_argument("--big-unknown", type=int, default=1_000, help="ids against it")
    parser.add_argument("--no-budget", action="store_true", help="hints for every id")
    args = parser.parse_args(argv)
    if args.no_budget:
        hints.HINT_WORK = 10**15  # type: ignore[misc]
    cases = [
        (Engine(entry_points=False).framework("becta-srf"), args.unknown),
        (big_framework(args.strands), args.big_unknown),
    ]
    print(f"budget: {'none' if args.no_budget else f'{hints.HINT_WORK:,} candidates'}")
    for framework, unknown in cases:
        seconds, problems, hinted = refuse(framework, unknown)
        print(
            f"{unknown:,} unknown ids against {framework.ref} ({len(framework):,} strands): "
            f"{seconds:.2f} s, {problems:,} problems, {hinted:,} with a hint"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
