#!/usr/bin/env python
"""Write the golden audit of every sample: samples/golden/<file>.json (e.g. golden/fr-saas-cgv.pdf.json).

    python samples/update_golden.py

The golden file is the JSON report without what changes from run to run (date, tool version,
file path). tests/test_samples_golden.py compares each new audit with it: a change in a status,
a quote, a clause or a page shows up as a failing test and a readable diff; after checking that
the change is right (samples/src/*.notes.md say what each sample should give), run this script
and commit the new golden files with the rule change.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from auditor.audit import audit_document  # noqa: E402
from auditor.checklist import default_checklist_path, load_checklist  # noqa: E402
from auditor.read import read_document  # noqa: E402
from auditor.report.audit_json import render_json  # noqa: E402

SAMPLE_SUFFIXES = {".pdf", ".docx"}
# The samples' dates (a certificate's expiry) are judged as of this day, so that the golden files
# do not change as the calendar moves on.
AUDITED_AT = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def golden_of(report_json: str) -> dict:
    """The stable part of a JSON audit report."""
    payload = json.loads(report_json)
    payload.pop("audited_at", None)
    payload.pop("tool", None)
    payload["document"].pop("path", None)
    return payload


def golden_path(sample: Path) -> Path:
    return HERE / "golden" / f"{sample.name}.json"


def samples() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if p.suffix in SAMPLE_SUFFIXES)


def main() -> None:
    checklist = load_checklist(default_checklist_path())
    (HERE / "golden").mkdir(exist_ok=True)
    for sample in samples():
        golden = golden_of(render_json(audit_document(read_document(sample), checklist, audited_at=AUDITED_AT)))
        golden_path(sample).write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        counts = ", ".join(f"{status} {n}" for status, n in golden["summary"].items() if n)
        print(f"{golden_path(sample).relative_to(HERE.parent)}: {counts}")


if __name__ == "__main__":
    main()
