"""Segmentation on plain-text contracts: numbering styles, references, tables of contents, spans."""

from __future__ import annotations

from dataclasses import replace

import pytest

from auditor.models import Clause
from auditor.read import read_document
from auditor.segment import segment


def clauses_of(write_text, text: str):
    document = read_document(write_text(text))
    return document, segment(document)


def refs(clauses: list[Clause]) -> list[str]:
    return [clause.ref for top in clauses for clause in top.walk()]


def top_refs(clauses: list[Clause]) -> list[str]:
    return [clause.ref for clause in clauses]


def find(clauses: list[Clause], ref: str) -> Clause:
    for top in clauses:
        for clause in top.walk():
            if clause.ref == ref:
                return clause
    raise AssertionError(f"no clause {ref!r} in {refs(clauses)}")


FRENCH_ARTICLES = """CONTRAT D'INFOGÉRANCE

Entre les soussignés, la société Alpha SAS et la société Bêta SARL.

ARTICLE PREMIER – OBJET
Le présent contrat a pour objet l'infogérance du système d'information du Client.

ARTICLE 2 : DURÉE
Le contrat est conclu pour trois (3) ans.

Art. 3 – Prix
Les prix figurent en annexe.

Article 4 Résiliation
4.1 Chaque partie peut résilier le contrat.
4.2 En cas de manquement :
a) mise en demeure par lettre recommandée ;
b) délai de trente jours.
4.2.1 Les frais restent dus.

Article 5 - Droit applicable
Le droit français s'applique.
"""


def test_french_article_styles_give_refs_titles_and_tree(write_text):
    document, clauses = clauses_of(write_text, FRENCH_ARTICLES)
    assert top_refs(clauses) == ["preamble", "1", "2", "3", "4", "5"]
    assert refs(clauses) == ["preamble", "1", "2", "3", "4", "4.1", "4.2", "4.2.a", "4.2.b", "4.2.1", "5"]
    assert [c.title for c in clauses[1:]] == ["OBJET", "DURÉE", "Prix", "Résiliation", "Droit applicable"]
    assert find(clauses, "4.2.a").level == 3
    assert find(clauses, "4").label == "Article 4"
    # The clause's text runs from its heading to the next clause.
    article2 = find(clauses, "2")
    assert document.text[article2.start:article2.end] == "ARTICLE 2 : DURÉE\nLe contrat est conclu pour trois (3) ans."
    article4 = find(clauses, "4")
    assert document.text[article4.start:article4.body_end] == "Article 4 Résiliation"
    assert document.text[article4.end - 30:article4.end].endswith("Les frais restent dus.")
    assert clauses[0].start == 0 and "Alpha SAS" in document.text[clauses[0].start:clauses[0].end]


@pytest.mark.parametrize(
    "first, second, expected",
    [
        ("Article 1er – Objet", "Article 2 – Durée", ["1", "2"]),
        ("ARTICLE 1ER - OBJET", "ARTICLE 2 - DURÉE", ["1", "2"]),
        ("Article premier : Objet", "Article 2 : Durée", ["1", "2"]),
        ("ARTICLE PREMIER", "ARTICLE DEUXIÈME", ["1", "2"]),
        ("ARTICLE 1 : OBJET", "ARTICLE 2 : DURÉE", ["1", "2"]),
        ("Art. 1 – Objet", "Art. 2 – Durée", ["1", "2"]),
        ("Article 1. Objet", "Article 2. Durée", ["1", "2"]),
        ("1. Objet", "2. Durée", ["1", "2"]),
        ("1 – OBJET", "2 – DURÉE", ["1", "2"]),
        ("Clause 1 – Purpose", "Clause 2 – Term", ["1", "2"]),
        ("Section 1. Purpose", "Section 2. Term", ["1", "2"]),
        ("ARTICLE I - DEFINITIONS", "ARTICLE II - TERM", ["1", "2"]),
        ("I. OBJET", "II. DURÉE", ["I", "II"]),
        ("A. Objet", "B. Durée", ["A", "B"]),
    ],
)
def test_heading_styles(write_text, first, second, expected):
    text = f"Contrat de services\n\n{first}\nLe contrat a pour objet des services.\n\n{second}\nLe contrat dure un an.\n"
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["preamble", *expected]


