"""What `migrate`'s words (migrations/summary.py) promise that round 42's mutation pass over
it found no test pinning: the header of a migrated file stays comment lines whatever the
versions it names hold (a line break in one would start a line of YAML)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from selfreview_core import load_assessment, load_framework, load_migration, migrate
from selfreview_core.migrations.apply import Migrated
from selfreview_core.migrations.summary import file_header, summary_lines

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "migration"


def example_migrated() -> Migrated:
    """The example school's review carried from version 1 of the example framework to 2."""
    frameworks = {
        f.ref: f for f in (load_framework(EXAMPLES / f"example-srf-{v}.yaml") for v in (1, 2))
    }
    return migrate(
        load_assessment(EXAMPLES / "example-school-v1.yaml", frameworks),
        load_migration(EXAMPLES / "example-srf-1-to-2.yaml"),
        frameworks=frameworks,
    )


def test_the_header_stays_comment_lines_whatever_the_versions_hold() -> None:
    result = example_migrated()
    odd = dataclasses.replace(result, source="t@1\nkind: framework", target="t@2\tx\r\x1b")
    header = file_header(odd)
    assert header.splitlines() == [
        "# Carried from t@1\\nkind: framework to t@2\\tx\\r\\x1b by `selfreview migrate`.",
        "# Strands under `review` have no level yet: judge them, then add them to `judgements`.",
    ]
    assert yaml.safe_load(header + "kind: assessment\n") == {"kind": "assessment"}


def test_the_lines_show_each_names_invisible_characters() -> None:
    """The file, the versions, the migration and each strand are names
    (`escaping.shown_name`): `1a1` and `1a1` with a zero-width space after it read alike
    before round 46. The note of a strand to judge is text (the review's file keeps it)."""
    result = example_migrated()
    z = "\u200b"
    step = result.steps[0].model_copy(update={"id": f"move{z}"})
    review = dataclasses.replace(result.review[0], strand=f"1b1{z}")
    dropped = dataclasses.replace(result.dropped[0], strand=f"2b1{z}", framework=f"old{z}@1")
    odd = dataclasses.replace(
        result,
        source=f"s{z}@1",
        target=f"t{z}@2",
        steps=(step,),
        carried=(f"1a1{z}", "1a2"),
        review=(review,),
        dropped=(dropped,),
    )
    assert summary_lines(odd, f"school{z}.yaml") == [
        "Carried school\\u200b.yaml from s\\u200b@1 to t\\u200b@2 via move\\u200b.",
        "  2 judgements carried as they were: 1a1\\u200b, 1a2",
        "  1 strand to judge (no level given):",
        f"    1b1\\u200b (split): {review.review.note}",
        "  1 retired strand dropped: 2b1\\u200b of old\\u200b@1 (level 3)",
    ]
    done = dataclasses.replace(odd, steps=())
    assert summary_lines(done, f"school{z}.yaml") == [
        "school\\u200b.yaml is already of t\\u200b@2: nothing to carry."
    ]
