"""A wide question-scored framework and its schools, as a reusable benchmark input.

`elements` x `aspects` x `strands` strands (10 x 10 x 10 = 1,000 by default), each judged
by three questions of one answer set ("graded") on a scale 3..0 (`policy: mean`), and
schools in one JSON Lines file, about nine strands in ten judged by answers and the rest by
a level. Round 52 found `benchmark` of one such school took a minute and of fifty ran out
of DuckDB's memory. Deterministic: the same arguments give the same bytes.

    python -m bench.wide FOLDER SCHOOLS   # writes FOLDER/wide.yaml and FOLDER/schools.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

__all__ = ["wide_framework", "wide_school", "write_wide"]

_VALUES = {"none": 0, "some": 0.5, "all": 1}


def wide_framework(elements: int = 10, aspects: int = 10, strands: int = 10) -> dict[str, Any]:
    """The framework document (to dump as YAML or JSON)."""

    def strand(sid: str) -> dict[str, Any]:
        return {
            "id": sid,
            "title": f"Strand {sid}",
            "levels": {n: f"Level {n} of {sid}." for n in range(4)},
            "questions": [
                {
                    "id": f"{sid}-{q}",
                    "level": q,
                    "text": f"Question {q} of {sid}?",
                    "answers": "graded",
                }
                for q in (1, 2, 3)
            ],
        }

    return {
        "kind": "framework",
        "id": "wide",
        "version": "1",
        "title": "A wide question framework (benchmark input)",
        "publisher": "bench.wide",
        "licence": "CC0-1.0",
        "policy": "mean",
        "scale": {"best": 3, "worst": 0},
        "answer_sets": {
            "graded": [{"id": key, "text": key, "value": value} for key, value in _VALUES.items()]
        },
        "elements": [
            {
                "id": f"E{e}",
                "title": f"Element {e}",
                "aspects": [
                    {
                        "id": f"E{e}-A{a}",
                        "title": f"Aspect {e}.{a}",
                        "strands": [strand(f"E{e}-A{a}-S{s}") for s in range(strands)],
                    }
                    for a in range(aspects)
                ],
            }
            for e in range(elements)
        ],
    }


def wide_school(framework: dict[str, Any], index: int, seed: int = 0) -> dict[str, Any]:
    """School `index`'s assessment: each strand by answers (nine in ten) or by a level."""
    rng = random.Random(f"{seed}:{index}")
    judgements: dict[str, Any] = {}
    for element in framework["elements"]:
        for aspect in element["aspects"]:
            for strand in aspect["strands"]:
                if rng.random() < 0.1:
                    judgements[strand["id"]] = rng.randrange(4)
                else:
                    answers = {q["id"]: rng.choice(list(_VALUES)) for q in strand["questions"]}
                    judgements[strand["id"]] = {"answers": answers}
    return {
        "kind": "assessment",
        "framework": f"{framework['id']}@{framework['version']}",
        "school": {"id": f"W{index:06d}", "name": f"Wide school {index}"},
        "assessed_on": "2026-11-01",
        "judgements": judgements,
    }


def write_wide(folder: Path, schools: int, seed: int = 0, **shape: int) -> tuple[Path, Path]:
    """Write the framework (`wide.yaml`, JSON being YAML) and `schools` schools
    (`schools.jsonl`) into `folder`; return both paths."""
    framework = wide_framework(**shape)
    folder.mkdir(parents=True, exist_ok=True)
    framework_path, schools_path = folder / "wide.yaml", folder / "schools.jsonl"
    framework_path.write_text(json.dumps(framework), encoding="utf-8")
    with schools_path.open("w", encoding="utf-8") as out:
        for n in range(schools):
            out.write(json.dumps(wide_school(framework, n, seed)) + "\n")
    return framework_path, schools_path


if __name__ == "__main__":
    write_wide(Path(sys.argv[1]), int(sys.argv[2]))
