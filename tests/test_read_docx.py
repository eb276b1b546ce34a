"""The DOCX reader: text in reading order, list labels, tracked changes, notes, cues and pages.

Small documents are written in memory as raw WordprocessingML (tests/fixtures/docx/wordml.py);
the committed fixtures in tests/fixtures/docx/ were written by LibreOffice from such documents
(make_fixtures.py) and are read as real office files.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import random
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES, needs_libreoffice
from docx.oxml.parser import parse_xml

from auditor.errors import InputError
from auditor.nlp import table_bodies
from auditor.read import read_document
from auditor.read.docx import FONT_METRICS, StyleSheet, font_metrics, read_docx

FIXTURES = Path(__file__).parent / "fixtures" / "docx"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, FIXTURES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


wordml = _load("wordml")
build_docx, paragraph, run, level, abstract_num, num = (
    wordml.build_docx, wordml.paragraph, wordml.run, wordml.level, wordml.abstract_num, wordml.num)
AUTHOR = 'w:author="Client" w:date="2026-11-20T10:00:00Z"'


def read(data: bytes):
    return read_docx(Path("contrat.docx"), data)


def read_fixture(name: str):
    path = FIXTURES / f"{name}.docx"
    return read_docx(path, path.read_bytes())


def block_texts(document, kind: str | None = None) -> list[str]:
    return [document.text[b.start:b.end] for b in document.blocks if kind is None or b.kind == kind]


def block_of(document, start: str):
    return next(b for b in document.blocks if document.text[b.start:b.end].startswith(start))


# --- text of runs -----------------------------------------------------------------------------

def test_run_content_is_read_as_word_shows_it():
    body = paragraph(runs=(
        run("Délai")
        + "<w:r><w:tab/><w:t>4</w:t><w:noBreakHyphen/><w:t>6 h</w:t><w:br/><w:t>sau</w:t><w:softHyphen/>"
        "<w:t>vegarde</w:t><w:cr/><w:sym w:font=\"Symbol\" w:char=\"F0B3\"/><w:t xml:space=\"preserve\"> 99 %</w:t></w:r>"
    ))
    assert read(build_docx(body)).text == "Délai\t4-6 h\nsauvegarde\n≥ 99 %"


def test_outer_spaces_need_xml_space_preserve():
    body = paragraph(runs='<w:r><w:t>Le </w:t></w:r><w:r><w:t xml:space="preserve"> prix </w:t></w:r><w:r><w:t>ferme</w:t></w:r>')
    assert read(build_docx(body)).text == "Le prix ferme"


def test_symbol_font_characters_stored_in_text():
    body = paragraph(runs=run("\uf0b3 99 %", rpr='<w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/>'))
    assert read(build_docx(body)).text == "≥ 99 %"


def test_field_results_are_kept_and_instructions_dropped():
    complex_field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref12 \\r \\h '
                     '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("12.2")
                     + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    simple_field = f'<w:fldSimple w:instr=" PAGE ">{run("3")}</w:fldSimple>'
    body = paragraph(runs=run("Voir l'article ") + complex_field + run(", page ") + simple_field + run("."))
    assert read(build_docx(body)).text == "Voir l'article 12.2, page 3."


def test_hyperlinks_smart_tags_and_content_controls_are_read():
    body = paragraph(runs=(
        f'<w:hyperlink r:id="rIdX">{run("www.exemple.fr")}</w:hyperlink>'
        + f'<w:smartTag w:uri="urn:x" w:element="place">{run(" à Paris")}</w:smartTag>'
        + f'<w:sdt><w:sdtPr/><w:sdtContent>{run(", le 1er mars")}</w:sdtContent></w:sdt>'
    )) + f'<w:sdt><w:sdtPr/><w:sdtContent>{paragraph("Bloc dans un contrôle de contenu.")}</w:sdtContent></w:sdt>'
    assert block_texts(read(build_docx(body))) == ["www.exemple.fr à Paris, le 1er mars",
                                                   "Bloc dans un contrôle de contenu."]


def test_hidden_text_comments_headers_and_footers_are_left_out():
    body = paragraph(runs=(
        '<w:commentRangeStart w:id="0"/>' + run("Le Client valide la recette.")
        + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
        + run(" Note interne.", rpr="<w:vanish/>")
    ))
    comments = f'<w:comment w:id="0" w:author="R"><w:p>{run("Texte du commentaire")}</w:p></w:comment>'
    document = read(build_docx(body, comments=comments, header=paragraph("EN-TÊTE"), footer=paragraph("PIED")))
    assert document.text == "Le Client valide la recette."


def test_hidden_character_style_is_left_out():
    styles = '<w:style w:type="character" w:styleId="Masque"><w:name w:val="Masque"/><w:rPr><w:vanish/></w:rPr></w:style>'
    body = paragraph(runs=run("Visible.") + run(" Caché.", rpr='<w:rStyle w:val="Masque"/>'))
    assert read(build_docx(body, styles=styles)).text == "Visible."


# --- tables -----------------------------------------------------------------------------------

def cell(content: str, extra: str = "") -> str:
    return f"<w:tc><w:tcPr>{extra}</w:tcPr>{content}</w:tc>"


GRID_SPAN_2 = '<w:gridSpan w:val="2"/>'


def test_table_rows_in_reading_order_with_cells_joined():
    nested = f'<w:tbl><w:tr>{cell(paragraph("P1"))}{cell(paragraph("4 h"))}</w:tr></w:tbl><w:p/>'
    table = ("<w:tbl>"
             f'<w:tr>{cell(paragraph("Service"))}{cell(paragraph("Niveau"))}{cell(paragraph("Pénalité"))}</w:tr>'
             f'<w:tr>{cell(paragraph("Hébergement") + paragraph("(production)"))}{cell(paragraph("99,9 %"))}{cell("<w:p/>")}</w:tr>'
             f'<w:tr>{cell(paragraph("Support"), GRID_SPAN_2)}{cell(nested)}</w:tr>'
             "</w:tbl>")
    document = read(build_docx(paragraph("Avant.") + table + paragraph("Après.")))
    assert block_texts(document) == ["Avant.", "Service | Niveau | Pénalité", "Hébergement (production) | 99,9 % |",
                                     "Support | P1 | 4 h", "Après."]
    assert [b.kind for b in document.blocks] == ["paragraph", "table_row", "table_row", "table_row", "paragraph"]


def test_two_tables_back_to_back_are_two_tables():
    prices = f'<w:tbl><w:tr>{cell(paragraph("Prestation"))}{cell(paragraph("Prix"))}</w:tr>' \
             f'<w:tr>{cell(paragraph("Hébergement"))}{cell(paragraph("100 €"))}</w:tr></w:tbl>'
    certificates = f'<w:tbl><w:tr>{cell(paragraph("Sous-traitant"))}{cell(paragraph("Certificat"))}</w:tr>' \
                   f'<w:tr>{cell(paragraph("Nuvia"))}{cell(paragraph("HDS n° 12"))}</w:tr></w:tbl>'
    document = read(build_docx(prices + "<w:p/>" + certificates))
    assert [(document.text[first.start:first.end], [document.text[r.start:r.end] for r in rows])
            for first, rows in table_bodies(document)] == [
        ("Prestation | Prix", ["Hébergement | 100 €"]), ("Sous-traitant | Certificat", ["Nuvia | HDS n° 12"])]


def test_rows_deleted_or_inserted_as_tracked_changes():
    deleted = f'<w:tr><w:trPr><w:del w:id="1" {AUTHOR}/></w:trPr>{cell(paragraph("Ancienne ligne"))}</w:tr>'
    inserted = f'<w:tr><w:trPr><w:ins w:id="2" {AUTHOR}/></w:trPr>{cell(paragraph("Nouvelle ligne"))}</w:tr>'
    table = f'<w:tbl><w:tr>{cell(paragraph("Tarif"))}</w:tr>{deleted}{inserted}</w:tbl>'
    document = read(build_docx(table))
    assert document.text == "Tarif\nNouvelle ligne"


def test_bold_header_row():
    table = ("<w:tbl>" + "<w:tr>" + cell(paragraph(runs=run("Prix", rpr="<w:b/>"))) + "</w:tr>"
             + "<w:tr>" + cell(paragraph("100 €")) + "</w:tr></w:tbl>")
    rows = read(build_docx(table)).blocks
    assert [row.bold for row in rows] == [True, False]


# --- headings and cues ------------------------------------------------------------------------

def test_heading_levels_from_styles_and_outline_levels():
    styles = ('<w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="Titre 2"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Annexe"><w:name w:val="Annexe"/><w:basedOn w:val="Heading1"/></w:style>')
    body = (paragraph("Objet", style="Heading1") + paragraph("Durée", style="Titre2")
            + paragraph("Annexe A", style="Annexe") + paragraph("Niveau 4", ppr='<w:outlineLvl w:val="3"/>')
            + paragraph("Corps", style="Heading1", ppr='<w:outlineLvl w:val="9"/>') + paragraph("Texte."))
    document = read(build_docx(body, styles=styles))
    assert [b.heading_level for b in document.blocks] == [1, 2, 1, 4, None, None]


def test_bold_when_most_visible_characters_are_bold():
    styles = ('<w:style w:type="paragraph" w:styleId="Gras"><w:name w:val="Gras"/><w:rPr><w:b/></w:rPr></w:style>')
    body = (paragraph(runs=run("Article 1", rpr="<w:b/>") + run(" – x"))
            + paragraph(runs=run("a") + run("bcdefgh", rpr='<w:rStyle w:val="Strong"/>'))
            + paragraph("Tout en gras par le style", style="Gras")
            + paragraph(style="Gras", runs=run("Gras retiré", rpr='<w:b w:val="0"/>'))
            + paragraph("Normal"))
    assert [b.bold for b in read(build_docx(body, styles=styles)).blocks] == [True, True, True, False, False]


def test_size_ratio_against_the_body_size():
    body = paragraph("Titre", style="Title") + paragraph("Texte courant.") + paragraph(runs=run("Petit", rpr='<w:sz w:val="18"/>'))
    ratios = [b.size_ratio for b in read(build_docx(body)).blocks]
    assert ratios == [pytest.approx(18 / 11, abs=0.01), 1.0, pytest.approx(9 / 11, abs=0.01)]


def test_table_of_contents_is_flagged():
    toc_field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" '
                 '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    body = (paragraph(runs=toc_field + run("Article 1 – Objet\t1")) + paragraph("Article 2 – Prix\t2")
            + paragraph(runs=run("Article 3 – Durée\t3") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
            + paragraph("Entrée de sommaire", style="TOC2")
            + '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
              f'<w:sdtContent>{paragraph("Sommaire")}</w:sdtContent></w:sdt>'
            + paragraph("Article 1 – Objet", style="Heading1"))
    document = read(build_docx(body))
    assert [b.toc for b in document.blocks] == [True, True, True, True, True, False]
    assert document.text.startswith("Article 1 – Objet\t1\nArticle 2")  # the field code is not text


def test_unclosed_field_code_does_not_swallow_the_document():
    broken = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
    body = paragraph(runs=run("Avant") + broken) + paragraph("Paragraphe suivant.")
    assert read(build_docx(body)).text == "Avant\nParagraphe suivant."


def test_indent_in_points():
    body = paragraph("Retrait", ppr='<w:ind w:left="720"/>') + paragraph("Sans retrait")
    assert [b.indent for b in read(build_docx(body)).blocks] == [36.0, 0.0]


# --- numbering --------------------------------------------------------------------------------

HEADING_NUMBERING_STYLES = """
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
"""
HEADING_NUMBERING = abstract_num(1, level(0, "decimal", "Article %1 –", extra='<w:pStyle w:val="Heading1"/>')
                                 + level(1, "decimal", "%1.%2", extra='<w:pStyle w:val="Heading2"/>')
                                 + level(2, "lowerLetter", "%3)", extra='<w:pStyle w:val="Clause"/>')) + num(1, 1)


def test_numbering_through_heading_styles_and_their_based_on_chain():
    body = (paragraph("Objet", style="Heading1") + paragraph("Champ", style="Heading2")
            + paragraph("premier cas ;", style="Clause") + paragraph("Texte libre.")
            + paragraph("Hors numérotation", style="Heading1", ppr='<w:numPr><w:numId w:val="0"/></w:numPr>')
            + paragraph("Durée", style="Heading1") + paragraph("Renouvellement", style="Heading2"))
    document = read(build_docx(body, styles=HEADING_NUMBERING_STYLES, numbering=HEADING_NUMBERING))
    assert block_texts(document) == ["Article 1 – Objet", "1.1 Champ", "a) premier cas ;", "Texte libre.",
                                     "Hors numérotation", "Article 2 – Durée", "2.1 Renouvellement"]
    assert [b.label for b in document.blocks] == ["Article 1 –", "1.1", "a)", "", "", "Article 2 –", "2.1"]
    assert [b.list_level for b in document.blocks] == [0, 1, 2, None, None, 0, 1]
    assert [b.heading_level for b in document.blocks] == [1, 2, None, None, 1, 1, 2]


def test_bullet_label_and_suffix_nothing():
    numbering = (abstract_num(1, level(0, "bullet", "\uf0b7")) + abstract_num(2, level(0, "decimal", "(%1)", suffix="nothing"))
                 + num(1, 1) + num(2, 2))
    body = paragraph("supervision ;", num=(1, 0)) + paragraph("Le prix", num=(2, 0)) + paragraph(num=(1, 0))
    document = read(build_docx(body, numbering=numbering))
    assert block_texts(document) == ["• supervision ;", "(1)Le prix"]
    assert [b.label for b in document.blocks] == ["•", "(1)"]


def test_numbered_paragraph_in_a_table_cell():
    numbering = abstract_num(1, level(0, "lowerLetter", "%1)")) + num(1, 1)
    table = "<w:tbl><w:tr>" + cell(paragraph("premier", num=(1, 0)) + paragraph("second", num=(1, 0))) + "</w:tr></w:tbl>"
    assert read(build_docx(table, numbering=numbering)).text == "a) premier b) second"


# --- tracked changes --------------------------------------------------------------------------

def test_accepted_and_original_views_with_moves_and_merged_paragraphs():
    body = (
        paragraph(runs=run("Le préavis est de ") + f'<w:del w:id="1" {AUTHOR}><w:r><w:delText>six (6)</w:delText></w:r></w:del>'
                  + f'<w:ins w:id="2" {AUTHOR}>{run("trois (3)")}</w:ins>' + run(" mois."))
        # a paragraph whose mark is deleted joins the next one once the change is accepted
        + f'<w:p><w:pPr><w:rPr><w:del w:id="3" {AUTHOR}/></w:rPr></w:pPr>{run("Première moitié")}</w:p>'
        + paragraph(" et seconde moitié.")
        + paragraph(runs=f'<w:moveFrom w:id="4" {AUTHOR}>{run("Clause déplacée. ")}</w:moveFrom>' + run("Texte fixe."))
        + paragraph(runs=run("Fin. ") + f'<w:moveTo w:id="5" {AUTHOR}>{run("Clause déplacée.")}</w:moveTo>')
    )
    document = read(build_docx(body))
    assert block_texts(document) == ["Le préavis est de trois (3) mois.", "Première moitié et seconde moitié.",
                                     "Texte fixe.", "Fin. Clause déplacée."]
    assert document.original_text == ("Le préavis est de six (6) mois.\nPremière moitié\net seconde moitié.\n"
                                      "Clause déplacée. Texte fixe.\nFin.")
    assert document.revisions.insertions == 2  # "trois (3)" and the move's destination
    assert document.revisions.deletions == 3  # "six (6)", the paragraph mark, the move's source


def test_deleted_numbered_paragraph_does_not_advance_the_counter():
    numbering = abstract_num(1, level(0, "decimal", "%1.")) + num(1, 1)
    deleted = (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del w:id="1" {AUTHOR}/>'
               f'</w:rPr></w:pPr><w:del w:id="2" {AUTHOR}><w:r><w:delText>Supprimé</w:delText></w:r></w:del></w:p>')
    body = paragraph("Premier", num=(1, 0)) + deleted + paragraph("Deuxième", num=(1, 0))
    document = read(build_docx(body, numbering=numbering))
    assert document.text == "1. Premier\n2. Deuxième"
    assert document.original_text == "1. Premier\n2. Supprimé\n3. Deuxième"
    assert document.revisions.deletions == 1  # the text and its paragraph mark are one change


def test_formatting_changes_are_not_revisions():
    body = paragraph(runs='<w:r><w:rPr><w:b/><w:rPrChange w:id="1" w:author="X"><w:rPr/></w:rPrChange></w:rPr>'
                          '<w:t>Gras</w:t></w:r>')
    document = read(build_docx(body))
    assert document.revisions.count == 0
    assert document.original_text is None


def test_adjacent_changes_by_one_author_count_once():
    body = paragraph(runs=run("A ") + f'<w:ins w:id="1" {AUTHOR}>{run("b")}</w:ins><w:proofErr w:type="spellStart"/>'
                     f'<w:ins w:id="2" {AUTHOR}>{run("c")}</w:ins>'
                     f'<w:ins w:id="3" w:author="Autre">{run("d")}</w:ins>')
    revisions = read(build_docx(body)).revisions
    assert (revisions.insertions, revisions.authors) == (2, ("Autre", "Client"))


# --- notes ------------------------------------------------------------------------------------

def test_footnotes_and_endnotes_follow_the_paragraph_citing_them():
    footnotes = "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>{run(" " + text)}</w:p></w:footnote>'
                        for i, text in ((7, "Note sept."), (3, "Note trois.")))
    endnotes = f'<w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r>{run(" Note de fin.")}</w:p></w:endnote>'
    body = (paragraph(runs=run("Hébergement") + '<w:r><w:footnoteReference w:id="7"/></w:r>' + run(" certifié."))
            + paragraph(runs=run("Voir") + '<w:r><w:footnoteReference w:id="3"/></w:r>'
                        + '<w:r><w:endnoteReference w:id="2"/></w:r>')
            + paragraph("Suite."))
    document = read(build_docx(body, footnotes=footnotes, endnotes=endnotes))
    assert block_texts(document) == ["Hébergement certifié.", "[1] Note sept.", "Voir", "[2] Note trois.",
                                     "[i] Note de fin.", "Suite."]
    assert [b.kind for b in document.blocks][1] == "footnote"


# --- pages ------------------------------------------------------------------------------------

def test_word_pagination_from_rendered_and_explicit_breaks():
    body = (paragraph("Page un.")
            + paragraph(runs=run("Fin de page un, ") + "<w:r><w:lastRenderedPageBreak/><w:t>début de page deux.</w:t></w:r>")
            + paragraph(runs=run("Saut manuel.") + '<w:r><w:br w:type="page"/></w:r>')
            + paragraph(runs="<w:r><w:lastRenderedPageBreak/></w:r>" + run("Page trois."))
            + paragraph("Page quatre.", ppr="<w:pageBreakBefore/>")
            + paragraph("Fin de section.", ppr="<w:sectPr><w:type w:val=\"nextPage\"/></w:sectPr>")
            + paragraph("Page cinq."))
    document = read(build_docx(body))
    assert document.page_source == "word"
    text = document.text
    assert document.page_starts == (0, text.index("début de page deux"), text.index("Page trois"),
                                    text.index("Page quatre"), text.index("Page cinq"))
    assert [b.page for b in document.blocks] == [1, 1, 2, 3, 4, 4, 5]


def test_explicit_break_followed_by_a_rendered_break_makes_one_page():
    body = (paragraph(runs=run("Un.") + '<w:r><w:br w:type="page"/></w:r>')
            + paragraph(runs="<w:r><w:lastRenderedPageBreak/></w:r>" + run("Deux.")))
    assert read(build_docx(body)).page_starts == (0, 4)


def test_body_font_from_the_theme():
    styles = parse_xml(f'<w:styles xmlns:w="{wordml.W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
                       '<w:rFonts w:asciiTheme="minorHAnsi"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>'.encode())
    theme = parse_xml(b'<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>'
                      b'<a:fontScheme><a:majorFont><a:latin typeface="Calibri Light"/></a:majorFont>'
                      b'<a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>')
    assert StyleSheet(styles).body_font(theme) == "Calibri"
    assert font_metrics("Calibri") is FONT_METRICS["calibri"]
    assert font_metrics("Times New Roman") is font_metrics("") is FONT_METRICS["serif"]


def test_estimated_pagination_counts_pages_and_honours_explicit_breaks():
    rng = random.Random(1)
    words = "le prestataire garantit la disponibilité des services hébergés selon les niveaux convenus".split()
    body = "".join(paragraph(" ".join(rng.choice(words) for _ in range(60))) for _ in range(60))
    body += paragraph("Annexe 1", ppr="<w:pageBreakBefore/>") + paragraph("Texte de l'annexe.")
    document = read(build_docx(body))
    assert document.page_source == "estimated"
    assert 6 <= document.page_count <= 9  # about 60 × 5 lines of 11 pt Times on A4
    annex = block_of(document, "Annexe 1")
    assert annex.start in document.page_starts and annex.page == document.page_count
    assert all(b.page is not None for b in document.blocks)


def test_page_estimate_agrees_with_libreoffice(libreoffice_pages=json.loads((FIXTURES / "pages.json").read_text())):
    """pages.json holds the page LibreOffice printed each block of pages.docx on."""
    document = read_fixture("pages")
    printed = libreoffice_pages["printed_pages"]
    headings = [(index, page) for index, page in printed if document.blocks[index].heading_level]
    exact = sum(document.blocks[i].page == page for i, page in printed) / len(printed)
    near = sum(abs(document.blocks[i].page - page) <= 1 for i, page in printed) / len(printed)
    headings_exact = sum(document.blocks[i].page == page for i, page in headings) / len(headings)
    assert len(printed) > 100 and len(headings) > 20
    assert exact >= 0.85 and headings_exact >= 0.85 and near == 1.0
    assert abs(document.page_count - libreoffice_pages["page_count"]) <= 1


# --- LibreOffice-written fixtures -------------------------------------------------------------

def test_libreoffice_multilevel_numbering():
    document = read_fixture("numbering")
    assert block_texts(document) == [
        "Contrat de prestations informatiques", "Article 1 – Objet",
        "1.1 Le présent contrat a pour objet l'hébergement des applications du Client.",
        "1.2 Les services comprennent :", "• la supervision des serveurs ;", "• la sauvegarde quotidienne.",
        "Article 2 – Durée et résiliation", "2.1 Le contrat est conclu pour trois (3) ans.",
        "2.2 Il peut être résilié :", "a) en cas de manquement grave ;", "b) en cas de redressement judiciaire.",
        "Ce paragraphe n'est pas numéroté.", "Article 3 – Prix", "3.1 Le prix est ferme.", "(i) premier motif",
        "(ii) second motif", "(i) motif d'une nouvelle liste", "Annexe I : Conditions tarifaires",
        "Annexe II : Plan de réversibilité",
    ]
    assert [b.list_level for b in document.blocks][:4] == [None, 0, 1, 1]


def test_libreoffice_heading_style_numbering():
    document = read_fixture("headings")
    assert [b.label for b in document.blocks if b.label] == ["Article 1.", "Article 2.", "2.1.", "2.1.1.", "2.1.2.",
                                                             "2.2.", "Article 3.", "3.1."]
    assert [b.heading_level for b in document.blocks if b.label] == [1, 1, 2, 3, 3, 2, 1, 2]
    assert block_of(document, "2.1.1.").bold is False  # Heading 3 turns bold off (w:b w:val="0")


def test_libreoffice_tracked_changes():
    document = read_fixture("revisions")
    assert document.text == (
        "Article 1 – Durée\n"
        "1.1 Le préavis de résiliation est de trois (3) mois et de six (6) mois pour le Client.\n"
        "1.2 Le Client peut résilier à tout moment.\n"
        "Toute résiliation est notifiée par lettre recommandée.\n"
        "Article 2 – Prix des services\n"
        "2.1 Le prix est ferme pendant la durée du contrat.")
    assert document.original_text == (
        "Article 1 – Durée\n"
        "1.1 Le préavis de résiliation est de six (6) mois pour le Client.\n"
        "1.2 Le contrat est renouvelé tacitement.\n"
        "1.3 Le Client peut résilier à tout moment.\n"
        "Article 2 – Prix et révision des services\n"
        "2.1 Le prix est ferme pendant la durée du contrat.")
    assert document.revisions.insertions == 2
    assert document.revisions.deletions == 2
    assert document.revisions.authors == ("Client", "Prestataire")


def test_libreoffice_structure():
    document = read_fixture("structure")
    texts = block_texts(document)
    assert texts[:3] == ["Sommaire", "Article 1 – Objet\t1", "Article 2 – Niveaux de service\t1"]
    assert [b.toc for b in document.blocks][:4] == [True, True, True, False]
    assert texts[4:6] == ["Le Prestataire assure l'hébergement des données de santé.",
                          "[1] Au sens de l'article L. 1111-8 du code de la santé publique."]
    assert "Voir l'article 2 ; délai de 4-6 heures ≥ 99 % ; sauvegarde." in texts
    assert block_texts(document, "table_row") == ["Service | Disponibilité | Pénalité",
                                                  "Hébergement (production) | 99,9 % | 5 % par heure",
                                                  "Support niveau 2 | P1 | 4 h"]
    for absent in ("EN-TÊTE", "PIED DE PAGE", "Commentaire", "masquée", "REF", "TOC \\o"):
        assert absent not in document.text
    assert document.page_source == "estimated" and document.page_count == 1


def test_through_the_dispatcher():
    path = FIXTURES / "numbering.docx"
    document = read_document(path)
    assert document.format == "docx" and document.path == str(path) and len(document.sha256) == 64


# --- LibreOffice as an oracle -------------------------------------------------------------------

def libreoffice_text(paths: list[Path], out_dir: Path) -> dict[str, list[str]]:
    """Each document as LibreOffice renders it to plain text (list labels included), line by line."""
    profile = out_dir / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "txt:Text",
                    "--outdir", str(out_dir), *map(str, paths)], check=True, capture_output=True, timeout=180)
    return {path.stem: [line.strip() for line in (out_dir / f"{path.stem}.txt").read_text(encoding="utf-8-sig")
                        .splitlines() if line.strip()] for path in paths}


@pytest.mark.libreoffice
@needs_libreoffice()
def test_labels_match_libreoffice_rendering(tmp_path):
    names = ["numbering", "headings", "pages"]
    rendered = libreoffice_text([FIXTURES / f"{name}.docx" for name in names], tmp_path)
    for name in names:
        document = read_fixture(name)
        lines = iter(rendered[name])
        for block in document.blocks:
            if not any(char.isalnum() for char in block.label):
                continue  # LibreOffice's text export draws every bullet as "•"
            body = document.text[block.start:block.end][len(block.label):].strip()
            # LibreOffice writes the label, a space and the text, whatever the suffix
            line = next(line for line in lines if line.endswith(body))
            assert line == f"{block.label} {body}", name


@pytest.mark.libreoffice
@needs_libreoffice()
def test_fixtures_are_rebuilt_identically_by_the_script(tmp_path):
    """The committed fixtures are what make_fixtures.py produces (text and labels)."""
    make_fixtures = _load("make_fixtures")
    raw = tmp_path / "numbering.docx"
    raw.write_bytes(make_fixtures.numbering_fixture())
    out = tmp_path / "out"
    out.mkdir()
    rebuilt = make_fixtures.soffice_convert(raw, "docx", out)
    assert read_docx(rebuilt, rebuilt.read_bytes()).text == read_fixture("numbering").text


# --- samples (written by LibreOffice, with their expected clauses) ----------------------------

SAMPLE_FILES = sorted(SAMPLES.glob("*.docx"))


@pytest.mark.skipif(not SAMPLE_FILES, reason="no samples/*.docx in this checkout")
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.stem)
def test_samples_labels_and_pages(path):
    expected = json.loads((SAMPLES / "expected" / f"{path.stem}.json").read_text())
    document = read_docx(path, path.read_bytes())
    texts = [document.text[b.start:b.end] for b in document.blocks]
    pages, index = [], 0
    for clause in expected["clauses"]:
        if not clause["label"]:
            continue
        while not texts[index].startswith(clause["label"]):
            index += 1  # raises IndexError if a label is missing or out of order
        pages.append((document.blocks[index].page, clause["page"]))
        index += 1
    assert document.page_count == expected["pages"]
    assert sum(ours == printed for ours, printed in pages) / len(pages) >= 0.85
    assert sum(abs(ours - printed) <= 1 for ours, printed in pages) / len(pages) >= 0.95


# --- errors and speed -------------------------------------------------------------------------

def zip_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("data", [
    b"PK\x03\x04" + os.urandom(2000),
    zip_of({"[Content_Types].xml": "<Types/>", "word/styles.xml": "<x/>"}),
    zip_of({"hello.txt": "bonjour"}),
], ids=["random bytes after the zip magic", "zip without word/document.xml", "plain zip"])
def test_not_a_docx(data):
    with pytest.raises(InputError) as error:
        read(data)
    assert error.value.reason == "is not a valid DOCX file (corrupt or not a Word document)"
    assert "\n" not in str(error.value)


def test_malformed_xml():
    good = zipfile.ZipFile(io.BytesIO(build_docx(paragraph("Texte"))))
    files = {name: good.read(name).decode() for name in good.namelist()}
    files["word/document.xml"] = files["word/document.xml"].replace("</w:body>", "")
    with pytest.raises(InputError) as error:
        read(zip_of(files))
    assert "malformed XML" in error.value.reason and "re-save" in error.value.reason


def test_corrupt_file_through_the_dispatcher(tmp_path):
    path = tmp_path / "contrat.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="not a valid DOCX"):
        read_document(path)


def test_special_conditions_numbered_after_their_name_in_a_word_document():
    from auditor.segment import segment

    body = paragraph("CONTRAT D'ABONNEMENT", style="Title")
    for number, title, text in [(1, "Objet", "Le Prestataire fournit une messagerie hébergée."),
                                (2, "Juridiction", "Tribunal de commerce de Rennes.")]:
        body += paragraph(f"Article {number} – {title}", style="Heading1") + paragraph(text)
    body += paragraph("Fait à Lorvennes, le 2 mars 2026.") + paragraph("Pour le Prestataire")
    body += paragraph("CONDITIONS PARTICULIÈRES", style="Heading1")
    body += paragraph("CP1. Préavis de résiliation de l'Abonné : quatre (4) mois.")
    body += paragraph("CP2. Plafond de responsabilité : douze (12) mois de redevances.")
    document = read(build_docx(body))
    clauses = segment(document)
    assert [c.ref for top in clauses for c in top.walk()] == [
        "preamble", "1", "2", "signatures", "CP", "CP 1", "CP 2"]
    signatures = next(c for c in clauses if c.ref == "signatures")
    assert document.text[signatures.start:signatures.body_end] == "Fait à Lorvennes, le 2 mars 2026.\nPour le Prestataire"
