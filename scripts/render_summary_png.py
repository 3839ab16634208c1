"""Render docs/images/summary.png, the picture of the governors' page, from the real output.

    python scripts/render_summary_png.py [--output docs/images/summary.png] [--pdf FILE]

Runs `selfreview report examples/example-primary-2026.yaml --previous
examples/example-primary-2025.yaml --voices examples/respondents --format summary -o
<tmp>/summary.html` with the Python running this script, then has a headless Chromium take
a screenshot of the page at a laptop's width (and, with --pdf, print it to PDF as a
governor's printer would). Regenerate the picture whenever the page changes.

Needs Chromium (Debian: `apt-get install chromium`); give another Chrome-like browser with
`--browser PATH` or the CHROME environment variable.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_report_png import find_browser

ROOT = Path(__file__).resolve().parents[1]
COMMAND = (
    "report",
    "examples/example-primary-2026.yaml",
    "--previous",
    "examples/example-primary-2025.yaml",
    "--voices",
    "examples/respondents",
    "--format",
    "summary",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "images" / "summary.png")
    parser.add_argument("--pdf", type=Path, help="also print the page to this PDF file")
    parser.add_argument("--width", type=int, default=1000)
    parser.add_argument("--height", type=int, default=1500)
    parser.add_argument("--browser", help="Chromium or Chrome executable")
    args = parser.parse_args()
    browser = find_browser(args.browser)
    with tempfile.TemporaryDirectory(prefix="selfreview-png-") as work:
        page = Path(work) / "summary.html"
        subprocess.run(
            [sys.executable, "-m", "selfreview_core", *COMMAND, "-o", str(page)],
            cwd=ROOT,
            check=True,
        )
        shot = Path(work) / "summary.png"
        base = [browser, "--headless", "--disable-gpu", "--hide-scrollbars"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            base.append("--no-sandbox")  # Chromium refuses root otherwise; our own file
        base.append(f"--user-data-dir={Path(work) / 'profile'}")
        subprocess.run(
            [
                *base,
                "--force-device-scale-factor=1",
                f"--window-size={args.width},{args.height}",
                f"--screenshot={shot}",
                page.as_uri(),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=180,
        )
        if not shot.is_file() or shot.stat().st_size == 0:
            sys.exit(f"{browser} wrote no screenshot")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, args.output)
        if args.pdf is not None:
            subprocess.run(
                [*base, "--no-pdf-header-footer", f"--print-to-pdf={args.pdf}", page.as_uri()],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=180,
            )
    print(f"Wrote {args.output} ({args.output.stat().st_size:,} bytes) with {browser}")


if __name__ == "__main__":
    main()
