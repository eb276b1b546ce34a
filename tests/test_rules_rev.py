"""Engine details the reversibility (REV) rules depend on."""

from __future__ import annotations

from pathlib import Path

from auditor.evaluate import first_position
from auditor.nlp import analyse_sentences, paragraph_spans
from auditor.parties import BOTH, actor, find_parties
from auditor.read.text import read_text


def sentence_of(text: str, language: str = "fr"):
    document = read_text(Path("case.txt"), text.encode("utf-8"))
    return analyse_sentences(document, language, paragraph_spans(document))[0], find_parties(document.text)


def test_either_party_is_read_through_elided_articles():
    # spaCy splits "l'une" into "l'" and "une": the notice still belongs to both parties.
    sentence, parties = sentence_of("Il se renouvelle par périodes d'un an, sauf dénonciation par l'une ou l'autre des "
                                    "parties au moins six (6) mois avant l'échéance.")
    anchor = first_position(sentence, ["avant l'échéance"])[0]
    assert actor(sentence, anchor, parties) == BOTH


def test_either_party_with_typographic_apostrophes():
    sentence, parties = sentence_of("Le contrat se renouvelle, sauf dénonciation par l’une des parties trois mois avant "
                                    "son terme.")
    anchor = first_position(sentence, ["avant"])[0]
    assert actor(sentence, anchor, parties) == BOTH


def test_definitions_entry_naming_the_public_buyer_makes_it_the_client():
    # a public contract names its buyer in the definitions by its legal capacity, not by a role word
    text = ("1.2 On entend par :\n"
            "a) « l'Office » : l'Office intercommunal de l'habitat du Val, pouvoir adjudicateur ;\n"
            "b) « le titulaire » : l'opérateur retenu.\n")
    assert find_parties(text).names.get("office") == "client"


def test_definitions_entry_without_a_buyer_capacity_gets_no_role_from_it():
    text = ("1.2 On entend par :\n"
            "a) « le Portail » : le site de l'Office intercommunal, hébergé par le titulaire ;\n")
    assert "portail" not in find_parties(text).names
