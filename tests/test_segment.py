"""Segmentation on plain-text contracts: numbering styles, references, tables of contents, spans."""

from __future__ import annotations

from dataclasses import replace

import pytest

from auditor.models import Clause
from auditor.read import read_document
from auditor.segment import segment


def clauses_of(write_text, text: str, name: str = "contrat.txt"):
    document = read_document(write_text(text, name))
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


def test_a_number_typed_alone_takes_its_title_from_the_next_line(write_text):
    text = """CONTRAT DE SERVICES

5.
Prix

5.1 Le Client paie les redevances mensuellement.

6.
Résiliation

6.1 Le Client peut résilier le contrat avec un préavis de trois (3) mois.

7.
Le Prestataire restitue les données au Client dans un format ouvert, sans frais, à la fin du contrat.
"""
    document, clauses = clauses_of(write_text, text)
    # a number alone before a sentence is no heading: that "7." stays in the text of 6.1
    assert refs(clauses) == ["preamble", "5", "5.1", "6", "6.1"]
    assert [find(clauses, ref).title for ref in ("5", "6")] == ["Prix", "Résiliation"]
    prices = find(clauses, "5.1")
    assert "Résiliation" not in document.text[prices.start:prices.end]


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



def test_annexes_named_in_a_wrapped_sentence_are_not_annex_headings(write_text):
    # A printed page wraps the list of annexes, or a reference, so that a line begins with "Annexe N".
    text = """1. OBJET
1.1 Les annexes suivantes font partie du Contrat : Annexe 1 – Niveaux de service ;
Annexe 2 – Sauvegarde ; Annexe 3 – Réversibilité.
2. NIVEAUX DE SERVICE
2.1 Les engagements de disponibilité et les crédits de service sont définis en
Annexe 1.
2.2 Les crédits sont imputés sur la facture suivante.
3. DURÉE
3.1 Le contrat dure trois ans.
ANNEXE 1 – NIVEAUX DE SERVICE
La disponibilité mensuelle est de 99,9 %.
"""
    _, clauses = clauses_of(write_text, text)
    assert top_refs(clauses) == ["1", "2", "3", "Annexe 1"]
    assert refs(clauses)[:7] == ["1", "1.1", "2", "2.1", "2.2", "3", "3.1"]


def test_old_fashioned_items_and_administrative_sub_clauses(write_text):
    text = """ARTICLE 3 - OBLIGATIONS DU PRESTATAIRE
Le Prestataire s'engage à :
1°) assurer la maintenance corrective du logiciel ;
2°) réaliser chaque nuit une sauvegarde de la base sur ses serveurs ;
3°) remettre au Client un rapport mensuel.
ARTICLE 4 - DURÉE
4-1 Durée initiale
La convention est conclue pour trois ans.
4-2 Renouvellement
Elle est renouvelée par reconduction expresse au 1-1 de chaque année.
ARTICLE 5 - PRIX
Le prix est de 1 200 € par an.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["3", "3.1", "3.2", "3.3", "4", "4.1", "4.2", "5"]
    assert find(clauses, "4.1").title == "Durée initiale"

# ---------------------------------------------------------------------------------------------
# Several documents in one file: special and general terms, an amendment, extracts in an annex.

SPECIAL_THEN_GENERAL_TERMS = """HÉBERGIA — OFFRE PRO

CONDITIONS PARTICULIÈRES

Entre la société Alpha SAS et le cabinet Bêta.

1. DOCUMENTS CONTRACTUELS
1.1 Le contrat est formé des documents suivants, par ordre de priorité :
CONDITIONS PARTICULIÈRES
CONDITIONS GÉNÉRALES
1.2 Les prix sont fixés conformément aux Conditions Générales
reproduites ci-après, qui prévalent sur tout bon de commande.

2. DURÉE
2.1 Le contrat dure un an.
2.2 Le Client peut résilier le contrat dans les cas suivants :
1) manquement du Prestataire ;
2) cessation d'activité du Prestataire.

3. PRIX
3.1 Le prix est de cent euros par mois.

Fait à Lyon, le 2 février 2026, en deux exemplaires.
Pour le Prestataire                Pour le Client

CONDITIONS GÉNÉRALES DE SERVICE
Version 2 du 1er janvier 2026

1. OBJET
1.1 Les présentes conditions générales régissent les services.
2. DURÉE ET RÉSILIATION
2.1 Les services sont souscrits pour un an.
2.2 Le Prestataire peut résilier à tout moment.
3. RESPONSABILITÉ
3.1 La responsabilité du Prestataire est limitée aux sommes payées.
"""


def test_general_terms_after_special_terms_are_a_part_with_their_own_refs(write_text):
    document, clauses = clauses_of(write_text, SPECIAL_THEN_GENERAL_TERMS)
    assert top_refs(clauses) == ["preamble", "1", "2", "3", "signatures", "CG"]
    general = find(clauses, "CG")
    assert general.kind == "annex" and general.title == "CONDITIONS GÉNÉRALES DE SERVICE"
    assert [c.ref for c in general.walk()] == [
        "CG", "CG 1", "CG 1.1", "CG 2", "CG 2.1", "CG 2.2", "CG 3", "CG 3.1"]
    # Each keeps its printed number; none collides with the special terms', none is nested in them.
    assert not any("(" in ref for ref in refs(clauses))
    assert document.text[find(clauses, "CG 2.2").start:].startswith("2.2 Le Prestataire peut résilier")
    assert find(clauses, "2.2").title == "" and find(clauses, "CG 2").title == "DURÉE ET RÉSILIATION"
    # Traps: a list of the documents inside 1.1, a cross-reference to the general terms in 1.2 and a list
    # restarting at "1)" inside 2.2 open no part.
    assert [c.ref for c in find(clauses, "1").children] == ["1.1", "1.2"]
    assert [c.ref for c in find(clauses, "2.2").children] == ["2.2.1", "2.2.2"]
    # The signatures close the special terms: they are not the text of their last clause, but no text
    # is left out of the clause map: they are shown on their own.
    assert "Fait à" not in document.text[find(clauses, "3").start:find(clauses, "3").end]
    signatures = find(clauses, "signatures")
    assert document.text[signatures.start:signatures.body_end].startswith("Fait à Lyon")
    assert document.text[signatures.start:signatures.body_end].endswith("Pour le Client")
    assert document.text[general.start:].startswith("CONDITIONS GÉNÉRALES DE SERVICE\nVersion 2")


CONTRACT_THEN_AMENDMENT = """CONTRAT D'HÉBERGEMENT

Entre la société Alpha SAS, le Client, et la société Bêta SARL, le Prestataire.

Il a été convenu ce qui suit.

ARTICLE PREMIER – OBJET
Le Prestataire héberge le logiciel du Client.
ARTICLE 2 – DURÉE
Le contrat dure trois ans.
ARTICLE 3 – RÉVERSIBILITÉ
3.1 Les modalités de la réversibilité seront convenues ultérieurement.
3.2 Les données sont détruites à l'expiration du contrat.

Fait à Angers, le 9 octobre 2025.

AVENANT N°1 AU CONTRAT D'HÉBERGEMENT

Entre la société Alpha SAS et la société Bêta SARL.

Préambule
Les parties souhaitent préciser la réversibilité.

ARTICLE PREMIER – OBJET DE L'AVENANT
Le présent avenant modifie l'article 3 du Contrat.
ARTICLE DEUX – RÉVERSIBILITÉ
L'article 3 du Contrat est supprimé et remplacé par les stipulations suivantes :
« Article 3 – Réversibilité
3.1 Le Prestataire restitue les données dans les trente jours de la demande.
3.2 Toutes les copies sont effacées, avec un certificat. »
ARTICLE TROIS – CHANGEMENT DE FOURNISSEUR
Il est inséré au Contrat un article 3 bis ainsi rédigé :
« Article 3 bis – Changement de fournisseur
Le Client peut changer de fournisseur moyennant un préavis de deux mois. »
ARTICLE QUATRE – PRISE D'EFFET
Le présent avenant prend effet à sa signature.