def test_decimal_numbering_with_three_levels_and_definitions(write_text):
    text = """MASTER SERVICES AGREEMENT

1. Definitions
In this Agreement the following terms apply.
1.1 "Services" means the hosting services.
1.2 "Data" means the Customer's data.

2. Services
2.1 The Provider shall host the Platform.
2.1.1 Hosting takes place in France.
2.1.2 Backups are daily.
2.2 Support is provided on business days.

3. Term and Termination
3.1 This Agreement starts on the Effective Date.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["preamble", "1", "1.1", "1.2", "2", "2.1", "2.1.1", "2.1.2", "2.2", "3", "3.1"]
    assert find(clauses, "2.1.2").level == 3
    assert find(clauses, "1").title == "Definitions"


def test_roman_sections_letters_and_nested_lists(write_text):
    text = """CONDITIONS GÉNÉRALES

I. DISPOSITIONS GÉNÉRALES
1. Objet
Les présentes conditions régissent l'abonnement.
2. Définitions
Les termes suivants ont le sens ci-après :
(a) « Service » : la plateforme ;
(b) « Données » : les données du Client.

II. DONNÉES
3. Sauvegarde
Les données sont sauvegardées chaque jour.
A. Sauvegarde quotidienne
B. Sauvegarde hebdomadaire
4. Restitution
Les données sont restituées.
"""
    _, clauses = clauses_of(write_text, text)
    assert top_refs(clauses) == ["preamble", "I", "II"]
    assert [c.ref for c in find(clauses, "I").children] == ["1", "2"]
    assert [c.ref for c in find(clauses, "II").children] == ["3", "4"]
    assert [c.ref for c in find(clauses, "2").children] == ["2.a", "2.b"]
    assert [c.ref for c in find(clauses, "3").children] == ["3.A", "3.B"]


def test_cross_references_and_statute_numbers_never_start_a_clause(write_text):
    text = """Article 1 – Objet
Le Prestataire héberge les données conformément à l'article
12.2 ci-dessous et à l'article
1231-3 du Code civil, ainsi qu'à l'article
L. 1111-8 du Code de la santé publique et à son article
R. 1111-11 ; voir aussi l'article 2 du présent contrat et
2 mois de préavis.
Article 2 – Durée
Le contrat dure un an, sous réserve de l'article
3 ci-après.
Article 3 – Prix
Le prix est fixé en annexe.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["1", "2", "3"]


def test_table_of_contents_with_leaders_is_not_read_as_clauses(write_text):
    text = """CONTRAT DE MAINTENANCE

SOMMAIRE
Article 1 – Objet ........................ 2
Article 2 – Durée ........................ 2
Article 3 – Résiliation .................. 3
Annexe 1 – Tarifs ........................ 4

Article 1 – Objet
Maintenance du parc informatique.
Article 2 – Durée
Un an.
Article 3 – Résiliation
Préavis de trois mois.
Annexe 1 – Tarifs
Voir grille.
"""
    _, clauses = clauses_of(write_text, text)
    assert top_refs(clauses) == ["preamble", "1", "2", "3", "Annexe 1"]
    assert len(refs(clauses)) == len(set(refs(clauses)))


def test_table_of_contents_without_page_numbers_repeated_later(write_text):
    text = """CONDITIONS GÉNÉRALES DE SERVICE

Article 1 – Objet
Article 2 – Durée
Article 3 – Prix
Article 4 – Résiliation

Article 1 – Objet
Les présentes conditions régissent le service.
Article 2 – Durée
Le contrat dure un an.
Article 3 – Prix
Le prix est de 100 euros.
Article 4 – Résiliation
Préavis de trois mois.
"""
    document, clauses = clauses_of(write_text, text)
    assert top_refs(clauses) == ["preamble", "1", "2", "3", "4"]
    assert document.text[find(clauses, "1").start:].startswith("Article 1 – Objet\nLes présentes")


