"""CSV and XLSX reports as a procurement team opens them: same findings as the JSON, readable, inert."""

from __future__ import annotations

import colorsys
import dataclasses
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import SAMPLES, audited_sample
from openpyxl.utils import get_column_letter

from auditor.audit import audit_document
from auditor.checklist import default_checklist_path, load_checklist
from auditor.cli import cli
from auditor.read import read_document
from auditor.report.audit_json import render_json
from auditor.report.tables import control_rows, portfolio_workbook, render_csv, render_xlsx

SAMPLE_FILES = sorted(path for path in SAMPLES.iterdir() if path.suffix in {".pdf", ".docx"})

# Each clause begins with what a spreadsheet would run as a formula; the file name too.
HOSTILE_NAME = "@SUM(1+1).txt"
HOSTILE_CONTRACT = """CONTRAT D'HÉBERGEMENT

Article 1 – Objet
Le Prestataire héberge l'application du Client.

Article 2 – Sauvegardes
Le présent article décrit les sauvegardes.

=HYPERLINK("http://x","y") Le Prestataire n'est tenu à aucune sauvegarde des données du Client.

Article 3 – Fin du contrat
Le présent article décrit la fin du contrat.

=cmd|' /C calc'!A0 Le Prestataire pourra supprimer les données du Client à la fin du contrat sans les restituer.
"""
PAYLOADS = ('=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Hue in degrees a status colour must have, or None for grey (no hue).
STATUS_HUES = {"fail": (345, 15), "weak": (20, 45), "missing": (260, 320), "review": (190, 230),
               "pass": (90, 150), "not_applicable": None}


@pytest.fixture(scope="module")
def checklist():
    return load_checklist(default_checklist_path())


@pytest.fixture(scope="module", params=SAMPLE_FILES, ids=lambda path: path.name)
def sample(request, checklist):
    report = audited_sample(request.param.name)
    return report, json.loads(render_json(report))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, checklist):
    path = tmp_path_factory.mktemp("hostile") / HOSTILE_NAME
    path.write_text(HOSTILE_CONTRACT, encoding="utf-8")
    return path, audit_document(read_document(path), checklist)


def json_rows(payload: dict) -> list[tuple[str, str, str, str]]:
    """Id, status, clause and page of each control's first quote, as the JSON gives them."""
    rows = []
    for control in payload["controls"]:
        first = control["evidence"][0] if control["evidence"] else {"clause": "", "page": None}
        rows.append((control["id"], control["status"], first["clause"], "" if first["page"] is None else
                     str(first["page"])))
    return rows


def table_rows(table: pd.DataFrame, headers=("Contrôle", "Code statut", "Clause", "Page")) -> list[tuple]:
    return list(table[list(headers)].itertuples(index=False, name=None))


def read_xlsx(content: bytes, sheet: str = "Contrôles") -> pd.DataFrame:
    return pd.read_excel(io.BytesIO(content), sheet_name=sheet, dtype=str).fillna("")


def column_of(sheet, header: str) -> int:
    return next(cell.column for cell in sheet[1] if cell.value == header)