Fait à Angers, le 16 mars 2026.

Annexe à l'avenant n°1 – Grille tarifaire
Journée d'assistance : huit cents euros.
"""

AMENDMENT_REFS = [
    "preamble", "1", "2", "3", "3.1", "3.2", "signatures",
    "Avenant 1", "Avenant 1.1", "Avenant 1.2", "Avenant 1.2 « 3 »", "Avenant 1.2 « 3.1 »", "Avenant 1.2 « 3.2 »",
    "Avenant 1.3", "Avenant 1.3 « 3 bis »", "Avenant 1.4", "Avenant 1 signatures",
    "Annexe",
]


def test_an_amendment_is_a_part_and_the_clauses_it_quotes_stay_inside_it(write_text):
    document, clauses = clauses_of(write_text, CONTRACT_THEN_AMENDMENT)
    assert refs(clauses) == AMENDMENT_REFS
    amendment = find(clauses, "Avenant 1")
    assert amendment.title == "AVENANT N°1 AU CONTRAT D'HÉBERGEMENT" and amendment.level == 1
    # Its parties and preamble are its own text, not the contract's last clause.
    assert "Préambule" in document.text[amendment.start:amendment.body_end]
    assert document.text[find(clauses, "3.2").start:find(clauses, "3.2").end].endswith("à l'expiration du contrat.")
    assert find(clauses, "Avenant 1.2").title == "RÉVERSIBILITÉ"
    quoted = find(clauses, "Avenant 1.2 « 3.1 »")
    assert quoted.level == 4 and document.text[quoted.start:quoted.end].startswith("3.1 Le Prestataire restitue")
    assert find(clauses, "Avenant 1.3 « 3 bis »").title == "Changement de fournisseur"
    assert find(clauses, "Annexe").title.startswith("à l'avenant n°1")
    # "Il a été convenu ce qui suit." ends the preamble; it is not its title.
    assert clauses[0].title == ""


EXTRACTS_IN_AN_ANNEX = """Article 1 – Objet
Le marché porte sur la tierce maintenance applicative décrite à l'annexe 1.
Annexe 1 précise les niveaux de service attendus.
Article 2 – Pièces du marché
Les extraits du CCTP sont reproduits en annexe.

ANNEXE 1 – EXTRAITS DU CCTP
Les articles ci-dessous sont reproduits du CCTP.
Article 4 – Niveaux de service
4.1 Le service est ouvert de 8 h à 18 h.
4.2 La disponibilité mensuelle est de 99,5 %.
Article 6 – Sauvegardes
6.1 Les sauvegardes sont quotidiennes.
6.2 Elles sont conservées trente jours.
Article 9 – Réversibilité
9.1 Le titulaire restitue les données au successeur.
ANNEXE 2 – MATRICE DES RESPONSABILITÉS
Voir le tableau ci-dessous.
"""


def test_articles_extracted_into_an_annex_keep_their_numbers_under_the_annex(write_text):
    _, clauses = clauses_of(write_text, EXTRACTS_IN_AN_ANNEX)
    assert refs(clauses) == [
        "1", "2", "Annexe 1", "Annexe 1.4", "Annexe 1.4.1", "Annexe 1.4.2", "Annexe 1.6", "Annexe 1.6.1",
        "Annexe 1.6.2", "Annexe 1.9", "Annexe 1.9.1", "Annexe 2",
    ]
    assert find(clauses, "Annexe 1.6").title == "Sauvegardes" and find(clauses, "Annexe 1.6").level == 2


ENGLISH_AGREEMENT_WITH_PARTS = """MANAGED HOSTING AGREEMENT

BETWEEN Alpha SAS (the "Supplier") AND Beta SA (the "Client").

BACKGROUND
(A) The Client operates a recruitment platform.
(B) The Client selected the Supplier after a competitive tender.
(C) The parties have agreed as follows.

1. DEFINITIONS
1.1 "Services" means the hosting services described in accordance with the General Terms and Conditions
set out below.
2. TERM
2.1 This Agreement lasts two years.
3. LIABILITY
3.1 Liability is capped at the fees paid in the last twelve months.

Signed for and on behalf of the parties on 3 November 2025.

GENERAL TERMS AND CONDITIONS

1. SCOPE
1.1 These terms apply to all services.
2. TERMINATION
2.1 Either party may terminate on three months' notice.

SCHEDULE 1 - EXIT PLAN
1. Preparation
1.1 The Supplier delivers an exit plan within three months.
2. Transfer
2.1 The Supplier returns the Client Data.

AMENDMENT NO. 1
1. Amendment of clause 3
Clause 3.1 is deleted and replaced by the following:
"3.1 Liability is capped at twice the annual fees.
3.2 The cap does not apply to gross negligence."
2. Effect
This Amendment takes effect on signature.
"""


def test_english_agreement_with_general_terms_a_schedule_and_an_amendment(write_text):
    document, clauses = clauses_of(write_text, ENGLISH_AGREEMENT_WITH_PARTS)
    assert top_refs(clauses) == ["preamble", "1", "2", "3", "signatures", "GTC", "Schedule 1", "Amendment 1"]
    assert [c.ref for c in find(clauses, "GTC").walk()] == ["GTC", "GTC 1", "GTC 1.1", "GTC 2", "GTC 2.1"]
    assert [c.ref for c in find(clauses, "Schedule 1").walk()] == [
        "Schedule 1", "Schedule 1.1", "Schedule 1.1.1", "Schedule 1.2", "Schedule 1.2.1"]
    assert [c.ref for c in find(clauses, "Amendment 1").walk()] == [
        "Amendment 1", "Amendment 1.1", "Amendment 1.1 « 3.1 »", "Amendment 1.1 « 3.2 »", "Amendment 1.2"]
    # The recitals are the preamble's text, not clauses holding the agreement.
    assert "(C) The parties" in document.text[clauses[0].start:clauses[0].end]
    assert find(clauses, "1").level == 1 and len(set(refs(clauses))) == len(refs(clauses))


def test_recitals_in_bold_stay_in_the_preamble(write_text):
    text = """SERVICES AGREEMENT

RECITALS
(A) THE CLIENT RUNS A CAREERS WEBSITE.
(B) THE SUPPLIER HOSTS WEBSITES.

1. DEFINITIONS
Terms have the meaning given below.
2. SERVICES
The Supplier hosts the website.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["preamble", "1", "2"]


def test_an_amendment_counting_articles_in_words(write_text):
    text = """CONTRAT DE MAINTENANCE
Article 1 – Objet
La maintenance du parc.
Article 2 – Durée
Un an.

AVENANT N° 2
ARTICLE PREMIER
La durée est portée à deux ans.
ARTICLE DEUX
Les autres stipulations demeurent inchangées.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["preamble", "1", "2", "Avenant 2", "Avenant 2.1", "Avenant 2.2"]


def test_document_words_in_sentences_open_no_part(write_text):
    text = """Article 1 – Objet
