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


def test_a_party_s_own_people_act_for_it():
    # "Les techniciens du Titulaire": the party word follows "de", yet its staff act for it
    text = ("Entre la société Alpha, ci-après « le Titulaire », et la Commune, ci-après « la Commune ».\n\n"
            "Les techniciens du Titulaire ne disposent d'aucun identifiant.")
    sentence, parties = _last_sentence(text), find_parties(text)
    anchor = first_position(sentence, ["disposent"])[0]
    assert actor(sentence, anchor, parties) == frozenset({"provider"})


def test_people_governed_by_a_preposition_do_not_act():
    text = ("Entre la société Alpha, ci-après « le Titulaire », et la Commune, ci-après « la Commune ».\n\n"
            "L'accès aux administrateurs de la Commune est garanti.")
    sentence, parties = _last_sentence(text), find_parties(text)
    anchor = first_position(sentence, ["garanti"])[0]
    assert actor(sentence, anchor, parties) == frozenset()


def test_subject_relative_pronoun_stands_for_the_party_before_it():
    text = ("Entre la société Webox, ci-après « le Prestataire », et l'association, ci-après « l'Association ».\n\n"
            "Le nom de domaine est réservé par le Prestataire pour le compte de l'Association, qui en est l'unique "
            "titulaire.")
    sentence, parties = _last_sentence(text), find_parties(text)
    anchor = first_position(sentence, ["titulaire"])[-1]
    assert actor(sentence, anchor, parties) == frozenset({"client"})


def test_aucun_closes_the_negation_before_an_exception():
    from auditor.evaluate import is_negated
    sentence = _last_sentence("Nous ne détenons aucun accès administrateur à vos ressources autre que celui "
                              "nécessaire à la plateforme.")
    assert is_negated(sentence, first_position(sentence, ["détenons"])[0])
    # a restriction stays a restriction: "ne détient les codes que pendant l'intervention"
    sentence = _last_sentence("Le Prestataire ne détient les codes que pendant l'intervention.")
    assert not is_negated(sentence, first_position(sentence, ["détient"])[0])


def test_a_negating_determiner_ends_with_its_noun_phrase():
    from auditor.evaluate import is_negated
    sentence = _last_sentence("The Supplier shall deliver, at no charge, a copy of the Customer Data.")
    assert is_negated(sentence, first_position(sentence, ["charge"])[0])
    assert not is_negated(sentence, first_position(sentence, ["copy"])[0])
    sentence = _last_sentence("Aucun frais, le cas échéant, n'est facturé au Client.")
    assert is_negated(sentence, first_position(sentence, ["frais"])[0])
    # « à » is no article: the negation still reaches the verb
    sentence = _last_sentence("Sans qu'il soit besoin d'aucune formalité, à suspendre le service.")
    assert is_negated(sentence, first_position(sentence, ["suspendre"])[0])
    # a verb's negation reaches across the comma
    sentence = _last_sentence("The Supplier shall not, however, disclose the data.")
    assert is_negated(sentence, first_position(sentence, ["disclose"])[0])
    # a verb of its own after "and" starts another predicate the determiner does not deny
    sentence = _last_sentence("Such outages earn no rebate and are deemed events beyond the Host's control.")
    assert is_negated(sentence, first_position(sentence, ["rebate"])[0])
    assert not is_negated(sentence, first_position(sentence, ["deemed"])[0])
    sentence = _last_sentence("Ces coupures n'ouvrent droit à aucune pénalité et sont réputées relever de la force majeure.")
    assert not is_negated(sentence, first_position(sentence, ["réputées"])[0])


def test_cited_clause_is_read_through_its_number():
    from auditor.audit import audit_document
    from auditor.checklist import default_checklist_path, load_checklist
    checklist = load_checklist(default_checklist_path())
    text = ("Article 4 – Paiement\n\n4.2 Faute de paiement, le Prestataire suspend l'accès au service.\n\n"
            "Article 9 – Codes\n\n9.1 Les codes d'accès ne peuvent être obtenus pendant la suspension prévue à "
            "l'article 4.2.\n")
    document = read_text(Path("case.txt"), text.encode("utf-8"))
    only = checklist.model_copy(update={"controls": (checklist.control("REV-04"),)})
    finding = audit_document(document, only).findings[0]
    assert finding.status == "fail"
    assert any(e.rule == "codes_held_during_payment_suspension" for e in finding.evidence)


