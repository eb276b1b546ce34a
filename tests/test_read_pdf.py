"""PDF reader: what a user of the audit would notice in the text it gets from a PDF.

The fixtures in tests/fixtures/pdf were made by LibreOffice (see make_fixtures.py there); the
corpus tests read real contracts filed with the SEC when ../shared/corpus/cuad-it is present.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import CORPUS, SAMPLES  # CORPUS: ../shared/corpus/cuad-it, next to the project

from auditor.errors import InputError
from auditor.models import Document
from auditor.nlp import table_bodies
from auditor.read import read_document
from auditor.read.pdf import (
    PAGE_NUMBER,
    Line,
    Page,
    join_hyphenated,
    mark_typed_table_rows,
    keeps_hyphen,
    normalise_text,
    read_pdf,
    remove_running_elements,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
CORPUS_FILES = sorted(CORPUS.glob("*.[pP][dD][fF]")) if CORPUS.is_dir() else []
SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))


def read_fixture(name: str, **options) -> Document:
    path = FIXTURES / name
    return read_pdf(path, path.read_bytes(), **options)


def pdf_page_count(path: Path) -> int:
    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def block_texts(document: Document, kind: str | None = None) -> list[str]:
    return [document.text[b.start:b.end] for b in document.blocks if kind is None or b.kind == kind]


def block_starting(document: Document, prefix: str):
    return next(b for b in document.blocks if document.text[b.start:b.end].startswith(prefix))


@pytest.fixture(scope="module")
def contract() -> Document:
    return read_fixture("contrat.pdf")


# --- The LibreOffice contract ----------------------------------------------------------------


def test_every_page_is_kept_but_running_header_and_footer_are_not(contract):
    assert contract.page_count == 3 == pdf_page_count(FIXTURES / "contrat.pdf")
    assert "HB-2024-017" not in contract.text
    assert not re.search(r"Page \d+ sur \d+", contract.text)
    # The title shares its words with the running header but appears once: it stays.
    assert block_texts(contract)[0] == "Contrat de services d’hébergement"
    assert all(f"Article {n} –" in contract.text for n in range(1, 9))


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext is the oracle")
def test_article_pages_match_pdftotext(contract):
    oracle = subprocess.run(["pdftotext", str(FIXTURES / "contrat.pdf"), "-"], capture_output=True,
                            text=True, check=True).stdout.split("\f")
    for heading in ("Article 2 – Durée", "Article 5 – Réversibilité", "Article 8 – Responsabilité"):
        expected = next(number for number, page in enumerate(oracle, start=1) if heading in page)
        block = block_starting(contract, heading)
        assert block.page == expected == contract.page_at(block.start), heading


def test_blocks_are_lines_with_consistent_spans_and_pages(contract):
    pages = [block.page for block in contract.blocks]
    assert pages == sorted(pages) and set(pages) == {1, 2, 3}
    assert list(contract.page_starts) == sorted(contract.page_starts)
    for block in contract.blocks:
        text = contract.text[block.start:block.end]
        assert text and "\n" not in text and text == text.strip()
        assert contract.page_at(block.start) == block.page
    assert {block.kind for block in contract.blocks} == {"line", "table_row"}


def test_word_hyphenated_at_line_end_is_joined(contract):
    # LibreOffice broke "résilia-tion" across two lines of clause 4.3.
    assert "résilia-" not in contract.text and "résilia\n" not in contract.text
    line = block_starting(contract, "4.3 ")
    assert contract.text[line.start:line.end].endswith("résiliation")
    assert "clause de résiliation anticipée" in contract.text.replace("\n", " ")
    # Real compounds keep their hyphen.
    assert "sous-traitant" in contract.text and "sous-traités" in contract.text


def test_ruled_table_is_read_row_by_row(contract):
    rows = block_texts(contract, "table_row")
    assert rows == [
        "Niveau | Délai de prise en charge | Pénalité",
        "Critique | 1 heure | 500 €",
        "Majeur | 4 heures | 200 €",
        "Mineur | 2 jours ouvrés | 50 €",
    ]
    texts = block_texts(contract)
    first_row = texts.index(rows[0])
    assert texts[first_row - 1] == "tableau suivant :"
    assert texts[first_row + len(rows)] == "Article 4 – Résiliation"
    # The cells' lines are not also kept as loose lines.
    assert "Délai de prise en" not in texts


def test_headings_carry_bold_and_size_cues(contract):
    heading = block_starting(contract, "Article 1 – Objet")
    assert heading.bold and heading.starts_paragraph
    assert heading.size_ratio == pytest.approx(12 / 11, abs=0.02)
    title = block_starting(contract, "Contrat de services")
    assert title.bold and title.size_ratio == pytest.approx(16 / 11, abs=0.02)
    body = block_starting(contract, "1.1 Le présent contrat")
    assert not body.bold and body.size_ratio == 1.0 and body.starts_paragraph
    assert body.indent == pytest.approx(0, abs=1)


def test_paragraph_starts(contract):
    blocks = list(contract.blocks)
    first = block_starting(contract, "1.1 Le présent contrat")
    continuation = blocks[blocks.index(first) + 1]
    assert not continuation.starts_paragraph
    assert block_starting(contract, "1.2 Les services").starts_paragraph
    # Clause 4.1 runs from page 1 onto page 2: the first line of page 2 carries on.
    carried = block_starting(contract, "réparé dans un délai")
    assert carried.page == 2 and not carried.starts_paragraph
    assert all(block.starts_paragraph for block in blocks if block.kind == "table_row")


def test_read_document_dispatches_pdf_by_content():
    document = read_document(FIXTURES / "contrat.pdf")
    assert document.format == "pdf" and document.page_source == "layout"
    assert len(document.sha256) == 64 and document.path.endswith("contrat.pdf")


def opens_clause(text: str, label: str) -> bool:
    """The line begins the clause labelled ``label`` ("4.1" but not "4.10", "4.1.2" or a TOC entry)."""
    return text.startswith(label) and "...." not in text and not re.match(re.escape(label) + r"[\d.]\d", text)


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda path: path.stem)
def test_sample_clauses_are_on_their_expected_pages(pdf):
    """The samples' PDFs were made by LibreOffice from Word files; samples/expected has the truth."""
    expected = json.loads((SAMPLES / "expected" / f"{pdf.stem}.json").read_text(encoding="utf-8"))
    document = read_pdf(pdf, pdf.read_bytes())
    assert document.page_count == expected["pages"]
    assert not re.search(r"Page \d+ (sur|of) \d+", document.text)
    lines = [(document.text[b.start:b.end], b) for b in document.blocks]
    position = 0
    for clause in (clause for clause in expected["clauses"] if clause["label"]):
        position = next(i for i in range(position, len(lines)) if opens_clause(lines[i][0], clause["label"]))
        block = lines[position][1]
        assert block.page == clause["page"] and block.starts_paragraph, clause["ref"]
        position += 1