Le Prestataire fournit les services
Conditions générales applicables à la date de la commande.
Article 2 – Documents
CONTRAT DE MAINTENANCE
1) le présent contrat ;
2) ses annexes.
Article 3 – Prix
Le prix est ferme.
"""
    _, clauses = clauses_of(write_text, text)
    assert top_refs(clauses) == ["1", "2", "3"]


@pytest.mark.parametrize("line, title", [
    ("1.1 Le présent article s'applique sans préjudice de l'article 6.2.", ""),
    ("1.1 The Supplier may subcontract the performance of part of the Services to the subcontractors listed in", ""),
    ("1.1 Sauvegardes", "Sauvegardes"),
    ("1.1 Les obligations du Client", "Les obligations du Client"),
    ("1.1 Supplier backs up the Platform once a day. Backups are kept for thirty days.", ""),
    ("1.1 Supplier Obligations. The Supplier hosts the Platform.", "Supplier Obligations"),
    ("1.1 Customer obligations and warranties. The Customer pays the fees.", "Customer obligations and warranties"),
    ("1.1 Customer Data. Data remains the property of the Customer.", "Customer Data"),
    ("1.1 Obligations du Prestataire. Le Prestataire héberge la plateforme.", "Obligations du Prestataire"),
])
def test_a_first_sentence_is_not_a_title(write_text, line, title):
    text = f"Article 1 – Objet\n{line}\nSchedule 3.\n1.2 Second alinéa.\nArticle 2 – Durée\nUn an.\n"
    _, clauses = clauses_of(write_text, text)
    assert find(clauses, "1.1").title == title


@pytest.mark.parametrize("line, title", [
    ("7.2 No lien. The Vendor shall not withhold the Client Data for any reason.", "No lien"),
    ("7.2 No duty to advise. The Vendor is not bound to advise the Client on its backups.", "No duty to advise"),
    ("7.2 No refund is due. The Client pays the Fees in advance.", ""),
    # up to six words: "No termination for convenience by Provider" names the clause's subject
    ("7.2 No termination for convenience by Provider. The Provider may not end the Agreement early.",
     "No termination for convenience by Provider"),
    ("7.2 No charge for backups not performed. Missed backups are credited.", "No charge for backups not performed"),
    ("7.2 No fee for the export of the data at the end. The Vendor exports them.", ""),
    ("7.2 Le Client paie. Le prix est dû à la commande.", ""),
    ("7.2 Headings are for convenience only. References to clauses are to this agreement.", ""),
    ("7.2 Late payment. Interest runs from the due date.", "Late payment"),
])
def test_a_short_negative_lead_in_titles_its_clause(write_text, line, title):
    text = f"7. Fees\n7.1 Fees are due monthly.\n{line}\n8. Term\nOne year.\n"
    _, clauses = clauses_of(write_text, text)
    assert find(clauses, "7.2").title == title


def _amendment_docx() -> bytes:
    """CONTRACT_THEN_AMENDMENT as Word writes it: bold titles and contract headings, plain amendment articles."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("wordml", Path(__file__).parent / "fixtures" / "docx" / "wordml.py")
    wordml = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(wordml)
    bold_lines = {"CONTRAT D'HÉBERGEMENT", "AVENANT N°1 AU CONTRAT D'HÉBERGEMENT", "Annexe à l'avenant n°1 – Grille tarifaire"}
    body = ""
    in_contract = True
    for line in CONTRACT_THEN_AMENDMENT.splitlines():
        if not line:
            continue
        if line.startswith("AVENANT"):
            in_contract = False
        bold = line in bold_lines or (in_contract and line.startswith("ARTICLE"))
        body += wordml.paragraph(runs=wordml.run(line, "<w:b/>" if bold else ""))
    return wordml.build_docx(body)


def test_an_amendment_in_a_docx_and_its_pdf(tmp_path):
    import shutil
    import subprocess

    path = tmp_path / "avenant.docx"
    path.write_bytes(_amendment_docx())
    assert refs(segment(read_document(path))) == AMENDMENT_REFS
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF half is not checked")
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=240)
    pdf = read_document(tmp_path / "avenant.pdf")
    assert refs(segment(pdf)) == AMENDMENT_REFS


def test_a_title_after_numbered_parties_is_the_first_document_not_a_part(write_text):
    text = """ENTRE LES SOUSSIGNÉS :
1. La société Alpha SAS, au capital de 10 000 euros, ci-après le Prestataire ;
2. La société Bêta SARL, ci-après le Client.

CONDITIONS GÉNÉRALES DE VENTE

Article 1 – Objet
Les présentes conditions régissent la vente.
Article 2 – Prix
Le prix est ferme.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["preamble", "1", "2"]


def test_an_article_heading_after_a_lost_page_is_the_next_article(write_text):
    text = """ARTICLE 12 – RESPONSABILITÉ
12.1 La responsabilité est limitée.
(c) La présente clause est déterminante.
ARTICLE 19 – INSOLVABILITÉ
Le contrat est résilié de plein droit.
ARTICLE 20 – DIVERS
20.1 Droit français.
"""
    _, clauses = clauses_of(write_text, text)
    assert top_refs(clauses) == ["12", "19", "20"]


# Annex items and appended parts: refs a reader can find ("Annexe 3, point 3.1" is `Annexe 3.1`).

ANNEX_ITEMS_REPEATING_THEIR_ANNEX = """CONTRAT D'HÉBERGEMENT

Article 1 – Objet
Le présent contrat porte sur l'hébergement.
Article 2 – Durée
Le contrat est conclu pour un an.

ANNEXE 3 – Plan de sauvegarde
3.1 Périmètre
Les serveurs de production sont sauvegardés.
3.2 Fréquence
Une sauvegarde quotidienne est réalisée.
3.2.1 Les journaux sont sauvegardés toutes les heures.

ANNEXE 4 – Réversibilité
1. Préparation
Le prestataire prépare un plan.
1.1 Le plan est remis sous un mois.
2. Restitution
Les données sont restituées.

ANNEXE 5 – Extraits du cahier des charges
Les articles ci-dessous sont reproduits du cahier des charges.
Article 5 – Exploitation
5.1 Le titulaire exploite la plateforme.
5.2 Il assure la supervision.
"""


def test_annex_items_that_repeat_the_annex_number_name_it_once(write_text):
    _, clauses = clauses_of(write_text, ANNEX_ITEMS_REPEATING_THEIR_ANNEX)
    assert refs(clauses) == [
        "preamble", "1", "2",
        "Annexe 3", "Annexe 3.1", "Annexe 3.2", "Annexe 3.2.1",
        # items typed "1.", "2." already read "Annexe 4.1"; their sub-items keep their own number
        "Annexe 4", "Annexe 4.1", "Annexe 4.1.1", "Annexe 4.2",
        # an article reproduced in an annex keeps its number: "5.1" is its first paragraph
        "Annexe 5", "Annexe 5.5", "Annexe 5.5.1", "Annexe 5.5.2",
    ]
    assert find(clauses, "Annexe 3.1").title == "Périmètre" and find(clauses, "Annexe 3.2.1").level == 3


def test_schedules_whose_items_all_restart_at_one_keep_their_printed_numbers(write_text):
    # "1.1" under Schedule 1 is item 1.1, as it is under Schedule 2: not point 1 of Schedule 1
    text = """1. Definitions
Terms have the meaning given in the Schedules.
2. Services
The Provider supplies the Services.

SCHEDULE 1 – SERVICES
1.1 Monitoring
The Provider monitors the platform.
1.2 Backups
The Provider backs up the platform daily.

SCHEDULE 2 – SERVICE LEVELS
1.1 Availability
Availability is 99.5 % per month.
1.2 Credits
Credits are 5 % of the monthly fee.
"""
    _, clauses = clauses_of(write_text, text)
    found = refs(clauses)
    assert "Schedule 1.1.1" in found and "Schedule 1.1.2" in found
    assert "Schedule 2.1.1" in found and "Schedule 2.1.2" in found
    assert "Schedule 1.1" not in found


def test_annex_sections_numbered_only_by_their_items_stay_side_by_side(write_text):
    # "2.1" after "1.2" with no "1." or "2." heading opens the annex's next section: it is not a
    # point of "1.2", so a finding in it is not shown as a sub-clause of the availability rules
    text = """Article 1 – Objet
Le contrat porte sur l'hébergement.
Article 2 – Durée
Un an.
Annexe 1 – Niveaux de service
1.1 Disponibilité
La disponibilité est de 99,9 %.
1.2 Mesure
Elle est mesurée chaque mois.
2.1 Pénalités
Les pénalités sont plafonnées à 10 % de la redevance.
2.2 Résiliation
Trois manquements ouvrent droit à résiliation.
"""
    _, clauses = clauses_of(write_text, text)
    annex = find(clauses, "Annexe 1")
    assert [c.ref for c in annex.children] == ["Annexe 1.1.1", "Annexe 1.1.2", "Annexe 1.2.1", "Annexe 1.2.2"]
    assert find(clauses, "Annexe 1.2.1").title == "Pénalités"


def test_annex_items_in_both_styles_stay_unambiguous(write_text):
    text = """Article 1 – Objet
