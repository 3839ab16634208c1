"""The bundled Becta framework: complete, valid, and faithful to its source."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core import Framework, load_framework
from selfreview_core.default_plugins.bundled_frameworks import frameworks_dir

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "004_36050ad6e1528efb.txt"


def test_becta_holds_twelve_strands_with_five_levels_each(becta: Framework) -> None:
    assert (becta.id, becta.version, becta.publisher, becta.year) == (
        "becta-srf",
        "2010",
        "Becta",
        2010,
    )
    assert (becta.scale.best, becta.scale.worst) == (1, 5)
    assert [e.id for e in becta.elements] == ["1"]
    assert [a.id for a in becta.aspects] == ["1a", "1b", "1c"]
    assert len(becta) == 12
    assert all(sorted(s.levels) == [1, 2, 3, 4, 5] for s in becta)
    assert becta.source
    assert "selfreview.becta.org.uk, is an archived source, no longer online" in becta.source
    assert "http" not in becta.source  # shown as a source, not a link to a closed site
    assert becta.notes
    assert "five further elements" in becta.notes


def test_the_bundled_file_is_what_the_wheel_ships() -> None:
    assert (frameworks_dir() / "becta-srf.yaml").is_file()
    assert load_framework(frameworks_dir() / "becta-srf.yaml").ref == "becta-srf@2010"


@pytest.mark.skipif(not SEED.exists(), reason="the seed documents are beside the repository in CI")
def test_every_title_and_descriptor_is_verbatim_from_the_seed(becta: Framework) -> None:
    seed = {line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()}
    for strand in becta:
        assert f"{strand.id}: {strand.title}" in seed
        for level, descriptor in strand.levels.items():
            assert descriptor in seed, f"{strand.id} level {level} is not verbatim"
    assert "1b1" in {s.id for s in becta}
    assert becta.strand("1a1").levels[5] == "The school's overall vision takes no account of ICT."
