"""Sentences, lemmas, party roles and who acts — what every control's rules stand on."""

from __future__ import annotations

import pytest

from auditor.evaluate import phrase_positions
from auditor.models import Block, Document
from auditor.nlp import analyse_sentences, detect_language, paragraph_spans
from auditor.parties import actor, find_parties


def document_of(text: str) -> Document:
    return Document(path="t.txt", format="text", sha256="", text=text, blocks=(Block(0, len(text)),))


def sentences(text: str, language: str = "fr"):
    document = document_of(text)
    return document, analyse_sentences(document, language)


def test_sentences_survive_legal_abbreviations():
    text = ("Conformément à l'art. L. 441-10 du C. com., le Prestataire applique des pénalités. "
            "Les dispositions de l'art. 1231-5 al. 2 du Code civil s'appliquent, cf. annexe n° 3. "
            "La société Nuage S.A.S. au capital de 10 000 €, représentée par M. Martin, s'engage.")
    document, found = sentences(text)
    assert [document.text[s.start:s.end] for s in found] == [
        "Conformément à l'art. L. 441-10 du C. com., le Prestataire applique des pénalités.",
        "Les dispositions de l'art. 1231-5 al. 2 du Code civil s'appliquent, cf. annexe n° 3.",
        "La société Nuage S.A.S. au capital de 10 000 €, représentée par M. Martin, s'engage.",
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_word_ending_in_a_capital_keeps_apart_from_the_full_stop(language):
    # « en mode SaaS. » at a sentence's end: the word is "SaaS", which the rules name (a SaaS is a Data Act
    # service), and the sentence still ends there; abbreviations keep their full stop
    text = "Le service est fourni en mode SaaS. Il est hébergé en IaaS. M. Martin signe."
    _, found = sentences(text, language)
    assert [t.text for t in found[0].tokens][-2:] == ["SaaS", "."]
    assert [t.text for t in found[1].tokens][-2:] == ["IaaS", "."]
    assert found[2].tokens[0].text == "M."
    assert phrase_positions(found[0].tokens, "SaaS") == [6]


def test_lemmas_let_one_term_match_every_form():
    _, found = sentences("Le Prestataire résiliera le contrat. Les sauvegardes sont sauvegardées.")
    assert phrase_positions(found[0].tokens, "résilier") == [2]
    assert phrase_positions(found[1].tokens, "sauvegard*") == [1, 3]
    assert phrase_positions(found[1].tokens, "sauvegarder") == [3]


def test_wrapped_lines_of_a_paragraph_make_one_sentence():
    text = "Le Client peut résilier\nle contrat avec un préavis\nde trois mois.\nArticle 2 – Prix"
    document = Document(path="t", format="text", sha256="", text=text, blocks=(
        Block(0, 23, kind="line"), Block(24, 49, kind="line", starts_paragraph=False),
        Block(50, 64, kind="line", starts_paragraph=False), Block(65, len(text), kind="line"),
    ))
    assert paragraph_spans(document) == [(0, 64), (65, len(text))]
    found = analyse_sentences(document, "fr")
    assert [document.text[s.start:s.end] for s in found] == [text[:64], "Article 2 – Prix"]


@pytest.mark.parametrize(
    "text, word, roles",
    [
        ("Le Prestataire pourra résilier le Contrat à tout moment.", "résilier", {"provider"}),
        ("Le Client peut demander au Prestataire de résilier le contrat.", "résilier", {"client"}),
        ("En cas de manquement du Client, le Prestataire pourra résilier le contrat.", "résilier", {"provider"}),
        ("Le contrat peut être résilié par le Client avec un préavis de trois mois.", "résilié", {"client"}),
        ("Chaque Partie peut résilier le contrat avec un préavis de trois mois.", "résilier", {"client", "provider"}),
        ("Nous pouvons suspendre votre accès au Service.", "suspendre", {"provider"}),
        ("Vous pouvez résilier votre abonnement.", "résilier", {"client"}),
        ("NuageSûr pourra suspendre les services.", "suspendre", {"provider"}),
        ("Either party may terminate this Agreement for convenience.", "terminate", {"client", "provider"}),
        ("The Host may suspend the Services without notice.", "suspend", {"provider"}),
        ("Le Titulaire informe le Pouvoir adjudicateur avant de résilier.", "résilier", {"provider"}),
        ("Le Prestataire, après en avoir informé le Client, pourra résilier.", "résilier", {"provider"}),
        ("Si le Client ne paie pas, le Prestataire peut suspendre le service.", "suspendre", {"provider"}),
        # an object relative or a complement clause has its own subject
        ("Le Prestataire ne répond pas des fichiers que le Client n'a pas conservés.", "conservés", {"client"}),
        ("The Host has no liability for records that the Customer has not retained.", "retained", {"client"}),
        ("Le Prestataire garantit que le Client pourra exporter ses données.", "exporter", {"client"}),
        # « ne … qu'en » restricts: the party after it is a complement, the subject stays the main one
        ("Le Prestataire ne peut refuser le renouvellement qu'en informant le Client trois mois avant.", "informant",
         {"provider"}),
        ("The Host keeps the data that are stored in its data centre.", "stored", {"provider"}),
    ],
)
def test_who_acts(text, word, roles):
    parties = find_parties("La société NuageSûr SAS, agissant en qualité d'hébergeur, ci-après « NuageSûr ».")
    language = "en" if text.startswith(("Either", "The")) else "fr"
    _, found = sentences(text, language)
    position = next(i for i, token in enumerate(found[0].tokens) if token.text == word)
    assert set(actor(found[0], position, parties)) == roles


def test_language_of_a_contract():
    assert detect_language("Le présent contrat est conclu entre le Prestataire et le Client pour une durée d'un an.") == "fr"
    assert detect_language("This Agreement is made between the Provider and the Customer for a term of one year.") == "en"


HYPHENATED_AND_ELIDED = [
    "faux-vampire", "entr'abat", "saut-de-ski", "pet-en-l'air", "aujourd'hui", "Aujourd'hui", "sous-traitant",
    "sous-traitant(s)", "c'est-à-dire", "Saint-Étienne", "New-York", "l'hébergement", "d'hébergement", "grand'mère",
    "ch'tiis", "anti-virus", "arrière-plan", "Vis-à-vis", "ex-Président", "e-mail", "2-3", "x_y-de-z", "porte-à-faux",
    "Πολύ-de-λόγια", "Москва-на-реке", "prud'hommes", "week-end", "auto-entrepreneur", "mi-temps", "non-respect",
]


@pytest.fixture(scope="module")
def french_exception_patterns():
    """spaCy's own exception pattern compiled as shipped (3–4 s), and the compact one the tool loads."""
    import re

    import srsly

    from auditor.nlp import pipeline

    nlp = pipeline("fr")
    shipped = srsly.msgpack_loads((nlp.path / "tokenizer").read_bytes())["token_match"]
    return re.compile(shipped).match, nlp.tokenizer.token_match


def test_the_compact_exception_pattern_keeps_words_together_exactly_as_spacy_does(french_exception_patterns):
    original, compact = french_exception_patterns
    assert len(compact.__self__.pattern) < len(original.__self__.pattern) / 50
    words = {w[:end] for w in HYPHENATED_AND_ELIDED for end in range(1, len(w) + 1)}
    words |= {w[start:] for w in HYPHENATED_AND_ELIDED for start in range(len(w))}
    differing = [w for w in sorted(words) if (original(w) and original(w).group()) != (compact(w) and compact(w).group())]
    assert differing == []
    assert all(compact(w) for w in ("saut-de-ski", "pet-en-l'air", "entr'abat", "faux-vampire"))
    assert not compact("sous-traitant(s)")


def test_french_hyphenated_words_stay_one_token():
    _, found = sentences("Le sous-traitant, c'est-à-dire l'hébergeur, intervient le week-end.")
    texts = [t.text for t in found[0].tokens]
    assert "sous-traitant" in texts and "est-à-dire" in texts and "week-end" in texts
    assert "l'" in texts and "hébergeur" in texts


def test_the_document_word_index_finds_every_sentence_a_phrase_may_start_in():
    from auditor.evaluate import DocumentIndex

    _, found = sentences("Le Client peut résilier. Rien ici. La résiliation est notifiée. Les sauvegardes sont testées.")
    index = DocumentIndex(found)
    assert index.sentences_with(["résili*"]) == {0, 2}
    assert index.sentences_with(["résilier ... contrat", "sauvegarde"]) == {0, 3}
    assert index.sentences_with(["* est notifié"]) == {0, 1, 2, 3}
    assert index.sentences_with(["archivage"]) == set()


@pytest.mark.parametrize(
    "text, word, roles",
    [
        # "titulaire de…" is the holder of a right, not the public contract's provider.
        ("Le Client, titulaire du nom de domaine, pourra en demander le transfert.", "demander", {"client"}),
        ("Le Bénéficiaire, seul titulaire des droits, pourra exiger la restitution.", "exiger", {"client"}),
        ("Le titulaire du marché pourra résilier le contrat.", "résilier", {"provider"}),
        ("Le Titulaire, après mise en demeure, pourra suspendre les prestations.", "suspendre", {"provider"}),
    ],
)
def test_titulaire_of_a_right_is_not_the_provider(text, word, roles):
    parties = find_parties("")
    _, found = sentences(text, "fr")
    position = next(i for i, token in enumerate(found[0].tokens) if token.text == word)
    assert set(actor(found[0], position, parties)) == roles


FRENCH_PARTIES = ("La société VEILLIS SAS, ci-après « l'Opérateur », et l'association AIDE72, ci-après "
                  "« l'Association ».\n")
ENGLISH_PARTIES = 'NIMBUS HOSTING LTD (the "Supplier") and ORBROOK SAS (the "Customer").\n'


@pytest.mark.parametrize("parties_text, definition, thing", [
    (FRENCH_PARTIES, "1.2 « Fiche Bénéficiaire » : les informations administratives et médicales d'un bénéficiaire.",
     "Fiche"),
    (FRENCH_PARTIES, "« Espace Client » : l'interface de gestion du Service.", "Espace"),
    (ENGLISH_PARTIES, '"Successor Supplier" means any provider the Customer appoints after the end of this Agreement.',
     "Successor"),
    (ENGLISH_PARTIES, '"Customer Environment" means the systems the Customer operates.', "Environment"),
])
def test_a_defined_term_holding_a_role_word_names_no_party(parties_text, definition, thing):
    # the party's form, its area or the next provider are not the party: "the Successor Supplier shall
    # receive the data" gives the incumbent supplier nothing to do
    parties = find_parties(parties_text + definition)
    assert parties.role_of(thing) is None
    if parties_text is FRENCH_PARTIES:
        assert parties.role_of("Opérateur") == "provider" and parties.role_of("Association") == "client"


def test_terms_that_call_the_client_you_give_the_company_they_define_the_provider_role():
    parties = find_parties("Les présentes sont proposées par la société NIMBORA SAS (ci-après « Nimbora », « nous »). "
                           "Elles s'adressent aux professionnels (ci-après « vous ») qui commandent un Service.")
    assert parties.role_of("Nimbora") == "provider"


@pytest.mark.parametrize("text, provider", [
    ("La société BRIQUELO SAS (ci-après « Briquelo ») propose aux commerçants (ci-après « le Client ») un service "
     "de boutique en ligne.\n1.1 « Éditeur » : le logiciel en ligne de Briquelo qui compose les pages.", "Briquelo"),
    ("Les présentes conditions lient la société CORVIX SARL (ci-après « Corvix ») et l'abonné (ci-après « le Client »)."
     "\n2.1 « Hébergeur » désigne la plateforme sur laquelle Corvix exploite les boutiques.", "Corvix"),
])
def test_a_role_word_defined_as_a_tool_leaves_the_provider_role_to_the_named_company(text, provider):
    # « l'Éditeur » here is software, not a party: the company the terms name is the one that provides
    parties = find_parties(text)
    assert parties.role_of(provider) == "provider"


@pytest.mark.parametrize("text, provider, client", [
    ('This Agreement is made between Quillon Health SAS, a French company ("Quillon", "we", "us" or "our"), and '
     'Hôpital privé des Aubiers SAS ("the Hospital", "you" or "your").', "Quillon", "Hospital"),
    ('Brightwell Data Ltd ("Brightwell" or "we") and the Harbour Dental Practice ("the Practice" or "you") agree as '
     "follows.", "Brightwell", "Practice"),
])
def test_a_party_named_then_called_we_provides_and_one_called_you_buys(text, provider, client):
    # neither name carries a role word: the pronouns defined beside them say which party speaks and which is addressed
    parties = find_parties(text)
    assert parties.role_of(provider) == "provider"
    assert parties.role_of(client) == "client"


@pytest.mark.parametrize("text, name, role", [
    ("Entre :\nla société Orvanne Systèmes, SAS au capital de 90 000 euros, immatriculée au RCS de Niort, ci-après « le "
     "Titulaire »,\nEt :\nla Communauté de communes du Val de Sèvre, ci-après « la Collectivité ».\n9.2 Orvanne Systèmes "
     "peut suspendre l'accès au portail après une relance restée sans effet.", "Orvanne", "provider"),
    ("TALMIRE WEB, entrepreneur individuel, SIRET 000 000 000 00011, ci-après « le Prestataire ».", "Talmire", "provider"),
    ('Keswold Hosting Ltd, a company registered in England (the "Provider"), and Brennac Foods SAS, a company with its '
     'registered office in Rennes (the "Customer").\n12.4 Brennac Foods may end this Agreement.', "Brennac", "client"),
])
def test_a_party_keeps_the_company_name_its_entry_opens_with(text, name, role):
    # the text goes on calling the party by its company's name: that name acts for the party
    assert find_parties(text).role_of(name) == role


@pytest.mark.parametrize("text, word", [
    # « Nuage » is also a word of running text: it cannot stand for the party
    ("Nuage Vert SAS, au capital de 10 000 euros, ci-après « le Prestataire ».\nLe nuage privé est hébergé en France.",
     "Nuage"),
    # the organisation's kind is no name of its own
    ("La Commune de Vérac, représentée par son maire, ci-après « la Commune ».", "Vérac"),
])
def test_a_company_name_that_is_also_a_common_word_or_a_place_names_no_party(text, word):
    assert find_parties(text).role_of(word) is None


@pytest.mark.parametrize("text, name", [
    ("Les présentes conditions générales d'abonnement (les « CGA ») sont proposées par VELIMO, société par actions "
     "simplifiée au capital de 40 000 euros, immatriculée au RCS de Nantes sous le numéro 000 000 000 (« Velimo »).\n"
     "Elles s'appliquent à tout cabinet ayant souscrit un abonnement (l'« Abonné »).", "Velimo"),
    ('These Terms are issued by Kestrel Data Ltd, a company registered in England under number 00000000 ("Kestrel").\n'
     "They apply to the organisation named in the Order Form.", "Kestrel"),
])
def test_the_company_the_terms_are_proposed_by_provides(text, name):
    # no role word names that company: the terms are its own, it sells what they describe
    assert find_parties(text).role_of(name) == "provider"


def test_a_line_a_pdf_wrapped_mid_sentence_opens_no_party_entry():
    # « … immatriculée au RCS de\nGrenoble sous le numéro … »: the town the line opens with names nobody
    text = ("Entre MERIDIAL SAS, société par actions simplifiée au capital de 10 000 euros, immatriculée au RCS de\n"
            "Grenoble sous le numéro 000 000 000, dont le siège est situé à Meylan, ci-après « le Prestataire », et le "
            "Client.")
    parties = find_parties(text)
    assert parties.role_of("Grenoble") is None
    assert parties.role_of("Meridial") == "provider"


def test_a_labelled_entry_names_its_own_company_not_the_letterhead_above():
    # the order form's letterhead is the provider's; the « Client : » entry below it opens on the client's own name
    text = ("TRAMELIS – Agence web\nSARL au capital de 5 000 euros – RCS 000 000 000\nBON DE COMMANDE\n"
            "Client : Fromagerie Vauclair, SAS au capital de 30 000 euros, ci-après « le Client ».\n"
            "Prestataire : Tramelis, SARL représentée par son gérant, ci-après « le Prestataire ».")
    parties = find_parties(text)
    assert parties.role_of("Tramelis") == "provider"
    assert parties.role_of("Vauclair") != "provider"


def test_the_company_offering_to_a_defined_client_is_not_that_client():
    # the defined name is the one the company offers its services to: the company keeps its own role
    text = ("BORVAL INFO, SARL au capital de 8 000 €, RCS Laval 000 000 000, propose aux commerçants et artisans (ci-après "
            "« le Souscripteur ») des services d'hébergement.\n3. BORVAL INFO peut suspendre le service.")
    assert find_parties(text).role_of("Borval") != "client"


@pytest.mark.parametrize("text, provider, client, third", [
    ("Entre KORALIS, société par actions simplifiée au capital de 20 000 euros, dont le siège est à Lyon, ci-après "
     "« la Société », et le Foyer Les Saules, association régie par la loi de 1901, dont le siège est à Vienne, représentée "
     "par sa présidente, ci-après « le Foyer ».\n1.3 « Hébergeur » : la société Datalpes, à laquelle la Société confie "
     "l'hébergement des serveurs.", "Société", "Foyer", "Hébergeur"),
    ('Between Brackley Systems Ltd (the "Supplier") and Northgate Surgery (the "Practice").\n1.2 "Host" means '
     "Coldharbour Data Ltd, to which the Supplier subcontracts the hosting.", "Supplier", "Practice", "Host"),
])
def test_the_party_that_entrusts_the_hosting_to_a_defined_third_company_provides(text, provider, client, third):
    # two parties whose names carry no role: the one the definitions say hands the hosting to a third company is the
    # provider, and the role word naming that company ("Hébergeur", "Host") names no party
    parties = find_parties(text)
    assert parties.role_of(provider) == "provider"
    assert parties.role_of(client) == "client"
    assert parties.role_of(third) is None


@pytest.mark.parametrize("text, holder", [
    ("Entre la société Pharmagest Conseil, ci-après « l'Éditeur », et le pharmacien titulaire de l'officine désignée au "
     "bon de commande, ci-après « le Pharmacien titulaire ».", "Pharmacien"),
    ("Entre NotaLog SAS, ci-après « le Prestataire », et Maître Dupuis, notaire, ci-après « le Notaire titulaire ».",
     "Notaire"),
])
def test_a_professional_called_titulaire_of_its_office_is_the_client(text, holder):
    # « titulaire » qualifying a profession holds the office that buys the service: it names no public contract's
    # provider, there or later in the text
    parties = find_parties(text)
    assert parties.role_of(holder) == "client"
    assert parties.role_of("titulaire") == "client"


def test_a_successor_called_the_new_titulaire_stays_a_provider_word():
    text = ("Le présent marché est conclu entre la Région et le titulaire.\n1.4 « Nouveau titulaire » : tout prestataire "
            "désigné par la Région pour reprendre les prestations.")
    assert find_parties(text).role_of("titulaire") == "provider"


def test_the_party_told_by_an_infinitive_is_not_the_one_giving_notice():
    # « sous réserve d'en informer le Pharmacien titulaire deux mois avant »: the editor decides and gives the
    # notice; the pharmacist, a name of two words after « informer », is told
    text = ("Entre la société Pharmagest Conseil, ci-après « l'Éditeur », et le pharmacien titulaire de l'officine, "
            "ci-après « le Pharmacien titulaire ».\n"
            "L'Éditeur peut, de son côté, ne pas renouveler le Contrat sous réserve d'en informer le Pharmacien titulaire "
            "au moins deux mois avant l'échéance.")
    sentence = analyse_sentences(document_of(text), "fr")[-1]
    position = next(i for i, token in enumerate(sentence.tokens) if token.text == "échéance")
    assert actor(sentence, position, find_parties(text)) == frozenset({"provider"})


def test_a_public_operator_defined_as_the_regie_buys():
    # « la Régie » (des eaux, des remontées mécaniques): a public operator defined as a party is the buyer, even
    # beside a provider whose defined name carries no role word
    text = ("ENTRE la société Nivalia Systèmes, société par actions simplifiée au capital de 50 000 euros, immatriculée "
            "au RCS de Grenoble, ci-après dénommée « l'Exploitant de la solution », ET la Régie des remontées "
            "mécaniques du Haut-Vallon, régie dotée de la personnalité morale et de l'autonomie financière, ci-après "
            "dénommée « la Régie ».\n"
            "La Régie peut dénoncer le contrat six mois avant son échéance.")
    assert find_parties(text).role_of("Régie") == "client"


def test_lemmas_read_from_the_indexed_lemma_lists_are_the_ones_spacy_gives_from_its_own_lists():
    from pathlib import Path

    from auditor.nlp import pipeline
    from auditor.read import read_document

    nlp = pipeline("fr")
    lemmatizer = nlp.get_pipe("lemmatizer")
    known = lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in known.values())
    text = read_document(str(Path(__file__).parents[1] / "samples" / "fr-hebergement-hds.docx")).text

    def lemmas() -> list[str]:
        lemmatizer.cache.clear()
        return [token.lemma_ for token in nlp(text)]

    indexed = lemmas()
    as_shipped = {part_of_speech: sorted(words) for part_of_speech, words in known.items()}
    try:
        for part_of_speech, words in as_shipped.items():
            known[part_of_speech] = words
        shipped = lemmas()
    finally:
        for part_of_speech, words in as_shipped.items():
            known[part_of_speech] = frozenset(words)
        lemmatizer.cache.clear()
    assert indexed == shipped
    assert {"résilier", "sauvegarde", "hébergeur"} <= set(indexed)


