"""The JSON audit report's schema file: tools can validate every report against it, and it is strict."""

from __future__ import annotations

import copy
import json
from importlib.resources import files

import pytest
from conftest import SAMPLES, audited_sample
from jsonschema import Draft202012Validator

from auditor.audit import audit_document
from auditor.checklist import default_checklist_path, load_checklist
from auditor.read import read_document
from auditor.report.audit_json import render_json

SAMPLE_FILES = sorted(path for path in SAMPLES.iterdir() if path.suffix in {".pdf", ".docx"})

# A text file: no pages at all, so every page in the report is null.
TEXT_CONTRACT = """CONTRAT DE MAINTENANCE

Article 1 – Objet
Le Prestataire assure la maintenance du logiciel du Client.

Article 2 – Sauvegardes
Le Prestataire n'est tenu à aucune sauvegarde des données du Client.

Article 3 – Responsabilité
La responsabilité du Prestataire est limitée à un mois de redevances.
"""


def load_schema() -> dict:
    # Read as package data, the way an installed auditor would ship it to tools.
    return json.loads(files("auditor.report").joinpath("schemas/audit-report.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def checklist():
    return load_checklist(default_checklist_path())


@pytest.fixture(scope="module")
def text_report(tmp_path_factory, checklist) -> dict:
    path = tmp_path_factory.mktemp("schema") / "contrat.txt"
    path.write_text(TEXT_CONTRACT, encoding="utf-8")
    return json.loads(render_json(audit_document(read_document(path), checklist)))


def problems(validator: Draft202012Validator, payload: dict) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(payload)]


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(load_schema())


@pytest.mark.parametrize("path, language", [(path, "fr") for path in SAMPLE_FILES] + [(SAMPLE_FILES[0], "en")],
                         ids=lambda value: getattr(value, "name", value))
def test_the_report_of_every_sample_validates(path, language, validator):
    payload = json.loads(render_json(audited_sample(path.name, language)))
    assert problems(validator, payload) == []
    assert any(control["evidence"] for control in payload["controls"])


def test_a_text_contract_without_pages_validates(text_report, validator):
    assert text_report["document"]["pages"] is None
    assert any(control["evidence"] for control in text_report["controls"])
    assert problems(validator, text_report) == []


def first_evidence(payload: dict) -> dict:
    return next(control for control in payload["controls"] if control["evidence"])["evidence"][0]


MUTATIONS = {
    "unknown status": (lambda p: p["controls"][0].update(status="ok"), "$.controls[0].status"),
    "controls missing": (lambda p: p.pop("controls"), "$"),
    "unknown top-level key": (lambda p: p.update(score=3), "$"),
    "schema_version 2": (lambda p: p.update(schema_version=2), "$.schema_version"),
    "schema_version as text": (lambda p: p.update(schema_version="1"), "$.schema_version"),
    "unknown severity": (lambda p: p["controls"][0].update(severity="critical"), "$.controls[0].severity"),
    "lower-case control id": (lambda p: p["controls"][0].update(id="term-01"), "$.controls[0].id"),
    "unknown area": (lambda p: p["controls"][0].update(area="GDPR"), "$.controls[0].area"),
    "summary without a status": (lambda p: p["summary"].pop("review"), "$.summary"),
    "parameter as a number": (lambda p: p["controls"][0]["thresholds"].update(notice_days=90),
                              "$.controls[0].thresholds.notice_days"),
    "unknown evidence field": (lambda p: first_evidence(p).update(confidence=0.9), None),
    "page as text": (lambda p: first_evidence(p).update(page="3"), None),
    "highlight of three numbers": (lambda p: first_evidence(p).update(highlights=[[1, 2, 3]]), None),
    "unknown document format": (lambda p: p["document"].update(format="doc"), "$.document.format"),
    "audited_at without a time": (lambda p: p.update(audited_at="2026-01-05"), "$.audited_at"),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_a_report_that_breaks_the_contract_is_rejected(name, text_report, validator):
    assert problems(validator, text_report) == []
    mutate, where = MUTATIONS[name]
    payload = copy.deepcopy(text_report)
    mutate(payload)
    found = problems(validator, payload)
    assert found, f"{name} was accepted"
    if where is not None:
        assert any(problem.startswith(f"{where}: ") for problem in found), found
