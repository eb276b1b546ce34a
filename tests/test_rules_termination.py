"""Engine options the termination rules need: a duration stated for a named party (``by_party``) and a
refund refused that stays in scope (``exclude_negated``)."""

from __future__ import annotations

from conftest import evaluate_rule

from auditor.parties import find_parties
from auditor.rules import Detect


def result_of(detect: Detect, text: str):
    return evaluate_rule(detect, text)


def notice_rule(actor: str, by_party: bool) -> Detect:
    return Detect.model_validate({
        "scope": {"terms": ["préavis", "notice", "notifi*", "adress*"]},
        "flags": [{"id": "long", "status": "weak", "say": "long",
                   "match": {"duration": {"near": ["préavis", "notice", "échéance", "expiry"], "actor": actor,
                                          "by_party": by_party, "record": "days",
                                          "longer_than": {"value": 3, "unit": "months"}}}}],
    })


def test_duration_stated_for_a_party_after_it() -> None:
    text = ("Chacune des Parties peut dénoncer le Contrat moyennant un préavis de trois (3) mois pour le "
            "Prestataire et de six (6) mois pour le Client.")
    found = result_of(notice_rule("client", True), text)
    assert found.status == "weak" and dict(found.values)["days"] == "180"
    assert result_of(notice_rule("provider", True), text).status == "pass"


def test_duration_stated_for_a_party_before_it() -> None:
    text = ("Either party may object to renewal by notice served, in the case of the Customer, not less than "
            "six (6) months, and in the case of the Supplier, not less than two (2) months before expiry.")
    assert result_of(notice_rule("client", True), text).status == "weak"
    assert result_of(notice_rule("provider", True), text).status == "pass"


def test_duration_given_by_a_party() -> None:
    text = ("Either party may terminate for convenience on notice of at least six (6) months by the Customer and "
            "one (1) month by the Supplier.")
    assert result_of(notice_rule("client", True), text).status == "weak"


def test_notice_from_a_party_named_after_the_deadline() -> None:
    text = ("Le Contrat est reconduit sauf dénonciation adressée par lettre recommandée au moins cinq (5) mois "
            "avant l'échéance lorsqu'elle émane du Client, et au moins quatre (4) mois avant l'échéance lorsqu'elle "
            "émane du Prestataire.")
    assert result_of(notice_rule("client", True), text).status == "weak"
    assert result_of(notice_rule("provider", True), text).status == "weak"
    text = ("Renewal may be refused on two (2) months' notice before expiry where given by the Customer, or on "
            "five (5) months' notice before expiry where given by the Supplier.")
    assert result_of(notice_rule("client", True), text).status == "pass"
    assert result_of(notice_rule("provider", True), text).status == "weak"


def test_without_by_party_the_subject_decides() -> None:
    text = ("Chacune des Parties peut dénoncer le Contrat moyennant un préavis de six (6) mois pour le "
            "Prestataire et de trois (3) mois pour le Client.")
    # the nearest duration, for both parties: the option is what tells them apart
    assert result_of(notice_rule("client", False), text).status == "weak"
    assert result_of(notice_rule("client", True), text).status == "pass"


def test_notice_addressed_to_the_provider_is_the_clients() -> None:
    text = "Sa décision est notifiée au Prestataire au moins cinq (5) mois avant l'échéance."
    assert result_of(notice_rule("client", True), text).status == "weak"
    assert result_of(notice_rule("provider", True), text).status == "pass"
    # a subject named in the sentence keeps the last word
    text = "Le Client notifie au Prestataire sa décision au moins cinq (5) mois avant l'échéance."
    assert result_of(notice_rule("client", True), text).status == "weak"


def refund_rule(exclude_negated: bool) -> Detect:
    return Detect.model_validate({
        "scope": {"terms": ["résili*"], "exclude": ["remboursement"], "exclude_negated": exclude_negated},
        "flags": [{"id": "fee", "status": "fail", "say": "frais", "match": {"terms": ["résili*"]}}],
        "silent": "missing",
    })


