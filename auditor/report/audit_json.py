"""The audit report as JSON for tools. Schema: README.md ("JSON audit report"), versioned."""

from __future__ import annotations

import json

from auditor import __version__
from auditor.models import AuditReport, Evidence, Finding
from auditor.report.clause_map import document_record

AUDIT_SCHEMA_VERSION = 1


def evidence_record(evidence: Evidence) -> dict:
    return {
        "clause": evidence.clause,
        "clause_title": evidence.clause_title,
        "page": evidence.page,
        "quote": evidence.quote,
        "start": evidence.start,
        "end": evidence.end,
        "rule": evidence.rule,
        "explanation": evidence.say,
        "highlights": [list(mark) for mark in evidence.marks],
    }


def finding_record(finding: Finding) -> dict:
    return {
        "id": finding.control_id,
        "title": finding.title,
        "area": finding.area,
        "status": finding.status,
        "severity": finding.severity,
        "checked": finding.checked,
        "parameters": dict(finding.values),
        "thresholds": dict(finding.thresholds),
        "reasons": list(finding.reasons),
        "evidence": [evidence_record(e) for e in finding.evidence],
        "legal_basis": list(finding.legal_basis),
        "recommendation": finding.recommendation,
        "fallback": finding.fallback,
    }


def render_json(report: AuditReport) -> str:
    document = document_record(report.document)
    document["language"] = report.language
    payload = {
        "schema_version": AUDIT_SCHEMA_VERSION,
        "tool": {"name": "auditor", "version": __version__},
        "audited_at": report.audited_at,
        "report_language": report.report_language,
        "checklist": {"id": report.checklist_id, "version": report.checklist_version},
        "document": document,
        "applicability": [
            {
                "name": a.name,
                "applies": a.applies,
                "reason": a.say,
                "evidence": [evidence_record(e) for e in a.evidence],
            }
            for a in report.applicability
        ],
        "summary": report.status_counts,
        "controls": [finding_record(f) for f in report.findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