Le contrat porte sur l'hébergement.
Article 2 – Durée
Un an.
Annexe 2 – Niveaux de service
1. Disponibilité
La disponibilité est de 99,9 %.
2.1 Délais
Le prestataire intervient sous quatre heures.
"""
    _, clauses = clauses_of(write_text, text)
    found = refs(clauses)
    assert len(found) == len(set(found)) and not any("(" in ref for ref in found)
    assert found[:4] == ["1", "2", "Annexe 2", "Annexe 2.1"]


LETTERED_ANNEX_ITEMS = """CONTRAT DE SERVICES

Article 1 – Objet
Le présent contrat porte sur l'hébergement.
A.1 Le présent point n'est pas une annexe.
Article 2 – Durée
Le contrat est conclu pour un an.

Annexe A – Niveaux de service
A.1. Disponibilité
La disponibilité mensuelle est de 99,9 %.
A.2 Délais d'intervention
Le prestataire intervient sous quatre heures.
A.2.1 Les incidents critiques sont traités en une heure.
A.3. Sauvegardes
Les sauvegardes sont quotidiennes.
"""


def test_lettered_annex_items_are_clauses_of_their_annex(write_text):
    _, clauses = clauses_of(write_text, LETTERED_ANNEX_ITEMS)
    assert refs(clauses) == [
        "preamble", "1", "2", "Annexe A", "Annexe A.1", "Annexe A.2", "Annexe A.2.1", "Annexe A.3",
    ]
    assert find(clauses, "Annexe A.1").title == "Disponibilité"
    # "A.1" outside an annex is the text of its article
    assert "n'est pas une annexe" in _.text[find(clauses, "1").start:find(clauses, "1").end]


ANNEXES_IN_MARKDOWN = """# Contrat de services

## Article 1 – Objet
Le présent contrat porte sur l'hébergement.

## Article 2 – Durée
Le contrat est conclu pour un an.

## Annexe 1 – Niveaux de service

### A1.1 Disponibilité
La disponibilité mensuelle est de 99,9 %.

### A1.2 Délais
Le prestataire intervient sous quatre heures.

## Annexe DPA – Accord de traitement des données

### A.1 Objet
Le sous-traitant traite les données pour le compte du responsable.

### A.2 Sécurité
Des mesures techniques sont mises en œuvre.

## Annexe RGPD
Le prestataire respecte le règlement.
"""


def test_markdown_annex_items_and_annexes_named_by_an_acronym(write_text):
    _, clauses = clauses_of(write_text, ANNEXES_IN_MARKDOWN, name="contrat.md")
    assert refs(clauses) == [
        "preamble", "1", "2", "Annexe 1", "Annexe 1.1", "Annexe 1.2",
        "Annexe DPA", "Annexe DPA A.1", "Annexe DPA A.2", "Annexe RGPD",
    ]
    assert find(clauses, "Annexe DPA").title == "Accord de traitement des données"
    assert find(clauses, "Annexe DPA A.2").title == "Sécurité"


def test_english_annex_named_by_an_acronym_and_its_items(write_text):
    text = """HOSTING AGREEMENT

1. Scope
The Supplier hosts the Client's platform.
2. Term
This Agreement lasts one year.

Annex SLA
A.1 Availability
Monthly availability is 99.9%.
A.2 Response times
The Supplier responds within four hours.

Schedule 2 - Exit
S2.1 Notice
The Client gives three months' notice.
S2.2 Return of data
The Supplier returns the Client Data.

ANNEXE AU CONTRAT – TARIFS
Les prix sont fermes.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == [
        "preamble", "1", "2", "Annex SLA", "Annex SLA A.1", "Annex SLA A.2",
        "Schedule 2", "Schedule 2.1", "Schedule 2.2", "Annexe",
    ]
    assert find(clauses, "Annexe").title.startswith("AU CONTRAT")


APPENDED_PARTS_IN_MARKDOWN = """# Hosting Agreement

## RECITALS
The parties wish to agree.

## 1. Scope
The Supplier hosts the Client's platform.

## 2. Term
This Agreement lasts one year.

### 2.1 Renewal
**Tacit renewal.** It renews every year.

## 3. Law
French law applies.

### 3.1 Courts
The courts of Paris have jurisdiction.

## DATA PROCESSING ADDENDUM

### 1. Subject matter
The Processor processes personal data.

### 2. Security
The Processor implements measures.

## Service Description

### 1. Hosting
Servers are hosted in France.
"""


def test_an_unnumbered_heading_at_the_articles_rank_opens_a_part(write_text):
    _, clauses = clauses_of(write_text, APPENDED_PARTS_IN_MARKDOWN, name="agreement.md")
    assert refs(clauses) == [
        "preamble", "1", "2", "2.1", "3", "3.1", "DPA", "DPA 1", "DPA 2", "SD", "SD 1",
    ]
    assert find(clauses, "DPA").kind == "annex" and find(clauses, "DPA").title == "DATA PROCESSING ADDENDUM"
    assert find(clauses, "preamble").title == "RECITALS"


def test_french_appended_parts_and_the_preamble_headings_before_article_one(write_text):
    text = """# Contrat d'hébergement

## SOMMAIRE

## PRÉAMBULE
Les parties se sont rapprochées.

## IL A ÉTÉ CONVENU CE QUI SUIT

## Article 1 – Objet
Le présent contrat porte sur l'hébergement.

## Article 2 – Durée
Le contrat est conclu pour un an.

### 2.1 Reconduction
**Reconduction tacite.** Le contrat est reconduit chaque année.

## Annexe 1 – Tarifs

### 1. Prix
Le prix est de 100 euros par mois.

## Accord de traitement des données

### 1. Objet
Le sous-traitant traite les données.

### 2. Sécurité
Des mesures sont prises.
"""
    _, clauses = clauses_of(write_text, text, name="contrat.md")
    assert refs(clauses) == [
        "preamble", "1", "2", "2.1", "Annexe 1", "Annexe 1.1", "ATD", "ATD 1", "ATD 2",
    ]


def test_unnumbered_headings_of_an_unnumbered_contract_stay_its_clauses(write_text):
    text = """# Conditions d'utilisation

## Objet
Les présentes conditions régissent le service.

## Durée
Un an.

### 1. Reconduction
Tacite.

## Responsabilité
Limitée.
"""
    _, clauses = clauses_of(write_text, text, name="conditions.md")
    assert top_refs(clauses) == ["preamble", "§1", "§2", "§3"]


def test_a_heading_of_the_articles_rank_that_does_not_restart_the_numbering_is_no_part(write_text):
    text = """# Contrat

## Article 1 – Objet
Le contrat porte sur l'hébergement.

## Article 2 – Durée
Un an.

## Dispositions financières

## Article 3 – Prix
Le prix est ferme.

### 3.1 Révision
Le prix est révisé chaque année.
"""
    _, clauses = clauses_of(write_text, text, name="contrat.md")
    assert refs(clauses) == ["preamble", "1", "2", "3", "3.1"]


