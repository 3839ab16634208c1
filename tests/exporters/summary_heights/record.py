"""Chromium's printed height of a set of governors' pages, recorded once as test data, so
that the calibration constants of `summary_budget`'s estimate are held where CI has no
Chromium (tests/exporters/test_summary_budget.py).

Each page is kept as it was printed (`NAME.html.gz`), and its height is the content's on
one A4-wide page: the shortest page height, in whole millimetres, that prints it on one
page, less the print style sheet's top and bottom margins (12 mm and 13 mm). Made with:

    cd tests && python -m exporters.summary_heights.record

(Chromium installed, and a font with Chinese and Japanese characters, such as Debian's
fonts-wqy-microhei or fonts-noto-cjk: without one Chromium draws each as a narrower empty
box, and the CJK pages print shorter than any reader sees them; about half a minute a
page.) The heights go to `heights.json`.
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
    "cjk-40-aspects": Extreme(text=300, aspects=40, cjk=True, **_ALL),
}


#: The chart's section alone, as it stands beside the table (in a `.grid`) and below it (in
#: a `.stack`), cut from the recorded page named: `summary_budget`'s two heights of it,
#: recorded to a tenth of a millimetre.
CHARTS = {"chart-beside": "ordinary", "chart-stacked": "24-aspects"}


def chart_only(page: str) -> str:
    """`page` with nothing in its body but the chart's section, in the `.grid` or `.stack`
    it stands in (so as wide as it is there)."""
    start = page.index('<section id="chart">')
    end = page.index("</section>", start) + len("</section>")
    wrapper = page[page.rindex('<div class="', 0, start) : start].split('"')[1]
    body = f'<body>\n<main>\n<div class="{wrapper}">\n{page[start:end]}\n</div>\n</main>\n'
    return page[: page.index("<body")] + body + "</body>\n</html>\n"


def page_html(name: str) -> str:
    """A recorded page, as it was printed."""
    return gzip.decompress((HERE / f"{name}.html.gz").read_bytes()).decode("utf-8")


def _pages_at(page: str, height_mm: float, work: Path) -> int:
    tall = page.replace("@page{size:A4;", f"@page{{size:210mm {height_mm}mm;", 1)
    assert tall != page
    path = work / "page.html"
    path.write_text(tall, encoding="utf-8")
    return pdf_pages(print_to_pdf(path, work))


def printed_height(page: str, work: Path, per_mm: int = 1) -> float:
    """The content's height in millimetres: the shortest page that holds it, less margins,
    to the nearest `1 / per_mm` millimetre above it."""
    low, high = 60 * per_mm, 1200 * per_mm  # one page holds it at `high`, not at `low`
    assert _pages_at(page, high / per_mm, work) == 1
    while high - low > 1:
        middle = (low + high) // 2
        if _pages_at(page, middle / per_mm, work) == 1:
            high = middle
        else:
            low = middle
    return high / per_mm - MARGINS_MM


def main() -> None:
    assert BROWSER is not None, "no Chromium installed"
    version = subprocess.run(
        [BROWSER, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    heights: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, extreme in PAGES.items():
            report, cohort = extreme_report(extreme)
            page = render(report, with_evidence=extreme.evidence, cohort=cohort)
            (HERE / f"{name}.html.gz").write_bytes(gzip.compress(page.encode("utf-8"), mtime=0))
            heights[name] = printed_height(page, Path(folder))
            print(name, heights[name], "mm", flush=True)
        charts = {
            name: printed_height(chart_only(page_html(page)), Path(folder), per_mm=10)
            for name, page in CHARTS.items()
        }
        print(charts, flush=True)
    record = {"command": COMMAND, "browser": version, "printed_mm": heights, "chart_mm": charts}
    (HERE / "heights.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
