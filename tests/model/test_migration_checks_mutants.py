"""What checking a migration against its two versions (model/migration_checks.py) promises
that round 42's mutation pass over it found no test pinning: data of the wrong shape is left
to the checks that report it, never a crash or a second report, and the old strands neither
mapped nor retired are named in one finding, with its grammar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Framework, load_framework
from selfreview_core.model.migration_checks import migration_findings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "migration"
FRAMEWORKS = {
    f.ref: f for f in (load_framework(EXAMPLES / f"example-srf-{v}.yaml") for v in (1, 2))
}


def _resolve(ref: str) -> Framework | None:
    return FRAMEWORKS.get(ref) or FRAMEWORKS.get(f"{ref}@2")


def _data(strands: Any, retired: Any = ()) -> dict[str, Any]:
    return {
        "kind": "migration",
        "from": "example-srf@1",
        "to": "example-srf@2",
        "strands": strands,
        "retired": list(retired),
    }


_ALL_BUT_2B = {"1a1": "1a1", "1a2": "1a2", "1b1": "1b1", "2a1": "2a1", "2a2": "2a1"}


@pytest.mark.parametrize("data", [["from", "to"], "migration", None, 3])
def test_data_that_is_not_a_mapping_has_no_migration_findings(data: Any) -> None:
    """The loader says what a file of the wrong shape is; the migration checks add nothing."""
    assert migration_findings(data) == []
    assert migration_findings(data, _resolve) == []


def test_ids_that_are_not_text_are_left_to_field_validation() -> None:
    """A number or a mapping where an old strand's id goes (a key, an item of `retired`, a
    new strand): no finding of these checks, and no crash looking it up."""
    data = _data({**_ALL_BUT_2B, 7: "1a1", "2b2": ["2b1", 3]}, retired=["2b1", {"x": 1}, 7.5])
    assert migration_findings(data, _resolve) == []


@pytest.mark.parametrize(
    ("left_out", "message"),
    [
        (["2b2"], "strand 2b2 of example-srf@1 is neither mapped nor retired"),
        (["1b1", "2b2"], "strands 1b1, 2b2 of example-srf@1 are neither mapped nor retired"),
        (
            ["1a2", "1b1", "2b2"],
            "strands 1a2, 1b1, 2b2 of example-srf@1 are neither mapped nor retired",
        ),
    ],
)
def test_the_old_strands_left_out_are_named_in_one_finding(
    left_out: list[str], message: str
) -> None:
    strands = {k: v for k, v in {**_ALL_BUT_2B, "2b2": "2b1"}.items() if k not in left_out}
    findings = migration_findings(_data(strands, retired=["2b1"]), _resolve)
    assert [(f.path, f.message, f.code, f.at_key) for f in findings] == [
        (("strands",), message, "unmapped-strand", True)
    ]


def test_a_retired_id_unknown_is_found_at_the_item_as_an_id_not_a_key() -> None:
    """An item of `retired` is a value, not a key (round 66's pass): an empty one is "an
    empty id", `<<` gets no hint about YAML's merge key, and the finding points at the item
    itself (`at_key` False), where a key of `strands` is found at its key."""
    strands = {**_ALL_BUT_2B, "2b2": "2b1", "": "1a1"}
    findings = migration_findings(_data(strands, retired=["2b1", "", "<<"]), _resolve)
    assert [(f.path, f.message, f.at_key, f.hint) for f in findings] == [
        (("strands", ""), "an empty key is not a strand of example-srf@1", True, None),
        (("retired", 1), "an empty id is not a strand of example-srf@1", False, None),
        (("retired", 2), "`<<` is not a strand of example-srf@1", False, None),
    ]