def _annexes_docx() -> bytes:
    """Annexes numbered by Word: "ANNEXE 3 –" with items "3.1", then "Annexe A –" with items "A.1."."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("wordml", Path(__file__).parent / "fixtures" / "docx" / "wordml.py")
    wordml = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(wordml)
    level, abstract_num = wordml.level, wordml.abstract_num
    numbering = (
        abstract_num(1, level(0, "decimal", "Article %1 –", suffix="space"))
        + abstract_num(2, level(0, "decimal", "ANNEXE %1 –", start=3, suffix="space")
                       + level(1, "decimal", "%1.%2", suffix="space"))
        + abstract_num(3, level(0, "upperLetter", "Annexe %1 –", suffix="space")
                       + level(1, "decimal", "%1.%2.", suffix="space"))
        + wordml.num(1, 1) + wordml.num(2, 2) + wordml.num(3, 3)
    )
    body = wordml.paragraph("CONTRAT D'HÉBERGEMENT", style="Title")
    body += wordml.paragraph("Objet", style="Heading1", num=(1, 0)) + wordml.paragraph("Le contrat porte sur l'hébergement.")
    body += wordml.paragraph("Durée", style="Heading1", num=(1, 0)) + wordml.paragraph("Un an.")
    body += wordml.paragraph("Plan de sauvegarde", style="Heading1", num=(2, 0))
    body += wordml.paragraph("Périmètre", style="Heading2", num=(2, 1)) + wordml.paragraph("Les serveurs sont sauvegardés.")
    body += wordml.paragraph("Fréquence", style="Heading2", num=(2, 1)) + wordml.paragraph("Chaque jour.")
    body += wordml.paragraph("Niveaux de service", style="Heading1", num=(3, 0))
    body += wordml.paragraph("Disponibilité", style="Heading2", num=(3, 1)) + wordml.paragraph("99,9 % par mois.")
    body += wordml.paragraph("Sauvegardes", style="Heading2", num=(3, 1)) + wordml.paragraph("Quotidiennes.")
    return wordml.build_docx(body, numbering=numbering)


ANNEXES_DOCX_REFS = [
    "preamble", "1", "2", "Annexe 3", "Annexe 3.1", "Annexe 3.2", "Annexe A", "Annexe A.1", "Annexe A.2",
]


def test_annex_items_numbered_by_word_in_a_docx_and_its_pdf(tmp_path):
    import shutil
    import subprocess

    path = tmp_path / "annexes.docx"
    path.write_bytes(_annexes_docx())
    clauses = segment(read_document(path))
    assert refs(clauses) == ANNEXES_DOCX_REFS
    assert find(clauses, "Annexe A.2").title == "Sauvegardes"
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF half is not checked")
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=240)
    assert refs(segment(read_document(tmp_path / "annexes.pdf"))) == ANNEXES_DOCX_REFS


def test_an_unnumbered_word_heading_at_the_articles_rank_opens_a_part(tmp_path):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("wordml", Path(__file__).parent / "fixtures" / "docx" / "wordml.py")
    wordml = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(wordml)
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    numbering = (
        wordml.abstract_num(1, wordml.level(0, "decimal", "%1.", suffix="space"))
        + wordml.num(1, 1) + wordml.num(2, 1, restart)
    )
    body = wordml.paragraph("HOSTING AGREEMENT", style="Title")
    body += wordml.paragraph("Recitals", style="Heading1") + wordml.paragraph("The parties wish to agree.")
    for title, text in [("Scope", "The Supplier hosts the platform."), ("Term", "One year."), ("Law", "French law.")]:
        body += wordml.paragraph(title, style="Heading1", num=(1, 0)) + wordml.paragraph(text)
    body += wordml.paragraph("DATA PROCESSING ADDENDUM", style="Heading1")
    body += wordml.paragraph("Subject matter", style="Heading2", num=(2, 0)) + wordml.paragraph("Personal data.")
    body += wordml.paragraph("Security", style="Heading2", num=(2, 0)) + wordml.paragraph("Measures.")
    path = tmp_path / "agreement.docx"
    path.write_bytes(wordml.build_docx(body, numbering=numbering))
    clauses = segment(read_document(path))
    assert refs(clauses) == ["preamble", "1", "2", "3", "DPA", "DPA 1", "DPA 2"]
    assert find(clauses, "DPA 2").title == "Security"


def test_a_stray_heading_over_a_plain_list_is_no_part(write_text):
    text = """# Contrat

## 1. Objet
Le contrat porte sur l'hébergement.

## 2. Obligations

## Obligations du Client
1. Payer les factures.
2. Collaborer de bonne foi.

## 3. Durée
Un an.
"""
    _, clauses = clauses_of(write_text, text, name="contrat.md")
    assert refs(clauses) == ["preamble", "1", "2", "3"]
    assert "Collaborer" in _.text[find(clauses, "2").start:find(clauses, "2").end]


def test_nested_lettered_items_of_a_named_annex(write_text):
    text = """Article 1 – Objet
Le contrat porte sur l'hébergement.
Article 2 – Durée
Un an.

Annexe DPA – Traitement des données
A.1 Objet
Le sous-traitant traite les données.
A.1.1 Finalités
L'hébergement de la plateforme.
A.2 Sécurité
Les mesures sont les suivantes :
a) chiffrement ;
b) journalisation.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == [
        "1", "2", "Annexe DPA", "Annexe DPA A.1", "Annexe DPA A.1.1", "Annexe DPA A.2", "Annexe DPA A.2.a",
        "Annexe DPA A.2.b",
    ]


def test_a_data_processing_addendum_after_the_agreement_in_plain_text(write_text):
    text = """HOSTING AGREEMENT

1. SCOPE
The Supplier hosts the platform.
2. TERM
One year.
3. LAW
French law applies.

DATA PROCESSING ADDENDUM

1. SUBJECT MATTER
The Processor processes personal data.
2. SECURITY
Measures are implemented.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["preamble", "1", "2", "3", "DPA", "DPA 1", "DPA 2"]


CONDITIONS_IN_MIXED_STYLES = """CONDITIONS GÉNÉRALES DE PRESTATIONS

1) Objet
Les présentes conditions s'appliquent aux prestations du Prestataire.

Art. 2 - Durée
Le contrat est conclu pour douze mois.

3 - Prix
Les prix sont ceux du devis.

4) Sauvegarde
Le Prestataire sauvegarde les données chaque nuit.

Art 5 - Résiliation
Chaque partie peut résilier avec un préavis de trois mois.

6 – Responsabilité
La responsabilité du Prestataire est limitée au montant du devis.
Elle est exclue pour :
1 - les pertes indirectes ;
2 - les pertes de données.

7. Droit applicable
Le droit français s'applique.
"""


def test_articles_numbered_in_mixed_styles_are_each_a_clause(write_text):
    # conditions pasted together from several models: "1)", "Art. 2 -", "3 -", "Art 5 -", "7."
    document, clauses = clauses_of(write_text, CONDITIONS_IN_MIXED_STYLES)

    def text_of(ref: str) -> str:
        clause = find(clauses, ref)
        return document.text[clause.start:clause.end]

    assert [c.ref for c in clauses] == ["preamble", "1", "2", "3", "4", "5", "6", "7"]
    assert find(clauses, "3").title == "Prix" and find(clauses, "5").title == "Résiliation"
    assert "préavis de trois mois" in text_of("5") and "préavis" not in text_of("4")
    # the list of exclusions in article 6 stays in article 6, not articles 1 and 2 again
    assert "pertes de données" in text_of("6")


def test_points_numbered_with_degrees_belong_to_their_roman_article(write_text):
    text = """CONDITIONS GÉNÉRALES

I. DÉFINITIONS
Dans les présentes, les termes suivants ont le sens ci-après :
1° Agence : la société prestataire.
2° Site : la boutique en ligne.

II. OBJET
Les présentes régissent la création du Site.

III. PRESTATIONS
1° Création du Site.
2° Hébergement du Site.
3° Maintenance.
4° Les adaptations du module de paiement.
"""
    _, clauses = clauses_of(write_text, text)
    assert [c.ref for c in find(clauses, "I").children] == ["I.1", "I.2"]
    assert [c.ref for c in find(clauses, "III").children] == ["III.1", "III.2", "III.3", "III.4"]


def test_a_clause_typed_in_capitals_is_no_title_but_a_capitalised_heading_is(write_text):
    # English agreements type their exclusions in capitals, printed over several short lines
    text = """1. DEFINITIONS

1.1 Words have the meanings given in the Order Form.

2. LIABILITY

2.1 NEITHER PARTY SHALL BE LIABLE FOR ANY INDIRECT OR CONSEQUENTIAL
LOSS, INCLUDING LOSS OF PROFIT OR LOSS OF DATA.

2.2 LIMITATION OF LIABILITY

The total liability of the Provider is capped at the fees of twelve months.
"""
    _, clauses = clauses_of(write_text, text)
    assert find(clauses, "2.1").title == ""
    assert find(clauses, "2.2").title == "LIMITATION OF LIABILITY"
    assert find(clauses, "2").title == "LIABILITY"


def test_an_extract_opening_at_a_numbered_capitalised_heading_keeps_its_articles(write_text):
    # a reviewer pastes only the articles under negotiation: numbering starts at 10, not 1
    text = """EXTRACT OF THE MASTER AGREEMENT

