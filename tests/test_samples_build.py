"""The committed sample contracts match their sources (fast: no LibreOffice needed).

samples/build.py turns samples/src/<name>.txt into samples/<name>.docx (written by LibreOffice),
samples/<name>.pdf and samples/expected/<name>.json. These tests read the committed files only;
when one fails after a source was edited, rebuild with `python samples/build.py <name>`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SOURCES = sorted((SAMPLES / "src").glob("*.txt"))
NAMES = [path.stem for path in SOURCES]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def load_build():
    spec = importlib.util.spec_from_file_location("samples_build", SAMPLES / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


build = load_build()


def expected(name: str) -> dict:
    return json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))


def pdf_pages(name: str) -> list[str]:
    pdf = pdfium.PdfDocument(str(SAMPLES / f"{name}.pdf"))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_there_are_samples():
    assert len(SOURCES) >= 2
    assert all(build.parse_source(path).name == path.stem for path in SOURCES)


@pytest.mark.parametrize("name", NAMES)
def test_every_source_is_built(name):
    for path in (SAMPLES / f"{name}.docx", SAMPLES / f"{name}.pdf", SAMPLES / "expected" / f"{name}.json"):
        assert path.is_file(), f"{path.name} is missing: run python samples/build.py {name}"


@pytest.mark.parametrize("name", NAMES)
def test_expected_json_matches_the_source(name):
    source = SAMPLES / "src" / f"{name}.txt"
    data = expected(name)
    assert data["source_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest(), (
        f"{name}.txt changed since the last build: run python samples/build.py {name}")
    src = build.parse_source(source)
    without_pages = [{k: v for k, v in clause.items() if k != "page"} for clause in data["clauses"]]
    assert without_pages == build.expected_clauses(src)
    assert data["tracked_changes"] == src.has_tracked_changes


@pytest.mark.parametrize("name", NAMES)
def test_pages_are_consistent_with_the_pdf(name):
    data = expected(name)
    pages = pdf_pages(name)
    assert data["pages"] == len(pages)
    numbers = [clause["page"] for clause in data["clauses"]]
    assert numbers == sorted(numbers), "clause pages go backwards"
    assert all(1 <= n <= len(pages) for n in numbers)


@pytest.mark.parametrize("name", NAMES)
def test_each_heading_is_on_its_expected_page(name):
    """Checked with pdfium's text, independently of the pdftotext run the build used."""
    src = build.parse_source(SAMPLES / "src" / f"{name}.txt")
    pages = [build.squash(text) for text in pdf_pages(name)]
    clauses = [c for c in expected(name)["clauses"] if c["ref"] != "preamble"]
    items = [item for item in src.items if item.ref]
    assert len(clauses) == len(items)
    for clause, item in zip(clauses, items):
        if item.kind in ("n2", "n3", "n4"):
            needle = f"{item.label} {build.first_words(item.text)}"
        else:
            needle = build.heading_line(item)
        assert build.squash(needle) in pages[clause["page"] - 1], (clause["ref"], needle, clause["page"])


@pytest.mark.parametrize("name", NAMES)
def test_docx_is_written_by_libreoffice(name):
    assert "LibreOffice" in build.docx_application(SAMPLES / f"{name}.docx")


@pytest.mark.parametrize("name", NAMES)
def test_docx_keeps_word_automatic_numbering(name):
    path = SAMPLES / f"{name}.docx"
    document = build.docx_xml(path, "word/document.xml")
    assert any(p.find(f"{W}pPr/{W}numPr") is not None for p in document.iter(f"{W}p"))
    # The labels a Word-numbering renderer derives from numbering.xml are the source's labels.
    src = build.parse_source(SAMPLES / "src" / f"{name}.txt")
    assert build.check_numbering(src, path) == []


@pytest.mark.parametrize("name", NAMES)
def test_tracked_changes_survive_in_the_docx_only(name):
    src = build.parse_source(SAMPLES / "src" / f"{name}.txt")
    insertions, deletions = build.count_revisions(SAMPLES / f"{name}.docx")
    if not src.has_tracked_changes:
        assert (insertions, deletions) == (0, 0)
        return
    assert insertions and deletions
    whole = "".join(build.squash(text) for text in pdf_pages(name))
    corpus = build.squash(" ".join(build.accepted(t, footnotes=True) for t in src.all_texts()))
    distinctive = [before for before, _ in build.deleted_contexts(src) if build.squash(before) not in corpus]
    assert distinctive
    for before in distinctive:
        assert build.squash(before) not in whole, f"deleted text shows in the PDF: {before!r}"


def test_at_least_one_docx_has_tracked_changes():
    assert any(all(build.count_revisions(SAMPLES / f"{name}.docx")) for name in NAMES)


