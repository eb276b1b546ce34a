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


def audit_for(control_id: str, text: str, markdown: bool = False):
    """The audit of ``text``, a whole contract in one string, for one control only (as of the samples' day)."""
    from dataclasses import replace

    from auditor.audit import audit_document
    from auditor.checklist import default_checklist_path, load_checklist
    from auditor.read.text import read_text

    checklist = load_checklist(default_checklist_path())
    only = checklist.model_copy(update={"controls": (checklist.control(control_id),)})
    name = "contrat.md" if markdown else "contrat.txt"
    document = replace(read_text(Path(name), text.encode("utf-8"), markdown=markdown), path=name)
    return audit_document(document, only, audited_at=SAMPLES_AUDITED_AT)


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


def rule_context(text: str, audit_date=None):
    """What the rules see of a contract written as ``text``: clauses, sentences, parties, titles."""
    from dataclasses import replace

    from auditor.audit import clause_titles, innermost_clauses
    from auditor.evaluate import Context
    from auditor.nlp import analyse_sentences, detect_language, paragraph_spans
    from auditor.parties import find_parties
    from auditor.read.text import read_text
    from auditor.segment import segment

    document = replace(read_text(Path("case.txt"), text.encode("utf-8")), path="case.txt")
    clauses = segment(document)
    language = detect_language(document.text)
    starts = frozenset(c.start for top in clauses for c in top.walk())
    sentences = analyse_sentences(document, language, paragraph_spans(document, starts))
    context = Context(document, language, sentences, find_parties(document.text), innermost_clauses(clauses, sentences),
                      clause_titles(clauses, sentences))
    if audit_date is not None:
        context.audit_date = audit_date
    return context


def evaluate_rule(detect, text: str, parameters: dict | None = None, audit_date=None):
    """One control's result for ``detect`` (a rules.Detect) on a contract written as ``text``."""
    from auditor.evaluate import evaluate

    return evaluate("TEST-01", detect, parameters or {}, rule_context(text, audit_date))
