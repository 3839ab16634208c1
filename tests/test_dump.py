"""Writing models back: readable YAML that reloads equal, and writes that never tear."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given

from selfreview_core import (
    Assessment,
    Framework,
    load_assessment,
    load_framework,
    load_migration,
    load_rules,
)
from selfreview_core.dump import dump_json, dump_yaml, to_data, write_atomic
from selfreview_core.testing import hostile_texts
from test_escaping import assert_terminal_safe


def test_bundled_framework_round_trips(becta: Framework) -> None:
    assert load_framework("b.yaml", text=dump_yaml(becta)) == becta
    assert load_framework("b.json", text=dump_json(becta)) == becta


def test_dumps_start_with_kind_and_omit_empty_keys(becta: Framework) -> None:
    data = to_data(becta.model_copy(update={"licence": None}))
    assert next(iter(data)) == "kind"
    assert "licence" not in data
    assert "licence" in to_data(becta)
    assert dump_yaml(becta).startswith("kind: framework\nid: becta-srf\nversion: '2010'\n")


def test_judgements_with_only_a_level_use_the_short_form(
    small_framework: Framework, assessment: Assessment
) -> None:
    text = dump_yaml(assessment)
    assert "  A1.2: 0\n" in text
    assert "  A1.1:\n    level: 2\n    evidence: Vision shared with staff.\n" in text
    assert load_assessment("a.yaml", small_framework, text=text) == assessment


@pytest.mark.parametrize("text", ["09", "1e3", "0o17", "yes", "NULL", "2026-10-01", "1_000"])
def test_text_that_looks_like_a_number_stays_text(small_framework: Framework, text: str) -> None:
    changed = small_framework.model_copy(update={"title": text, "version": text.replace(" ", "")})
    assert load_framework("f.yaml", text=dump_yaml(changed)).title == text


TINY = load_framework(Path(__file__).parent / "data" / "good" / "tiny-framework.yaml")


@given(hostile_texts())
def test_yaml_writes_no_control_character_raw_and_reloads_equal(text: str) -> None:
    """`migrate` prints this YAML: a bidirectional override or NEL, which PyYAML would
    write raw, is written as an escape in a double-quoted string."""
    changed = TINY.model_copy(update={"title": text, "notes": f"{text}\u202e"})
    dumped = dump_yaml(changed)
    assert_terminal_safe(dumped)
    assert load_framework("f.yaml", text=dumped) == changed


def test_yaml_quotes_text_with_a_control_character_and_no_other(
    small_framework: Framework,
) -> None:
    changed = small_framework.model_copy(update={"title": "\u202eevil", "notes": "plain"})
    dumped = dump_yaml(changed)
    assert 'title: "\\u202eevil"\n' in dumped
    assert "notes: plain\n" in dumped


def test_write_atomic_replaces_content_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "review.yaml"
    target.write_text("old")
    os.chmod(target, 0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["review.yaml"], "no temporary file is left"


def test_a_failed_write_leaves_the_old_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "review.yaml"
    target.write_bytes(b"old content")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new content")
    assert target.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["review.yaml"]


def test_fields_with_aliases_are_written_under_their_file_names(becta: Framework) -> None:
    """`from` and `not` are Python keywords, so the models name them `from_` and `not_`;
    files must still say `from` and `not`, or they would not load back."""
    root = Path(__file__).resolve().parents[1]
    migration = load_migration(root / "examples" / "migration" / "example-srf-1-to-2.yaml")
    text = dump_yaml(migration)
    assert "\nfrom: example-srf@1\n" in text
    assert load_migration("m.yaml", text=text) == migration
    source = (
        "kind: rules\nid: p\nframework: becta-srf\nrules:\n"
        "  - id: r\n    when: {not: {strand: 1a1, reached: 3}}\n"
        "    recommend: {title: T, action: A}\n"
    )
    pack = load_rules("r.yaml", becta, text=source)
    text = dump_yaml(pack)
    assert "not_" not in text
    assert "not:" in text
    assert load_rules("r.yaml", becta, text=text) == pack