def test_a_negated_exclude_word_may_keep_the_sentence() -> None:
    text = "La résiliation ne donne lieu à aucun remboursement et rend exigibles les sommes restant dues."
    assert result_of(refund_rule(True), text).status == "missing"
    assert result_of(refund_rule(False), text).status == "fail"
    text = "En cas de résiliation, le remboursement des sommes payées d'avance est exigible."
    assert result_of(refund_rule(False), text).status == "missing"


def test_a_company_name_takes_the_role_of_its_alias() -> None:
    text = ("La société NUAGEO, SAS au capital de 5 000 euros, ci-après « Nuageo » ou « le Prestataire », et la "
            "société Ardent, ci-après « le Cabinet » ou « le Client ».")
    assert find_parties(text).names == {"nuageo": "provider", "cabinet": "client"}
    text = 'Nimbus Ltd (the "Nimbus" or the "Supplier") and Borel SA ("Borel" or "Customer")'
    assert find_parties(text).names == {"nimbus": "provider", "borel": "client"}


def test_a_party_of_unknown_role_is_the_one_the_contract_names_no_other_way() -> None:
    heading = ("ENTRE la société Altivia SAS, au capital de 10 000 euros, ci-après « l'Intervenant », ET la société "
               "Borel SA, immatriculée au RCS de Lyon, ci-après « le Client ».\n")
    parties = find_parties(heading + "Le Client peut résilier. L'Intervenant pourra suspendre le service.\n")
    assert parties.role_of("Intervenant") == "provider"
    # Both roles are already named by role words: the unknown name stays unknown.
    parties = find_parties(heading + "Le Client et le Prestataire conviennent de ce qui suit.\n")
    assert parties.role_of("Intervenant") is None


def test_an_operator_is_the_provider() -> None:
    # the operator of a data centre or a platform provides the services, whatever the other party's name
    text = ("ENTRE la société Altivia SAS, ci-après « l'Opérateur », ET la société Borel SA, ci-après « le "
            "Colocataire ».\nL'Opérateur fournit l'énergie.")
    parties = find_parties(text)
    assert parties.role_of("Opérateur") == "provider" and parties.role_of("Colocataire") == "client"


def test_two_parties_joined_as_one_subject_are_both() -> None:
    # "Le Titulaire et le Client peuvent chacun refuser ...": the client's notice too
    text = ("Le Titulaire et le Client peuvent chacun refuser la reconduction par courrier recommandé adressé au "
            "moins cent vingt (120) jours avant l'échéance annuelle.")
    assert result_of(notice_rule("client", False), text).status == "weak"
    assert result_of(notice_rule("either", False), text).status == "weak"


def test_a_later_subject_still_decides_after_two_joined_parties() -> None:
    # the parties agree; one of them gives the notice: not a notice of both
    text = ("Le Client et le Prestataire conviennent que le Prestataire notifie son refus six (6) mois avant "
            "l'échéance.")
    assert result_of(notice_rule("either", False), text).status == "pass"


def test_not_applicable_when_the_contract_is_outside_the_field() -> None:
    detect = Detect.model_validate({
        "not_applicable_when": {"terms": ["pouvoir adjudicateur"]},
        "not_applicable_say": "contrat administratif",
        "scope": {"terms": ["résili*"]},
        "flags": [{"id": "short", "status": "weak", "say": "court", "match": {"terms": ["résili*"]}}],
    })
    public = evaluate_rule(detect, "Le pouvoir adjudicateur peut résilier le marché pour motif d'intérêt général.")
    assert public.status == "not_applicable" and public.reasons == ("contrat administratif",)
    assert public.evidence[0].rule == "not_applicable"
    assert evaluate_rule(detect, "Le Client peut résilier le contrat.").status == "weak"


def test_company_name_is_the_provider_when_only_the_client_is_defined() -> None:
    text = ("BOCALINE, SARL au capital de 5 000 €, RCS Laval 000 000 000, propose ses services aux artisans "
            "(ci-après « le Souscripteur »).\n")
    assert find_parties(text).names.get("bocaline") == "provider"


def test_alias_of_a_party_takes_its_role() -> None:
    text = ("Entre NUVIA SAS, au capital de 10 000 euros, ci-après « Nuvia » ou « l'Exploitant »,\n"
            "Et DELTA SARL, ci-après « le Client ».\n")
    names = find_parties(text).names
    assert names.get("exploitant") == "provider" and names.get("nuvia") == "provider"


