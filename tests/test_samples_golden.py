"""Golden audits of the samples: any change of status, quote, clause or page is seen and reviewed.

Regenerate with ``python samples/update_golden.py`` after checking the change is right.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from auditor.report.audit_json import render_json
from conftest import SAMPLES, SAMPLES_AUDITED_AT, audited_sample

spec = importlib.util.spec_from_file_location("update_golden", SAMPLES / "update_golden.py")
update_golden = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update_golden)

SAMPLE_FILES = update_golden.samples()


def test_the_golden_files_and_the_tests_judge_dates_as_of_the_same_day():
    assert update_golden.AUDITED_AT == SAMPLES_AUDITED_AT


def statuses(payload: dict) -> dict[str, str]:
    return {control["id"]: control["status"] for control in payload["controls"]}


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda path: path.name)
def test_the_audit_of_each_sample_matches_its_golden_file(sample):
    golden_file = update_golden.golden_path(sample)
    assert golden_file.exists(), f"no golden file: run python samples/update_golden.py"
    expected = json.loads(golden_file.read_text(encoding="utf-8"))
    actual = update_golden.golden_of(render_json(audited_sample(sample.name)))
    # Statuses first: the difference a reviewer must look at, in one readable line per control.
    changed = {cid: f"{status} → {statuses(actual)[cid]}" for cid, status in statuses(expected).items()
               if statuses(actual).get(cid) != status}
    assert not changed, f"statuses changed (python samples/update_golden.py once checked): {changed}"
    for old, new in zip(expected["controls"], actual["controls"]):
        assert new == old, f"{old['id']}: evidence, reasons or values changed"
    assert actual == expected


@pytest.mark.parametrize("name", sorted({path.stem for path in SAMPLE_FILES}))
def test_a_contract_gets_the_same_statuses_as_docx_and_as_pdf(name):
    pdf = json.loads(render_json(audited_sample(f"{name}.pdf")))
    docx = json.loads(render_json(audited_sample(f"{name}.docx")))
    assert statuses(docx) == statuses(pdf)
