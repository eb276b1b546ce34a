"""The pre-signature gate: `auditor audit --fail-on SEVERITY` exits 1 when a blocking control is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_auditor

from auditor.gate import gate_verdict
from auditor.models import AuditReport, Document, Finding

# The provider may walk away at any time on 15 days' notice: TERM-01 (high severity) fails.
ONE_SIDED = """CONTRAT D'HÉBERGEMENT

Article 1 – Objet
Le Prestataire héberge l'application du Client.
Article 2 – Durée et résiliation
2.1 Le contrat est conclu pour un an.
2.2 Le Prestataire peut résilier le contrat à tout moment, sans motif, moyennant un préavis de quinze (15) jours.
"""

# Silent on nearly everything (missing clauses) but with no clause against the client.
SILENT = """CONTRAT DE MAINTENANCE

Article 1 – Objet
Le Prestataire assure la maintenance du parc informatique.
Article 2 – Durée
Le contrat est conclu pour un an.
"""


run = run_auditor


@pytest.fixture
def one_sided(tmp_path) -> Path:
    path = tmp_path / "one-sided.txt"
    path.write_text(ONE_SIDED, encoding="utf-8")
    return path


@pytest.fixture
def silent(tmp_path) -> Path:
    path = tmp_path / "silent.txt"
    path.write_text(SILENT, encoding="utf-8")
    return path


def finding(control_id: str, severity: str, status: str) -> Finding:
    return Finding(control_id, control_id, control_id.split("-")[0], severity, status, "", (), (), (), (), (), "", "")


def report_of(*findings: Finding) -> AuditReport:
    document = Document(path="c.txt", format="text", sha256="0" * 64, blocks=(), text="x")
    return AuditReport(document, (), "fr", "list", "1", (), tuple(findings))


def test_the_gate_counts_controls_at_or_above_the_threshold():
    report = report_of(finding("TERM-01", "high", "fail"), finding("TERM-04", "medium", "missing"),
                       finding("LIAB-09", "low", "fail"), finding("REV-01", "high", "pass"))
    assert [f.control_id for f in gate_verdict(report, "high").blocking] == ["TERM-01"]
    assert [f.control_id for f in gate_verdict(report, "medium").blocking] == ["TERM-01", "TERM-04"]
    assert [f.control_id for f in gate_verdict(report, "low").blocking] == ["TERM-01", "TERM-04", "LIAB-09"]


def test_weak_and_review_block_only_when_asked():
    report = report_of(finding("TERM-01", "high", "weak"), finding("REV-01", "high", "review"))
    assert gate_verdict(report, "high").passed
    assert [f.control_id for f in gate_verdict(report, "high", ("fail", "missing", "weak")).blocking] == ["TERM-01"]
    assert not gate_verdict(report, "high", ("review",)).passed


def test_a_blocking_control_exits_1_and_names_it(one_sided):
    result = run("audit", str(one_sided), "--fail-on", "high")
    assert result.returncode == 1
    assert "Résiliation" in result.stdout  # the summary is still printed
    verdict = result.stderr.strip().splitlines()
    assert len(verdict) == 1 and "SIGNATURE BLOQUÉE" in verdict[0] and "TERM-01 ÉCHEC" in verdict[0]


def test_quiet_prints_only_the_verdict_line(one_sided, tmp_path):
    report = tmp_path / "report.json"
    result = run("audit", str(one_sided), "--fail-on", "high", "--quiet", "--format", "json", "-o", str(report),
                 "--lang", "en")
    assert result.returncode == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{one_sided}: GATE FAILED") and "TERM-01 FAIL" in lines[0]
    assert json.loads(report.read_text(encoding="utf-8"))["schema_version"] == 1


def test_missing_clauses_do_not_block_when_only_fail_counts(silent):
    blocked = run("audit", str(silent), "--fail-on", "high", "--quiet")
    assert blocked.returncode == 1 and "ABSENT" in blocked.stdout
    result = run("audit", str(silent), "--fail-on", "high", "--fail-statuses", "fail", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SIGNATURE POSSIBLE" in result.stdout


def test_without_a_gate_an_audit_exits_0(one_sided):
    result = run("audit", str(one_sided), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["summary"]["fail"] >= 1


@pytest.mark.parametrize("arguments", [["--fail-on", "critical"], ["--fail-on", "high", "--fail-statuses", "bad"]])
def test_gate_usage_errors_exit_2(one_sided, arguments):
    result = run("audit", str(one_sided), *arguments)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_an_unreadable_contract_exits_3_even_with_a_gate(tmp_path):
    result = run("audit", str(tmp_path / "absent.pdf"), "--fail-on", "high", "--quiet")
    assert result.returncode == 3
    assert len(result.stderr.strip().splitlines()) == 1
