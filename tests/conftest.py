from __future__ import annotations

import functools
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus" / "cuad-it"
# The day the samples and the control cases are audited as of (samples/update_golden.py): their
# dates, a certificate's expiry, must not age with the calendar.
SAMPLES_AUDITED_AT = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


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


@functools.lru_cache(maxsize=None)
def audited_sample(name: str, language: str = "fr"):
    """The audit report of a file of samples/, computed once per test session (an audit costs seconds)."""
    from auditor.audit import audit_document
    from auditor.checklist import default_checklist_path, load_checklist
    from auditor.read import read_document

    return audit_document(read_document(SAMPLES / name), load_checklist(default_checklist_path()), language,
                          audited_at=SAMPLES_AUDITED_AT)


def run_auditor(*args: str, timeout: float = 600):
    """``auditor ARGS`` in a fresh process, as a user runs it: exit code, stdout and stderr."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True, timeout=timeout)