def test_signatory_title_and_other_party_do_not_give_the_role() -> None:
    text = ("Entre LOGIPHARM SAS, éditeur de logiciels, ci-après « l'Éditeur »,\n"
            "Et la SELAS PHARMACIE DU PORT, société d'exercice libéral au capital de 50 000 euros, représentée par "
            "son pharmacien titulaire, ci-après « la Pharmacie ».\n")
    assert find_parties(text).names.get("pharmacie") == "client"


def test_notice_given_by_a_party_named_after_the_notice() -> None:
    text = ("Le contrat est reconduit d'année en année, sauf dénonciation par le Client adressée par lettre "
            "recommandée avec accusé de réception au moins cinq (5) mois avant l'échéance, ou par le Prestataire "
            "dans les mêmes formes au moins trois (3) mois avant l'échéance.")
    found = result_of(notice_rule("client", True), text)
    assert found.status == "weak" and dict(found.values)["days"] == "150"
    assert result_of(notice_rule("provider", True), text).status == "pass"


def test_notice_sent_by_the_subject_of_a_subordinate_clause() -> None:
    text = ("À la fin de la période ferme, le contrat se prolonge par périodes d'un an, sauf si le Client notifie "
            "par lettre recommandée, au moins neuf (9) mois avant l'échéance, sa décision d'y mettre fin.")
    found = result_of(notice_rule("client", True), text)
    assert found.status == "weak" and dict(found.values)["days"] == "270"
    assert result_of(notice_rule("provider", True), text).status == "pass"


def test_pronoun_after_the_gerund_is_its_object() -> None:
    text = "Nous pouvons, de notre côté, mettre fin à l'abonnement en vous prévenant par un préavis de six (6) mois."
    assert result_of(notice_rule("provider", True), text).status == "weak"
    assert result_of(notice_rule("client", True), text).status == "pass"


def test_lessor_and_lessee_are_the_provider_and_the_client() -> None:
    text = ("DATALOC SAS, ci-après dénommée « le Loueur », ET BOIS SA, ci-après dénommée « le Locataire ».\n")
    parties = find_parties(text)
    assert parties.role_of("Loueur") == "provider" and parties.role_of("Locataire") == "client"


def test_subject_pronoun_takes_the_party_of_the_subordinate_clause() -> None:
    # "elle en informe le titulaire": the titulaire is informed, the Ville decides and gives the notice
    text = ("ENTRE la société ALTIVIA SAS, au capital de 10 000 euros, ci-après « le titulaire ».\n"
            "Si le Client entend ne pas reconduire le contrat, il en avise le titulaire moyennant un préavis "
            "de cinq (5) mois avant l'échéance.")
    assert result_of(notice_rule("client", False), text).status == "weak"
    assert result_of(notice_rule("provider", False), text).status == "pass"
    # an impersonal "il" names nobody: the party after it is still the subject
    text = ("Si le Client le demande, il est convenu que le Prestataire pourra dénoncer le contrat avec un préavis "
            "de cinq (5) mois.")
    assert result_of(notice_rule("provider", False), text).status == "weak"
    text = "If the Customer wishes to end the Agreement, it shall inform the Supplier by notice of five (5) months."
    assert result_of(notice_rule("client", False), text).status == "weak"


def test_a_long_party_description_still_defines_a_party() -> None:
    # the group acting for its affiliates: its legal form lies far before its defined name
    text = ("ENTRE LES SOUSSIGNÉS : La société ORLAN INDUSTRIE, société anonyme au capital de 2 000 000 euros, "
            "dont le siège social est situé 3 rue des Forges, 69000 Lyon, immatriculée au registre du commerce "
            "sous le numéro 000 000 000, agissant tant pour son compte que pour celui des sociétés qu'elle "
            "contrôle au sens de l'article L. 233-3 du Code de commerce, dont la liste figure en annexe, "
            "représentée par sa directrice des achats, dûment habilitée, ci-après dénommée « le Groupe »,\n"
            "ET la société NORA SAS, ci-après dénommée « le Prestataire ».\n"
            "Le Groupe et le Prestataire conviennent de ce qui suit.")
    assert find_parties(text).role_of("Groupe") == "client"