10. LIABILITY

10.1 The Provider is liable for direct loss.

10.2 The cap is twelve months of fees.

11. TERMINATION

11.1 Either party may terminate on three months' notice.
"""
    document, clauses = clauses_of(write_text, text)
    assert [c.ref for c in clauses] == ["preamble", "10", "11"]
    assert [c.ref for c in find(clauses, "10").children] == ["10.1", "10.2"]
    clause = find(clauses, "10.2")
    assert "TERMINATION" not in document.text[clause.start:clause.end]


def test_an_extract_opening_at_a_numbered_heading_in_lower_case_keeps_its_articles(write_text):
    # the same paste with headings as most contracts type them: "14. Résiliation", then "15."
    text = """14. Résiliation
Le Client peut résilier le contrat moyennant un préavis de trois mois.
14.1 Le préavis court à compter de la réception de la lettre.

15. Réversibilité
Le Prestataire restitue les données au Client.
"""
    document, clauses = clauses_of(write_text, text)
    assert [c.ref for c in clauses] == ["14", "15"]
    assert find(clauses, "14").title == "Résiliation"
    assert [c.ref for c in find(clauses, "14").children] == ["14.1"]
    clause = find(clauses, "14.1")
    assert "restitue" not in document.text[clause.start:clause.end]


def test_an_extract_of_one_article_keeps_its_heading_above_its_sub_clauses(write_text):
    # one article pasted alone: its heading "14. Termination for breach" titles 14.1 and 14.2
    text = """14. Termination for breach
14.1 Either party may terminate for material breach after thirty days' written notice.
14.2 The Provider may terminate at once for any serious breach.
"""
    _, clauses = clauses_of(write_text, text)
    assert [c.ref for c in clauses] == ["14"]
    assert find(clauses, "14").title == "Termination for breach"
    assert [c.ref for c in find(clauses, "14").children] == ["14.1", "14.2"]


def test_numbered_sentences_that_start_mid_list_are_no_extract(write_text):
    # "3." and "4." are the end of a list of obligations, not clause headings
    text = """Le Client s'engage à :
3. Le Client paie les factures à trente jours.
4. Le Client désigne un interlocuteur unique.
"""
    _, clauses = clauses_of(write_text, text)
    assert [c.ref for c in clauses] == ["preamble"]


SPECIAL_CONDITIONS_NUMBERED_CP = """{h1}Contrat d'abonnement au service Nuagis

Entre la société Nuagis SAS, le Prestataire, et la société Verdane SARL, l'Abonné.

{h2}Article 1 – Objet
Le Prestataire fournit à l'Abonné un service de messagerie hébergée.

{h2}Article 2 – Résiliation
Chaque partie peut résilier le contrat, sous réserve du préavis fixé aux conditions particulières.

{h2}Article 3 – Juridiction
Tout litige relève du tribunal de commerce de Rennes.

{h2}{part}

{cp}1. Préavis de résiliation de l'Abonné : quatre (4) mois.

{cp}2. Préavis de résiliation du Prestataire : six (6) mois.

{cp}3. Durée de conservation des sauvegardes : trente (30) jours.
"""


@pytest.mark.parametrize("name, h1, h2, part, cp", [
    ("contrat.md", "# ", "## ", "CONDITIONS PARTICULIÈRES", "CP"),
    ("contrat.md", "# ", "## ", "Conditions particulières", "CP"),
    ("contrat.txt", "", "", "CONDITIONS PARTICULIÈRES", "CP"),
    ("contrat.txt", "", "", "Conditions particulières", "CP"),
    ("contrat.txt", "", "", "CONDITIONS PARTICULIÈRES", "Article CP-"),
    ("contrat.txt", "", "", "CONDITIONS PARTICULIÈRES", "CP."),
])
def test_special_conditions_numbered_after_their_name_are_a_part(write_text, name, h1, h2, part, cp):
    text = SPECIAL_CONDITIONS_NUMBERED_CP.format(h1=h1, h2=h2, part=part, cp=cp)
    document, clauses = clauses_of(write_text, text, name=name)
    # "CP1." names the part once, as "CG 5" does for general terms: "CP 1".
    assert refs(clauses) == ["preamble", "1", "2", "3", "CP", "CP 1", "CP 2", "CP 3"]
    assert find(clauses, "CP").kind == "annex" and find(clauses, "CP").title == part
    # The figures are not the text of the jurisdiction clause.
    article3 = find(clauses, "3")
    assert document.text[article3.start:article3.end].endswith("tribunal de commerce de Rennes.")
    assert "quatre (4) mois" in document.text[find(clauses, "CP 1").start:find(clauses, "CP 1").end]


def test_a_code_like_word_is_no_clause_outside_its_part(write_text):
    text = """Article 1 – Raccordement
Le Client fournit le câblage.
RJ45. Les prises sont posées par le Client.
Article 2 – Durée
Un an.

CONDITIONS GÉNÉRALES

CP1. Ce numéro n'est pas celui des conditions générales.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["1", "2"]


def test_parts_counted_in_ordinal_words_keep_their_articles_numbers(write_text):
    text = """MARCHÉ PUBLIC DE SERVICES

PREMIÈRE PARTIE – ACTE D'ENGAGEMENT

ARTICLE 1 – OBJET
Hébergement du logiciel des archives.
ARTICLE 3 – ENGAGEMENT DU TITULAIRE
3.1 Le titulaire s'engage à exécuter les prestations.
3.2 L'offre est valable cent vingt jours.
3.3 Le titulaire affirme ne pas tomber sous le coup des interdictions de soumissionner.
DEUXIÈME PARTIE – CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES
ARTICLE 4 – DURÉE
4.1 Le marché dure trois ans.
La deuxième partie du prix est payée à la réception.
"""
    document, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["preamble", "Partie 1", "1", "3", "3.1", "3.2", "3.3", "Partie 2", "4", "4.1"]
    assert find(clauses, "Partie 2").title == "CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES"
    assert document.text[find(clauses, "3.3").start:find(clauses, "3.3").end].endswith("soumissionner.")
    # Without the first part printed, the second still opens its part.
    _, clauses = clauses_of(write_text, text.replace("PREMIÈRE PARTIE – ACTE D'ENGAGEMENT\n", ""))
    assert refs(clauses) == ["preamble", "1", "3", "3.1", "3.2", "3.3", "Partie 2", "4", "4.1"]


def test_a_party_named_by_its_own_name_opens_a_sentence_not_a_title(write_text):
    text = """1. Backups
1.1 Orvia monitors every backup job daily. It alerts the Client within one hour.
1.2 Orvia Vault remains the property of Orvia. Its sources are escrowed.
1.3 Orvia holds certificate no. HDS-0000 issued by an accredited body. It covers activities 1 to 6.
1.4 Hosting services. Orvia hosts the platform in France.
"""
    _, clauses = clauses_of(write_text, text)
    assert [find(clauses, ref).title for ref in ("1.1", "1.2", "1.3", "1.4")] == ["", "", "", "Hosting services"]


def test_english_parts_counted_in_words_open_parts(write_text):
    text = """FRAMEWORK AGREEMENT
PART ONE – COMMON TERMS
1. Scope
1.1 These terms govern every order.
2. Duration
2.1 The framework runs for two years.
PART TWO – HOSTING TERMS
3. Hosting
3.1 The Supplier runs the servers.
Part one of the set-up fee is invoiced on signature.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["preamble", "Part 1", "1", "1.1", "2", "2.1", "Part 2", "3", "3.1"]
    assert find(clauses, "Part 2").title == "HOSTING TERMS"


def test_a_heading_wrapped_over_three_lines_keeps_its_whole_title(write_text):
    text = """ARTICLE 1 – OBJET
