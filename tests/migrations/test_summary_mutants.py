"""What `migrate`'s words (migrations/summary.py) promise that round 42's mutation pass over
it found no test pinning: the header of a migrated file stays comment lines whatever the
versions it names hold (a line break in one would start a line of YAML)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from selfreview_core import load_assessment, load_framework, load_migration, migrate
from selfreview_core.migrations.summary import file_header

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "migration"


def test_the_header_stays_comment_lines_whatever_the_versions_hold() -> None:
    frameworks = {
        f.ref: f for f in (load_framework(EXAMPLES / f"example-srf-{v}.yaml") for v in (1, 2))
    }
    result = migrate(
        load_assessment(EXAMPLES / "example-school-v1.yaml", frameworks),
        load_migration(EXAMPLES / "example-srf-1-to-2.yaml"),
        frameworks=frameworks,
    )
    odd = dataclasses.replace(result, source="t@1\nkind: framework", target="t@2\tx\r\x1b")
    header = file_header(odd)
    assert header.splitlines() == [
        "# Carried from t@1\\nkind: framework to t@2\\tx\\r\\x1b by `selfreview migrate`.",
        "# Strands under `review` have no level yet: judge them, then add them to `judgements`.",
    ]
    assert yaml.safe_load(header + "kind: assessment\n") == {"kind": "assessment"}