@pytest.mark.skipif(not (SAMPLES / "fr-saas-cgv.pdf").is_file(), reason="sample fr-saas-cgv.pdf not found")
def test_footnote_is_marked_and_runs_over_to_the_next_page():
    document = read_pdf(SAMPLES / "fr-saas-cgv.pdf", (SAMPLES / "fr-saas-cgv.pdf").read_bytes())
    notes = [(block.page, block.starts_paragraph, document.text[block.start:block.end])
             for block in document.blocks if block.kind == "footnote"]
    assert notes[0][:2] == (9, True) and notes[0][2].startswith("1 Règlement (UE) 2023/2854")
    assert notes[-1][:2] == (10, False) and notes[-1][2].startswith("dont les dispositions")
    assert next(block for block in document.blocks if block.page == 10).kind == "line"


# --- Unreadable and partly readable files ----------------------------------------------------


def test_encrypted_pdf_asks_for_an_unprotected_copy():
    with pytest.raises(InputError) as caught:
        read_fixture("protege.pdf")
    assert caught.value.reason.startswith("is password-protected: pass its password with --password")
    assert "\n" not in str(caught.value)


def test_encrypted_pdf_reads_with_its_password():
    assert "Contrat confidentiel protégé" in read_fixture("protege.pdf", password="secret").text
    with pytest.raises(InputError, match="password given is wrong"):
        read_fixture("protege.pdf", password="wrong")


def test_image_only_pdf_without_ocr_is_refused_as_a_scan():
    with pytest.raises(InputError) as caught:
        read_fixture("scan.pdf")  # OCR is off unless asked for (the CLI asks by default)
    assert caught.value.reason.startswith("has no text layer (scanned image)")
    assert "--no-ocr" in caught.value.reason


