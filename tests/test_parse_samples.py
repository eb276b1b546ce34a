"""`auditor parse` on the project's samples and on real SEC-filed contracts.

The samples' truth (samples/expected/*.json) comes from their source files and from poppler's
pdftotext, not from this project's readers.
"""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, SAMPLES

from auditor.read import read_document
from auditor.segment import segment

SAMPLE_NAMES = sorted(path.stem for path in (SAMPLES / "expected").glob("*.json"))


def flatten(clauses):
    return [clause for top in clauses for clause in top.walk()]


def inside_annex(clause_ref: str, annex_refs: set[str]) -> bool:
    return any(clause_ref.startswith(ref + ".") or clause_ref.startswith(ref + ",") for ref in annex_refs)


@pytest.fixture(scope="module", params=[(name, suffix) for name in SAMPLE_NAMES for suffix in ("pdf", "docx")],
                ids=lambda p: f"{p[0]}.{p[1]}")
def parsed_sample(request):
    name, suffix = request.param
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    document = read_document(SAMPLES / f"{name}.{suffix}")
    return suffix, expected, document, segment(document)


def test_clause_numbers_in_order(parsed_sample):
    _, expected, _, clauses = parsed_sample
    got = [clause.ref for clause in flatten(clauses)]
    want = [clause["ref"] for clause in expected["clauses"]]
    annexes = {clause["ref"] for clause in expected["clauses"] if clause["kind"] == "annex"}
    # Items inside annexes that the source writes as plain text ("1. Contexte") are clauses too; the
    # signatures ("Fait à …") are shown on their own, the source does not number them.
    assert [ref for ref in got if not inside_annex(ref, annexes) and not ref.endswith("signatures")] == want
    assert len(got) == len(set(got))


def test_levels_and_titles(parsed_sample):
    _, expected, _, clauses = parsed_sample
    by_ref = {clause.ref: clause for clause in flatten(clauses)}
    for want in expected["clauses"]:
        if want["kind"] == "preamble":
            continue
        clause = by_ref[want["ref"]]
        assert clause.level == want["level"], want["ref"]
        assert clause.kind == want["kind"], want["ref"]
        if want["title"]:
            assert clause.title == want["title"], want["ref"]


def test_pages(parsed_sample):
    suffix, expected, document, clauses = parsed_sample
    by_ref = {clause.ref: clause for clause in flatten(clauses)}
    wanted = [c for c in expected["clauses"] if c["kind"] != "preamble"]
    if suffix == "pdf":
        assert document.page_count == expected["pages"]
        assert [(c["ref"], by_ref[c["ref"]].page_start) for c in wanted] == [(c["ref"], c["page"]) for c in wanted]
    else:
        # LibreOffice-written DOCX carry no page marks: pages are estimated from the layout.
        assert document.page_source == "estimated"
        gaps = [abs(by_ref[c["ref"]].page_start - c["page"]) for c in wanted]
        assert max(gaps) <= 1
        assert sum(gap == 0 for gap in gaps) >= 0.85 * len(gaps)


def test_clause_text_starts_with_its_label_and_stays_inside_its_parent(parsed_sample):
    _, _, document, clauses = parsed_sample
    for top in clauses:
        for clause in top.walk():
            text = document.text[clause.start:clause.end]
            if clause.label:
                assert text.startswith(clause.label), clause.ref
            for child in clause.children:
                assert clause.start < child.start < child.end <= clause.end


def test_tracked_changes_are_counted_and_accepted():
    document = read_document(SAMPLES / "fr-agence-web.docx")
    expected = json.loads((SAMPLES / "expected" / "fr-agence-web.json").read_text(encoding="utf-8"))
    assert document.revisions.count > 0
    assert document.revisions.authors == ("Direction juridique du Client",)
    assert document.original_text is not None and document.original_text != document.text
    assert expected["tracked_changes"]  # the sample declares its changes
    pdf = read_document(SAMPLES / "fr-agence-web.pdf")
    # The PDF was printed with the changes accepted: both readings agree on the clause map.
    assert [c.ref for c in flatten(segment(document))] == [c.ref for c in flatten(segment(pdf))]