def test_csv_reads_back_to_the_json_findings(sample):
    report, payload = sample
    text = render_csv(report)
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read the accents as UTF-8"
    # Semicolons in French: the separator French-locale Excel splits columns at when it opens the file.
    assert text.splitlines()[0].lstrip("\ufeff").startswith("Document;Contrôle;Domaine;Intitulé;Statut;Code statut")
    assert text.splitlines()[1].startswith(Path(report.document.path).name + ";")
    table = pd.read_csv(io.BytesIO(data), sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert table_rows(table) == json_rows(payload)
    assert set(table["Statut"][table["Code statut"] == "fail"]) <= {"ÉCHEC"}
    assert set(table["Statut"][table["Code statut"] == "pass"]) <= {"OK"}


def test_xlsx_reads_back_to_the_json_findings(sample):
    report, payload = sample
    table = read_xlsx(render_xlsx(report))
    assert table_rows(table) == json_rows(payload)
    assert set(table["Document"]) == {Path(report.document.path).name}
    assert set(table["Statut"][table["Code statut"] == "missing"]) <= {"ABSENT"}


def test_xlsx_is_laid_out_for_reading_and_filtering(sample):
    report, payload = sample
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    sheet = book["Contrôles"]
    assert book.properties.title == f"Audit de conformité – {Path(report.document.path).name}"
    assert sheet.max_row == len(payload["controls"]) + 1
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
    assert sheet.freeze_panes == "C2"  # header row, document and control id stay in view
    assert all(cell.font.b and cell.alignment.wrap_text for cell in sheet[1])

    quote, page = column_of(sheet, "Citation"), column_of(sheet, "Page")
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items() if dimension.customWidth}
    assert len(widths) == sheet.max_column
    assert widths[get_column_letter(quote)] >= 50 > widths[get_column_letter(page)]
    quotes = [sheet.cell(row, quote) for row in range(2, sheet.max_row + 1) if sheet.cell(row, quote).value]
    assert quotes and all(cell.alignment.wrap_text for cell in quotes)

    clause = column_of(sheet, "Clause")
    refs = [sheet.cell(row, clause) for row in range(2, sheet.max_row + 1) if sheet.cell(row, clause).value]
    assert any(re.fullmatch(r"\d+(\.\d+)*", cell.value) for cell in refs)
    assert all(cell.data_type == "s" for cell in refs), "clause refs like 5.1 must stay text"
    assert all(sheet.cell(row, page).data_type == "n" for row in range(2, sheet.max_row + 1)), "pages sort as numbers"


def test_each_status_cell_has_its_colour_and_its_word(sample):
    report, _ = sample
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))["Contrôles"]
    status, code = column_of(sheet, "Statut"), column_of(sheet, "Code statut")
    fills = {}
    for row in range(2, sheet.max_row + 1):
        label = sheet.cell(row, status)
        assert label.value, "the status is also given in words"
        fills.setdefault(sheet.cell(row, code).value, set()).add(label.fill.fgColor.rgb)
    for name, colours in fills.items():
        assert len(colours) == 1, name
        (argb,) = colours
        red, green, blue = (int(argb[i:i + 2], 16) / 255 for i in (2, 4, 6))
        hue, _, saturation = colorsys.rgb_to_hls(red, green, blue)
        expected = STATUS_HUES[name]
        if expected is None:
            assert saturation < 0.1, name
        else:
            low, high = expected
            degrees = hue * 360
            assert (low <= degrees <= high) if low < high else (degrees >= low or degrees <= high), (name, degrees)


def test_english_headers_sheet_and_labels_keep_the_status_codes(sample):
    report, payload = sample
    table = read_xlsx(render_xlsx(report, "en"), sheet="Controls")
    assert table_rows(table, ("Control", "Status code", "Clause", "Page")) == json_rows(payload)
    assert set(table["Status"][table["Status code"] == "fail"]) <= {"FAIL"}
    assert render_csv(report, "en").lstrip("\ufeff").startswith("Document,Control,Area,Title,Status,Status code")


def test_contract_text_never_becomes_a_formula_in_the_workbook(hostile):
    _, report = hostile
    quotes = list(control_rows([report])["Citation"])
    for payload in PAYLOADS:
        assert any(q.startswith(payload) for q in quotes), f"the contract no longer yields a quote starting {payload}"

    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))["Contrôles"]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert not sheet._hyperlinks
    hostile_cells = [cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS)]
    assert {cell.value for cell in hostile_cells} >= {HOSTILE_NAME} | {q for q in quotes if q.startswith("=")}
    assert all(cell.data_type == "s" for cell in hostile_cells)


def test_contract_text_never_starts_a_csv_cell_with_a_formula(hostile):
    _, report = hostile
    table = pd.read_csv(io.StringIO(render_csv(report).lstrip("\ufeff")), sep=";", dtype=str, keep_default_na=False)
    cells = [value for column in table.columns for value in table[column]]
    assert not [value for value in cells if value.startswith(FORMULA_TRIGGERS)]
    assert set(table["Document"]) == {"'" + HOSTILE_NAME}
    for payload in PAYLOADS:
        assert any(value.startswith("'" + payload) for value in table["Citation"])


