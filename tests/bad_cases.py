"""Every bad-input rule of SPEC section 3, as a broken file and what it must report.

Used by test_loader (the library's diagnostics) and test_cli (exit code and output), so
the two can never disagree about a rule.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    column: int
    path: str
    words: str
    code: str
    hint: str | None = None


CASES = (
    Case("yaml-syntax.yaml", 4, 8, "", "did not find expected ',' or ']'", "yaml"),
    Case("json-syntax.json", 4, 1, "", "invalid JSON", "json"),
    Case(
        "unknown-key.yaml",
        12,
        9,
        "elements[0].aspects[0].strand",
        "unknown key `strand`",
        "unknown-key",
        "did you mean `strands`?",
    ),
    Case(
        "duplicate-key.yaml", 5, 1, "", "duplicate key `title` (first at line 4)", "duplicate-key"
    ),
    Case("json-duplicate-key.json", 6, 28, "judgements", "duplicate key `1a1`", "duplicate-key"),
    Case(
        "duplicate-id.yaml",
        16,
        17,
        "elements[0].aspects[0].strands[1].id",
        "duplicate id `1`: already used by the element at elements[0], line 7",
        "duplicate-id",
    ),
    Case(
        "missing-level.yaml",
        16,
        15,
        "elements[0].aspects[0].strands[0].levels",
        "no descriptor for level 2",
        "missing-level",
    ),
    Case(
        "level-outside-scale.yaml",
        18,
        15,
        "elements[0].aspects[0].strands[0].levels[0]",
        "level 0 is outside the scale 1 (best) .. 2 (worst)",
        "level-outside-scale",
    ),
    Case(
        "empty-descriptor.yaml",
        17,
        18,
        "elements[0].aspects[0].strands[0].levels[1]",
        "must not be empty",
        "empty-text",
    ),
    Case("best-equals-worst.yaml", 5, 8, "scale", "best and worst must differ", "invalid"),
    Case(
        "wrong-type.yaml",
        2,
        5,
        "id",
        "expected text, got the number 7",
        "type",
        'write it in quotes: "7"',
    ),
    Case("missing-key.yaml", 1, 1, "", "missing required key `title`", "missing-key"),
    Case(
        "missing-kind.yaml",
        1,
        1,
        "",
        "missing required key `kind`",
        "missing-key",
        "one of: framework, assessment, rules, migration, plan",
    ),
    Case(
        "unknown-kind.yaml",
        1,
        7,
        "kind",
        "unknown kind `framwork`",
        "unknown-kind",
        "did you mean `framework`?",
    ),
    Case(
        "python-tag.yaml", 2, 5, "id", "tag `!!python/object/apply:os.system` is not allowed", "tag"
    ),
    Case("multiple-documents.yaml", 3, 1, "", "more than one YAML document", "multiple-documents"),
    Case(
        "not-a-mapping.yaml",
        1,
        1,
        "",
        "expected a mapping with a `kind` key, found a list",
        "not-a-mapping",
    ),
    Case("alias-bomb.yaml", 9, 10, "a6[0]", "expands to more than 1,000,000 nodes", "too-large"),
    Case(
        "deep-nesting.yaml",
        3,
        74,
        "elements" + "[0]" * 63,
        "nested more than 64 levels deep",
        "too-deep",
    ),
    Case(
        "unknown-strand.yaml",
        7,
        3,
        "judgements.1b7",
        "`1b7` is not a strand of becta-srf@2010",
        "unknown-strand",
    ),
    Case(
        "judged-level-outside-scale.yaml",
        6,
        16,
        "judgements.1a1.level",
        "level 6 is outside the scale 1 (best) .. 5 (worst)",
        "level-outside-scale",
    ),
    Case(
        "unknown-framework.yaml",
        2,
        12,
        "framework",
        "unknown framework `becta-srff`",
        "unknown-framework",
        "did you mean `becta-srf`?",
    ),
    Case(
        "broken-date.yaml",
        4,
        14,
        "assessed_on",
        "`2026-02-30` is not a valid date",
        "date",
        "write dates as YYYY-MM-DD",
    ),
    Case(
        "rules-unknown-strand.yaml",
        6,
        20,
        "rules[0].when.strand",
        "`1b7` is not a strand of becta-srf@2010",
        "unknown-strand",
        "did you mean `1b6`?",
    ),
    Case(
        "rules-unknown-target.yaml",
        10,
        22,
        "rules[0].recommend.targets[1]",
        "`1b7` is not an element, aspect or strand of becta-srf@2010",
        "unknown-id",
        "did you mean `1b6`?",
    ),
    Case(
        "rules-unknown-operator.yaml",
        8,
        25,
        "rules[0].when.all[0].levle",
        "unknown key `levle`",
        "unknown-key",
        "did you mean `level`?",
    ),
    Case(
        "merge-key.yaml",
        6,
        9,
        'judgements.1a1["<<"]',
        "unknown key `<<`",
        "unknown-key",
        "YAML's merge keys are not read here: write the keys out in full",
    ),
    Case(
        "rules-duplicate-rule-id.yaml",
        8,
        9,
        "rules[1].id",
        "duplicate rule id `involve-slt`: already used at rules[0], line 5",
        "duplicate-id",
        "rule ids must be unique in a pack",
    ),
    Case(
        "rules-level-outside-scale.yaml",
        6,
        39,
        "rules[0].when.not.reached",
        "level 0 is outside the scale 1 (best) .. 5 (worst)",
        "level-outside-scale",
    ),
    Case(
        "rules-unsafe-link.yaml",
        10,
        15,
        "rules[0].recommend.links[0]",
        "links must start with http://, https:// or mailto:",
        "unsafe_link",
    ),
    Case(
        "award-unknown-strand.yaml",
        23,
        58,
        "awards[0].require.all[1].strand",
        "`E1.3` is not a strand of tiny@1",
        "unknown-strand",
        "did you mean `E1.2`?",
    ),
    Case(
        "award-level-outside-scale.yaml",
        23,
        36,
        "awards[0].require.reached",
        "level 5 is outside the scale 3 (best) .. 0 (worst)",
        "level-outside-scale",
    ),
    Case(
        "award-duplicate-id.yaml",
        24,
        9,
        "awards[1].id",
        "duplicate award id `tiny-mark`: already used at awards[0], line 21",
        "duplicate-id",
        "award ids must be unique in a framework",
    ),
    Case(
        "award-wrong-kind.yaml",
        23,
        15,
        "awards[0].require.strand",
        "`E1` is an aspect of tiny@1, not a strand",
        "wrong-kind",
        "write `aspect: E1`",
    ),
)
