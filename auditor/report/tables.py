"""The audit as a table for procurement teams: one row per control, as CSV or as an Excel workbook.

Columns, French headers by default (English with ``language="en"``):

| French              | English          | content                                                           |
|---------------------|------------------|-------------------------------------------------------------------|
| Document            | Document         | the contract's file name (its path when two in a table share one) |
| Contrôle            | Control          | the control id (``TERM-01``)                                      |
| Domaine             | Area             | the area's name                                                   |
| Intitulé            | Title            | the control's title                                               |
| Statut              | Status           | the status as a reader says it (``ÉCHEC``, ``FAIL``)              |
| Code statut         | Status code      | the catalogue's status id (``fail``, ``weak``…), as in the JSON   |
| Gravité             | Severity         | the control's severity                                            |
| Clause              | Clause           | the clause of the first quote (``5.1``, ``Annexe 2``), as text    |
| Page                | Page             | the page of the first quote (empty when pages are unknown)        |
| Paramètres relevés  | Parameters found | values read in the contract, ``name=value; …``                    |
| Citation            | Quote            | the first quote, the one the clause and page point to             |
| Nombre de citations | Quote count      | how many quotes the finding has (0 for a missing clause)          |
| Constat             | Finding          | why this status (the reasons, or what decides it)                 |
| Recommandation      | Recommendation   | what to negotiate                                                 |

A cell holds one quote so that rows stay readable in a spreadsheet; the count says when there are
more, and the JSON and HTML reports carry them all.

CSV: UTF-8 with a byte-order mark (Excel then reads the accents right), comma-separated, fields
quoted when needed (RFC 4180), one header line. Excel set to French splits on ``;`` when the file
is double-clicked; its Data > From Text/CSV import, LibreOffice and every tool read the comma.

XLSX: one sheet, "Contrôles" ("Controls"), with a bold header row, an autofilter, the header row
and the first two columns frozen, the status cell coloured (and worded); a portfolio adds a sheet
"Non audités" ("Not audited") listing the contracts that could not be read and why.

Contract text is untrusted. In the CSV a cell that would start with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return is prefixed with ``'`` so that no spreadsheet runs it as a formula; in the
workbook every string is written as a string, never as a formula, a link or a number.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import PurePath

import pandas as pd

from auditor.models import AuditReport, Finding
from auditor.report.labels import area_name, severity_label, status_label


@dataclass(frozen=True)
class Column:
    key: str
    fr: str
    en: str
    width: int  # in characters, as Excel counts them
    wrap: bool = False


COLUMNS = (
    Column("document", "Document", "Document", 24, wrap=True),
    Column("control", "Contrôle", "Control", 10),
    Column("area", "Domaine", "Area", 22, wrap=True),
    Column("title", "Intitulé", "Title", 40, wrap=True),
    Column("status", "Statut", "Status", 10),
    Column("status_code", "Code statut", "Status code", 15),
    Column("severity", "Gravité", "Severity", 10),
    Column("clause", "Clause", "Clause", 10, wrap=True),
    Column("page", "Page", "Page", 7),
    Column("parameters", "Paramètres relevés", "Parameters found", 26, wrap=True),
    Column("quote", "Citation", "Quote", 70, wrap=True),
    Column("quotes", "Nombre de citations", "Quote count", 11, wrap=True),
    Column("finding", "Constat", "Finding", 50, wrap=True),
    Column("recommendation", "Recommandation", "Recommendation", 60, wrap=True),
)
KEYS = [column.key for column in COLUMNS]
# Document and control id stay in view while the reader scrolls right to the quotes.
FROZEN_COLUMNS = 2

SHEET_NAMES = {"fr": "Contrôles", "en": "Controls"}
TITLES = {"fr": "Audit de conformité – {name}", "en": "Compliance audit – {name}"}
PORTFOLIO_TITLES = {"fr": "Audit de portefeuille – {count} contrats", "en": "Portfolio audit – {count} contracts"}
# The portfolio's second sheet: contracts that could not be audited, and why.
FAILURE_SHEET_NAMES = {"fr": "Non audités", "en": "Not audited"}
FAILURE_HEADERS = {"fr": ["Document", "Raison"], "en": ["Document", "Reason"]}

# Light fill and dark text of the same hue: readable on screen and in print, and the label says
# the status in words for readers who do not tell the colours apart.
STATUS_COLOURS = {
    "fail": ("#FFC7CE", "#9C0006"),
    "weak": ("#FFD8B0", "#8A4500"),
    "missing": ("#E6CCF2", "#5C1A78"),
    "review": ("#CFE2F3", "#1F4E79"),
    "pass": ("#C6EFCE", "#006100"),
    "not_applicable": ("#E7E6E6", "#595959"),
}

# A cell starting with one of these is a formula to Excel and LibreOffice once opened as CSV.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def headers(language: str) -> list[str]:
    return [column.en if language == "en" else column.fr for column in COLUMNS]


def _document_names(reports: Sequence[AuditReport]) -> list[str]:
    """File names; the path as given for documents whose names clash (two folders' contrat.pdf)."""
    names = [PurePath(report.document.path).name for report in reports]
    uses = Counter(names)
    return [report.document.path if uses[name] > 1 else name for report, name in zip(reports, names)]


def _row(document: str, finding: Finding, language: str) -> dict:
    first = finding.evidence[0] if finding.evidence else None
    return {
        "document": document,
        "control": finding.control_id,
        "area": area_name(finding.area, language),
        "title": finding.title,
        "status": status_label(finding.status, language),
        "status_code": finding.status,
        "severity": severity_label(finding.severity, language),
        "clause": first.clause if first else "",
        "page": first.page if first else None,
        "parameters": "; ".join(f"{name}={value}" for name, value in finding.values),
        "quote": first.quote if first else "",
        "quotes": len(finding.evidence),
        "finding": "; ".join(finding.reasons) or finding.checked,
        "recommendation": finding.recommendation,
    }


def control_rows(reports: Sequence[AuditReport], language: str = "fr") -> pd.DataFrame:
    """Every control of every report, one row each, in the reports' order, under ``language``'s headers."""
    rows = [_row(document, finding, language)
            for report, document in zip(reports, _document_names(reports)) for finding in report.findings]
    table = pd.DataFrame(rows, columns=KEYS, dtype=object)
    # Pages stay whole numbers even when some are unknown (not "7.0").
    table["page"] = table["page"].astype("Int64")
    table["quotes"] = table["quotes"].astype("int64")
    table.columns = headers(language)
    return table


def _inert(value):
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) else value


