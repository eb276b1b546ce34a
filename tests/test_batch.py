"""Portfolio audits: every contract found, every good report written, bad files listed with their reason."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import run_auditor

from auditor.batch import audit_one, collect_inputs, report_names

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

TERMINATION = """CONTRAT D'HÉBERGEMENT

Article 1 – Objet
Le Prestataire héberge l'application du Client.
Article 2 – Résiliation
Le Prestataire peut résilier le contrat à tout moment moyennant un préavis de quinze (15) jours.
"""

MAINTENANCE = """CONTRAT DE MAINTENANCE

Article 1 – Objet
Le Prestataire assure la maintenance du parc informatique du Client.
Article 2 – Durée
Le contrat est conclu pour un an.
"""


run = run_auditor


@pytest.fixture
def portfolio(tmp_path) -> Path:
    folder = tmp_path / "contrats"
    (folder / "2025").mkdir(parents=True)
    (folder / "hebergement.txt").write_text(TERMINATION, encoding="utf-8")
    (folder / "2025" / "maintenance.md").write_text(MAINTENANCE.replace("Article", "## Article"), encoding="utf-8")
    (folder / "2025" / "tronque.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # not a contract: not picked up
    (folder / ".brouillon.txt").write_text(TERMINATION, encoding="utf-8")  # hidden: not picked up
    # Notes beside the contracts: not picked up from a folder.
    (folder / "README.md").write_text("# Contrats\nLes contrats signés du client.\n", encoding="utf-8")
    (folder / "2025" / "a-faire.txt").write_text("Relancer le service achats avant le 15 mars.\n", encoding="utf-8")
    return folder


def test_directories_are_searched_recursively_by_contract_type(portfolio, tmp_path):
    renamed = portfolio / "scan-sans-extension"
    renamed.write_bytes((SAMPLES / "fr-saas-cgv.docx").read_bytes())  # a DOCX without its suffix: taken
    names = [p.relative_to(portfolio).as_posix() for p in collect_inputs([portfolio])]
    assert names == ["2025/maintenance.md", "2025/tronque.pdf", "hebergement.txt", "scan-sans-extension"]
    # Named explicitly, a note is audited like any file: the user asked for it.
    assert [p.name for p in collect_inputs([portfolio / "README.md"])] == ["README.md"]
    # A file given twice (directly and through its folder) is audited once; the output folder is skipped.
    out = portfolio / "rapports"
    out.mkdir()
    (out / "hebergement.json").write_text("{}", encoding="utf-8")
    again = collect_inputs([portfolio / "hebergement.txt", portfolio], skip=[out])
    assert [p.name for p in again].count("hebergement.txt") == 1
    assert not any("rapports" in p.parts for p in again)


def test_report_names_stay_unique():
    names = report_names([Path("a/contrat.pdf"), Path("a/contrat.docx"), Path("b/avenant.pdf"),
                          Path("c/avenant.pdf")])
    assert names == {"a/contrat.pdf": "contrat-pdf", "a/contrat.docx": "contrat-docx", "b/avenant.pdf": "avenant",
                     "c/avenant.pdf": "avenant-2"}


def test_a_slow_file_is_stopped_at_the_time_limit(monkeypatch, tmp_path):
    import auditor.read

    def slow_reader(path, **options):
        time.sleep(30)

    monkeypatch.setattr(auditor.read, "read_document", slow_reader)
    outcome = audit_one(str(tmp_path / "lent.txt"), time_limit=1, checklist=object(), report_language="fr")
    assert outcome.report is None
    assert "1 s limit" in outcome.error and outcome.exit_code == 3


def test_a_batch_writes_every_good_report_and_lists_the_bad_ones(portfolio, tmp_path):
    out = tmp_path / "rapports"
    result = run("audit", str(portfolio), "--out-dir", str(out), "--format", "json", "--format", "html",
                 "--format", "xlsx", "--jobs", "2")
    assert result.returncode == 3, result.stderr  # one contract could not be audited
    assert "Traceback" not in result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == ["hebergement.html", "hebergement.json", "hebergement.xlsx", "index.html", "maintenance.html",
                       "maintenance.json", "maintenance.xlsx", "portfolio.xlsx"]
    report = json.loads((out / "hebergement.json").read_text(encoding="utf-8"))
    assert {c["id"]: c["status"] for c in report["controls"]}["TERM-01"] == "fail"
    dashboard = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="hebergement.html"' in dashboard and 'href="maintenance.json"' in dashboard
    assert "tronque.pdf" in dashboard and "Contrats non audités" in dashboard
    # The riskiest contract comes first in the heat map.
    assert dashboard.index("hebergement.txt") < dashboard.index("maintenance.md")
    import pandas as pd

    sheets = pd.read_excel(out / "portfolio.xlsx", sheet_name=None, dtype=str)
    every_control = next(iter(sheets.values()))
    assert len(every_control) == 2 * 36
    assert list(sheets)[1:] == ["Résiliation", "Réversibilité", "Données de santé", "Sauvegardes", "Responsabilité",
                                "Non audités"]
    assert len(sheets["Résiliation"]) == 2 * 5 and set(sheets["Résiliation"]["Contrôle"]) == {
        "TERM-01", "TERM-02", "TERM-03", "TERM-04", "TERM-05"}
    assert "tronque.pdf" in sheets["Non audités"].to_string()
    assert "2/3 contracts audited" in result.stdout


def test_results_do_not_depend_on_the_number_of_workers(portfolio, tmp_path):
    serial, parallel = tmp_path / "serie", tmp_path / "parallele"
    run("audit", str(portfolio), "--out-dir", str(serial), "--format", "json", "--jobs", "1")
    run("audit", str(portfolio), "--out-dir", str(parallel), "--format", "json", "--jobs", "2")

    def stable(path: Path) -> dict:
        payload = json.loads(path.read_text(encoding="utf-8"))
        payload.pop("audited_at")
        return payload

    for name in ("hebergement.json", "maintenance.json"):
        assert stable(serial / name) == stable(parallel / name)


def test_a_gate_over_a_batch_names_each_contract(portfolio, tmp_path):
    (portfolio / "2025" / "tronque.pdf").unlink()
    result = run("audit", str(portfolio), "--out-dir", str(tmp_path / "out"), "--format", "json",
                 "--fail-on", "high", "--fail-statuses", "fail", "--quiet")
    assert result.returncode == 1
    verdicts = result.stdout.splitlines()
    assert len(verdicts) == 2
    assert any("hebergement.txt" in line and "SIGNATURE BLOQUÉE" in line for line in verdicts)
    assert any("maintenance.md" in line and "SIGNATURE POSSIBLE" in line for line in verdicts)


@pytest.mark.parametrize("arguments, message", [
    (["a.txt", "b.txt"], "--out-dir"),
    (["--format", "json", "--format", "html", "one.txt"], "one --format"),
])
def test_batch_usage_errors(tmp_path, arguments, message):
    result = run("audit", *arguments)
    assert result.returncode == 2 and message in result.stderr


def test_reading_limits_apply_to_every_contract_of_a_batch(portfolio, tmp_path):
    out = tmp_path / "out"
    result = run("audit", str(portfolio), "--out-dir", str(out), "--format", "json", "--max-file-size", "100B",
                 "--jobs", "1")
    assert result.returncode == 3
    assert "0/3 contracts audited" in result.stdout
    dashboard = (out / "index.html").read_text(encoding="utf-8")
    assert dashboard.count("over the 100 bytes limit") == 2  # the two text contracts, each with its reason


def test_files_read_ahead_are_the_files_as_read_and_unreadable_ones_are_left_to_the_workers(portfolio):
    from auditor.batch import ReadAhead
    from auditor.read import read_document

    good, broken, office = portfolio / "hebergement.txt", portfolio / "2025" / "tronque.pdf", SAMPLES / "fr-saas-cgv.docx"
    ahead = ReadAhead([str(good), str(broken), str(office)], None)
    documents = ahead.collect(wait=60)  # everything read: the test is about what it hands over
    assert set(documents) == {str(good), str(office)}
    assert documents[str(office)] == read_document(office)
    assert documents[str(good)].text == read_document(good).text


def test_stopping_the_reader_does_not_wait_for_the_file_it_is_reading(monkeypatch, portfolio):
    import auditor.read
    from auditor.batch import ReadAhead

    real = auditor.read.read_document

    def slow_on_one_file(path, **options):
        if str(path).endswith("lent.txt"):
            time.sleep(60)
        return real(path, **options)

    monkeypatch.setattr(auditor.read, "read_document", slow_on_one_file)  # the reader is forked: it sees this
    slow = portfolio / "lent.txt"
    slow.write_text(TERMINATION, encoding="utf-8")
    ahead = ReadAhead([str(portfolio / "hebergement.txt"), str(slow)], None)
    time.sleep(3)
    started = time.monotonic()
    documents = ahead.collect()
    assert time.monotonic() - started < 20
    assert list(documents) == [str(portfolio / "hebergement.txt")]
    assert not ahead._process.is_alive()


def test_a_batch_without_a_process_to_spare_for_reading_ahead_still_audits_every_file(monkeypatch, portfolio, tmp_path):
    import multiprocessing.process

    from auditor.batch import ReadAhead, audit_many
    from auditor.checklist import default_checklist_path, load_checklist

    started = multiprocessing.process.BaseProcess.start
    refused = []

    def no_reader(process):
        if process._target.__name__ == "_read_ahead":
            refused.append(process)
            raise OSError(11, "Resource temporarily unavailable")
        return started(process)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", no_reader)
    assert ReadAhead([str(portfolio / "hebergement.txt")], None).collect() == {}
    files = [portfolio / "hebergement.txt", portfolio / "2025" / "maintenance.md"]
    outcomes = audit_many(files, load_checklist(default_checklist_path()), jobs=2)
    assert len(refused) == 2 and all(o.report is not None for o in outcomes)
