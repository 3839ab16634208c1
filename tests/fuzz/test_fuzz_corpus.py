"""The regression corpus: every input that ever broke a loader or the CLI, and nasty
hand-picked ones (tests/data/crashes/, policy in its README.md).

Each file, as bytes and as text, goes through every loader and through the CLI: a document
or a clean `SelfReviewError`, never anything else, and never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.harness import check_cli, check_loaders

CORPUS = Path(__file__).resolve().parents[1] / "data" / "crashes"
FILES = sorted(p for p in CORPUS.iterdir() if p.name != "README.md")


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 10
    assert (CORPUS / "README.md").is_file()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_through_the_loaders(path: Path) -> None:
    raw = path.read_bytes()
    check_loaders(path.name, raw)
    # As `text=` a str may hold what no file can: lone surrogates (kept as UTF-8 bytes),
    # and bytes that are not UTF-8 (as surrogates too).
    try:
        text = raw.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "surrogateescape")
    check_loaders(path.name, text)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_through_the_cli(path: Path) -> None:
    check_cli(path)