def test_partly_scanned_pdf_warns_about_the_scanned_pages():
    document = read_fixture("partiel.pdf")
    assert document.page_count == 3
    assert document.warnings == ("page 3 has no text layer (scanned?)",)
    assert "Article 1 – Objet" in document.text
    assert "HB-2024-017" not in document.text  # the header recurs on both pages that have text


@pytest.mark.parametrize("keep", [0.02, 0.5, 0.95])
def test_truncated_pdf_is_reported_not_a_traceback(keep):
    data = (FIXTURES / "contrat.pdf").read_bytes()
    with pytest.raises(InputError) as caught:
        read_pdf(Path("cut.pdf"), data[: int(len(data) * keep)])
    assert caught.value.reason == "is not a readable PDF (corrupt or truncated)"


def test_garbage_after_pdf_magic_is_not_readable():
    with pytest.raises(InputError, match="not a readable PDF"):
        read_pdf(Path("junk.pdf"), b"%PDF-1.7\n" + bytes(range(256)) * 40)


# --- Units -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["3", "- 3 -", "– 12 –", "Page 3", "page 3 sur 12", "Page 3 of 12", "3/12", "p. 3", "Page iv"]
)
def test_page_number_lines(text):
    assert PAGE_NUMBER.match(text)


@pytest.mark.parametrize("text", ["1.", "3 mois", "Article 3", "2024-2025 Réf. 12", "(3)"])
def test_not_page_number_lines(text):
    assert not PAGE_NUMBER.match(text)


def test_normalise_text():
    raw = "e\ufb03cace \ufb01n\u00a0:\u202f10\u00a0000 € «\u00a0x\u00a0»  \x07ok"
    assert normalise_text(raw) == "efficace fin : 10 000 € « x » ok"
    assert normalise_text("re\u0301siliation “ferme”") == "résiliation “ferme”"


@pytest.mark.parametrize(("prefix", "suffix", "kept"), [
    ("résilia", "tion", False),
    ("sous", "traitant", True),
    ("non", "respect", True),
    ("celui", "ci", True),
    ("auto", "risation", False),  # not a compound prefix here: an ordinary hyphenation point
    ("Saint", "Étienne", True),
    ("1234", "5", True),
])
def test_keeps_hyphen(prefix, suffix, kept):
    assert keeps_hyphen(prefix, suffix, plain=set(), compounds=set()) is kept


def test_keeps_hyphen_learns_from_the_document():
    assert keeps_hyphen("auto", "hébergement", plain=set(), compounds={"auto-hébergement"})
    assert not keeps_hyphen("sous", "crire", plain={"souscrire"}, compounds=set())


def line(text: str, top: float, x0: float = 72.0, size: float = 11.0, bold: bool = False) -> Line:
    return Line(text=text, x0=x0, x1=x0 + 5.5 * len(text), top=top, bottom=top + 12, size=size,
                bold=bold, chars=len(text))


def test_join_hyphenated_moves_the_second_half_up():
    lines = [line("la résilia-", 100), line("tion du contrat", 114), line("un sous-", 128),
             line("traitant agréé", 142), line("l’anti-", 156), line("cipation.", 170),
             line("(ci\u00ad", 184), line("après « le Client »", 198),
             line("la modifica\u00ad", 212), line("tion", 226)]
    assert [item.text for item in join_hyphenated(lines)] == [
        "la résiliation", "du contrat", "un sous-traitant", "agréé", "l’anticipation.",
        "(ci-après", "« le Client »", "la modification",
    ]


def page(number: int, *texts: str, height: float = 842.0) -> Page:
    lines = [line(text, top=40 + 14 * index) for index, text in enumerate(texts)]
    lines[-1].top, lines[-1].bottom = height - 40, height - 28  # the last line sits at the bottom
    return Page(number=number, width=595.0, height=height, lines=lines, text_chars=100)


def test_running_lines_go_but_a_heading_seen_once_stays():
    pages = [
        page(1, "ACME – Contrat cadre", "Article 1 – Objet", "Le présent contrat...", "Page 1 sur 4"),
        page(2, "ACME – Contrat cadre", "suite du texte", "Article 2 – Durée", "Page 2 sur 4"),
        page(3, "ACME – Contrat cadre", "Article 3 – Prix", "Les prix...", "3"),
        page(4, "ACME – Contrat cadre", "Article 4 – Fin", "Le contrat prend fin.", "- 4 -"),
    ]
    remove_running_elements(pages)
    assert [[item.text for item in p.lines] for p in pages] == [
        ["Article 1 – Objet", "Le présent contrat..."],
        ["suite du texte", "Article 2 – Durée"],
        ["Article 3 – Prix", "Les prix..."],
        ["Article 4 – Fin", "Le contrat prend fin."],
    ]


