"""Headless Chromium for the tests that must see a page as a browser draws or prints it.

Tests that use it are marked `chromium` and skipped where no Chromium is installed
(Debian: `apt-get install chromium`; or set CHROME to a Chrome-like browser). No new
dependency: pages are printed with `--print-to-pdf` and their pages counted in the PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

__all__ = ["BROWSER", "dump_dom", "needs_chromium", "pdf_pages", "print_to_pdf"]

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next(
    (
        found
        for name in (os.environ.get("CHROME"), *_NAMES)
        if name and (found := shutil.which(name))
    ),
    None,
)

needs_chromium = pytest.mark.skipif(BROWSER is None, reason="no headless Chromium installed")


def _command(work: Path) -> list[str]:
    assert BROWSER is not None
    command = [BROWSER, "--headless", "--disable-gpu", f"--user-data-dir={work / 'profile'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--no-sandbox")  # Chromium refuses root otherwise; our own files
    return command


def print_to_pdf(page: Path, work: Path) -> bytes:
    """`page` printed by Chromium as a PDF (A4, as the page's `@page` rule asks)."""
    pdf = work / f"{page.stem}.pdf"
    subprocess.run(
        [*_command(work), "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=180,
    )
    return pdf.read_bytes()


def pdf_pages(pdf: bytes) -> int:
    """The pages of a PDF: its `/Type /Page` objects (not the `/Type /Pages` tree nodes)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def dump_dom(page: Path, work: Path) -> str:
    """The page's DOM after Chromium loaded it (and ran its scripts)."""
    done = subprocess.run(
        [*_command(work), "--dump-dom", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return done.stdout.decode("utf-8")
