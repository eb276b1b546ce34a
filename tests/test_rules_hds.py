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
    # contract never names otherwise is that party's, while a term defined mid-sentence is not a party
    text = ('ORVANE CLOUD SAS, registered office in Lyon (the "Host"); and\n'
            'MEDILINK SAS, registered office in Nantes (the "Company").\n'
            'WHEREAS the Company runs an application (the "Application") used by clinics.\n'
            '1. The Host hosts the Application. The Company may terminate this Agreement.')
    assert find_parties(text).names == {"company": "client"}