Le contrat porte sur l'hébergement.
ARTICLE 2 – SÉCURITÉ DES SYSTÈMES D'INFORMATION HÉBERGÉS ET CONTINUITÉ D'ACTIVITÉ
JUSQU'À LA FIN DU CONTRAT ET PENDANT LA PHASE DE RÉVERSIBILITÉ PRÉVUE
À
2.1 Le Prestataire maintient un plan de continuité.
"""
    _, clauses = clauses_of(write_text, text)
    assert find(clauses, "2").title == (
        "SÉCURITÉ DES SYSTÈMES D'INFORMATION HÉBERGÉS ET CONTINUITÉ D'ACTIVITÉ JUSQU'À LA FIN DU CONTRAT"
        " ET PENDANT LA PHASE DE RÉVERSIBILITÉ PRÉVUE À")


def test_no_text_is_left_out_of_the_clause_map(write_text):
    text = """CONTRAT DE MAINTENANCE

Article 1 – Objet
Le Prestataire maintient le logiciel.
Article 2 – Juridiction
Tribunal de commerce de Lorient.

Fait à Lorvennes, le 2 mars 2026, en deux exemplaires.

Pour le Prestataire
Pour le Cabinet

ANNEXE 1 – TARIFS
Cent euros par mois.
"""
    document, clauses = clauses_of(write_text, text)
    assert top_refs(clauses) == ["preamble", "1", "2", "signatures", "Annexe 1"]
    signatures = find(clauses, "signatures")
    assert document.text[signatures.start:signatures.body_end] == (
        "Fait à Lorvennes, le 2 mars 2026, en deux exemplaires.\nPour le Prestataire\nPour le Cabinet")
    assert document.text[find(clauses, "2").start:find(clauses, "2").end].endswith("Lorient.")
    covered = " ".join(document.text[c.start:c.body_end] for top in clauses for c in top.walk())
    assert sorted(covered.split()) == sorted(document.text.split())


SCHEDULE_OF_AN_AGREEMENT = """{title}
MANAGED FIREWALL SERVICES

BETWEEN Velloran SAS (the "Provider") and Brisecombe SARL (the "Customer").

BACKGROUND

(A) The parties signed a framework agreement on 3 March 2025.

(B) This Schedule sets out the firewall services.

1. Services
1.1 The Provider operates the Customer's firewalls.
1.2 A change request is answered within two Business Days. The Customer approves each change.
2. Term
2.1 This Schedule lasts one year.
2.2 Notwithstanding Clause 2.1, either party may end it on three months' notice.

ANNEX A – SERVICE LEVELS
A.1 Availability: 99.9 % a month.
"""


@pytest.mark.parametrize("title", [
    "SCHEDULE 2 TO THE FRAMEWORK AGREEMENT",
    "Schedule 2 to the Framework Agreement",
    "EXHIBIT B TO THE MASTER SERVICES AGREEMENT DATED 3 MARCH 2025",
    "ANNEXE 2 AU CONTRAT-CADRE DE SERVICES",
    "ANNEXE 4 DU CONTRAT DE MAINTENANCE N° 2025-17",
    "Annexe 4 du contrat de maintenance",
])
def test_a_file_that_is_a_schedule_of_another_agreement_keeps_its_own_clause_refs(write_text, title):
    document, clauses = clauses_of(write_text, SCHEDULE_OF_AN_AGREEMENT.format(title=title))
    # The schedule's name is the document's title: its clauses are not items of a part "Schedule 2".
    assert refs(clauses) == ["preamble", "1", "1.1", "1.2", "2", "2.1", "2.2", "Annex A", "Annex A.1"]
    assert document.text[:find(clauses, "preamble").end].startswith(title)
    assert "(B) This Schedule" in document.text[:find(clauses, "preamble").end]


def test_schedules_after_the_clauses_or_in_a_series_stay_parts(write_text):
    # After the main agreement's clauses, "SCHEDULE 1 TO THE AGREEMENT" is a part.
    text = """HOSTING AGREEMENT
1. Services
The Provider hosts the platform.
2. Term
One year.
SCHEDULE 1 TO THE AGREEMENT – SERVICE LEVELS
1. Availability
99.9 % a month.
"""
    _, clauses = clauses_of(write_text, text)
    assert top_refs(clauses) == ["preamble", "1", "2", "Schedule 1"]
    # A file binding several annexes of the same contract: the first is an annex as the second is.
    text = """ANNEXE 1 AU CONTRAT D'HÉBERGEMENT – NIVEAUX DE SERVICE
1. Disponibilité
99,9 % par mois.
2. Délais
Quatre heures.
ANNEXE 2 AU CONTRAT D'HÉBERGEMENT – SAUVEGARDES
1. Fréquence
Chaque jour.
"""
    _, clauses = clauses_of(write_text, text)
    assert top_refs(clauses) == ["Annexe 1", "Annexe 2"]
    # A file whose first part is an annex named by its subject stays an annex.
    text = """ANNEXE 3 – PLAN DE RÉVERSIBILITÉ
1. Restitution
Les données sont restituées.
2. Destruction
Les copies sont détruites.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["Annexe 3", "Annexe 3.1", "Annexe 3.2"]


SPECIAL_AND_GENERAL_CONDITIONS_HEADED_ALIKE = """{h1}NUVALIS – BON DE COMMANDE N° 2026-118

Entre Nuvalis SAS, l'Opérateur, et la société Tréboul Frères, le Client. Le présent bon de commande comprend
les conditions particulières ci-dessous, suivies des conditions générales de l'Opérateur.

{h1}CONDITIONS PARTICULIÈRES

{h2}1. Objet
1.1 L'Opérateur héberge deux serveurs virtuels.
1.2 Les conditions particulières prévalent sur les conditions générales.

{h2}2. Sauvegarde
2.1 Une copie est réalisée chaque nuit.
2.2 Les copies sont conservées quatorze jours.

{h1}CONDITIONS GÉNÉRALES

{h2}1. Définitions
1.1 « Services » : les serveurs virtuels.

{h2}2. Responsabilité
2.1 La responsabilité de l'Opérateur est limitée à trois mois de redevances.
"""
SPECIAL_AND_GENERAL_REFS = [
    "preamble", "CP", "CP 1", "CP 1.1", "CP 1.2", "CP 2", "CP 2.1", "CP 2.2", "CG", "CG 1", "CG 1.1", "CG 2", "CG 2.1",
]


@pytest.mark.parametrize("name, h1, h2", [("conditions.md", "# ", "## "), ("conditions.txt", "", "")])
def test_special_and_general_conditions_headed_alike_are_both_parts(write_text, name, h1, h2):
    text = SPECIAL_AND_GENERAL_CONDITIONS_HEADED_ALIKE.format(h1=h1, h2=h2)
    document, clauses = clauses_of(write_text, text, name=name)
    assert refs(clauses) == SPECIAL_AND_GENERAL_REFS
    assert find(clauses, "CP").kind == "annex" and find(clauses, "CP").title == "CONDITIONS PARTICULIÈRES"
    assert "CONDITIONS PARTICULIÈRES" not in document.text[:find(clauses, "preamble").end]
    assert document.text[find(clauses, "CP 2.2").start:find(clauses, "CP 2.2").end].endswith("quatorze jours.")


def test_a_conditions_heading_over_the_parties_stays_the_title(write_text):
    # The heading is the whole document's title when the parties and recitals come below it: the first
    # document's clauses keep bare refs (SPECIAL_THEN_GENERAL_TERMS), and so does a single set of conditions.
    text = """CONDITIONS GÉNÉRALES
1. Objet
Les présentes conditions régissent les services.
2. Durée
Un an.
"""
    _, clauses = clauses_of(write_text, text)
    assert refs(clauses) == ["preamble", "1", "2"]


