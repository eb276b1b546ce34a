"""Per-control cases (tests/controls/<ID>.yml): each contract excerpt must get the expected status.

A case gives the text, the expected status and, optionally, a phrase the evidence must quote,
values the tool must read (``values``), parameter overrides (``params``) and ``trap: true`` for a
look-alike wording that must not trigger the control.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES_AUDITED_AT
from ruamel.yaml import YAML

from auditor.audit import audit_document
from auditor.checklist import default_checklist_path, load_checklist
from auditor.read.text import read_text

CASE_FILES = sorted((ROOT / "tests" / "controls").glob("*.yml"))


def load_cases():
    for path in CASE_FILES:
        content = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for name, case in content["cases"].items():
            # A known gap stays in the file, marked `todo: why`, and must start passing to be removed.
            marks = [pytest.mark.xfail(reason=case["todo"], strict=True)] if case.get("todo") else []
            yield pytest.param(content["control"], case, id=f"{content['control']}-{name}", marks=marks)


@pytest.fixture(scope="module")
def checklist():
    return load_checklist(default_checklist_path())


@pytest.mark.parametrize("control_id, case", list(load_cases()))
def test_control_case(checklist, control_id, case):
    if case.get("params"):
        checklist = checklist.with_parameters({f"{control_id}.{k}": v for k, v in case["params"].items()})
    only = checklist.model_copy(update={"controls": (checklist.control(control_id),)})
    document = replace(read_text(Path("case.txt"), case["text"].encode("utf-8")), path="case.txt")
    finding = audit_document(document, only, audited_at=SAMPLES_AUDITED_AT).findings[0]
    explanation = f"{finding.status}: {finding.reasons} {[e.quote for e in finding.evidence]}"
    assert finding.status == case["expect"], explanation
    for evidence in finding.evidence:
        assert document.text[evidence.start:evidence.end] == evidence.quote
    if "quote" in case:
        assert any(case["quote"] in evidence.quote for evidence in finding.evidence), explanation
    for name, value in (case.get("values") or {}).items():
        assert dict(finding.values).get(name) == str(value), explanation


def test_every_automated_control_has_cases_for_each_outcome(checklist):
    covered = {}
    for path in CASE_FILES:
        content = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        covered[content["control"]] = {case["expect"] for case in content["cases"].values()}
    for control in checklist.controls:
        if control.detect is None:
            continue
        statuses = covered.get(control.id, set())
        assert "pass" in statuses, f"{control.id} has no pass case"
        assert statuses & {"fail", "weak"}, f"{control.id} has no fail or weak case"
        if control.detect.silent == "missing":
            assert statuses & {"missing", "not_applicable"}, f"{control.id} has no missing case"