# French-locale Excel splits CSV columns at semicolons (the comma is its decimal separator).
CSV_SEPARATORS = {"fr": ";", "en": ","}


def render_csv(report: AuditReport, language: str = "fr") -> str:
    table = control_rows([report], language).map(_inert)
    return "\ufeff" + table.to_csv(index=False, sep=CSV_SEPARATORS[language], lineterminator="\n")


def render_xlsx(report: AuditReport, language: str = "fr") -> bytes:
    title = TITLES[language].format(name=PurePath(report.document.path).name)
    return _workbook(control_rows([report], language), (), language, title, report.audited_at)


def portfolio_workbook(reports: Sequence[AuditReport], failures: Sequence[tuple[str, str]],
                       language: str = "fr") -> bytes:
    """Every control of every audited contract on one sheet; ``failures`` (path, why) on a second one."""
    title = PORTFOLIO_TITLES[language].format(count=len(reports) + len(failures))
    latest = max((report.audited_at for report in reports), default="")
    return _workbook(control_rows(reports, language), failures, language, title, latest, by_area=True)


# Excel limits sheet names to 31 characters: short area names for the portfolio's sheets.
AREA_SHEET_NAMES = {
    "fr": {"TERM": "Résiliation", "REV": "Réversibilité", "HDS": "Données de santé", "BKP": "Sauvegardes",
           "LIAB": "Responsabilité"},
    "en": {"TERM": "Termination", "REV": "Reversibility", "HDS": "Health data", "BKP": "Backups",
           "LIAB": "Liability"},
}


def _workbook(table: pd.DataFrame, failures: Sequence[tuple[str, str]], language: str, title: str,
              audited_at: str, by_area: bool = False) -> bytes:
    buffer = io.BytesIO()
    # Contract text must stay text: "=HYPERLINK(…)" in a clause is not a formula, "5.1" not a number.
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        book = writer.book
        properties = {"title": title, "subject": SHEET_NAMES[language]}
        if audited_at:
            # The audit's date rather than the writing's: the same report gives the same file.
            properties["created"] = datetime.fromisoformat(audited_at).astimezone(timezone.utc).replace(tzinfo=None)
        book.set_properties(properties)
        formats = {
            "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#D9D9D9",
                                       "bottom": 1}),
            "plain": book.add_format({"valign": "top"}),
            "wrapped": book.add_format({"valign": "top", "text_wrap": True}),
        }
        colours = {status: book.add_format({"valign": "top", "bold": True, "bg_color": fill, "font_color": ink})
                   for status, (fill, ink) in STATUS_COLOURS.items()}
        _control_sheet(writer, table, SHEET_NAMES[language], formats, colours)
        if by_area:
            for area, name in AREA_SHEET_NAMES[language].items():
                rows = table[table.iloc[:, KEYS.index("control")].str.startswith(f"{area}-")]
                _control_sheet(writer, rows.reset_index(drop=True), name, formats, colours)
        if failures:
            unread = pd.DataFrame(list(failures), columns=FAILURE_HEADERS[language], dtype=object)
            _sheet(writer, unread, FAILURE_SHEET_NAMES[language], [(50, True), (80, True)], formats).freeze_panes(1, 0)
    return buffer.getvalue()


def _control_sheet(writer: pd.ExcelWriter, table: pd.DataFrame, name: str, formats: dict, colours: dict) -> None:
    sheet = _sheet(writer, table, name, [(c.width, c.wrap) for c in COLUMNS], formats)
    status = KEYS.index("status")
    codes = table.iloc[:, KEYS.index("status_code")]
    for row, (label, code) in enumerate(zip(table.iloc[:, status], codes), start=1):
        sheet.write_string(row, status, label, colours[code])
    sheet.freeze_panes(1, FROZEN_COLUMNS)


def _sheet(writer: pd.ExcelWriter, table: pd.DataFrame, name: str, widths: list[tuple[int, bool]], formats: dict):
    """Writes ``table`` under a bold header row, with its column widths and an autofilter."""
    table.to_excel(writer, sheet_name=name, index=False, header=False, startrow=1)
    sheet = writer.sheets[name]
    sheet.write_row(0, 0, list(table.columns), formats["header"])
    for index, (width, wrap) in enumerate(widths):
        sheet.set_column(index, index, width, formats["wrapped" if wrap else "plain"])
    sheet.autofilter(0, 0, len(table), len(widths) - 1)
    return sheet