def test_local_authority_and_member_are_the_client() -> None:
    text = ("Le présent marché a pour objet l'hébergement du site de la Commune de Sarvel (ci-après « la Commune »). "
            "Le titulaire assure l'hébergement.")
    assert find_parties(text).role_of("Commune") == "client"
    text = ("Le Syndicat intercommunal du Val, établissement public, ci-après dénommé « le Syndicat », et la commune "
            "de Brêves, représentée par son maire, ci-après dénommée « la Collectivité membre adhérente ».\n")
    assert find_parties(text).role_of("Syndicat") == "provider"


def test_a_term_quoted_in_passing_is_no_party() -> None:
    # a quoted term near « la Société » and « le Prestataire » names no party, while a second name of a
    # party ("ou « les Résidences »") still takes that party's role
    text = ("ENTRE la société AUBEL SA, au capital de 10 000 euros, ci-après « la Société » ou « les Ateliers »,\n"
            "ET la société NORA SAS, ci-après « le Prestataire ».\n"
            "5.4 Le Prestataire réalise chaque année un audit du code (« bilan technique ») pour la Société.")
    names = find_parties(text).names
    assert names.get("ateliers") == "client"
    assert "bilan" not in names and "technique" not in names


def test_an_activity_named_with_a_role_word_is_no_party() -> None:
    # « hébergeur de données de santé » is a certificate's name: "santé" must not become the provider
    text = ("ENTRE la société NORA SAS, ci-après « le Prestataire », ET la société AUBEL SA, ci-après « le Client ».\n"
            "Le Prestataire est titulaire du certificat « hébergeur de données de santé » n° 0000.")
    names = find_parties(text).names
    assert "sante" not in names and find_parties(text).role_of("santé") is None


def test_the_holder_of_a_right_in_a_party_description_is_no_contract_holder() -> None:
    # « titulaire d'un agrément » describes what the association holds, not the provider of a public contract
    text = ("ENTRE l'Union régionale des clubs de voile, association régie par la loi de 1901, titulaire d'un "
            "agrément ministériel, dont le siège est à Brest, ci-après dénommée « l'Union »,\n"
            "ET la société VELIS SAS, au capital de 10 000 euros, ci-après dénommée « l'Agence ».\n"
            "L'Agence développe l'application de l'Union.")
    assert find_parties(text).role_of("Union") == "client"


def test_a_public_buyer_labelled_in_the_heading_is_the_client_under_its_kind() -> None:
    # « Acheteur : Communauté de communes … » then « la Communauté de communes en informe le titulaire »
    text = ("MARCHÉ PUBLIC DE SERVICES\nAcheteur : Métropole du Val de Sorre, représentée par sa Présidente\n"
            "Titulaire : Exemplia SAS, 3 rue des Serveurs\n"
            "3.2 Si elle ne souhaite pas reconduire, la Métropole en informe le titulaire deux mois avant.")
    assert find_parties(text).role_of("Métropole") == "client"
    # a company labelled as the client keeps no role for its first word
    assert find_parties("Client : Groupe Arvel SA, 2 rue du Port\nLe Prestataire héberge.").role_of("Groupe") is None


def test_notice_given_by_a_party_named_in_several_words() -> None:
    # « sauf dénonciation par le Centre Hospitalier notifiée au moins six mois avant l'échéance »
    text = ("ENTRE : ALPHA FORMATION, société par actions simplifiée au capital de 10 000 euros, ci-après "
            "« le Prestataire »,\nET : CENTRE HOSPITALIER DE BEAUVAL, société anonyme au capital de 100 000 euros, "
            "ci-après « le Centre Hospitalier ».\n"
            "4.2 Le contrat se renouvelle tacitement, sauf dénonciation par le Centre Hospitalier notifiée au moins "
            "six (6) mois avant l'échéance, ou par le Prestataire notifiée au moins trois (3) mois avant celle-ci.")
    found = result_of(notice_rule("client", True), text)
    assert found.status == "weak" and dict(found.values)["days"] == "180"
    # « centre » alone names a data centre as often as the party
    assert find_parties(text).role_of("centre") is None


