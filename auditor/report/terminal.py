"""The terminal summary of an audit: one table per area, then the counts; and the gate's verdict line."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from auditor.gate import GateVerdict
from auditor.models import AuditReport, Finding
from auditor.report.labels import AREA_ORDER, area_name, severity_label, status_label

STATUS_STYLES = {"fail": "bold red", "weak": "yellow", "missing": "magenta", "review": "cyan", "pass": "green",
                 "not_applicable": "dim"}

WORDS = {
    "fr": {
        "pages": "{n} pages", "no_pages": "sans pagination", "language": "langue", "checklist": "liste",
        "revisions": "Modifications suivies : {ins} insertions, {dels} suppressions — analysées comme acceptées.",
        "control": "Contrôle", "status": "Statut", "severity": "Gravité", "clause": "Clause", "page": "Page",
        "finding": "Constat", "summary": "Bilan :",
        "gate_pass": "SIGNATURE POSSIBLE", "gate_fail": "SIGNATURE BLOQUÉE",
        "gate_rule": "contrôles de gravité {threshold} ou plus en statut {statuses}",
        "none": "aucun",
    },
    "en": {
        "pages": "{n} pages", "no_pages": "no pages", "language": "language", "checklist": "checklist",
        "revisions": "Tracked changes: {ins} insertions, {dels} deletions — analysed as accepted.",
        "control": "Control", "status": "Status", "severity": "Severity", "clause": "Clause", "page": "Page",
        "finding": "Finding", "summary": "Summary:",
        "gate_pass": "GATE PASSED", "gate_fail": "GATE FAILED",
        "gate_rule": "controls of severity {threshold} or above with status {statuses}",
        "none": "none",
    },
}


def _key_value(finding: Finding) -> str:
    return ", ".join(f"{name}={value}" for name, value in finding.values)


def _where(finding: Finding) -> tuple[str, str]:
    if not finding.evidence:
        return "", ""
    first = finding.evidence[0]
    return first.clause, "" if first.page is None else str(first.page)


def _counts(report: AuditReport, language: str) -> str:
    return ", ".join(f"{status_label(s, language)} {n}" for s, n in report.status_counts.items() if n)


def render_terminal(report: AuditReport, width: int = 120, color: bool = False, language: str = "fr") -> str:
    words = WORDS[language]
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None)
    document = report.document
    pages = words["pages"].format(n=document.page_count) if document.page_count else words["no_pages"]
    console.print(f"[bold]{document.path}[/bold] — {document.format.upper()}, {pages}, "
                  f"{words['language']} {report.language}, {words['checklist']} {report.checklist_id} "
                  f"{report.checklist_version}", highlight=False, markup=True)
    if document.revisions.count:
        console.print(words["revisions"].format(ins=document.revisions.insertions, dels=document.revisions.deletions),
                      highlight=False)
    for applicability in report.applicability:
        console.print(f"• {applicability.say}", highlight=False, markup=False)
    for area in AREA_ORDER:
        findings = [f for f in report.findings if f.area == area]
        if not findings:
            continue
        table = Table(title=area_name(area, language), title_justify="left", expand=True, show_lines=False)
        table.add_column(words["control"], ratio=2)
        table.add_column(words["status"], no_wrap=True)
        table.add_column(words["severity"], no_wrap=True)
        table.add_column(words["clause"], no_wrap=True)
        table.add_column(words["page"], no_wrap=True)
        table.add_column(words["finding"], ratio=3)
        for finding in findings:
            clause, page = _where(finding)
            detail = "; ".join(finding.reasons) or finding.checked
            if value := _key_value(finding):
                detail = f"{detail} ({value})"
            table.add_row(
                _plain(f"{finding.control_id} {finding.title}"),
                f"[{STATUS_STYLES[finding.status]}]{status_label(finding.status, language)}[/]",
                severity_label(finding.severity, language),
                _plain(clause),
                page,
                _plain(detail),
            )
        console.print(table)
    console.print(f"[bold]{words['summary']}[/bold] {_counts(report, language)}", highlight=False)
    return buffer.getvalue()


def _plain(text: str) -> str:
    """Contract text shown literally: a "[bold]" in a clause title is not rich markup."""
    from rich.markup import escape

    return escape(text)


def render_verdict(report: AuditReport, verdict: GateVerdict | None, language: str = "fr") -> str:
    """One line for CI logs: the file, the gate's outcome and the controls that decided it."""
    words = WORDS[language]
    head = f"{report.document.path}: "
    if verdict is None:
        return f"{head}{_counts(report, language)}"
    rule = words["gate_rule"].format(threshold=severity_label(verdict.threshold, language),
                                     statuses="/".join(status_label(s, language) for s in verdict.statuses))
    if verdict.passed:
        return f"{head}{words['gate_pass']} — {words['none']} ({rule})"
    blocking = ", ".join(f"{f.control_id} {status_label(f.status, language)}" for f in verdict.blocking)
    return f"{head}{words['gate_fail']} — {len(verdict.blocking)} ({rule}): {blocking}"


def render_outcome_line(outcome, language: str = "fr") -> str:
    """One line per contract of a batch: its counts, or why it could not be audited."""
    if outcome.report is None:
        return f"{outcome.error}"
    return f"{outcome.path}: {_counts(outcome.report, language)}"