def test_headings_recurring_at_page_tops_with_unrelated_numbers_stay():
    numbers = ((1, 1), (2, 3), (3, 4), (4, 7))  # (page, article)
    pages = [page(n, f"ARTICLE {a}", "Le texte de l’article.", "Fin de page.") for n, a in numbers]
    remove_running_elements(pages)
    assert [p.lines[0].text for p in pages] == ["ARTICLE 1", "ARTICLE 3", "ARTICLE 4", "ARTICLE 7"]


# --- Hand-made PDFs for what LibreOffice does not easily produce -----------------------------


def minimal_pdf(page_contents: list[bytes]) -> bytes:
    """A PDF with one page per content stream, fonts F1 (Helvetica) and F2 (Helvetica-Bold)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    fonts = b"/Font << /F1 3 0 R /F2 4 0 R >>"
    objects += [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"]
    kids = []
    for content in page_contents:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << %s >> /Contents %d 0 R >>"
                       % (fonts, len(objects)))
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    output, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    xref += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(output))
    return output + xref + trailer


def text_lines(lines: list[tuple[str, bytes]], top: int = 760, left: int = 72, pitch: int = 14) -> bytes:
    """Content drawing each (font, text) pair on its own line, 11 pt."""
    return b" ".join(b"BT /%s 11 Tf %d %d Td (%s) Tj ET" % (font.encode(), left, top - pitch * index, text)
                     for index, (font, text) in enumerate(lines))


def test_repeated_vertical_margin_stamp_is_removed():
    stamp = b"BT /F1 8 Tf 0 1 -1 0 30 300 Tm (Projet - document de travail) Tj ET"
    bodies = [b"Le prix est fixe.", b"La duree est d'un an.", b"Le contrat prend fin."]
    pages = [text_lines([("F2", b"Article %d - Titre" % n), ("F1", body)]) + b" " + stamp
             for n, body in enumerate(bodies, start=1)]
    document = read_pdf(Path("stamp.pdf"), minimal_pdf(pages))
    assert "Projet" not in document.text
    # One article per page: the headings' numbers follow the page numbers, yet they stay.
    assert block_texts(document) == ["Article 1 - Titre", "Le prix est fixe.", "Article 2 - Titre",
                                     "La duree est d'un an.", "Article 3 - Titre", "Le contrat prend fin."]
    assert [block.bold for block in document.blocks[:2]] == [True, False]


@pytest.mark.parametrize("turn", [b"0 1 -1 0 595 0", b"0 -1 1 0 0 842"], ids=["upwards", "downwards"])
def test_page_drawn_sideways_reads_in_order(turn):
    landscape = b"q " + turn + b" cm " + text_lines([("F1", b"Premiere ligne du tableau de prix,"),
                                                       ("F1", b"deuxieme ligne, puis"),
                                                       ("F1", b"troisieme ligne.")], top=500) + b" Q"
    document = read_pdf(Path("sideways.pdf"), minimal_pdf([landscape]))
    assert block_texts(document) == ["Premiere ligne du tableau de prix,", "deuxieme ligne, puis", "troisieme ligne."]


# --- Real contracts --------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_FILES, reason=f"corpus folder {CORPUS.name} not found next to the project")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: path.name[:40])
def test_real_contract(path):
    document = read_pdf(path, path.read_bytes())
    assert document.page_count == pdf_page_count(path)
    assert len(document.text) > 500 and len(document.text.split()) > 100
    pages = [block.page for block in document.blocks]
    assert all(1 <= number <= document.page_count for number in pages)
    assert pages == sorted(pages)
    # No running header survives: no line recurs at the top of half the pages (or more).
    first_lines = Counter()
    for number in range(1, document.page_count + 1):
        on_page = [document.text[b.start:b.end] for b in document.blocks if b.page == number]
        if on_page:
            first_lines[on_page[0]] += 1
    assert all(count < max(2, document.page_count / 2) for count in first_lines.values()), first_lines.most_common(3)


def test_rows_typed_with_pipes_are_table_rows_and_their_rule_goes():
    typed = page(1, "Annexe 3 – Plan de sauvegarde", "| Objet | Fréquence | Rétention |", "|---|---|---|",
                 "| Base clients | quotidienne | 30 jours |", "| Fichiers | hebdomadaire | 12 semaines |",
                 "Le choix | entre deux offres | reste au Client.", "Fin de l'annexe.")
    mark_typed_table_rows([typed])
    assert [(item.kind, item.text) for item in typed.lines] == [
        ("line", "Annexe 3 – Plan de sauvegarde"),
        ("table_row", "Objet | Fréquence | Rétention"),
        ("table_row", "Base clients | quotidienne | 30 jours"),
        ("table_row", "Fichiers | hebdomadaire | 12 semaines"),
        ("line", "Le choix | entre deux offres | reste au Client."),  # pipes in prose, no outer pipes
        ("line", "Fin de l'annexe."),
    ]


def test_a_lone_pipe_typed_line_stays_a_line():
    typed = page(1, "Article 4 – Prix", "| voir l'annexe |", "Les prix sont fermes.")
    mark_typed_table_rows([typed])
    assert [item.kind for item in typed.lines] == ["line", "line", "line"]


EVALUATION_CONTRACTS = Path(__file__).resolve().parents[1] / "evaluation" / "contracts"


def test_pipe_table_printed_from_typed_text_reads_as_a_table_with_its_header():
    # A PDF that LibreOffice printed from a typed text: its tables are lines of pipes, not ruled cells.
    document = read_document(EVALUATION_CONTRACTS / "fr-telesurveillance-implants-cardiaques-rythmalis-hopital-prive-val-dombree.pdf")
    rows = block_texts(document, "table_row")
    assert "Objet | Fréquence | Rétention | Localisation" in rows
    assert "Sauvegarde complète | hebdomadaire | 12 semaines | site secondaire" in rows
    assert not any(text.startswith("|") for text in block_texts(document))


# A public contract typed as text and printed by LibreOffice, as the evaluation contracts are
# (evaluation/sources/build.py): article headings bold, everything else plain paragraphs.
TYPED_PUBLIC_CONTRACT = [
    ("p", "MARCHÉ PUBLIC DE SERVICES – HÉBERGEMENT DES ARCHIVES"),
    ("p", "PREMIÈRE PARTIE – ACTE D'ENGAGEMENT"),
    ("h", "ARTICLE 1 – OBJET DU MARCHÉ"),
    ("p", "Le présent marché a pour objet l'hébergement et la maintenance du logiciel des archives de la Commune."),
    ("h", "ARTICLE 3 – ENGAGEMENT DU TITULAIRE"),
    ("p", "3.1 Le titulaire s'engage à exécuter les prestations aux conditions du présent marché."),
    ("p", "3.2 L'offre est valable cent vingt jours à compter de la date limite de remise des offres."),
    ("p", "3.3 Le titulaire affirme ne pas tomber sous le coup des interdictions de soumissionner prévues par le code."),
    ("p", "DEUXIÈME PARTIE – CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES"),
    ("h", "ARTICLE 4 – DURÉE DU MARCHÉ"),
    ("p", "4.1 Le marché est conclu pour une durée de trois ans à compter de sa notification."),
    ("h", "ARTICLE 5 – CHANGEMENT DE FOURNISSEUR DE SERVICES DE TRAITEMENT DE DONNÉES ET PORTABILITÉ"),
    ("p", "5.1 Le titulaire permet au pouvoir adjudicateur de changer de fournisseur dans un délai de deux mois."),
    ("h", "ARTICLE 6 – SÉCURITÉ DES SYSTÈMES D'INFORMATION HÉBERGÉS ET CONTINUITÉ D'ACTIVITÉ JUSQU'À LA FIN DU"
          " CONTRAT ET PENDANT TOUTE LA PHASE DE RÉVERSIBILITÉ"),
    ("p", "6.1 Le titulaire maintient un plan de continuité d'activité."),
    ("h", "ARTICLE 7 – LITIGES"),
    ("p", "Les litiges relèvent du tribunal administratif de Rennes."),
    ("p", "Fait à Lorvennes, le 2 mars 2026, en deux exemplaires."),
    ("p", "Pour le Prestataire"),
    ("p", "Pour le Cabinet"),
    ("h", "ANNEXE 1 – BORDEREAU DES PRIX"),
    ("p", "Maintenance annuelle : dix mille euros."),
]


@pytest.fixture(scope="module")
def typed_public_contract(tmp_path_factory) -> list[Document]:
    """The contract printed from HTML (bold headings) and straight from the text file (no bold)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    from html import escape

    folder = tmp_path_factory.mktemp("typed")
    body = "".join(f"<h2>{escape(t)}</h2>" if kind == "h" else f"<p>{escape(t)}</p>" for kind, t in TYPED_PUBLIC_CONTRACT)
    (folder / "html.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><style>body{font-family:"Liberation Serif";'
        f'font-size:11pt;text-align:justify}}h2{{font-size:12pt}}</style></head><body>{body}</body></html>',
        encoding="utf-8")
    (folder / "text.txt").write_text("\n\n".join(t for _, t in TYPED_PUBLIC_CONTRACT) + "\n", encoding="utf-8")
    profile = f"-env:UserInstallation=file://{folder}/profile"
    for source, extra in (("html.html", ["--infilter=HTML (StarWriter)"]), ("text.txt", [])):
        subprocess.run(["soffice", "--headless", "--norestore", profile, *extra, "--convert-to",
                        "pdf:writer_pdf_Export", "--outdir", str(folder), str(folder / source)],
                       check=True, capture_output=True, timeout=240)
    return [read_document(folder / "html.pdf"), read_document(folder / "text.pdf")]