def test_notice_sent_by_the_agent_of_a_passive() -> None:
    # the notice's sender named as the agent of the passive, the addressee after it
    text = ("La décision de ne pas renouveler le Contrat est notifiée par écrit par le Client au Prestataire au "
            "moins six (6) mois avant l'échéance.")
    found = result_of(notice_rule("client", True), text)
    assert found.status == "weak" and dict(found.values)["days"] == "180"
    assert result_of(notice_rule("provider", True), text).status == "pass"
    text = "Notice of non-renewal shall be given by the Customer no later than six (6) months before expiry."
    assert result_of(notice_rule("client", True), text).status == "weak"


def test_a_public_body_and_a_company_of_unknown_roles() -> None:
    # the role word of the text names a third company (the host), not one of the two parties
    text = ("ENTRE le Centre hospitalier de Valdric, établissement public de santé, dont le siège est situé 1 rue "
            "Haute, ci-après « l'Hôpital »,\nET NUBIA, société par actions simplifiée au capital de 10 000 euros, "
            "immatriculée au RCS de Lyon, ci-après « la Société ».\n"
            "1.4 « Hébergeur » : la société CLOUDA SAS, à laquelle la Société confie l'hébergement.\n"
            "L'Hébergeur est certifié.")
    parties = find_parties(text)
    assert parties.role_of("Hôpital") == "client" and parties.role_of("Société") == "provider"


def test_the_short_alias_of_a_party_named_in_several_words() -> None:
    text = ("ACME SAS, société par actions simplifiée au capital de 5 000 euros, ci-après « l'Éditeur »,\nET\n"
            "CABINET DUVAL, société d'exercice libéral au capital de 9 000 euros, immatriculée au RCS de Nantes sous "
            "le numéro 000 000 000, dont le siège est situé 4 place du Marché, 44000 Nantes, exploitant trois centres "
            "d'imagerie médicale en Loire-Atlantique et en Vendée, représentée par son gérant, "
            "ci-après « le Cabinet de radiologie » ou « le Cabinet ».\nLe Cabinet peut résilier le Contrat.")
    assert find_parties(text).role_of("Cabinet") == "client"


def test_a_reseller_provides() -> None:
    assert find_parties("the Reseller and the Client").role_of("Reseller") == "provider"


def test_a_sole_trader_defined_as_je_is_the_provider() -> None:
    parties = find_parties("Entre la Commune de Saint-Oyen, ci-après « la Mairie », et Paul Web, entrepreneur individuel, "
                           "ci-après « le Prestataire » ou « je » dans le texte.")
    assert parties.role_of("je") == "provider" and parties.role_of("mon") == "provider"
    assert parties.role_of("Mairie") == "client"
    assert find_parties("La société X SAS, ci-après « le Prestataire ».").role_of("je") is None


def test_a_local_authority_named_only_by_its_kind_is_the_client() -> None:
    text = ("RÉGION DES HAUTS-VALLONS\nMarché public de services\nTitulaire : société Y\n"
            "La Région confie au titulaire l'hébergement. La Région paie le prix. Si la Région ne reconduit pas le "
            "marché, elle en informe le titulaire.")
    assert find_parties(text).role_of("Région") == "client"
    # a client already named: the authority's word stays free
    assert find_parties(text + " Le Client signe. Le Client paie.").role_of("Région") is None


def test_the_following_sentence_qualifies_a_right() -> None:
    detect = Detect.model_validate({
        "scope": {"terms": ["suspend*"]},
        "flags": [{"id": "reaches", "status": "weak", "say": "reaches",
                   "match": {"all": [{"terms": ["suspend*"]},
                                     {"none": [{"following": {"terms": ["export*"]}}]}]}}],
    })
    spared = ("Article 4 – Impayés\nLe Prestataire peut suspendre la console. Cette suspension laisse "
              "l'export des données ouvert.")
    assert result_of(detect, spared).status == "pass"
    assert result_of(detect, "Article 4 – Impayés\nLe Prestataire peut suspendre la console. Le Client paie.").status == "weak"
