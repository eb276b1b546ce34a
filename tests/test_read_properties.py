"""Properties that hold for any input, checked on generated ones (hypothesis).

- Segmentation of any text: never raises; every clause lies inside the text, its own text
  before its sub-clauses, siblings in order without overlapping, refs unique.
- The readers on any bytes behind a PDF or zip header, and on damaged real files: either a
  Document or an InputError (one line a user can act on), never another exception.

The damaged files start from real ones (the PDF and DOCX fixtures LibreOffice wrote) so that
the mutations reach past the first checks into the parsers.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.errors import InputError
from auditor.limits import Limits
from auditor.models import Clause, Document
from auditor.read import read_document
from auditor.read.docx import read_docx
from auditor.read.pdf import read_pdf
from auditor.read.text import read_text
from auditor.segment import segment

FIXTURES = Path(__file__).parent / "fixtures"
PDF = (FIXTURES / "pdf" / "contrat.pdf").read_bytes()
DOCX = (FIXTURES / "docx" / "structure.docx").read_bytes()
with zipfile.ZipFile(io.BytesIO(DOCX)) as _package:
    DOCX_PARTS = {name: _package.read(name) for name in _package.namelist()}

READERS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of contracts that exercise the numbering, cross-reference and table-of-contents rules.
FRAGMENTS = [
    "Article 1 – Objet", "ARTICLE 2 :", "Art. 3", "ARTICLE PREMIER", "Article 1er", "Article 12 bis",
    "1.", "2.", "1.1", "1.2", "12.1.1", "3.0", "a)", "b)", "(a)", "(iv)", "1)", "I.", "II.", "A.",
    "Clause 4", "Section 2.1", "§1", "§2", "Annexe 1", "ANNEXE A", "Schedule 2", "Appendix", "Exhibit B",
    "Préambule", "Exposé préalable", "WHEREAS", "Recitals", "Sommaire", "Titre I", "Chapitre 2",
    "Définitions", "....... 3", "l'article 12.2 ci-dessous", "article 1231-3 du Code civil", "L. 1111-8",
    "# ", "## ", "**", "Le Prestataire", " – ", ":", ".", "\n", "\n\n", "\n\n\n", " ", "\t", "\f",
]
TEXT = st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\n\t")
CONTRACT_LIKE = st.lists(st.sampled_from(FRAGMENTS) | st.text(TEXT, max_size=20), max_size=80).map("".join)


def text_document(text: str, markdown: bool) -> Document:
    return read_text(Path("contrat.md" if markdown else "contrat.txt"), text.encode("utf-8"), markdown=markdown)


def check_tree(clauses: list[Clause] | tuple[Clause, ...], low: int, high: int, text_length: int) -> None:
    previous_end = low
    for clause in clauses:
        assert 0 <= previous_end <= clause.start <= clause.body_end <= clause.end <= high <= text_length, clause
        check_tree(clause.children, clause.body_end, clause.end, text_length)
        previous_end = clause.end


@settings(max_examples=300, deadline=None)
@given(text=CONTRACT_LIKE, markdown=st.booleans())
def test_segmentation_of_any_text_is_a_well_formed_tree(text, markdown):
    document = text_document(text, markdown)
    clauses = segment(document)
    check_tree(clauses, 0, len(document.text), len(document.text))
    refs = [clause.ref for top in clauses for clause in top.walk()]
    assert len(refs) == len(set(refs))
    assert all(clause.page_start is None for top in clauses for clause in top.walk())


def outcome(read, *args, **options) -> Document | InputError:
    try:
        return read(*args, **options)
    except InputError as error:
        assert error.reason and "\n" not in str(error)
        return error


@READERS
@given(tail=st.binary(max_size=4096), header=st.sampled_from([b"%PDF-1.4\n", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"]))
def test_pdf_reader_on_any_bytes(tail, header):
    outcome(read_pdf, Path("contrat.pdf"), header + tail)


@READERS
@given(tail=st.binary(max_size=4096))
def test_docx_reader_on_any_bytes(tail):
    outcome(read_docx, Path("contrat.docx"), b"PK\x03\x04" + tail)


def mutated(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    damaged = bytearray(data)
    for position, value in edits:
        damaged[position % len(damaged)] = value
    return bytes(damaged[:cut] if cut else damaged)


EDITS = st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=12)


@READERS
@given(edits=EDITS, cut=st.none() | st.integers(min_value=1, max_value=len(PDF)))
def test_pdf_reader_on_damaged_pdfs(edits, cut):
    outcome(read_pdf, Path("contrat.pdf"), mutated(PDF, edits, cut))


@READERS
@given(part=st.sampled_from(sorted(name for name in DOCX_PARTS if name.endswith((".xml", ".rels")))), edits=EDITS,
       cut=st.none() | st.integers(min_value=1, max_value=4000))
def test_docx_reader_on_damaged_parts(part, edits, cut):
    """The damage is inside a part (a valid zip around it), so it reaches the XML parsers and
    the body reader rather than stopping at the zip's checksums."""
    parts = dict(DOCX_PARTS, **{part: mutated(DOCX_PARTS[part], edits, cut)})
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    outcome(read_docx, Path("contrat.docx"), output.getvalue())


@READERS
@given(data=st.binary(min_size=1, max_size=2048), name=st.sampled_from(["c.txt", "c.md", "c.pdf", "c.docx", "c"]))
def test_read_document_on_any_file(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("any") / name
    path.write_bytes(data)
    result = outcome(read_document, path, limits=Limits(max_file_size=4096), ocr=False)
    if isinstance(result, Document):
        assert result.text.strip() and len(result.sha256) == 64