def test_lookup_tables_filled_quickly_are_the_tables_spacy_builds():
    import srsly
    from spacy.lookups import Table

    from auditor.nlp import pipeline, quick_lookup_tables

    stored = srsly.msgpack_loads((pipeline("fr").path / "lemmatizer" / "lookups" / "lookups.bin").read_bytes())
    assert len(stored["lemma_lookup"]) > 100_000
    spacy_builds = Table.__init__
    by_spacy = {name: Table(name, data) for name, data in stored.items()}
    with quick_lookup_tables():
        quick = {name: Table(name, data) for name, data in stored.items()}
        with_words = Table("mots", {"résilier": 1})  # keys that are not hashes: built by spaCy itself
    assert Table.__init__ is spacy_builds and quick.keys() == by_spacy.keys()
    for name, table in by_spacy.items():
        assert list(quick[name].items()) == list(table.items()) and quick[name].name == name
        assert quick[name].bloom.to_bytes() == table.bloom.to_bytes()
    assert "résilier" in with_words and with_words["résilier"] == 1
    # The words a contract uses are looked up as before, through the filter ("in") and the table.
    assert all((word in quick["lemma_lookup"]) == (word in by_spacy["lemma_lookup"])
               and quick["lemma_lookup"].get(word) == by_spacy["lemma_lookup"].get(word)
               for word in ("résiliée", "sauvegardes", "hébergées", "zzzz", "prestataires"))
