"""The terminal summary of an audit: one table per area, then the counts."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from auditor.models import AuditReport, Finding

AREA_NAMES = {
    "TERM": "Résiliation",
    "REV": "Réversibilité et restitution",
    "HDS": "Hébergement de données de santé (HDS)",
    "BKP": "Sauvegardes",
    "LIAB": "Limitation de responsabilité",
}
STATUS_LABELS = {
    "fail": "ÉCHEC", "weak": "FAIBLE", "missing": "ABSENT", "review": "À REVOIR", "pass": "OK",
    "not_applicable": "N/A",
}
STATUS_STYLES = {"fail": "bold red", "weak": "yellow", "missing": "magenta", "review": "cyan", "pass": "green",
                 "not_applicable": "dim"}


def _key_value(finding: Finding) -> str:
    return ", ".join(f"{name}={value}" for name, value in finding.values)


def _where(finding: Finding) -> tuple[str, str]:
    if not finding.evidence:
        return "", ""
    first = finding.evidence[0]
    return first.clause, "" if first.page is None else str(first.page)


def render_terminal(report: AuditReport, width: int = 120, color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None)
    document = report.document
    pages = f"{document.page_count} pages" if document.page_count else "sans pagination"
    console.print(f"[bold]{document.path}[/bold] — {document.format.upper()}, {pages}, langue {report.language}, "
                  f"liste {report.checklist_id} {report.checklist_version}", highlight=False)
    if document.revisions.count:
        console.print(f"Modifications suivies : {document.revisions.insertions} insertions, "
                      f"{document.revisions.deletions} suppressions — analysées comme acceptées.", highlight=False)
    for applicability in report.applicability:
        console.print(f"• {applicability.say}", highlight=False)
    for area, name in AREA_NAMES.items():
        findings = [f for f in report.findings if f.area == area]
        if not findings:
            continue
        table = Table(title=name, title_justify="left", expand=True, show_lines=False)
        table.add_column("Contrôle", ratio=2)
        table.add_column("Statut", no_wrap=True)
        table.add_column("Gravité", no_wrap=True)
        table.add_column("Clause", no_wrap=True)
        table.add_column("Page", no_wrap=True)
        table.add_column("Constat", ratio=3)
        for finding in findings:
            clause, page = _where(finding)
            detail = "; ".join(finding.reasons) or finding.checked
            if value := _key_value(finding):
                detail = f"{detail} ({value})"
            table.add_row(
                f"{finding.control_id} {finding.title}",
                f"[{STATUS_STYLES[finding.status]}]{STATUS_LABELS[finding.status]}[/]",
                finding.severity,
                clause,
                page,
                detail,
            )
        console.print(table)
    counts = ", ".join(f"{STATUS_LABELS[s]} {n}" for s, n in report.status_counts.items() if n)
    console.print(f"[bold]Bilan[/bold] : {counts}", highlight=False)
    return buffer.getvalue()
