"""Importing the library or the documents package loads no PDF, shaping or QR library."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("fpdf", "uharfbuzz", "fontTools", "segno", "pypdf")


@pytest.mark.parametrize(
    "modules",
    [
        "municipal_core",
        "municipal_core.documents",
        "municipal_core.documents._render, municipal_core.documents._layout",
    ],
)
def test_heavy_libraries_load_only_when_rendering(modules: str) -> None:
    script = f"import sys, {modules}\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, check=True, text=True
    ).stdout.strip()
    assert loaded == ""
