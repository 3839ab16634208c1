"""Behaviours of `file_names` that a mutation pass (round 44) found no test pinned: a stem
made without a byte limit leaves room in a file name for a suffix of 32 bytes (an exporter's
extension, a `-2` to tell two schools apart), and an exporter's extension is cut to 16
bytes after its dot, so that a plugin's long one cannot crowd out the school's name."""

from __future__ import annotations

from selfreview_core.file_names import NAME_MAX, safe_extension, safe_stem


def test_a_stem_leaves_room_for_a_suffix_of_32_bytes() -> None:
    assert NAME_MAX == 255
    assert safe_stem("x" * 1000) == "x" * 223
    assert safe_stem("é" * 1000) == "é" * 111  # 222 bytes: no character cut in two


def test_an_extension_is_cut_to_16_bytes_after_its_dot() -> None:
    assert safe_extension("." + "a" * 16) == "." + "a" * 16
    assert safe_extension("a" * 40) == "." + "a" * 16
    assert safe_extension("é" * 9) == "." + "é" * 8
    assert safe_extension("") == ".out"
