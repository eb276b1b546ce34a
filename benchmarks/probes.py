"""What runs inside the benchmark's measured child processes; prints its figures as JSON on stdout.

    python benchmarks/probes.py warm REPEAT FILE...      read + audit in this process, after a warm-up
    python benchmarks/probes.py pdfplumber REPEAT FILE... bare pdfplumber text extraction

Each probe runs in a process of its own so that the parent can read that process's peak memory
(``os.wait4``) without the benchmark's own memory in it.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Both readers are warmed up, on contracts that are not measured.
WARM_UP = [ROOT / "samples" / "fr-saas-cgv.pdf", ROOT / "samples" / "fr-saas-cgv.docx"]
# The caches keyed on a contract's own text: a batch audits each contract once, so every measured
# run starts without them, or the repeats of a short contract would hit what its first run stored
# while a long one overflows them. The caches of the rules (compiled phrases) are kept: a batch has them.
TEXT_CACHES = {"auditor.nlp": ("fold", "word_keys"),
               "auditor.evaluate": ("find_durations", "find_percentages", "find_amounts", "parse_cap"),
               "auditor.quantities": ("_numerals",)}


def forget_text_caches() -> None:
    import importlib

    for module, names in TEXT_CACHES.items():
        for name in names:
            getattr(importlib.import_module(module), name).cache_clear()


def warm(repeat: int, files: list[str]) -> dict:
    from auditor.audit import audit_document
    from auditor.checklist import default_checklist_path, load_checklist
    from auditor.read import read_document

    checklist = load_checklist(default_checklist_path())
    # The first audit loads spaCy's model and compiles the rules: the cold figure has that cost,
    # the warm one is what each further contract of a batch costs.
    for name in WARM_UP:
        audit_document(read_document(name), checklist)
    figures = {}
    for name in files:
        reads, audits = [], []
        pages = characters = None
        for _ in range(repeat):
            forget_text_caches()
            start = time.perf_counter()
            document = read_document(name)
            read = time.perf_counter()
            audit_document(document, checklist)
            reads.append(read - start)
            audits.append(time.perf_counter() - read)
            pages, characters = document.page_count, len(document.text)
        totals = [r + a for r, a in zip(reads, audits)]
        index = totals.index(statistics.median_low(totals))
        figures[name] = {"seconds": totals[index], "read_seconds": reads[index], "audit_seconds": audits[index],
                         "runs": totals, "pages_read": pages, "characters_read": characters}
    return figures


def pdfplumber_text(repeat: int, files: list[str]) -> dict:
    import pdfplumber

    figures = {}
    for name in files:
        runs, pages = [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            with pdfplumber.open(name) as pdf:
                pages = len(pdf.pages)
                for page in pdf.pages:
                    page.extract_text()
                    # Closing each page drops its cached layout objects, as a careful caller would.
                    page.close()
            runs.append(time.perf_counter() - start)
        figures[name] = {"seconds": statistics.median_low(runs), "runs": runs, "pages_read": pages}
    return figures


PROBES = {"warm": warm, "pdfplumber": pdfplumber_text}

if __name__ == "__main__":
    probe, repeat, *paths = sys.argv[1:]
    started = time.perf_counter()
    result = PROBES[probe](int(repeat), [str(Path(p)) for p in paths])
    json.dump({"files": result, "seconds": time.perf_counter() - started}, sys.stdout)