def elsewhere(report, path: str):
    return dataclasses.replace(report, document=dataclasses.replace(report.document, path=path))


def test_rows_of_several_reports_form_one_portfolio_table(hostile):
    _, report = hostile
    table = control_rows([report, elsewhere(report, "autre/contrat.pdf")], "en")
    count = len(report.findings)
    assert len(table) == 2 * count
    assert list(table["Document"]) == [HOSTILE_NAME] * count + ["contrat.pdf"] * count
    assert list(table["Control"][:count]) == list(table["Control"][count:])


def test_contracts_with_the_same_name_stay_apart_in_a_portfolio(hostile):
    _, report = hostile
    table = control_rows([elsewhere(report, "2024/contrat.pdf"), elsewhere(report, "2025/contrat.pdf")])
    assert list(dict.fromkeys(table["Document"])) == ["2024/contrat.pdf", "2025/contrat.pdf"]


def test_portfolio_workbook_lists_every_control_and_the_contracts_not_audited(hostile):
    _, report = hostile
    content = portfolio_workbook([report, elsewhere(report, "b.pdf")], [("archives/tronque.pdf", "truncated PDF")])
    sheets = pd.read_excel(io.BytesIO(content), sheet_name=None, dtype=str)
    assert list(sheets) == ["Contrôles", "Résiliation", "Réversibilité", "Données de santé", "Sauvegardes",
                            "Responsabilité", "Non audités"]
    assert len(sheets["Contrôles"]) == 2 * len(report.findings)
    for area, name in [("TERM", "Résiliation"), ("LIAB", "Responsabilité")]:
        expected = [f.control_id for f in report.findings if f.area == area]
        assert sheets[name]["Contrôle"].tolist() == expected * 2
        assert book_status_colours_follow(content, name)
    assert sheets["Non audités"].values.tolist() == [["archives/tronque.pdf", "truncated PDF"]]
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book["Contrôles"].freeze_panes == "C2" and book["Contrôles"].auto_filter.ref
    assert book.properties.title == "Audit de portefeuille – 3 contrats"


def book_status_colours_follow(content: bytes, sheet_name: str) -> bool:
    """Every status cell of an area sheet carries its status colour, like the main sheet."""
    sheet = openpyxl.load_workbook(io.BytesIO(content))[sheet_name]
    header = [cell.value for cell in sheet[1]]
    status, code = header.index("Statut") + 1, header.index("Code statut") + 1
    fills = {}
    for row in range(2, sheet.max_row + 1):
        fills.setdefault(sheet.cell(row, code).value, set()).add(sheet.cell(row, status).fill.fgColor.rgb)
    return all(len(colours) == 1 for colours in fills.values())


def test_cli_writes_csv_and_xlsx_reports(hostile, tmp_path):
    path, _ = hostile
    runner = CliRunner()
    csv_path, xlsx_path = tmp_path / "audit.csv", tmp_path / "audit.xlsx"
    result = runner.invoke(cli, ["audit", str(path), "--format", "csv", "-o", str(csv_path)])
    assert result.exit_code == 0, result.output
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(pd.read_csv(csv_path, sep=";", dtype=str, encoding="utf-8-sig")) == 36

    result = runner.invoke(cli, ["audit", str(path), "--format", "xlsx", "--lang", "en", "-o", str(xlsx_path)])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(xlsx_path).sheetnames == ["Controls"]


def test_xlsx_without_an_output_file_is_a_usage_error(hostile):
    path, _ = hostile
    result = subprocess.run([sys.executable, "-m", "auditor", "audit", str(path), "--format", "xlsx"],
                            capture_output=True, timeout=120)
    assert result.returncode == 2
    assert result.stdout == b"", "a workbook is never dumped on the terminal"
    errors = [line for line in result.stderr.decode().splitlines() if "-o" in line]
    assert len(errors) == 1 and "Traceback" not in result.stderr.decode()