def _last_sentence(text: str):
    document = read_text(Path("case.txt"), text.encode("utf-8"))
    return analyse_sentences(document, "fr", paragraph_spans(document))[-1]


def test_passive_relative_clause_speaks_of_the_owned_noun():
    # "les données du Client, qui sont hébergées": the data are hosted, the client does not host
    text = ("Entre la société Webox, ci-après « le Prestataire », et la société Beta, ci-après « le Client ».\n\n"
            "Les données du Client, qui sont hébergées en France, sont sauvegardées chaque nuit.")
    sentence, parties = _last_sentence(text), find_parties(text)
    anchor = first_position(sentence, ["hébergées"])[0]
    assert "client" not in actor(sentence, anchor, parties)


def test_a_public_buyer_of_another_kind_labelled_in_the_heading_is_the_client():
    # « Pouvoir adjudicateur : Université de … » then « l'Université demeure titulaire du nom de domaine »
    text = ("CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES\n"
            "Pouvoir adjudicateur : Université de Sorval, établissement public, 1 place du Campus\n"
            "Titulaire : Exemplia SAS, 3 rue des Serveurs\n"
            "9.3 L'Université demeure titulaire du nom de domaine et en gère la zone DNS.")
    assert find_parties(text).role_of("Université") == "client"


def test_names_quoted_inside_a_party_description_do_not_cut_it():
    # a group acting for subsidiaries whose titles are quoted: its legal form stays part of its description,
    # and the party the contract never calls by a role word is the client
    text = ("Entre la société ALPHA SERVICES, SAS au capital de 10 000 euros, immatriculée au RCS de Lyon, "
            "ci-après dénommée « l'Infogérant »,\n"
            "Et la société HOLDING MÉDIAS DU VAL, société anonyme au capital de 900 000 euros, immatriculée au RCS "
            "de Vienne sous le numéro 000 000 000, dont le siège est situé 1 rue de la Gare, 38200 Vienne, agissant "
            "tant pour son compte que pour celui de ses filiales, sociétés de presse régionale exploitant ensemble "
            "plusieurs imprimeries, agences locales et services numériques, éditrices des magazines « Le Courrier du "
            "Val », « Val Sports » et « Val Loisirs », représentée par sa Présidente-Directrice générale dûment "
            "habilitée aux fins des présentes, ci-après dénommée « le Groupe ».\n"
            "Le Groupe peut résilier le Contrat à tout moment.")
    assert find_parties(text).role_of("Groupe") == "client"


def test_the_party_publishing_the_software_provides_when_neither_name_says_its_role():
    # two parties defined by names that carry no role; the preamble says which one publishes the software
    text = ("ENTRE : ORTHOLIA, société par actions simplifiée au capital de 50 000 euros, ci-après « la Société »,\n\n"
            "ET : SCM KINÉ DU PORT, société civile de moyens au capital de 2 000 euros, ci-après « le Cabinet ».\n\n"
            "PRÉAMBULE\n\nLa Société développe et héberge une application de gestion destinée aux kinésithérapeutes.\n")
    assert find_parties(text).names == {"societe": "provider", "cabinet": "client"}


def test_the_publishing_party_is_read_across_a_line_the_pdf_wrapped():
    # « L'Exploitant édite et exploite à cette fin la / plateforme … »: the PDF's line break is only a space
    text = ("ENTRE\nLa société NORVAL, société par actions simplifiée au capital de 50 000 euros, immatriculée au "
            "RCS de Lyon sous le numéro 000 000 000, représentée par son Président, ci-après « l'Exploitant »,\nET\n"
            "La Clinique du Lac, société anonyme au capital de 90 000 euros, immatriculée au RCS de Lyon sous le "
            "numéro 000 000 000, représentée par son Directeur, ci-après « l'Établissement »,\n"
            "IL A ÉTÉ EXPOSÉ CE QUI SUIT :\nL'Exploitant édite et exploite à cette fin la\n"
            "plateforme « Norval Suivi ».\n")
    assert find_parties(text).names == {"exploitant": "provider", "etablissement": "client"}


def test_english_party_hosting_the_platform_provides():
    text = ("BETWEEN: Nordvale Ltd, a company incorporated in England (the \"Company\"),\n\n"
            "AND: Harbour Dental LLP, a limited liability partnership (the \"Practice\").\n\n"
            "RECITALS\n\nThe Company develops and hosts a scheduling platform for dental practices.\n")
    assert find_parties(text).names == {"company": "provider", "practice": "client"}