# ---------------------------------------------------------------------------------------------
# Real contracts filed with the SEC (CUAD): no crash, sensible refs in order, pages right.

CORPUS_FILES = sorted(CORPUS.glob("*")) if CORPUS.is_dir() else []
corpus = pytest.mark.skipif(not CORPUS_FILES, reason=f"the real-contract corpus is not at {CORPUS}")

# Top-level clauses read off each contract by a person (from pdftotext output), in order.
CORPUS_TOP_LEVEL = {
    "PareteumCorp": ["preamble", *map(str, range(1, 24))],
    "QuantumGroup": ["preamble", *map(str, range(1, 15)), "Attachment A", "Attachment B", "Attachment C"],
    "VitalibisInc": ["preamble", *map(str, range(1, 12)), "signatures", "Exhibit A", "Exhibit B", "Exhibit C", "Exhibit D"],
    "IMAGEWARESYSTEMSINC": ["preamble", *map(str, range(1, 21))],
    "DYNTEKINC": ["preamble", *map(str, range(1, 11)), "signatures", "Exhibit A", "Exhibit A-1"],
    "XACCT": ["preamble", *map(str, range(1, 9)), "signatures"],
    "SUMMAFOURINC": ["preamble", *map(str, range(1, 16)), "signatures", *(f"Exhibit {x}" for x in "ABCDEF")],
}


@corpus
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:40])
def test_real_contracts_parse_with_pages_in_order(path):
    document = read_document(path)
    clauses = segment(document)
    flat = flatten(clauses)
    refs = [clause.ref for clause in flat]
    assert len(refs) == len(set(refs))
    starts = [clause.start for clause in flat]
    assert starts == sorted(starts)
    pages = [clause.page_start for clause in flat]
    assert all(1 <= page <= document.page_count for page in pages)
    assert pages == sorted(pages)
    for clause in flat:
        assert clause.page_start == document.page_at(clause.start)
    expected = next((refs for key, refs in CORPUS_TOP_LEVEL.items() if path.name.startswith(key)), None)
    if expected is not None:
        assert [clause.ref for clause in clauses] == expected


@corpus
def test_real_contract_clause_pages_match_pdftotext():
    """Article 12 of the 30-page Pareteum agreement starts on the page poppler finds its title on."""
    path = next(p for p in CORPUS_FILES if p.name.startswith("PareteumCorp"))
    clauses = segment(read_document(path))
    article = next(c for c in clauses if c.ref == "12")
    assert article.title == "LIMITATION OF LIABILITY"
    assert article.page_start == 20


# ---------------------------------------------------------------------------------------------
# The evaluation set: contracts written and labelled apart from the tool's rules. Every clause a
# label points at must be a clause of the parse (by ref, or by title for unnumbered headings).

EVALUATION = SAMPLES.parent / "evaluation"


def labelled_clauses():
    from ruamel.yaml import YAML

    for path in sorted((EVALUATION / "labels").glob("*.yaml")):
        content = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        refs = {str(entry["clause"]).strip() for entry in content["labels"].values() if entry.get("clause")}
        yield pytest.param(content["contract"], sorted(refs), id=content["contract"][:40])


@pytest.mark.parametrize("contract, refs", list(labelled_clauses()))
def test_evaluation_contracts_have_every_labelled_clause(contract, refs):
    clauses = flatten(segment(read_document(EVALUATION / "contracts" / contract)))
    known = {c.ref.casefold() for c in clauses} | {c.title.casefold() for c in clauses if not c.label}
    # a label may cite several clauses ("4.1, 7.2"); a ref may hold a comma itself ("Schedule 2, Part 1")
    wanted = {ref.strip().casefold() for field in refs
              for ref in ([field] if field.strip().casefold() in known else field.replace(";", ",").split(","))}
    assert sorted(wanted - known) == []
