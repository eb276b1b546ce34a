"""The portfolio summary of a batch: an HTML dashboard (contracts × areas) and an XLSX workbook."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from auditor import __version__
from auditor.batch import Outcome, summarise
from auditor.gate import GateVerdict
from auditor.report.labels import AREA_ORDER, STATUS_LABELS, STATUS_MEANINGS, area_name, status_label

WORDS = {
    "fr": {
        "title": "Audit de portefeuille", "contracts": "contrats", "audited": "audités", "unreadable": "non audités",
        "contract": "Contrat", "score": "Score de risque", "high": "Risques élevés", "reports": "Rapports",
        "heatmap": "Carte des risques par domaine", "failed": "Contrats non audités", "reason": "Raison",
        "legend": "Chaque case donne le pire statut du domaine et le nombre de contrôles à risque (échec, absent ou faible).",
        "gate": "Verdict", "gate_pass": "signature possible", "gate_fail": "signature bloquée",
        "at_risk": "à risque", "none": "aucun", "tool": "auditor", "sort": "Les contrats les plus risqués d'abord.",
        "totals": "Statuts sur l'ensemble du portefeuille",
    },
    "en": {
        "title": "Portfolio audit", "contracts": "contracts", "audited": "audited", "unreadable": "not audited",
        "contract": "Contract", "score": "Risk score", "high": "High risks", "reports": "Reports",
        "heatmap": "Risk map by area", "failed": "Contracts not audited", "reason": "Reason",
        "legend": "Each cell gives the worst status of the area and the number of controls at risk (fail, missing or weak).",
        "gate": "Verdict", "gate_pass": "gate passed", "gate_fail": "gate failed",
        "at_risk": "at risk", "none": "none", "tool": "auditor", "sort": "Riskiest contracts first.",
        "totals": "Statuses across the portfolio",
    },
}


def _environment() -> Environment:
    return Environment(loader=PackageLoader("auditor.report", "templates"), autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True)


def render_dashboard(outcomes: list[Outcome], reports: dict[str, dict[str, str]],
                     verdicts: dict[str, GateVerdict], language: str = "fr") -> str:
    """``reports``: contract path → format → report file name, relative to the dashboard."""
    summaries = summarise(outcomes, AREA_ORDER)
    totals = {status: 0 for status in STATUS_LABELS[language]}
    for summary in summaries:
        for status, count in summary.outcome.report.status_counts.items():
            totals[status] += count
    template = _environment().get_template("dashboard.html.j2")
    return template.render(
        language=language,
        words=WORDS[language],
        summaries=summaries,
        failed=[o for o in outcomes if o.report is None],
        total=len(outcomes),
        reports=reports,
        verdicts=verdicts,
        areas=[(area, area_name(area, language)) for area in AREA_ORDER],
        status_label=lambda status: status_label(status, language),
        meanings=STATUS_MEANINGS[language],
        totals=totals,
        version=__version__,
    )


def render_workbook(outcomes: list[Outcome], language: str = "fr") -> bytes:
    from auditor.report.tables import portfolio_workbook

    return portfolio_workbook([o.report for o in outcomes if o.report is not None],
                              [(o.path, o.error or "") for o in outcomes if o.report is None], language)
