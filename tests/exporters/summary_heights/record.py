"""Chromium's printed height of a set of governors' pages, recorded once as test data, so
that the calibration constants of `summary_budget`'s estimate are held where CI has no
Chromium (tests/exporters/test_summary_budget.py).

Each page is kept as it was printed (`NAME.html.gz`), and its height is the content's on
one A4-wide page: the shortest page height, in whole millimetres, that prints it on one
page, less the print style sheet's top and bottom margins (12 mm and 13 mm). Made with:

    cd tests && python -m exporters.summary_heights.record

(Chromium installed; about a minute a page.) The heights go to `heights.json`.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import tempfile
from pathlib import Path

from chromium import BROWSER, pdf_pages, print_to_pdf
from exporters.extreme_summaries import Extreme, extreme_report
from selfreview_core.exporters.summary import render

HERE = Path(__file__).parent
COMMAND = "cd tests && python -m exporters.summary_heights.record"
MARGINS_MM = 25
_ALL = {"voices": True, "cohort": True, "evidence": True, "terms": True}
#: Small and large frameworks, long texts, unbroken words, Chinese and Japanese texts.
PAGES = {
    "ordinary": Extreme(),
    "4-aspects-texts-1000": Extreme(text=1000, id_length=200, aspects=4, **_ALL),
    "8-aspects-texts-1000-unbroken": Extreme(
        text=1000, words=False, id_length=200, aspects=8, **_ALL
    ),
    "24-aspects": Extreme(aspects=24),
    "24-aspects-everything": Extreme(aspects=24, voices=True, cohort=True, evidence=True),
    "40-aspects-texts-1000": Extreme(text=1000, id_length=200, aspects=40, **_ALL),
    "2000-strands": Extreme(aspects=200, strands=10, awards=20, actions=3),
    "cjk-8-aspects": Extreme(text=300, aspects=8, cjk=True, **_ALL),
    "cjk-24-aspects": Extreme(text=60, aspects=24, cjk=True),
}


def page_html(name: str) -> str:
    """A recorded page, as it was printed."""
    return gzip.decompress((HERE / f"{name}.html.gz").read_bytes()).decode("utf-8")


def _pages_at(page: str, height_mm: int, work: Path) -> int:
    tall = page.replace("@page{size:A4;", f"@page{{size:210mm {height_mm}mm;", 1)
    assert tall != page
    path = work / "page.html"
    path.write_text(tall, encoding="utf-8")
    return pdf_pages(print_to_pdf(path, work))


def printed_height(page: str, work: Path) -> int:
    """The content's height in millimetres: the shortest page that holds it, less margins."""
    low, high = 60, 1200  # one page holds it at `high`, not at `low`
    assert _pages_at(page, high, work) == 1
    while high - low > 1:
        middle = (low + high) // 2
        if _pages_at(page, middle, work) == 1:
            high = middle
        else:
            low = middle
    return high - MARGINS_MM


def main() -> None:
    assert BROWSER is not None, "no Chromium installed"
    version = subprocess.run(
        [BROWSER, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    heights: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, extreme in PAGES.items():
            report, cohort = extreme_report(extreme)
            page = render(report, with_evidence=extreme.evidence, cohort=cohort)
            (HERE / f"{name}.html.gz").write_bytes(gzip.compress(page.encode("utf-8"), mtime=0))
            heights[name] = printed_height(page, Path(folder))
            print(name, heights[name], "mm", flush=True)
    record = {"command": COMMAND, "browser": version, "printed_mm": heights}
    (HERE / "heights.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
