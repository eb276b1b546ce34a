"""Engine details the HDS rules stand on."""

from __future__ import annotations

from conftest import rule_context

from auditor.evaluate import compile_phrase, first_position
from auditor.parties import actor, find_parties


def test_managed_service_provider_called_msp_is_the_provider():
    # "The MSP manages the operating systems and backups": a managed-services agreement's name for the provider
    context = rule_context("The MSP manages the operating systems and the nightly backups of the Customer's patient records.")
    sentence = context.sentences[0]
    position = next(i for i, token in enumerate(sentence.tokens) if token.text == "manages")
    assert set(actor(sentence, position, find_parties(context.document.text))) == {"provider"}


def test_numbered_items_of_a_statute_match_as_the_tokenizer_splits_them():
    # "1° à 6°" is read as "1" "°" "à" "6" "°": a rule written "1° à 6°" must match it
    context = rule_context("Le certificat couvre les activités 1° à 6° de l'article R. 1111-9.")
    assert compile_phrase("1° à 6°") == ("1", "°", "a", "6", "°")
    assert first_position(context.sentences[0], ["1° à 6°"], context.cache)


def test_party_named_only_by_a_bracketed_definition_closing_its_description():
    # '... registered office in Nantes (the "Company").': no "hereinafter", no role word; the one role the
    # contract never names otherwise is that party's, while a term defined mid-sentence is not a party (the Host's
    # own company name, opening its entry, is the Host's)
    text = ('ORVANE CLOUD SAS, registered office in Lyon (the "Host"); and\n'
            'MEDILINK SAS, registered office in Nantes (the "Company").\n'
            'WHEREAS the Company runs an application (the "Application") used by clinics.\n'
            '1. The Host hosts the Application. The Company may terminate this Agreement.')
    assert find_parties(text).names == {"orvane": "provider", "company": "client"}


def test_a_matrix_row_entrusting_an_activity_beyond_its_own_certificate():
    # the headings cite a statute ("R. 1111-9") and still head their columns; a row's certificate cell names the
    # activities it covers after the word "activités"; a row with no certified activities stated concludes nothing
    from auditor.evaluate import row_numbers
    from auditor.rules import RowTest

    text = ("Annexe 2 – Chaîne d'hébergement\n"
            "| Intervenant | Activités R. 1111-9 exercées | Certificat | Activités certifiées |\n"
            "|---|---|---|---|\n"
            "| Nuvola SAS | 1 à 4 | HDS-NV-2024-3 | 1, 2, 3 et 4 |\n"
            "| Archiva SARL | 6 | HDS-AR-2023-9 | 1 et 2 |\n"
            "| le Prestataire | 5 et 6 | en cours d'obtention | à préciser |\n"
            "| Bandoria SA | 2, 5 et 6 | HDS-BD-2025-1, activité 1 (sites physiques), valable jusqu'au 1er juin 2027 | – |\n")
    context = rule_context(text)
    test = RowTest(cell=["activit*"], within=["certifi*"], listed=["activit*"])
    flagged = {context.document.text[s.start:s.end].split("|")[0].strip()
               for s in context.sentences if row_numbers(test, s, context)}
    assert flagged == {"Archiva SARL", "Bandoria SA"}
    in_order = RowTest(cell=["activit*"], within=["certifi*"], listed=["activit*"], compare="within")
    assert {context.document.text[s.start:s.end].split("|")[0].strip()
            for s in context.sentences if row_numbers(in_order, s, context)} == {"Nuvola SAS"}


def test_a_validity_range_is_read_to_its_last_day():
    # "valable du 1er octobre 2023 au 30 septembre 2026": the certificate ends on the range's last day, not its first
    import datetime as dt

    from auditor.evaluate import date_hit
    from auditor.rules import DateTest

    test = DateTest(near=["valable du"], before_audit=True, record="certificate_expiry")
    expired = rule_context("Le certificat HDS est valable du 1er octobre 2023 au 30 septembre 2026.")
    expired.audit_date = dt.date(2026, 11, 23)
    hit = date_hit(test, expired.sentences[0], expired)
    assert hit is not None and dict(hit.values)["certificate_expiry"] == "2026-09-30"
    valid = rule_context("Le certificat HDS est valable du 1er octobre 2023 au 30 septembre 2028.")
    valid.audit_date = dt.date(2026, 11, 23)
    assert date_hit(test, valid.sentences[0], valid) is None


def test_a_role_word_defined_as_a_company_serving_the_provider_names_no_party():
    # « Hébergeur » : la société X, sous-traitant de l'Éditeur — the host is a third company, not the provider; a
    # role word defined as the provider's own name keeps its role
    text = ("1.4 « Hébergeur » : la société NUAGERIE SAS, sous-traitant de l'Éditeur, qui fournit les salles.\n"
            "1.5 « Hébergeur Physique » : la société DATASALLE, qui met à disposition du Prestataire ses locaux.\n")
    assert find_parties(text).role_of("Hébergeur") is None
    assert find_parties("1.2 « Prestataire » : la société NUAGERIE SAS, qui héberge les données.\n").role_of("Prestataire") \
        == "provider"
