"""Render the README's picture of the HTML report from the real output.

    python scripts/render_report_png.py [--output docs/images/report.png]

Runs `selfreview report examples/example-primary-2026.yaml --previous
examples/example-primary-2025.yaml -o <tmp>/report.html` with the Python running this script
(so the plugins installed there take part, as they would for a user), then has a headless
Chromium take a screenshot of the top of the page (the header, the key figures and the
profile chart). Nothing is drawn by hand: regenerate the picture whenever the report changes.

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

ROOT = Path(__file__).resolve().parents[1]
NEW = "examples/example-primary-2026.yaml"
OLD = "examples/example-primary-2025.yaml"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_browser(given: str | None) -> str:
    for name in (given, os.environ.get("CHROME"), *BROWSERS):
        if name and (found := shutil.which(name)):
            return found
    sys.exit(
        "no headless browser found: install Chromium (apt-get install chromium) or pass --browser"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "images" / "report.png")
    parser.add_argument("--width", type=int, default=1000)
    parser.add_argument("--height", type=int, default=1120)
    parser.add_argument("--browser", help="Chromium or Chrome executable")
    args = parser.parse_args()
    browser = find_browser(args.browser)
    with tempfile.TemporaryDirectory(prefix="selfreview-png-") as work:
        page = Path(work) / "report.html"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "selfreview_core",
                "report",
                NEW,
                "--previous",
                OLD,
                "-o",
                str(page),
            ],
            cwd=ROOT,
            check=True,
        )
        shot = Path(work) / "report.png"
        command = [
            browser,
            "--headless",
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--user-data-dir={Path(work) / 'profile'}",
            f"--window-size={args.width},{args.height}",
            f"--screenshot={shot}",
            page.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses root otherwise; our own file
        subprocess.run(
            command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180
        )
        if not shot.is_file() or shot.stat().st_size == 0:
            sys.exit(f"{browser} wrote no screenshot")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, args.output)
    print(f"Wrote {args.output} ({args.output.stat().st_size:,} bytes) with {browser}")


if __name__ == "__main__":
    main()
