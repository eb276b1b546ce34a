"""Words the reports show around the findings, in French (default) and English. Data only."""

from __future__ import annotations

LANGUAGES = ("fr", "en")

AREA_ORDER = ("TERM", "REV", "HDS", "BKP", "LIAB")

AREA_NAMES = {
    "fr": {
        "TERM": "Résiliation",
        "REV": "Réversibilité et restitution",
        "HDS": "Hébergement de données de santé (HDS)",
        "BKP": "Sauvegardes",
        "LIAB": "Limitation de responsabilité",
    },
    "en": {
        "TERM": "Termination",
        "REV": "Reversibility and handover",
        "HDS": "Health data hosting (HDS)",
        "BKP": "Backups",
        "LIAB": "Limitation of liability",
    },
}

# Statuses from the worst to the best, the order every report lists them in.
STATUS_ORDER = ("fail", "missing", "weak", "review", "pass", "not_applicable")

STATUS_LABELS = {
    "fr": {"fail": "ÉCHEC", "weak": "FAIBLE", "missing": "ABSENT", "review": "À REVOIR", "pass": "OK",
           "not_applicable": "N/A"},
    "en": {"fail": "FAIL", "weak": "WEAK", "missing": "MISSING", "review": "REVIEW", "pass": "PASS",
           "not_applicable": "N/A"},
}

STATUS_MEANINGS = {
    "fr": {
        "fail": "clause contraire aux intérêts du client",
        "weak": "clause présente mais insuffisante",
        "missing": "clause absente",
        "review": "à examiner par un juriste",
        "pass": "conforme",
        "not_applicable": "sans objet pour ce contrat",
    },
    "en": {
        "fail": "clause against the client's interests",
        "weak": "clause present but insufficient",
        "missing": "clause missing",
        "review": "for a lawyer to review",
        "pass": "compliant",
        "not_applicable": "does not apply to this contract",
    },
}

SEVERITY_ORDER = ("high", "medium", "low")

SEVERITY_LABELS = {
    "fr": {"high": "élevée", "medium": "moyenne", "low": "faible"},
    "en": {"high": "high", "medium": "medium", "low": "low"},
}


def area_name(area: str, language: str) -> str:
    return AREA_NAMES[language].get(area, area)


def status_label(status: str, language: str) -> str:
    return STATUS_LABELS[language][status]


def severity_label(severity: str, language: str) -> str:
    return SEVERITY_LABELS[language].get(severity, severity)