def test_a_public_contract_printed_from_typed_text_keeps_its_parts_titles_and_signatures(typed_public_contract):
    from auditor.segment import segment

    for document in typed_public_contract:
        clauses = segment(document)
        flat = {c.ref: c for top in clauses for c in top.walk()}
        assert [c.ref for c in clauses] == ["preamble", "Partie 1", "Partie 2", "signatures", "Annexe 1"]
        assert [ref for ref in flat if ref[:1].isdigit()] == ["1", "3", "3.1", "3.2", "3.3", "4", "4.1", "5", "5.1",
                                                               "6", "6.1", "7"]
        # The part heading after 3.3 is not 3.3's text.
        assert document.text[flat["3.3"].start:flat["3.3"].end].endswith("par le code.")
        assert flat["Partie 2"].title == "CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES"
        # A title wrapped onto the next printed lines is whole, and the body starts after it.
        assert flat["5"].title == TYPED_PUBLIC_CONTRACT[11][1].split(" – ", 1)[1]
        assert flat["6"].title == TYPED_PUBLIC_CONTRACT[13][1].split(" – ", 1)[1]
        # "Fait à …" and the signatories are in the clause map, not in article 7.
        signatures = document.text[flat["signatures"].start:flat["signatures"].body_end]
        assert signatures.startswith("Fait à Lorvennes") and signatures.endswith("Pour le Cabinet")
        assert document.text[flat["7"].start:flat["7"].end].endswith("tribunal administratif de Rennes.")


