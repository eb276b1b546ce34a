"""`auditor audit` end to end: the JSON report's shape, exact quotes, parameters, safe writing."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SAMPLES

from auditor.errors import InputError
from auditor.read import read_document

CONTROL_FIELDS = {"id", "title", "area", "status", "severity", "parameters", "evidence", "legal_basis",
                  "recommendation", "fallback"}
STATUSES = {"pass", "weak", "fail", "missing", "not_applicable", "review"}


def audit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "auditor", "audit", *args], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def hds_report():
    result = audit(str(SAMPLES / "fr-hebergement-hds.pdf"), "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_report_lists_every_control_with_the_documented_fields(hds_report):
    assert hds_report["schema_version"] == 1
    document = hds_report["document"]
    assert document["format"] == "pdf" and document["pages"] == 11 and document["language"] == "fr"
    assert len(document["sha256"]) == 64
    ids = [control["id"] for control in hds_report["controls"]]
    assert len(ids) == 36 and ids[0] == "TERM-01" and ids[-1] == "LIAB-09"
    for control in hds_report["controls"]:
        assert set(control) >= CONTROL_FIELDS
        assert control["status"] in STATUSES
        assert control["legal_basis"], control["id"]
    assert sum(hds_report["summary"].values()) == 36


def test_every_quote_is_exact_and_located(hds_report):
    document = read_document(SAMPLES / "fr-hebergement-hds.pdf")
    quotes = 0
    for control in hds_report["controls"]:
        for evidence in control["evidence"]:
            assert document.text[evidence["start"]:evidence["end"]] == evidence["quote"]
            assert evidence["page"] == document.page_at(evidence["start"])
            quotes += 1
    assert quotes > 0


def test_health_data_applicability_says_which_words_decided(hds_report):
    health = next(a for a in hds_report["applicability"] if a["name"] == "health_data")
    assert health["applies"] is True
    assert any("santé" in e["quote"].lower() for e in health["evidence"])
    saas = json.loads(audit(str(SAMPLES / "fr-saas-cgv.pdf"), "--format", "json").stdout)
    health = next(a for a in saas["applicability"] if a["name"] == "health_data")
    assert health["applies"] is False
    assert all(c["status"] == "not_applicable" for c in saas["controls"] if c["area"] == "HDS")


def test_term01_reads_the_client_notice_and_a_parameter_changes_the_verdict(hds_report):
    term01 = hds_report["controls"][0]
    # a hosting service: the Data Act caps the client's notice at two months (a fixed law parameter)
    assert term01["status"] == "fail"
    assert term01["parameters"]["client_notice_days"] == "180"
    # 4.2 (six months' notice of non-renewal by "l'une des Parties") and 13.1 both bind the client
    assert any(e["clause"] == "13.1" and e["page"] == 7 for e in term01["evidence"])
    assert any("recommandée" in reason for reason in term01["reasons"])
    relaxed = json.loads(audit(str(SAMPLES / "fr-hebergement-hds.pdf"), "--format", "json",
                               "--param", "TERM-01.client_max_notice_months=6").stdout)
    assert relaxed["controls"][0]["status"] == "fail"
    assert not any("recommandée" in reason for reason in relaxed["controls"][0]["reasons"])


def test_output_file_is_written_whole_and_replaced_only_on_success(tmp_path):
    target = tmp_path / "rapport.json"
    assert audit(str(SAMPLES / "fr-saas-cgv.docx"), "--format", "json", "-o", str(target)).returncode == 0
    first = json.loads(target.read_text(encoding="utf-8"))
    assert first["document"]["format"] == "docx"
    broken = tmp_path / "vide.pdf"
    broken.write_bytes(b"")
    result = audit(str(broken), "--format", "json", "-o", str(target))
    assert result.returncode == 3 and "empty" in result.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.json", "vide.pdf"]  # no temporary left


def test_bad_parameter_is_a_usage_error():
    result = audit(str(SAMPLES / "fr-saas-cgv.pdf"), "--param", "TERM-01.no_such_parameter=3")
    assert result.returncode == 2
    assert "no_such_parameter" in result.stderr and "Traceback" not in result.stderr


def test_terminal_summary_groups_controls_by_area():
    result = audit(str(SAMPLES / "fr-maintenance-pme.pdf"))
    assert result.returncode == 0, result.stderr
    for heading in ("Résiliation", "Réversibilité", "Sauvegardes", "Limitation de responsabilité", "Bilan"):
        assert heading in result.stdout
    assert "TERM-01" in result.stdout and "ÉCHEC" in result.stdout


class _Cycle:
    def __init__(self):
        self.me = self


def test_an_audit_runs_without_the_cyclic_collector_and_frees_its_cycles_after(monkeypatch):
    # The collector's walks over the whole heap made a long contract cost more per page than a short
    # one; the audit pauses it, and must hand it back as it found it, even when the audit fails.
    import gc
    import weakref

    import auditor.audit as audit_module
    from auditor.checklist import default_checklist_path, load_checklist

    document = read_document(SAMPLES / "fr-saas-cgv.docx")
    checklist = load_checklist(default_checklist_path())
    seen = {}

    def segment_recording_the_collector(doc):
        seen["enabled during the audit"] = gc.isenabled()
        cycle = _Cycle()
        seen["cycle"] = weakref.ref(cycle)
        return real_segment(doc)

    real_segment = audit_module.segment
    monkeypatch.setattr(audit_module, "segment", segment_recording_the_collector)
    assert gc.isenabled()
    audit_module.audit_document(document, checklist)
    assert seen["enabled during the audit"] is False
    assert gc.isenabled()
    assert seen["cycle"]() is None  # the cycle made during the audit is already freed

    def failing_segment(doc):
        raise RuntimeError("broken reader")

    monkeypatch.setattr(audit_module, "segment", failing_segment)
    with pytest.raises(RuntimeError):
        audit_module.audit_document(document, checklist)
    assert gc.isenabled()

    gc.disable()
    try:
        monkeypatch.setattr(audit_module, "segment", real_segment)
        audit_module.audit_document(document, checklist)
        assert not gc.isenabled()  # a caller that switched it off finds it off
    finally:
        gc.enable()


def test_reading_runs_without_the_cyclic_collector_and_hands_it_back(monkeypatch):
    # Reading a long PDF or DOCX makes as many long-lived objects as auditing it: the collector is
    # paused there too, and found as it was left, even when the file cannot be read.
    import gc

    import auditor.read as read_module

    seen = {}
    real_read_text = read_module._read_text

    def read_text_recording_the_collector(path, data, *, markdown):
        seen["enabled while reading"] = gc.isenabled()
        return real_read_text(path, data, markdown=markdown)

    monkeypatch.setattr(read_module, "_read_text", read_text_recording_the_collector)
    assert gc.isenabled()
    document = read_module.read_data(SAMPLES / "contrat.txt", "Article 1 – Objet\nLe Prestataire héberge.\n".encode())
    assert document.text.startswith("Article 1")
    assert seen["enabled while reading"] is False
    assert gc.isenabled()
    with pytest.raises(InputError):
        read_module.read_data(SAMPLES / "vide.txt", b"   ")
    assert gc.isenabled()
    gc.disable()
    try:
        read_module.read_data(SAMPLES / "contrat.txt", "Article 1 – Objet\nTexte.\n".encode())
        assert not gc.isenabled()
    finally:
        gc.enable()