def test_special_and_general_conditions_in_word_headings_and_their_pdf(tmp_path):
    import shutil
    import subprocess
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("wordml", Path(__file__).parent / "fixtures" / "docx" / "wordml.py")
    wordml = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(wordml)
    body = wordml.paragraph("NUVALIS – BON DE COMMANDE N° 2026-118", style="Title")
    body += wordml.paragraph("Entre Nuvalis SAS, l'Opérateur, et la société Tréboul Frères, le Client.")
    for part, articles in [
        ("CONDITIONS PARTICULIÈRES", [("1. Objet", ["1.1 L'Opérateur héberge deux serveurs virtuels.",
                                                    "1.2 Les conditions particulières prévalent."]),
                                      ("2. Sauvegarde", ["2.1 Une copie est réalisée chaque nuit.",
                                                         "2.2 Les copies sont conservées quatorze jours."])]),
        ("CONDITIONS GÉNÉRALES", [("1. Définitions", ["1.1 « Services » : les serveurs virtuels."]),
                                  ("2. Responsabilité", ["2.1 La responsabilité est limitée à trois mois."])]),
    ]:
        body += wordml.paragraph(part, style="Heading1")
        for heading, paragraphs in articles:
            body += wordml.paragraph(heading, style="Heading2")
            body += "".join(wordml.paragraph(p) for p in paragraphs)
    path = tmp_path / "conditions.docx"
    path.write_bytes(wordml.build_docx(body))
    assert refs(segment(read_document(path))) == SPECIAL_AND_GENERAL_REFS
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF half is not checked")
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=240)
    assert refs(segment(read_document(tmp_path / "conditions.pdf"))) == SPECIAL_AND_GENERAL_REFS


@pytest.mark.parametrize("line, title", [
    ("5.3 A service review takes place every quarter. The Customer attends it.", ""),
    ("5.3 An annual audit takes place in January. The Customer bears its cost.", ""),
    ("5.3 Every restore test gives rise to a report. It is sent within ten days.", ""),
    ("5.3 A copy of each backup goes offsite. It is encrypted.", ""),
    ("5.3 The Service Provider performs the backups. They run at night.", ""),
    ("5.3 Each backup is encrypted. The keys are kept by the Customer.", ""),
    ("5.3 Le Prestataire assure la sauvegarde. Elle est quotidienne.", ""),
    ("5.3 Chaque sauvegarde est chiffrée. Les clés sont remises au Client.", ""),
    ("5.3 A Note on Pricing. Prices are fixed for the first year.", "A Note on Pricing"),
    ("5.3 A list of subprocessors. The Provider keeps it up to date.", "A list of subprocessors"),
    ("5.3 No Waiver. A failure to act is no waiver.", "No Waiver"),
    ("5.3 Service Credits. Credits are capped at 10 % of the fees.", "Service Credits"),
])
def test_a_first_sentence_opening_with_an_article_is_not_a_title(write_text, line, title):
    text = f"5. Monitoring\n5.1 The Provider monitors the jobs.\n5.2 Reports are sent monthly.\n{line}\n6. Tests\nYearly.\n"
    _, clauses = clauses_of(write_text, text)
    assert find(clauses, "5.3").title == title


RECAP_OF_DEROGATIONS = """MARCHÉ DE SERVICES D'HÉBERGEMENT – CCAP
ARTICLE 1 – PÉNALITÉS
1.1 Pénalités de retard
Par dérogation à l'article 14 du CCAG-TIC, la pénalité est de 200 euros par jour.
1.2 Plafond
Les pénalités ne sont pas plafonnées.
ARTICLE 2 – RÉSILIATION
2.1 Résiliation pour faute
Par dérogation à l'article 48 du CCAG-TIC, la mise en demeure laisse quinze jours.
ARTICLE 3 – DÉROGATIONS AU CCAG-TIC
Article 1.1 – pénalités de retard, dérogation à l'article 14 du CCAG-TIC
Article 2.1 – résiliation pour faute, dérogation à l'article 48 du CCAG-TIC
Article 1.2 – plafond des pénalités (cf. article 14.1 du CCAG-TIC)
ARTICLE 4 – LITIGES
4.1 Juridiction
Le tribunal administratif est compétent.
"""


def test_a_recap_naming_earlier_clauses_is_text_of_its_article(write_text):
    document, clauses = clauses_of(write_text, RECAP_OF_DEROGATIONS)
    assert refs(clauses) == ["preamble", "1", "1.1", "1.2", "2", "2.1", "3", "4", "4.1"]
    recap = find(clauses, "3")
    assert document.text[recap.start:recap.end].endswith("(cf. article 14.1 du CCAG-TIC)")
    # A clause of the recap's own article that speaks of derogations is a clause all the same.
    _, clauses = clauses_of(write_text, RECAP_OF_DEROGATIONS.replace(
        "Article 1.1 – pénalités de retard, dérogation à l'article 14 du CCAG-TIC",
        "3.1 Dérogation à l'article 14 du CCAG-TIC\nLa pénalité est fixée à l'article 1.1."))
    assert refs(clauses) == ["preamble", "1", "1.1", "1.2", "2", "2.1", "3", "3.1", "4", "4.1"]


def test_a_schedule_of_an_agreement_and_a_recap_of_derogations_printed_to_pdf(tmp_path):
    import shutil
    import subprocess

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    sources = {
        "schedule.txt": SCHEDULE_OF_AN_AGREEMENT.format(title="SCHEDULE 2 TO THE FRAMEWORK AGREEMENT"),
        "ccap.txt": RECAP_OF_DEROGATIONS,
    }
    for name, text in sources.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *(str(tmp_path / n) for n in sources)],
                   check=True, capture_output=True, timeout=240)
    schedule = segment(read_document(tmp_path / "schedule.pdf"))
    assert refs(schedule) == ["preamble", "1", "1.1", "1.2", "2", "2.1", "2.2", "Annex A", "Annex A.1"]
    assert find(schedule, "1.2").title == ""
    ccap = segment(read_document(tmp_path / "ccap.pdf"))
    assert refs(ccap) == ["preamble", "1", "1.1", "1.2", "2", "2.1", "3", "4", "4.1"]


def _bold_docx(path, paragraphs: list[tuple[str, bool]]):
    import docx

    document = docx.Document()
    for text, bold in paragraphs:
        document.add_paragraph().add_run(text).bold = bold
    document.save(path)
    return path


def test_bold_lettered_recitals_stay_in_the_preamble_and_lettered_parts_still_hold_articles(tmp_path):
    # "A. The Vendor publishes…" is a sentence: a recital, not a part "A." swallowing the articles
    recitals = _bold_docx(tmp_path / "recitals.docx", [
        ("SOFTWARE AS A SERVICE AGREEMENT", True), ("RECITALS", True),
        ("A. The Vendor publishes a pathology platform hosted in certified data centres.", True),
        ("B. The Group runs six laboratories and wishes to use the platform.", True),
        ("1. DEFINITIONS", True), ('1.1 "Service" means the platform described in Schedule 1.', False),
        ("2. TERM", True), ("2.1 Either party may terminate on three months' notice.", False),
    ])
    assert refs(segment(read_document(recitals))) == ["preamble", "1", "1.1", "2", "2.1"]
    parts = _bold_docx(tmp_path / "parts.docx", [
        ("CONTRAT DE SERVICES", True),
        ("A. CONDITIONS PARTICULIÈRES", True),
        ("1. OBJET", True), ("Le Prestataire héberge le site du Client.", False),
        ("B. CONDITIONS GÉNÉRALES", True),
        ("1. DURÉE", True), ("Le contrat dure trois ans.", False),
    ])
    assert top_refs(segment(read_document(parts))) == ["preamble", "A", "B"]


def test_an_item_title_above_a_list_of_domain_names_keeps_its_title(write_text):
    # a lower-case next line usually carries on a sentence; a domain name or an address never does
    text = """ARTICLE 1 – OBJET
1.1 Objet
Le présent contrat a pour objet l'hébergement.

ANNEXE 1 – PÉRIMÈTRE TECHNIQUE
1. Noms de domaine
exemple.fr, extranet-exemple.fr et leurs sous-domaines.
2. Contacts
support@exemple.fr pour les incidents.
3. Le Prestataire héberge
les applications du Client dans ses centres de données.
"""
    _, clauses = clauses_of(write_text, text)
    assert find(clauses, "Annexe 1.1").title == "Noms de domaine"
    assert find(clauses, "Annexe 1.2").title == "Contacts"
    assert not find(clauses, "Annexe 1.3").title