# --- Ruled tables drawn in the page ----------------------------------------------------------

COLUMNS, ROWS = (72, 250, 450), (700, 680, 660)  # the grid's x and y, in points
CELLS = [(b"Objet", b"Frequence"), (b"Base clients", b"quotidienne")]


def cell_texts(cells=CELLS, rows=ROWS) -> bytes:
    return b" ".join(b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (COLUMNS[column] + 4, rows[row] - 14, text)
                     for row, texts in enumerate(cells) for column, text in enumerate(texts))


def grid_of_rectangles(rows=ROWS) -> bytes:
    """One stroked rectangle per cell, as word processors draw cell borders."""
    return b" ".join(b"%d %d %d %d re S" % (x0, y1, x1 - x0, y0 - y1)
                     for y0, y1 in zip(rows, rows[1:]) for x0, x1 in zip(COLUMNS, COLUMNS[1:]))


def grid_of_lines() -> bytes:
    """One stroked line per ruling, inside a form XObject's transformation, as some exporters draw."""
    horizontal = [b"%d %d m %d %d l S" % (COLUMNS[0], y, COLUMNS[-1], y) for y in ROWS]
    vertical = [b"%d %d m %d %d l S" % (x, ROWS[0], x, ROWS[-1]) for x in COLUMNS]
    return b"q 1 0 0 1 0 0 cm " + b" ".join(horizontal + vertical) + b" Q"


