from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus" / "cuad-it"


@pytest.fixture
def write_text(tmp_path):
    """Writes text to a file and returns its path (UTF-8 unless told otherwise)."""

    def write(text: str, name: str = "contrat.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


def needs_libreoffice():
    return pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