def test_annexes_in_several_styles(write_text):
    text = """1. Services
The Provider hosts the platform.
2. Fees
Fees are set out in Schedule 1.

Schedule 1 – Fees
Monthly fee.
SCHEDULE 2 - EXIT PLAN
1. Preparation
2. Transfer
Appendix A – Contacts
Support desk: +33 1 00 00 00 00.
ANNEXE B : Matrice
Voir tableau.
Exhibit C
Signed copies.
"""
    _, clauses = clauses_of(write_text, text)
    assert top_refs(clauses) == ["1", "2", "Schedule 1", "Schedule 2", "Appendix A", "Annexe B", "Exhibit C"]
    assert [c.ref for c in find(clauses, "Schedule 2").children] == ["Schedule 2.1", "Schedule 2.2"]
    assert find(clauses, "Schedule 2").kind == "annex"


def test_a_number_that_does_not_follow_its_siblings_is_body_text(write_text):
    text = """Article 1 – Objet
Le service comprend :
Article 2 – Durée
Le contrat dure 12 mois.
7. Ceci est une ligne isolée qui ne suit rien.
Article 3 – Prix
Le prix est fixe.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["1", "2", "3"]


def test_pages_come_from_the_document_page_starts(write_text):
    document = read_document(write_text(FRENCH_ARTICLES))
    article4 = document.text.index("Article 4")
    paged = replace(document, page_starts=(0, article4), page_source="layout")
    clauses = segment(paged)
    assert find(clauses, "3").page_start == 1 and find(clauses, "3").page_end == 1
    assert find(clauses, "4").page_start == 2 and find(clauses, "5").page_end == 2
    assert clauses[0].page_start == 1


def test_spans_cover_the_text_in_order_without_overlap(write_text):
    document, clauses = clauses_of(write_text, FRENCH_ARTICLES)
    flat = [c for top in clauses for c in top.walk()]
    starts = [c.start for c in flat]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for clause in flat:
        assert clause.start <= clause.body_end <= clause.end <= len(document.text)
        for child in clause.children:
            assert clause.start < child.start and child.end <= clause.end


def test_unnumbered_markdown_headings_become_clauses(write_text):
    text = "# Conditions\n\nIntro.\n\n## Objet\n\nLe service.\n\n## Durée\n\nUn an.\n\n## Prix\n\nCent euros.\n"
    document = read_document(write_text(text, name="cgv.md"))
    clauses = segment(document)
    assert [c.title for c in clauses if c.kind == "clause"] == ["Objet", "Durée", "Prix"]


def test_english_contract_with_recitals_and_sections(write_text):
    text = """HOSTING AGREEMENT

RECITALS
WHEREAS the Customer wishes to outsource hosting;

Section 1. Definitions
Section 1.1 "Agreement" means this agreement.
Section 1.2 "Services" means the services.
Section 2. Term
Section 2.1 The term is two years, see Section 4.2 below.
Section 3. Termination
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["preamble", "1", "1.1", "1.2", "2", "2.1", "3"]
    assert clauses[0].title == "RECITALS" and clauses[0].start == 0


def test_a_list_of_annexes_inside_a_clause_is_not_the_annexes(write_text):
    text = """Article 1 – Documents contractuels
Le contrat est constitué des documents suivants :
Annexe 1 – Description des services
Annexe 2 – Plan de réversibilité
Annexe 3 – Grille tarifaire
Article 2 – Durée
Le contrat dure un an.
Annexe 1 – Description des services
Les services comprennent l'hébergement.
"""
    _, clauses = clauses_of(write_text, text)
    assert top_refs(clauses) == ["1", "2", "Annexe 1"]
    assert "Annexe 3 – Grille tarifaire" in clauses[0].title + _.text[clauses[0].start:clauses[0].end]