@pytest.mark.parametrize("grid", [grid_of_rectangles, grid_of_lines], ids=["rectangles", "lines"])
def test_ruled_table_drawn_in_the_page_reads_row_by_row(grid):
    page = text_lines([("F1", b"Le tableau suivant fixe les sauvegardes :")]) + b" " + grid() + b" " + cell_texts()
    document = read_pdf(Path("grille.pdf"), minimal_pdf([page]))
    assert block_texts(document, "table_row") == ["Objet | Frequence", "Base clients | quotidienne"]
    assert block_texts(document)[0] == "Le tableau suivant fixe les sauvegardes :"
    assert not document.warnings


def test_two_tables_one_under_the_other_are_two_tables_each_with_its_header():
    lower = tuple(y - 120 for y in ROWS)
    prices = [(b"Prestation", b"Prix"), (b"Support", b"100 EUR")]
    page = b" ".join([grid_of_rectangles(), cell_texts(), grid_of_rectangles(lower), cell_texts(prices, lower)])
    document = read_pdf(Path("grilles.pdf"), minimal_pdf([page]))
    tables = [(document.text[first.start:first.end], [document.text[r.start:r.end] for r in rows])
              for first, rows in table_bodies(document)]
    assert tables == [("Objet | Frequence", ["Base clients | quotidienne"]), ("Prestation | Prix", ["Support | 100 EUR"])]


def test_a_space_drawn_on_its_own_still_separates_the_words_of_a_cell():
    # "Base" and "clients" 2 pt apart, the space between them drawn by a text object of its own.
    cells = cell_texts([(b"Objet", b"Frequence"), (b"", b"quotidienne")])
    words = b"BT /F1 10 Tf 76 666 Td (Base) Tj ET BT /F1 10 Tf 98.24 666 Td ( ) Tj ET BT /F1 10 Tf 100.24 666 Td (clients) Tj ET"
    document = read_pdf(Path("grille.pdf"), minimal_pdf([grid_of_rectangles() + b" " + cells + b" " + words]))
    assert block_texts(document, "table_row")[1] == "Base clients | quotidienne"


def test_underlined_and_framed_text_reads_as_lines_not_as_a_table():
    # Underlines and a frame round one paragraph are ruling lines too, but no table of two columns.
    lines = [("F1", b"Article 1 - Objet"), ("F1", b"Le present contrat a pour objet l'hebergement."),
             ("F1", b"Article 2 - Duree"), ("F1", b"Il est conclu pour une duree d'un an.")]
    underlines = b"72 757 m 160 757 l S 72 729 m 160 729 l S"
    frame = b"68 740 300 16 re S 68 712 300 16 re S"
    document = read_pdf(Path("souligne.pdf"), minimal_pdf([text_lines(lines) + b" " + underlines + b" " + frame]))
    assert block_texts(document) == [text.decode() for _, text in lines]
    assert not block_texts(document, "table_row")


def test_number_a_reference_word_waits_for_does_not_open_a_paragraph():
    # « … au sens de l'article » at the foot of a page, « 11 : les attaques … » at the top of the next one: the
    # article's number, not a clause numbered 11 (the sentence would lose its list of events)
    from auditor.read.pdf import Layout, _Placed, starts_paragraph
    layout = Layout(body_size=10.0, pitch=14.0, margins={})
    before = Line("constituent des cas de force majeure au sens de l'article", 50, 540, 780, 790, 10, False, 58)
    after = Line("11 : les attaques informatiques, les virus et logiciels malveillants, les", 50, 540, 60, 70, 10, False, 70)
    assert not starts_paragraph(_Placed(before, 5, 0.0, 545), _Placed(after, 6, 0.0, 545), layout)
    same_page = Line("11 : les attaques informatiques, les virus et logiciels malveillants", 50, 540, 794, 804, 10, False, 66)
    assert not starts_paragraph(_Placed(before, 5, 0.0, 545), _Placed(same_page, 5, 0.0, 545), layout)
    # a heading "ANNEXES" over "1. Description technique" still opens one
    heading = Line("ANNEXES", 50, 120, 100, 110, 10, False, 7)
    item = Line("1. Description technique", 50, 200, 114, 124, 10, False, 24)
    assert starts_paragraph(_Placed(heading, 5, 0.0, 545), _Placed(item, 5, 0.0, 545), layout)