def test_at_least_one_docx_has_a_footnote():
    assert any("word/footnotes.xml" in zipfile.ZipFile(SAMPLES / f"{name}.docx").namelist()
               and build.docx_xml(SAMPLES / f"{name}.docx", "word/document.xml").find(f".//{W}footnoteReference")
               is not None for name in NAMES)


# The numbering rules of samples/README.md, on small sources (no LibreOffice involved).

def refs(tmp_path: Path, scheme: str, body: str) -> list[tuple[str, str, int]]:
    path = tmp_path / "mini.txt"
    path.write_text(f"@name mini\n@lang fr\n@scheme {scheme}\n{body}", encoding="utf-8")
    return [(c["ref"], c["label"], c["level"]) for c in build.expected_clauses(build.parse_source(path))]


def test_refs_article_dash(tmp_path):
    body = "p: Préambule.\nh1: Objet\nh2: Périmètre\nn3: premier ;\nn2: Texte.\nannex: Plan\n"
    assert refs(tmp_path, "article-dash", body) == [
        ("preamble", "", 0), ("1", "Article 1 –", 1), ("1.1", "1.1", 2), ("1.1.a", "a)", 3),
        ("1.2", "1.2", 2), ("Annexe 1", "Annexe 1 –", 1)]


def test_refs_article_colon_typed(tmp_path):
    body = ("h1: ARTICLE PREMIER – OBJET\nn2: Un.\nh1: ARTICLE 2 : DURÉE\nh1: ARTICLE 3 : PRIX\n"
            "n2: Un.\nn2: Deux.\nn3: a.\nn3: b.\nannex: Tarifs\n")
    assert refs(tmp_path, "article-colon-typed", body) == [
        ("1", "ARTICLE PREMIER –", 1), ("1.1", "1)", 2), ("2", "ARTICLE 2 :", 1), ("3", "ARTICLE 3 :", 1),
        ("3.1", "1)", 2), ("3.2", "2)", 2), ("3.2.a", "a.", 3), ("3.2.b", "b.", 3),
        ("Annexe A", "ANNEXE A :", 1)]


def test_refs_decimal_headings(tmp_path):
    body = "h1: Objet\nh2: Champ\nh3: Détail\nn4: point ;\nh1: Durée\nn2: Texte.\nannex: Tarifs\n"
    assert refs(tmp_path, "decimal-headings", body) == [
        ("1", "1.", 1), ("1.1", "1.1", 2), ("1.1.1", "1.1.1", 3), ("1.1.1.a", "(a)", 4),
        ("2", "2.", 1), ("2.1", "2.1", 2), ("Annexe I", "Annexe I", 1)]


def test_refs_roman_sections(tmp_path):
    body = "h1: GÉNÉRALITÉS\nh2: Objet\nh2: Durée\nn3: a ;\nh1: SERVICES\nh2: Hébergement\nn3: a ;\n"
    assert refs(tmp_path, "roman-sections", body) == [
        ("I", "I.", 1), ("1", "1.", 2), ("2", "2.", 2), ("2.a", "a)", 3),
        ("II", "II.", 1), ("3", "3.", 2), ("3.a", "a)", 3)]


def test_refs_en_clause(tmp_path):
    body = "h1: Definitions\nn2: Text.\nn3: first;\nannex: Service Levels\n"
    assert refs(tmp_path, "en-clause", body) == [
        ("1", "1.", 1), ("1.1", "1.1", 2), ("1.1.a", "(a)", 3), ("Schedule 1", "Schedule 1 –", 1)]


def test_tracked_changes_and_footnotes_are_read_from_the_accepted_text(tmp_path):
    body = "h1: {-Prix-}{+Prix et paiement+}\nn2: Le délai est de {-six-}{+trois+} mois[^Note.].\n"
    path = tmp_path / "mini.txt"
    path.write_text(f"@name mini\n@scheme article-dash\n@tracked Relecteur\n{body}", encoding="utf-8")
    src = build.parse_source(path)
    assert build.expected_clauses(src)[0]["title"] == "Prix et paiement"
    assert build.first_words(src.items[1].text) == "Le délai est de trois mois"
    assert build.deleted_contexts(src)[1] == ("délai est de six mois.", "délai est de trois mois.")


def test_bad_sources_fail_with_the_line_number(tmp_path):
    path = tmp_path / "mini.txt"
    path.write_text("@name mini\n@scheme article-dash\nx: what\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match=r"mini.txt:3: unknown directive"):
        build.parse_source(path)
    path.write_text("@name mini\n@scheme article-dash\nh1: Objet\np: {+ajout+}\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match="@tracked"):
        build.parse_source(path)
    path.write_text("@name mini\n@scheme article-colon-typed\nh1: Objet\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match="typed h1"):
        build.parse_source(path)
